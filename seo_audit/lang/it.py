"""Italian. Passive: a form of "essere" or "venire" with a participle (-ato, -ito, -uto…)."""

from __future__ import annotations

import re

from seo_audit.lang._common import Flesch, Periphrastic, Syllables, matches, phrases

FUNCTION_WORDS = frozenset(
    """il lo la i gli le l un uno una e ed o ma però che di del dello della dei degli delle a
    al allo alla ai agli alle da dal dalla in nel nella nei con su sul sulla per tra fra io
    tu lui lei noi voi loro mi ti si ci vi ne mio tuo suo nostro vostro questo questa questi
    queste quello quella è sono era erano essere stato stata ha hanno aveva non più molto
    anche come se tutto tutti tutta tutte""".split()
)
SNOWBALL = "italian"
FLESCH = Flesch(217.0, 1.3, 60.0)  # Franchina & Vacca (1972)
LONG_SENTENCE = 25
SYLLABLES = Syllables(
    vowels="aeiouàèéìíòóù",
    nuclei=(
        *("iei", "uoi", "iuo"),
        *("ia", "ie", "io", "iu", "ua", "ue", "ui", "uo", "ai", "ei", "oi", "au", "eu"),
        *("ià", "iè", "ié", "iò", "iù", "uò", "uó"),
    ),
    silent_u=True,
)
FAQ_HEADINGS = (r"domande\s+frequenti", r"domande\s+e\s+risposte")
# "Domande frequenti sulla …"
FAQ_TOPIC_PREPOSITIONS = ("su", "sul", "sulla", "sui", "sugli", "sulle", "di")
TRANSITION_WORDS = frozenset(
    """inoltre infatti quindi dunque però tuttavia comunque invece poi infine dopo prima
    allora perciò pertanto anzi ovvero cioè oppure mentre sebbene benché finalmente
    successivamente""".split()
)
TRANSITION_PHRASES = phrases(
    """per esempio|ad esempio|in primo luogo|d'altra parte|al contrario|in conclusione
    |di conseguenza|in altre parole|prima di tutto|in effetti|a causa di|nonostante ciò
    |in particolare|oltre a ciò"""
)
# Examples the transition-words finding suggests to a writer of the language.
TRANSITION_EXAMPLES = ("tuttavia", "quindi", "per esempio")
BEGINNING_EXCEPTIONS = frozenset("il lo la i gli le un uno una questo questa questi queste".split())
# "andare" makes a passive of obligation: "la moka va messa sul fuoco".
_AUXILIARIES = frozenset(
    """sono sei è siamo siete era erano fu furono sarà saranno stato stata stati state viene
    vengono veniva venivano venne vennero verrà verranno va vanno andava andavano andrà
    andranno""".split()
)
_BREAKS = frozenset("e ed o ma che chi quando dove perché se mentre sebbene".split())
# Regular -ato/-ito/-uto and the common irregular endings (fatto, visto, messo, diviso,
# preso, chiuso); not -ese, which is mostly a nationality ("francese").
_PARTICIPLE_RE = re.compile(
    r"^\w{2,}(?:ato|ata|ati|ate|ito|ita|iti|ite|uto|uta|uti|ute|tto|tta|tti|tte|sto|sta|sso|ssa)$"
    r"|^\w{2,}(?:iso|isa|isi|ise|eso|esa|uso|usa|usi|use)$"
)


# Adjectives with a participle's ending, and words after an article, a preposition or "molto",
# which are nouns or adjectives ("il tetto", "molto stanco").
_ADJECTIVES = frozenset(
    f"{stem}{end}"
    for stem in ("perfett", "esatt", "strett", "brutt", "asciutt", "dritt")
    for end in "oaie"
)
_NOT_AFTER = frozenset(
    """il lo la i gli le un uno una del della dei degli delle al alla ai agli alle di a da in
    con su per tra fra molto più meno così""".split()
)


is_passive = Periphrastic(
    _AUXILIARIES,
    matches(_PARTICIPLE_RE, FUNCTION_WORDS | _ADJECTIVES),
    _BREAKS,
    not_after=_NOT_AFTER,
)
