"""Card designs kept as data: one TOML file per design in ``cards/``, validated on load.

A design says where the photo goes, how the gradient or panel sits over it, which fonts and
size ranges the headline may use, the section label colours, the logo and the footer, for
each of the four card formats. Editors change a file, not code.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import ImageColor

from socialbot.domain.card import CardFormat

RGB = tuple[int, int, int]
Box = tuple[int, int, int, int]  # x, y, width, height in card pixels


class DesignError(ValueError):
    """A design file is missing or malformed; the message names the file and the key."""


@dataclass(frozen=True)
class TextStyle:
    """Font and colour for one kind of text (headline, label, footer)."""

    family: str
    weight: int
    color: RGB
    uppercase: bool = False


@dataclass(frozen=True)
class Layout:
    """Where everything goes on one card format."""

    photo: Box
    headline: Box
    size_range: tuple[int, int]
    max_lines: int
    line_height: float
    align: str  # "start" (left, or right for right-to-left text), "center"
    valign: str  # "top" or "bottom" inside the headline box
    label_size: int
    label_gap: int
    logo: Box  # x, y, 0, height: the logo keeps its aspect ratio
    footer: Box
    footer_size: int
    gradient: Box | None = None
    gradient_color: RGB = (0, 0, 0)
    gradient_alpha: tuple[int, int] = (0, 230)
    panel: Box | None = None
    panel_color: RGB | None = None
    rule: Box | None = None  # a thin accent bar, in the section colour
    top_scrim: int = 0  # height of a dark fade at the top, so a white logo reads on any photo


@dataclass(frozen=True)
class Design:
    """One validated card design."""

    name: str
    description: str
    background: RGB
    accent: RGB
    headline: TextStyle
    label: TextStyle
    footer: TextStyle
    sections: Mapping[str, RGB]
    breaking_label: str
    breaking_color: RGB
    always_label: str | None
    logo: Path
    layouts: Mapping[CardFormat, Layout]

    def section_color(self, section: str | None) -> RGB:
        """The label colour for a section, falling back to the design's accent."""
        key = (section or "").strip().lower()
        return self.sections.get(key, self.accent)


def default_designs_dir() -> Path:
    """``cards/`` at the top of the repository, or ``$SOCIALBOT_CARDS_DIR``."""
    env = os.environ.get("SOCIALBOT_CARDS_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "cards"


def list_designs(designs_dir: Path | None = None) -> list[str]:
    """Names of the designs available (the ``*.toml`` files in the designs folder)."""
    folder = designs_dir or default_designs_dir()
    return sorted(p.stem for p in folder.glob("*.toml"))


def load_design(name: str, designs_dir: Path | None = None) -> Design:
    """Load and validate one design; raise DesignError naming the file on any problem."""
    folder = (designs_dir or default_designs_dir()).resolve()
    path = folder / f"{name}.toml"
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        known = ", ".join(list_designs(folder)) or "none"
        raise DesignError(f"no card design {name!r}: {path} does not exist (known: {known})") from None
    # Keyed on the modification time so an edited design is picked up without a restart.
    return _load_cached(path, mtime)


@lru_cache(maxsize=32)
def _load_cached(path: Path, mtime: int) -> Design:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DesignError(f"{path}: cannot read design: {exc}") from exc
    return _Reader(path).design(data)


class _Reader:
    """Turns the parsed TOML into a Design, with errors that name the file and key."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> DesignError:
        return DesignError(f"{self.path}: {key} {problem}")

    def get(self, table: Mapping[str, Any], key: str, where: str, kind: type | tuple[type, ...]) -> Any:
        if key not in table:
            return self._missing(where, key)
        value = table[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.fail(f"{where}{key}", f"has the wrong type ({type(value).__name__})")
        return value

    def _missing(self, where: str, key: str) -> Any:
        raise self.fail(f"{where}{key}", "is missing")

    def color(self, value: Any, key: str) -> RGB:
        if not isinstance(value, str):
            raise self.fail(key, "must be a colour string such as '#c8102e'")
        try:
            rgb = ImageColor.getrgb(value)
        except ValueError:
            raise self.fail(key, f"is not a colour: {value!r}") from None
        return (rgb[0], rgb[1], rgb[2])

    def box(self, value: Any, key: str, size: tuple[int, int]) -> Box:
        if (
            not isinstance(value, list)
            or len(value) != 4
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            raise self.fail(key, "must be four whole numbers [x, y, width, height]")
        x, y, w, h = value
        if x < 0 or y < 0 or w < 0 or h < 0 or x + w > size[0] or y + h > size[1]:
            raise self.fail(key, f"{value} does not fit a {size[0]}x{size[1]} card")
        return (x, y, w, h)

    def style(self, data: Mapping[str, Any], name: str) -> TextStyle:
        table = self.get(data, name, "", dict)
        weight = self.get(table, "weight", f"{name}.", int)
        if not 100 <= weight <= 900:
            raise self.fail(f"{name}.weight", "must be between 100 and 900")
        return TextStyle(
            family=self.get(table, "font", f"{name}.", str),
            weight=weight,
            color=self.color(table.get("color", "#ffffff"), f"{name}.color"),
            uppercase=bool(table.get("uppercase", False)),
        )

    def layout(self, table: Mapping[str, Any], fmt: CardFormat) -> Layout:
        where = f"formats.{fmt.value}."
        size = fmt.size
        hl = self.get(table, "headline", where, dict)
        hw = where + "headline."
        sizes = self.get(hl, "size", hw, list)
        if len(sizes) != 2 or not all(isinstance(s, int) for s in sizes) or not 8 <= sizes[0] <= sizes[1]:
            raise self.fail(hw + "size", "must be [smallest, largest] font sizes in pixels")
        align = hl.get("align", "start")
        valign = hl.get("valign", "bottom")
        if align not in ("start", "center") or valign not in ("top", "bottom"):
            raise self.fail(hw + "align", "must be start|center, and valign top|bottom")
        max_lines = self.get(hl, "max_lines", hw, int)
        if max_lines < 1:
            raise self.fail(hw + "max_lines", "must be at least 1")
        grad = table.get("gradient")
        panel = table.get("panel")
        label = self.get(table, "label", where, dict)
        footer = self.get(table, "footer", where, dict)
        alpha = grad.get("alpha", [0, 230]) if grad else [0, 230]
        if len(alpha) != 2 or not all(isinstance(a, int) and 0 <= a <= 255 for a in alpha):
            raise self.fail(where + "gradient.alpha", "must be [top, bottom] opacities 0..255")
        return Layout(
            photo=self.box(self.get(table, "photo", where, list), where + "photo", size),
            headline=self.box(self.get(hl, "box", hw, list), hw + "box", size),
            size_range=(sizes[0], sizes[1]),
            max_lines=max_lines,
            line_height=float(hl.get("line_height", 1.1)),
            align=align,
            valign=valign,
            label_size=self.get(label, "size", where + "label.", int),
            label_gap=int(label.get("gap", 20)),
            logo=self.box(self.get(table, "logo", where, list), where + "logo", size),
            footer=self.box(self.get(footer, "box", where + "footer.", list), where + "footer.box", size),
            footer_size=self.get(footer, "size", where + "footer.", int),
            gradient=self.box(grad["box"], where + "gradient.box", size) if grad else None,
            gradient_color=self.color(grad.get("color", "#000000"), where + "gradient.color")
            if grad
            else (0, 0, 0),
            gradient_alpha=(alpha[0], alpha[1]),
            panel=self.box(panel["box"], where + "panel.box", size) if panel else None,
            panel_color=self.color(panel["color"], where + "panel.color")
            if panel and "color" in panel
            else None,
            rule=self.box(table["rule"], where + "rule", size) if "rule" in table else None,
            top_scrim=int(table.get("top_scrim", 0)),
        )

    def design(self, data: Mapping[str, Any]) -> Design:
        brand = self.get(data, "brand", "", dict)
        sections_raw = data.get("sections", {})
        if not isinstance(sections_raw, dict):
            raise self.fail("sections", "must be a table of section = colour")
        formats = self.get(data, "formats", "", dict)
        layouts = {}
        for fmt in CardFormat:
            table = self.get(formats, fmt.value, "formats.", dict)
            layouts[fmt] = self.layout(table, fmt)
        logo_name = self.get(brand, "logo", "brand.", str)
        logo = (self.path.parent / logo_name).resolve()
        if not logo.is_file():
            raise self.fail("brand.logo", f"points at {logo}, which does not exist")
        breaking = data.get("breaking", {})
        return Design(
            name=self.path.stem,
            description=str(data.get("description", "")),
            background=self.color(self.get(brand, "background", "brand.", str), "brand.background"),
            accent=self.color(self.get(brand, "accent", "brand.", str), "brand.accent"),
            headline=self.style(data, "headline"),
            label=self.style(data, "label"),
            footer=self.style(data, "footer"),
            sections={
                k.lower(): self.color(v, f"sections.{k}") for k, v in sections_raw.items()
            },
            breaking_label=str(breaking.get("label", "BREAKING")),
            breaking_color=self.color(breaking.get("color", "#d7141a"), "breaking.color"),
            always_label=data.get("label_text"),
            logo=logo,
            layouts=layouts,
        )
