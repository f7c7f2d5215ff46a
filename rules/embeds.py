"""Content embeds (video, audio, social posts): rendered, accessible, secure, described.

Only content embeds are checked: iframes from video and social hosts, <video>, social post
blockquotes, oEmbed figures. Tag-manager frames in <noscript>, ads, consent and comment widgets
are page furniture and stay out of these rules.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Embed, Page
from seo_audit.rules.markup_fixes import https_embed_fix, iframe_title_fix, lazy_loading_fix
from seo_audit.text.words import cut

Outcomes = Iterator[Finding | NotApplicable]


def _frames(page: Page) -> list[Embed]:
    return [e for e in page.embeds if e.is_content and e.kind in {"iframe", "object"}]


@rule("embed-placeholder", category="embeds", severity="error", weight=3)
def embed_placeholder(page: Page, options: Mapping[str, Any]) -> Iterator[Finding]:
    """An embed never rendered: readers see placeholder text or a bare link instead.

    Caught: text such as "[Embedded video from …]" left by a copy-paste or a feed, embed
    shortcodes the site did not process (WordPress's `[embed]…[/embed]` and `[youtube …]`,
    Hugo's `{{< youtube … >}}`, Liquid's `{% include youtube.html … %}` in a published page),
    and a video or social URL alone in a paragraph where the editor expected an auto-embed.
    In a draft, the embeds its site's templates render are embeds, not placeholders.
    """
    for embed in page.embeds:
        if embed.kind == "placeholder":
            yield Finding(
                f"“{cut(embed.text, 80)}” is an embed that never rendered; readers see this text. "
                "Replace it with the real embed code (or a link with a sentence around it).",
                line=embed.line,
            )
        elif embed.kind == "url":
            yield Finding(
                f"The URL {cut(embed.src, 80)} stands alone in a paragraph and was not turned into "
                "an embed. Embed it, or write a sentence around the link.",
                line=embed.line,
            )


@rule("embed-iframe-title", category="embeds", severity="warning", weight=1, fix=iframe_title_fix)
def embed_iframe_title(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """A content iframe has no `title` attribute.

    Screen readers announce an iframe by its title; without one, users hear only "frame".
    """
    frames = [e for e in _frames(page) if e.kind == "iframe"]
    if not frames:
        yield NotApplicable("the page has no content iframes")
        return
    for frame in frames:
        if not (frame.title or "").strip():
            yield Finding(
                f'The {frame.host or "embedded"} iframe has no title. Add title="…" describing '
                "it (for example the video's name).",
                line=frame.line,
            )


# What the browser loads from `src`. A social post's blockquote is drawn by the provider's
# script; the http:// permalink inside it is a link, not a load.
_LOADED_KINDS = frozenset({"iframe", "object", "video", "template"})


def _plain_http(page: Page) -> list[Embed]:
    return [
        e
        for e in page.embeds
        if e.is_content and e.kind in _LOADED_KINDS and e.src.strip().lower().startswith("http://")
    ]


def _has_embeds(page: Page) -> bool:
    return any(e.is_content and e.src and e.kind != "url" for e in page.embeds)


@rule("embed-insecure", category="embeds", severity="error", weight=2, fix=https_embed_fix)
def embed_insecure(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """An embed loads over plain http:// on a page served over https.

    Browsers block mixed content: on an https page, an http embed shows as an empty box. The
    page's scheme is read from the URL it was fetched from, its canonical, og:url or `<base
    href>`, or `--base-url`. When nothing says, the embed is still reported, as a problem if
    the page is served over https (most sites are). On a page served over http, the embed is
    not blocked: embed-unencrypted gives that advice instead. Only what the browser loads
    counts: an iframe, object, video or a draft's embed shortcode, not the permalink inside a
    social post's blockquote (the provider's script draws the post).
    """
    if not _has_embeds(page):
        yield NotApplicable("the page has no content embeds")
        return
    address = page.address
    if address.scheme == "http":
        yield NotApplicable(f"the page is served over http ({address.source} says so)")
        return
    for embed in _plain_http(page):
        if address.scheme == "https":
            message = (
                f"The embed {cut(embed.src, 80)} loads over http:// on an https page ("
                f"{address.source} is {cut(address.url or '', 60)}): browsers block it, and "
                "readers see an empty box. Use its https:// address."
            )
        else:
            message = (
                f"The embed {cut(embed.src, 80)} loads over http://. If this page is served over "
                "https, browsers block it and readers see an empty box (nothing on the page says "
                "which: no canonical, og:url or <base href>, and no --base-url). Use its "
                "https:// address."
            )
        yield Finding(message, line=embed.line)


@rule("embed-unencrypted", category="embeds", severity="info", weight=0)
def embed_unencrypted(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """An embed and the page both load over plain http://.

    On a page served over http, browsers show an http embed (there is no mixed content), so
    this is advice, not an error: both travel unencrypted, and the embed will be blocked the
    day the site moves to https. Most providers serve the same embed over https, which works on
    http pages too. Weight 0: the page's scheme is the site's matter, not the article's.
    """
    if page.address.scheme != "http":
        yield NotApplicable("the page is not known to be served over http")
        return
    if not _has_embeds(page):
        yield NotApplicable("the page has no content embeds")
        return
    address = page.address
    for embed in _plain_http(page):
        yield Finding(
            f"The embed {cut(embed.src, 80)} and this page ({address.source} is "
            f"{cut(address.url or '', 60)}) are both served over unencrypted http://. Browsers "
            "show it on this http page, but will block it once the site moves to https. Use "
            "its https:// address, which works on both.",
            line=embed.line,
        )


@rule("embed-video-schema", category="embeds", severity="info", weight=1)
def embed_video_schema(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """The page embeds a video but has no VideoObject structured data.

    VideoObject (with `name`, `thumbnailUrl` and `uploadDate`, which Google requires) lets
    search engines show the video with its thumbnail. Advice, not an error.
    """
    videos = [e for e in page.embeds if e.is_content and e.is_video and e.kind != "url"]
    if not videos:
        yield NotApplicable("the page embeds no video")
        return
    if page.items_of_type("VideoObject"):
        return
    yield Finding(
        f"The page embeds {len(videos)} video{'s' if len(videos) > 1 else ''} but has no "
        "VideoObject structured data. Describe the video with name, thumbnailUrl and uploadDate.",
        line=videos[0].line,
    )


@rule("embed-lazy-loading", category="embeds", severity="info", weight=1, fix=lazy_loading_fix)
def embed_lazy_loading(page: Page, options: Mapping[str, Any]) -> Outcomes:
    """A content iframe loads eagerly.

    A video player costs hundreds of kilobytes of script before the reader scrolls to it.
    `loading="lazy"` defers it until it is near the viewport.
    """
    frames = [e for e in _frames(page) if e.kind == "iframe"]
    if not frames:
        yield NotApplicable("the page has no content iframes")
        return
    for frame in frames:
        if (frame.loading or "").lower() != "lazy":
            yield Finding(
                f"The {frame.host or 'embedded'} iframe loads with the page. Add "
                'loading="lazy" so it loads when the reader gets near it.',
                line=frame.line,
            )
