"""Sitemap coverage, and links to pages that answered errors: what fetching the site says.

They read each fetched page's WebFacts (engine.site.SiteFacts.web): whether the run's sitemap
lists the page, and whether the run's crawl reached it by a link. A run with only files, or
only URLs, has neither, and the rules are not applicable. A sitemap URL that fails (404, 5xx,
a redirect loop) is an error entry naming the URL and "listed in the sitemap".
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, site_rule
from seo_audit.engine.site import SiteFacts, on_production, url_key
from seo_audit.text.urls import host_of
from seo_audit.text.words import cut

SiteOutcomes = Iterator[tuple[str, Finding] | NotApplicable]


def _needs(pages: Sequence[SiteFacts], sitemap: bool, crawl: bool) -> str | None:
    """Why the rule cannot judge this run, or None."""
    web = [page.web for page in pages if page.web is not None]
    if sitemap and not any(w.in_sitemap is not None for w in web):
        return "the run has no sitemap (--sitemap)"
    if crawl and not any(w.linked is not None for w in web):
        return "the run has no crawl that covered the site (--crawl, within --max-pages)"
    return None


@site_rule("sitemap-missing-page", severity="info", weight=1)
def sitemap_missing_page(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> SiteOutcomes:
    """The crawl reached this page by a link, but the sitemap does not list it.

    A sitemap tells search engines which pages to crawl and when they changed; a page left
    out is found only through links, later. Run with both `--crawl` and `--sitemap`. A page
    that should not be indexed has no place in either: check it is meant to be linked.
    """
    if (why := _needs(pages, sitemap=True, crawl=True)) is not None:
        yield NotApplicable(why)
        return
    for page in pages:
        web = page.web
        if web is not None and web.linked and web.in_sitemap is False:
            yield (
                page.path,
                Finding(f"The sitemap does not list {cut(web.final_url, 100)}. Add it."),
            )


@site_rule("sitemap-redirect", severity="warning", weight=1)
def sitemap_redirect(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> SiteOutcomes:
    """The sitemap lists an address that redirects.

    A sitemap should list each page's final, canonical address: a search engine takes a
    redirecting entry as a mistake and may ignore the sitemap's other hints for it.
    """
    if (why := _needs(pages, sitemap=True, crawl=False)) is not None:
        yield NotApplicable(why)
        return
    for page in pages:
        web = page.web
        if web is not None and web.in_sitemap and web.redirects:
            yield (
                page.path,
                Finding(
                    f"The sitemap lists {cut(web.url, 100)}, which redirects to "
                    f"{cut(web.final_url, 100)}. List the final address instead."
                ),
            )


@site_rule("sitemap-orphan", severity="warning", weight=2)
def sitemap_orphan(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> SiteOutcomes:
    """The sitemap lists this page, but no crawled page links to it.

    Readers and crawlers find pages through links; a page reached only from the sitemap gets
    little link equity and few visits. Judged when a crawl from the start page finished
    within `--max-pages` and `--max-depth`: the crawl followed every link (navigation too),
    so a page it never reached is linked from nowhere on the site.
    """
    if (why := _needs(pages, sitemap=True, crawl=True)) is not None:
        yield NotApplicable(why)
        return
    if any(p.web is not None and p.web.in_sitemap and p.web.linked is None for p in pages):
        # Sitemap pages the crawl did not reach, and it stopped early: they may be linked.
        yield NotApplicable("the crawl stopped at --max-pages or --max-depth")
        return
    for page in pages:
        web = page.web
        if web is not None and web.in_sitemap and web.linked is False:
            yield (
                page.path,
                Finding(
                    "No page the crawl reached links to this one; only the sitemap lists it. "
                    "Link to it from related pages."
                ),
            )


@site_rule("link-target-error", severity="warning", weight=2, options={"site_url": ""})
def link_target_error(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> SiteOutcomes:
    """A link in the article points to a page of the site that answered 4xx or 5xx when the
    run fetched it (a 404 or 410 above all).

    Readers who follow it land on an error page, and search engines drop what it pointed to.
    Judged on URL, sitemap and crawl runs, from what the server really answered (the page
    itself is an error line in the report); reported on every audited page that links there,
    with the link's text. Fix the address, or restore or redirect the page.
    """
    failed: dict[str, tuple[str, str]] = {}  # page key -> (URL, the error line)
    fetched = False
    for page in pages:
        if page.web is None:
            continue
        fetched = True
        for url, _, problem in page.web.failures:
            for target in (url, _on_site(url, page.web.final_url, options["site_url"])):
                if target and (key := url_key(target)):
                    failed.setdefault(key, (url, problem))
    if not fetched:
        yield NotApplicable("no page was fetched over HTTP (URLs, --sitemap, --crawl)")
        return
    for page in pages:
        for link in page.links:
            hit = next((failed[key] for key in link.keys if key in failed), None)
            if hit is None:
                continue
            url, problem = hit
            text = f" (“{cut(link.text, 60)}”)" if link.text.strip() else ""
            yield (
                page.path,
                Finding(
                    f"The link to {cut(link.href, 100)}{text} answered {problem} when fetched. "
                    "Fix the address, or restore or redirect the page.",
                    line=link.line,
                ),
            )


def _on_site(url: str, page_url: str, site_url: str) -> str | None:
    """A failed staging URL as the production address the links were mapped to (--base-url),
    when the page was fetched from another host than the site's."""
    if not site_url or host_of(url) != host_of(page_url) or host_of(url) == host_of(site_url):
        return None
    return on_production(url, site_url)
