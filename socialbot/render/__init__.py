"""Branded image cards for articles, rendered with Pillow from the designs in ``cards/``."""

from socialbot.render.card import render_cards
from socialbot.render.design import Design, DesignError, Layout, list_designs, load_design

__all__ = ["Design", "DesignError", "Layout", "list_designs", "load_design", "render_cards"]
