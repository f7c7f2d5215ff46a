"""What HTTP says about a fetched page: how it was reached, and how it is decoded.

These rules read `page.http` (sources.HttpFacts) and are not applicable to files. A page
that answered 4xx or 5xx, or redirects in a loop, is no page to score: `http-status` or
`redirect-loop` reports it (an error: the gate fails), they weigh nothing, and they are the
only rules run on it (`error_pages`), so its score is n/a. A fetch that got no answer at all
(a timeout, a refused connection) is an input error instead: the site said nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page
from seo_audit.sources.encodings import header_charset, web_encoding
from seo_audit.text.words import cut

_NOT_FETCHED = "the page was not fetched over HTTP"


@rule("http-status", category="indexing", severity="error", weight=0, error_pages=True)
def http_status(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The address answered an error (4xx, 5xx) or still redirected after the last hop
    followed, instead of a page.

    Readers get an error page and search engines drop the address from their index (a 5xx
    that lasts, too). The report names where the run found the address (the linking page
    and its anchor text, or the sitemap). Fix the link or the sitemap entry, or restore or
    redirect the page. The page has no score: there is no content to judge.
    """
    http = page.http
    if http is None:
        yield NotApplicable(_NOT_FETCHED)
        return
    if not http.answered_error or _is_loop(http.url, http.redirects):
        return
    # Here, not at the top: a run over files never loads the fetched-page module.
    from seo_audit.sources.fetched import status_text

    found = _where(http.found)
    via = (
        f" after {len(http.redirects)} redirect(s) from {cut(http.url, 100)}"
        if http.redirects
        else ""
    )
    if http.status >= 400:
        yield Finding(
            f"{cut(http.final_url, 100)} answered {status_text(http.status)}{via}{found}. "
            "Fix the link or the sitemap entry, or restore or redirect the page."
        )
    else:
        yield Finding(
            f"{cut(http.final_url, 100)} still answered {status_text(http.status)}{via}{found}, "
            "and was not followed further. Redirect straight to the final page."
        )


@rule("redirect-loop", category="indexing", severity="error", weight=0, error_pages=True)
def redirect_loop(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The address redirects in a loop: it never reaches a page.

    Browsers give up with an error, and search engines drop the address. Make the first
    address redirect to the page in one hop, or serve the page there. The page has no
    score: there is no content to judge.
    """
    http = page.http
    if http is None:
        yield NotApplicable(_NOT_FETCHED)
        return
    if not _is_loop(http.url, http.redirects):
        return
    chain = " → ".join(
        [cut(http.url, 80), *(f"{status} {cut(to, 80)}" for status, to in http.redirects)]
    )
    found = _where(http.found)
    yield Finding(f"Redirects in a loop: {chain}{found}. Break the loop.")


def _is_loop(url: str, hops: tuple[tuple[int, str], ...]) -> bool:
    """The last hop leads back to an address already on the way."""
    if not hops:
        return False
    return hops[-1][1] in (url, *(to for _, to in hops[:-1]))


@rule("redirect-chain", category="indexing", severity="warning", weight=1)
def redirect_chain(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page was reached through more than one redirect.

    Each hop costs a round trip for readers and crawl budget for search engines, and a long
    chain may not be followed to its end (Googlebot follows up to 10). One redirect (http to
    https, an old slug) is fine; link to the final address and point old addresses straight
    at it.
    """
    http = page.http
    if http is None:
        yield NotApplicable(_NOT_FETCHED)
        return
    hops = http.redirects
    if len(hops) > 1:
        chain = " → ".join([cut(http.url, 80), *(f"{status} {cut(to, 80)}" for status, to in hops)])
        yield Finding(
            f"Reached through {len(hops)} redirects ({chain}). Link to {cut(http.final_url, 100)} "
            "directly, and make the old addresses redirect there in one hop."
        )


@rule("charset-conflict", category="indexing", severity="warning", weight=1)
def charset_conflict(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The server's Content-Type names another character set than the page's `<meta charset>`.

    Browsers and search engines obey the server (the HTTP header comes before the page's own
    declaration), so the page is read in the header's encoding: a UTF-8 page served as
    `charset=iso-8859-1` shows “cafÃ©” for “café”. The page is audited as browsers read it.
    Fix the server's header (or drop its charset) so both agree.
    """
    http = page.http
    if http is None:
        yield NotApplicable(_NOT_FETCHED)
        return
    content_type = http.header("content-type") or ""
    sent = header_charset(content_type)
    label, line = _meta_charset(page.html)
    declared = web_encoding(label) if label else None
    if sent is None or declared is None:
        yield NotApplicable("the header and the page do not both name a character set")
        return
    if sent != declared:
        header_label = content_type.lower().split("charset=", 1)[-1].split(";")[0].strip(" \"'")
        yield Finding(
            f"The server sends charset={cut(header_label, 40)} but the page declares "
            f"{cut(label or '', 40)}; browsers read it as the server says. Make the "
            "Content-Type header match the page's encoding.",
            line=line,
        )


_META_CHARSET_RE = re.compile(r"""<meta[^>]+?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.I)


def _meta_charset(html: str) -> tuple[str | None, int | None]:
    """The label a `<meta charset>` (or its http-equiv form) names in the first 4 KiB, as
    the WHATWG prescan looks, and its line."""
    match = _META_CHARSET_RE.search(html[:4096])
    if match is None:
        return None, None
    return match.group(1), html.count("\n", 0, match.start()) + 1


def _where(found: str) -> str:
    """Where the run found the address, as the message's clause."""
    if found.startswith("linked"):
        return f"; {found}"
    return f" ({found})" if found else ""
