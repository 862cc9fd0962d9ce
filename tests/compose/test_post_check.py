"""The post-check command's behaviour (the lead wires it into the CLI)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from socialbot.compose import main_post_check


def run(argv: list[str], text: str, **kw: object) -> tuple[int, str]:
    out = io.StringIO()
    code = main_post_check(argv, io.StringIO(text), out, **kw)  # type: ignore[arg-type]
    return code, out.getvalue()


def test_human_output_for_a_valid_post() -> None:
    code, out = run(["--platform", "x"], "İstanbul'da 防衛 😷 https://example.com/a\n")
    assert code == 0
    # 11 + 1 + 2*2 (CJK) + 1 + 2 (emoji) + 1 + 23 (URL) = 43
    assert out.splitlines() == ["length: 43 weighted characters", "limit: 280", "valid: yes"]


def test_human_output_lists_problems() -> None:
    code, out = run(["--platform=instagram"], "x" * 2300 + " #a1" * 31)
    assert code == 1
    assert "valid: no" in out
    assert "problem: too long: 2424 of 2200 characters" in out
    assert "problem: too many hashtags: 31 of 30" in out


def test_json_output() -> None:
    code, out = run(["--platform", "x", "--json"], "a" * 281)
    data = json.loads(out)
    assert code == 1
    assert data["weighted_length"] == 281 and data["max_length"] == 280 and data["valid"] is False
    assert data["remaining"] == -1 and data["problems"][0].startswith("too long")


def test_max_length_option_and_youtube_config(tmp_path: Path) -> None:
    assert run(["--platform", "x", "--max-length", "25000", "--json"], "a" * 500)[0] == 0
    (tmp_path / "compose.toml").write_text("[youtube]\nmax_length = 50\n", encoding="utf-8")
    code, out = run(["--platform", "youtube", "--json"], "y" * 60, config_dir=tmp_path)
    assert code == 1 and json.loads(out)["max_length"] == 50
    assert run(["--platform", "youtube", "--json"], "y" * 60)[0] == 0  # fallback limit 1000


def test_only_one_trailing_newline_is_dropped() -> None:
    assert json.loads(run(["--platform", "x", "--json"], "ab\n")[1])["weighted_length"] == 2
    assert json.loads(run(["--platform", "x", "--json"], "ab\n\n")[1])["weighted_length"] == 3


def test_usage_errors() -> None:
    for argv in ([], ["--platform"], ["--platform", "tiktok"], ["--platform", "x", "--max-length", "-3"], ["--bogus"]):
        code, out = run(argv, "text")
        assert code == 2 and "usage: socialbot post-check" in out
