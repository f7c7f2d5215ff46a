"""WARC archives: every HTML response record audited, known by its target URI, with the
record's HTTP status and headers as the page's HTTP facts. The archives are written here with
warcio, around real corpus pages."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from seo_audit.page.build import build_page
from seo_audit.sources import read, warc

from helpers import CORPUS, needs_corpus, run_cli

warcio = pytest.importorskip("warcio")

PAGES = sorted(CORPUS.glob("*.html"))[:2] if CORPUS.is_dir() else []
FIRST = "https://news.example.org/2024/first-story/"
SECOND = "https://news.example.org/2024/second-story/"
LATIN = "https://news.example.org/2024/cafe/"
MISSING = "https://news.example.org/2024/gone/"
OLDER = "https://news.example.org/older"
LATIN_PAGE = (
    "<!DOCTYPE html><html lang='fr'><head><title>Le café du coin</title></head>"
    "<body><article><h1>Le café du coin</h1><p>Un café crème coûte deux euros.</p>"
    "</article></body></html>"
).encode("latin-1")


def _response(writer: object, url: str, body: bytes, headers: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders

    status = next((v for k, v in headers if k == ":status"), "200 OK")
    http = StatusAndHeaders(status, [h for h in headers if h[0] != ":status"], protocol="HTTP/1.1")
    record = writer.create_warc_record(  # type: ignore[attr-defined]
        url, "response", payload=io.BytesIO(body), http_headers=http
    )
    writer.write_record(record)  # type: ignore[attr-defined]


def write_archive(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=path.suffix == ".gz")
        request = writer.create_warc_record(
            FIRST,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(
                "GET /2024/first-story/ HTTP/1.1",
                [("Host", "news.example.org")],
                is_http_request=True,
            ),
        )
        writer.write_record(request)
        html = [("Content-Type", "text/html; charset=utf-8")]
        _response(writer, FIRST, PAGES[0].read_bytes(), html)
        _response(
            writer,
            "https://news.example.org/old",
            b"",
            [(":status", "301 Moved Permanently"), ("Location", FIRST)],
        )
        _response(
            writer,
            "https://news.example.org/logo.png",
            b"\x89PNG\r\n",
            [("Content-Type", "image/png")],
        )
        # Two hops the crawler followed before the second story: /older -> /old-2 -> SECOND.
        _response(
            writer,
            OLDER,
            b"",
            [(":status", "301 Moved Permanently"), ("Location", "/2024/old-2/")],
        )
        _response(
            writer,
            "https://news.example.org/2024/old-2/",
            b"",
            [(":status", "302 Found"), ("Location", SECOND)],
        )
        # Sent gzipped, as most servers do: the archive keeps the bytes as they came.
        _response(
            writer,
            SECOND,
            gzip.compress(PAGES[1].read_bytes()),
            [*html, ("Content-Encoding", "gzip"), ("X-Robots-Tag", "noindex")],
        )
        _response(writer, LATIN, LATIN_PAGE, [("Content-Type", "text/html; charset=ISO-8859-1")])
        _response(
            writer,
            MISSING,
            b"<html><title>Not found</title></html>",
            [(":status", "404 Not Found"), *html],
        )


@pytest.fixture(params=["crawl.warc.gz", "crawl.warc"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if not PAGES:
        pytest.skip(f"no corpus at {CORPUS}")
    path = tmp_path / request.param
    write_archive(path)
    return path


def audit(*paths: Path) -> tuple[dict, int]:  # type: ignore[type-arg]
    result = run_cli("check", *map(str, paths), "--isolated", "--format", "json")
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout), result.returncode


@needs_corpus
def test_every_html_response_record_is_a_page(archive: Path) -> None:
    report, code = audit(archive)
    # The request, the redirect and the image are no pages; the 404 is a page whose finding
    # is the answer (as for a fetched page): not scored, and it fails the gate.
    assert [page["path"] for page in report["pages"]] == [FIRST, SECOND, LATIN, MISSING]
    assert report["errors"] == []
    missing = report["pages"][-1]
    assert missing["score"] is None
    assert [(f["rule"], f["severity"]) for f in missing["findings"]] == [("http-status", "error")]
    assert "answered 404 Not Found (archived response)" in missing["findings"][0]["message"]
    assert code == 1


@needs_corpus
def test_the_records_http_headers_are_the_pages(archive: Path) -> None:
    report, _ = audit(archive)
    found = {page["path"]: {f["rule"] for f in page["findings"]} for page in report["pages"]}
    # X-Robots-Tag from the archived response, as a fetched page's header.
    assert "robots-noindex" in found[SECOND]
    assert "robots-noindex" not in found[FIRST]
    # The redirect records before it are the hops that led to the second story.
    assert "redirect-chain" in found[SECOND]
    assert "redirect-chain" not in found[FIRST]
    (chain,) = [
        f["message"]
        for page in report["pages"]
        for f in page["findings"]
        if page["path"] == SECOND and f["rule"] == "redirect-chain"
    ]
    assert chain.startswith(f"Reached through 2 redirects ({OLDER} → 301 ")


@needs_corpus
def test_record_bodies_are_decoded_as_the_browser_got_them(archive: Path) -> None:
    refs = [ref for ref in warc.expand(str(archive)) if not isinstance(ref, Exception)]
    assert [ref.name for ref in refs] == [FIRST, SECOND, LATIN, MISSING]
    second = read(refs[1])
    # Content-Encoding: gzip undone, and the same text as the page file.
    assert second.text == PAGES[1].read_text(encoding="utf-8")
    assert second.http is not None
    assert (second.http.status, second.http.header("x-robots-tag")) == (200, "noindex")
    assert second.http.url == OLDER
    assert second.http.redirects == (
        (301, "https://news.example.org/2024/old-2/"),
        (302, SECOND),
    )
    # The redirect to the first story was archived after it: no hop is made up.
    first = read(refs[0])
    assert first.http is not None
    assert (first.http.url, first.http.redirects) == (FIRST, ())
    # The charset of Content-Type decodes the Latin-1 page.
    latin = build_page(read(refs[2]))
    assert latin.title == "Le café du coin"
    assert latin.http is not None and latin.http.final_url == LATIN


@needs_corpus
def test_a_broken_archive_is_one_error_and_the_other_inputs_go_on(
    archive: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00 this is no gzip member at all")
    report, code = audit(broken, archive)
    assert [page["path"] for page in report["pages"]] == [FIRST, SECOND, LATIN, MISSING]
    problems = {e["path"]: e["message"] for e in report["errors"]}
    assert problems[str(broken)].startswith("is not a readable WARC archive (")
    assert code == 2


def test_archives_are_known_by_name_without_opening_them() -> None:
    assert warc.is_archive("CC-MAIN-20240101-00000.warc.gz")
    assert warc.is_archive("crawl.WARC")
    assert not warc.is_archive("page.html")
