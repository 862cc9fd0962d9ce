"""``socialbot demo``: the main job on embedded defaults, end to end, safe to run again."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

from socialbot.console import progress_bar
from socialbot.samples import sample_feed_path
from socialbot.schedule.worker import Worker
from socialbot.services.accounts import publisher_for, sync_accounts
from socialbot.services.app import App
from socialbot.services.articles import Outcome
from socialbot.services.intake import ingest_source
from socialbot.services.users import ensure_admin
from socialbot.settings import load_settings
from socialbot.store.tables import ArticleRow, PostRow


def run_demo(console: Console) -> None:
    """Migrate, ingest the sample feed, publish everything due to the outbox, summarise."""
    # Slots are compressed to "now" so the demo's whole queue drains in one run.
    settings = load_settings().with_schedule(min_gap_minutes=0)
    app = App.create(settings, run_migrations=True)
    sync_accounts(app)
    admin = ensure_admin(app)
    for account in settings.accounts:
        _, note = publisher_for(app, account)
        console.print(f"[dim]{note}[/dim]", highlight=False)

    feed = sample_feed_path()
    with progress_bar("composing posts and rendering cards") as advance:
        report = ingest_source(app, str(feed), actor="demo", progress=advance)
    if report.error:
        raise SystemExit(f"demo: {report.error}")
    for problem in report.problems:
        console.print(f"[yellow]note:[/yellow] {problem}", highlight=False)
    with console.status("publishing due posts..."):
        summary = Worker(app, name="demo").run_once(poll=False)

    with app.sessions() as session:
        articles = session.execute(sa.select(sa.func.count(ArticleRow.id))).scalar_one()
        rows = session.execute(sa.select(PostRow.platform, PostRow.state)).all()
    by_platform: dict[str, Counter[str]] = {}
    for platform, state in rows:
        by_platform.setdefault(platform, Counter())[state] += 1

    table = Table(title="socialbot demo", box=None)
    for column in ("platform", "published", "awaiting a person", "draft/approved", "failed", "total"):
        table.add_column(column, justify="right" if column != "platform" else "left")
    for platform, counts in sorted(by_platform.items()):
        table.add_row(platform, str(counts["published"]), str(counts["awaiting_manual"]),
                      str(counts["draft"] + counts["approved"] + counts["scheduled"]),
                      str(counts["failed"]), str(sum(counts.values())))
    console.print(table)
    console.print(
        f"articles: {articles} ({report.count(Outcome.CREATED)} new this run); "
        f"published this run: {summary.published}; outbox: {settings.outbox_dir}",
        highlight=False,
    )
    if admin:
        console.print(f"desk login: {admin[0]} / {admin[1]}  (shown once)", highlight=False)
    app.close()

