"""Syllables per word, by rules of spelling for each supported language.

No dictionary is loaded (cold start matters more than the last percent); English is measured
against the CMU Pronouncing Dictionary by `benchmarks/syllables.py`, and the other languages
against Yoast's counts by `benchmarks/yoast_parity.py`. Other languages count one syllable a
word: they get no Flesch figure anyway.
"""

from __future__ import annotations

import re
from functools import lru_cache

_VOWELS = {
    "en": "aeiouy",
    "de": "aeiouyäöü",
    "fr": "aeiouyàâéèêëîïôûùüÿœæ",
    "es": "aeiouáéíóúü",
    "it": "aeiouàèéìíòóù",
    "nl": "aeiouyëïé",
    "pt": "aeiouáâãàéêíóôõú",
    "ru": "аеёиоуыэюя",
}
_VOWEL_RES = {lang: re.compile(f"[{v}]+") for lang, v in _VOWELS.items()}
# Vowel letters read together as one syllable (diphthongs, long vowels, glides); any other
# run of vowels is a syllable per vowel ("Sau-er-teig", "na-ci-o-nal", "сто-ял"). Longest
# first. Russian has none: every vowel letter is a syllable.
_NUCLEI = {
    "de": ("aa", "ee", "oo", "ie", "ei", "ai", "ey", "ay", "au", "äu", "eu", "ou"),
    "nl": (
        *("eeu", "ieu", "oei", "aai", "ooi"),
        *("aa", "ee", "oo", "uu", "ie", "oe", "eu", "ui", "ei", "ou", "au"),
    ),
    "fr": (
        *("eau", "œu", "oeu", "oui", "aie", "iai", "ieu", "uie"),
        *("ai", "ei", "oi", "ou", "au", "eu", "ui", "ie", "iè", "ié", "io", "ia", "ée", "ue"),
    ),
    "es": (
        *("iai", "iei", "uai", "uei"),
        *("ai", "ei", "oi", "au", "eu", "ou", "ia", "ie", "io", "iu", "ua", "ue", "ui", "uo"),
        *("iá", "ié", "ió", "uá", "ué", "uó"),
    ),
    "it": (
        *("iei", "uoi", "iuo"),
        *("ia", "ie", "io", "iu", "ua", "ue", "ui", "uo", "ai", "ei", "oi", "au", "eu"),
        *("ià", "iè", "ié", "iò", "iù", "uò", "uó"),
    ),
    "pt": (
        *("ai", "ei", "oi", "ui", "au", "eu", "ou", "iu", "ão", "ãe", "õe", "ãi"),
        *("ái", "éi", "ói", "éu", "óu"),
    ),
    "ru": (),
}
# In the Romance languages "qu" and "gu" before a vowel are consonants ("casque", "que",
# "guerra"); in French, German and Dutch a y before a vowel at the start or between vowels
# is one too ("essayer", "Yacht"). French: a final e, es or verb ending ent after a consonant
# is silent ("grande", "côtes", "restent"), but not -ment, not -ents (only nouns and
# adjectives end so) and not these common words.
_QU = re.compile(r"(?<=[qg])u(?=[aeioáàâãéèêíìóòôõúùy])")
_ROMANCE = frozenset({"fr", "es", "it", "pt"})
_Y_CONSONANT = re.compile(r"(?:^|(?<=[aeiouàâéèêëîïôûùäöü]))y(?=[aeiouàâéèêëîïôûùäöü])")
# Portuguese: after a written stress, a final unstressed vowel pair is one syllable
# ("sé-rie", "ví-deo", "gê-nio").
_PT_POST_TONIC = re.compile(r"[áéíóúâêô][^aeiouáéíóúâêôãõ]+(?:ia|io|ie|ea|eo|ua|uo)s?$")
_FR_SILENT_END = re.compile(r"(?<=[^aeiouyàâéèêëîïôûùüÿœæ])(?:e|es|(?<!m)ent)$")
_FR_SOUNDED_ENT = frozenset(
    """souvent parent client argent président différent accident récent agent talent absent
    excellent urgent évident innocent intelligent équivalent patient prudent fréquent
    permanent continent adolescent conséquent""".split()
)


def _nuclei(group: str, nuclei: tuple[str, ...]) -> int:
    count = i = 0
    while i < len(group):
        i += next((len(n) for n in nuclei if group.startswith(n, i)), 1)
        count += 1
    return count


def _vowel_syllables(word: str, lang: str) -> int:
    written = word
    if lang in _ROMANCE:
        word = _QU.sub("", word)
    if lang in ("fr", "de", "nl"):
        word = _Y_CONSONANT.sub("j", word)
    nuclei = _NUCLEI.get(lang, ())
    count = sum(_nuclei(group, nuclei) for group in _VOWEL_RES[lang].findall(word))
    if (
        lang == "fr"
        and count > 1
        and written not in _FR_SOUNDED_ENT
        and _FR_SILENT_END.search(word.split("'")[-1].split("’")[-1])
    ):
        count -= 1
    if lang == "pt" and count > 1 and _PT_POST_TONIC.search(word):
        count -= 1
    if count == 0 and lang == "ru":
        return 0  # "в", "с", "к": prepositions without a vowel are read with the next word
    return max(count, 1)


# English spelling needs a few patterns on top of vowel groups. Each was checked against a
# pronouncing dictionary on the corpus's words (`benchmarks/syllables.py`): together
# they bring the share of miscounted running words from 4.6 % to 1.7 %.
#
# "y" is a consonant before a vowel at the start of a word or between vowels ("yes", "royal").
_EN_Y_CONSONANT = re.compile(r"(?:^|(?<=[aeiou]))y(?=[aeiou])")
_EN_GROUPS = re.compile(r"[aeiouy]+")
# Vowel pairs read as two syllables.
_EN_SPLITS = re.compile(
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
_EN_SILENT_E = re.compile(r"[^aeiouy]e[sd]?$")
_EN_SOUNDED = re.compile(
    r"(?:[^aeiouyl]les?|(?:[sxz]|[cs]h|[cg])es|[td]ed|ire[sd]?|[bcdfgkpt]res?)$"
)
# Silent e's inside a word: before -ly, -ty, -ment, -ful, -less, -ness ("likely", "safety",
# "statement", "useless"; not "element", "nevertheless"), in some- compounds, and -gue/-que.
_EN_INNER_SILENT = re.compile(
    r"(?<=[^aeiouy])e(?=ly$|ty$)|(?<=[^aeiouyl])e(?=ments?$)"
    r"|(?<=[^aeiouyh])e(?=(?:ful|fully|less|ness)$)"
    r"|(?<=^som)e(?=one|thing|times?|where|how|body|what)|(?<=[aeioun][gq])ue(?=s?$)"
)
# Clitics add no syllable ("there's", "it'll"); "n't" does, by the rule above.
_EN_CLITIC = re.compile(r"[’'](?:s|ll|re|ve|d|m)$")
# Common words no spelling rule gets right.
_EN_IRREGULAR = {"business": 2, "businesses": 3, "wednesday": 2, "wednesdays": 2, "maybe": 2}


def _en_syllables(word: str) -> int:
    word = _EN_CLITIC.sub("", word)
    if word in _EN_IRREGULAR:
        return _EN_IRREGULAR[word]
    spelled = _EN_Y_CONSONANT.sub("j", word)
    count = len(_EN_GROUPS.findall(spelled))
    if count == 0:
        return 1  # "TV", "tsp": no vowel to count, but a word is at least one syllable
    if count > 1 and _EN_SILENT_E.search(spelled) and not _EN_SOUNDED.search(spelled):
        count -= 1
    if count > 1:
        count -= len(_EN_INNER_SILENT.findall(spelled))
    count += len(_EN_SPLITS.findall(spelled))
    return max(count, 1)


@lru_cache(maxsize=65536)
def syllables(word: str, lang: str) -> int:
    word = word.lower()
    if lang == "en":
        return _en_syllables(word)
    if lang not in _VOWEL_RES:
        return 1
    return _vowel_syllables(word, lang)
