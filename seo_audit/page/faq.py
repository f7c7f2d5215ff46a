"""Visible FAQ sections, as a reader sees them, for the FAQ rules to compare with the markup.

A section is one of: a heading such as "FAQ", "Frequently asked questions" or "Preguntas
frecuentes" (each language module's FAQ_HEADINGS) and the questions under it; `<details>` or
`<dl>` question-and-answer pairs; or a headless list of three or more consecutive question
headings in the article body whose answers are FAQ-sized (docs/decisions.md, issue 13).

Nothing in the site's chrome is an FAQ (a footer's "FAQ" link list, related-article teasers
titled as questions), and a question heading that is a link to another page is a teaser, not a
question. A news story's question crossheads ("What has the reaction been?") over sections of
their own are the story's sections, not an FAQ: an answer in a headless FAQ list is at most
_MAX_ANSWER_BLOCKS blocks and _MAX_ANSWER_WORDS words (the median over the list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seo_audit.lang import languages
from seo_audit.page.model import HEADING_TAGS, Block, Page
from seo_audit.text.words import count_words, folded_words, is_question

# FAQ headings in every supported language, whatever the page's: templates mix them.
FAQ_HEADING_RE = re.compile(
    r"\b(?:" + "|".join(p for language in languages() for p in language.faq_headings) + r")\b",
    re.IGNORECASE,
)
_MIN_QUESTION_HEADINGS = 3
_MAX_TITLE_WORDS = 12
# Interview transcripts ("Q: What's next?") are question headings too, but not an FAQ.
_INTERVIEW_RE = re.compile(r"^\s*q\s*[:.)-]", re.IGNORECASE)
# FAQ answers are a paragraph or two (a list counts as one block); a news explainer's
# crossheads head sections of three to eight paragraphs, often with quotes.
_MAX_ANSWER_BLOCKS = 2
_MAX_ANSWER_WORDS = 80


@dataclass(frozen=True)
class FaqEntry:
    question: str
    answer: str
    line: int | None


@dataclass(frozen=True)
class FaqSection:
    heading: str | None
    line: int | None
    entries: tuple[FaqEntry, ...]
    kind: str  # "heading", "details", "dl", "question headings"
    texts: frozenset[str] = frozenset()  # every block of text the section is made of


def _level(block: Block) -> int:
    return int(block.tag[1]) if block.tag in HEADING_TAGS else 99


def _entries(blocks: list[Block]) -> tuple[FaqEntry, ...]:
    entries: list[FaqEntry] = []
    question: Block | None = None
    answer: list[str] = []
    for block in blocks:
        if is_question(block.text) and block.tag not in {"dd", "li"}:
            if question is not None:
                entries.append(FaqEntry(question.text, " ".join(answer), question.line))
            question, answer = block, []
        elif question is not None:
            answer.append(block.text)
    if question is not None:
        entries.append(FaqEntry(question.text, " ".join(answer), question.line))
    return tuple(entries)


def visible_faqs(page: Page) -> tuple[FaqSection, ...]:
    """For `page.faq_sections`, which the four FAQ rules share."""
    chrome = {(h.line, h.text) for h in page.headings if h.chrome}
    blocks = [b for b in page.blocks if not b.skipped and (b.line, b.text) not in chrome]
    sections: list[FaqSection] = []
    covered: set[str] = set()
    for index, block in enumerate(blocks):
        if _is_faq_title(block):
            # A title set as a bold paragraph runs until the next real heading.
            level = _level(block) if block.tag in HEADING_TAGS else 7
            end = next(
                (j for j in range(index + 1, len(blocks)) if _level(blocks[j]) <= level),
                len(blocks),
            )
            # An FAQ in the article runs to the article's end, not into the footer after it.
            under = [b for b in blocks[index + 1 : end] if b.in_content or not block.in_content]
            entries = _entries(under)
            texts = frozenset(b.text for b in [block, *under])
            sections.append(FaqSection(block.text, block.line, entries, "heading", texts))
            covered.update(e.question for e in entries)
    pairs = [
        p
        for p in page.qa_pairs
        if is_question(p.question) and p.question not in covered and not p.chrome
    ]
    for container in ("details", "dl"):
        found = [p for p in pairs if p.container == container]
        if len(found) >= 2 or (found and container == "details"):
            entries = tuple(FaqEntry(p.question, p.answer, p.line) for p in found)
            texts = frozenset(t for p in found for t in (p.question, p.answer))
            sections.append(FaqSection(None, found[0].line, entries, container, texts))
            covered.update(e.question for e in entries)
    article = [b for b in blocks if b.in_content]
    sections.extend(_question_heading_runs(article, covered, page))
    return tuple(sections)


def _teasers(page: Page) -> str:
    """The folded texts of the page's links, each between spaces, to tell a teaser titled as
    a question (a heading that is, or is inside, a link to another article: a card's link
    often wraps its title and excerpt) from a question."""
    # A table of contents links to the page's own questions ("#how-long"): not teasers.
    texts = (
        " ".join(folded_words(link.text))
        for link in page.links
        if link.text and not link.href.startswith("#")
    )
    return " " + " | ".join(texts) + " "


def _question_heading_runs(blocks: list[Block], covered: set[str], page: Page) -> list[FaqSection]:
    """Three or more headings in a row that are all questions, none a teaser, each with an
    FAQ-sized answer of its own."""

    def question(block: Block) -> bool:
        return _faq_question(block.text) and block.text not in covered

    headings = [i for i, b in enumerate(blocks) if b.tag in HEADING_TAGS]
    if sum(1 for i in headings if question(blocks[i])) < _MIN_QUESTION_HEADINGS:
        return []  # most pages: no need to read their links
    teasers = _teasers(page)

    def faq_question(block: Block) -> bool:
        return question(block) and f" {' '.join(folded_words(block.text))} " not in teasers

    sections = []
    run: list[int] = []
    for position, index in enumerate([*headings, -1]):
        block = blocks[index] if index >= 0 else None
        if (
            block is not None
            and faq_question(block)
            and (not run or _level(blocks[run[-1]]) == _level(block))
        ):
            run.append(index)
            continue
        if len(run) >= _MIN_QUESTION_HEADINGS:
            end = headings[position] if index >= 0 else len(blocks)
            if _answers_are_faq_sized(blocks, run, end):
                entries = _entries(blocks[run[0] : end])
                texts = frozenset(b.text for b in blocks[run[0] : end])
                sections.append(
                    FaqSection(None, blocks[run[0]].line, entries, "question headings", texts)
                )
        run = [index] if block is not None and faq_question(block) else []
    return sections


def _answers_are_faq_sized(blocks: list[Block], run: list[int], end: int) -> bool:
    """Every question has an answer of its own, and the answers are an FAQ's (short), not a
    story's sections under question crossheads."""
    sizes: list[tuple[int, int]] = []
    for start, stop in zip(run, [*run[1:], end], strict=True):
        answer = blocks[start + 1 : stop]
        if not answer:
            return False
        # Consecutive list items are one block: a list is one part of an answer.
        parts = sum(
            1 for i, b in enumerate(answer) if b.tag != "li" or i == 0 or answer[i - 1].tag != "li"
        )
        sizes.append((parts, sum(count_words(b.text) for b in answer)))
    # Imported here: statistics loads decimal and fractions (~4 ms of a cold check), and only
    # a page with a run of question headings gets this far.
    import statistics

    median_parts = statistics.median(size[0] for size in sizes)
    median_words = statistics.median(size[1] for size in sizes)
    return median_parts <= _MAX_ANSWER_BLOCKS and median_words <= _MAX_ANSWER_WORDS


def _is_faq_title(block: Block) -> bool:
    # The pattern (every language's FAQ headings) is the dear test: asked last, so a page's
    # paragraphs are turned down by their length first.
    if block.tag not in HEADING_TAGS:
        # A plain line only in the article body: footers say "Contact Us/FAQ | Terms of Use".
        short = block.in_content and len(block.text.split()) <= _MAX_TITLE_WORDS
        if not short or block.text.rstrip().endswith((".", "?", "!", ":")):
            return False
    return FAQ_HEADING_RE.search(block.text) is not None


def _faq_question(text: str) -> bool:
    return is_question(text) and not _INTERVIEW_RE.match(text)


def folded_visible_text(page: Page) -> str:
    """All visible text as one folded string of words, to look marked-up text up in (for
    `page.folded_visible_text`)."""
    return " " + " ".join(w for b in page.blocks for w in folded_words(b.text)) + " "
