"""Fixtures for intake tests: fixture files and a requests session (HTTP mocked with responses)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "intake"


@pytest.fixture
def fixture_bytes() -> object:
    """Read a fixture file by name."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read


@pytest.fixture
def session() -> Iterator[requests.Session]:
    """A real requests session; tests intercept its HTTP with ``responses``."""
    with requests.Session() as s:
        yield s
