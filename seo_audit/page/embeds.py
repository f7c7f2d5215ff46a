"""Embeds: what a page embeds, or meant to. Elements (iframes, objects, video and audio, social
blockquotes) as the tree walker meets them, and embeds that never rendered (placeholder text,
shortcodes, a bare URL alone in a paragraph) once the article is known.

Real pages are full of iframes that are not content: tag managers inside <noscript>, ad slots,
consent dialogs and comment widgets. Embed rules concern video, audio and social embeds only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from seo_audit.page.model import Embed
from seo_audit.text.urls import host_of, split_url

if TYPE_CHECKING:
    from seo_audit.page.tree import RawBlock

VIDEO_HOSTS = (
    "youtube.com",
    "youtube-nocookie.com",
    "youtu.be",
    "vimeo.com",
    "dailymotion.com",
    "dai.ly",
    "twitch.tv",
    "wistia.com",
    "wistia.net",
    "brightcove.net",
    "jwplayer.com",
    "jwplatform.com",
    "ted.com",
    "streamable.com",
    "rumble.com",
    "loom.com",
    "vidyard.com",
    "kaltura.com",
    "facebook.com/plugins/video",
)
SOCIAL_HOSTS = (
    "twitter.com",
    "x.com",
    "instagram.com",
    "tiktok.com",
    "facebook.com/plugins/post",
    "spotify.com",
    "soundcloud.com",
    "podcasts.apple.com",
    "giphy.com",
    "reddit.com",
    "pinterest.com",
    "linkedin.com/embed",
    "bsky.app",
    "threads.net",
    "mastodon.social",
    "codepen.io",
    "gist.github.com",
    "google.com/maps",
)


__all__ = ["host_of", "is_content_embed_url", "is_video_url"]


def _matches(url: str, patterns: tuple[str, ...]) -> bool:
    parts = split_url(url.strip())
    host = host_of(url)
    if parts is None or not host:
        return False
    path = parts.path
    for pattern in patterns:
        want_host, _, want_path = pattern.partition("/")
        on_host = host == want_host or host.endswith("." + want_host)
        if on_host and (not want_path or path.lstrip("/").startswith(want_path)):
            return True
    return False


def is_video_url(url: str) -> bool:
    return _matches(url, VIDEO_HOSTS)


def is_content_embed_url(url: str) -> bool:
    return _matches(url, VIDEO_HOSTS) or _matches(url, SOCIAL_HOSTS)


def media_embed(element: Any, tag: str, line: int | None) -> Embed:
    """A <video> or <audio> element."""
    sources = [element.get("src") or ""]
    sources += [s.get("src") or "" for s in element.iter("source")]
    src = next((s for s in sources if s), "")
    return Embed(
        "video",
        src,
        line,
        host_of(src),
        title=element.get("title") or element.get("aria-label"),
        loading=element.get("preload"),
        is_video=tag == "video",
    )


def frame_embed(element: Any, tag: str, line: int | None, inside_noscript: bool) -> Embed:
    """An <iframe>, <embed> or <object>; lazy loaders keep the address in data-src."""
    src = (
        element.get("src")
        or element.get("data-src")
        or element.get("data")
        or element.get("data-lazy-src")
        or ""
    ).strip()
    return Embed(
        "iframe" if tag == "iframe" else "object",
        src,
        line,
        host_of(src),
        title=element.get("title"),
        loading=element.get("loading"),
        is_content=is_content_embed_url(src) and not inside_noscript,
        is_video=is_video_url(src),
    )


def social_embed(element: Any, line: int | None) -> Embed:
    """A tweet, Instagram or TikTok blockquote that the provider's script turns into an embed."""
    link = next((a.get("href") for a in element.iter("a") if a.get("href")), "") or ""
    return Embed("social", link, line, host_of(link), title="social post", loading="lazy")


# A feed's or a copy-paste's placeholder says "Embedded …". Shortcodes that never rendered
# ([embed]…[/embed], {{< youtube … >}}) are template syntax: page/templates.py finds them.
_PLACEHOLDER_RE = re.compile(
    r"\[\s*embedded\s+(?:video|content|media|tweet|post|audio)\b[^\]]*\]", re.IGNORECASE
)
_BARE_URL_RE = re.compile(r"^https?://\S+$")


def text_embeds(blocks: Sequence[RawBlock], in_content: Sequence[bool], root: Any) -> list[Embed]:
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
            embeds.append(
                Embed("placeholder", "", block.line_at(match.start()), text=match.group(0))
            )
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
