"""Audit time against page size: generated pages of 100 KB, 200 KB, … 12.8 MB (doubling), and
the time ratio per doubling. Linear stages give ~2x; the target is at most ~2.5x at every step.

Two shapes of page, both generated from a fixed seed (no real page is that large):
- `article`: an article with sections, headings, paragraphs of real-looking sentences, links,
  images, lists, a JSON-LD block and suppression comments, inside the usual site chrome;
- `short`: the same chrome around hundreds of thousands of one-line paragraphs (the shape on
  which trafilatura itself once ran past 900 s).

Each size is audited --repeat times (the median is printed) in this process, through the same
path a worker takes (plan, read, page, rules), without the per-page time limit.

    python benchmarks/scaling.py [--shape article|short|both] [--max-mb 12.8] [--repeat 3]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

START_BYTES = 100 * 1024
_FUNCTION = "the a of and to in is that for it as with on by this be are or from at".split()


def _vocabulary(rng: random.Random) -> list[str]:
    letters = "etaoinshrdlcumwfgypbvk"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(3000)]


def _sentence(rng: random.Random, words: list[str], low: int, high: int) -> str:
    picked = [
        rng.choice(_FUNCTION) if rng.random() < 0.4 else rng.choice(words)
        for _ in range(rng.randint(low, high))
    ]
    return picked[0].capitalize() + " " + " ".join(picked[1:]) + "."


def _chrome(title: str) -> tuple[str, str]:
    head = (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="description" content="A generated page for the scaling benchmark.">\n'
        '<link rel="canonical" href="https://example.com/scaling/">\n'
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "Article", "headline": "Scaling", "author": {"name": "Bench Mark"}}</script>\n'
        "</head>\n<body>\n<header><nav><a href='/'>Home</a> <a href='/blog/'>Blog</a></nav>"
        "</header>\n<main><article>\n<h1>Scaling the audit</h1>\n"
    )
    foot = "</article></main>\n<footer><p>Example footer, all rights reserved.</p></footer>\n"
    return head, foot + "</body>\n</html>\n"


def article_section(rng: random.Random, words: list[str], index: int) -> str:
    parts = [f"<h2>Section {index}: {_sentence(rng, words, 3, 6)[:-1]}</h2>"]
    for paragraph in range(rng.randint(3, 6)):
        sentences = [_sentence(rng, words, 6, 22) for _ in range(rng.randint(2, 6))]
        if paragraph == 1:
            sentences[0] = (
                f'See <a href="/guides/{rng.choice(words)}/">the {rng.choice(words)} guide</a> '
                f"and <em>{rng.choice(words)}</em>. " + sentences[0]
            )
        parts.append("<p>" + " ".join(sentences) + "</p>")
    if index % 3 == 0:
        items = "".join(f"<li>{_sentence(rng, words, 2, 6)}</li>" for _ in range(4))
        parts.append(f"<ul>{items}</ul>")
    if index % 4 == 0:
        parts.append(f'<img src="/img/{index}.jpg" alt="{_sentence(rng, words, 2, 5)}">')
    if index % 10 == 0:
        parts.append("<!-- seo-audit: disable-next-line sentence-length -->")
    return "\n".join(parts) + "\n"


def short_paragraph(rng: random.Random, words: list[str], index: int) -> str:
    return f"<p>{_sentence(rng, words, 2, 5)}</p>\n"


SHAPES = {"article": article_section, "short": short_paragraph}


def generate(shape: str, size: int, seed: int = 10) -> str:
    """A page of about `size` bytes of the given shape."""
    rng = random.Random(seed)
    words = _vocabulary(rng)
    head, foot = _chrome(f"A {shape} page of {size // 1024} KB")
    piece = SHAPES[shape]
    parts = [head]
    length = len(head) + len(foot)
    index = 0
    while length < size:
        text = piece(rng, words, index)
        parts.append(text)
        length += len(text)
        index += 1
    parts.append(foot)
    return "".join(parts)


def audit_seconds(file: Path) -> float:
    from seo_audit.run import AuditSettings, build_plan
    from seo_audit.run.audit import audit_page

    plan = build_plan([str(file)], AuditSettings(isolated=True))
    start = time.perf_counter()
    audit_page(plan, plan.sources[0])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shape", choices=[*SHAPES, "both"], default="both")
    parser.add_argument("--max-mb", type=float, default=12.8)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    shapes = list(SHAPES) if args.shape == "both" else [args.shape]
    sizes = []
    size = START_BYTES
    while size <= args.max_mb * 1024 * 1024 + 1:
        sizes.append(size)
        size *= 2
    with tempfile.TemporaryDirectory() as folder:
        warm = Path(folder) / "warm.html"
        warm.write_text(generate("article", START_BYTES // 4), encoding="utf-8")
        audit_seconds(warm)  # imports and first-call caches are not a cost of size
        worst = 0.0
        for shape in shapes:
            print(f"{shape} pages, median of {args.repeat}:")
            previous = None
            for size in sizes:
                file = Path(folder) / f"{shape}-{size}.html"
                file.write_text(generate(shape, size), encoding="utf-8")
                seconds = statistics.median(audit_seconds(file) for _ in range(args.repeat))
                ratio = f"{seconds / previous:5.2f}x" if previous else "     -"
                if previous:
                    worst = max(worst, seconds / previous)
                print(f"  {size / 1024:8.0f} KB  {seconds:8.2f} s  {ratio}", flush=True)
                previous = seconds
                file.unlink()
    print(f"worst ratio per doubling: {worst:.2f}x (target <= 2.5x)")
    sys.exit(0 if worst <= 2.5 else 1)


if __name__ == "__main__":
    main()
