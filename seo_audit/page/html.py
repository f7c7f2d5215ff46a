"""The HTML tree: parsed once with lxml, and the small text helpers every pass shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import lxml.etree
import lxml.html

from seo_audit.errors import InputError
from seo_audit.text.characters import xml_compatible_utf8

LineOf = Callable[[Any], "int | None"]
# libxml2 stops at this depth even with huge_tree (256 without it), dropping the rest.
MAX_DEPTH = 2048


# lxml.html's own class lookup is a Python method that runs for every element proxy made
# (~2,300 a page between our passes and trafilatura's: ~0.5 ms). This one, done in C, gives
# every element the same HtmlElement class; only the form-field classes (FormElement,
# InputElement…, whose form helpers neither we nor trafilatura call) are not told apart.
_CLASS_LOOKUP = lxml.etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)


def parse_html(name: str, html: str) -> Any:
    # lxml.html elements, which trafilatura needs; making a Python proxy for an element is
    # still dear, so whole-tree searches go through XPath, or share one walk (markers.py).
    # Comments only get in the way (trafilatura drops the text after a comment inside a
    # paragraph); suppression comments are read from the source text.
    # huge_tree: without it libxml2 silently drops everything nested deeper than 256
    # elements, and text nodes over 10 MB; our own cap (sources.files.MAX_BYTES, 20 MiB)
    # bounds what it is given. Control characters XML forbids are dropped first: lxml
    # refuses them as an element's text when pruning moves a tail (text.characters).
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
    parser.set_element_class_lookup(_CLASS_LOOKUP)
    try:
        data = xml_compatible_utf8(html)
        root = lxml.html.document_fromstring(data, parser=parser)
    except lxml.etree.ParserError:
        # Nothing but comments or white space (a draft with front matter only): audit an
        # empty page, so the writer hears what is missing rather than a parser's complaint.
        root = lxml.html.document_fromstring(b"<html><body></body></html>", parser=parser)
    except ValueError as error:
        raise InputError(name, f"could not be parsed as HTML ({error})") from None
    if root is None:
        raise InputError(name, "has no HTML content")
    _check_complete(name, parser)
    return root


def _check_complete(name: str, parser: Any) -> None:
    """libxml2 gives up on a page it cannot read to the end (nesting deeper than MAX_DEPTH)
    and keeps what it read so far: never audit that silently as if it were the page."""
    for error in parser.error_log:
        if error.level == lxml.etree.ErrorLevels.FATAL:
            if "depth" in error.message.lower():
                problem = f"nests elements more than {MAX_DEPTH} deep (line {error.line})"
            else:
                problem = f"stops being readable HTML at line {error.line} ({error.message})"
            raise InputError(name, f"{problem}; the parser would drop the rest of the page")


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
