"""robots.txt, as RFC 9309 reads it (protego: longest match, Allow, `*` and `$`, groups by
user agent, Crawl-delay), fetched once per origin and kept for the run.

What the RFC says when robots.txt cannot be had: a 4xx (404 above all) means no rules, so
everything may be fetched; a 5xx, or no answer at all, means the site is unreachable and
nothing may be fetched (a crawler must not take a broken robots.txt as permission).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from seo_audit.text.urls import split_url

__all__ = ["Robots", "RobotsFile", "origin_of"]

# What a robots.txt larger than this says is ignored past it (the RFC: at least 500 KiB).
MAX_ROBOTS_BYTES = 512 * 1024


def origin_of(url: str) -> str:
    """scheme://host[:port], lower-cased; a malformed URL is its own origin (fetching it
    fails with its own error before robots.txt is asked)."""
    parts = split_url(url)
    if parts is None:
        return url
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"


@dataclass(frozen=True)
class RobotsFile:
    """One origin's rules: `parser` (protego) when there is a file, `blocked` with the reason
    when the site could not say (5xx, no answer), neither when everything is allowed."""

    parser: Any = None
    blocked: str | None = None

    def allows(self, url: str, user_agent: str) -> bool:
        if self.blocked is not None:
            return False
        return self.parser is None or bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None


# (status, body) of GET origin/robots.txt, or a problem when there was no answer.
RobotsGetter = Callable[[str], "tuple[int, bytes] | str"]


class Robots:
    """Each origin's robots.txt, fetched at most once, from any thread."""

    def __init__(self, get: RobotsGetter, user_agent: str) -> None:
        self._get = get
        self.user_agent = user_agent
        self._files: dict[str, RobotsFile] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def file_for(self, url: str) -> RobotsFile:
        origin = origin_of(url)
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one fetch per origin, however many threads ask at once
            if origin not in self._files:
                self._files[origin] = self._fetch(origin)
            return self._files[origin]

    def _fetch(self, origin: str) -> RobotsFile:
        answer = self._get(origin + "/robots.txt")
        if isinstance(answer, str):
            return RobotsFile(blocked=f"robots.txt could not be fetched ({answer})")
        status, body = answer
        if status >= 500:
            return RobotsFile(blocked=f"robots.txt answered HTTP {status}")
        if status >= 400:
            return RobotsFile()
        from protego import Protego

        text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        return RobotsFile(parser=Protego.parse(text))

    def allows(self, url: str) -> tuple[bool, str | None]:
        """Whether `url` may be fetched, and why not."""
        robots = self.file_for(url)
        if robots.allows(url, self.user_agent):
            return True, None
        return False, robots.blocked or f"robots.txt disallows it for {self.user_agent}"

    def crawl_delay(self, url: str) -> float | None:
        return self.file_for(url).crawl_delay(self.user_agent)
