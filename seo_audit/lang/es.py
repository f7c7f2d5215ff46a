"""Spanish. Passive: a form of "ser" with a participle (-ado, -ido and their forms)."""

from __future__ import annotations

import re

from seo_audit.lang._common import Flesch, Periphrastic, Syllables, matches, phrases

FUNCTION_WORDS = frozenset(
    """el la los las lo un una unos unas y e o u pero sino ni que de del a al en con por para
    sin sobre entre hasta desde hacia contra según durante como cuando donde quien cual yo tú
    él ella nosotros vosotros ellos ellas me te se nos os le les mi tu su nuestro vuestro
    este esta estos estas ese esa esos esas es son era eran ser fue fueron ha han había no
    muy más también ya si todo todos toda todas""".split()
)
SNOWBALL = "spanish"
FLESCH = Flesch(206.84, 1.02, 60.0)  # Fernández Huerta (1959)
LONG_SENTENCE = 25
# Diphthongs and triphthongs are one syllable; other vowel pairs two ("le-er").
SYLLABLES = Syllables(
    vowels="aeiouáéíóúü",
    nuclei=(
        *("iai", "iei", "uai", "uei"),
        *("ai", "ei", "oi", "au", "eu", "ou", "ia", "ie", "io", "iu", "ua", "ue", "ui", "uo"),
        *("iá", "ié", "ió", "uá", "ué", "uó"),
    ),
    silent_u=True,
)
FAQ_HEADINGS = (r"preguntas\s+frecuentes", r"preguntas\s+y\s+respuestas")
# "Preguntas frecuentes sobre …"
FAQ_TOPIC_PREPOSITIONS = ("sobre", "acerca de", "de")
TRANSITION_WORDS = frozenset(
    """además asimismo también pero sin embargo aunque entonces luego después finalmente
    primero segundo tercero porque pues así consecuentemente igualmente incluso mientras
    posteriormente previamente sobre todo""".split()
) - {"sin", "embargo", "sobre", "todo"}
TRANSITION_PHRASES = phrases(
    """sin embargo|por ejemplo|por lo tanto|en cambio|por otro lado|es decir|en primer lugar
    |por consiguiente|en conclusión|en resumen|a pesar de|no obstante|de hecho|por eso
    |sobre todo|al final|a continuación|en otras palabras"""
)
# Examples the transition-words finding suggests to a writer of the language.
TRANSITION_EXAMPLES = ("sin embargo", "por eso", "por ejemplo")
BEGINNING_EXCEPTIONS = frozenset("el la los las un una unos unas este esta estos estas".split())
_AUXILIARIES = frozenset(
    """soy eres es somos sois son era eras éramos eran fui fue fuimos fueron será serán sido
    ser""".split()
)
_BREAKS = frozenset("y e o u pero que quien cuando donde porque aunque si mientras".split())
# Regular -ado/-ido and the irregular stems (abierto, escrito, hecho, puesto, visto, vuelto…),
# not any word in -to or -ta ("hasta", "esta").
_PARTICIPLE_RE = re.compile(
    r"^\w{2,}(?:ado|ada|ados|adas|ido|ida|idos|idas)$"
    r"|^\w*(?:abiert|cubiert|escrit|muert|puest|rot|vist|vuelt|suelt|frit|impres|dich|hech)"
    r"(?:o|a|os|as)$"
)


# After an article, a preposition or "muy" a participle-like word is a noun or an adjective
# ("con cuidado", "muy cansado").
_NOT_AFTER = frozenset(
    "el la los las un una unos unas del al de con en por para sin sobre muy más menos tan".split()
)


is_passive = Periphrastic(
    _AUXILIARIES,
    matches(_PARTICIPLE_RE, FUNCTION_WORDS | {"demasiado", "demasiada", "demasiados"}),
    _BREAKS,
    not_after=_NOT_AFTER,
)
