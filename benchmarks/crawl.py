"""Crawl speed against a local server: pages/s of `check --crawl` next to the folder audit of
the same pages, and how much of the time is fetching.

Two sites: the real corpus (an index page linking to each of its pages, served as files) and
a generated site of `--pages` small linked articles. For each, interleaved `--repeat` times:

- folder: `seo-audit check FOLDER` over the same files (the audit alone);
- fetch: every page fetched as the crawl fetches it, nothing audited (sources.crawl);
- crawl: `seo-audit check --crawl URL` (fetch and audit together).

The audit must not wait on the network: the crawl's pages/s should be at least 80 % of the
folder's (fetching overlaps auditing). Wall-clock medians and ratios are printed, with the CPU
time of the commands (RUSAGE_CHILDREN) beside them. The server runs in its own process on
127.0.0.1 and shares the machine's cores, as a staging server on the CI runner would.

    python benchmarks/crawl.py [--corpus DIR] [--pages 5000] [--repeat 3] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "articles"
COMMAND = [sys.executable, "-m", "seo_audit"]


def corpus_site(corpus: Path, root: Path) -> int:
    """The corpus as a site: /articles/<n>/index.html, and an index page linking to each."""
    files = sorted(corpus.glob("*.html"))
    links = []
    for n, file in enumerate(files):
        folder = root / "articles" / str(n)
        folder.mkdir(parents=True)
        shutil.copyfile(file, folder / "index.html")
        links.append(f'<li><a href="/articles/{n}/">Article {n}</a></li>')
    _index(root, "".join(links))
    return len(files)


def generated_site(count: int, root: Path) -> int:
    """`count` small articles, each linking to the next three; the index links to the first."""
    words = "coffee water ratio grind steep brew cold filter taste bean roast cup".split()
    for n in range(count):
        folder = root / "posts" / str(n)
        folder.mkdir(parents=True)
        links = " ".join(
            f'<a href="/posts/{m}/">post {m}</a>' for m in range(n + 1, min(count, n + 4))
        )
        text = " ".join(words[(n + i) % len(words)] for i in range(300))
        (folder / "index.html").write_text(
            f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>Post {n} about brewing</title>"
            f'<meta name="description" content="Post {n}: how to brew."></head><body>'
            f"<article><h1>Post {n}</h1><p>{text}.</p><p>Read on: {links}.</p></article>"
            "</body></html>\n",
            encoding="utf-8",
        )
    _index(root, '<li><a href="/posts/0/">Start</a></li>')
    return count


def _index(root: Path, items: str) -> None:
    (root / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Index</title>'
        f"</head><body><h1>Index</h1><ul>{items}</ul></body></html>\n",
        encoding="utf-8",
    )
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")


def _serve(root: str, port: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=root, **kwargs)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    port.put(server.server_address[1])
    server.serve_forever()


def timed(command: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds of the command, and pages in its JSON report."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    try:
        pages = len(json.loads(done.stdout)["pages"])
    except (ValueError, KeyError):
        sys.exit(f"{' '.join(command)} failed: {done.stderr[-500:]}")
    return wall, cpu, pages


def fetch_only(start: str, max_pages: int) -> tuple[float, int]:
    """Wall seconds to fetch what the crawl fetches, auditing nothing (in this process)."""
    from seo_audit.sources.crawl import CrawlLimits, web_sources
    from seo_audit.sources.fetched import url_ref
    from seo_audit.sources.http import WebOptions

    crawl = url_ref(start)
    from dataclasses import replace

    refs = [replace(crawl, kind="crawl")]
    begin = time.perf_counter()
    fetched = web_sources(refs, WebOptions(), CrawlLimits(max_pages, max_pages))
    # Pages, not errors nor error pages (a 404 is a finding but no page fetched).
    count = sum(
        1 for ref in fetched if ref.payload.problem is None and not ref.payload.http.answered_error
    )
    return time.perf_counter() - begin, count


def bench(name: str, build: Callable[[Path], int], repeat: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "site"
        root.mkdir()
        count = build(root)
        queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
        server = multiprocessing.Process(target=_serve, args=(str(root), queue), daemon=True)
        server.start()
        port = queue.get(timeout=30)
        start = f"http://127.0.0.1:{port}/"
        limit = str(count + 10)
        common = ["check", "--isolated", "--format", "json", "-j", str(jobs), "--no-progress"]
        folder_cmd = [*COMMAND, *common, str(root)]
        crawl_cmd = [
            *COMMAND,
            *common,
            "--crawl",
            start,
            "--max-pages",
            limit,
            "--max-depth",
            str(count + 10),
        ]
        runs: dict[str, list[tuple[float, float, int]]] = {"folder": [], "crawl": [], "fetch": []}
        try:
            for _ in range(repeat):  # interleaved, so load on the machine hits both alike
                runs["folder"].append(timed(folder_cmd))
                wall, pages = fetch_only(start, count + 10)
                runs["fetch"].append((wall, 0.0, pages))
                runs["crawl"].append(timed(crawl_cmd))
        finally:
            server.terminate()
    print(f"\n{name}: {count} pages (+ the index page), {repeat} runs, -j {jobs}")
    rates = {}
    for kind, results in runs.items():
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        pages = results[0][2]
        rates[kind] = pages / wall
        cpu_text = f", CPU {cpu:6.2f} s" if kind != "fetch" else " (fetch only, no audit)"
        speed = f"{pages / wall:7.1f} pages/s"
        print(f"  {kind:6} {pages:5d} pages  wall {wall:7.2f} s  {speed}{cpu_text}")
    fetch_wall = statistics.median(r[0] for r in runs["fetch"])
    crawl_wall = statistics.median(r[0] for r in runs["crawl"])
    folder_wall = statistics.median(r[0] for r in runs["folder"])
    print(f"  crawl / folder pages/s: {rates['crawl'] / rates['folder']:.0%} (target ≥ 80 %)")
    # Fetching alone and auditing alone, each as a share of the crawl that does both: when
    # they overlap, the two add up to more than the crawl took.
    print(
        f"  fetching alone takes {fetch_wall / crawl_wall:.0%} of the crawl's wall time, "
        f"auditing alone {folder_wall / crawl_wall:.0%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--pages", type=int, default=5000, help="generated site's pages (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} (wall times shift with it)"
    )
    if args.corpus.is_dir():
        bench("corpus", lambda root: corpus_site(args.corpus, root), args.repeat, args.jobs)
    if args.pages:
        bench("generated", lambda root: generated_site(args.pages, root), args.repeat, args.jobs)


if __name__ == "__main__":
    main()
