"""Shared fixtures. pytest-socket (see pyproject addopts) refuses any connection off this machine."""

from __future__ import annotations
