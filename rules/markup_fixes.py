"""The safe fixes the embed, meta and FAQ rules offer: markup added to a tag, never text changed.

Each function is a rule's `fix=` (see seo_audit.engine.fixes): the Page and one finding in, a
Fix (edits on the page's source) or None out. This module holds no rules.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath

from seo_audit.engine.fixes import (
    Fix,
    TextEdit,
    add_attribute,
    attribute_value,
    newline_of,
    start_tag,
)
from seo_audit.page.model import Embed, Page
from seo_audit.results.model import ReportedFinding
from seo_audit.text.urls import host_of, split_url

# Embed hosts known to serve the same player over https (every major one has for years), by
# the name an iframe title gives them. An http:// URL of another host is left as written: it
# may not answer on https.
HTTPS_HOSTS = {
    "youtube.com": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "dailymotion.com": "Dailymotion",
    "soundcloud.com": "SoundCloud",
    "spotify.com": "Spotify",
    "twitter.com": "X (Twitter)",
    "x.com": "X (Twitter)",
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "tiktok.com": "TikTok",
    "google.com": "Google Maps",
    "codepen.io": "CodePen",
    "slideshare.net": "SlideShare",
    "ted.com": "TED",
    "loom.com": "Loom",
    "wistia.com": "Wistia",
    "wistia.net": "Wistia",
    "giphy.com": "Giphy",
    "twitch.tv": "Twitch",
    "bandcamp.com": "Bandcamp",
    "flickr.com": "Flickr",
}
_VIDEO_HOSTS = frozenset({"YouTube", "Vimeo", "Dailymotion", "TikTok", "TED", "Loom", "Wistia"})


def known_host(host: str) -> str | None:
    """The provider's name for a host or any of its subdomains (player.vimeo.com)."""
    host = host.lower().removeprefix("www.")
    for known, name in HTTPS_HOSTS.items():
        if host == known or host.endswith("." + known):
            return name
    return None


def _iframe_at(page: Page, line: int | None) -> Embed | None:
    return next((e for e in page.embeds if e.kind == "iframe" and e.line == line), None)


def lazy_loading_fix(page: Page, finding: ReportedFinding) -> Fix | None:
    edit = add_attribute(page.source, finding.line, "iframe", "loading", "lazy")
    return Fix('Add loading="lazy" to the iframe', (edit,)) if edit else None


def iframe_title(embed: Embed) -> str | None:
    """A title from the embed's host and id: "YouTube video dQw4w9WgXcQ"."""
    name = known_host(embed.host)
    if name is None:
        return f"Embedded content from {embed.host}" if embed.host else None
    parts = split_url(embed.src)
    path = parts.path if parts is not None else ""
    ident = next((p for p in reversed(path.split("/")) if p and p != "embed"), "")
    kind = "video" if name in _VIDEO_HOSTS else "embed"
    return f"{name} {kind} {ident}".strip() if ident.isascii() else f"{name} {kind}"


def iframe_title_fix(page: Page, finding: ReportedFinding) -> Fix | None:
    embed = _iframe_at(page, finding.line)
    title = iframe_title(embed) if embed is not None else None
    if title is None:
        return None
    edit = add_attribute(page.source, finding.line, "iframe", "title", title)
    return Fix(f'Add title="{title}" to the iframe', (edit,)) if edit else None


def https_embed_fix(page: Page, finding: ReportedFinding) -> Fix | None:
    """http:// → https:// in the src of an embed whose host serves https."""
    for tag in ("iframe", "embed", "video", "audio", "source", "object"):
        found = start_tag(page.source, finding.line, tag)
        if found is None:
            continue
        span = attribute_value(page.source, found, "src") or attribute_value(
            page.source, found, "data"
        )
        if span is None:
            continue
        value = page.source[span[0] : span[1]]
        if not value.lower().startswith("http://") or known_host(host_of(value)) is None:
            return None
        edit = TextEdit(span[0], span[0] + len("http://"), "https://")
        return Fix("Load the embed over https://", (edit,))
    return None


def lang_fix(page: Page, finding: ReportedFinding) -> Fix | None:
    """lang on <html>, from the language the page's text is read in, when something says."""
    if page.format != "html" or not page.language:
        return None
    edit = add_attribute(page.source, None, "html", "lang", page.language)
    return Fix(f'Add lang="{page.language}" to <html>', (edit,)) if edit else None


def faq_jsonld_fix(page: Page, finding: ReportedFinding) -> Fix | None:
    """FAQPage JSON-LD made of the visible FAQ, questions and answers exactly as shown:
    before `</head>` on an HTML page, at the end of a Markdown draft (a raw HTML block the
    site passes through). Not in MDX, where the braces of JSON are JSX expressions."""
    entries = [e for s in page.faq_sections for e in s.entries]
    if not entries or PurePath(page.path).suffix.lower() == ".mdx":
        return None
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                # Answers may hold HTML (as Google reads them): a "<" of the text is
                # written as text; "&" stays as shown (consumers read a bare & as one).
                "name": _as_text(entry.question),
                "acceptedAnswer": {"@type": "Answer", "text": _as_text(entry.answer)},
            }
            for entry in entries
        ],
    }
    newline = newline_of(page.source)
    # Page text is untrusted: "</script>" or "<!--" in an answer must not end the script.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = text.replace("</", "<\\/").replace("<!--", "<\\u0021--").replace("\n", newline)
    script = f'<script type="application/ld+json">{newline}{text}{newline}</script>'
    title = f"Add FAQPage JSON-LD for the {len(entries)} visible question" + (
        "s" if len(entries) != 1 else ""
    )
    if page.format == "html":
        head = re.search(r"</head\s*>", page.source, re.IGNORECASE)
        if head is None:
            return None
        return Fix(title, (TextEdit(head.start(), head.start(), script + newline),))
    end = len(page.source)
    lead = "" if page.source.endswith(("\n\n", "\r\n\r\n")) else newline
    if not page.source.endswith("\n"):
        lead += newline
    return Fix(title, (TextEdit(end, end, f"{lead}{script}{newline}"),))


def _as_text(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")
