"""Where `check` writes: a report or baseline file, standard output, and the lines on stderr.

A file is written whole or not at all: into a temporary file next to it, then renamed over it,
so a full disk or a stop half-way leaves the previous report (or baseline) as it was. A device,
a pipe or /dev/stdout is written in place, as there is nothing to rename over. A problem is one
line and exit 2; a reader that closed the pipe (`| head -1`) ends the run quietly.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from seo_audit.errors import UsageError

EXIT_PIPE_CLOSED = 128 + 13  # as if killed by SIGPIPE, the shell's convention

Write = Callable[[TextIO], object]


class PipeClosed(Exception):
    """Whoever read standard output stopped reading: nothing is left to say to anyone."""


def say(message: str) -> None:
    """One line on stderr; file names and page text in it cannot drive the terminal or start a
    CI workflow command (the runner reads stderr for them too)."""
    from seo_audit.formats.controls import visible

    print(f"seo-audit: {visible(message)}", file=sys.stderr)


def write_file(target: str, write: Write, what: str) -> None:
    try:
        _write_file(Path(target), write)
    except OSError as error:
        raise UsageError(f"{target}: cannot write the {what} ({error.strerror or error})") from None


def _write_file(target: Path, write: Write) -> None:
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        with open(target, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        return
    final = resolved(target)  # through a symlink: the file it points at is replaced, not it
    descriptor, temporary = _temporary_next_to(final)
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as stream:
            write(stream)
            stream.flush()
            _sync(stream.fileno())
        if status is not None:
            os.chmod(temporary, stat.S_IMODE(status.st_mode))
        os.replace(temporary, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _temporary_next_to(final: Path) -> tuple[int, Path]:
    # Created like the file itself would be (0666 less the umask), not 0600 as mkstemp does.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(10):
        import secrets  # here, not at start-up: it pulls in hashlib (~4 ms)

        candidate = final.with_name(f".{final.name[:200]}.{secrets.token_hex(4)}.tmp")
        with contextlib.suppress(FileExistsError):
            return os.open(candidate, flags, 0o666), candidate
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(final.parent))


def _sync(descriptor: int) -> None:
    try:
        os.fsync(descriptor)
    except OSError as error:  # file systems that cannot sync (some FUSE mounts) still write
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise


def write_stdout(write: Write) -> None:
    try:
        write(sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        raise PipeClosed from None
    except OSError as error:  # a full device, an I/O error
        silence_stdout()
        problem = error.strerror or str(error)
        raise UsageError(f"cannot write the report to standard output ({problem})") from None


def silence_stdout() -> None:
    """Point standard output at the null device, so the text still buffered for it is not
    written (and fails again) when the interpreter exits."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file (a test's capture)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, descriptor)
    os.close(null)


def refuse_overwriting(
    inputs: Iterable[str],
    outputs: Sequence[tuple[str, str]],
    write_baseline: str | None,
    baseline: str | None,
) -> None:
    """A report or baseline written over a page to audit (or over the baseline being read, or
    over another report of the run) would replace it: refused before anything runs. `outputs`
    are (flag, file) pairs: --output and each --report."""
    pages = {resolved(location): location for location in inputs}
    targets = [*outputs, *([("--write-baseline", write_baseline)] if write_baseline else [])]
    for flag, target in targets:
        page = pages.get(resolved(target)) or _same_file(target, pages.values())
        if page is not None:
            named = target if page == target else f"{target} ({page})"
            raise UsageError(
                f"{flag}: {named} is one of the pages to audit; write to another file "
                "(or leave the page out with --exclude)"
            )
    for index, (flag, target) in enumerate(targets):
        for other_flag, other in targets[index + 1 :]:
            if _same(target, other):
                raise UsageError(f"{flag} and {other_flag} are the same file ({target})")
        if baseline and flag != "--write-baseline" and _same(target, baseline):
            raise UsageError(f"{flag}: {target} is the --baseline file; write the report elsewhere")


def _same(one: str, other: str) -> bool:
    return resolved(one) == resolved(other) or _same_file(one, [other]) is not None


def _same_file(target: str, candidates: Iterable[str]) -> str | None:
    """The candidate that is `target` by another name (a hard link, a case-insensitive file
    system), when `target` exists."""
    try:
        found = os.stat(target)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    for candidate in candidates:
        with contextlib.suppress(OSError):
            if os.path.samestat(found, os.stat(candidate)):
                return candidate
    return None


def resolved(path: str | Path) -> Path:
    """sources.ref.resolved (a symlink loop or a refused name is no crash), imported when a
    file is written: at start-up the sources package is not needed yet."""
    from seo_audit.sources.ref import resolved as resolve

    return resolve(path)
