"""X bills its API per call; these estimates let the newsroom see what a month costs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "config" / "prices.toml"


@dataclass(frozen=True)
class Prices:
    """US dollars per X API call (pay-per-use pricing, 2026)."""

    post: float = 0.015
    post_with_url: float = 0.20
    read: float = 0.005  # per post read
    own_read: float = 0.001  # per post read from the account's own data
    media_upload: float = 0.0  # X has not priced media calls separately

    def for_post(self, has_url: bool) -> float:
        """The price of creating one post."""
        return self.post_with_url if has_url else self.post


def load_prices(path: Path | None = None) -> Prices:
    """Read the ``[x]`` table of ``config/prices.toml``; defaults for anything missing."""
    path = path or DEFAULT_PATH
    if not path.exists():
        return Prices()
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("x", {})
    known = {f.name for f in fields(Prices)}
    unknown = set(table) - known
    if unknown:
        raise ValueError(f"{path}: unknown X price(s): {', '.join(sorted(unknown))}")
    return Prices(**{k: float(v) for k, v in table.items()})
