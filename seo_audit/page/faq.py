"""Visible FAQ sections, as a reader sees them, for the FAQ rules to compare with the markup.

A section is one of: a heading such as "FAQ", "Frequently asked questions" or "Preguntas
frecuentes" (each language module's FAQ_HEADINGS) and the questions under it; `<details>` or
`<dl>` question-and-answer pairs; or three or more consecutive question headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seo_audit.lang import languages
from seo_audit.page.model import HEADING_TAGS, Block, Page
from seo_audit.text.words import folded_words, is_question

# FAQ headings in every supported language, whatever the page's: templates mix them.
FAQ_HEADING_RE = re.compile(
    r"\b(?:" + "|".join(p for language in languages() for p in language.faq_headings) + r")\b",
    re.IGNORECASE,
)
_MIN_QUESTION_HEADINGS = 3
_MAX_TITLE_WORDS = 12
# Interview transcripts ("Q: What's next?") are question headings too, but not an FAQ.
_INTERVIEW_RE = re.compile(r"^\s*q\s*[:.)-]", re.IGNORECASE)


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
    blocks = [b for b in page.blocks if not b.skipped]
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
            entries = _entries(blocks[index + 1 : end])
            texts = frozenset(b.text for b in blocks[index:end])
            sections.append(FaqSection(block.text, block.line, entries, "heading", texts))
            covered.update(e.question for e in entries)
    pairs = [p for p in page.qa_pairs if is_question(p.question) and p.question not in covered]
    for container in ("details", "dl"):
        found = [p for p in pairs if p.container == container]
        if len(found) >= 2 or (found and container == "details"):
            entries = tuple(FaqEntry(p.question, p.answer, p.line) for p in found)
            texts = frozenset(t for p in found for t in (p.question, p.answer))
            sections.append(FaqSection(None, found[0].line, entries, container, texts))
            covered.update(e.question for e in entries)
    sections.extend(_question_heading_runs(blocks, covered))
    return tuple(sections)


def _question_heading_runs(blocks: list[Block], covered: set[str]) -> list[FaqSection]:
    """Three or more headings in a row that are all questions, each with its answer."""
    headings = [i for i, b in enumerate(blocks) if b.tag in HEADING_TAGS]
    sections = []
    run: list[int] = []
    for position, index in enumerate([*headings, -1]):
        block = blocks[index] if index >= 0 else None
        if (
            block is not None
            and _faq_question(block.text)
            and block.text not in covered
            and (not run or _level(blocks[run[-1]]) == _level(block))
        ):
            run.append(index)
            continue
        if len(run) >= _MIN_QUESTION_HEADINGS:
            end = headings[position] if index >= 0 else len(blocks)
            entries = _entries(blocks[run[0] : end])
            texts = frozenset(b.text for b in blocks[run[0] : end])
            sections.append(
                FaqSection(None, blocks[run[0]].line, entries, "question headings", texts)
            )
        run = [index] if block is not None and _faq_question(block.text) else []
    return sections


def _is_faq_title(block: Block) -> bool:
    if not FAQ_HEADING_RE.search(block.text):
        return False
    if block.tag in HEADING_TAGS:
        return True
    # A plain line only in the article body: footers say "Contact Us/FAQ | Terms of Use".
    short = block.in_content and len(block.text.split()) <= _MAX_TITLE_WORDS
    return short and not block.text.rstrip().endswith((".", "?", "!", ":"))


def _faq_question(text: str) -> bool:
    return is_question(text) and not _INTERVIEW_RE.match(text)


def folded_visible_text(page: Page) -> str:
    """All visible text as one folded string of words, to look marked-up text up in (for
    `page.folded_visible_text`)."""
    return " " + " ".join(w for b in page.blocks for w in folded_words(b.text)) + " "
