"""Taking articles in: one source on demand (CLI, webhook), or every configured feed (worker)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa

from socialbot.domain import Article
from socialbot.intake.document import parse_document
from socialbot.intake.errors import IntakeError
from socialbot.intake.feeds import enrich_image_from_page, fetch_feed, parse_feed
from socialbot.intake.page import extract_page
from socialbot.intake.sources import read_source
from socialbot.services.app import App
from socialbot.services.articles import Outcome, StoredArticle, store_article
from socialbot.store.tables import FeedRow

log = logging.getLogger("socialbot.intake")

# Called before each article is stored: (number, total, headline), e.g. for a progress bar.
Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    """What one source gave: articles stored (new, updated, unchanged) and problems met."""

    source: str
    kind: str = ""
    stored: list[StoredArticle] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    error: str | None = None  # the source as a whole failed: nothing was stored

    def count(self, outcome: Outcome) -> int:
        return sum(1 for s in self.stored if s.outcome is outcome)


def articles_from_source(app: App, source: str) -> tuple[str, list[Article], list[str]]:
    """Read and parse a feed, page or JSON document; raises IntakeError for a bad source."""
    kind, body, base_url = read_source(source, app.http)
    if kind == "feed":
        parsed = parse_feed(body, source=source, base_url=base_url)
        return kind, parsed.articles, list(parsed.problems)
    if kind == "page":
        return kind, [extract_page(body, url=base_url or source)], []
    return kind, [parse_document(body, source=source, base_url=base_url)], []


def ingest_source(app: App, source: str, *, actor: str = "cli",
                  progress: Progress | None = None) -> IngestReport:
    """Ingest everything one source holds. A bad source changes nothing and says why."""
    report = IngestReport(source)
    try:
        report.kind, articles, report.problems = articles_from_source(app, source)
    except IntakeError as exc:
        report.error = str(exc)
        return report
    store_all(app, articles, report, actor=actor, progress=progress)
    return report


def store_all(app: App, articles: list[Article], report: IngestReport, *, actor: str,
              progress: Progress | None = None) -> None:
    """Store articles one by one: one that fails is reported, the rest still go in."""
    for done, article in enumerate(articles, 1):
        if progress is not None:
            progress(done, len(articles), article.title)
        try:
            report.stored.append(store_article(app, article, actor=actor))
        except Exception as exc:
            log.exception("storing %s failed", article.url)
            report.problems.append(f"{article.url}: not stored ({type(exc).__name__}: {exc})")
        else:
            report.problems.extend(report.stored[-1].problems)


def sync_feeds(app: App) -> None:
    """Make sure every feed in the configuration has a row (its polling state lives there)."""
    with app.sessions.begin() as session:
        known = set(session.execute(sa.select(FeedRow.url)).scalars())
        for feed in app.settings.feeds:
            if feed.url not in known:
                session.add(FeedRow(url=feed.url, fetch_pages_for_images=feed.fetch_pages_for_images))


def add_feed(app: App, url: str, *, fetch_pages_for_images: bool = True) -> None:
    """Register a feed for polling (no-op if it is already there)."""
    with app.sessions.begin() as session:
        if session.execute(sa.select(FeedRow).where(FeedRow.url == url)).scalar() is None:
            session.add(FeedRow(url=url, fetch_pages_for_images=fetch_pages_for_images))


def poll_feeds(app: App) -> list[IngestReport]:
    """Poll every feed once; one broken feed never stops the others."""
    sync_feeds(app)
    with app.sessions() as session:
        feed_ids = list(session.execute(sa.select(FeedRow.id).order_by(FeedRow.id)).scalars())
    return [poll_feed(app, feed_id) for feed_id in feed_ids]


def poll_feed(app: App, feed_id: int) -> IngestReport:
    """Conditional GET, parse, take every new item (first poll: only recent ones), store."""
    with app.sessions() as session:
        feed = session.get_one(FeedRow, feed_id)
        url, etag, modified = feed.url, feed.etag, feed.last_modified
        first_poll, enrich = feed.last_polled_at is None, feed.fetch_pages_for_images
    report = IngestReport(url, kind="feed")
    now = app.clock()
    try:
        if "://" in url and not url.startswith("file://"):
            fetched = fetch_feed(url, app.http, etag=etag, last_modified=modified)
            if fetched.not_modified:
                _record_poll(app, feed_id, now, etag, modified, None)
                return report
            body, etag, modified = fetched.body or b"", fetched.etag, fetched.last_modified
            parsed = parse_feed(body, source=url, base_url=url)
        else:
            _, body, base = read_source(url, app.http)
            parsed = parse_feed(body, source=url, base_url=base)
    except IntakeError as exc:
        report.error = str(exc)
        log.warning("%s", exc)
        _record_poll(app, feed_id, now, etag=None, modified=None, error=str(exc), keep=True)
        return report
    report.problems.extend(parsed.problems)
    articles = parsed.articles
    if first_poll:
        cutoff = now - timedelta(hours=app.settings.intake.first_poll_cutoff_hours)
        skipped = [a for a in articles if a.published_at is not None and a.published_at < cutoff]
        articles = [a for a in articles if a not in skipped]
        if skipped:
            report.problems.append(
                f"{url}: first poll: {len(skipped)} item(s) older than {cutoff:%Y-%m-%d %H:%M} UTC "
                "left alone"
            )
    if enrich and app.settings.intake.fetch_pages_for_images:
        articles = [_with_page_image(app, a, report) for a in articles]
    before = len(report.problems)
    store_all(app, articles, report, actor=f"feed:{url}")
    failed = any("not stored" in p for p in report.problems[before:])
    # A failed item keeps the old validators, so the next poll fetches the feed again.
    _record_poll(app, feed_id, now, etag, modified, "some items not stored" if failed else None,
                 keep=failed)
    return report


def _with_page_image(app: App, article: Article, report: IngestReport) -> Article:
    if article.image is not None:
        return article
    enriched, problem = enrich_image_from_page(article, app.http)
    if problem:
        report.problems.append(problem)
    return enriched


def _record_poll(app: App, feed_id: int, now: object, etag: str | None, modified: str | None,
                 error: str | None, *, keep: bool = False) -> None:
    with app.sessions.begin() as session:
        feed = session.get_one(FeedRow, feed_id)
        feed.last_error = error
        if not keep:
            feed.last_polled_at = now  # type: ignore[assignment]
            feed.etag, feed.last_modified = etag, modified
