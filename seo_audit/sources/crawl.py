"""Web inputs as the executors audit them: URLs, sitemaps and crawls, fetched ahead in
threads while earlier pages are audited, and handed on in a stable order.

`web_sources(refs, options)` takes the plan's refs and yields the refs to audit: a file passes
as it is; a `url` ref comes back carrying its fetch (sources.fetched.Fetched) and named by its
final URL; a `sitemap` ref becomes the pages it lists; a `crawl` ref becomes the pages reached
by following links from its start page, breadth first, on the start page's host, up to
`max_pages` and `max_depth`. Fetches run `window` at a time; pages are handed on in the order
they were asked for (the crawl's order is the breadth-first order of the links, so the same
site gives the same report). A page reached twice (a redirect to a page already audited, a
sitemap URL the crawl found) is audited once.

When a run has a crawl and a sitemap, the sitemap is read first, the crawl runs, and then the
sitemap pages the crawl did not reach are fetched: each page knows whether the sitemap lists
it and whether the crawl reached it, for the sitemap-coverage rules.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path

from seo_audit.errors import InputError
from seo_audit.sources.fetched import Fetched, failed_ref, fetched_ref, status_text, url_ref
from seo_audit.sources.http import Fetcher, WebOptions
from seo_audit.sources.ref import WEB_KINDS, SourceRef, is_url
from seo_audit.sources.sitemap import sitemap_pages
from seo_audit.text.urls import host_of, join_url, split_url
from seo_audit.text.words import cut

__all__ = ["CrawlLimits", "page_links", "web_sources"]

# Links that lead to files, not pages: never fetched by a crawl.
_NOT_PAGES = frozenset(
    """.jpg .jpeg .png .gif .webp .avif .svg .ico .bmp .tif .tiff .pdf .zip .gz .tgz .rar .7z
    .mp3 .m4a .wav .ogg .mp4 .m4v .webm .mov .avi .css .js .mjs .json .xml .rss .atom .txt
    .csv .doc .docx .xls .xlsx .ppt .pptx .odt .epub .woff .woff2 .ttf .otf .eot .ics""".split()
)


@dataclass(frozen=True)
class CrawlLimits:
    max_pages: int = 500
    max_depth: int = 10


def page_links(fetched: Fetched) -> tuple[tuple[str, str], ...]:
    """The absolute http(s) addresses a fetched page links to with `<a href>` (its `<base
    href>` applied, fragments dropped), with their anchor text; none when the page says
    nofollow in its robots meta, and never a link marked rel=nofollow."""
    if not fetched.data or fetched.http is None:
        return ()
    from lxml import etree, html

    try:
        root = html.fromstring(fetched.data)
    except (etree.ParserError, ValueError):
        return ()
    for meta in root.iter("meta"):
        # robots for every crawler, or our own name (as googlebot has its own).
        named = (meta.get("name") or "").lower() in ("robots", "seo-audit")
        if named and "nofollow" in (meta.get("content") or "").lower():
            return ()
    base = fetched.http.final_url
    for element in root.iter("base"):
        if element.get("href") and (joined := join_url(base, element.get("href", "").strip())):
            base = joined
        break
    found: dict[str, str] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or "nofollow" in (anchor.get("rel") or "").lower().split():
            continue
        target = join_url(base, href)
        if target is None or not is_url(target):
            continue
        target = target.split("#", 1)[0]
        parts = split_url(target)
        if parts is None or Path(parts.path.lower()).suffix in _NOT_PAGES:
            continue
        text = " ".join(anchor.text_content().split())
        found.setdefault(target, text)
    return tuple(found.items())


@dataclass
class _Crawl:
    start: str
    limits: CrawlLimits
    host: str = ""
    asked: set[str] = field(default_factory=set)
    truncated: bool = False

    def __post_init__(self) -> None:
        self.host = host_of(self.start)
        self.asked.add(self.start)

    def follow(
        self, links: Iterable[tuple[str, str]], depth: int, allowed: Callable[[str], bool]
    ) -> Iterator[tuple[str, str]]:
        """The links to fetch next (URL, anchor text), each once, within the crawl's limits;
        a link robots.txt disallows is not followed (and is no error: nobody asked for it)."""
        for url, anchor in links:
            if host_of(url) != self.host or url in self.asked or not allowed(url):
                continue
            if depth > self.limits.max_depth or len(self.asked) >= self.limits.max_pages:
                self.truncated = True
                continue
            self.asked.add(url)
            yield url, anchor


@dataclass
class _Job:
    ref: SourceRef
    crawl: _Crawl | None = None
    depth: int = 0
    linked: bool | None = None  # reached by the run's crawl (None: not known)
    future: Future[Fetched] | None = None
    referrer: tuple[str, str] | None = None  # the page that linked here first, the anchor


_WAIT = _Job(SourceRef("wait", "", "", Path()))  # a crawl waits for its pages' links


class _Run:
    """One run's web inputs: the jobs in order, fetched `window` ahead."""

    def __init__(
        self,
        refs: list[SourceRef],
        fetcher: Fetcher,
        limits: CrawlLimits,
        on_fetched: Callable[[str], None] | None,
    ) -> None:
        self.refs = refs
        self.fetcher = fetcher
        self.limits = limits
        self.on_fetched = on_fetched
        self.pending: deque[_Job] = deque()
        self.frontier: deque[tuple[str, int, tuple[str, str]]] = deque()
        self.asked: set[str] = set()  # URLs asked for
        self.done: set[str] = set()  # final URLs handed on
        self.crawls: list[_Crawl] = []
        self.has_crawl = any(ref.kind == "crawl" for ref in refs)
        self.sitemap: set[str] | None = None
        self.listed: list[str] = []
        # From the last page fetched on, refs are held back until the next page (or the
        # end), so that every failed link target reaches the site rules on a page, and
        # refs still go out in the order fetched (an error page is no page the cross-page
        # rules read: only the http rules run on it).
        self.held: list[SourceRef] = []
        self.failures: list[tuple[str, int, str]] = []  # (URL asked, status, problem) not yet sent

    def read_sitemaps(self) -> Iterator[SourceRef]:
        sitemaps = [ref for ref in self.refs if ref.kind == "sitemap"]
        if not sitemaps:
            return
        get = _sitemap_getter(self.fetcher)
        for ref in sitemaps:
            try:
                for entry in sitemap_pages(ref.location, get):
                    if isinstance(entry, InputError):
                        yield failed_ref(entry.path, entry.problem)
                    else:
                        self.listed.append(entry)
            except InputError as error:
                yield failed_ref(error.path, error.problem)
        self.sitemap = set(self.listed)

    def jobs(self) -> Iterator[_Job]:
        for ref in self.refs:
            if ref.kind == "url" and ref.payload is None:
                self.asked.add(ref.location)
                yield _Job(ref, linked=None)
            elif ref.kind == "crawl":
                yield from self._crawl(ref.location)
            elif ref.kind != "sitemap":
                yield _Job(ref)
        # Sitemap pages no crawl reached: a complete crawl says they are linked from nowhere.
        complete = bool(self.crawls) and not any(c.truncated for c in self.crawls)
        for url in self.listed:
            if url not in self.asked:
                self.asked.add(url)
                yield _Job(url_ref(url), linked=False if complete else None)

    def _crawl(self, start: str) -> Iterator[_Job]:
        crawl = _Crawl(start, self.limits)
        self.crawls.append(crawl)
        self.asked.add(start)
        yield _Job(url_ref(start), crawl, 0, linked=True)
        while True:
            if self.frontier:
                url, depth, referrer = self.frontier.popleft()
                if url not in self.asked:
                    self.asked.add(url)
                    yield _Job(url_ref(url), crawl, depth, True, referrer=referrer)
            elif any(job.crawl is crawl for job in self.pending):
                yield _WAIT
            else:
                return

    def finish(self, job: _Job) -> SourceRef | None:
        """The head job's ref once its fetch is in (its links followed first); None for a
        page already handed on under another address."""
        if job.future is None:
            return job.ref
        fetched = job.future.result()
        if self.on_fetched:
            self.on_fetched(host_of(fetched.name) or "")
        if job.crawl is not None and job.depth == 0 and fetched.http is not None:
            # The start page may redirect to its real host (example.com to www.example.com,
            # a preview alias): the crawl stays on the host it landed on.
            job.crawl.host = host_of(fetched.http.final_url)
        answered = fetched.http is not None and not fetched.http.answered_error
        if job.crawl is not None and fetched.problem is None and answered:
            found = job.crawl.follow(page_links(fetched), job.depth + 1, self._allowed)
            self.frontier.extend((url, job.depth + 1, (fetched.name, a)) for url, a in found)
        name = fetched.name
        if name in self.done:
            return None
        self.done.add(name)
        in_sitemap = None
        if self.sitemap is not None:
            in_sitemap = name in self.sitemap or fetched.url in self.sitemap
        linked = job.linked if self.has_crawl else None
        fetched = replace(fetched, in_sitemap=in_sitemap, linked=linked)
        whence = self._whence(job, in_sitemap)
        if fetched.problem is not None:
            fetched = replace(fetched, problem=f"{fetched.problem}{_as_clause(whence)}")
        elif fetched.http is not None and fetched.http.answered_error:
            fetched = replace(fetched, http=replace(fetched.http, found=whence))
        return fetched_ref(job.ref, fetched)

    def hand_on(self, ref: SourceRef) -> Iterator[SourceRef]:
        """The refs to hand on now that `ref` is in, in order: an input error or an error
        page (its HTTP status noted for the broken-link rule) waits behind the page held
        back; a page releases them, carrying the failures noted before it."""
        fetched = ref.payload if isinstance(ref.payload, Fetched) else None
        if fetched is None:
            yield ref
            return
        http = fetched.http
        if fetched.problem is not None or (http is not None and http.answered_error):
            if http is not None and http.status >= 400:
                self.failures.append((fetched.url, http.status, f"HTTP {status_text(http.status)}"))
            if self.held:
                self.held.append(ref)
            else:
                yield ref
            return
        yield from self.release()
        self.held = [ref]

    def release(self) -> Iterator[SourceRef]:
        """The refs held back, the page first carrying the failures noted since the last
        page was sent."""
        held, self.held = self.held, []
        if held and self.failures:
            failures, self.failures = tuple(self.failures), []
            page = held[0]
            held[0] = replace(page, payload=replace(page.payload, failures=failures))
        yield from held

    def _allowed(self, url: str) -> bool:
        return not self.fetcher.options.robots or self.fetcher.robots.allows(url)[0]

    @staticmethod
    def _whence(job: _Job, in_sitemap: bool | None) -> str:
        """Where a page was found: "linked from <page> (“anchor”)", "listed in the sitemap",
        or "" (asked for by the user)."""
        if job.referrer is not None:
            page, anchor = job.referrer
            shown = f" (“{cut(anchor, 60)}”)" if anchor else ""
            return f"linked from {page}{shown}"
        return "listed in the sitemap" if in_sitemap else ""


def _as_clause(whence: str) -> str:
    """Where a page was found, appended to its error line as before."""
    if whence.startswith("linked"):
        return f"; {whence}"
    return f" ({whence})" if whence else ""


def web_sources(
    refs: Iterable[SourceRef],
    options: WebOptions,
    limits: CrawlLimits = CrawlLimits(),
    on_fetched: Callable[[str], None] | None = None,
) -> Iterator[SourceRef]:
    """The refs to audit, web pages fetched (see the module's docstring). A sitemap that
    cannot be read is a ref whose reading fails with the reason; the rest of the run goes
    on."""
    refs = list(refs)
    if not any(ref.kind in WEB_KINDS and ref.payload is None for ref in refs):
        yield from refs
        return
    window = max(2, options.per_host * 2)
    fetcher = Fetcher(options)
    run = _Run(refs, fetcher, limits, on_fetched)
    pool = _FetchThreads(fetcher.page, window)
    try:
        yield from run.read_sitemaps()
        jobs = run.jobs()
        while True:
            while len(run.pending) < window:
                job = next(jobs, None)
                if job is None or job is _WAIT:
                    break
                if job.ref.kind == "url" and job.ref.payload is None:
                    job.future = pool.submit(job.ref.location)
                run.pending.append(job)
            if not run.pending:
                break
            ref = run.finish(run.pending.popleft())
            if ref is not None:
                yield from run.hand_on(ref)
        yield from run.release()
    finally:
        # Done, or stopped (Ctrl-C, the consumer gone): queued fetches are cancelled, waits
        # end, and closing the client ends the requests in flight instead of waiting them out.
        fetcher.stop()
        for job in run.pending:
            if job.future is not None:
                job.future.cancel()
        pool.shutdown()
        fetcher.close()


class _FetchThreads:
    """`workers` daemon threads running fetches. Not a ThreadPoolExecutor: the interpreter
    joins those at exit, so Ctrl-C would wait out every request in flight (up to the
    request timeout); a daemon thread's request is simply dropped."""

    def __init__(self, fetch: Callable[[str], Fetched], workers: int) -> None:
        self._tasks: queue.SimpleQueue[tuple[Future[Fetched], str] | None] = queue.SimpleQueue()
        self._fetch = fetch
        self._workers = workers
        for number in range(workers):
            threading.Thread(target=self._work, name=f"fetch-{number}", daemon=True).start()

    def submit(self, url: str) -> Future[Fetched]:
        future: Future[Fetched] = Future()
        self._tasks.put((future, url))
        return future

    def _work(self) -> None:
        while (task := self._tasks.get()) is not None:
            future, url = task
            if not future.set_running_or_notify_cancel():
                continue  # cancelled while queued
            try:
                future.set_result(self._fetch(url))
            except BaseException as error:  # a bug of ours: raised where the result is read
                future.set_exception(error)

    def shutdown(self) -> None:
        for _ in range(self._workers):
            self._tasks.put(None)


def _sitemap_getter(fetcher: Fetcher) -> Callable[[str], bytes]:
    def get(location: str) -> bytes:
        if is_url(location):
            return fetcher.document(location)
        try:
            with open(location, "rb") as handle:
                return handle.read(50 * 1024 * 1024 + 1)
        except FileNotFoundError:
            raise InputError(location, "no such file") from None
        except OSError as error:
            raise InputError(location, f"cannot be read ({error.strerror or error})") from None

    return get
