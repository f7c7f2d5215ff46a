"""Build one immutable Page from a Source: parse once with lxml, extract everything rules need."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from seo_audit.errors import InputError
from seo_audit.page.content import prune_for_extraction, select_content
from seo_audit.page.directives import parse_suppressions
from seo_audit.page.embeds import host_of, is_content_embed_url, is_video_url
from seo_audit.page.model import (
    HEADING_TAGS,
    Author,
    Block,
    Embed,
    FocusKeyphrase,
    Heading,
    Image,
    JsonLdBlock,
    Link,
    Page,
    QAPair,
    StructuredItem,
    line_at,
)
from seo_audit.page.structured import items_from_jsonld, microdata_items, parse_jsonld
from seo_audit.page.tree import RawBlock, Walk, walk
from seo_audit.sources import markdown
from seo_audit.sources.files import Source
from seo_audit.text.notes import BYLINE_RE, KEYPHRASE_NOTE_RE, is_seo_note

# Front matter keys have no line of their own once loaded: findings point at its first line.
FRONT_MATTER_LINE = 1
FRONT_MATTER_KEYPHRASE_KEYS = ("keyphrase", "focus_keyphrase", "focus_keyword", "keyword")

LineOf = Callable[[Any], "int | None"]


def build_page(
    source: Source,
    keyphrase: str | None = None,
    synonyms: tuple[str, ...] = (),
    mapped_keyphrase: str | None = None,
    lang: str | None = None,
    word_forms: bool = True,
) -> Page:
    """Parse once. `keyphrase` is the command line's; `mapped_keyphrase` the config's keyword
    map entry for this page (after the front matter, before an editor's note); `lang` the
    config's language for pages that do not declare one."""
    front_matter: Mapping[str, Any] = {}
    if source.format == "markdown":
        draft = markdown.split_front_matter(source.path, source.text)
        front_matter = draft.front_matter
        html = markdown.render(draft)
    else:
        html = source.text
    # Comments carry the draft's line anchors in rendered Markdown; in HTML they only get in the
    # way (trafilatura drops the text after a comment inside a paragraph).
    root = _parse_html(source.path, html, keep_comments=source.format == "markdown")
    if source.format == "markdown":
        line_map = markdown.build_line_map(root)

        def line_of(element: Any) -> int | None:
            return line_map(element.sourceline)

    else:

        def line_of(element: Any) -> int | None:
            line: int | None = element.sourceline
            return line

    body = root.find("body")
    if body is None:
        body = root
    walked = walk(body, line_of)
    notes = {i for i, b in enumerate(walked.blocks) if is_seo_note(b.text)}
    byline_blocks = {i for i, b in enumerate(walked.blocks) if BYLINE_RE.match(b.text)}
    # Everything that reads the whole tree comes first: the tree is pruned for the extractor.
    jsonld = tuple(_jsonld_blocks(root, line_of))
    items = tuple(item for block in jsonld for item in items_from_jsonld(block))
    items += tuple(microdata_items(root, line_of))
    head = _head_fields(root, line_of, front_matter, walked)
    authors = tuple(_authors(root, line_of, front_matter, items, walked.blocks))
    qa_pairs = tuple(_qa_pairs(body, line_of))
    if source.format == "markdown":
        in_content = [True] * len(walked.blocks)
    else:
        prune_for_extraction(body)
        in_content = select_content(root, walked.blocks)
    in_content = [k and i not in notes and i not in byline_blocks for i, k in enumerate(in_content)]

    if source.format == "markdown" and not head["title"]:
        # A draft without a title in front matter is titled by its "# Heading".
        first = next(((e, i) for e, i in walked.heading_elements if e.tag == "h1"), None)
        if first is not None:
            head["title"] = " ".join(_text_of(first[0]).split()) or None
            head["title_line"] = line_of(first[0])
    blocks = tuple(
        Block(b.tag, b.text, b.line, in_content[i], b.newlines) for i, b in enumerate(walked.blocks)
    )
    seo_notes = tuple(blocks[i] for i in sorted(notes))
    return Page(
        path=source.path,
        format=source.format,
        html=html,
        headings=tuple(_headings(walked, in_content, line_of)),
        blocks=blocks,
        links=tuple(_links(walked, in_content)),
        images=tuple(_images(walked, in_content)),
        embeds=tuple(walked.embeds) + tuple(_text_embeds(walked.blocks, in_content, root)),
        jsonld=jsonld,
        items=items,
        authors=authors,
        front_matter=MappingProxyType(dict(front_matter)),
        keyphrase=_keyphrase(keyphrase, front_matter, seo_notes, mapped_keyphrase),
        synonyms=synonyms or _front_matter_synonyms(front_matter),
        seo_notes=seo_notes,
        qa_pairs=qa_pairs,
        suppressions=parse_suppressions(source.text, front_matter),
        language=head["lang"] or lang,
        word_forms=word_forms,
        **head,
    )


def _parse_html(path: str, html: str, keep_comments: bool) -> Any:
    # lxml.html elements, which trafilatura needs; their Python class lookup makes every
    # element visited from Python dear, so whole-tree searches go through XPath instead.
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=not keep_comments)
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except lxml.etree.ParserError:
        # Nothing but comments or white space (a draft with front matter only): audit an
        # empty page, so the writer hears what is missing rather than a parser's complaint.
        root = lxml.html.document_fromstring(b"<html><body></body></html>", parser=parser)
    except ValueError as error:
        raise InputError(path, f"could not be parsed as HTML ({error})") from None
    if root is None:
        raise InputError(path, "has no HTML content")
    return root


def _headings(walked: Walk, in_content: list[bool], line_of: LineOf) -> list[Heading]:
    headings = []
    first_content = next((i for i, k in enumerate(in_content) if k), None)
    for element, index in walked.heading_elements:
        text = " ".join(_text_of(element).split())
        if not text:
            text = _repaired_heading_text(element)
        if not text:
            text = " ".join(img.get("alt", "") for img in element.iter("img")).strip()
        # A heading belongs to the article when it sits among the content blocks, or is the
        # headline just before them.
        within = 0 <= index < len(in_content) and in_content[index]
        if not within and first_content is not None and index >= 0:
            nearby = [in_content[j] for j in range(index, min(index + 4, len(in_content)))]
            within = index <= first_content and any(nearby)
        headings.append(Heading(int(element.tag[1]), text, line_of(element), within))
    return headings


def _repaired_heading_text(element: Any) -> str:
    """libxml2 turns `<h2><p>Text</p></h2>` into an empty h2 followed by the paragraph."""
    following = element.getnext()
    if (
        following is not None
        and following.tag == "p"
        and following.sourceline == element.sourceline
    ):
        return " ".join(_text_of(following).split())
    return ""


def _links(walked: Walk, in_content: list[bool]) -> list[Link]:
    return [
        Link(
            link.href.strip(),
            link.text,
            link.rel,
            link.line,
            0 <= link.block < len(in_content) and in_content[link.block],
        )
        for link in walked.links
    ]


def _images(walked: Walk, in_content: list[bool]) -> list[Image]:
    kept = [i for i, k in enumerate(in_content) if k]
    images = []
    for image in walked.images:
        inside = bool(kept) and kept[0] <= image.position <= kept[-1]
        images.append(Image(image.src, image.alt, image.line, inside))
    return images


# "[Video]" alone is a common label in headlines and link text; a shortcode has a closing tag,
# attributes or a URL, and a feed's placeholder says "Embedded …".
_PLACEHOLDER_RE = re.compile(
    r"\[\s*embedded\s+(?:video|content|media|tweet|post|audio)\b[^\]]*\]"
    r"|\[(?P<code>embed|video|audio|youtube|vimeo|tweet|instagram|playlist)\b[^\]]*\].*?\[/(?P=code)\]"
    r"|\[(?:embed|video|audio|youtube|vimeo|tweet|instagram|playlist)\s+[^\]]*(?:https?://|src=|id=)"
    r"[^\]]*\]",
    re.IGNORECASE,
)
_BARE_URL_RE = re.compile(r"^https?://\S+$")


def _text_embeds(blocks: list[RawBlock], in_content: list[bool], root: Any) -> list[Embed]:
    """Embeds that never rendered: placeholder text, shortcodes, a bare URL alone in a paragraph."""
    embeds = []
    has_embed_figures = bool(root.xpath("//figure[contains(@class, 'wp-block-embed')]"))
    for index, block in enumerate(blocks):
        # Only the body counts, but an oEmbed figure that never rendered often falls out of it.
        outside = not in_content[index]
        if outside and not (has_embed_figures and _inside_embed_figure(block.element)):
            continue
        match = _PLACEHOLDER_RE.search(block.text)
        if match:
            line = line_at(block.line, block.newlines, match.start())
            embeds.append(Embed("placeholder", "", line, text=match.group(0)))
        elif _BARE_URL_RE.match(block.text) and is_content_embed_url(block.text):
            embeds.append(
                Embed(
                    "url",
                    block.text,
                    block.line,
                    host_of(block.text),
                    text=block.text,
                    is_video=is_video_url(block.text),
                )
            )
    return embeds


def _inside_embed_figure(element: Any) -> bool:
    for node in [element, *element.iterancestors()]:
        if node.tag == "figure" and "wp-block-embed" in (node.get("class") or ""):
            return True
    return False


def _qa_pairs(body: Any, line_of: LineOf) -> list[QAPair]:
    pairs = []
    for element in body.iter("details", "dl"):
        if element.tag == "details":
            summary = element.find("summary")
            if summary is None:
                continue
            question = _text(summary)
            answer = _text(element)[len(question) :].strip()
            pairs.append(QAPair(question, answer, line_of(summary), "details"))
            continue
        term = None
        for child in element.iterchildren("dt", "dd", "div"):
            for item in [child] if child.tag != "div" else child.iterchildren("dt", "dd"):
                if item.tag == "dt":
                    term = item
                elif term is not None:
                    pairs.append(QAPair(_text(term), _text(item), line_of(term), "dl"))
                    term = None
    return pairs


def _text(element: Any) -> str:
    return " ".join(_text_of(element).split())


def _text_of(element: Any) -> str:
    return "".join(element.itertext())


def _jsonld_blocks(root: Any, line_of: LineOf) -> list[JsonLdBlock]:
    blocks = []
    for script in root.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if kind == "application/ld+json":
            blocks.append(parse_jsonld(script.text or "", line_of(script)))
    return blocks


def _meta(root: Any, *names: str) -> tuple[str | None, Any]:
    for element in root.iter("meta"):
        key = (element.get("name") or element.get("property") or "").strip().lower()
        if key in names:
            return (element.get("content") or "").strip(), element
    return None, None


def _head_fields(
    root: Any, line_of: LineOf, front_matter: Mapping[str, Any], walked: Walk
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    title_element = root.find(".//title")
    title = " ".join(_text_of(title_element).split()) if title_element is not None else None
    fields["title_line"] = line_of(title_element) if title_element is not None else None
    description, description_element = _meta(root, "description")
    fields["meta_description_line"] = (
        line_of(description_element) if description_element is not None else None
    )
    canonical = next(
        (
            (link.get("href") or "").strip()
            for link in root.iter("link")
            if "canonical" in (link.get("rel") or "").lower().split()
        ),
        None,
    )
    robots, _ = _meta(root, "robots")
    lang = root.get("lang") or root.get("xml:lang") or None
    fm = front_matter
    if fm:
        title = _str(fm.get("title")) or title
        description = _str(fm.get("description")) or description
        canonical = _str(fm.get("canonical")) or canonical
        lang = _str(fm.get("lang") or fm.get("language")) or lang
        if _str(fm.get("title")):
            fields["title_line"] = FRONT_MATTER_LINE
        if _str(fm.get("description")):
            fields["meta_description_line"] = FRONT_MATTER_LINE
    og_url, _ = _meta(root, "og:url")
    slug = _str(fm.get("slug")) or _slug_from_url(canonical or og_url or "")
    fields.update(
        title=title or None,
        meta_description=description,
        canonical=canonical,
        robots=robots,
        lang=lang.strip() if lang else None,
        slug=slug,
    )
    return fields


def _slug_from_url(url: str) -> str | None:
    if not url:
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    parts = [p for p in PurePosixPath(path).parts if p not in {"/", ""}]
    if not parts:
        return None
    last = parts[-1]
    for suffix in (".html", ".htm", ".php", ".aspx"):
        if last.endswith(suffix):
            last = last[: -len(suffix)]
    return last or None


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


# A cheap substring test in libxml2 first; exact class tokens are checked in Python after.
_AUTHOR_XPATH = (
    "//*[contains(@class, 'author') or contains(@class, 'byline') or contains(@rel, 'author')"
    " or contains(@itemprop, 'author')]"
)
_AUTHOR_TOKENS = frozenset(
    (
        "author",
        "byline",
        "author-name",
        "post-author",
        "entry-author",
        "article-author",
        "by-author",
        "byline-author",
        "authors",
    )
)


def _authors(
    root: Any,
    line_of: LineOf,
    front_matter: Mapping[str, Any],
    items: tuple[StructuredItem, ...],
    blocks: list[RawBlock],
) -> list[Author]:
    authors: list[Author] = []
    fm_author = front_matter.get("author")
    for name in fm_author if isinstance(fm_author, list) else [fm_author]:
        if _str(name):
            authors.append(Author(str(name).strip(), FRONT_MATTER_LINE, "front matter"))
    content, element = _meta(root, "author", "article:author")
    if content and not content.startswith("http"):
        authors.append(Author(content, line_of(element), "meta"))
    for item in items:
        if item.is_a("Article", "NewsArticle", "BlogPosting", "Report", "TechArticle"):
            value = item.data.get("author")
            for person in value if isinstance(value, list) else [value]:
                name = person.get("name") if isinstance(person, Mapping) else person
                if isinstance(name, str) and name.strip():
                    authors.append(Author(name.strip(), item.line, "json-ld"))
    for block in blocks:
        match = BYLINE_RE.match(block.text)
        if match:
            authors.append(Author(match.group("name").strip(" .,"), block.line, "byline"))
    for element in root.xpath(_AUTHOR_XPATH):
        if not isinstance(element.tag, str) or element.tag in HEADING_TAGS:
            continue
        tokens = (
            " ".join(
                (
                    element.get("rel") or "",
                    element.get("itemprop") or "",
                    element.get("class") or "",
                )
            )
            .lower()
            .split()
        )
        if _AUTHOR_TOKENS.intersection(tokens) and element.tag != "meta":
            text = " ".join(_text_of(element).split())
            name = re.sub(r"^(?:by|posted by|written by)\s+", "", text, flags=re.I).strip(" .,")
            if 0 < len(name.split()) <= 6 and not any(a.name == name for a in authors):
                authors.append(Author(name, line_of(element), "byline"))
    return authors


def _keyphrase(
    option: str | None,
    front_matter: Mapping[str, Any],
    notes: tuple[Block, ...],
    mapped: str | None,
) -> FocusKeyphrase | None:
    if option and option.strip():
        return FocusKeyphrase(option.strip(), "option")
    for key in FRONT_MATTER_KEYPHRASE_KEYS:
        value = _str(front_matter.get(key))
        if value:
            return FocusKeyphrase(value, "front matter", FRONT_MATTER_LINE)
    if mapped and mapped.strip():
        return FocusKeyphrase(mapped.strip(), "config")
    for note in notes:
        match = KEYPHRASE_NOTE_RE.match(note.text)
        if match:
            return FocusKeyphrase(match.group("value"), "editor's note", note.line)
    return None


def _front_matter_synonyms(front_matter: Mapping[str, Any]) -> tuple[str, ...]:
    value = front_matter.get("synonyms")
    if isinstance(value, str):
        return tuple(s.strip() for s in value.split(",") if s.strip())
    if isinstance(value, list):
        return tuple(str(s).strip() for s in value if str(s).strip())
    return ()
