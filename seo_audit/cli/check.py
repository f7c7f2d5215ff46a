"""`seo-audit check`: flags -> plan -> run -> finalize -> format -> exit code."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from seo_audit.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, started
from seo_audit.cli.commands import app
from seo_audit.cli.options import (
    ConfigOption,
    IgnoreOption,
    IsolatedOption,
    KeyphraseOption,
    RulesDirOption,
    SelectOption,
    names,
)
from seo_audit.cli.output import refuse_overwriting, say, write_file, write_stdout
from seo_audit.errors import Interrupted, UsageError
from seo_audit.formats import BUILTIN as BUILTIN_FORMATS
from seo_audit.sources.files import PAGE_SUFFIXES

if TYPE_CHECKING:
    from seo_audit.cli.output_dir import FolderRun
    from seo_audit.config import FailOn
    from seo_audit.formats import Format, ReportOptions, Writer
    from seo_audit.results.baseline import Baseline
    from seo_audit.results.model import AuditReport, Severity
    from seo_audit.run.audit import Outcome

# Built from the registry of builtin formats; `seo-audit formats` lists plugins' too.
FORMAT_HELP = "Output format: " + ", ".join(BUILTIN_FORMATS) + ", or one a plugin adds."


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Pages, folders or http(s) URLs to audit; - reads one page from stdin. "
            "Default: the current folder."
        ),
    ] = None,
    keyphrase: KeyphraseOption = None,
    synonyms: Annotated[
        str | None, typer.Option("--synonyms", help="Comma-separated synonyms of the keyphrase.")
    ] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "text",
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write the report to this file (one line on stderr says so)."
        ),
    ] = None,
    output_dir: Annotated[
        str | None,
        typer.Option(
            "--output-dir",
            metavar="DIR",
            help="Write the report as a folder: pages/part-*.jsonl (or .parquet with "
            "--format parquet) of 1,000 pages each, errors.jsonl, and summary.json last.",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="With --output-dir: go on with the run in that folder, auditing only the "
            "pages its journal lacks or that changed since.",
        ),
    ] = False,
    partition_pages: Annotated[int, typer.Option("--partition-pages", hidden=True, min=1)] = 1000,
    reports: Annotated[
        list[str] | None,
        typer.Option(
            "--report",
            metavar="FORMAT=FILE",
            help="Also write this format to this file, from the same run (repeatable): "
            "--report json=seo.json --report sarif=seo.sarif.",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List passed and skipped rules too.")
    ] = False,
    min_severity: Annotated[
        str | None,
        typer.Option(
            "--min-severity",
            help="Show findings of this severity or worse: info, warning, error (default "
            "info; warning for --format github). The gate is --fail-on's.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="Print only the pages that fail and the gate line."),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics", help="Print how many findings each rule has, instead of the report."
        ),
    ] = False,
    select: SelectOption = None,
    extend_select: Annotated[
        str | None, typer.Option("--extend-select", help="Add these rule ids or categories.")
    ] = None,
    ignore: IgnoreOption = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            help="Fail on findings of this severity or worse: error "
            "(default), warning, info, never.",
        ),
    ] = None,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", help="Fail when a page scores under this.")
    ] = None,
    fail_under_site: Annotated[
        float | None,
        typer.Option(
            "--fail-under-site",
            help="Fail when the site score (the cross-page rules, in a folder run) is under this.",
        ),
    ] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when the gate fails.")
    ] = False,
    baseline: Annotated[
        str | None, typer.Option("--baseline", help="Fail only on findings not in this baseline.")
    ] = None,
    write_baseline_file: Annotated[
        str | None, typer.Option("--write-baseline", help="Record today's findings in this file.")
    ] = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
    rules_dir: RulesDirOption = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="Language of the pages' text, whatever they declare (e.g. de, pt-BR)."
        ),
    ] = None,
    word_forms: Annotated[
        bool | None,
        typer.Option(
            "--word-forms/--no-word-forms",
            help="Match keyphrase words by stem, recordings ~ recording (default on).",
        ),
    ] = None,
    color: Annotated[
        bool | None,
        typer.Option("--color/--no-color", help="Force colour on or off (default: auto)."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", help="Worker processes (default: all cores)."),
    ] = None,
    include: Annotated[
        str | None,
        typer.Option(
            "--include",
            help="Globs of files to audit in folders (default: "
            + ",".join(f"*{s}" for s in PAGE_SUFFIXES)
            + ").",
        ),
    ] = None,
    exclude: Annotated[
        str | None, typer.Option("--exclude", help="Globs of files to skip in folders.")
    ] = None,
    no_gitignore: Annotated[
        bool, typer.Option("--no-gitignore", help="Audit files that .gitignore ignores too.")
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="The site's address, to resolve links between pages (e.g. https://example.com/).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler", help="Run on a Dask cluster at this address (needs seo-audit[dask])."
        ),
    ] = None,
    no_default_excludes: Annotated[
        bool,
        typer.Option(
            "--no-default-excludes",
            help="Walk node_modules, vendor, build output (public, _site, dist, build, out), "
            "layouts, _includes, archetypes and hidden folders too.",
        ),
    ] = False,
    whole_site: Annotated[
        bool,
        typer.Option(
            "--whole-site",
            help="The paths hold every page of the site: judge orphan pages and every "
            "same-site link (a build output folder is taken as the whole site anyway).",
        ),
    ] = False,
    no_plugins: Annotated[
        bool, typer.Option("--no-plugins", help="Leave installed rule plugins out.")
    ] = False,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            help="WordPress export items to audit, by status: publish (default), draft, "
            "pending, private, future, trash, comma-separated.",
        ),
    ] = None,
    inventory: Annotated[
        str | None,
        typer.Option(
            "--inventory",
            help="Audit the pages this list names: a text file (one path or URL a line) or "
            "a CSV with a path or url column; - reads it from stdin.",
        ),
    ] = None,
    sitemap: Annotated[
        list[str] | None,
        typer.Option(
            "--sitemap",
            metavar="URL|FILE",
            help="Audit every page this sitemap (or sitemap index, gzipped or not) lists "
            "(repeatable).",
        ),
    ] = None,
    crawl: Annotated[
        list[str] | None,
        typer.Option(
            "--crawl",
            metavar="URL",
            help="Audit the pages reached by following links from this page, on its host "
            "(repeatable).",
        ),
    ] = None,
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", help="Pages a crawl fetches at most (500).")
    ] = None,
    max_depth: Annotated[
        int | None,
        typer.Option("--max-depth", help="Links a crawl follows from its start page (10)."),
    ] = None,
    user_agent: Annotated[
        str | None,
        typer.Option(
            "--user-agent",
            help="The User-Agent sent and matched in robots.txt (default seo-audit/VERSION).",
        ),
    ] = None,
    per_host: Annotated[
        int | None, typer.Option("--per-host", help="Requests at a time to one host (4).")
    ] = None,
    fetch_timeout: Annotated[
        float | None,
        typer.Option(
            "--fetch-timeout", help="Seconds one request may take, to the last byte (15)."
        ),
    ] = None,
    run_timeout: Annotated[
        float | None,
        typer.Option(
            "--run-timeout",
            help="Seconds every fetch of the run may take together; pages not fetched "
            "by then are errors.",
        ),
    ] = None,
    page_timeout: Annotated[
        float | None,
        typer.Option(
            "--page-timeout",
            help="Seconds a page may take before it is reported as an error (default 30; 0: "
            "no limit).",
        ),
    ] = None,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bar (default: on a terminal, for text output).",
        ),
    ] = None,
    watch: Annotated[
        bool,
        typer.Option(
            "--watch",
            "-w",
            help="Audit, then re-audit the pages that change on every save (Ctrl-C stops).",
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Apply the rules' safe fixes to the files (markup only, never the article's "
            "words), then report what is left.",
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Print the safe fixes as a unified diff and change nothing (exit 1 if any).",
        ),
    ] = False,
) -> None:
    """Audit pages and print a scored report with line-numbered findings.

    Exit codes: 0 the gate passed; 1 it failed (a finding at or above --fail-on, default
    error, a page under --fail-under, or the site score under --fail-under-site); 2 usage or
    config error, or an input that could not be audited (the others are still audited and
    reported).
    """
    from seo_audit.config import Overrides
    from seo_audit.formats import ReportOptions, format_named
    from seo_audit.results.gate import fail_on_problem, fail_under_problem
    from seo_audit.run import AuditSettings, build_plan, default_jobs, executor_for, finalize
    from seo_audit.sources.discover import DEFAULT_INCLUDE

    folder = _output_folder(output_dir, output_format, resume, partition_pages, output)
    # With --output-dir the partitions hold jsonl's records (or parquet rows of them).
    chosen = format_named(output_format if folder is None else "jsonl")
    also = [_report_target(spec) for spec in reports or ()]
    for flag, value, problem_of in (
        ("--fail-on", fail_on, fail_on_problem),
        ("--fail-under", fail_under, fail_under_problem),
        ("--fail-under-site", fail_under_site, fail_under_problem),
    ):
        if value is not None and (problem := problem_of(value)):
            raise UsageError(f"{flag}: {problem}")
    least = _severity(min_severity)
    if folder is not None and (statistics or watch):
        raise UsageError(f"--output-dir: not with {'--statistics' if statistics else '--watch'}")
    if statistics and output_format not in ("text", "json"):
        raise UsageError("--statistics: prints a table (text) or JSON; use --format text or json")
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs: must be 1 or more")
    if page_timeout is not None and page_timeout < 0:
        raise UsageError("--page-timeout: must be a number of seconds (0: no limit)")
    overrides = Overrides(
        select=names(select) or None,
        extend_select=names(extend_select),
        ignore=names(ignore),
        fail_on=cast("FailOn | None", fail_on),
        fail_under=fail_under,
        rules_dir=tuple(rules_dir or ()),
        lang=lang,
        word_forms=word_forms,
        page_timeout=page_timeout,
    )
    settings = AuditSettings(
        keyphrase=keyphrase,
        synonyms=names(synonyms),
        overrides=overrides,
        config_file=config,
        isolated=isolated,
        include=names(include) or DEFAULT_INCLUDE,
        exclude=names(exclude),
        respect_gitignore=not no_gitignore,
        base_url=base_url,
        plugins=not no_plugins,
        whole_site=whole_site,
        default_excludes=not no_default_excludes,
        statuses=_statuses(status),
        inventory=inventory,
    )
    settings = replace(
        settings,
        **_web_settings(
            sitemap, crawl, max_pages, max_depth, user_agent, per_host, fetch_timeout, run_timeout
        ),
    )
    known = _baseline(baseline)
    if watch:
        from seo_audit.cli.watch import watch as watch_paths

        started()
        raise typer.Exit(watch_paths(paths or [], settings, known))
    plan = build_plan(paths or [], settings)
    started()  # the rules are loaded: collect garbage again, the start-up's frozen out
    outputs = [*([("--output", output)] if output else []), *(("--report", f) for _, f in also)]
    refuse_overwriting(
        # A WordPress export, a WARC archive or an inventory is an input as a page file is.
        chain(
            (ref.location for ref in plan.sources if ref.is_file or ref.kind in ("wxr", "warc")),
            (inventory,) if inventory and inventory != "-" else (),
        ),
        outputs,
        write_baseline_file,
        baseline,
    )
    if fix or diff:
        from seo_audit.cli.fix import fix_plan

        fixed = fix_plan(plan, write=not diff, diff_stream=sys.stdout if diff else None)
        say(fixed.summary(written=not diff))
        if diff:
            raise typer.Exit(EXIT_FINDINGS if fixed.fixes else EXIT_OK)
    # A folder run prints nothing on stdout: its bar is on by default too, on a terminal.
    on_terminal = folder is not None or (output_format == "text" and output is None)
    show_progress = progress if progress is not None else (on_terminal and sys.stderr.isatty())
    stopped: list[Interrupted] = []
    with _progress_bar(show_progress, plan.fetches) as (on_start, on_page, on_fetched):
        todo = plan if folder is None else folder.start(plan)  # --resume: what is left
        executor = executor_for(todo, jobs or default_jobs(), scheduler, on_fetched)
        on_start(len(plan.sources) if not plan.expands else None)
        site_gate = fail_under_site if fail_under_site is not None else plan.fail_under_site
        outcomes = executor.run(todo)
        if folder is not None:
            outcomes = folder.outcomes(outcomes)
        elif output is not None and plan.fetches:
            outcomes = _until_interrupted(outcomes, stopped)
        report = finalize(plan, outcomes, known, on_page, site_gate)
    if write_baseline_file:
        _write_baseline(report, write_baseline_file)
    options = ReportOptions(
        verbose=verbose, color=color, min_severity=least, quiet=quiet, width=_columns()
    )
    main = _statistics_writer(output_format) if statistics else chosen.write
    if folder is not None:
        folder.write(report, options)
    elif output is None:
        write_stdout(lambda stream: main(report, stream, options))
    else:
        _write_report(report, output, output_format, main, options)
    for extra, target in also:
        _write_report(report, target, extra.name, extra.write, options)
    if stopped:
        say(f"interrupted: the report holds the {len(report.pages)} pages audited by then")
        raise stopped[0]
    raise typer.Exit(_exit_code(report, exit_zero))


def _output_folder(
    target: str | None, output_format: str, resume: bool, partition_pages: int, output: str | None
) -> FolderRun | None:
    """--output-dir and --resume, checked before anything runs."""
    if target is None:
        if resume:
            raise UsageError("--resume: only with --output-dir (the folder to go on with)")
        return None
    if output is not None:
        raise UsageError("--output-dir and --output: choose one (a folder, or one file)")
    from seo_audit.cli.output_dir import FolderRun

    return FolderRun(target, output_format, resume, partition_pages)


def _until_interrupted(
    outcomes: Iterator[Outcome], stopped: list[Interrupted]
) -> Iterator[Outcome]:
    """The outcomes until Ctrl-C: a long crawl stopped with -o still writes what it audited
    (the executor ends its workers and fetches as the interruption leaves it)."""
    try:
        yield from outcomes
    except Interrupted as stop:
        stopped.append(stop)


def _web_settings(
    sitemaps: list[str] | None,
    crawls: list[str] | None,
    max_pages: int | None,
    max_depth: int | None,
    user_agent: str | None,
    per_host: int | None,
    fetch_timeout: float | None,
    run_timeout: float | None,
) -> dict[str, Any]:
    """The URL, sitemap and crawl flags, checked, as AuditSettings fields. Flags left out
    keep the fetcher's defaults, which a run over files never imports."""
    from seo_audit.sources.ref import is_url

    for flag, value in (("--max-pages", max_pages), ("--per-host", per_host)):
        if value is not None and value < 1:
            raise UsageError(f"{flag}: must be 1 or more")
    if max_depth is not None and max_depth < 0:
        raise UsageError("--max-depth: must be 0 or more")
    for flag, seconds in (("--fetch-timeout", fetch_timeout), ("--run-timeout", run_timeout)):
        if seconds is not None and seconds <= 0:
            raise UsageError(f"{flag}: must be a number of seconds above 0")
    for start in crawls or ():
        if not is_url(start):
            raise UsageError(f"--crawl: {start!r} is not an http(s) URL")
    agent = (user_agent or "").strip()
    if any(ord(c) < 32 or ord(c) == 127 for c in agent):
        raise UsageError("--user-agent: must be one line of printable characters")
    fields: dict[str, Any] = {"sitemaps": tuple(sitemaps or ()), "crawls": tuple(crawls or ())}
    if max_pages is not None or max_depth is not None:
        from seo_audit.sources.crawl import CrawlLimits

        limits = CrawlLimits()
        fields["crawl_limits"] = CrawlLimits(
            max_pages if max_pages is not None else limits.max_pages,
            max_depth if max_depth is not None else limits.max_depth,
        )
    given = {
        "user_agent": agent or None,
        "per_host": per_host,
        "timeout": fetch_timeout,
        "run_timeout": run_timeout,
    }
    if any(value is not None for value in given.values()):
        from seo_audit.sources.http import WebOptions

        chosen: dict[str, Any] = {k: v for k, v in given.items() if v is not None}
        fields["web"] = replace(WebOptions(), **chosen)
    return fields


def _statuses(value: str | None) -> tuple[str, ...]:
    """--status: the export statuses to audit, checked against WordPress's."""
    if value is None:
        return ("publish",)
    from seo_audit.sources.wxr import STATUSES

    chosen = names(value)
    unknown = [s for s in chosen if s not in STATUSES]
    if unknown or not chosen:
        raise UsageError(
            f"--status: {', '.join(unknown) or 'nothing given'}: use "
            + ", ".join(STATUSES)
            + " (comma-separated)"
        )
    return chosen


def _report_target(spec: str) -> tuple[Format, str]:
    """--report FORMAT=FILE."""
    from seo_audit.formats import format_named

    name, equals, target = spec.partition("=")
    if not equals or not name.strip() or not target.strip():
        raise UsageError(f"--report: {spec!r} is not FORMAT=FILE (e.g. --report json=seo.json)")
    return format_named(name.strip()), target.strip()


def _severity(value: str | None) -> Severity | None:
    from seo_audit.results.model import Severity

    if value is None:
        return None
    try:
        return Severity(value)
    except ValueError:
        raise UsageError("--min-severity: must be one of info, warning, error") from None


def _columns() -> int | None:
    """The width the text report wraps at when $COLUMNS says (rich reads the terminal's)."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


def _statistics_writer(output_format: str) -> Writer:
    from seo_audit.formats.statistics import write_json, write_table

    return write_json if output_format == "json" else write_table


def _write_baseline(report: AuditReport, target: str) -> None:
    from seo_audit.results.baseline import baseline_text
    from seo_audit.results.counts import plural

    text, count = baseline_text(report, Path(target))
    write_file(target, lambda stream: stream.write(text), "baseline")
    say(f"wrote {plural(count, 'finding')} to {target}")


def _write_report(
    report: AuditReport, target: str, name: str, write: Writer, options: ReportOptions
) -> None:
    """A report file, uncoloured, and one line on stderr: what was written, and the gate."""
    from seo_audit.results.gate import run_verdict

    write_file(
        target, lambda stream: write(report, stream, replace(options, color=False)), "report"
    )
    say(f"wrote the {name} report to {target}; gate {run_verdict(report)}")


def _baseline(file: str | None) -> Baseline | None:
    if not file:
        return None
    from seo_audit.results.baseline import load_baseline

    return load_baseline(Path(file))


def _exit_code(report: AuditReport, exit_zero: bool) -> int:
    for error in report.errors:
        say(f"{error.path}: {error.message}")
    if not report.pages and not report.errors:
        suffixes = ", ".join(PAGE_SUFFIXES)
        say(f"no pages found ({suffixes}; add others with --include, e.g. --include '*.txt')")
        return EXIT_USAGE
    if report.errors:
        return EXIT_USAGE
    return EXIT_FINDINGS if not report.passed and not exit_zero else EXIT_OK


@contextmanager
def _progress_bar(
    show: bool, fetching: bool = False
) -> Iterator[
    tuple[Callable[[int | None], None], Callable[[], None], Callable[[str], None] | None]
]:
    """A rich progress bar on stderr: pages done, pages per second, time left; for web
    inputs, the pages fetched too, and the rate of the host last fetched from."""
    if not show:
        yield (lambda total: None), (lambda: None), None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    class PagesPerSecond(TextColumn):
        def __init__(self) -> None:
            super().__init__("")

        def render(self, task: Any) -> Any:
            from rich.text import Text

            speed = task.finished_speed or task.speed
            return Text(f"{speed:.0f} pages/s" if speed else "… pages/s", style="cyan")

    fetched = [0]
    columns: list[Any] = [TextColumn("auditing")]
    if fetching:
        # Plain text, never markup: nothing from a page is shown here.
        columns.append(TextColumn("{task.fields[fetched]},", markup=False))
    bar = Progress(
        *columns,
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        PagesPerSecond(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task("pages", total=None, fetched="0 fetched")
    started = time.monotonic()

    from collections import deque

    from seo_audit.formats.controls import visible

    recent: dict[str, deque[float]] = {}  # host -> when its last pages came in

    def on_fetched(host: str) -> None:
        # The fetch rate next to the audit's, and the current host's over its last 20 pages
        # (a crawl delay, a slow host): a host that slows down shows at once.
        now = time.monotonic()
        fetched[0] += 1
        rate = fetched[0] / max(now - started, 0.001)
        times = recent.setdefault(host, deque(maxlen=20))
        times.append(now)
        shown = f"{fetched[0]} fetched ({rate:.0f}/s"
        if len(times) > 1:
            host_rate = (len(times) - 1) / max(now - times[0], 0.001)
            shown += f"; {visible(host)[:40]} {host_rate:.1f}/s"
        bar.update(task, fetched=shown + ")")

    with bar:
        yield (
            (lambda total: bar.update(task, total=total)),
            (lambda: bar.advance(task)),
            on_fetched if fetching else None,
        )
