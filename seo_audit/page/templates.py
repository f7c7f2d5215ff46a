"""Template syntax on the Page: the placeholders a draft's reader left (sources/templates.py)
taken out of the tree, the embeds and figures among them, and syntax left in visible text.

Outside code a placeholder is removed: it is not prose, and in a link target or an image
address it stands for a URL the site makes (`{% link … %}`, `{{ site.baseurl }}`), so what is
left of the address is kept. Inside code it is put back as written. A <pre> made from a code
shortcode or display math is marked with why it is not code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from seo_audit.page.model import Embed, Image
from seo_audit.page.tree import CODE_INLINE_TAGS, SKIP_ATTRIBUTE, RawBlock
from seo_audit.sources.document import Document, Template
from seo_audit.sources.templates import CONTINUATION, PLACEHOLDER_RE, placeholder_number
from seo_audit.text.templates import LEFTOVER_DIALECTS, Tag, embed_of, image_of, pairs, scan
from seo_audit.text.urls import host_of

_CODE_TAGS = frozenset({"pre", *CODE_INLINE_TAGS})
_HAS_MARK = "contains(., '\ue000') or contains(., '\ue002')"
# Markdown percent-encodes a link's or an image's address: the placeholder's UTF-8 there.
_ENCODED_MARK = "contains(., '%EE%80%8')"
_ENCODED_RE = re.compile(r"%EE%80%([89][0-9A-F])", re.IGNORECASE)
_REASONS = {"code": "code", "template": "template", "math": "math"}


@dataclass
class Resolved:
    in_code: set[int] = field(default_factory=set)  # placeholders met only inside code
    in_prose: set[int] = field(default_factory=set)


def resolve_placeholders(root: Any, document: Document) -> Resolved:
    """Remove the draft's placeholders from the tree (put them back inside code)."""
    resolved = Resolved()
    if not document.templates:
        return resolved
    templates = document.templates
    for text in root.xpath(f"//text()[{_HAS_MARK}]"):
        parent = text.getparent()
        owner = parent if text.is_text else parent.getparent()
        in_code = owner is not None and _inside_code(owner)
        value = _replaced(str(text), templates, resolved, in_code)
        if text.is_text:
            parent.text = value
        else:
            parent.tail = value
    for element in root.xpath(f"//*[@*[{_HAS_MARK} or {_ENCODED_MARK}]]"):
        for name, value in element.attrib.items():
            value = _ENCODED_RE.sub(lambda m: chr(0xE000 + int(m.group(1), 16) - 0x80), value)
            if "\ue000" not in value and CONTINUATION not in value:
                continue
            if name == "class" and element.tag == "code":
                _mark_block(element, value, templates)
            element.set(name, _replaced(value, templates, resolved, in_code=False).strip())
    return resolved


def _replaced(value: str, templates: Sequence[Template], resolved: Resolved, in_code: bool) -> str:
    def one(match: Any) -> str:
        number = placeholder_number(match)
        if number >= len(templates):
            return ""
        (resolved.in_code if in_code else resolved.in_prose).add(number)
        return templates[number].tag.text if in_code else ""

    return PLACEHOLDER_RE.sub(one, value).replace(CONTINUATION, "")


def _inside_code(element: Any) -> bool:
    return element.tag in _CODE_TAGS or any(a.tag in _CODE_TAGS for a in element.iterancestors())


def _mark_block(code: Any, value: str, templates: Sequence[Template]) -> None:
    """A fence whose info string is a placeholder: the code block a shortcode pair or display
    math became. Its <pre> says why it is not prose."""
    match = PLACEHOLDER_RE.search(value)
    pre = code.getparent()
    if match is None or pre is None or pre.tag != "pre":
        return
    number = placeholder_number(match)
    if number < len(templates):
        pre.set(SKIP_ATTRIBUTE, _REASONS.get(templates[number].tag.kind, "code"))


def page_templates(document: Document, resolved: Resolved) -> tuple[Template, ...]:
    """The draft's template syntax, but for what stood only inside code."""
    return tuple(
        t
        for number, t in enumerate(document.templates)
        if number not in resolved.in_code or number in resolved.in_prose
    )


def template_embeds(templates: Sequence[Template]) -> list[Embed]:
    embeds = []
    for template in templates:
        tag = template.tag
        if tag.kind != "embed":
            continue
        found = embed_of(tag)
        src, is_video = found if found else ("", False)
        title = tag.param("title")
        embeds.append(
            Embed(
                "template",
                src,
                template.line,
                host_of(src),
                title=title,
                loading=tag.param("loading"),
                is_video=is_video,
                text=tag.text,
            )
        )
    return embeds


def template_images(templates: Sequence[Template]) -> list[Image]:
    images = []
    for template in templates:
        if template.tag.kind == "image" and (found := image_of(template.tag)) is not None:
            images.append(Image(found[0], found[1], template.line, in_content=True))
    return images


def leftovers(
    blocks: Sequence[RawBlock], in_content: Sequence[bool], processed: Sequence[str]
) -> tuple[list[Template], list[Embed]]:
    """Template syntax in the article's prose that the site does not process (every dialect
    for a published page): embeds that never rendered, and other tags."""
    dialects = [d for d in LEFTOVER_DIALECTS if d not in processed]
    tags: list[Template] = []
    embeds: list[Embed] = []
    if not dialects:
        return tags, embeds
    for index, block in enumerate(blocks):
        if not in_content[index] or block.skipped or not _may_hold_syntax(block.text):
            continue
        found = scan(block.text, dialects)
        ends = {id(opening): closing.end for opening, closing in pairs(found)}
        for tag in found:
            line = block.line_at(tag.start) or block.line or 1
            if tag.kind == "embed":
                text = block.text[tag.start : ends.get(id(tag), tag.end)]
                embeds.append(Embed("placeholder", "", line, text=text))
            elif not tag.closing:
                tags.append(Template(tag, line))
    return tags, embeds


def _may_hold_syntax(text: str) -> bool:
    return "{" in text or "[" in text or ":::" in text


__all__ = [
    "Resolved",
    "Tag",
    "leftovers",
    "page_templates",
    "resolve_placeholders",
    "template_embeds",
    "template_images",
]
