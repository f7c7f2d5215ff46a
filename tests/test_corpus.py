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
from seo_audit.results.model import PageReport
from seo_audit.run import AuditSettings, audit_one

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
