"""Readability: Flesch reading ease, sentence and paragraph length, subheadings, passive voice,
transition words and repeated sentence beginnings. Findings point at the sentences and
paragraphs to rework."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.lang import SUPPORTED, data
from seo_audit.page.model import HEADING_TAGS, Page
from seo_audit.page.readability import flesch_languages
from seo_audit.text.words import count_words, longest_gap

Outcomes = Iterator[Finding | NotApplicable]
Verdict = Literal["ok", "bad"]
_BANDS = (
    (90, "very easy"),
    (80, "easy"),
    (70, "fairly easy"),
    (60, "okay"),
    (50, "fairly difficult"),
    (30, "difficult"),
    (0, "very difficult"),
)


def _unsupported(page: Page, what: str) -> NotApplicable | None:
    if data(page.language_code) is None:
        return NotApplicable(
            f"{what} is not checked in “{page.language_code}” (supported: {', '.join(SUPPORTED)})"
        )
    return None


def _in_characters(page: Page, what: str) -> NotApplicable | None:
    """Checks that count words between spaces and split sentences at ". " do not apply to
    Japanese and Chinese, which use neither."""
    if page.text_in_characters:
        return NotApplicable(
            f"{what} is counted in words, and “{page.language_code}” is written without spaces"
        )
    return None


def _excerpt(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _quoted(text: str) -> str:
    """A sentence quoted at the end of a finding: cut with "…", and given a full stop only
    when it does not end with one of its own (no "….", no "?.")."""
    excerpt = _excerpt(text)
    return excerpt if excerpt.endswith((".", "!", "?", "…")) else excerpt + "."


@rule(
    "flesch-reading-ease",
    category="readability",
    severity="info",
    weight=2,
    options={"good": 60, "ok": 50},
)
def flesch_reading_ease(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The text is hard to read, by the Flesch reading ease score of its language.

    0–100, higher is easier: 60 and up reads "okay" for most adults (option `good`), 50–60 is
    fairly difficult (`ok`), below is difficult. English uses Flesch's formula; German Amstad's,
    French Kandel & Moles', Spanish Fernández Huerta's, Italian Franchina & Vacca's, Dutch
    Douma's, Portuguese Martins', Russian Oborneva's. Other languages have no formula here, and
    the rule says so instead of giving an English figure.
    """
    figures = page.readability
    if not figures.supported:
        supported = ", ".join(flesch_languages())
        yield NotApplicable(f"no Flesch formula for “{figures.language}” (supported: {supported})")
        return
    if figures.flesch is None:
        yield NotApplicable("too little text for a reading ease score")
        return
    score = figures.flesch
    band = next(label for low, label in _BANDS if score >= low)
    if score >= float(options["good"]):
        return
    yield Finding(
        f"Flesch reading ease is {score:g} ({band}). Use shorter sentences and plainer words.",
        verdict="ok" if score >= float(options["ok"]) else "bad",
    )


@rule("sentence-length", category="readability", severity="info", weight=2)
def sentence_length(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """Too many sentences are long.

    Long means over 20 words (25 in Spanish, Italian and Portuguese; 15 in Russian). Up to 25 %
    long sentences is fine, up to 30 % is close, more is too many, as Yoast rates it. Each long
    sentence is listed with its line.
    """
    if (unsupported := _in_characters(page, "sentence length")) is not None:
        yield unsupported
        return
    if not page.sentences:
        yield NotApplicable("the article has no sentences")
        return
    limit, long = page.long_sentence_limit, page.long_sentences
    share = 100 * len(long) / len(page.sentences)
    if share <= 25:
        return
    verdict: Verdict = "ok" if share <= 30 else "bad"
    for index, sentence in enumerate(long):
        lead = f"{share:.0f}% of sentences have more than {limit} words. " if index == 0 else ""
        yield Finding(
            f"{lead}Long sentence: “{_excerpt(sentence.text)}” — split it.",
            line=sentence.line,
            verdict=verdict,
        )


@rule(
    "paragraph-length",
    category="readability",
    severity="info",
    weight=1,
    options={"max_words": 150, "far_too_long": 200},
)
def paragraph_length(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """A paragraph is too long to read on a screen.

    Over 150 words is long (option `max_words`), over 200 far too long (`far_too_long`).
    """
    if (unsupported := _in_characters(page, "paragraph length")) is not None:
        yield unsupported
        return
    paragraphs = page.paragraphs
    if not paragraphs:
        yield NotApplicable("the article has no paragraphs")
        return
    for paragraph in paragraphs:
        count = len(paragraph.text.split())
        if count > int(options["max_words"]):
            yield Finding(
                f"This paragraph has {count} words (“{_excerpt(paragraph.text, 40)}”). Break it "
                "into shorter ones.",
                line=paragraph.line,
                verdict="ok" if count <= int(options["far_too_long"]) else "bad",
            )


@rule(
    "subheading-distribution",
    category="readability",
    severity="info",
    weight=1,
    options={"max_words": 300, "far_too_long": 350},
)
def subheading_distribution(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """A long stretch of text has no subheading.

    Readers scan by subheadings. A section of over 300 words (option `max_words`) needs one;
    over 350 is far too long. Texts of 300 words or fewer need none.
    """
    if (unsupported := _in_characters(page, "subheading distribution")) is not None:
        yield unsupported
        return
    if not page.content:
        yield NotApplicable("the article has no text")
        return
    sections: list[tuple[int | None, str, int]] = []  # line, heading, words
    line, heading, count = page.content[0].line, "", 0
    for block in page.content:
        if block.tag in HEADING_TAGS:
            sections.append((line, heading, count))
            line, heading, count = block.line, block.text, 0
        else:
            count += count_words(block.text)  # the page's one count (text-length's)
    sections.append((line, heading, count))
    total = sum(words for _, _, words in sections)
    limit, far = int(options["max_words"]), int(options["far_too_long"])
    if total <= limit:
        return
    if len(sections) == 1:
        yield Finding(
            f"The text has {total} words and no subheadings. Add some, one every "
            f"{limit} words or so.",
            line=page.content[0].line,
        )
        return
    for start, title, words in sections:
        if words > limit:
            where = (
                f"follow “{_excerpt(title, 40)}” without another subheading"
                if title
                else "come before the first subheading"
            )
            yield Finding(
                f"{words} words {where}. Add a subheading to split them.",
                line=start,
                verdict="ok" if words <= far else "bad",
            )


@rule(
    "passive-voice",
    category="readability",
    severity="info",
    weight=1,
    options={"max_percent": 10, "far_too_many": 15},
)
def passive_voice(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """Too many sentences are in the passive voice.

    Up to 10 % passive sentences is fine (option `max_percent`), up to 15 % close. Each passive
    sentence is listed; rewrite it with the actor as the subject ("The chef cooked the rice",
    not "The rice was cooked"). Headings count as sentences, as in Yoast. A word after an
    article or a preposition is not taken for a participle ("they were on the ground"). In en,
    de, fr, es, it, nl, pt and ru.
    """
    if (unsupported := _unsupported(page, "passive voice")) is not None:
        yield unsupported
        return
    sentences, passive = page.sentences, page.passive_sentences
    if not sentences:
        yield NotApplicable("the article has no sentences")
        return
    share = 100 * len(passive) / len(sentences)
    if share <= float(options["max_percent"]):
        return
    verdict: Verdict = "ok" if share <= float(options["far_too_many"]) else "bad"
    for index, sentence in enumerate(passive):
        lead = f"{share:.0f}% of sentences are passive. " if index == 0 else ""
        yield Finding(
            f"{lead}Passive: “{_quoted(sentence.text)}”", line=sentence.line, verdict=verdict
        )


@rule(
    "transition-words",
    category="readability",
    severity="info",
    weight=1,
    options={"good_percent": 30, "ok_percent": 20, "min_words": 200},
)
def transition_words(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """Too few sentences use transition words ("however", "for example", "as a result").

    They show how one sentence follows from the last. 30 % of sentences is good (option
    `good_percent`), 20 % close; texts under 200 words are not checked. The finding points at
    the longest stretch without any. Words that are mostly something else ("first", "now",
    "still", "yet") count only when they open a sentence. In en, de, fr, es, it, nl, pt and ru.
    """
    if (unsupported := _unsupported(page, "transition words")) is not None:
        yield unsupported
        return
    sentences = page.sentences
    if page.word_count < int(options["min_words"]) or not sentences:
        yield NotApplicable(f"texts under {options['min_words']} words are not checked")
        return
    flags = page.transition_flags
    share = 100 * sum(flags) / len(sentences)
    if share >= float(options["good_percent"]):
        return
    start, longest = longest_gap(flags)
    language = data(page.language_code)
    assert language is not None  # _unsupported returned None
    first, second, third = language.transition_examples
    yield Finding(
        f"Only {share:.0f}% of sentences use transition words. The longest stretch without any "
        f"({longest} sentences) starts here: link its sentences with words like “{first}”, "
        f"“{second}” or “{third}”.",
        line=sentences[start].line,
        verdict="ok" if share >= float(options["ok_percent"]) else "bad",
    )


@rule("sentence-beginnings", category="readability", severity="info", weight=1)
def sentence_beginnings(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """Three or more sentences in a row start with the same word.

    It reads as monotonous. "The", "a", "this" and numbers take the next word along ("The
    film… The score…" differ). Lists and tables are not checked. In en, de, fr, es, it, nl,
    pt and ru.
    """
    if (unsupported := _unsupported(page, "sentence beginnings")) is not None:
        yield unsupported
        return
    sentences = [s for s in page.sentences if page.content[s.block].tag not in {"li", "td", "th"}]
    if len(sentences) < 3:
        yield NotApplicable("fewer than three sentences")
        return

    language = data(page.language_code)
    assert language is not None

    def beginning(tokens: list[str]) -> str:
        if not tokens:
            return ""
        if tokens[0] in language.beginning_exceptions and len(tokens) > 1:
            return " ".join(tokens[:2])
        return tokens[0]

    starts = [beginning(s.tokens) for s in sentences]
    index = 0
    while index < len(starts):
        end = index
        while end + 1 < len(starts) and starts[end + 1] == starts[index] and starts[index]:
            end += 1
        if end - index + 1 >= 3:
            yield Finding(
                f"{end - index + 1} sentences in a row start with “{starts[index]}”. Vary the "
                "beginnings.",
                line=sentences[index].line,
            )
        index = end + 1
