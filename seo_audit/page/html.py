"""The HTML tree: parsed once with lxml, and the small text helpers every pass shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import lxml.etree
import lxml.html

from seo_audit.errors import InputError

LineOf = Callable[[Any], "int | None"]


def parse_html(name: str, html: str) -> Any:
    # lxml.html elements, which trafilatura needs; their Python class lookup makes every
    # element visited from Python dear, so whole-tree searches go through XPath instead.
    # Comments only get in the way (trafilatura drops the text after a comment inside a
    # paragraph); suppression comments are read from the source text.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except lxml.etree.ParserError:
        # Nothing but comments or white space (a draft with front matter only): audit an
        # empty page, so the writer hears what is missing rather than a parser's complaint.
        root = lxml.html.document_fromstring(b"<html><body></body></html>", parser=parser)
    except ValueError as error:
        raise InputError(name, f"could not be parsed as HTML ({error})") from None
    if root is None:
        raise InputError(name, "has no HTML content")
    return root


def text_of(element: Any) -> str:
    return "".join(element.itertext())


def clean_text(element: Any) -> str:
    """The element's text with white space folded, as a reader sees it."""
    return " ".join(text_of(element).split())


def meta_content(root: Any, *names: str) -> tuple[str | None, Any]:
    for element in root.iter("meta"):
        key = (element.get("name") or element.get("property") or "").strip().lower()
        if key in names:
            return (element.get("content") or "").strip(), element
    return None, None
