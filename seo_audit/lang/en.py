"""English, written for seo-audit (not Yoast's lists).

Passive voice: a clause with a form of "be" or "get" followed by a past participle. Transition
words: single words and phrases that link a sentence to the one before. Syllables: vowel groups
corrected by spelling rules, each checked against a pronouncing dictionary.
"""

from __future__ import annotations

import re

from seo_audit.lang._common import Flesch, Periphrastic, Syllables, phrases

# A small hand-made list of function words (articles, pronouns, prepositions, conjunctions,
# auxiliaries). Keyphrase words on it do not have to appear in the text.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet for of in on at to from by with without about above below
    over under into onto upon out off up down through during before after since until till
    between among against across along around behind beside besides beyond near toward towards
    via per than as if then else when while where whereas whether because although though
    i me my mine myself you your yours yourself we us our ours ourselves he him his himself she
    her hers herself it its itself they them their theirs themselves this that these those who
    whom whose which what whatever whoever is am are was were be been being do does did done
    doing have has had having will would shall should can could may might must ought not no
    very too also just only even all any some each every both either neither such own same
    other another more most much many few less least there here how why again once ever
    really quite rather s t""".split()
)
SNOWBALL = "english"
FLESCH = Flesch(206.835, 1.015, 84.6)  # Flesch (1948)
FAQ_HEADINGS = (
    r"faqs?",
    r"frequently[\s-]+asked[\s-]+questions?",
    r"questions?\s+(?:and|&)\s+answers?",
    r"q\s*&\s*a",
)
# "FAQs about …"
FAQ_TOPIC_PREPOSITIONS = ("about", "on", "regarding", "for", "of")

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
# Examples the transition-words finding suggests to a writer of the language.
TRANSITION_EXAMPLES = ("however", "so", "for example")
# First words that say little on their own: a sentence's beginning takes the next word too.
BEGINNING_EXCEPTIONS = frozenset(
    "the a an this that these those one two three four five six seven eight nine ten".split()
)


# Participles that after "be" say where something is, where it comes from or how someone
# feels, with no doer meant and no active sentence a writer could turn them into: "the office
# is located in Leeds", "he was born in 1957", "we're excited". Each was a false passive on
# the tune half of the corpus (benchmarks/yoast_parity.py) or in the issue that asked for it;
# other feelings ("pleased", "worried") still count, as they do in the tools writers use
# elsewhere.
STATES = frozenset("located based born excited concerned".split())


def is_participle(word: str) -> bool:
    if word in STATES:
        return False
    if word in IRREGULAR_PARTICIPLES:
        return True
    return len(word) > 3 and word.endswith("ed") and word not in NOT_PARTICIPLES


# Words that may stand between "be" and its participle: adverbs ("quickly", "also", "then"),
# "not", quantifiers that float ("all", "both"), and "being"/"been" ("is being built").
BETWEEN = frozenset(
    """not never also still then just all both each often already ever now even being been
    once first last again really quite so too soon later yet always usually sometimes since
    further long well best better neither either""".split()
)


# Words in -ly that are no adverbs and come before a participle ("is family owned").
_LY_NOUNS = frozenset("family assembly supply rally italy july ally belly jelly".split())


def may_come_between(word: str) -> bool:
    return word in BETWEEN or (word.endswith("ly") and len(word) > 4 and word not in _LY_NOUNS)


def is_progressive(word: str) -> bool:
    """An -ing form right after "be" ("is growing", "is leading"): the auxiliary is its."""
    return word.endswith("ing") and len(word) > 4 and word not in {"being", "thing"}


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
    between=may_come_between,
    existential=frozenset({"there"}),
    progressive=is_progressive,
    compounds=True,
)


# Spelling needs a few patterns on top of vowel groups. Each was checked against a
# pronouncing dictionary on the corpus's words (`benchmarks/syllables.py`): together
# they bring the share of miscounted running words from 4.6 % to 1.7 %.
#
# "y" is a consonant before a vowel at the start of a word or between vowels ("yes", "royal").
_Y_CONSONANT = re.compile(r"(?:^|(?<=[aeiou]))y(?=[aeiou])")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Vowel pairs read as two syllables.
_SPLITS = re.compile(
    "|".join(
        (
            # ra-di-o, me-di-um; not -tion, -sion, -cial, -gion, mil-lion, un-ion, be-hav-ior,
            # Vir-gin-ia
            r"(?<![tscg])i[aou](?<!lio|nio)(?<!vio(?=r))(?<!nia(?=s?$))",
            r"(?<=c)iat|(?<=^g)ia",  # as-so-ci-ate, gi-ant
            r"(?<![gc])eo(?!pl)",  # vi-de-o; not peo-ple, George, pig-eon
            r"(?<![qgj])ua|(?<![qg])uo",  # ac-tu-al, du-o; not qual-i-ty, lan-guage
            r"(?<=[^aeiouw])y(?=[eio])",  # try-ing, fly-er; not law-yer
            r"(?<=[aeiou])i(?=ngs?$)",  # go-ing, see-ing
            r"(?<![tc])ie(?=n[tc]|t)|(?<=sc)ie(?=n)|(?<=c)iet",  # cli-ent, qui-et, sci-ence
            # ear-li-er, eas-i-est; not pier, priest
            r"(?<=[aeiouy].[^aeiou])ie(?=rs?$|st$)|(?<=[aeiouy]..[^aeiou])ie(?=rs?$|st$)",
            r"(?<=[ia])sms?$",  # crit-i-cism, en-thu-si-asm
            r"^mc(?=[^aeiouy])",  # Mc-Don-ald
            r"(?<=^cr)ea(?!tur)|(?<=^r)ea(?=ct|li[tsz]|ssess|ssur|ffirm|ppear)|(?<=th)ea(?=t)",
            # i-de-a, ar-e-as, Ko-re-an; not sea, bean, o-cean
            r"(?<=[aeiouy][^aeiou])ea(?=s?$)|(?<=[aeiouy][^aeiou][^aeiou])ea(?=s?$)",
            r"(?<=[aeiouy][^aeiouc])ean|(?<=[aeiouy][^aeiou][^aeiouc])ean",
            r"(?<=[^aeiouy])n[’']t$",  # did-n't, is-n't
        )
    )
)
# A final e is silent ("make", "named", "makes") unless it is sounded: a consonant plus "le(s)"
# ("table", not "ville"), "-es" after a sibilant ("boxes", "changes"), "-ed" after t or d
# ("wanted"), "-ire" ("fire") and consonant + "re" ("centre").
_SILENT_E = re.compile(r"[^aeiouy]e[sd]?$")
_SOUNDED = re.compile(r"(?:[^aeiouyl]les?|(?:[sxz]|[cs]h|[cg])es|[td]ed|ire[sd]?|[bcdfgkpt]res?)$")
# Silent e's inside a word: before -ly, -ty, -ment, -ful, -less, -ness ("likely", "safety",
# "statement", "useless"; not "element", "nevertheless"), in some- compounds, and -gue/-que.
_INNER_SILENT = re.compile(
    r"(?<=[^aeiouy])e(?=ly$|ty$)|(?<=[^aeiouyl])e(?=ments?$)"
    r"|(?<=[^aeiouyh])e(?=(?:ful|fully|less|ness)$)"
    r"|(?<=^som)e(?=one|thing|times?|where|how|body|what)|(?<=[aeioun][gq])ue(?=s?$)"
)
# Clitics add no syllable ("there's", "it'll"); "n't" does, by the rule above.
_CLITIC = re.compile(r"[’'](?:s|ll|re|ve|d|m)$")
# Common words no spelling rule gets right.
_IRREGULAR_SYLLABLES = {"business": 2, "businesses": 3, "wednesday": 2, "wednesdays": 2, "maybe": 2}


def count_syllables(word: str) -> int:
    word = _CLITIC.sub("", word)
    if word in _IRREGULAR_SYLLABLES:
        return _IRREGULAR_SYLLABLES[word]
    spelled = _Y_CONSONANT.sub("j", word)
    count = len(_VOWEL_GROUPS.findall(spelled))
    if count == 0:
        return 1  # "TV", "tsp": no vowel to count, but a word is at least one syllable
    if count > 1 and _SILENT_E.search(spelled) and not _SOUNDED.search(spelled):
        count -= 1
    if count > 1:
        count -= len(_INNER_SILENT.findall(spelled))
    count += len(_SPLITS.findall(spelled))
    return max(count, 1)


SYLLABLES = Syllables(vowels="aeiouy", counter=count_syllables)
