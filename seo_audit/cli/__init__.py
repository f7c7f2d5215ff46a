"""The command line. It only wires stages; heavy modules are imported inside commands so that
`--help` and a single-page check start fast, and `--version` is answered before typer loads."""

from __future__ import annotations

import gc
import os
import signal
import sys
from typing import Any, NoReturn

from seo_audit import __version__
from seo_audit.cli.output import EXIT_PIPE_CLOSED, PipeClosed, say, silence_stdout
from seo_audit.errors import Interrupted, SeoAuditError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def __getattr__(name: str) -> Any:
    # `app`, the typer application with its commands (cli/commands.py), is built on first use.
    if name == "app":
        from seo_audit.cli.commands import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _stop_on(signal_number: int, frame: object) -> None:
    raise Interrupted(signal_number)


def main() -> None:
    # Ctrl-C, a CI runner's SIGTERM and a closed terminal's SIGHUP all stop the run the same
    # way: workers ended, no half-written report, exit 128 + the signal.
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop_on)
    if sys.argv[1:] == ["--version"]:
        # What the --version option prints (cli/commands.py), without loading typer for it.
        print(f"seo-audit {__version__}")
        _exit(EXIT_OK)
    # Start-up (typer, the commands, the stages, the rules) makes objects that live as long as
    # the process; the cyclic collector scanning them again and again costs ~12 ms of a cold
    # check. It is off until the command has started (`started()`), and those objects are
    # then frozen out of every later collection.
    _collector[0] = gc.isenabled()
    gc.disable()
    try:
        _run()
    finally:
        if _collector[0]:
            gc.enable()


# Whether the collector was on when main() paused it, until `started()` turns it back on.
_collector = [False]


def started() -> None:
    """Start-up is over (the command's modules and rules are loaded): the collector is on
    again, with what start-up made frozen out of its collections (gc.freeze)."""
    if _collector[0]:
        _collector[0] = False
        gc.freeze()
        gc.enable()


def _run() -> NoReturn:
    import typer

    from seo_audit.cli.commands import application

    try:
        # Without standalone mode click returns the exit code instead of raising it.
        code = application(sys.argv[1:])(standalone_mode=False)
    except typer.Exit as done:
        code = done.exit_code
    except Interrupted as stop:
        say("interrupted")
        sys.exit(128 + stop.signal_number)
    except SeoAuditError as error:
        say(str(error))
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:  # before the handlers were installed
        sys.exit(130)
    except (PipeClosed, BrokenPipeError):  # `seo-audit … | head -1`: the reader has gone
        silence_stdout()
        sys.exit(EXIT_PIPE_CLOSED)
    except Exception as error:  # the command-line parser's own usage errors and aborts
        # typer 0.28 vendors click and older versions use click itself: recognise both by shape.
        if type(error).__name__ == "Abort":
            sys.exit(130)
        if callable(getattr(error, "show", None)) and isinstance(
            getattr(error, "exit_code", None), int
        ):
            error.show(file=_VisibleStderr())  # type: ignore[attr-defined]
            sys.exit(EXIT_USAGE)
        if os.environ.get("SEO_AUDIT_DEBUG"):
            raise
        # A bug of ours: one line, exit 2, and how to see the details.
        say(
            f"internal error: {type(error).__name__}: {error} "
            "(set SEO_AUDIT_DEBUG=1 for the traceback, and please report it)"
        )
        sys.exit(EXIT_USAGE)
    _exit(code if isinstance(code, int) else EXIT_OK)


def _exit(code: int) -> NoReturn:
    # Flushed here, where a closed pipe or a full device can still be told, not at exit.
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
        sys.exit(EXIT_PIPE_CLOSED)
    except OSError as error:
        silence_stdout()
        say(f"cannot write to standard output ({error.strerror or error})")
        sys.exit(EXIT_USAGE)
    sys.exit(code)


class _VisibleStderr:
    """stderr for the parser's messages, which can quote an argument (a file name)."""

    def write(self, text: str) -> int:
        from seo_audit.formats.controls import visible

        return sys.stderr.write(visible(text, keep="\n"))

    def flush(self) -> None:
        sys.stderr.flush()
