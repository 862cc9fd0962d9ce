"""``card`` command for offline work: a JSON article document in, one card JPEG out.

Article URLs, HTML pages and stored article ids are resolved by the main CLI (intake and
store); this handles the JSON document case, where the image may be a local path or a
``file://`` URL, and renders the card.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

from socialbot.domain.article import Article, ArticleImage
from socialbot.domain.card import CardFormat
from socialbot.render.card import render_cards
from socialbot.render.design import DesignError, list_designs


def local_photo(url: str, base: Path) -> bytes | None:
    """Bytes of a local or ``file://`` image (relative paths from the document's folder);
    None for remote URLs, which only intake may fetch."""
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https"):
        return None
    path = Path(unquote(parsed.path)) if parsed.scheme == "file" else Path(url)
    path = path if path.is_absolute() else base / path
    return path.read_bytes() if path.is_file() else None


def article_from_json(path: Path) -> tuple[Article, bytes | None]:
    """An Article and its photo from a JSON article document."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    image = doc.get("image")
    if isinstance(image, str):
        image = {"url": image}
    published = doc.get("published_at")
    article = Article(
        url=doc.get("url") or path.resolve().as_uri(),
        title=doc["title"],
        section=doc.get("section"),
        language=doc.get("language", "en"),
        breaking=bool(doc.get("breaking", False)),
        published_at=datetime.fromisoformat(published) if published else None,
        image=ArticleImage(
            url=image["url"], caption=image.get("caption"), credit=image.get("credit"),
            focus=(float(image["focus"][0]), float(image["focus"][1])) if image.get("focus") else None,
        )
        if image
        else None,
    )
    photo = local_photo(article.image.url, path.parent) if article.image else None
    return article, photo


def render_cli(argv: list[str] | None = None) -> int:
    """``card DOC.json --format x|ig-feed|ig-story|youtube [--design NAME] -o FILE``."""
    parser = argparse.ArgumentParser(prog="socialbot card", description="Render one card from a JSON article document.")
    parser.add_argument("source", type=Path, help="JSON article document")
    parser.add_argument("--format", required=True, choices=[f.value for f in CardFormat])
    parser.add_argument("--design", default="default", help=f"one of: {', '.join(list_designs())}")
    parser.add_argument("-o", "--output", required=True, type=Path)
    args = parser.parse_args(argv)
    try:
        article, photo = article_from_json(args.source)
    except (OSError, ValueError, KeyError) as exc:
        print(f"cannot read article document {args.source}: {exc}", file=sys.stderr)
        return 2
    fmt = CardFormat(args.format)
    try:
        card = render_cards(article, [fmt], photo=photo, design=args.design)[fmt]
    except DesignError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    args.output.write_bytes(card.jpeg)
    for note in card.warnings:
        print(f"note: {note}", file=sys.stderr)
    print(f"{args.output} ({card.width}x{card.height}, {len(card.jpeg) // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(render_cli())
