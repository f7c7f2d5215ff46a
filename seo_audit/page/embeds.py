"""Which embed hosts are content, and which iframes are page furniture.

Real pages are full of iframes that are not content: tag managers inside <noscript>, ad slots,
consent dialogs and comment widgets. Embed rules concern video, audio and social embeds only.
"""

from __future__ import annotations

from urllib.parse import urlsplit

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


def host_of(url: str) -> str:
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def _matches(url: str, patterns: tuple[str, ...]) -> bool:
    host = host_of(url)
    if not host:
        return False
    path = urlsplit(url.strip()).path
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
