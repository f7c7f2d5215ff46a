"""French. Passive: a form of "être" with a past participle (-é, -i, -u, -is, -it…)."""

from __future__ import annotations

import re

from seo_audit.lang._common import Flesch, Periphrastic, Syllables, matches, phrases

FUNCTION_WORDS = frozenset(
    """le la les l un une des du de d au aux et ou mais donc or ni car à en dans sur sous par
    pour avec sans chez entre vers contre depuis pendant avant après que qui quoi dont où je
    tu il elle on nous vous ils elles me te se lui leur y ce cet cette ces mon ma mes ton ta
    tes son sa ses notre nos votre vos leurs est sont était étaient être été a ont avait
    avoir ne pas plus très aussi comme si tout tous toute toutes""".split()
)
SNOWBALL = "french"
FLESCH = Flesch(207.0, 1.015, 73.6)  # Kandel & Moles (1958)
_VOWELS = "aeiouyàâéèêëîïôûùüÿœæ"
# A final e, es or verb ending ent after a consonant is silent ("grande", "côtes", "restent"),
# but not -ment, not -ents (only nouns and adjectives end so) and not these common words.
SYLLABLES = Syllables(
    vowels=_VOWELS,
    nuclei=(
        *("eau", "œu", "oeu", "oui", "aie", "iai", "ieu", "uie"),
        *("ai", "ei", "oi", "ou", "au", "eu", "ui", "ie", "iè", "ié", "io", "ia", "ée", "ue"),
    ),
    silent_u=True,
    consonant_y=True,
    silent_ending=re.compile(rf"(?<=[^{_VOWELS}])(?:e|es|(?<!m)ent)$"),
    sounded_endings=frozenset(
        """souvent parent client argent président différent accident récent agent talent
        absent excellent urgent évident innocent intelligent équivalent patient prudent
        fréquent permanent continent adolescent conséquent""".split()
    ),
)
FAQ_HEADINGS = (
    r"foire\s+aux\s+questions",
    r"questions\s+fréquentes",
    r"questions\s+fréquemment\s+posées",
    r"questions[\s-]+(?:et\s+)?réponses",
)
# "Questions fréquentes sur …"
FAQ_TOPIC_PREPOSITIONS = ("sur", "concernant", "de", "du", "des")
TRANSITION_WORDS = frozenset(
    """ainsi alors aussi cependant certes d'abord donc enfin ensuite finalement néanmoins
    pourtant puis toutefois également notamment effectivement désormais car puisque tandis
    autrement premièrement deuxièmement bref""".split()
)
TRANSITION_PHRASES = phrases(
    """par exemple|en effet|en outre|de plus|par contre|en revanche|c'est pourquoi|au contraire
    |en conclusion|en résumé|tout d'abord|par conséquent|en fait|bien que|afin de|à cause de
    |grâce à|d'une part|d'autre part|en d'autres termes"""
)
# Examples the transition-words finding suggests to a writer of the language.
TRANSITION_EXAMPLES = ("cependant", "donc", "par exemple")
BEGINNING_EXCEPTIONS = frozenset("le la les l un une des ce cet cette ces".split())
_AUXILIARIES = frozenset(
    """suis es est sommes êtes sont étais était étions étiez étaient fus fut furent serai
    sera serons seront serait seraient été être soit soient""".split()
)
_BREAKS = frozenset("et ou mais car que qui dont où quand si lorsque parce puisque".split())
_PARTICIPLE_RE = re.compile(
    r"^\w{2,}(?:é|ée|és|ées|is|ise|ises|it|ite|its|ites|u|ue|us|ues|ert|erte|erts|ertes)$"
)
_NOT_PARTICIPLES = frozenset("plus tous tout sous vous nous très après jamais puis".split())


# Short participles the pattern cannot tell from other words.
_IRREGULAR = frozenset(
    """vu vue vus vues lu lue lus lues su sue sus sues pu eu eue eus eues bu bue bus bues mis
    mise mises pris prise prises dû due dus dues""".split()
)


is_passive = Periphrastic(
    _AUXILIARIES,
    matches(_PARTICIPLE_RE, _NOT_PARTICIPLES | FUNCTION_WORDS, _IRREGULAR),
    _BREAKS,
    # After an article, a preposition or "très" it is a noun or an adjective ("un reçu").
    not_after=frozenset("le la les un une des du de au aux en avec pour sans sur très".split()),
)
