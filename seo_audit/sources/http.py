"""Pages over HTTP(S): the polite fetcher (what a fetch gives, and the `url` Reader that
turns it into a Document, are in sources/fetched.py).

The fetcher is shared by every thread of a run: robots.txt obeyed for our user agent (one
fetch per origin, sources/robots.py), at most `per_host` requests at a time to a host, its
Crawl-delay between requests, Retry-After honoured on 429/503 a bounded number of times,
a time limit per request (the whole response, not each read: a server trickling one byte a
second is a timeout too) and for the whole run, a page-size cap, redirects followed one by
one (each hop recorded, a loop named). Only what was asked for is fetched: pages, robots.txt
and sitemaps; never a page's images, scripts or iframes.

httpx is imported when the first request is made, never by a run over files.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

from seo_audit import __version__
from seo_audit.errors import InputError
from seo_audit.sources.document import HttpFacts
from seo_audit.sources.fetched import Fetched, url_ref
from seo_audit.sources.ref import is_url
from seo_audit.sources.robots import MAX_ROBOTS_BYTES, Robots, origin_of
from seo_audit.text.urls import join_url, split_url, url_problem

# url_ref and is_url are here too: where callers look for "the URL input".
__all__ = ["DEFAULT_USER_AGENT", "Fetched", "Fetcher", "WebOptions", "is_url", "url_ref"]

DEFAULT_USER_AGENT = f"seo-audit/{__version__}"
# What a page answer may be to be audited; a missing Content-Type is sniffed as HTML.
_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRYABLE = frozenset({429, 503})
# A host that failed this many requests in a row without answering is taken as down: its
# other pages fail at once instead of each waiting out its timeout.
_DEAD_AFTER = 3


@dataclass(frozen=True)
class WebOptions:
    """How politely and how long to fetch (picklable: it travels in the run's settings)."""

    user_agent: str = DEFAULT_USER_AGENT
    per_host: int = 4  # requests at a time to one host
    timeout: float = 15.0  # seconds for one request, connect to last byte
    run_timeout: float | None = None  # seconds for every fetch of the run
    max_bytes: int = 5 * 1024 * 1024  # a page larger than this is not audited
    max_redirects: int = 10
    retries: int = 2  # extra attempts after a 429 or 503
    max_retry_wait: float = 60.0  # a longer Retry-After is not waited for
    robots: bool = True
    # robots.txt without a Crawl-delay: no wait between requests (the per-host limit holds).
    default_delay: float = 0.0


class _FetchProblem(Exception):
    """A request that gave no page: the one-line reason."""


@dataclass
class _Host:
    gate: threading.Semaphore
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_start: float = 0.0  # monotonic time before which no request may start
    failures: int = 0  # requests in a row that got no answer
    down: str | None = None


@dataclass(frozen=True)
class _Answer:
    url: str
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


class Fetcher:
    """One run's HTTP client, safe to share between threads."""

    def __init__(self, options: WebOptions | None = None) -> None:
        self.options = options or WebOptions()
        self._client: Any = None
        self._client_lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self.robots = Robots(self._robots_answer, self.options.user_agent)
        limit = self.options.run_timeout
        self._run_deadline = time.monotonic() + limit if limit else None
        self.stopped = threading.Event()  # Ctrl-C: no new request starts

    # The client ---------------------------------------------------------------------------

    def _http(self) -> Any:
        with self._client_lock:
            if self._client is None:
                import httpx

                options = self.options
                self._client = httpx.Client(
                    headers={
                        "User-Agent": options.user_agent,
                        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                    },
                    timeout=httpx.Timeout(options.timeout),
                    follow_redirects=False,
                    limits=httpx.Limits(max_connections=None, max_keepalive_connections=64),
                    # HTTPS_PROXY/NO_PROXY and SSL_CERT_FILE as curl honours them (httpx
                    # reads no .netrc credentials since 0.24).
                    trust_env=True,
                )
            return self._client

    def close(self) -> None:
        with self._client_lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Politeness ---------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        origin = origin_of(url)
        with self._hosts_lock:
            if origin not in self._hosts:
                self._hosts[origin] = _Host(threading.Semaphore(max(1, self.options.per_host)))
            return self._hosts[origin]

    def _delay(self, url: str) -> float:
        if not self.options.robots:
            return self.options.default_delay
        delay = self.robots.crawl_delay(url)
        return delay if delay is not None else self.options.default_delay

    def _wait_turn(self, host: _Host, delay: float) -> None:
        with host.lock:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + delay
        self._sleep(start - time.monotonic())

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            if self._run_deadline is not None and time.monotonic() + seconds > self._run_deadline:
                raise _FetchProblem(self._run_timeout_problem())
            if self.stopped.wait(seconds):
                raise _FetchProblem("not fetched: the run was interrupted")

    def _run_timeout_problem(self) -> str:
        return f"not fetched: the run's time limit ({self.options.run_timeout:g} s) was reached"

    # Requests -----------------------------------------------------------------------------

    def _request(
        self, url: str, cap: int, pages_only: bool = True, robots_txt: bool = False
    ) -> _Answer:
        """One GET, at most `cap` bytes of body, within the per-request time limit. The body
        of an answer that is no page is not read, unless `pages_only` is off (robots.txt,
        sitemaps)."""
        if self.stopped.is_set():
            raise _FetchProblem("not fetched: the run was interrupted")
        if self._run_deadline is not None and time.monotonic() > self._run_deadline:
            raise _FetchProblem(self._run_timeout_problem())
        host = self._host(url)
        if host.down is not None:
            raise _FetchProblem(host.down)
        # robots.txt itself is asked for before its Crawl-delay is known.
        delay = self.options.default_delay if robots_txt else self._delay(url)
        with host.gate:
            self._wait_turn(host, delay)
            try:
                answer = self._get(url, cap, pages_only, robots_txt)
            except _FetchProblem as problem:
                self._count_failure(host, str(problem))
                raise
            host.failures = 0
            return answer

    def _count_failure(self, host: _Host, problem: str) -> None:
        if "timed out" in problem or "cannot connect" in problem:
            with host.lock:
                host.failures += 1
                if host.failures >= _DEAD_AFTER and host.down is None:
                    host.down = f"not fetched: the host stopped answering ({problem})"

    def _get(self, url: str, cap: int, pages_only: bool, keep_head: bool = False) -> _Answer:
        import httpx

        started = time.monotonic()
        limit = self.options.timeout
        try:
            with self._http().stream("GET", url) as response:
                headers = tuple((k.lower(), v) for k, v in response.headers.multi_items())
                status = response.status_code
                body = b""
                wanted = not pages_only or _is_page_type(dict(headers).get("content-type"))
                if status < 300 and wanted:
                    body = self._body(response, cap, started, keep_head)
                return _Answer(str(response.url), status, response.reason_phrase, headers, body)
        except httpx.TimeoutException:
            raise _FetchProblem(f"timed out after {limit:g} s") from None
        except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed here
            raise _FetchProblem("too many redirects") from None
        except httpx.HTTPError as error:
            raise _FetchProblem(f"cannot connect ({_reason(error)})") from None
        except (httpx.InvalidURL, ValueError) as error:  # UnicodeError is a ValueError
            raise _FetchProblem(
                f"is not an address that can be fetched ({_reason(error)})"
            ) from None

    def _body(self, response: Any, cap: int, started: float, keep_head: bool) -> bytes:
        """At most `cap` bytes; more is an error, or with `keep_head` the first `cap` bytes
        (robots.txt: RFC 9309 has crawlers read at least its first 500 KiB, not give up)."""
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > cap and not keep_head:
            raise _FetchProblem(_too_large(cap))
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                if keep_head:
                    chunks.append(chunk)
                    return b"".join(chunks)[:cap]
                raise _FetchProblem(_too_large(cap))
            if time.monotonic() - started > self.options.timeout:
                raise _FetchProblem(f"timed out after {self.options.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _robots_answer(self, url: str) -> tuple[int, bytes] | str:
        try:
            answer = self._request(url, MAX_ROBOTS_BYTES, pages_only=False, robots_txt=True)
        except _FetchProblem as problem:
            return str(problem)
        return answer.status, answer.body

    # What the readers ask for --------------------------------------------------------------

    def page(self, url: str) -> Fetched:
        """A page, redirects followed; never raises for the page's own problems."""
        if (problem := address_problem(url)) is not None:
            return Fetched(url, problem=problem)
        try:
            return self._follow(url, self.options.max_bytes, pages_only=True)
        except _FetchProblem as problem:
            return Fetched(url, problem=str(problem))

    def document(self, url: str) -> bytes:
        """The body of a sitemap (any content type, up to the sitemap cap); InputError when
        there is none."""
        if (problem := address_problem(url)) is not None:
            raise InputError(url, problem)
        try:
            fetched = self._follow(url, MAX_SITEMAP_BYTES, pages_only=False)
        except _FetchProblem as problem:
            raise InputError(url, str(problem)) from None
        if fetched.problem is not None:
            raise InputError(url, fetched.problem)
        return fetched.data

    def _follow(self, url: str, cap: int, pages_only: bool) -> Fetched:
        hops: list[tuple[int, str]] = []
        seen = [url]
        current = url
        while True:
            if self.options.robots:
                allowed, why = self.robots.allows(current)
                if not allowed:
                    where = "" if current == url else f" (redirected to {current})"
                    return Fetched(url, problem=f"not fetched{where}: {why}")
            answer = self._retrying(current, cap, pages_only)
            location = dict(answer.headers).get("location")
            if answer.status in _REDIRECTS and location:
                target = join_url(current, location.strip())
                if target is None or address_problem(target) is not None:
                    return Fetched(url, problem=f"redirects to a malformed address {location!r}")
                hops.append((answer.status, target))
                if target in seen or len(hops) > self.options.max_redirects:
                    # The site's answer, not a failed fetch: an error page named by where
                    # the loop returns to (the redirect-loop and http-status rules).
                    end = target if target in seen else current
                    facts = HttpFacts(url, end, answer.status, answer.headers, tuple(hops))
                    if not pages_only:
                        return Fetched(url, facts, problem=_redirect_problem(facts, seen))
                    return Fetched(url, facts)
                if not target.lower().startswith(("http://", "https://")):
                    return Fetched(url, problem=f"redirects out of HTTP, to {target}")
                seen.append(target)
                current = target
                continue
            facts = HttpFacts(url, current, answer.status, answer.headers, tuple(hops))
            if answer.status >= 300:
                if pages_only:  # an error page: the http-status rule reports it
                    return Fetched(url, facts)
                return Fetched(url, facts, problem=_status_problem(answer, hops))
            if pages_only and not _is_page_type(facts.header("content-type")):
                kind = (facts.header("content-type") or "").split(";")[0].strip()
                return Fetched(url, facts, problem=f"is {kind}, not an HTML page")
            return Fetched(url, facts, answer.body)

    def _retrying(self, url: str, cap: int, pages_only: bool) -> _Answer:
        """A request again after a 429/503 with Retry-After, a bounded number of times."""
        host = self._host(url)
        for attempt in range(self.options.retries + 1):
            answer = self._request(url, cap, pages_only)
            if answer.status not in _RETRYABLE or attempt == self.options.retries:
                return answer
            wait = retry_after(dict(answer.headers).get("retry-after"))
            if wait is None:
                return answer
            if wait > self.options.max_retry_wait:
                return answer  # the status is the page's problem; no hour-long waits
            with host.lock:  # the whole host waits, not only this page
                host.next_start = max(host.next_start, time.monotonic() + wait)
        return answer  # pragma: no cover - the loop returns

    def stop(self) -> None:
        self.stopped.set()


MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit, uncompressed


def address_problem(url: str) -> str | None:
    """Why `url` cannot be fetched (malformed, no host), or None."""
    if (problem := url_problem(url)) is not None:
        return f"is not a valid address ({problem})"
    parts = split_url(url)
    if parts is None or not parts.hostname:
        return "is not a valid address (no host)"
    return None


def _is_page_type(content_type: str | None) -> bool:
    if not content_type:
        return True
    return content_type.split(";")[0].strip().lower() in _PAGE_TYPES


def _too_large(cap: int) -> str:
    return f"is larger than {_size(cap)}; not audited"


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):g} MiB"
    return f"{count / 1024:g} KiB"


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]


def _status_problem(answer: _Answer, hops: list[tuple[int, str]]) -> str:
    reason = f" {answer.reason}" if answer.reason else ""
    where = f" (after redirects to {answer.url})" if hops else ""
    return f"HTTP {answer.status}{reason}{where}"


def _redirect_problem(facts: HttpFacts, seen: list[str]) -> str:
    """A sitemap's (not a page's) endless redirects, as its one-line error."""
    if facts.redirects[-1][1] in seen:
        return "redirect loop: " + " → ".join([*seen, facts.redirects[-1][1]])
    return f"more than {len(facts.redirects) - 1} redirects"


def retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks to wait: a number, or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    import email.utils  # only a server that sends a date needs it

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())
