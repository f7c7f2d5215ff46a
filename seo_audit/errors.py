"""Our own exception types; the CLI turns them into one line and an exit code."""

from __future__ import annotations


class SeoAuditError(Exception):
    """Base class: a problem we can explain to the user in one line."""


class InputError(SeoAuditError):
    """A page could not be read or parsed; the batch goes on without it."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class UsageError(SeoAuditError):
    """The command line or a rule plugin is wrong; nothing sensible can run."""


class Interrupted(BaseException):
    """The user or the system asked the run to stop (SIGINT, SIGTERM, SIGHUP).

    A BaseException, and our own type, so that rule code catching `Exception` (or even a
    KeyboardInterrupt it raised itself) cannot swallow a real request to stop."""

    def __init__(self, signal_number: int) -> None:
        super().__init__(signal_number)
        self.signal_number = signal_number


class PageTimeout(BaseException):
    """A page (or a rule on it) ran past the per-page time limit. Raised asynchronously into
    the auditing thread by `seo_audit.run.deadline`; a BaseException so rule code catching
    `Exception` cannot swallow it."""
