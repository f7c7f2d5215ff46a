"""Question-and-answer pairs a page shows in `<details>` or a `<dl>`."""

from __future__ import annotations

from typing import Any

from seo_audit.page.html import LineOf, clean_text
from seo_audit.page.model import QAPair
from seo_audit.page.template_parts import chrome_of


def read_qa_pairs(body: Any, line_of: LineOf) -> tuple[QAPair, ...]:
    pairs = []
    for element in body.iter("details", "dl"):
        chrome = chrome_of(element)
        if element.tag == "details":
            summary = element.find("summary")
            if summary is None:
                continue
            question = clean_text(summary)
            answer = clean_text(element)[len(question) :].strip()
            pairs.append(QAPair(question, answer, line_of(summary), "details", chrome))
            continue
        term = None
        for child in element.iterchildren("dt", "dd", "div"):
            for item in [child] if child.tag != "div" else child.iterchildren("dt", "dd"):
                if item.tag == "dt":
                    term = item
                elif term is not None:
                    pairs.append(
                        QAPair(
                            clean_text(term),
                            clean_text(item),
                            line_of(term),
                            "dl",
                            chrome,
                        )
                    )
                    term = None
    return tuple(pairs)
