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
