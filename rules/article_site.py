"""Article data across a site: each author's page is about that author, and the site has
one publisher."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from seo_audit.engine.rule import Finding, site_rule
from seo_audit.engine.site import SiteFacts


@site_rule("author-page", severity="warning", weight=1)
def author_page(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Iterator[Any]:
    """An author's `url` in the Article data leads to an audited page that is not about that
    author: no ProfilePage (or Person) data with the same name.

    Search engines connect an article to its author through that page (Google's
    recommendation for `author.url`). Authors whose page is not among the audited pages are
    not judged.
    """
    # Three passes keeping only the author pages' facts: the author addresses, the pages at
    # them, the findings (a batch's facts may be read back from disk; holding every page by
    # its addresses was ~4 KB a page).
    wanted = {author.key for page in pages for author in page.index.authors}
    if not wanted:
        return
    by_key: dict[str, tuple[int, str, tuple[str, ...]]] = {}
    for place, page in enumerate(pages):
        for key in (*page.index.location_keys, page.index.canonical_key):
            if key in wanted:
                by_key.setdefault(key, (place, page.path, page.index.profile_names))
    for place, page in enumerate(pages):
        for author in page.index.authors:
            target = by_key.get(author.key)
            if target is None or target[0] == place or author.name in target[2]:
                continue
            about = target[2]
            says = f"is about “{about[0]}”" if about else "has no ProfilePage or Person data"
            yield (
                page.path,
                Finding(
                    f"The author “{author.shown or author.name}” links to {target[1]}, which "
                    f"{says}. Give the author page ProfilePage data with a Person of the same "
                    "name.",
                    line=author.line,
                ),
            )


@site_rule("publisher-identity", severity="warning", weight=1)
def publisher_identity(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Iterator[Any]:
    """The Article data names different publishers (Organization name, or logo) across one
    site.

    One site is one publisher to search engines; a second name or logo is usually a theme
    default or an old brand left in one template. Pages are grouped by their host (from the
    canonical URL, else --base-url); within a site, the pages that differ from its most common
    identity are reported. A folder of articles from many sites compares each site's alone;
    pages whose site is unknown (no canonical, no --base-url) are not compared.
    """
    # Two passes, keeping counts and not the pages (a batch's facts may be read back from
    # disk: holding every page of a site here was 2.7 KB a page, 270 MB at 100,000 pages).
    sites: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for page in pages:
        if page.index.publisher and (host := _host_of(page)):
            sites[host][page.index.publisher] += 1
    commons = {
        host: identities.most_common(1)[0]
        for host, identities in sites.items()
        if len(identities) >= 2
    }
    if not commons:
        return
    for page in pages:
        identity = page.index.publisher
        if identity is None or (host := _host_of(page)) not in commons:
            continue
        common, count = commons[host]
        if identity == common:
            continue
        name, logo = identity
        if name.casefold() == common[0].casefold():
            what = f"the logo {logo or '(none)'} instead of {common[1] or '(none)'}"
        else:
            what = f"the publisher “{name}” instead of “{common[0]}”"
        yield (
            page.path,
            Finding(
                f"The Article data names {what}, which {count} other page"
                f"{'s' if count != 1 else ''} of the site use. Use one publisher name and logo "
                "site-wide.",
                line=page.index.publisher_line,
            ),
        )


def _host_of(page: SiteFacts) -> str:
    key = page.index.canonical_key or next(iter(page.index.location_keys), "")
    return key.removeprefix("url:").split("/", 1)[0]
