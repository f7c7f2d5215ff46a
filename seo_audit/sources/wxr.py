"""WordPress exports (WXR): every post and page of an export file, one Document each.

A WXR file is RSS with WordPress's namespaces: a `<channel>` header (site name, language,
authors), then one `<item>` per post, page, attachment, menu item… The planner expands the
file into one SourceRef per item worth auditing (`expand`), and a worker reads just that item
back (`read_wxr`). Both sides split the file with one byte scanner (`_items`) that knows where
CDATA sections and comments start and end, so an `<item>` inside a post's text is not an item;
each item is then parsed alone with lxml, wrapped in the file's own `<rss …>` start tag so its
namespaces resolve. Nothing holds more than one item: a 2 GB export runs in flat memory, and a
ref carries the item's byte offset, length and line, so a worker seeks straight to it instead
of re-reading the file up to it (lxml's iterparse gives lines but no byte offsets, which is why
the split is ours).

An item becomes a page as the site's theme would publish it: the SEO title from Yoast or Rank
Math (their `%%title%%` / `%title%` variables resolved) or WordPress's own "Post – Site", the
post title as the H1 the theme prints, the permalink as canonical and as the page's name, the
content with WordPress's paragraphs (wpautop: blank lines make paragraphs; posts written with
the block editor are left as they are, as WordPress does) and its shortcodes taken out as the
drafts' template syntax is (sources/templates.py). Every field keeps its line in the export.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import IO, Any

from seo_audit.errors import InputError
from seo_audit.sources.document import Declared, Document
from seo_audit.sources.ref import SourceRef, resolved
from seo_audit.sources.templates import take_out
from seo_audit.sources.untrusted_xml import untrusted_parser
from seo_audit.text.characters import without_lone_surrogates
from seo_audit.text.urls import split_url

__all__ = [
    "AUDITED_STATUSES",
    "STATUSES",
    "expand",
    "is_export",
    "read_wxr",
    "wpautop",
]

WP_NAMESPACE = b"http://wordpress.org/export/"
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_WP_NS = "http://wordpress.org/export/"  # wp: 1.0–1.2; excerpt:encoded is …/export/1.2/excerpt/
_DC_NS = "http://purl.org/dc/elements/1.1/"
# Every status WordPress writes into an export; `publish` is what readers see.
STATUSES = ("publish", "draft", "pending", "private", "future", "trash")
AUDITED_STATUSES = ("publish",)
# Post types that are not pages anyone reads: media, menus, revisions and the block editor's
# and customizer's own records. Every other type (post, page, a plugin's product or recipe)
# is a page.
NOT_PAGES = frozenset(
    {
        "attachment",
        "nav_menu_item",
        "revision",
        "custom_css",
        "customize_changeset",
        "oembed_cache",
        "user_request",
        "wp_block",
        "wp_template",
        "wp_template_part",
        "wp_global_styles",
        "wp_navigation",
        "wp_font_family",
        "wp_font_face",
    }
)
_SNIFF_BYTES = 64 * 1024
MAX_ITEM_BYTES = 64 * 1024 * 1024  # a post longer than this is no post: its item is an error
_CHUNK = 1024 * 1024
# What the scanner looks for outside CDATA and comments: the start of either, and items.
_TOKEN_RE = re.compile(rb"<!\[CDATA\[|<!--|<item[\s>]|</item\s*>")
_LONGEST_TOKEN = 9  # "<![CDATA[": a token cut by a chunk boundary is looked at again
_XML_DECLARATION_RE = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_RSS_START_RE = re.compile(rb"<rss\b[^>]*>")


def is_export(path: str) -> bool:
    """Whether the file is a WordPress export: RSS with WordPress's export namespace in its
    first 64 KiB (whatever the file's name)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False
    start = _RSS_START_RE.search(head)
    return start is not None and WP_NAMESPACE in start.group(0)


@dataclass(frozen=True)
class _Span:
    offset: int  # byte offset of "<item" in the file
    data: bytes  # the item, "<item…>" to "</item>"
    line: int  # the line "<item" is on


def _items(handle: IO[bytes]) -> Iterator[_Span]:
    """Each `<item>…</item>` of the file, in one pass over its bytes, holding one item at a
    time. An item start inside a CDATA section or a comment is text, not an item. An item
    that does not end (the file stops, another item starts, or it runs past MAX_ITEM_BYTES)
    is a span with no data."""
    buffer = b""
    base = 0  # the file offset of buffer[0]
    position = 0  # where in the buffer the search goes on
    line = 1  # the line `position` is on
    inside: bytes | None = None  # b"]]>" or b"-->" while in CDATA or a comment
    start: int | None = None  # where the open item starts in the buffer
    start_line = 0
    ended = False
    while True:
        if inside is not None:
            end = buffer.find(inside, position)
            if end >= 0:
                line += buffer.count(b"\n", position, end + len(inside))
                position = end + len(inside)
                inside = None
                continue
            keep = max(position, len(buffer) - len(inside) + 1)
        else:
            match = _TOKEN_RE.search(buffer, position)
            if match is not None and (match.end() < len(buffer) or ended):
                token = match.group(0)
                line += buffer.count(b"\n", position, match.start())
                position = match.start()
                if token == b"<![CDATA[":
                    inside, position = b"]]>", match.end()
                elif token == b"<!--":
                    inside, position = b"-->", match.end()
                elif token.startswith(b"<item"):
                    if start is not None:  # the open item never ended: an empty span says so
                        yield _Span(base + start, b"", start_line)
                    start, start_line = position, line
                    position = match.start() + 5
                elif start is not None:  # </item>
                    yield _Span(base + start, buffer[start : match.end()], start_line)
                    start = None
                    line += buffer.count(b"\n", position, match.end())
                    position = match.end()
                else:
                    position = match.end()
                continue
            keep = max(position, len(buffer) - _LONGEST_TOKEN)
        if ended:
            if start is not None:
                yield _Span(base + start, b"", start_line)
            return
        if start is not None and len(buffer) - start > MAX_ITEM_BYTES:
            # An item that does not end is not held whole: one empty span, and on.
            yield _Span(base + start, b"", start_line)
            start = None
        line += buffer.count(b"\n", position, keep)
        position = keep
        # Drop what was searched, except the open item (the planner parses it whole).
        drop = min(position, start) if start is not None else position
        buffer = buffer[drop:]
        base += drop
        position -= drop
        if start is not None:
            start -= drop
        chunk = handle.read(_CHUNK)
        if not chunk:
            ended = True
        buffer += chunk


@dataclass(frozen=True)
class _Channel:
    """What the export says about the site, read from the bytes before its first item."""

    rss_start: bytes  # the <rss …> start tag, on one line: items are parsed inside it
    encoding: str
    site_name: str = ""
    site_description: str = ""
    language: str | None = None
    base_url: str = ""
    authors: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def _parser(encoding: str) -> Any:
    # Exports are untrusted (sources/untrusted_xml.py); a long post is no attack.
    return untrusted_parser(
        encoding=encoding, huge_tree=True, strip_cdata=True, remove_comments=False
    )


def _channel_of(name: str, header: bytes) -> _Channel:
    from lxml import etree

    declared = _XML_DECLARATION_RE.search(header[:200])
    encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    start = _RSS_START_RE.search(header)
    if start is None:
        raise InputError(name, "is not a WordPress export (no <rss> element)")
    rss_start = start.group(0).replace(b"\r", b" ").replace(b"\n", b" ")
    body = header[start.end() :]
    channel_at = body.find(b"<channel")
    body = body[channel_at:] if channel_at >= 0 else b"<channel>"
    document = rss_start + body + b"</channel></rss>"
    try:
        root = etree.fromstring(document, _parser(encoding))
    except (etree.XMLSyntaxError, LookupError, ValueError):
        try:  # the header alone may be cut oddly (a comment just before the first item)
            recovering = untrusted_parser(encoding=encoding, recover=True)
            root = etree.fromstring(document, recovering)
        except (etree.XMLSyntaxError, LookupError, ValueError):
            root = None
    if root is None:
        return _Channel(rss_start, encoding)
    channel = next((c for c in root if _local(c) == "channel"), None)
    if channel is None:
        return _Channel(rss_start, encoding)
    fields: dict[str, str] = {}
    authors: dict[str, str] = {}
    for child in channel:
        name_ = _local(child)
        if name_ == "author" and _kind(child) == "wp":
            parts = {_local(part): (part.text or "").strip() for part in child}
            login = parts.get("author_login", "")
            if login:
                authors[login] = parts.get("author_display_name") or login
        elif name_ not in fields:
            fields[name_] = " ".join((child.text or "").split())
    language = fields.get("language") or None
    return _Channel(
        rss_start=rss_start,
        encoding=encoding,
        site_name=fields.get("title", ""),
        site_description=fields.get("description", ""),
        language=language,
        base_url=fields.get("base_blog_url") or fields.get("link", ""),
        authors=MappingProxyType(authors),
    )


def _local(element: Any) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag.rsplit("}", 1)[-1]


def _namespace(element: Any) -> str:
    tag = element.tag
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _kind(element: Any) -> str:
    """Which vocabulary an element is from: "wp", "excerpt", "content", "dc", "" (RSS)."""
    namespace = _namespace(element)
    if namespace.startswith(_WP_NS):
        return "excerpt" if "/excerpt/" in namespace else "wp"
    return {_CONTENT_NS: "content", _DC_NS: "dc"}.get(namespace, namespace)


@dataclass(frozen=True)
class _Item:
    """One item's fields, each with its line in the export."""

    title: str
    title_line: int
    link: str
    link_line: int
    post_id: str
    slug: str
    slug_line: int
    creator: str
    creator_line: int
    status: str
    post_type: str
    date: str
    content: str
    content_line: int
    excerpt: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    meta: Mapping[str, tuple[str, int]]  # wp:postmeta key -> (value, line of the value)


def _parse_item(name: str, span: _Span, channel: _Channel) -> _Item:
    """The item's fields, its lines counted in the export (`span.line` is the item's)."""
    from lxml import etree

    try:
        root = etree.fromstring(
            channel.rss_start + span.data + b"</rss>", _parser(channel.encoding)
        )
    except (etree.XMLSyntaxError, LookupError, ValueError) as error:
        message = str(error).split(" (line", 1)[0]
        raise InputError(name, f"item is not well-formed XML ({message})") from None
    item = root[0] if len(root) else root

    def line(element: Any) -> int:
        return span.line + (element.sourceline or 1) - 1

    def text(element: Any) -> str:
        return without_lone_surrogates(element.text or "")

    values: dict[tuple[str, str], tuple[str, int]] = {}
    meta: dict[str, tuple[str, int]] = {}
    categories: list[str] = []
    tags: list[str] = []
    for child in item:
        local, kind = _local(child), _kind(child)
        if (kind, local) == ("wp", "postmeta"):
            key = value = None
            value_line = line(child)
            for part in child:
                if _local(part) == "meta_key":
                    key = (part.text or "").strip()
                elif _local(part) == "meta_value":
                    value, value_line = text(part), line(part)
            if key and key not in meta:
                meta[key] = (value or "", value_line)
        elif (kind, local) == ("", "category"):
            label = " ".join(text(child).split())
            (tags if child.get("domain") == "post_tag" else categories).append(label)
        else:
            values.setdefault((kind, local), (text(child), line(child)))

    def get(kind: str, local: str) -> tuple[str, int]:
        return values.get((kind, local), ("", span.line))

    title, title_line = get("", "title")
    content, content_line = get("content", "encoded")
    creator, creator_line = get("dc", "creator")
    slug, slug_line = get("wp", "post_name")
    return _Item(
        title=" ".join(title.split()),
        title_line=title_line,
        link=get("", "link")[0].strip(),
        link_line=get("", "link")[1],
        post_id=get("wp", "post_id")[0].strip(),
        slug=slug.strip(),
        slug_line=slug_line,
        creator=creator.strip(),
        creator_line=creator_line,
        status=get("wp", "status")[0].strip() or "publish",
        post_type=get("wp", "post_type")[0].strip() or "post",
        date=get("wp", "post_date")[0].strip(),
        content=content,
        content_line=content_line,
        excerpt=" ".join(get("excerpt", "encoded")[0].split()),
        categories=tuple(categories),
        tags=tuple(tags),
        meta=MappingProxyType(meta),
    )


def _header(handle: IO[bytes], first_item: int) -> bytes:
    handle.seek(0)
    return handle.read(first_item)


def expand(
    path: str, statuses: Sequence[str] = AUDITED_STATUSES
) -> Iterator[SourceRef | InputError]:
    """One SourceRef per item worth auditing (a page or post of a wanted status), in the
    export's order; an item that is not well-formed XML is an InputError naming its line.
    The refs name the item by its permalink and carry (offset, length, line, header length)."""
    folder = resolved(path).parent
    site = resolved(path)
    wanted = set(statuses)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - read in a loop below, closed in finally
    except OSError as error:
        yield InputError(path, f"cannot be read ({error.strerror or error})")
        return
    try:
        channel: _Channel | None = None
        first_item = 0
        seen: set[str] = set()
        number = failed = 0
        for number, span in enumerate(_items(handle), 1):
            if channel is None:
                first_item = span.offset
                here = handle.tell()
                try:
                    channel = _channel_of(path, _header(handle, first_item))
                except InputError as error:
                    yield error
                    return
                handle.seek(here)
            where = f"{path}:{span.line}"
            if not span.data:
                failed += 1
                yield InputError(where, "item does not end (no </item>)")
                continue
            try:
                item = _parse_item(where, span, channel)
            except InputError as error:
                failed += 1
                yield error
                continue
            if item.post_type in NOT_PAGES or item.status not in wanted:
                continue
            name = item.link or f"{path}#item-{number}"
            if name in seen:  # two items with one permalink: both audited, told apart
                name = f"{name}#post-{item.post_id or number}"
            seen.add(name)
            yield SourceRef(
                "wxr",
                name,
                path,
                folder,
                site_root=site,
                payload=(span.offset, len(span.data), span.line, first_item),
            )
        if not seen and not failed:
            # An export that yields nothing is the user's surprise, not "no pages found".
            wanted_text = ", ".join(s for s in STATUSES if s in wanted)
            yield InputError(
                path,
                f"has no post or page with status {wanted_text} among its {number} items "
                "(--status draft,publish audits drafts too)",
            )
    except OSError as error:
        yield InputError(path, f"cannot be read ({error.strerror or error})")
    finally:
        handle.close()


@functools.lru_cache(maxsize=8)
def _cached_channel(path: str, first_item: int, mtime: int) -> _Channel:
    with open(path, "rb") as handle:
        return _channel_of(path, _header(handle, first_item))


def read_wxr(ref: SourceRef) -> Document:
    """The Document of one export item (ref.payload: its offset, length and line, and the
    length of the export's header)."""
    offset, length, line, first_item = ref.payload
    try:
        mtime = os.stat(ref.location).st_mtime_ns
        channel = _cached_channel(ref.location, first_item, mtime)
        with open(ref.location, "rb") as handle:
            handle.seek(offset)
            data = handle.read(length)
    except OSError as error:
        raise InputError(ref.name, f"cannot be read ({error.strerror or error})") from None
    if not data.startswith(b"<item") or not data.rstrip().endswith(b">"):
        raise InputError(ref.name, "the export changed since it was planned; run again")
    item = _parse_item(ref.name, _Span(offset, data, line), channel)
    return item_document(ref, item, channel)


def item_document(ref: SourceRef, item: _Item, channel: _Channel) -> Document:
    declared = _declared(item, channel)
    body = item.content
    # Shortcodes are WordPress's template syntax: out of the prose, embeds kept.
    taken = take_out(embeds_as_shortcodes(body), item.content_line, ["wordpress"], "")
    content = taken.text if "<!-- wp:" in body else wpautop(taken.text)
    # Line 1 is the page around the post; the post's first line is the content's line.
    html = "<html><head></head><body>" + content + "\n</body></html>\n"
    # No `text`: columns and next-line suppressions read it by the export's line numbers,
    # which only a string of every line before the item would give (a cost that grows with
    # the export). Whole-page suppression comments in the post are declared instead.
    return Document(
        ref=ref,
        text="",
        html=html,
        format="html",
        draft=True,  # the post alone: the theme adds the head, its title as the H1
        declared=declared,
        line_anchors=((1, item.content_line),),
        layout_title=True,
        templates=taken.templates,
        dialects=("wordpress",),
    )


# [embed]URL[/embed], and a URL alone on its line from a provider WordPress embeds (oEmbed):
# WordPress shows the player, not the address.
_EMBED_PAIR_RE = re.compile(
    r"\[embed(?P<args>[^\[\]\n]{0,200})\]\s*(?P<url>https?://[^\s\[\]<>\"']+)\s*\[/embed\]",
    re.IGNORECASE,
)
_URL_LINE_RE = re.compile(r"^[ \t]*(?P<url>https?://[^\s<>\"'\[\]]+)[ \t]*$", re.MULTILINE)
_OEMBED_HOSTS = (
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "twitter.com",
    "x.com",
    "dailymotion.com",
    "soundcloud.com",
    "spotify.com",
    "tiktok.com",
    "ted.com",
    "flickr.com",
    "wordpress.tv",
    "videopress.com",
)


def embeds_as_shortcodes(content: str) -> str:
    """WordPress's auto-embeds as `[embed src="…"]`, line for line, so the page stage sees the
    embed the site renders (text/templates.py) instead of an address left as a paragraph."""

    def pair(match: re.Match[str]) -> str:
        url = match.group("url")
        return f'[embed src="{url}"{match.group("args")}]' + "\n" * match.group(0).count("\n")

    def alone(match: re.Match[str]) -> str:
        url = match.group("url")
        parts = split_url(url)
        host = (parts.hostname or "") if parts is not None else ""
        known = any(host == h or host.endswith("." + h) for h in _OEMBED_HOSTS)
        return f'[embed src="{url}"]' if known else match.group(0)

    if "http" not in content:
        return content
    return _URL_LINE_RE.sub(alone, _EMBED_PAIR_RE.sub(pair, content))


# Paragraphs start where no block-level element does (WordPress's wpautop list, shortened
# to what posts contain); a comment or shortcode placeholder alone is left as it is.
_BLOCK_RE = re.compile(
    r"\s*(?:<!--|</?(?:address|article|aside|blockquote|details|div|dl|dd|dt|fieldset|"
    r"figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|"
    r"thead|tbody|tfoot|tr|td|th|ul|iframe|style|script|audio|video|object|embed|math|svg|"
    r"select|option|caption|colgroup|col|legend|menu|summary|noscript)\b)",
    re.IGNORECASE,
)
_PARAGRAPH_BREAK_RE = re.compile(r"(\n[ \t]*\n\s*)")


def wpautop(content: str) -> str:
    """WordPress's paragraphs, line for line: text between blank lines becomes a <p>, a line
    break inside it a <br />; blocks (headings, lists, figures, tables…) are left alone. Every
    line stays on its line, so findings keep the export's line numbers."""
    pieces = _PARAGRAPH_BREAK_RE.split(content.replace("\r\n", "\n"))
    out = []
    for index, piece in enumerate(pieces):
        if index % 2 == 1 or not piece.strip() or _BLOCK_RE.match(piece):
            out.append(piece)
            continue
        lines = piece.rstrip().split("\n")
        tail = piece[len(piece.rstrip()) :]
        out.append("<p>" + "<br />\n".join(lines) + "</p>" + tail)
    return "".join(out)


# Yoast's and Rank Math's title and description variables this export can answer.
_YOAST_VARIABLE_RE = re.compile(r"%%([a-z_]+)%%")
_RANK_MATH_VARIABLE_RE = re.compile(r"%([a-z_]+)%")
_SEPARATOR = "-"  # both plugins' default separator (the site's choice is not exported)


def _variables(item: _Item, channel: _Channel, keyphrase: str | None) -> dict[str, str]:
    category = item.categories[0] if item.categories else ""
    return {
        "title": item.title,
        "sitename": channel.site_name,
        "sitedesc": channel.site_description,
        "sep": _SEPARATOR,
        "excerpt": item.excerpt,
        "excerpt_only": item.excerpt,
        "category": category,
        "primary_category": category,
        "tag": ", ".join(item.tags),
        "date": item.date.split(" ", 1)[0],
        "name": channel.authors.get(item.creator, item.creator),
        "focuskw": keyphrase or "",
        "page": "",
        "pagenumber": "",
        "pagetotal": "",
    }


def resolve_variables(template: str, pattern: re.Pattern[str], values: Mapping[str, str]) -> str:
    """A title template with its variables filled in; one the export cannot answer (the
    current year, a custom field) is left out rather than shown as %%name%%."""
    text = pattern.sub(lambda m: values.get(m.group(1), ""), template)
    text = " ".join(text.split())
    # A variable left out may leave its separator dangling: "Title - " or "- Site".
    sep = re.escape(_SEPARATOR)
    text = re.sub(rf"^(?:{sep}\s*)+|(?:\s*{sep})+$", "", text)
    return re.sub(rf"(?:{sep}\s*){{2,}}", f"{_SEPARATOR} ", text).strip()


def _declared(item: _Item, channel: _Channel) -> Declared:
    meta = item.meta
    lines: dict[str, int] = {
        "heading": item.title_line,
        "slug": item.slug_line,
        "author": item.creator_line,
    }
    keyphrase, source = None, None
    yoast_kw, yoast_line = meta.get("_yoast_wpseo_focuskw", ("", 0))
    rank_kw, rank_line = meta.get("rank_math_focus_keyword", ("", 0))
    if yoast_kw.strip():
        keyphrase, source = " ".join(yoast_kw.split()), "Yoast field"
        lines["keyphrase"] = yoast_line
    elif rank_kw.split(",", 1)[0].strip():
        # Rank Math keeps the focus keyphrase first, then the secondary ones, comma-separated.
        keyphrase, source = " ".join(rank_kw.split(",", 1)[0].split()), "Rank Math field"
        lines["keyphrase"] = rank_line
    values = _variables(item, channel, keyphrase)
    title = None
    for key, pattern in (
        ("_yoast_wpseo_title", _YOAST_VARIABLE_RE),
        ("rank_math_title", _RANK_MATH_VARIABLE_RE),
    ):
        template, template_line = meta.get(key, ("", 0))
        if template.strip():
            title = resolve_variables(template, pattern, values) or None
            lines["title"] = template_line
            break
    if title is None and item.title:
        # No SEO plugin title: WordPress's own document title, "Post – Site".
        title = f"{item.title} – {channel.site_name}" if channel.site_name else item.title
        lines["title"] = item.title_line
    description = None
    for key, pattern in (
        ("_yoast_wpseo_metadesc", _YOAST_VARIABLE_RE),
        ("rank_math_description", _RANK_MATH_VARIABLE_RE),
    ):
        template, template_line = meta.get(key, ("", 0))
        if template.strip():
            description = resolve_variables(template, pattern, values) or None
            lines["description"] = template_line
            break
    canonical = None
    for key in ("_yoast_wpseo_canonical", "rank_math_canonical_url"):
        value, value_line = meta.get(key, ("", 0))
        if value.strip():
            canonical = value.strip()
            lines["canonical"] = value_line
            break
    if canonical is None and item.link:
        canonical = item.link
        lines["canonical"] = item.link_line
    robots = _robots(meta, lines)
    disable: list[str] = []
    for match in _DISABLE_RE.finditer(item.content):
        disable += [i for i in re.split(r"[\s,]+", match.group("ids").strip()) if i]
        if "disable" not in lines:
            lines["disable"] = item.content_line + item.content.count("\n", 0, match.start())
    author = channel.authors.get(item.creator, item.creator)
    return Declared(
        title=title,
        heading=item.title or None,
        description=description,
        canonical=canonical,
        lang=channel.language,
        slug=item.slug or None,
        authors=(author,) if author else (),
        keyphrase=keyphrase,
        keyphrase_source=source,
        robots=robots,
        disable=tuple(dict.fromkeys(disable)),
        draft=item.status != "publish",
        lines=MappingProxyType(lines),
    )


# `<!-- seo-audit: disable rule-a, rule-b -->` in a post (page/directives.py reads the same
# comment in files); disable-next-line needs the export's text, which an item does not keep.
_DISABLE_RE = re.compile(r"<!--\s*seo-audit\s*:\s*disable(?!-)\b(?P<ids>[^>]{0,500}?)-->", re.I)


def _robots(meta: Mapping[str, tuple[str, int]], lines: dict[str, int]) -> str | None:
    """The robots directives the SEO plugin writes into the page: Yoast's noindex and nofollow
    switches ("1" is on), Rank Math's list (stored PHP-serialised: a:1:{i:0;s:7:"noindex";})."""
    directives = []
    for key, directive in (
        ("_yoast_wpseo_meta-robots-noindex", "noindex"),
        ("_yoast_wpseo_meta-robots-nofollow", "nofollow"),
    ):
        value, line = meta.get(key, ("", 0))
        if value.strip() == "1":
            directives.append(directive)
            lines.setdefault("robots", line)
    value, line = meta.get("rank_math_robots", ("", 0))
    for directive in ("noindex", "nofollow"):
        if f'"{directive}"' in value and directive not in directives:
            directives.append(directive)
            lines.setdefault("robots", line)
    return ", ".join(directives) or None
