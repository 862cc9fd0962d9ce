"""Shared test set-up. pytest-socket (see pyproject addopts) refuses any connection off this machine."""

from __future__ import annotations

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show that the database tests really ran on both engines."""
    passed = terminalreporter.stats.get("passed", [])
    on_pg = sum(1 for r in passed if "postgres" in r.keywords)
    on_sqlite = sum(1 for r in passed if "[sqlite" in r.nodeid)
    if on_pg or on_sqlite:
        terminalreporter.write_line(
            f"database tests: {on_sqlite} passed on SQLite (store suite), "
            f"{on_pg} passed on PostgreSQL (store suite and several workers)"
        )
