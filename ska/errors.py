"""Errors that stop a command, each owning its exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class SkaError(Exception):
    """A problem that ends a command with a Swedish message and no traceback."""

    exit_code = EXIT_FINDINGS


class UsageError(SkaError):
    """The command was called wrongly: a missing path, an unknown option value."""

    exit_code = EXIT_USAGE
