"""Dutch. Passive: a form of "worden" (or "zijn") with a participle (ge-…-d/-t/-en)."""

from __future__ import annotations

import re

from seo_audit.lang._common import Flesch, Periphrastic, Syllables, matches, phrases

FUNCTION_WORDS = frozenset(
    """de het een en of maar want dus in op aan bij met naar van voor door over onder tussen
    tot uit om als dan dat die dit deze wie wat waar ik jij je hij zij ze wij we jullie me mij
    hem haar ons hun mijn jouw zijn uw is was waren ben bent wordt worden werd werden heeft
    hebben had niet geen ook nog al zeer zo heel meer""".split()
)
SNOWBALL = "dutch"
FLESCH = Flesch(206.835, 0.93, 77.0)  # Douma (1960)
SYLLABLES = Syllables(
    vowels="aeiouyëïé",
    nuclei=(
        *("eeu", "ieu", "oei", "aai", "ooi"),
        *("aa", "ee", "oo", "uu", "ie", "oe", "eu", "ui", "ei", "ou", "au"),
    ),
    consonant_y=True,
)
FAQ_HEADINGS = (r"veel\s*gestelde\s+vragen", r"vragen\s+en\s+antwoorden")
# "Veelgestelde vragen over …"
FAQ_TOPIC_PREPOSITIONS = ("over", "van")
TRANSITION_WORDS = frozenset(
    """bovendien daarna daarom dus echter eerst eindelijk ook immers maar namelijk nadat
    omdat ondanks toch vervolgens want zodat tenslotte uiteindelijk daarnaast evenals
    tevens""".split()
)
TRANSITION_PHRASES = phrases(
    """bijvoorbeeld|aan de andere kant|met andere woorden|in de eerste plaats|als gevolg
    |in tegenstelling tot|kortom|ten eerste|ten tweede|niet alleen|al met al|om die reden"""
)
# Examples the transition-words finding suggests to a writer of the language.
TRANSITION_EXAMPLES = ("bovendien", "daarom", "bijvoorbeeld")
BEGINNING_EXCEPTIONS = frozenset("de het een deze dit die dat".split())
_AUXILIARIES = frozenset("word wordt worden werd werden geworden".split())
_BREAKS = frozenset("en of maar want dat omdat als wanneer terwijl hoewel".split())
# ge- participles, also after a separable prefix ("aangetast", "opgelost"), and participles
# of be-, ver-, ont-, her- verbs, which take no ge- ("bereikt", "verkocht").
_PARTICIPLE_RE = re.compile(r"^\w*ge\w{2,}(?:d|t|en)$|^\w*(?:be|ver|ont|her)\w{2,}(?:d|t|en)$")


# The participle closes the clause, as in German.
is_passive = Periphrastic(
    _AUXILIARIES,
    matches(_PARTICIPLE_RE, FUNCTION_WORDS),
    _BREAKS,
    window=30,
    participle_may_come_first=True,
)
