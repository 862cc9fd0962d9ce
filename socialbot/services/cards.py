"""One card on demand (``socialbot card``): from a stored article or any intake source."""

from __future__ import annotations

from socialbot.compose import alt_text
from socialbot.domain import Article, CardFormat, CardImage, Platform
from socialbot.intake.errors import IntakeError
from socialbot.intake.photos import fetch_photo
from socialbot.render import render_cards
from socialbot.services.app import App
from socialbot.services.convert import article_from_row
from socialbot.services.intake import articles_from_source
from socialbot.store.tables import ArticleRow


def card_for_source(app: App, source: str, fmt: str, design: str | None) -> CardImage:
    """Render ``fmt`` for a stored article id, an article URL, an HTML file or a JSON document."""

    photo: bytes | None = None
    article: Article
    if source.isdigit():
        with app.sessions() as session:
            row = session.get(ArticleRow, int(source))
            if row is None:
                raise LookupError(f"no stored article #{source}")
            article, photo = article_from_row(row), row.photo
    else:
        try:
            _kind, articles, _problems = articles_from_source(app, source)
        except IntakeError as exc:
            raise ValueError(str(exc)) from exc
        if not articles:
            raise ValueError(f"{source}: no article found")
        article = articles[0]
        if article.image is not None:
            try:
                photo = fetch_photo(article.image.url, app.http)
            except IntakeError:
                photo = None  # the renderer falls back to the brand background and says so
    card_format = CardFormat(fmt)
    platform = {CardFormat.X: Platform.X, CardFormat.YOUTUBE: Platform.YOUTUBE}.get(
        card_format, Platform.INSTAGRAM)
    cards = render_cards(article, [card_format], photo=photo, design=design or "default",
                         designs_dir=app.settings.cards_dir, site_name=app.settings.site_name,
                         timezone=app.settings.timezone,
                         alt_texts={card_format: alt_text(article, platform)})
    return cards[card_format]
