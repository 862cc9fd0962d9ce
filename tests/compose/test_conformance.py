"""X's own weighted-length conformance cases (twitter-text validate.yml), vendored as a fixture."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from twitter_text import parse_tweet
from twitter_text.config import config as twitter_config

from socialbot.compose import check_text, main_post_check
from socialbot.domain import Platform

FIXTURE = Path(__file__).parent / "fixtures" / "twitter_text_validate.yml"
CASES: dict[str, list[dict[str, Any]]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["tests"]
V3_CASES = CASES["WeightedTweetsWithDiscountedEmojiCounterTest"] + CASES[
    "UnicodeDirectionalMarkerCounterTest"
]


def test_fixture_holds_every_weighted_case() -> None:
    # Upstream's three weighted sections hold 20, 22 and 2 cases.
    assert [len(CASES[k]) for k in CASES] == [20, 22, 2]


@pytest.mark.parametrize("case", V3_CASES, ids=lambda c: c["description"][:60])
def test_check_text_counts_as_x_does(case: dict[str, Any]) -> None:
    result = check_text(Platform.X, case["text"])
    assert result.weighted_length == case["expected"]["weightedLength"]
    assert result.valid is case["expected"]["valid"]
    assert result.max_length == 280
    assert result.valid == (result.problems == ())


@pytest.mark.parametrize("case", V3_CASES, ids=lambda c: c["description"][:60])
def test_post_check_json_agrees_with_x(case: dict[str, Any]) -> None:
    out = io.StringIO()
    code = main_post_check(["--platform", "x", "--json"], io.StringIO(case["text"]), out)
    data = json.loads(out.getvalue())
    assert data["weighted_length"] == case["expected"]["weightedLength"]
    assert data["valid"] is case["expected"]["valid"]
    assert data["max_length"] == 280
    assert code == (0 if case["expected"]["valid"] else 1)


@pytest.mark.parametrize("case", V3_CASES, ids=lambda c: c["description"][:60])
def test_pinned_library_matches_every_field(case: dict[str, Any]) -> None:
    # The whole parse result, ranges included: proof the pinned library is X's counter.
    assert parse_tweet(case["text"], twitter_config["version3"]).asdict() == case["expected"]


@pytest.mark.parametrize(
    "case", CASES["WeightedTweetsCounterTest"], ids=lambda c: c["description"][:60]
)
def test_library_counts_code_points_with_emoji_parsing_off(case: dict[str, Any]) -> None:
    # Upstream's pre-emoji section: the same ranges, emoji counted per code point.
    options = {**twitter_config["version3"], "emoji_parsing_enabled": False}
    assert parse_tweet(case["text"], options).asdict() == case["expected"]
