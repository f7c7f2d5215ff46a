"""FAQ markup: present where there is a visible FAQ, well formed, and true to the page.

Google stopped showing FAQ rich results on 7 May 2026 (after limiting them to government and
health sites in August 2023), so no finding here promises one. FAQPage is still valid
schema.org that other consumers read, and marked-up content must be visible on the page.
Broken markup is an error; missing markup is advice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page, StructuredItem
from seo_audit.page.structured import as_array, is_array, text_of, type_names
from seo_audit.rules.markup_fixes import faq_jsonld_fix
from seo_audit.text.words import cut, folded_words

_ANSWER_PROBE_WORDS = 20


def _faq_items(page: Page) -> list[StructuredItem]:
    return [item for item in page.items if item.is_a("FAQPage")]


def _questions(item: StructuredItem) -> Sequence[Any]:
    entity = item.data.get("mainEntity")
    return () if entity is None else as_array(entity)


@rule("faq-schema-missing", category="faq", severity="info", weight=1, fix=faq_jsonld_fix)
def faq_schema_missing(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page shows an FAQ section but carries no FAQPage structured data.

    Visible FAQ sections are headings such as "FAQ" or "Frequently asked questions" with
    questions under them, `<details>`/`<dl>` question-and-answer pairs, or three or more
    question headings in a row in the article, each over a short answer of its own (a
    paragraph or two). A news story's question crossheads over sections of their own, teasers
    that link to other articles, and anything in the site's header, footer or sidebar are not
    an FAQ. Google no longer shows FAQ rich results (since 7 May 2026), so
    this is advice: FAQPage markup still tells other consumers (assistants, other search
    engines) where the questions and answers are. Check first that the FAQ belongs on the page
    at all (see faq-off-topic).
    """
    sections = [s for s in page.faq_sections if s.entries]
    if not sections:
        yield NotApplicable("the page has no visible FAQ section")
        return
    if _faq_items(page):
        return
    section = sections[0]
    count = sum(len(s.entries) for s in sections)
    yield Finding(
        f"The page shows {count} FAQ question{'s' if count != 1 else ''} but has no FAQPage "
        "structured data. If the FAQ is worth keeping, describe it with FAQPage JSON-LD "
        "(no Google rich result since May 2026, but other consumers read it).",
        line=section.line,
    )


@rule("faq-schema-invalid", category="faq", severity="error", weight=3)
def faq_schema_invalid(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The FAQPage structured data is broken.

    Reported: a JSON-LD block about an FAQ that is not valid JSON (with the line of the error);
    more than one FAQPage on the page; a FAQPage without `mainEntity`; entries that are not
    `Question`; a Question without `name`, or without an `acceptedAnswer` that has `text`.
    """
    broken = [b for b in page.jsonld if b.error and "faqpage" in b.raw.lower()]
    items = _faq_items(page)
    if not broken and not items:
        yield NotApplicable("the page has no FAQPage data")
        return
    for block in broken:
        yield Finding(
            f"The FAQPage JSON-LD is not valid JSON ({block.error}). Fix the syntax; consumers "
            "ignore the whole block.",
            line=block.error_line,
        )
    if len(items) > 1:
        yield Finding(
            f"The page declares FAQPage {len(items)} times; merge them into one FAQPage.",
            line=items[1].line,
        )
    for item in items:
        yield from _check_faq_item(item)


def _check_faq_item(item: StructuredItem) -> Iterator[Finding]:
    questions = _questions(item)
    if not questions:
        yield Finding(
            "The FAQPage has no `mainEntity` questions. Add each Q&A as a Question.", line=item.line
        )
        return
    for position, question in enumerate(questions, 1):
        where = f"Question {position}"
        if not isinstance(question, Mapping) or "Question" not in type_names(question.get("@type")):
            found = type_names(question.get("@type")) if isinstance(question, Mapping) else ()
            yield Finding(
                f"{where} in FAQPage has type {'/'.join(found) or 'none'}; it must be a Question.",
                line=item.line,
            )
            continue
        if not text_of(question.get("name")):
            yield Finding(
                f"{where} in FAQPage has no `name` (the question text). Add it.", line=item.line
            )
        answer = question.get("acceptedAnswer")
        answers = as_array(answer)
        if answer is None or not any(
            isinstance(a, Mapping) and text_of(a.get("text")) for a in answers
        ):
            label = cut(text_of(question.get("name")), 60) or where
            yield Finding(
                f"“{label}” has no `acceptedAnswer` with `text`. Add the full answer.",
                line=item.line,
            )


@rule("faq-schema-mismatch", category="faq", severity="warning", weight=2)
def faq_schema_mismatch(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """The FAQPage data and the visible FAQ disagree.

    Every question and answer in the markup must be visible on the page (content hidden from
    readers but shown to machines breaks search engines' guidelines), and every question the
    page shows in its FAQ should be in the markup.
    """
    items = _faq_items(page)
    if not items:
        yield NotApplicable("the page has no FAQPage data")
        return
    visible = page.folded_visible_text
    marked: set[str] = set()
    for item in items:
        for question in _questions(item):
            if not isinstance(question, Mapping):
                continue
            name = text_of(question.get("name"))
            if not name:
                continue
            words = folded_words(name)
            marked.add(" ".join(words))
            if f" {' '.join(words)} " not in visible:
                yield Finding(
                    f"The question “{cut(name, 80)}” is in the FAQPage data but not visible on the "
                    "page. Show it, or remove it from the markup.",
                    line=item.line,
                )
                continue
            answer = question.get("acceptedAnswer")
            text = text_of(answer[0] if is_array(answer) and answer else answer)
            probe = folded_words(text)[:_ANSWER_PROBE_WORDS]
            if probe and f" {' '.join(probe)} " not in visible:
                yield Finding(
                    f"The answer to “{cut(name, 60)}” in the FAQPage data differs from the one on "
                    "the page. Keep them the same.",
                    line=item.line,
                )
    for section in page.faq_sections:
        for entry in section.entries:
            if " ".join(folded_words(entry.question)) not in marked:
                yield Finding(
                    f"The visible question “{cut(entry.question, 80)}” is missing from the FAQPage "
                    "data. Add it, or it will not be read as part of the FAQ.",
                    line=entry.line,
                )
