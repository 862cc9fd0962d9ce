"""Templates from config/: sandboxed, per section, broken ones reported with file and line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from socialbot.compose import compose, load_rules
from socialbot.domain import Platform, PostKind

from .conftest import REPO, account, article


def _config(tmp_path: Path, **templates: str) -> Path:
    (tmp_path / "templates").mkdir()
    for name, body in templates.items():
        (tmp_path / "templates" / f"{name}.j2").write_text(body, encoding="utf-8")
    return tmp_path


def test_shipped_templates_match_the_builtin_output(rules, builtin) -> None:  # type: ignore[no-untyped-def]
    assert set(rules.template_sources) == {"x", "instagram", "youtube"}
    assert all(src.endswith(".j2") for src in rules.template_sources.values())
    for kind in (PostKind.X_POST, PostKind.IG_FEED, PostKind.YT_COMMUNITY):
        acc = account(kind.platform)
        assert compose(article(tags=()), acc, kind, rules).text.split("\n")[0] == compose(
            article(tags=()), acc, kind, builtin
        ).text.split("\n")[0]


def test_section_template_wins(tmp_path: Path) -> None:
    cfg = _config(tmp_path, **{"x.economy": "📈 {{ headline }} {{ link }}"})
    loaded = load_rules(cfg)
    comp = compose(article(section="Economy"), account(Platform.X), PostKind.X_POST, loaded)
    assert comp.text.startswith("📈 Baykar")
    other = compose(article(section="Defence"), account(Platform.X), PostKind.X_POST, loaded)
    assert not other.text.startswith("📈")


def test_syntax_error_reported_with_file_and_line(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    cfg = _config(tmp_path, x="{{ headline }}\n\n{{ link | join( }}\n{{ hashtags }}\n")
    with caplog.at_level(logging.WARNING, logger="socialbot.compose.rules"):
        loaded = load_rules(cfg)
    path = str(cfg / "templates" / "x.j2")
    assert len(loaded.problems) == 1
    problem = loaded.problems[0]
    assert problem.startswith(f"{path}:3: template error")
    assert "built-in default" in problem
    assert path in caplog.text
    comp = compose(article(), account(Platform.X), PostKind.X_POST, loaded)
    assert comp.link in comp.text and loaded.template_sources["x"] == "built-in"


def test_unknown_variable_reported_with_line(tmp_path: Path) -> None:
    cfg = _config(tmp_path, instagram="{{ headline }}\n{{ summary }}\n{{ sumary_typo }}\n")
    problem = load_rules(cfg).problems[0]
    assert problem.startswith(str(cfg / "templates" / "instagram.j2") + ":3:")
    assert "sumary_typo" in problem


def test_sandbox_refuses_unsafe_templates(tmp_path: Path) -> None:
    cfg = _config(tmp_path, youtube="{{ headline.__class__.__mro__[1].__subclasses__() }}")
    loaded = load_rules(cfg)
    assert "SecurityError" in loaded.problems[0]
    comp = compose(article(), account(Platform.YOUTUBE), PostKind.YT_COMMUNITY, loaded)
    assert "subclasses" not in comp.text and comp.link in comp.text


def test_broken_toml_reported_and_defaults_used(tmp_path: Path) -> None:
    (tmp_path / "hashtags.toml").write_text("[map]\nnato = \n", encoding="utf-8")
    (tmp_path / "compose.toml").write_text("[youtube]\nmax_length = -5\n", encoding="utf-8")
    loaded = load_rules(tmp_path)
    assert any("hashtags.toml" in p and "line 2" in p for p in loaded.problems)
    assert any("max_length" in p for p in loaded.problems)
    assert loaded.youtube_max_length == 1000


def test_unknown_template_name_is_ignored(tmp_path: Path) -> None:
    loaded = load_rules(_config(tmp_path, tiktok="{{ headline }}"))
    assert "not a platform template" in loaded.problems[0]


def test_missing_config_dir_gives_builtin_rules(tmp_path: Path) -> None:
    loaded = load_rules(tmp_path / "nowhere")
    assert loaded.problems == () and set(loaded.templates) == {"x", "instagram", "youtube"}


def test_repo_config_loads_clean() -> None:
    assert load_rules(REPO / "config").problems == ()
