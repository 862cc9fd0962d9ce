"""The offline card command: JSON article document with a local photo."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PIL import Image

from socialbot.render.cli import render_cli
from socialbot.render.golden import FIXTURES


def _doc(tmp_path: Path, image: str) -> Path:
    shutil.copy(FIXTURES / "coffee.jpg", tmp_path / "coffee.jpg")
    doc = tmp_path / "article.json"
    doc.write_text(json.dumps({
        "title": "Coffee prices climb again", "section": "Economy",
        "published_at": "2025-11-25T11:30:00+00:00", "image": {"url": image, "caption": "A cup"},
    }))
    return doc


@pytest.mark.parametrize("image", ["coffee.jpg", "FILE_URL"])
def test_card_from_json_with_local_photo(tmp_path: Path, image: str, capsys: pytest.CaptureFixture[str]) -> None:
    if image == "FILE_URL":
        image = (tmp_path / "coffee.jpg").as_uri()
    doc = _doc(tmp_path, image)
    out = tmp_path / "card.jpg"
    assert render_cli([str(doc), "--format", "youtube", "-o", str(out)]) == 0
    with Image.open(out) as card:
        assert card.size == (1080, 1080)
    assert "brand background" not in capsys.readouterr().err  # the photo was found and used


def test_unknown_design_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = _doc(tmp_path, "coffee.jpg")
    code = render_cli([str(doc), "--format", "x", "--design", "nope", "-o", str(tmp_path / "c.jpg")])
    assert code == 2 and "no card design 'nope'" in capsys.readouterr().err
