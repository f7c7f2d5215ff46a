"""`check --output-dir OUT`: the report as a folder of partitions, never one huge file.

    OUT/pages/part-00000.jsonl   pages 0-999 of the input, in input order (or .parquet)
    OUT/pages/part-00001.jsonl   pages 1000-1999 …
    OUT/errors.jsonl             the inputs that could not be audited, one a line
    OUT/summary.json             written last, atomically: its presence means the run is done
    OUT/.journal/                the run's journal (seo_audit.run.journal), for --resume

Partition `i` holds the pages at input places `i * size` up to `(i + 1) * size` (the run's
pages, errors left out, in input order), so a worker that audits one stretch of the input can
write its partition alone (`write_partition`). A jsonl partition's lines are exactly the
records `--format jsonl` writes for those pages. A parquet partition has one row a page, flat
columns (PARQUET_COLUMNS) and the findings as a list of structs. Every file is written under a
temporary name and renamed, so a reader never sees half a partition.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

from seo_audit import __version__
from seo_audit.errors import UsageError
from seo_audit.formats import ReportOptions
from seo_audit.formats.json import dumps, gate_dict, page_dict
from seo_audit.results.model import AuditReport, InputFailure, PageReport
from seo_audit.results.summary import summarize

T = TypeVar("T")
FORMATS = ("jsonl", "parquet")
PARTITION_PAGES = 1000  # pages a partition: ~14 MB of jsonl, a file any tool opens whole
FAILED_PAGES_LISTED = 1000  # in summary.json's gate and summary
PAGES = "pages"
ERRORS = "errors.jsonl"
SUMMARY = "summary.json"


@dataclass(frozen=True)
class PartitionInfo:
    index: int
    file: str  # relative to OUT, with forward slashes: pages/part-00000.jsonl
    pages: int
    first: int  # the input place (among the run's pages) of its first page

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "pages": self.pages, "first": self.first}


def require_format(name: str) -> str:
    """The partition format for --format NAME (text, the default, means jsonl); a usage
    error for any other, or for parquet without pyarrow."""
    chosen = "jsonl" if name == "text" else name
    if chosen not in FORMATS:
        raise UsageError(f"--output-dir writes jsonl or parquet partitions, not {name}")
    if chosen == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise UsageError(
                "--format parquet needs pyarrow: pip install 'seo-audit[parquet]'"
            ) from None
    return chosen


def partition_file(index: int, format_name: str) -> str:
    return f"{PAGES}/part-{index:05d}.{format_name}"


def write_partition(
    out_dir: Path,
    index: int,
    reports: Iterable[PageReport],
    format_name: str,
    options: ReportOptions,
    first: int | None = None,
) -> PartitionInfo:
    """Partition `index` of the run from its finished page reports (each with its cross-page
    results joined in), written whole under a temporary name, then renamed. `first` is the
    input place of its first page: `index * PARTITION_PAGES` unless the caller chose another
    size."""
    relative = partition_file(index, format_name)
    records = ((page.kind, page_dict(page, options)) for page in reports)
    if format_name == "parquet":
        count = _atomic(out_dir / relative, lambda target: _write_parquet(target, records))
    else:
        count = _atomic(out_dir / relative, lambda target: _write_jsonl(target, records))
    start = index * PARTITION_PAGES if first is None else first
    return PartitionInfo(index, relative, count, start)


def write_partitions(
    out_dir: Path,
    reports: Iterable[PageReport],
    format_name: str,
    options: ReportOptions,
    size: int = PARTITION_PAGES,
) -> list[PartitionInfo]:
    """Every partition of a run, from its page reports in input order, read one at a time
    (a parquet partition's rows are in memory while it is written, no more)."""
    written: list[PartitionInfo] = []
    pages = iter(reports)
    while (first := next(pages, None)) is not None:
        batch = chain((first,), islice(pages, size - 1))
        index = len(written)
        written.append(write_partition(out_dir, index, batch, format_name, options, index * size))
    return written


def write_errors(out_dir: Path, errors: Iterable[InputFailure]) -> int:
    """OUT/errors.jsonl: one {"path", "error"} a line, as --format jsonl writes them."""

    def write(target: Path) -> int:
        count = 0
        with open(target, "w", encoding="utf-8", newline="\n") as stream:
            for error in errors:
                stream.write(dumps({"path": error.path, "error": error.message}) + "\n")
                count += 1
        return count

    return _atomic(out_dir / ERRORS, write)


def summary_document(
    report: AuditReport,
    partitions: Sequence[PartitionInfo],
    format_name: str,
    settings: str,
    counts: Mapping[str, int],
) -> dict[str, Any]:
    """What OUT/summary.json says: seo-audit's version and the run's settings fingerprint,
    the counts (`counts`: e.g. audited, from_journal), the partitions, the gate as --format
    json gives it, and the site summary of a run of more than one page. The failing pages
    are listed up to FAILED_PAGES_LISTED (`failed_pages_not_listed` counts the others: a
    template error failing a million pages would make this small file as large as the
    partitions, which say it of every page)."""
    summary = summarize(report) if len(report.pages) > 1 else None
    if summary is None:  # one page: its gate alone (report.failing_pages holds every page)
        gate, site = gate_dict(report), None
    else:
        listed = list(islice(summary.failing, FAILED_PAGES_LISTED))
        gate = gate_dict(report, summary, failed_pages=[path for path, _, _ in listed])
        failed = [{"path": path, "score": score, "reason": why} for path, score, why in listed]
        site = summary.as_dict(failed)
        if (more := summary.failed - len(listed)) > 0:
            gate["failed_pages_not_listed"] = site["failed_pages_not_listed"] = more
    return {
        "seo_audit": __version__,
        "settings": settings,
        "format": format_name,
        "pages": sum(p.pages for p in partitions),
        "errors": len(report.errors),
        **dict(counts),
        "partitions": [p.as_dict() for p in partitions],
        "gate": gate,
        "summary": site,
    }


def finish(out_dir: Path, errors: Iterable[InputFailure], document: Mapping[str, Any]) -> None:
    """The end of a run: errors.jsonl, partitions an earlier run left beyond this one's
    removed, and summary.json last (its presence says the folder is complete)."""
    write_errors(out_dir, errors)
    kept = {p["file"] for p in document.get("partitions", ())}
    folder = out_dir / PAGES
    for stale in sorted(folder.glob("part-*")) if folder.is_dir() else ():
        if f"{PAGES}/{stale.name}" not in kept:
            stale.unlink()
    text = json.dumps(document, ensure_ascii=True, indent=2) + "\n"

    def write(target: Path) -> None:
        target.write_text(text, encoding="utf-8")

    _atomic(out_dir / SUMMARY, write)


Records = Iterator[tuple[str, dict[str, Any]]]  # (the page's source kind, its jsonl record)


def _write_jsonl(target: Path, records: Records) -> int:
    count = 0
    with open(target, "w", encoding="utf-8", newline="\n") as stream:
        for _, record in records:
            stream.write(dumps(record) + "\n")
            count += 1
    return count


# One row a page. Findings as a list of structs (DuckDB UNNEST, Spark explode), the rules'
# verdicts and the categories as maps, the metrics (numbers, strings, lists) as a JSON string.
PARQUET_COLUMNS = (
    "path",
    "kind",
    "format",
    "title",
    "keyphrase",
    "keyphrase_source",
    "score",
    "passed",
    "gate_reason",
    "errors",
    "warnings",
    "infos",
    "suppressed",
    "baselined",
    "hidden",
    "findings",
    "categories",
    "rules",
    "metrics",
)


def _parquet_schema() -> Any:
    import pyarrow as pa

    finding = pa.struct(
        [
            ("rule", pa.string()),
            ("category", pa.string()),
            ("severity", pa.string()),
            ("message", pa.string()),
            ("line", pa.int32()),
            ("column", pa.int32()),
            ("end_line", pa.int32()),
            ("end_column", pa.int32()),
            ("baselined", pa.bool_()),
        ]
    )
    verdict = pa.struct([("verdict", pa.string()), ("reason", pa.string())])
    types = {
        "score": pa.int32(),
        "passed": pa.bool_(),
        "errors": pa.int32(),
        "warnings": pa.int32(),
        "infos": pa.int32(),
        "suppressed": pa.int32(),
        "baselined": pa.int32(),
        "hidden": pa.int32(),
        "findings": pa.list_(finding),
        "categories": pa.map_(pa.string(), pa.int32()),
        "rules": pa.map_(pa.string(), verdict),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in PARQUET_COLUMNS])


def _row(kind: str, record: dict[str, Any]) -> dict[str, Any]:
    findings = record["findings"]
    severities = [f["severity"] for f in findings]
    return {
        "path": record["path"],
        "kind": kind,
        "format": record.get("format"),
        "title": record["title"],
        "keyphrase": record["keyphrase"],
        "keyphrase_source": record["keyphrase_source"],
        "score": record["score"],
        "passed": record["gate"]["passed"],
        "gate_reason": record["gate"].get("reason"),
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
        "infos": severities.count("info"),
        "suppressed": record["suppressed"],
        "baselined": record["baselined"],
        "hidden": record.get("hidden"),
        "findings": [{"baselined": False} | f for f in findings],
        "categories": list(record["categories"].items()),
        "rules": [
            (rule, {"verdict": v["verdict"], "reason": v.get("reason")})
            for rule, v in record["rules"].items()
        ],
        "metrics": dumps(record["metrics"]),
    }


def _write_parquet(target: Path, records: Records) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_row(kind, record) for kind, record in records]
    table = pa.Table.from_pylist(rows, schema=_parquet_schema())
    pq.write_table(table, target)
    return len(rows)


def _atomic(final: Path, write: Callable[[Path], T]) -> T:
    """`write(temporary)` next to `final`, then renamed over it: never half a file."""
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = final.with_name(f".{final.name}.{secrets.token_hex(4)}.tmp")
    try:
        result = write(temporary)
        with open(temporary, "rb") as written:
            _sync(written.fileno())
        os.replace(temporary, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return result


def _sync(descriptor: int) -> None:
    with contextlib.suppress(OSError):  # file systems that cannot sync still write
        os.fsync(descriptor)
