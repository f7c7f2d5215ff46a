"""WARC archives (Common Crawl, web archiving crawls): every HTML response record a page.

The planner walks the archive's record headers once (`expand`) and makes one SourceRef per
HTML response, named by its WARC-Target-URI and carrying the record's byte offset; a worker
seeks to that offset and reads that record alone (`read_warc`). A gzipped WARC is one gzip
member per record, so the seek lands on a member's start. The record's HTTP status and
headers become the page's HttpFacts, as a fetched page's would: the rules that read
X-Robots-Tag, `Link: rel=canonical` or the charset read them the same way.

warcio (Apache-2.0, the Internet Archive's and Webrecorder's reader) is imported only when an
archive is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from seo_audit.errors import InputError
from seo_audit.sources import WARC_SUFFIXES
from seo_audit.sources.document import Document, HttpFacts
from seo_audit.sources.encodings import decode, web_encoding
from seo_audit.sources.files import MAX_BYTES
from seo_audit.sources.ref import SourceRef, resolved
from seo_audit.text.characters import without_lone_surrogates
from seo_audit.text.urls import join_url, split_url

__all__ = ["WARC_SUFFIXES", "expand", "is_archive", "read_warc"]

_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_HOPS = 20  # as a browser gives up; a chain longer than that in an archive is a loop


def is_archive(path: str) -> bool:
    """A WARC file, by its name (.warc, .warc.gz): the planner opens no page file to ask."""
    return path.lower().endswith(WARC_SUFFIXES)


def _missing_warcio(name: str) -> InputError:
    return InputError(name, "is a WARC archive; install warcio to read it (pip install warcio)")


def _iterator(name: str, handle: Any) -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise _missing_warcio(name) from None
    return ArchiveIterator(handle, check_digests=False)


def _http_facts(url: str, record: Any) -> HttpFacts | None:
    http = record.http_headers
    if http is None:
        return None
    try:
        status = int(http.get_statuscode())
    except (TypeError, ValueError):
        return None
    headers = tuple((key.strip().lower(), value.strip()) for key, value in http.headers)
    return HttpFacts(url, url, status, headers)


def _is_page(facts: HttpFacts) -> bool:
    kind = (facts.header("content-type") or "").split(";")[0].strip().lower()
    return kind in _PAGE_TYPES


def expand(path: str) -> Iterator[SourceRef | InputError]:
    """One SourceRef per HTML response record, in the archive's order; a redirect record is
    no page, but a hop on the way to the page it leads to (when that comes later in the
    archive, as a crawler writes it). A broken archive ends with one InputError."""
    folder = resolved(path).parent
    try:
        handle = open(path, "rb")  # noqa: SIM115 - iterated below, closed in finally
    except OSError as error:
        yield InputError(path, f"cannot be read ({error.strerror or error})")
        return
    try:
        problem = _not_warc(handle)
        if problem:
            yield InputError(path, f"is not a readable WARC archive ({problem})")
            return
        records = _iterator(path, handle)
        seen: set[str] = set()
        # Redirects seen so far, by where they lead: target -> (status, the URL redirected).
        redirected: dict[str, tuple[int, str]] = {}
        for record in records:
            if record.rec_type != "response":
                continue
            url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
            facts = _http_facts(url, record)
            if not url or facts is None:
                continue
            if facts.status in _REDIRECTS:
                target = join_url(url, (facts.header("location") or "").strip())
                if target and target != url:
                    redirected.setdefault(target, (facts.status, url))
                continue
            if not _is_page(facts):
                continue
            offset = records.get_record_offset()
            asked, hops = _chain(url, redirected)
            name = url if url not in seen else f"{url}#record-{offset}"
            seen.add(name)
            # Known by its URL, as a fetched page is: its site the URL's origin, its path
            # the URL's, so links between the archive's pages meet by URL.
            parts = split_url(url)
            origin = f"{parts.scheme}://{parts.netloc}" if parts is not None else path
            yield SourceRef(
                "warc",
                name,
                path,
                folder,
                site_root=Path(origin),
                site_path=(parts.path if parts is not None else "").lstrip("/"),
                payload=(offset, asked, hops),
            )
    except InputError as error:
        yield error
    except Exception as error:  # warcio raises plain exceptions on a broken archive
        yield InputError(path, f"is not a readable WARC archive ({_reason(error)})")
    finally:
        handle.close()


def _chain(
    url: str, redirected: dict[str, tuple[int, str]]
) -> tuple[str, tuple[tuple[int, str], ...]]:
    """The URL first asked for and the redirect hops (status, where to) that led to `url`,
    from the archive's earlier redirect records (a crawler archives each hop it follows)."""
    hops: list[tuple[int, str]] = []
    current = url
    while current in redirected and len(hops) < _MAX_HOPS:
        status, source = redirected[current]
        hops.insert(0, (status, current))
        current = source
        if current == url:
            break  # a loop the crawler left in the archive: the hops so far
    return current, tuple(hops)


def _not_warc(handle: Any) -> str | None:
    """Why the file is no WARC (warcio reads anything else as an archive of no records), or
    None: its first record, gzipped or not, must begin "WARC/"."""
    import gzip
    import zlib

    head = handle.read(2)
    handle.seek(0)
    try:
        if head == b"\x1f\x8b":
            with gzip.GzipFile(fileobj=handle) as member:
                head = member.read(5)
        else:
            head = handle.read(5)
    except (OSError, EOFError, zlib.error) as error:
        return _reason(error)
    finally:
        handle.seek(0)
    if not head:
        return None  # an empty archive: no pages
    return None if head == b"WARC/" else "it does not start with a WARC record"


def _reason(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:200]


def read_warc(ref: SourceRef) -> Document:
    """The Document of one response record (ref.payload: its byte offset, the URL first
    asked for and the redirect hops that led to it)."""
    offset, asked, hops = ref.payload
    try:
        with open(ref.location, "rb") as handle:
            handle.seek(offset)
            try:
                record = next(iter(_iterator(ref.name, handle)))
                url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
                facts = _http_facts(url, record)
                # The payload as the browser got it: chunked and gzip transfer undone.
                data = record.content_stream().read(MAX_BYTES + 1)
            except InputError:
                raise
            except Exception as error:
                raise InputError(
                    ref.name, f"the archive record cannot be read ({_reason(error)})"
                ) from None
    except OSError as error:
        raise InputError(ref.name, f"cannot be read ({error.strerror or error})") from None
    if facts is None:
        raise InputError(ref.name, "the archive record has no HTTP response")
    facts = HttpFacts(
        asked, facts.final_url, facts.status, facts.headers, tuple(hops), "archived response"
    )
    if facts.answered_error:
        # As for a fetched page (sources/fetched.py): the site's answer is the finding
        # (rules/http.py: http-status), and its error body is no page to score.
        return Document(ref=ref, text="", html="", format="html", http=facts)
    if len(data) > MAX_BYTES:
        raise InputError(ref.name, f"is larger than {MAX_BYTES // (1024 * 1024)} MiB; not a page")
    if not data.strip():
        raise InputError(ref.name, "is empty")
    charset = _charset(facts.header("content-type"))
    text = without_lone_surrogates(decode(data, html=True, transport=charset))
    return Document(ref=ref, text=text, html=text, format="html", http=facts)


def _charset(content_type: str | None) -> str | None:
    """The codec a Content-Type's charset names (WHATWG labels only), as for fetched pages."""
    for parameter in (content_type or "").split(";")[1:]:
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            return web_encoding(value.strip().strip("\"'"))
    return None
