"""German. Passive: a form of "werden" (or "sein" for the state passive) with a participle."""

from __future__ import annotations

import re

from seo_audit.lang._common import Flesch, Periphrastic, Syllables, matches, phrases

FUNCTION_WORDS = frozenset(
    """der die das den dem des ein eine einen einem einer eines und oder aber doch sondern denn
    in im ins an am ans auf aus bei mit nach seit von vom zu zum zur über unter vor hinter
    neben zwischen durch für gegen ohne um bis als wie wenn dass ob weil da ich du er sie es
    wir ihr mich dich sich uns euch mir dir ihm ihnen mein dein sein unser euer dies diese
    dieser dieses jene jener welche welcher welches ist sind war waren bin bist sei wird werden
    wurde wurden hat haben hatte hatten kann können muss müssen soll sollen will wollen nicht
    kein keine auch noch nur schon sehr so man was wer wo wie warum hier dort""".split()
)
SNOWBALL = "german"
FLESCH = Flesch(180.0, 1.0, 58.5)  # Amstad (1978)
# Diphthongs and long vowels are one syllable; other vowel pairs two ("Sau-er-teig").
SYLLABLES = Syllables(
    vowels="aeiouyäöü",
    nuclei=("aa", "ee", "oo", "ie", "ei", "ai", "ey", "ay", "au", "äu", "eu", "ou"),
    consonant_y=True,
)
FAQ_HEADINGS = (r"häufig(?:e|\s+gestellte)\s+fragen", r"fragen\s+und\s+antworten")
# "Häufige Fragen zum …"
FAQ_TOPIC_PREPOSITIONS = ("zu", "zum", "zur", "über")
TRANSITION_WORDS = frozenset(
    """aber allerdings also außerdem danach dann darum daher dennoch deshalb deswegen doch
    ebenfalls ebenso endlich erstens zweitens drittens folglich hingegen jedoch letztlich
    nachdem schließlich sodass somit später stattdessen trotzdem übrigens vorher weil während
    zudem zuerst zunächst zusätzlich zwar insbesondere beispielsweise anschließend""".split()
)
TRANSITION_PHRASES = phrases(
    """zum beispiel|im gegenteil|auf der anderen seite|mit anderen worten|im gegensatz dazu
    |vor allem|im übrigen|zum schluss|aus diesem grund|das heißt|nicht nur|im folgenden"""
)
# Examples the transition-words finding suggests to a writer of the language.
TRANSITION_EXAMPLES = ("außerdem", "deshalb", "zum Beispiel")
BEGINNING_EXCEPTIONS = frozenset(
    "der die das den dem des ein eine einen einem einer eines dieser diese dieses".split()
)
_AUXILIARIES = frozenset(
    "werde wirst wird werden werdet wurde wurdest wurden wurdet worden würde würden".split()
)
_BREAKS = frozenset("und oder aber denn weil dass ob wenn als während obwohl damit".split())
# ge- participles, -iert, and participles of verbs with an inseparable prefix, which take no
# ge- ("verrührt", "bezahlt", "erklärt").
_PARTICIPLE_RE = re.compile(r"^(?:\w*ge\w+(?:t|en)|\w+iert|(?:ver|be|er|zer|ent|emp|miss)\w{2,}t)$")


# The participle closes the clause ("Zuerst werden fünfzig Gramm Mehl … verrührt"), so it may
# come anywhere in it.
is_passive = Periphrastic(
    _AUXILIARIES,
    matches(_PARTICIPLE_RE, FUNCTION_WORDS),
    _BREAKS,
    window=30,
    participle_may_come_first=True,
)
