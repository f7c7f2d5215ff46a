"""Structured data: every JSON-LD block (with the line of a parse error) and microdata.

The data is frozen as it is read: objects are read-only mappings and arrays tuples, all the
way down, so a rule cannot change what the next one reads. Test for an array with `is_array`
(a string is a Sequence too).
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from seo_audit.page.model import JsonLdBlock, StructuredItem
from seo_audit.sources.document import TooDeep, freeze

_WRAPPERS_RE = re.compile(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$")
SCHEMA_PREFIXES = ("http://schema.org/", "https://schema.org/", "schema:")


# Real JSON-LD is a few levels deep; rules (and plugin rules) may walk it recursively.
MAX_JSONLD_DEPTH = 100


def frozen(value: Any) -> Any:
    """JSON-shaped data that cannot be changed: dicts as read-only mappings, lists as tuples,
    strings without lone surrogates (a truncated emoji's "\\ud83d" escape)."""
    return freeze(value)


def is_array(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str)


def as_array(value: Any) -> Sequence[Any]:
    """A value that may be one item or an array of them, as an array."""
    return value if is_array(value) else (value,)


def parse_jsonld(raw: str, line: int | None) -> JsonLdBlock:
    text = _WRAPPERS_RE.sub("", raw)
    if not text.strip():
        return JsonLdBlock(line, raw, error="the block is empty", error_line=line)
    try:
        data = _loads(text)
        return JsonLdBlock(line, raw, data=freeze(data, MAX_JSONLD_DEPTH))
    except json.JSONDecodeError as error:
        error_line = None if line is None else line + error.lineno - 1
        return JsonLdBlock(line, raw, error=error.msg, error_line=error_line)
    except (RecursionError, TooDeep):
        problem = f"arrays and objects nested more than {MAX_JSONLD_DEPTH} levels deep"
        return JsonLdBlock(line, raw, error=problem, error_line=line)
    except ValueError:  # an integer longer than int() reads
        problem = f"a number with more than {sys.get_int_max_str_digits()} digits"
        return JsonLdBlock(line, raw, error=problem, error_line=line)


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        # Some CMSs put literal newlines or tabs inside strings; browsers' consumers forgive that.
        try:
            return json.loads(text, strict=False)
        except json.JSONDecodeError:
            raise error from None


def type_names(value: Any) -> tuple[str, ...]:
    names = []
    for name in as_array(value):
        if isinstance(name, str):
            for prefix in SCHEMA_PREFIXES:
                if name.startswith(prefix):
                    name = name[len(prefix) :]
            names.append(name)
    return tuple(names)


def items_from_jsonld(block: JsonLdBlock) -> Iterator[StructuredItem]:
    """Every typed object in the block: top level, `@graph` members and nested objects."""
    stack: list[Any] = [block.data]
    while stack:
        node = stack.pop()
        if is_array(node):
            stack.extend(reversed(node))
        elif isinstance(node, Mapping):
            types = type_names(node.get("@type"))
            if types:
                yield StructuredItem(types, node, block.line)
            stack.extend(
                reversed([v for v in node.values() if isinstance(v, Mapping) or is_array(v)])
            )


def microdata_items(itemscopes: Sequence[Any], line_of: Any) -> Iterator[StructuredItem]:
    """Top-level microdata items, as JSON-LD-shaped dicts (FAQ markup still ships this way).
    `itemscopes`: the page's elements with an itemscope attribute (Markers.itemscopes)."""
    for element in itemscopes:
        if element.get("itemprop") is not None and _has_item_ancestor(element):
            continue
        data = frozen(_microdata_item(element))
        for nested in _walk_items(data):
            yield StructuredItem(
                type_names(nested.get("@type")), nested, line_of(element), "microdata"
            )


def _walk_items(data: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The item and the items nested in it, in document order (without recursion: microdata
    can nest as deep as the HTML)."""
    stack = [data]
    while stack:
        item = stack.pop()
        yield item
        nested = [v for value in item.values() for v in as_array(value) if isinstance(v, Mapping)]
        stack.extend(reversed(nested))


def _has_item_ancestor(element: Any) -> bool:
    return any(a.get("itemscope") is not None for a in element.iterancestors())


def _microdata_item(scope: Any) -> dict[str, Any]:
    top: dict[str, Any] = {}
    scopes = [(scope, top)]
    while scopes:
        element, item = scopes.pop()
        itemtype = element.get("itemtype")
        if itemtype:
            types = type_names(itemtype.split())
            item["@type"] = types[0] if len(types) == 1 else list(types)
        for names, child in _properties(element):
            if child.get("itemscope") is None:
                value: Any = _value(child)
            else:
                value = {}  # a nested item, filled when its turn comes
                scopes.append((child, value))
            for prop in names:
                if prop in item:
                    existing = item[prop]
                    item[prop] = (
                        [*existing, value] if isinstance(existing, list) else [existing, value]
                    )
                else:
                    item[prop] = value
    return top


def _properties(scope: Any) -> Iterator[tuple[list[str], Any]]:
    """The elements with an `itemprop` under `scope`, in document order, not looking inside
    nested items."""
    stack = [scope.iterchildren()]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if not isinstance(child.tag, str):
            continue
        names = (child.get("itemprop") or "").split()
        if names:
            yield names, child
        if child.get("itemscope") is None:
            stack.append(child.iterchildren())


def _value(element: Any) -> str:
    tag = element.tag
    if tag == "meta":
        return str(element.get("content", ""))
    if tag in {"a", "link", "area"}:
        return str(element.get("href", ""))
    if tag in {"img", "audio", "video", "source", "iframe", "embed"}:
        return str(element.get("src", ""))
    if tag == "time" and element.get("datetime"):
        return str(element.get("datetime"))
    return " ".join("".join(element.itertext()).split())


def text_of(value: Any) -> str:
    """A JSON-LD value as plain text (Answer.text may hold HTML)."""
    if isinstance(value, Mapping):
        value = value.get("text") or value.get("name") or ""
    if is_array(value):
        value = " ".join(text_of(v) for v in value)
    if not isinstance(value, str):
        return ""
    # HTML in an answer carries entities too ("&lt;" for a "<" the reader sees).
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value)).split())
