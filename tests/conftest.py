"""Shared fixtures. pytest-socket (see pyproject addopts) refuses any connection off this machine."""

from __future__ import annotations

from collections import Counter

import pytest


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show that the store suite really ran on both engines."""
    counts: Counter[str] = Counter()
    for report in terminalreporter.stats.get("passed", []):
        for engine in ("sqlite", "postgresql"):
            if f"[{engine}" in report.nodeid:
                counts[engine] += 1
    if counts:
        terminalreporter.write_line(
            "store suite: " + ", ".join(f"{n} passed on {e}" for e, n in sorted(counts.items()))
        )
