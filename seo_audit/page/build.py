"""Document -> Page, in named passes that run one way: first everything that reads the whole
tree (head fields, structured data, authors, Q&A pairs), then the pass that prunes the tree to
find the article, then what depends on the article (headings, links, images, embeds), and the
keyphrase, chosen once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from seo_audit.page.authors import read_authors
from seo_audit.page.content import prune_for_extraction, select_content
from seo_audit.page.directives import parse_suppressions
from seo_audit.page.embeds import text_embeds
from seo_audit.page.head import read_head
from seo_audit.page.html import LineOf, clean_text, parse_html
from seo_audit.page.keyphrase import KeyphraseOptions, choose_keyphrase
from seo_audit.page.language import choose_language
from seo_audit.page.markers import scan_markers
from seo_audit.page.model import Block, Heading, Image, JsonLdBlock, Link, Page
from seo_audit.page.qa import read_qa_pairs
from seo_audit.page.structured import items_from_jsonld, microdata_items, parse_jsonld
from seo_audit.page.template_parts import chrome_of
from seo_audit.page.templates import (
    leftovers,
    page_templates,
    resolve_placeholders,
    template_embeds,
    template_images,
)
from seo_audit.page.tree import Walk, walk
from seo_audit.page.visible import read_visible_dates, read_visible_trail
from seo_audit.sources.document import Document
from seo_audit.text.notes import BYLINE_RE, is_seo_note


@dataclass(frozen=True)
class PageOptions:
    """How the run wants the page read: the keyphrase it knows, the language for pages that
    declare none (or for every page, `lang_override`), and whether keyphrase words match by
    word form."""

    keyphrase: KeyphraseOptions = field(default_factory=KeyphraseOptions)
    lang: str | None = None
    lang_override: str | None = None  # --lang: the text's language, whatever pages declare
    word_forms: bool = True
    site_url: str | None = None  # the production URL of the site (--base-url)


def build_page(document: Document, options: PageOptions | None = None) -> Page:
    options = options or PageOptions()
    root = parse_html(document.name, document.html)
    mapper = document.line_mapper()

    def line_of(element: Any) -> int | None:
        return mapper(element.sourceline)

    body = root.find("body")
    if body is None:
        body = root
    resolved = resolve_placeholders(root, document)
    walked = walk(body, line_of)
    # Read-only passes over the whole tree come first: the article pass prunes it.
    markers = scan_markers(root)  # one walk for what the readers below look for
    head = read_head(root, line_of, document.declared, markers)
    jsonld = _jsonld_blocks(markers.tagged("script"), line_of)
    items = tuple(item for block in jsonld for item in items_from_jsonld(block))
    items += tuple(microdata_items(markers.itemscopes, line_of))
    authors = read_authors(root, line_of, document.declared, items, walked.blocks, markers.authors)
    qa_pairs = read_qa_pairs(body, line_of)
    visible_dates = read_visible_dates(markers.tagged("time"), markers.datelines, line_of)
    visible_trail = read_visible_trail(markers.trails, line_of)
    # Before the article pass prunes the tree, while every heading has its ancestors.
    chrome = [chrome_of(element) for element, _ in walked.heading_elements]
    in_content = _article(document, root, body, walked, markers.elements)
    blocks = tuple(
        Block(b.tag, b.text, b.line, in_content[i], b.newlines, b.skipped)
        for i, b in enumerate(walked.blocks)
    )
    title, title_line = head.title, head.title_line
    if document.draft and not title:
        # A draft without a declared title is titled by its "# Heading".
        first = next((e for e, _ in walked.heading_elements if e.tag == "h1"), None)
        if first is not None:
            title, title_line = clean_text(first) or None, line_of(first)
    seo_notes = tuple(b for b in blocks if is_seo_note(b.text))
    templates = page_templates(document, resolved)
    leftover_tags, leftover_embeds = leftovers(walked.blocks, in_content, document.dialects)
    declared = document.declared
    language = choose_language(
        "\n\n".join(b.text for b in blocks if b.in_content and not b.skipped),
        head.lang,
        options.lang,
        options.lang_override,
    )
    return Page(
        path=document.name,
        format=document.format,
        html=document.html,
        lang=head.lang,
        title=title,
        title_line=title_line,
        meta_description=head.meta_description,
        meta_description_line=head.meta_description_line,
        canonical=head.canonical,
        canonical_line=head.canonical_line,
        robots=head.robots,
        slug=head.slug,
        headings=_layout_heading(document) + tuple(_headings(walked, in_content, chrome, line_of)),
        blocks=blocks,
        links=tuple(_links(walked, in_content)),
        images=tuple(_images(walked, in_content, document.draft))
        + tuple(template_images(templates)),
        embeds=tuple(walked.embeds)
        + tuple(template_embeds(templates))
        + tuple(text_embeds(walked.blocks, in_content, root))
        + tuple(leftover_embeds),
        jsonld=jsonld,
        items=items,
        authors=authors,
        front_matter=document.front_matter,
        keyphrase=choose_keyphrase(options.keyphrase, declared, head.canonical, seo_notes),
        synonyms=options.keyphrase.synonyms or declared.synonyms,
        seo_notes=seo_notes,
        qa_pairs=qa_pairs,
        suppressions=parse_suppressions(
            document.text, declared.disable, declared.line_of("disable")
        ),
        language=language.language,
        detected_language=language.detected,
        word_forms=options.word_forms,
        templates=templates,
        leftovers=tuple(leftover_tags),
        marked_draft=declared.draft,
        layout_title=document.draft and document.layout_title,
        http=document.http,
        meta_tags=head.meta_tags,
        link_tags=head.link_tags,
        base_href=head.base_href,
        visible_dates=visible_dates,
        visible_trail=visible_trail,
        site_url=options.site_url,
        source=document.text,
    )


def _layout_heading(document: Document) -> tuple[Heading, ...]:
    """The H1 a draft's layout prints from its front-matter title."""
    heading = document.declared.heading
    if not (document.draft and document.layout_title and heading):
        return ()
    line = document.declared.line_of("heading")
    return (Heading(1, heading, line, in_content=True, from_layout=True),)


def _article(document: Document, root: Any, body: Any, walked: Walk, elements: int) -> list[bool]:
    """Which blocks are the article. A draft is all article; a published page is pruned and
    its article found by extraction (the one pass that changes the tree). Editor's notes and
    bylines are never article text."""
    if document.draft:
        in_content = [True] * len(walked.blocks)
    else:
        prune_for_extraction(body)
        in_content = select_content(root, walked.blocks, elements)
    return [
        keep and not is_seo_note(block.text) and not BYLINE_RE.match(block.text)
        for keep, block in zip(in_content, walked.blocks, strict=True)
    ]


def _jsonld_blocks(scripts: Sequence[Any], line_of: LineOf) -> tuple[JsonLdBlock, ...]:
    blocks = []
    for script in scripts:
        kind = (script.get("type") or "").strip().lower()
        if kind == "application/ld+json":
            blocks.append(parse_jsonld(script.text or "", line_of(script)))
    return tuple(blocks)


def _headings(
    walked: Walk, in_content: Sequence[bool], chrome: Sequence[str], line_of: LineOf
) -> list[Heading]:
    headings = []
    first_content = next((i for i, k in enumerate(in_content) if k), None)
    for (element, index), template in zip(walked.heading_elements, chrome, strict=True):
        text = clean_text(element)
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
        headings.append(
            Heading(int(element.tag[1]), text, line_of(element), within, chrome=template)
        )
    return headings


def _repaired_heading_text(element: Any) -> str:
    """libxml2 turns `<h2><p>Text</p></h2>` into an empty h2 followed by the paragraph."""
    following = element.getnext()
    if (
        following is not None
        and following.tag == "p"
        and following.sourceline == element.sourceline
    ):
        return clean_text(following)
    return ""


def _links(walked: Walk, in_content: Sequence[bool]) -> list[Link]:
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


def _images(walked: Walk, in_content: Sequence[bool], draft: bool) -> list[Image]:
    kept = [i for i, k in enumerate(in_content) if k]
    images = []
    for image in walked.images:
        # A draft is all article, an image after its last paragraph too.
        inside = draft or (bool(kept) and kept[0] <= image.position <= kept[-1])
        images.append(Image(image.src, image.alt, image.line, inside))
    return images
