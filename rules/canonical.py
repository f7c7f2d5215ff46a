"""The canonical URL as written: one of them, absolute, on the production host, over https,
without a fragment, and the same as `og:url`. Whether the page has one at all is
canonical-missing's (rules/meta.py).

A page's canonicals are its `<link rel="canonical">` tags, a fetched page's `Link:
<…>; rel="canonical"` header, and a draft's front-matter `canonical`.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from seo_audit.engine.index_facts import IndexFacts
from seo_audit.engine.rule import Finding, NotApplicable, rule, site_rule
from seo_audit.engine.site import SiteFacts, url_key
from seo_audit.page.model import Page
from seo_audit.text.urls import host_of, split_url
from seo_audit.text.words import cut

_QUOTED = 80
_LINK_RE = re.compile(r"<([^>]*)>\s*((?:;[^,;]*)*)")
_REL_RE = re.compile(r"""rel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;]+))""", re.I)


@dataclass(frozen=True)
class Canonical:
    href: str
    line: int | None
    where: str  # `<link rel="canonical">`, "the Link header", "front matter"

    @property
    def shown(self) -> str:
        href = self.href if len(self.href) <= _QUOTED else self.href[: _QUOTED - 1] + "…"
        return f"“{href}”"


def link_header_canonicals(values: tuple[str, ...]) -> tuple[str, ...]:
    """The targets of `rel="canonical"` in Link header values (RFC 8288)."""
    found = []
    for value in values:
        for match in _LINK_RE.finditer(value):
            rel = _REL_RE.search(match.group(2) or "")
            tokens = next((g for g in rel.groups() if g is not None), "") if rel else ""
            if "canonical" in tokens.lower().split():
                found.append(match.group(1).strip())
    return tuple(found)


def canonicals(page: Page) -> tuple[Canonical, ...]:
    found = [
        Canonical(tag.href, tag.line, '<link rel="canonical">')
        for tag in page.links_with_rel("canonical")
    ]
    if page.canonical and not any(c.href == page.canonical for c in found):
        found.append(Canonical(page.canonical, page.canonical_line, "front matter"))
    if page.http is not None:
        for href in link_header_canonicals(page.http.header_values("link")):
            found.append(Canonical(href, None, "the Link header"))
    return tuple(found)


def _absolute(href: str) -> bool:
    split = split_url(href)
    return split is not None and split.scheme in ("http", "https") and bool(split.hostname)


# Hosting platforms whose production sites live on a subdomain of theirs, and how their
# preview deploys are named: Netlify's deploy-preview-42--site / branch--site, Cloudflare
# Pages' hash.project.pages.dev, Vercel's project-git-branch-team.vercel.app.
_PLATFORMS: tuple[tuple[str, Callable[[list[str]], bool]], ...] = (
    ("netlify.app", lambda labels: "--" in labels[0]),
    ("pages.dev", lambda labels: len(labels) > 3),
    ("vercel.app", lambda labels: "-git-" in labels[0]),
)
_STAGING_LABEL_RE = re.compile(
    r"^(?:staging|stage|stg|preview|dev|uat|qa|test)$|^(?:preview|staging)-|-(?:staging|preview)$"
)
_LOCAL_SUFFIXES = (".local", ".test", ".localhost", ".internal")


def staging_host(host: str) -> str | None:
    """Why a host is not a production host (localhost, a staging or preview deploy), or None."""
    host = host.lower().rstrip(".").strip("[]")
    if not host:
        return None
    if host == "localhost" or host.endswith(_LOCAL_SUFFIXES):
        return "a local or test host"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if address.is_loopback or address.is_private or address.is_link_local:
            return "a local or private address"
        return None
    labels = host.split(".")
    for suffix, is_preview in _PLATFORMS:
        if host.endswith("." + suffix) and is_preview(labels):
            return f"a {suffix} preview deploy"
    # A staging label in front of a real domain: staging.example.com, example-staging.com.
    # Two-label hosts (dev.to, preview.ph) are sites of their own.
    if len(labels) >= 3 and any(_STAGING_LABEL_RE.search(label) for label in labels[:-2]):
        return "a staging or preview host"
    if len(labels) >= 2 and re.search(r"-(?:staging|preview)$", labels[-2]):
        return "a staging or preview host"
    return None


def _bare(host: str) -> str:
    return host.lower().rstrip(".").removeprefix("www.")


def _hosted(page: Page) -> list[tuple[Canonical, str]]:
    """The absolute canonicals, each with its host (`www.` dropped)."""
    return [(c, _bare(host_of(c.href))) for c in canonicals(page) if _absolute(c.href)]


def _page_scheme(page: Page) -> str | None:
    """Whether the page is served over https: from its response, else the site's URL."""
    for url in (page.http.final_url if page.http else None, page.site_url):
        split = split_url(url) if url else None
        if split is not None and split.scheme in ("http", "https"):
            return split.scheme
    return None


@rule("canonical-multiple", category="indexing", severity="warning", weight=2)
def canonical_multiple(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page names more than one canonical URL, and they differ.

    Faced with several different canonicals (tags, the Link header), Google ignores them all
    and picks one itself. Often a theme and an SEO plugin each add one. The same URL twice is
    harmless and not reported.
    """
    found = canonicals(page)
    if not found:
        yield NotApplicable("the page has no canonical URL")
        return
    distinct = list(dict.fromkeys(c.href for c in found))
    if len(distinct) > 1:
        first = next(c for c in found if c.href == distinct[1])
        listed = ", ".join(f"“{href[:_QUOTED]}”" for href in distinct[:3])
        more = f" and {len(distinct) - 3} more" if len(distinct) > 3 else ""
        yield Finding(
            f"The page names {len(distinct)} different canonical URLs ({listed}{more}); search "
            "engines then ignore them all. Keep one.",
            line=first.line,
        )


@rule("canonical-invalid", category="indexing", severity="warning", weight=2)
def canonical_invalid(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The canonical URL is relative, malformed, empty, or carries a `#fragment`.

    Google resolves a relative canonical against the page's URL, so a preview or mirror
    that serves the same HTML names itself canonical; write the full https address. A
    malformed or empty one is ignored, and a fragment is dropped (it names a part of the
    page, never another page).
    """
    found = canonicals(page)
    if not found:
        yield NotApplicable("the page has no canonical URL")
        return
    for canonical in found:
        href = canonical.href
        split = split_url(href) if href else None
        if not href:
            problem = "is empty"
        elif split is None or (split.scheme and split.scheme not in ("http", "https")):
            problem = "is not a web address"
        elif not _absolute(href):
            problem = "is relative; write the full address, with https:// and the host"
        elif split.fragment or href.endswith("#"):
            problem = "has a #fragment, which search engines drop; remove it"
        else:
            continue
        yield Finding(f"The canonical URL {canonical.shown} {problem}.", line=canonical.line)


@rule("canonical-host", category="indexing", severity="error", weight=3)
def canonical_host(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The canonical URL points at a local, staging or preview host, or, with --base-url, at
    any host other than the production site's.

    Search engines then index the staging copy, or nothing: the build copied the preview's
    address into the page. Local hosts are localhost, private addresses and .local, .test,
    .localhost, .internal (not .example, which documentation uses); staging and preview
    hosts are named staging., stage., dev., preview-, -staging, and the preview deploys of
    Netlify, Vercel and Cloudflare Pages. `www.` is not a different host.
    """
    production = _bare(host_of(page.site_url)) if page.site_url else ""
    found = _hosted(page)
    if not found:
        yield NotApplicable("the page has no absolute canonical URL")
        return
    for canonical, host in found:
        why = staging_host(host)
        if why is None and production and host != production:
            why = f"not the production site ({production}, from --base-url)"
        if why is not None:
            yield Finding(
                f"The canonical URL {canonical.shown} is on {host}, {why}: search engines "
                "would index that copy instead of this page. Point it at the production "
                "address.",
                line=canonical.line,
            )


@rule("canonical-other-site", category="indexing", severity="warning", weight=1)
def canonical_other_site(
    page: Page, options: Mapping[str, Any]
) -> Iterator[Finding | NotApplicable]:
    """A fetched page's canonical URL names another site than the one that served it.

    That hands the page's ranking to the other site: right for a syndicated copy, a mistake
    anywhere else. Judged on pages fetched over HTTP, without --base-url (with it,
    canonical-host judges every host against production's).
    """
    if page.http is None or page.site_url:
        yield NotApplicable("the page was not fetched, or --base-url names the production site")
        return
    own = _bare(host_of(page.http.final_url))
    found = _hosted(page)
    if not found:
        yield NotApplicable("the page has no absolute canonical URL")
        return
    for canonical, host in found:
        if own and host != own and staging_host(host) is None:
            yield Finding(
                f"The canonical URL {canonical.shown} names another site ({host}) than the "
                f"one serving the page ({own}). Fine for a syndicated copy; otherwise point it "
                "at this page.",
                line=canonical.line,
            )


@rule("canonical-insecure", category="indexing", severity="warning", weight=1)
def canonical_insecure(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The canonical URL is http:// while the page is served over https.

    It asks search engines to index the insecure address (which usually redirects back).
    Judged when the page's scheme is known: a fetched page's final URL, or --base-url.
    """
    if _page_scheme(page) != "https":
        yield NotApplicable("the page is not known to be served over https")
        return
    found = canonicals(page)
    if not found:
        yield NotApplicable("the page has no canonical URL")
        return
    for canonical in found:
        split = split_url(canonical.href)
        if split is not None and split.scheme == "http" and split.hostname:
            yield Finding(
                f"The canonical URL {canonical.shown} is http:// on an https page. Use the "
                "https address.",
                line=canonical.line,
            )


def comparable(url: str) -> str:
    """A URL as two tags that mean the same address compare: scheme and host lower-cased,
    default port and fragment dropped."""
    split = split_url(url.strip())
    if split is None or not split.hostname:
        return url.strip()
    port = f":{split.port}" if split.port and split.port not in (80, 443) else ""
    query = f"?{split.query}" if split.query else ""
    return f"{split.scheme.lower()}://{split.hostname.lower()}{port}{split.path or '/'}{query}"


@rule("canonical-og-url", category="indexing", severity="warning", weight=1)
def canonical_og_url(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """`og:url` and the canonical URL name different addresses.

    Shares are counted, and the preview is fetched, at `og:url`; search engines index the
    canonical. When they differ, one of them is usually a leftover (a staging address, the
    http version, another article's URL). Compared after lower-casing the scheme and host.
    """
    og_url = page.meta("og:url")
    found = [c for c in canonicals(page) if _absolute(c.href)]
    if og_url is None or not found or not _absolute(og_url.content):
        yield NotApplicable("the page has no absolute og:url and canonical URL to compare")
        return
    canonical = found[0]
    if comparable(og_url.content) != comparable(canonical.href):
        shown = og_url.content if len(og_url.content) <= _QUOTED else og_url.content[:79] + "…"
        yield Finding(
            f"og:url “{shown}” is not the canonical URL {canonical.shown}. Make them the "
            "same address.",
            line=og_url.line,
        )


def _where(site_url: str, whole_site: bool, key: str) -> bool:
    """Whether a page key lies in what the audit covers (as broken-internal-link judges)."""
    if whole_site:
        return True
    prefix = url_key(site_url) if site_url else None
    return bool(prefix) and (key.split("?", 1)[0].rstrip("/") + "/").startswith(
        str(prefix).rstrip("/") + "/"
    )


@site_rule(
    "canonical-target",
    severity="warning",
    weight=2,
    options={"whole_site": False, "site_url": ""},
)
def canonical_target(pages: Sequence[SiteFacts], options: Mapping[str, Any]) -> Iterator[Any]:
    """The canonical URL points at another audited page that does not name itself as
    canonical (a chain) or holds another article, or, where the audit covers that part of
    the site, at no audited page.

    Search engines follow one hop at most, and drop a canonical that leads to a page which
    points elsewhere. Pages are located by --base-url plus their path, or the URL they were
    fetched from; a folder of files without --base-url gives no page a location to check.
    Missing targets are judged under --base-url's address or with --whole-site. A target
    that is another article (its H1 or title and its first 30 content words share almost
    nothing with the page's) is reported too: a canonical is for copies of one content.
    """
    # Three passes keeping only the targets' facts: the canonical URLs that point away, the
    # pages at them, the findings (a batch's facts may be read back from disk; holding every
    # page by its addresses was ~4 KB a page).
    wanted = {
        key
        for page in pages
        if (key := page.index.canonical_key)
        and page.index.location_keys
        and key not in page.index.location_keys
    }
    if not wanted:
        return
    located: dict[str, SiteFacts] = {}
    for page in pages:
        for location in page.index.location_keys:
            if location in wanted:
                located.setdefault(location, page)
    for page in pages:
        facts = page.index
        key = facts.canonical_key
        if not key or not facts.location_keys or key in facts.location_keys:
            continue
        target = located.get(key)
        shown = cut(facts.canonical or "", 80)
        if target is None:
            if _where(options["site_url"], options["whole_site"], key):
                yield (
                    page.path,
                    Finding(
                        f"The canonical URL “{shown}” is not among the audited pages. Point "
                        "it at the page's own address, or at the article it copies.",
                        line=facts.canonical_line,
                    ),
                )
            continue
        onward = target.index.canonical_key
        if onward and onward not in target.index.location_keys:
            yield (
                page.path,
                Finding(
                    f"The canonical URL “{shown}” leads to {target.path}, whose own canonical "
                    f"is “{cut(target.index.canonical or '', 80)}”: a chain search engines "
                    "may not follow. Point straight at the final address.",
                    line=facts.canonical_line,
                ),
            )
        elif _other_article(facts, target.index):
            yield (
                page.path,
                Finding(
                    f"The canonical URL “{shown}” leads to {target.path}, which is another "
                    "article (its title and opening share almost no words with this page's): "
                    "search engines ignore a canonical to different content, or drop this "
                    "page. Point it at this page's own address.",
                    line=facts.canonical_line,
                ),
            )


def _overlap(one: Sequence[int], other: Sequence[int]) -> float:
    small, large = (one, other) if len(one) <= len(other) else (other, one)
    pool = set(large)
    return sum(1 for word in small if word in pool) / len(small)


# Below these shares of shared words both the titles and the openings are other texts; a
# syndicated copy, a reworded title or page 2 of a series stays well above one of them.
_TITLE_SHARED = 0.5
_LEAD_SHARED = 0.3
_LEAD_MINIMUM = 12  # fewer content words than this in either opening tells nothing


def _other_article(page: IndexFacts, target: IndexFacts) -> bool:
    if not (page.title_words and target.title_words):
        return False
    if min(len(page.lead_words), len(target.lead_words)) < _LEAD_MINIMUM:
        return False
    return (
        _overlap(page.title_words, target.title_words) < _TITLE_SHARED
        and _overlap(page.lead_words, target.lead_words) < _LEAD_SHARED
    )
