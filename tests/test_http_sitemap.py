"""The sitemap reader on hostile and broken files: entities never expanded, no network, the
protocol's caps, gzip by its bytes, and each problem one error naming the file."""

from __future__ import annotations

import gzip

import pytest

from seo_audit.errors import InputError
from seo_audit.sources.sitemap import MAX_URLS, parse_sitemap, sitemap_pages

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def urlset(*locs: str) -> bytes:
    body = "".join(f"<url><loc> {loc} </loc><lastmod>2026-01-01</lastmod></url>" for loc in locs)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>{body}</urlset>'.encode()


def test_a_urlset_and_an_index_give_their_locations_in_order() -> None:
    assert parse_sitemap("s.xml", urlset("https://a.example/1", "https://a.example/2")).pages == (
        "https://a.example/1",
        "https://a.example/2",
    )
    index = f"<sitemapindex {NS}><sitemap><loc>https://a.example/s1.xml</loc></sitemap>"
    index += "</sitemapindex>"
    assert parse_sitemap("i.xml", index.encode()).children == ("https://a.example/s1.xml",)


def test_gzip_is_known_by_its_bytes_whatever_the_name() -> None:
    data = gzip.compress(urlset("https://a.example/1"))
    assert parse_sitemap("sitemap.xml", data).pages == ("https://a.example/1",)
    with pytest.raises(InputError, match="is not a readable gzip file"):
        parse_sitemap("broken.xml.gz", data[:30])


def test_entities_are_never_expanded_and_a_dtd_never_fetched() -> None:
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY file SYSTEM "file:///etc/hostname">]>'
        f"<urlset {NS}><url><loc>https://a.example/&d;</loc></url>"
        "<url><loc>https://a.example/&file;</loc></url></urlset>"
    )
    pages = parse_sitemap("laughs.xml", laughs.encode()).pages
    assert all(len(page) < 100 for page in pages)  # &d; stayed an entity, 10,000 a's never made
    assert not any("\n" in page for page in pages)  # no file's content read in
    external = f'<!DOCTYPE urlset SYSTEM "http://127.0.0.1:9/evil.dtd"><urlset {NS}></urlset>'
    assert parse_sitemap("dtd.xml", external.encode()).pages == ()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"<html><body>Not found</body></html>", "its root is <html>, not <urlset>"),
        (b"<urlset><url><loc>x", "not well-formed XML"),
        (b"", "not well-formed XML"),
    ],
)
def test_what_is_not_a_sitemap_is_one_error_naming_it(data: bytes, problem: str) -> None:
    with pytest.raises(InputError, match=problem) as raised:
        parse_sitemap("https://a.example/sitemap.xml", data)
    assert raised.value.path == "https://a.example/sitemap.xml"


def test_more_urls_than_the_protocol_allows_is_an_error() -> None:
    data = urlset(*(f"https://a.example/{n}" for n in range(MAX_URLS + 1)))
    with pytest.raises(InputError, match="lists more than 50,000 URLs"):
        parse_sitemap("big.xml", data)


def test_an_index_reads_its_children_once_and_a_bad_child_is_an_entry() -> None:
    files = {
        "index.xml": (
            f"<sitemapindex {NS}>"
            + "".join(
                f"<sitemap><loc>{name}</loc></sitemap>"
                for name in ("a.xml", "missing.xml", "a.xml", "nested.xml")
            )
            + "</sitemapindex>"
        ).encode(),
        "a.xml": urlset("https://a.example/1", "https://a.example/2", "https://a.example/1"),
        "nested.xml": f"<sitemapindex {NS}><sitemap><loc>deeper.xml</loc></sitemap>"
        "</sitemapindex>".encode(),
    }
    asked: list[str] = []

    def get(name: str) -> bytes:
        asked.append(name)
        if name not in files:
            raise InputError(name, "HTTP 404 Not Found")
        return files[name]

    entries = list(sitemap_pages("index.xml", get))
    pages = [e for e in entries if isinstance(e, str)]
    errors = [(e.path, e.problem) for e in entries if isinstance(e, InputError)]
    assert pages == ["https://a.example/1", "https://a.example/2"]
    assert errors == [
        ("missing.xml", "HTTP 404 Not Found"),
        ("nested.xml", "is a sitemap index inside an index; not followed"),
    ]
    assert asked == ["index.xml", "a.xml", "missing.xml", "nested.xml"]  # each once, no deeper
