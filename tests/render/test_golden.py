"""Every design renders the sample articles like its committed reference.

After an intended change: ``python -m socialbot.render.golden --update`` (or run these tests
with ``SOCIALBOT_UPDATE_GOLDEN=1``), look at the new references, and commit them.
"""

from __future__ import annotations

import os

import pytest

from socialbot.domain.card import CardFormat
from socialbot.render import list_designs
from socialbot.render.golden import (
    MEAN_TOLERANCE,
    PEAK_TOLERANCE,
    SAMPLES,
    difference,
    reference_path,
    render_sample,
    shrink,
)

pytestmark = pytest.mark.golden
UPDATE = os.environ.get("SOCIALBOT_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("sample", list(SAMPLES))
@pytest.mark.parametrize("design", list_designs())
def test_cards_match_references(design: str, sample: str) -> None:
    from PIL import Image

    for fmt, image in render_sample(design, sample).items():
        path = reference_path(design, fmt, sample)
        if UPDATE:
            shrink(image).save(path, quality=90)
            continue
        assert path.exists(), f"no reference {path}: run python -m socialbot.render.golden --update"
        with Image.open(path) as reference:
            mean, peak = difference(image, reference)
        assert mean <= MEAN_TOLERANCE and peak <= PEAK_TOLERANCE, (
            f"{design} {fmt.value} {sample}: differs from {path.name} (mean {mean:.2f}, peak {peak})"
        )


def test_comparison_catches_a_changed_card() -> None:
    from PIL import ImageDraw

    images = render_sample("default", "latin")
    image = images[CardFormat.IG_FEED]
    with __import__("PIL.Image").Image.open(reference_path("default", CardFormat.IG_FEED, "latin")) as ref:
        same = difference(image, ref)
        changed = image.copy()
        ImageDraw.Draw(changed).rectangle((60, 900, 1020, 1200), fill="white")  # headline gone
        moved = difference(changed, ref)
    assert same[0] <= MEAN_TOLERANCE
    assert moved[0] > MEAN_TOLERANCE or moved[1] > PEAK_TOLERANCE
