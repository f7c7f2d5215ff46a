"""Russian. Passive is morphological: short passive participles (-ан, -ен, -т…) and verbs in
-ся/-сь with a passive sense; we count the first, which is unambiguous."""

from __future__ import annotations

import re

from seo_audit.lang._common import Flesch, Syllables, clauses, phrases

FUNCTION_WORDS = frozenset(
    """и а но или да же ли не ни в во на с со к ко по о об от до из у за над под при про для
    без через между что чтобы как когда где кто который которая которое которые я ты он она
    оно мы вы они меня тебя его её нас вас их мой твой свой наш ваш этот эта это эти тот та
    те быть был была было были есть будет очень еще уже также тоже все всё""".split()
)
SNOWBALL = "russian"
FLESCH = Flesch(206.835, 1.3, 60.1)  # Oborneva (2006)
LONG_SENTENCE = 15
# Every vowel letter is a syllable ("сто-ял"); prepositions without a vowel ("в", "с", "к")
# are read with the next word.
SYLLABLES = Syllables(vowels="аеёиоуыэюя", without_vowels=0)
FAQ_HEADINGS = (r"часто\s+задаваемые\s+вопросы", r"вопросы\s+и\s+ответы", r"чаво")
# "Вопросы о …"
FAQ_TOPIC_PREPOSITIONS = ("о", "об", "про", "по")
TRANSITION_WORDS = frozenset(
    """однако поэтому потому также кроме затем потом наконец итак следовательно впрочем
    например во-первых во-вторых зато причем притом тогда значит всё-таки""".split()
)
TRANSITION_PHRASES = phrases(
    """таким образом|кроме того|в результате|с другой стороны|другими словами|в первую очередь
    |несмотря на|в конце концов|так как|в то время как|прежде всего|в частности"""
)
# Examples the transition-words finding suggests to a writer of the language.
TRANSITION_EXAMPLES = ("однако", "поэтому", "например")
BEGINNING_EXCEPTIONS = frozenset("этот эта это эти тот та те".split())
# Short passive participles: -ан, -ян, -ен, -ён and -ыт ("закрыт"), with their endings. Not
# -ит, which is mostly a present-tense verb ("закипит", "стоит").
_SHORT_PARTICIPLE_RE = re.compile(
    r"^\w{3,}(?:ан|ана|ано|аны|ян|яна|яно|яны|ен|ена|ено|ены|ён|ёна|ёно|ёны)$"
    r"|^\w{2,}(?:ыт|ыта|ыто|ыты)$"
)
# Short adjectives and nouns with the same endings.
_NOT_PARTICIPLES = frozenset(
    """сегодня один одна одно стен план планы пан жена жены цена цены стена стены сцена
    замена смена арена страна страны стран стакан диван океан роман экран кран туман
    карман ресторан времена имена нужен нужна нужно нужны должен должна должно должны
    виден видна видно видны важен важна важно важны болен больна согласен согласна
    способен способна равен равна""".split()
)
_BREAKS = frozenset("и а но или что чтобы когда который которая которое которые".split())


def is_passive(sentence: str) -> bool:
    return any(
        any(w not in _NOT_PARTICIPLES and _SHORT_PARTICIPLE_RE.match(w) for w in clause)
        for clause in clauses(sentence, _BREAKS)
    )
