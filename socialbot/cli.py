"""The ``socialbot`` command."""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from rich.table import Table

from socialbot.cli_accounts import accounts
from socialbot.console import console, err, progress_bar
from socialbot.domain import IllegalTransition, PostState
from socialbot.services.app import App
from socialbot.settings import load_settings
from socialbot.web.cli_commands import users, web


def _app(*, migrate: bool = False) -> App:
    return App.create(load_settings(), run_migrations=migrate)


def _fail(message: str) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise SystemExit(1)


@click.group()
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
def main(verbose: int) -> None:
    """socialbot: social distribution for newsrooms."""
    from socialbot.logs import setup_logging

    setup_logging(logging.WARNING - 10 * verbose)


@main.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    app = _app(migrate=True)
    console.print(f"database up to date: {app.engine.url.render_as_string(hide_password=True)}")


@main.command()
def init() -> None:
    """Migrate and create the first admin user (its password is printed once)."""
    from socialbot.services.accounts import sync_accounts
    from socialbot.services.users import ensure_admin

    app = _app(migrate=True)
    sync_accounts(app)
    created = ensure_admin(app)
    if created:
        console.print(f"admin user: [bold]{created[0]}[/bold]  password: [bold]{created[1]}[/bold]"
                      "  (shown once: keep it now)")
    else:
        console.print("users already exist: no admin created")


@main.command()
@click.argument("sources", nargs=-1, required=True)
def ingest(sources: tuple[str, ...]) -> None:
    """Ingest feed URLs/files, article URLs/HTML files or JSON article documents."""
    app = _app(migrate=True)
    from socialbot.services.intake import ingest_source

    failed = False
    for source in sources:
        with progress_bar(f"{source}") as advance:
            report = ingest_source(app, source, progress=advance)
        if report.error:
            err.print(f"[red]error:[/red] {report.error}", highlight=False, soft_wrap=True)
            failed = True
            continue
        for problem in report.problems:
            err.print(f"[yellow]warning:[/yellow] {problem}", highlight=False, soft_wrap=True)
        counts = {o.value: report.count(o) for o in type(report.stored[0].outcome)} if report.stored else {}
        posts = sum(s.posts_created for s in report.stored)
        console.print(f"{source}: {report.kind}, {len(report.stored)} article(s) "
                      + ", ".join(f"{v} {k}" for k, v in counts.items() if v)
                      + f"; {posts} post(s) composed", highlight=False)
    raise SystemExit(1 if failed else 0)


@main.command()
@click.option("--once", is_flag=True, help="Run every job until nothing is due, then exit.")
def worker(once: bool) -> None:
    """Poll feeds, plan slots and publish due posts."""
    from socialbot.schedule.worker import Worker

    app = _app(migrate=True)
    w = Worker(app)
    if once:
        summary = w.run_once()
        console.print(f"published {summary.published}, waiting for a person {summary.manual}, "
                      f"failed {summary.failed}, planned {summary.planned}")
    else:
        w.run_forever()


@main.group()
def queue() -> None:
    """Look at and act on the post queue."""


def _parse_states(value: str | None) -> list[PostState] | None:
    if not value:
        return None
    try:
        return [PostState(v.strip()) for v in value.split(",")]
    except ValueError:
        _fail(f"unknown state in {value!r}; states: {', '.join(s.value for s in PostState)}")
        raise


@queue.command("list")
@click.option("--state", help="Comma-separated states, e.g. draft,scheduled.")
@click.option("--account")
@click.option("--section")
@click.option("--json", "as_json", is_flag=True, help="One JSON array, for scripts.")
def queue_list(state: str | None, account: str | None, section: str | None, as_json: bool) -> None:
    """List posts."""
    from socialbot.services.posts import list_posts

    app = _app(migrate=True)
    posts = list_posts(app, states=_parse_states(state), account=account, section=section)
    if as_json:
        click.echo(json.dumps([p.as_json() for p in posts], ensure_ascii=False, indent=1))
        return
    zone = app.settings.zone
    table = Table("id", "state", "account", "kind", "when", "headline", box=None)
    for p in posts:
        when = p.published_at or p.scheduled_at
        table.add_row(str(p.id), p.state, p.account, p.kind,
                      when.astimezone(zone).strftime("%d %b %H:%M") if when else "",
                      ("[b]BREAKING[/b] " if p.breaking else "") + p.headline[:70])
    console.print(table)


@queue.command("show")
@click.argument("post_id", type=int)
def queue_show(post_id: int) -> None:
    """Show one post, its card and its history."""
    from socialbot.services.posts import get_post, history

    app = _app(migrate=True)
    try:
        p = get_post(app, post_id)
    except LookupError as exc:
        _fail(str(exc))
        return
    zone = app.settings.zone
    console.print(f"[b]#{p.id}[/b] {p.state}  {p.account} ({p.platform}, {p.kind})", highlight=False)
    console.print(f"headline: {p.headline}", highlight=False)
    console.print(f"link:     {p.link}", highlight=False)
    if p.scheduled_at:
        console.print(f"slot:     {p.scheduled_at.astimezone(zone):%Y-%m-%d %H:%M %Z}")
    if p.remote_url:
        console.print(f"posted:   {p.remote_url}", highlight=False)
    for problem in (*p.problems, *p.card_warnings, *([p.last_error] if p.last_error else [])):
        console.print(f"[yellow]note:[/yellow] {problem}", highlight=False)
    console.print("\n" + p.text + "\n", highlight=False, markup=False)
    for a in history(app, post_id):
        moved = f"{a.from_state or ''} -> {a.to_state}" if a.to_state else a.action
        console.print(f"  {a.at.astimezone(zone):%d %b %H:%M:%S}  {a.actor:<22} {moved:<28} "
                      f"{a.detail or ''}", highlight=False, markup=False)


def _act(action: str, post_ids: tuple[int, ...], **kwargs: object) -> None:
    from socialbot.services import posts

    app = _app(migrate=True)
    failed = False
    for post_id in post_ids:
        try:
            getattr(posts, action)(app, post_id, actor="cli", **kwargs)
            console.print(f"#{post_id}: {action} done")
        except (IllegalTransition, LookupError, ValueError) as exc:
            err.print(f"[red]#{post_id}:[/red] {exc}", highlight=False)
            failed = True
    raise SystemExit(1 if failed else 0)


@queue.command("approve")
@click.argument("post_ids", type=int, nargs=-1, required=True)
def queue_approve(post_ids: tuple[int, ...]) -> None:
    """Approve posts (they get the next free slot)."""
    _act("approve", post_ids)


@queue.command("reject")
@click.argument("post_ids", type=int, nargs=-1, required=True)
@click.option("--reason", required=True)
def queue_reject(post_ids: tuple[int, ...], reason: str) -> None:
    """Reject posts, with a reason."""
    _act("reject", post_ids, reason=reason)


@queue.command("cancel")
@click.argument("post_ids", type=int, nargs=-1, required=True)
def queue_cancel(post_ids: tuple[int, ...]) -> None:
    """Cancel posts."""
    _act("cancel", post_ids)


@queue.command("schedule")
@click.argument("post_id", type=int)
@click.argument("when")
def queue_schedule(post_id: int, when: str) -> None:
    """Schedule a post: WHEN is 'now', '+45m', '+2h' or 'YYYY-MM-DD HH:MM' in the newsroom's zone."""
    settings = load_settings()
    _act("schedule", (post_id,), when=parse_when(when, settings.zone, datetime.now(ZoneInfo("UTC"))))


@queue.command("done")
@click.argument("post_id", type=int)
@click.argument("url")
def queue_done(post_id: int, url: str) -> None:
    """Record that a post waiting for a person was posted by hand, with its URL."""
    _act("mark_done", (post_id,), url=url)


@queue.command("repost")
@click.argument("post_id", type=int)
def queue_repost(post_id: int) -> None:
    """Post an article to the same account again: a new draft with its own idempotency key."""
    from socialbot.services.posts import repost

    app = _app(migrate=True)
    try:
        new_id = repost(app, post_id, actor="cli")
    except LookupError as exc:
        _fail(str(exc))
        return
    console.print(f"#{post_id}: repost drafted as #{new_id}; approve it to send it")


def parse_when(value: str, zone: ZoneInfo, now: datetime) -> datetime:
    """'now', '+90m', '+2h', '+1d', or a local time in ``zone`` (ISO with offset also accepted)."""
    value = value.strip()
    if value == "now":
        return now
    if value.startswith("+") and value[-1] in "mhd" and value[1:-1].isdigit():
        unit = {"m": "minutes", "h": "hours", "d": "days"}[value[-1]]
        return now + timedelta(**{unit: int(value[1:-1])})
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"cannot read {value!r} as a time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)


@main.command()
def demo() -> None:
    """The whole main job on the bundled sample articles: ingest, compose, render, publish."""
    from socialbot.demo import run_demo

    run_demo(console)


@main.command("post-check", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def post_check(args: tuple[str, ...]) -> None:
    """Check post text from stdin: `--platform x|instagram|youtube [--json] [--max-length N]`."""
    from socialbot.compose import main_post_check

    raise SystemExit(main_post_check(list(args), sys.stdin, sys.stdout,
                                     config_dir=load_settings().config_dir))


@main.command()
@click.argument("source")
@click.option("--format", "fmt", type=click.Choice(["x", "ig-feed", "ig-story", "youtube"]),
              required=True)
@click.option("--design", default=None)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def card(source: str, fmt: str, design: str | None, output: Path) -> None:
    """Render one card: SOURCE is an article URL, HTML/JSON file or a stored article id."""
    from socialbot.services.cards import card_for_source

    app = _app(migrate=True)
    try:
        image = card_for_source(app, source, fmt, design)
    except (LookupError, ValueError) as exc:
        _fail(str(exc))
        return
    output.write_bytes(image.jpeg)
    for warning in image.warnings:
        err.print(f"[yellow]warning:[/yellow] {warning}", highlight=False)
    console.print(f"{output}: {image.width}x{image.height}, {len(image.jpeg) // 1024} KB, "
                  f"design {image.design}\nalt: {image.alt_text}", highlight=False)


main.add_command(accounts)
main.add_command(users)
main.add_command(web)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
