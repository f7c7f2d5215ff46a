"""Whether search engines may index the page: robots meta tags, the X-Robots-Tag header and
the robots directives front matter declares.

Google combines every directive that applies to Googlebot (`<meta name="robots">`,
`<meta name="googlebot">`, each `X-Robots-Tag` header without a user agent or for
googlebot) and obeys the most restrictive one. Directives for other crawlers
(`<meta name="bingbot">`, `X-Robots-Tag: otherbot: noindex`) are left alone.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from seo_audit.engine.rule import Finding, NotApplicable, rule
from seo_audit.page.model import Page
from seo_audit.text.urls import split_url

_META_NAMES = ("robots", "googlebot")
# Directives that carry a value after a colon; any other `word:` starts a user agent's list.
_VALUED = frozenset({"max-snippet", "max-image-preview", "max-video-preview", "unavailable_after"})
_AGENT_RE = re.compile(r"^\s*([a-z0-9_.-]+)\s*:\s*(.*)$")
_QUOTED = 60


@dataclass(frozen=True)
class Directives:
    """What one source says to Googlebot."""

    where: str  # as a writer would look for it: `<meta name="robots">`, `X-Robots-Tag header`
    content: str
    tokens: tuple[str, ...]
    line: int | None

    @property
    def noindex(self) -> bool:
        return "noindex" in self.tokens or "none" in self.tokens

    @property
    def nofollow(self) -> bool:
        return "nofollow" in self.tokens or "none" in self.tokens

    @property
    def shown(self) -> str:
        content = self.content if len(self.content) <= _QUOTED else self.content[:59] + "…"
        return f"{self.where} “{content}”"


def _tokens(content: str, header: bool) -> tuple[str, ...]:
    """The directives for Googlebot in a content attribute or header value."""
    tokens: list[str] = []
    agent: str | None = None
    for part in content.lower().split(","):
        match = _AGENT_RE.match(part) if header else None
        if match and match.group(1) not in _VALUED:
            agent, part = match.group(1), match.group(2)
        token = part.strip().split(":", 1)[0].strip()
        if token and agent in (None, "googlebot"):
            tokens.append(token)
    return tuple(tokens)


def directives(page: Page) -> tuple[Directives, ...]:
    """Every source of robots directives on the page, in the order a writer meets them."""
    found = []
    for tag in page.meta_tags:
        if tag.key in _META_NAMES:
            where = "front matter" if tag.declared else f'<meta name="{tag.key}">'
            found.append(Directives(where, tag.content, _tokens(tag.content, False), tag.line))
    if page.http is not None:
        for value in page.http.header_values("x-robots-tag"):
            found.append(Directives("the X-Robots-Tag header", value, _tokens(value, True), None))
    return tuple(found)


def _candidates(page: Page) -> Iterator[tuple[str, bool]]:
    """The names a `hidden` pattern may match: each tail of the page's path in the folder
    (`drafts/a.html` in `site/drafts/a.html`) and the path of its URL (`/search/`)."""
    parts = page.path.replace("\\", "/").split("/")
    for index in range(len(parts)):
        yield "/".join(parts[index:]), False
    for url in (page.http.final_url if page.http else None, page.canonical):
        split = split_url(url) if url else None
        if split is not None and split.path:
            yield split.path, True
            yield split.path.rstrip("/") or "/", True


def is_hidden(page: Page, patterns: Sequence[str]) -> str | None:
    """The first pattern that marks the page as meant to stay out of search, if any."""
    for pattern in patterns:
        pattern = str(pattern).strip()
        for name, is_url in _candidates(page):
            wanted = pattern if is_url or not pattern.startswith("/") else None
            if wanted is not None and (
                fnmatch.fnmatchcase(name, wanted)
                or fnmatch.fnmatchcase(name, wanted.lstrip("/"))
                or fnmatch.fnmatchcase(name.lstrip("/"), wanted.lstrip("/"))
            ):
                return pattern
    return None


@rule(
    "robots-noindex",
    category="indexing",
    severity="error",
    weight=3,
    options={"hidden": []},
)
def robots_noindex(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page tells search engines not to index it (`noindex` or `none`).

    Read from `<meta name="robots">` and `<meta name="googlebot">`, the `X-Robots-Tag`
    header of a fetched page, and front matter (`noindex: true`, `robots: noindex`,
    `robots: {index: false}`). A page about to be published with a leftover `noindex` never
    appears in search: the costliest mistake a publication gate can catch. Pages meant to
    stay out of search (internal search results, thank-you pages) are listed in the option
    `hidden`, as globs over the path in the folder (`drafts/**`, `*/thanks.html`) or over the
    URL path (`/search*`).
    """
    saying = [d for d in directives(page) if d.noindex]
    if not saying:
        return
    pattern = is_hidden(page, options["hidden"])
    if pattern is not None:
        yield NotApplicable(f"the option hidden marks this page as kept out of search ({pattern})")
        return
    for source in saying:
        yield Finding(
            f"{source.shown} keeps the page out of search results. Remove the noindex before "
            "publishing, or list the page under this rule's `hidden` option if it is meant to "
            "stay hidden.",
            line=source.line,
        )


@rule("robots-nofollow", category="indexing", severity="warning", weight=1)
def robots_nofollow(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The page tells search engines not to follow any of its links (`nofollow`).

    Links from the article then pass no signals to the pages they point to, the site's own
    pages included. Mark single links with `rel="nofollow"` instead. `none` (noindex and
    nofollow) is reported by robots-noindex.
    """
    found = directives(page)
    if not found:
        yield NotApplicable("the page has no robots directives")
        return
    if any(d.noindex for d in found):
        return
    for source in found:
        if source.nofollow:
            yield Finding(
                f"{source.shown} tells search engines to ignore every link on the page. Remove "
                'it, and put rel="nofollow" on the links you do not vouch for.',
                line=source.line,
            )


_OPPOSITES = (("index", "noindex"), ("follow", "nofollow"))


@rule("robots-conflict", category="indexing", severity="warning", weight=1)
def robots_conflict(page: Page, options: Mapping[str, Any]) -> Iterator[Finding | NotApplicable]:
    """The robots directives contradict each other (`index` and `noindex`, `follow` and
    `nofollow`), in one tag or across the meta tags, the X-Robots-Tag header and front matter.

    Google obeys the more restrictive one, which is rarely what the person who added the
    other meant. Keep one set of directives.
    """
    found = directives(page)
    if len(found) < 1:
        yield NotApplicable("the page has no robots directives")
        return
    for allowing, forbidding in _OPPOSITES:
        yes = [d for d in found if allowing in d.tokens]
        no = [d for d in found if forbidding in d.tokens or "none" in d.tokens]
        if yes and no:
            first, second = yes[0], no[0]
            together = first is second
            where = first.shown if together else f"{first.shown} and {second.shown}"
            verb = "says" if together else "say"
            yield Finding(
                f"{where} {verb} both {allowing} and {forbidding}; search engines obey "
                f"{forbidding}. Keep the one you mean.",
                line=(first.line if first.line is not None else second.line),
            )
