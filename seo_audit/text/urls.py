"""Addresses read from a page, split in one guarded place.

Every URL on a page is untrusted. `urllib.parse.urlsplit` raises ValueError on an unbalanced
IPv6 bracket (`http://[2001:db8::1/x`), a bracketed host that is no IP address, or a host that
NFKC-normalises to a `/`, `?`, `#`, `@` or `:` (`http://ex℀ample.com/`), and the `port`
property raises on a port that is no number from 0 to 65535. Browsers reject all of these too.
Code that reads a page's URLs calls `split_url` (None for such a URL) or `url_problem` (why),
never urlsplit itself, so a malformed address is a finding (link-malformed), never a crash.
"""

from __future__ import annotations

from urllib.parse import SplitResult, urljoin, urlsplit

__all__ = ["host_of", "join_url", "split_url", "url_problem"]


# urllib's messages, in a writer's words.
_PROBLEMS = (
    ("Invalid IPv6 URL", "an unbalanced [ or ] in the host"),
    ("NFKC", "the host has characters that normalise to /, ?, #, @ or :"),
    ("IPv4 or IPv6", "the host in brackets is no IP address"),
    ("Port", "the port is not a number from 0 to 65535"),
)


def url_problem(url: str) -> str | None:
    """Why `url` cannot be parsed as an address, or None when it can."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - the property is what validates the port
    except ValueError as error:
        message = str(error)
        return next((mine for theirs, mine in _PROBLEMS if theirs in message), message)
    return None


def split_url(url: str) -> SplitResult | None:
    """`url` split into scheme, netloc, path, query and fragment; None when it is malformed.
    The `hostname` and `port` of a result are safe to read."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - the property is what validates the port
    except ValueError:
        return None
    return parts


def host_of(url: str) -> str:
    """The host name, lower-case and without "www."; empty when there is none or the URL is
    malformed."""
    parts = split_url(url.strip())
    host = (parts.hostname or "") if parts is not None else ""
    return host.removeprefix("www.")


def join_url(base: str, url: str) -> str | None:
    """`url` resolved against `base`, or None when either is malformed."""
    if split_url(base) is None or split_url(url) is None:
        return None
    try:
        joined = urljoin(base, url)
    except ValueError:
        return None
    return joined if split_url(joined) is not None else None
