"""Real pages from ../shared/corpus: extraction quality, and rules that stay quiet on the web.

The pages are read from ../shared (never copied into the repo). A rule that fires on most
real, published pages is wrong; the limits below are the exceptions we accept, with reasons.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import Counter
from functools import lru_cache

from seo_audit.engine.rule import Verdict
from seo_audit.page.build import build_page
from seo_audit.results.model import PageReport, Severity
from seo_audit.run import AuditSettings, audit_one
from seo_audit.sources import from_text

from helpers import CORPUS, REPO, needs_corpus

sys.path.insert(0, str(REPO / "benchmarks"))
from extraction import token_f1

pytestmark = needs_corpus

# Share of corpus pages a rule may fire on. Default 25 %; these are real, common problems.
ALLOWED_SHARE = {
    "keyphrase-missing": 1.0,  # the corpus pages come with no focus keyphrase
    # Yoast's 121–156 character band: most sites write longer or shorter descriptions (info).
    "meta-description-length": 0.6,
    # Yoast's link and image advice (info): news stories often cite without linking, and the
    # pages were saved with JavaScript off, so lazy-loaded images are often not <img> yet.
    "links-outbound-missing": 0.45,
    # Yoast's readability bands are written for web copy; news copy has longer sentences, more
    # passive voice and fewer subheadings, and fails them as it fails Yoast's (all info).
    "sentence-length": 0.9,
    "flesch-reading-ease": 0.9,
    "passive-voice": 0.8,
    "subheading-distribution": 0.8,
    "transition-words": 0.5,
    # News headlines run long and results pages really do cut them (Yoast rates them the same).
    "title-width": 0.5,
    "links-internal-missing": 0.45,
    "images-missing": 0.45,
    # Google prefers an author.url or sameAs (info, no weight); 50 of the 91 pages (2019 news)
    # name their authors without one, each checked by hand.
    "article-data-advised": 0.6,
}


@lru_cache(maxsize=1)
def _audits() -> list[tuple[str, PageReport, str]]:
    audits = []
    for path in sorted(CORPUS.glob("*.html")):
        page, report = audit_one(str(path), AuditSettings())
        # Also run the keyphrase rules, with the headline's first words as the keyphrase.
        headline = next((h.text for h in page.headings if h.level == 1 and h.text), "")
        audit_one(str(path), AuditSettings(keyphrase=" ".join(headline.split()[:2]) or None))
        audits.append((path.name, report, page.text))
    return audits


def test_every_page_is_audited_without_internal_errors() -> None:
    audits = _audits()
    assert len(audits) >= 90
    for name, report, _ in audits:
        broken = [r.rule_id for r in report.results if r.verdict is Verdict.INTERNAL_ERROR]
        assert broken == [], name
        assert report.score is not None


def test_body_extraction_f1() -> None:
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    scores = [token_f1(text, truth[name]["articleBody"]) for name, _, text in _audits()]
    assert statistics.mean(scores) >= 0.95
    assert statistics.median(scores) >= 0.97


def test_rules_stay_quiet_on_most_real_pages() -> None:
    audits = _audits()
    fired: Counter[str] = Counter()
    for _, report, _ in audits:
        fired.update({f.rule for f in report.findings})
    too_noisy = {
        rule: round(count / len(audits), 2)
        for rule, count in fired.items()
        if count / len(audits) > ALLOWED_SHARE.get(rule, 0.25)
    }
    assert too_noisy == {}


def test_furniture_iframes_are_not_content_embeds() -> None:
    # 14 corpus pages carry only a tag-manager iframe inside <noscript>.
    for name, report, _ in _audits():
        for finding in report.findings:
            if finding.rule.startswith("embed-"):
                assert "googletagmanager" not in finding.message, name


SEED = CORPUS.parents[1] / "seed" / "000_d9ea0963691e46b1.txt"


def test_the_seed_page_problems_are_caught() -> None:
    # The page text the project started from, read in place from ../shared/seed.
    page, report = audit_one(str(SEED), AuditSettings())
    assert report.keyphrase == "Mission: Impossible – Dead Reckoning"
    assert report.keyphrase_source == "editor's note"
    found = {(f.rule, f.line) for f in report.findings}
    assert {
        ("editorial-seo-note", 6),
        ("editorial-generic-author", 5),
        ("embed-placeholder", 18),
        ("faq-schema-missing", 20),
        ("faq-off-topic", 20),
    } <= found
    # The note holds the keyphrase; it must not count towards the density.
    assert "focus keyword" not in page.text


def test_template_syntax_left_in_published_pages_is_reported_and_nothing_else() -> None:
    # One corpus page shows a WordPress [button …]…[/button] shortcode that never rendered;
    # no other page's visible text holds template syntax (scripts' mustache templates are not
    # visible text).
    found = [
        (name, f.line)
        for name, report, _ in _audits()
        for f in report.findings
        if f.rule == "editorial-template-syntax"
    ]
    assert len(found) == 1 and found[0][0].startswith("30b771a4")


# Error findings the corpus pages really earn, each checked by hand: the page itself is broken
# or really carries the problem. Every other page must have no error at all.
EXPECTED_ERRORS = {
    ("30b771a4", "editorial-template-syntax"): "readers see an unrendered WordPress [button …] "
    "shortcode (line 212)",
    ("94fbcc26", "structured-data-invalid"): "its JSON-LD description closes a string with an "
    "unescaped double quote (line 250)",
    ("ea25dd7e", "structured-data-invalid"): "its JSON-LD keywords array ends with a trailing "
    "comma (line 162)",
    ("f81c6c05", "robots-noindex"): 'the saved page carries <meta name="robots" '
    'content="noindex"> (line 139)',
    ("fde930b0", "robots-noindex"): 'the saved page carries <meta name="robots" '
    'content="noindex"> (line 139)',
}
# False alarms of rules this file's owner does not own, reported to their owners; listed so
# the test names them, and fails once they are fixed (remove the entry then). None is left:
# "TK" on a German health page (Techniker Krankenkasse) is no longer taken for the marker.
KNOWN_FALSE_ALARMS: dict[tuple[str, str], str] = {}


def test_no_error_fires_on_pages_whose_markup_is_valid() -> None:
    errors = {
        (name[:8], f.rule)
        for name, report, _ in _audits()
        for f in report.findings
        if f.severity is Severity.ERROR
    }
    assert errors == set(EXPECTED_ERRORS) | set(KNOWN_FALSE_ALARMS)


def test_template_h1s_never_ask_a_writer_to_demote_the_headline() -> None:
    # 12 corpus pages have H1s in their masthead, sidebar, footer, related boxes or a copy of
    # the headline in a sticky bar (checked by hand): each gets one finding about the
    # template, naming the article's headline, and none is told "another H1 besides the
    # headline" (which would mean demoting the article's own H1).
    found = {
        name[:8]: f.message
        for name, report, _ in _audits()
        for f in report.findings
        if f.rule == "h1-multiple"
    }
    assert len(found) == 12
    assert all(m.startswith("The site's template adds") for m in found.values())
    assert (
        "“What is the value of drugs that come to the U.S. border?” (line 629)" in found["9e8c9f08"]
    )
    assert "“The Impeachment Clock” (line 1048)" in found["f5c90a6d"]  # not the masthead copy
    assert "“Guides” (div.related-guides-container, line 751)" in found["cc4aa22b"]


def test_no_faq_and_no_insecure_embed_on_the_corpus() -> None:
    # The corpus has no FAQ section and no FAQPage data (its README), and no http embed: its
    # question crossheads, teaser lists and footers must not be taken for one.
    fired = {
        (name[:8], f.rule)
        for name, report, _ in _audits()
        for f in report.findings
        if f.rule.startswith("faq-") or f.rule in {"embed-insecure", "embed-unencrypted"}
    }
    assert fired == set()


def test_the_page_scheme_is_the_one_it_was_saved_from() -> None:
    # ground-truth.json has the URL each page was saved from: Page.address (canonical, og:url…)
    # must agree with its scheme wherever the page says one (5 corpus pages are http).
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    found: Counter[str | None] = Counter()
    for path in sorted(CORPUS.glob("*.html")):
        page = build_page(from_text(path.read_text(encoding="utf-8"), str(path), "html"))
        scheme = page.address.scheme
        found[scheme] += 1
        if scheme is not None:
            assert truth[path.name]["url"].startswith(f"{scheme}://"), path.name
    # Two pages (ascom.com) have no canonical, og:url or <base>: the scheme is unknown there.
    assert found == {"https": 84, "http": 5, None: 2}
