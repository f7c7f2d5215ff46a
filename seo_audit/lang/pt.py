"""Portuguese. Passive: a form of "ser" with a participle (-ado, -ido and their forms)."""

from __future__ import annotations

import re

from seo_audit.lang._common import Flesch, Periphrastic, Syllables, matches, phrases

FUNCTION_WORDS = frozenset(
    """o a os as um uma uns umas e ou mas que de do da dos das em no na nos nas por pelo pela
    para com sem sobre entre até desde como quando onde quem qual eu tu ele ela nós vós eles
    elas me te se lhe lhes meu teu seu nosso este esta estes estas esse essa isso isto é são
    era eram ser foi foram sido não muito mais também já se todo todos toda todas""".split()
)
SNOWBALL = "portuguese"
FLESCH = Flesch(248.835, 1.015, 84.6)  # Martins et al. (1996)
LONG_SENTENCE = 25
# After a written stress, a final unstressed vowel pair is one syllable ("sé-rie", "ví-deo",
# "gê-nio").
SYLLABLES = Syllables(
    vowels="aeiouáâãàéêíóôõú",
    nuclei=(
        *("ai", "ei", "oi", "ui", "au", "eu", "ou", "iu", "ão", "ãe", "õe", "ãi"),
        *("ái", "éi", "ói", "éu", "óu"),
    ),
    silent_u=True,
    fused_ending=re.compile(r"[áéíóúâêô][^aeiouáéíóúâêôãõ]+(?:ia|io|ie|ea|eo|ua|uo)s?$"),
)
FAQ_HEADINGS = (r"perguntas\s+frequentes", r"perguntas\s+e\s+respostas")
# "Perguntas frequentes sobre …"
FAQ_TOPIC_PREPOSITIONS = ("sobre", "de")
TRANSITION_WORDS = frozenset(
    """além também porém contudo todavia entretanto portanto logo assim então depois
    finalmente primeiramente enquanto embora pois consequentemente igualmente ainda""".split()
)
TRANSITION_PHRASES = phrases(
    """por exemplo|além disso|no entanto|por outro lado|ou seja|em primeiro lugar|por isso
    |em conclusão|em resumo|apesar de|de fato|acima de tudo|por fim|em outras palavras"""
)
# Examples the transition-words finding suggests to a writer of the language.
TRANSITION_EXAMPLES = ("no entanto", "por isso", "por exemplo")
BEGINNING_EXCEPTIONS = frozenset("o a os as um uma uns umas este esta estes estas".split())
_AUXILIARIES = frozenset(
    "sou és é somos sois são era eram foi foram fui será serão sido ser seja sejam".split()
)
_BREAKS = frozenset("e ou mas que quem quando onde porque embora se enquanto".split())
# Regular -ado/-ido and the irregular stems (feito, dito, escrito, visto, posto, aberto…), not
# any word in -to or -ta ("dezoito", "porta").
_PARTICIPLE_RE = re.compile(
    r"^\w{2,}(?:ado|ada|ados|adas|ido|ida|idos|idas)$"
    r"|^(?:\w*feit|dit|\w*escrit|vist|\w*post|\w*abert|\w*cobert|mort|aceit|eleit|pres|solt"
    r"|frit|pag|ganh|gast|impress|aces|suspens)(?:o|a|os|as)$|^entregues?$"
)


# After an article, a preposition or "muito" a participle-like word is a noun or an adjective
# ("com cuidado", "muito cansado").
_NOT_AFTER = frozenset(
    """o a os as um uma do da dos das no na nos nas de em com por para sem muito mais menos
    tão""".split()
)


is_passive = Periphrastic(
    _AUXILIARIES, matches(_PARTICIPLE_RE, FUNCTION_WORDS), _BREAKS, not_after=_NOT_AFTER
)
