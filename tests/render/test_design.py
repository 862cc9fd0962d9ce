"""Designs are data: listed from cards/, validated with errors that name the file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from socialbot.domain.card import CardFormat
from socialbot.render import DesignError, list_designs, load_design
from socialbot.render.design import default_designs_dir


def test_shipped_designs_cover_every_format() -> None:
    names = list_designs()
    assert {"default", "breaking"} <= set(names)
    for name in names:
        design = load_design(name)
        assert set(design.layouts) == set(CardFormat)
        for fmt, layout in design.layouts.items():
            x, y, w, h = layout.headline
            assert x + w <= fmt.size[0] and y + h <= fmt.size[1]
            assert layout.size_range[0] <= layout.size_range[1]


def test_design_is_cached_between_calls() -> None:
    assert load_design("default") is load_design("default")


def test_section_colour_falls_back_to_accent() -> None:
    design = load_design("default")
    assert design.section_color("Defence") == design.sections["defence"]
    assert design.section_color("Astrology") == design.accent
    assert design.section_color(None) == design.accent


def test_unknown_design_names_the_folder_and_known_designs() -> None:
    with pytest.raises(DesignError) as info:
        load_design("no-such-design")
    assert "no-such-design" in str(info.value) and "default" in str(info.value)


def _copy_cards(tmp_path: Path) -> Path:
    folder = tmp_path / "cards"
    shutil.copytree(default_designs_dir(), folder)
    return folder


def test_broken_box_names_file_and_key(tmp_path: Path) -> None:
    folder = _copy_cards(tmp_path)
    path = folder / "default.toml"
    text = path.read_text().replace("photo = [0, 0, 1080, 1350]", "photo = [0, 0, 1080, 9999]")
    path.write_text(text)
    with pytest.raises(DesignError) as info:
        load_design("default", folder)
    message = str(info.value)
    assert str(path) in message and "formats.ig-feed.photo" in message


def test_missing_format_and_bad_colour_are_reported(tmp_path: Path) -> None:
    folder = _copy_cards(tmp_path)
    path = folder / "breaking.toml"
    path.write_text(path.read_text().replace("[formats.youtube]", "[formats.tiktok]"))
    with pytest.raises(DesignError, match=r"formats\.youtube is missing"):
        load_design("breaking", folder)
    path = folder / "default.toml"
    path.write_text(path.read_text().replace('accent = "#d7141a"', 'accent = "reddish"'))
    with pytest.raises(DesignError, match=r"brand\.accent is not a colour"):
        load_design("default", folder)


def test_cards_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy_cards(tmp_path)
    (folder / "breaking.toml").rename(folder / "evening.toml")
    monkeypatch.setenv("SOCIALBOT_CARDS_DIR", str(folder))
    assert "evening" in list_designs() and "breaking" not in list_designs()
    assert load_design("evening").name == "evening"
