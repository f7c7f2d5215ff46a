"""The journal of a run written to a folder (`check --output-dir OUT`): every page's outcome,
appended as it arrives, so a run stopped by Ctrl-C, a killed job or a lost machine can go on
with `--resume` and audit only what is missing or changed.

`OUT/.journal/audits.jsonl` holds one record a line: a small head (which page, the input's
size and mtime_ns, a digest of the settings it was audited with, the body's length and CRC-32),
a newline, then the body: the page's `PageAudit` (or its input error) in the typed JSON of
`run.codec`, zlib-compressed, and a newline. Never pickle: the folder may come from someone
else (a shared volume, a CI artifact), and reading it back must not run code. A record cut
short (a length or CRC that does not match) ends the reading, and the next append starts
after the last whole record. How a record is matched to a page: `run.fingerprint`.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import zlib
from array import array
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from seo_audit.errors import Interrupted, UsageError
from seo_audit.results.model import InputFailure
from seo_audit.run.audit import Outcome, PageAudit
from seo_audit.run.codec import decode, encode
from seo_audit.run.fingerprint import (
    cached_digest,
    input_fingerprint,
    ref_key,
    run_fingerprint,
    settings_digest,
)
from seo_audit.run.plan import Plan
from seo_audit.sources import SourceRef

JOURNAL = Path(".journal") / "audits.jsonl"
_HEAD_BYTES = 4096  # a record's head is ~150 bytes: a longer line is not a head
_SYNC_SECONDS = 2.0  # fsync at most this often: a lost machine loses at most the last seconds


@dataclass(frozen=True, slots=True)  # one a journaled page, held while resuming: kept small
class Entry:
    """A page's latest record: where its body lies, and what it was audited from."""

    start: int  # where the record (its head) starts
    offset: int  # where its body starts
    length: int
    size: int  # the input's size and mtime_ns when it was audited; -1 for none
    mtime_ns: int
    settings: str

    @property
    def fingerprint(self) -> tuple[int, int] | None:
        return (self.size, self.mtime_ns) if self.size >= 0 else None


def read_index(out_dir: Path) -> dict[bytes, Entry]:
    """Every page the journal holds a whole record of (the latest record of a page wins)."""
    return scan(out_dir).pages


class Scan(NamedTuple):
    pages: dict[bytes, Entry]  # read_index
    end: int  # where the last whole record ends (what an append keeps)
    records: int  # whole records, a page's older ones too


def scan(out_dir: Path) -> Scan:
    """The journal read through once: its pages' latest whole records, where they end."""
    index: dict[bytes, Entry] = {}
    digests: dict[str, str] = {}
    whole = records = 0
    for start, offset, head, body in _records(out_dir / JOURNAL):
        whole = offset + len(body) + 1
        records += 1
        if zlib.crc32(body) != head.get("c"):
            continue
        found = head.get("f")
        size, mtime = (int(found[0]), int(found[1])) if isinstance(found, list) else (-1, -1)
        settings = digests.setdefault(str(head["s"]), str(head["s"]))  # a few, shared
        index[bytes.fromhex(head["k"])] = Entry(start, offset, len(body), size, mtime, settings)
    return Scan(index, whole, records)


def _records(path: Path) -> Iterator[tuple[int, int, dict[str, Any], bytes]]:
    """(record start, body offset, head, body) of each whole record, in order; reading stops
    at the first record cut short or garbled (the tail a stopped run left)."""
    try:
        stream = open(path, "rb")  # noqa: SIM115 (closed below, iterated lazily)
    except FileNotFoundError:
        return
    with stream:
        while line := stream.readline(_HEAD_BYTES):
            start = stream.tell() - len(line)
            try:
                head = json.loads(line) if line.endswith(b"\n") else None
            except ValueError:
                head = None
            length = head.get("n") if isinstance(head, dict) else None
            if not isinstance(head, dict) or not isinstance(length, int) or length < 0:
                return
            offset = stream.tell()
            body = stream.read(length)
            if len(body) != length or stream.read(1) != b"\n":
                return
            if isinstance(head.get("k"), str) and isinstance(head.get("s"), str):
                yield start, offset, head, body


def read_outcome(journal: BinaryIO, entry: Entry, ref: SourceRef) -> Outcome | None:
    """The outcome the journal (open for reading) recorded for `ref`; None if its body does
    not decode."""
    journal.seek(entry.offset)
    body = journal.read(entry.length)
    try:
        value = decode(json.loads(zlib.decompress(body).decode("utf-8", "surrogatepass")))
    except (ValueError, TypeError, KeyError, zlib.error):
        return None
    if isinstance(value, PageAudit):
        return Outcome(ref, value)
    if isinstance(value, InputFailure):
        return Outcome(ref, error=value)
    return None


class JournalWriter:
    """Appends records, each with one write (a killed process loses none it was told of),
    synced to disk every couple of seconds and when closed."""

    def __init__(self, out_dir: Path, whole: int | None = None) -> None:
        """`whole`: where the last whole record ends, when the caller has scanned the
        journal already; a torn tail after it is cut, so appends start a fresh record."""
        path = out_dir / JOURNAL
        path.parent.mkdir(parents=True, exist_ok=True)
        self._descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o666)
        if whole is None:
            whole = scan(out_dir).end
        if whole < os.fstat(self._descriptor).st_size:
            os.ftruncate(self._descriptor, whole)
        self._end = whole  # appends land here: one run writes the folder (lock_folder)
        self._synced = time.monotonic()

    def append(
        self, outcome: Outcome, fingerprint: tuple[int, int] | None, settings: str
    ) -> tuple[int, int]:
        """Record the outcome; (where the record starts, its length in bytes)."""
        value = outcome.audit if outcome.audit is not None else outcome.error
        text = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))
        # Compressed (level 1, ~0.1 ms): a page's results are ~24 KB of JSON, ~4.8 KB so.
        body = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)
        head = {
            "k": ref_key(outcome.ref).hex(),
            "f": list(fingerprint) if fingerprint else None,
            "s": settings,
            "n": len(body),
            "c": zlib.crc32(body),
        }
        line = json.dumps(head, separators=(",", ":")).encode() + b"\n" + body + b"\n"
        view = memoryview(line)
        while view:
            view = view[os.write(self._descriptor, view) :]
        start, self._end = self._end, self._end + len(line)
        if time.monotonic() - self._synced > _SYNC_SECONDS:
            self.sync()
        return start, len(line)

    def sync(self) -> None:
        with contextlib.suppress(OSError):  # a file system that cannot sync still has the data
            os.fsync(self._descriptor)
        self._synced = time.monotonic()

    def close(self) -> None:
        self.sync()
        os.close(self._descriptor)


def lock_folder(out_dir: Path) -> int | None:
    """One run writes a folder at a time: a second one (a job started twice) stops at once
    instead of interleaving its records and partitions with the first's. The lock is held
    while the returned descriptor is open (until the process ends, if it is never closed);
    None where the system has no advisory locks (Windows: one run at a time is on the user)."""
    try:
        import fcntl
    except ImportError:
        return None
    (out_dir / JOURNAL).parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out_dir / JOURNAL.parent / "lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise UsageError(f"--output-dir: {out_dir} is being written by another run") from None
    return descriptor


@dataclass
class Resumed:
    """What --resume found: the plan's pages taken from the journal (by place), the others
    to audit, and why those were not taken."""

    reused: dict[int, Entry]
    changed: int = 0  # journaled, but the input changed since
    stale: int = 0  # journaled with other settings (config, rules, version)

    def line(self, total: int) -> str:
        audited = total - len(self.reused)
        text = f"{len(self.reused)} of {total} pages from the journal, {audited} to audit"
        why = [f"{self.changed} changed since"] if self.changed else []
        if self.stale:
            why.append(f"{self.stale} audited with other settings (config, rules or version)")
        return text + (": " + "; ".join(why) if why else "")


class Journal:
    """A run's journal: which pages can be taken from it, and the outcome stream of a run
    with those taken from it and every new one recorded as it arrives."""

    def __init__(self, out_dir: Path, plan: Plan, resume: bool) -> None:
        self.out_dir, self.plan = out_dir, plan
        digests: dict[int, str] = {}
        self._digest_of: Callable[[SourceRef], str] = lambda ref: cached_digest(plan, ref, digests)
        self._fingerprints = array("q")  # size, mtime_ns a page; -1, -1 for none
        self.resumed = Resumed({})
        # Plan.fetches walks every ref: asked once (per page, it made the run quadratic).
        self._fetches = fetches = plan.fetches
        found_there = scan(out_dir) if resume and not fetches else Scan({}, 0, 0)
        index, self._whole, self._records = found_there
        # Each page's latest record (start, length), for compact(); -1 for none.
        self._spans = array("q", [-1, -1]) * len(plan.sources)
        for place, ref in enumerate(plan.sources):
            found = input_fingerprint(ref) if not fetches else None
            self._fingerprints.extend(found or (-1, -1))
            entry = index.get(ref_key(ref)) if found else None
            if entry is None:
                continue
            if entry.fingerprint != found:
                self.resumed.changed += 1
            elif entry.settings != self._digest_of(ref):
                self.resumed.stale += 1
            else:
                self.resumed.reused[place] = entry
                end = entry.offset + entry.length + 1
                self._spans[2 * place], self._spans[2 * place + 1] = entry.start, end - entry.start
        self.audited = 0  # pages audited (not taken from the journal) by this run

    def todo(self) -> Plan:
        """The plan of the pages still to audit."""
        reused = self.resumed.reused
        if not reused:
            return self.plan
        left = tuple(r for i, r in enumerate(self.plan.sources) if i not in reused)
        return replace(self.plan, sources=left)

    def outcomes(
        self, fresh: Iterator[Outcome], on_interrupted: Callable[[], None] | None = None
    ) -> JournaledOutcomes:
        """Every page's outcome in input order: journaled ones read back, the others from
        `fresh` (the executor's, over `todo()`), each recorded as it arrives.
        `on_interrupted` is told when a signal stops the run (the journal keeps its pages)."""
        return JournaledOutcomes(self, fresh, on_interrupted)

    def _merged(self, fresh: Iterator[Outcome]) -> Generator[Outcome, None, None]:
        if self._fetches:  # pages found as the run goes: not journaled
            for passed in fresh:
                self.audited += 1
                yield passed
            return
        # A run without --resume starts the journal afresh (the folder was checked empty).
        try:
            writer = JournalWriter(self.out_dir, self._whole)
            journal = open(self.out_dir / JOURNAL, "rb")  # noqa: SIM115 (closed below)
        except OSError as error:
            raise self._unwritable(error) from None
        try:
            for place, ref in enumerate(self.plan.sources):
                entry = self.resumed.reused.get(place)
                outcome = read_outcome(journal, entry, ref) if entry else None
                if outcome is not None:
                    yield outcome
                    continue
                if entry is not None:  # whole (its CRC matched) yet not ours: stop, say so
                    raise UsageError(
                        f"{self.out_dir / JOURNAL}: the record of {ref.name} does not read "
                        "back; remove the folder's .journal to audit every page again"
                    )
                arrived = next(fresh, None)
                if arrived is None:
                    raise RuntimeError("the executor ended before the plan's last page")
                self.audited += 1
                size, mtime = self._fingerprints[2 * place], self._fingerprints[2 * place + 1]
                try:
                    span = writer.append(
                        arrived, (size, mtime) if size >= 0 else None, self._digest_of(ref)
                    )
                except OSError as error:  # a full disk: the run stops, the journal is whole
                    raise self._unwritable(error) from None
                self._records += 1
                self._spans[2 * place], self._spans[2 * place + 1] = span
                yield arrived
        finally:
            with contextlib.suppress(OSError):
                writer.close()
            journal.close()

    def compact(self, slack: int = 1000) -> bool:
        """Once the run is written: a journal holding over twice the records its pages need
        (older records of pages changed since, pages gone from the input), plus `slack`, is
        rewritten with each page's latest record only, under a temporary name then renamed.
        Whether it was."""
        live = sorted({self._spans[i] for i in range(0, len(self._spans), 2)} - {-1})
        if self._fetches or self._records <= 2 * len(live) + slack:
            return False
        path = self.out_dir / JOURNAL
        lengths = {self._spans[i]: self._spans[i + 1] for i in range(0, len(self._spans), 2)}
        temporary = path.with_name(f".{path.name}.compacting")
        try:
            with open(path, "rb") as old, open(temporary, "wb") as new:
                for start in live:  # in file order: one pass over the old journal
                    old.seek(start)
                    new.write(old.read(lengths[start]))
                new.flush()
                with contextlib.suppress(OSError):
                    os.fsync(new.fileno())
            os.replace(temporary, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise self._unwritable(error) from None
        self._records = len(live)
        return True

    def _unwritable(self, error: OSError) -> UsageError:
        problem = error.strerror or str(error)
        return UsageError(f"{self.out_dir / JOURNAL}: cannot write the journal ({problem})")


class JournaledOutcomes(Iterator[Outcome]):
    """The run's outcomes with the journal between the executor and finalize. It passes on
    what finalize asks of the executor's outcomes: `close` (once the cross-page rules are
    done), and `run_site_rule` when every page came from the executor (a Dask run keeps the
    facts of the pages it audited on its workers; pages taken from the journal are not
    there, so with them the cross-page rules run here, over every page's facts)."""

    def __init__(
        self,
        journal: Journal,
        fresh: Iterator[Outcome],
        on_interrupted: Callable[[], None] | None = None,
    ) -> None:
        self._fresh, self._on_interrupted = fresh, on_interrupted
        self._merged = journal._merged(fresh)
        runner = getattr(fresh, "run_site_rule", None)
        if runner is not None and not journal.resumed.reused:
            self.run_site_rule = runner

    def __next__(self) -> Outcome:
        try:
            return next(self._merged)
        except Interrupted:
            if self._on_interrupted is not None:
                self._on_interrupted()
            raise

    def close(self) -> None:
        self._merged.close()  # the journal synced and closed
        close = getattr(self._fresh, "close", None)
        if close is not None:  # the executor's workers let go of now, not when collected
            close()


__all__ = [  # the codec and fingerprints too: the journal's API is this module
    "JOURNAL",
    "Entry",
    "Journal",
    "JournalWriter",
    "JournaledOutcomes",
    "Resumed",
    "Scan",
    "decode",
    "encode",
    "input_fingerprint",
    "lock_folder",
    "read_index",
    "read_outcome",
    "ref_key",
    "run_fingerprint",
    "scan",
    "settings_digest",
]
