"""The journal of a run written to a folder (`check --output-dir OUT`): every page's outcome,
appended as it arrives, so a run stopped by Ctrl-C, a killed job or a lost machine can go on
with `--resume` and audit only what is missing or changed.

`OUT/.journal/audits.jsonl` holds one record a line: a small head (which page, the input's
size and mtime_ns, a digest of the settings it was audited with, the body's length and CRC-32),
a tab, then the body: the page's `PageAudit` (or its input error) in a typed JSON encoding.
The body is never pickle: the folder may come from someone else (a shared volume, a CI
artifact), and reading it back must not run code. Decoding builds only the frozen types listed
in `_TYPES`, from plain JSON values; anything else is a broken record, skipped (its page is
audited again). A record cut short (no newline, a length or CRC that does not match) is
ignored the same way, and the next append starts on a fresh line.

Pages are matched by a digest of their identity (kind, name, location, site root and path, as
the run names them), an input unchanged by size + mtime_ns (what make and rsync trust; a
content digest would read every file again, the cost the journal is there to avoid; `touch`
forces a page to be audited again), and a settings digest per config (seo-audit's version, the
flags an audit reads, the page's config without its gate keys, the rules loaded and their
files' size and mtime). A gate change (--fail-on, --fail-under) needs no new audit: the gate is
applied in finalize, which always runs over every page.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import json
import os
import time
import zlib
from array import array
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO, NamedTuple

from seo_audit import __version__
from seo_audit.config import Config, Overrides, RuleSettings
from seo_audit.engine.index_facts import AuthorLink, Hreflang, IndexFacts
from seo_audit.engine.site import SiteFacts, SiteLink
from seo_audit.errors import Interrupted, UsageError
from seo_audit.page.directives import Suppression
from seo_audit.results.model import InputFailure, ReportedFinding, RuleResult, Severity, Verdict
from seo_audit.run.audit import Outcome, PageAudit
from seo_audit.run.plan import Plan
from seo_audit.sources import SourceRef
from seo_audit.sources.fetched import WebFacts

JOURNAL = Path(".journal") / "audits.jsonl"
# Kinds whose input is a local file the journal can fingerprint (an export's item or an
# archive's record by the file it lies in). Fetched pages are fetched and audited again.
_LOCAL_KINDS = frozenset({"file", "wxr", "warc"})
_SYNC_SECONDS = 2.0  # fsync at most this often: a lost machine loses at most the last seconds

# Every type a journal body may hold: decoding builds these and nothing else.
_DATA: tuple[type, ...] = (PageAudit, InputFailure, RuleResult, ReportedFinding, SiteFacts)
_DATA += (SiteLink, Suppression, IndexFacts, Hreflang, AuthorLink, WebFacts)
_SETTINGS = (Config, RuleSettings, Overrides)  # digested, never decoded
_ENUMS = (Severity, Verdict)
_TYPES: dict[str, type] = {t.__name__: t for t in (*_DATA, *_ENUMS)}
_FIELDS: dict[type, tuple[str, ...]] = {
    t: tuple(f.name for f in dataclasses.fields(t)) for t in (*_DATA, *_SETTINGS)
}


_PLAIN = frozenset({type(None), bool, int, float, str})


def encode(value: Any) -> Any:
    """A plain JSON value that `decode` turns back into an equal value: lists stay lists,
    tuples, mappings (string keys), enums, paths and the journal's dataclasses are tagged."""
    kind = type(value)
    if kind in _PLAIN:  # by exact type: Severity and Verdict are str enums, and stay them
        return value
    fields = _FIELDS.get(kind)
    if fields is not None:  # the common case, written out (a page is ~1,000 values)
        record = {"@": kind.__name__}
        for name in fields:
            item = getattr(value, name)
            record[name] = item if type(item) in _PLAIN else encode(item)
        return record
    if kind in _ENUMS:
        return {"@": kind.__name__, "v": value.value}
    if isinstance(value, tuple):
        return {"@": "tuple", "v": [i if type(i) in _PLAIN else encode(i) for i in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, (dict, MappingProxyType)) and all(isinstance(k, str) for k in value):
        return {"@": "map", "v": {key: encode(item) for key, item in value.items()}}
    if isinstance(value, (frozenset, set)):  # sorted: a settings digest must not vary by run
        return {"@": "set", "v": sorted((encode(item) for item in value), key=json.dumps)}
    if isinstance(value, Path):
        return {"@": "path", "v": str(value)}
    raise TypeError(f"the journal cannot record a {kind.__name__}")


def decode(data: Any) -> Any:
    """The value `encode` recorded; a ValueError for anything that is not such a record."""
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    tag = data.get("@")
    if tag == "tuple":
        return tuple(decode(item) for item in data["v"])
    if tag == "map":
        return {key: decode(item) for key, item in data["v"].items()}
    if tag == "set":
        return frozenset(decode(item) for item in data["v"])
    if tag == "path":
        return Path(data["v"])
    kind = _TYPES.get(tag) if isinstance(tag, str) else None
    if kind is None:
        raise ValueError(f"not a journal value: {str(tag)[:40]!r}")
    if issubclass(kind, enum.Enum):
        return kind(data["v"])
    fields = _FIELDS[kind]
    return kind(**{k: decode(v) for k, v in data.items() if k != "@" and k in fields})


def ref_key(ref: SourceRef) -> bytes:
    """A page's identity in the journal, as this run names it (16 bytes)."""
    parts = (ref.kind, ref.name, ref.location, str(ref.site_root or ""), ref.site_path or "")
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).digest()


def input_fingerprint(ref: SourceRef) -> tuple[int, int] | None:
    """(size, mtime_ns) of the file the page is read from; None when there is none to trust
    (stdin, a URL, a bucket) or it cannot be read (its audit says why)."""
    if ref.kind not in _LOCAL_KINDS:
        return None
    try:
        status = os.stat(ref.location)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def settings_digest(plan: Plan, config: Config) -> str:
    """What a page's audit depends on besides the page: the version, the flags the audit
    reads, its config without the gate's keys (applied later, to every page), the rules
    loaded and, for house rules, their files' size and mtime."""
    rules = plan.rules_for(config).rules
    files = []
    for rule in rules:
        if rule.origin.startswith("local "):
            path = rule.origin.removeprefix("local ")
            with contextlib.suppress(OSError):
                status = os.stat(path)
                files.append((path, status.st_size, status.st_mtime_ns))
    settings = plan.settings
    flags = replace(settings.overrides, fail_on=None, fail_under=None, page_timeout=None)
    described = {
        "version": __version__,
        "keyphrase": settings.keyphrase,
        "synonyms": settings.synonyms,
        "base_url": settings.base_url,
        "plugins": settings.plugins,
        "overrides": flags,
        "config": replace(config, fail_on="error", fail_under=None, fail_under_site=None),
        "rules": sorted((rule.id, rule.origin) for rule in rules),
        "files": sorted(files),
        # The fields of every type a record holds: a record of another shape is stale.
        "schema": sorted((t.__name__, fields) for t, fields in _FIELDS.items()),
    }
    text = json.dumps(encode(described), sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def run_fingerprint(plan: Plan) -> str:
    """The run's settings, as summary.json names them: the settings digests of its pages'
    configs (the same pages audited with the same fingerprint give the same records)."""
    digests: dict[int, str] = {}
    used = sorted({_cached_digest(plan, ref, digests) for ref in plan.sources})
    return hashlib.blake2b(",".join(used).encode(), digest_size=8).hexdigest()


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
        while line := stream.readline():
            start = stream.tell() - len(line)
            try:
                head = json.loads(line) if line.endswith(b"\n") else None
            except ValueError:
                head = None
            if not isinstance(head, dict) or not isinstance(head.get("n"), int):
                return
            offset = stream.tell()
            body = stream.read(head["n"])
            if len(body) != head["n"] or stream.read(1) != b"\n":
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
        # Compressed (level 1, ~0.1 ms): a page's results are ~24 KB of JSON, ~3.6 KB so.
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
        self._digest_of: Callable[[SourceRef], str] = lambda ref: _cached_digest(plan, ref, digests)
        self._fingerprints = array("q")  # size, mtime_ns a page; -1, -1 for none
        self.resumed = Resumed({})
        found_there = scan(out_dir) if resume and not plan.fetches else Scan({}, 0, 0)
        index, self._whole, self._records = found_there
        # Each page's latest record (start, length), for compact(); -1 for none.
        self._spans = array("q", [-1, -1]) * len(plan.sources)
        for place, ref in enumerate(plan.sources):
            found = input_fingerprint(ref) if not plan.fetches else None
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
        if self.plan.fetches:  # pages found as the run goes: not journaled
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
        if self.plan.fetches or self._records <= 2 * len(live) + slack:
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


def _cached_digest(plan: Plan, ref: SourceRef, digests: dict[int, str]) -> str:
    config = plan.config_for(ref)
    key = id(config)
    if key not in digests:
        digests[key] = settings_digest(plan, config)
    return digests[key]
