"""English, written for seo-audit (not Yoast's lists).

Passive voice: a clause with a form of "be" or "get" followed by a past participle. Transition
words: single words and phrases that link a sentence to the one before.
"""

from __future__ import annotations

from seo_audit.lang._common import Periphrastic, phrases
from seo_audit.text.words import FUNCTION_WORDS_EN

PASSIVE_AUXILIARIES = frozenset(
    """am is are was were be been being isn't aren't wasn't weren't get gets got gotten getting
    he's she's it's that's there's what's i'm we're you're they're""".split()
)
# Irregular past participles (the regular ones end in -ed).
IRREGULAR_PARTICIPLES = frozenset(
    """arisen awoken born borne beaten become begun bent bet bid bitten bled blown broken bred
    brought built burnt burst bought cast caught chosen clung come cost crept cut dealt dug done
    drawn dreamt drunk driven eaten fallen fed felt fought found fled flung flown forbidden
    forgotten forgiven forsaken frozen given gone ground grown hung had heard hidden hit held
    hurt kept knelt known laid led leant leapt learnt left lent let lain lit lost made meant met
    mistaken overcome overtaken overthrown paid proven put quit read rid ridden rung risen run
    said sawn seen sought sold sent set sewn shaken shed shone shot shown shrunk shut sung sunk
    sat slain slept slid slung slit smelt sown spoken sped spelt spent spilt spun spat split
    spoilt spread sprung stood stolen stuck stung stunk stridden struck strung striven sworn
    swept swollen swum swung taken taught torn told thought thrown thrust trodden understood
    undertaken undergone upset woken worn woven wed wept won wound withdrawn withheld withstood
    wrung written""".split()
)
# Words ending in -ed that are not participles.
NOT_PARTICIPLES = frozenset(
    """bed red sled need seed speed feed breed creed deed greed heed reed weed indeed hundred
    kindred sacred naked wicked rugged ragged beloved learned aged jagged crooked""".split()
)
CLAUSE_BREAKS = frozenset(
    """and but or because although though while whereas which who whom whose that when where
    if unless until since after before so why how what whether""".split()
)

TRANSITION_WORDS = frozenset(
    """accordingly additionally afterwards afterward also although altogether besides but
    consequently conversely finally firstly secondly thirdly furthermore hence however
    indeed instead likewise meanwhile moreover namely nevertheless nonetheless notably
    otherwise overall particularly previously similarly since so subsequently then
    thereafter therefore though thus ultimately whereas while because lastly eventually
    generally specifically especially initially despite unlike after before when whenever
    until unless albeit basically certainly chiefly comparatively concurrently contrarily
    correspondingly during evidently explicitly formerly hence henceforth identically lest
    markedly notwithstanding obviously occasionally regardless significantly simultaneously
    surely surprisingly thereupon undeniably undoubtedly unquestionably if including""".split()
)
# Words that link only when they open a sentence: "First, …", "Still, …", "Now we …", not
# "the first time", "still open", "a second model".
OPENING_WORDS = frozenset(
    """first second third now again yet still once later next another earlier soon shortly
    presently further rather equally""".split()
)
TRANSITION_PHRASES = phrases(
    """as a result|for example|for instance|in addition|in contrast|in fact|in other words
    |in short|in summary|in conclusion|on the other hand|on the contrary|as well as|as long as
    |after all|at the same time|at first|at last|above all|even so|even though|even if
    |for this reason|in the end|in the meantime|in particular|in the same way|of course
    |on top of that|to begin with|to sum up|to conclude|that is|as soon as|in order to
    |so that|rather than|due to|because of|such as|first of all|as a consequence|by contrast
    |in any case|all in all|as mentioned|in brief|to illustrate|to clarify|in spite of
    |after that|all of a sudden|all things considered|along with|at least|before long
    |by and large|by the time|for one thing|for the most part|from time to time|given that
    |in case|in effect|in general|in the first place|in turn|last but not least
    |most importantly|not to mention|now that|on the whole|only if|provided that|so far
    |then again|to put it differently|to summarize|whether or not|with this in mind
    |according to|compared to|compared with|in that case|in this case|for that reason
    |in light of|in the light of"""
)
TWO_PART = (
    ("both", "and"),
    ("either", "or"),
    ("neither", "nor"),
    ("not only", "but also"),
    ("whether", "or"),
)
# First words that say little on their own: a sentence's beginning takes the next word too.
# Examples the transition-words finding suggests to a writer of the language.
TRANSITION_EXAMPLES = ("however", "so", "for example")
BEGINNING_EXCEPTIONS = frozenset(
    "the a an this that these those one two three four five six seven eight nine ten".split()
)


def is_participle(word: str) -> bool:
    if word in IRREGULAR_PARTICIPLES:
        return True
    return len(word) > 3 and word.endswith("ed") and word not in NOT_PARTICIPLES


# Words after which a participle-looking word is a noun or an adjective.
NOT_AFTER = frozenset(
    """the a an this these those my your his her its our their some any no every each to on in
    at of for with from by into onto over under very more most less least too so quite""".split()
)
# "is being built", "was quickly sold": the participle may come a few words after the auxiliary.
is_passive = Periphrastic(
    PASSIVE_AUXILIARIES,
    is_participle,
    CLAUSE_BREAKS,
    window=3,
    not_after=NOT_AFTER,
    stops=frozenset("the a an this these those my your his her its our their".split()),
    subjects=frozenset("i you he she we they".split()),
    agents=frozenset({"by"}),
)

FUNCTION_WORDS = FUNCTION_WORDS_EN
