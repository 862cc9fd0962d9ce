"""Planning approved posts into slots, and publishing the due ones exactly once."""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from socialbot.domain import (
    AccountHealth,
    AuthExpired,
    HealthStatus,
    IllegalTransition,
    PostState,
    Published,
    PublishError,
    RateLimited,
    Rejected,
    Transient,
)
from socialbot.platforms.base import redact
from socialbot.services.accounts import held_accounts, kill_switch_on, publisher_for, set_health
from socialbot.services.app import App
from socialbot.services.convert import card_from_row, post_from_row
from socialbot.store.queue import (
    claim_due,
    exclusive,
    expired_leases,
    take_over_lease,
    transition,
)
from socialbot.store.tables import PostRow

log = logging.getLogger("socialbot.publish")
RATE_LIMIT_FLOOR_S = 30  # never retry a rate-limited post sooner than this


@dataclass
class DispatchReport:
    published: list[int] = field(default_factory=list)
    manual: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return len(self.published) + len(self.manual) + len(self.retried) + len(self.failed)


def plan_approved(app: App) -> int:
    """Give every approved post the next free time on its account (breaking news: now).

    One planner at a time across workers, so two never hand out the same slot."""
    with exclusive(app.engine, "socialbot:planner") as mine:
        return _plan(app) if mine else 0


def _plan(app: App) -> int:
    now = app.clock()
    gap = timedelta(minutes=app.settings.schedule.min_gap_minutes)
    planned = 0
    with app.sessions() as session:
        approved = session.execute(
            sa.select(PostRow.id, PostRow.account, PostRow.priority)
            .where(PostRow.state == PostState.APPROVED.value)
            .order_by(PostRow.priority.desc(), PostRow.created_at, PostRow.id)
        ).all()
        busy: dict[str, datetime] = {}
        for account, last in session.execute(
            sa.select(PostRow.account, sa.func.max(sa.func.coalesce(PostRow.scheduled_at,
                                                                    PostRow.published_at)))
            .where(PostRow.state.in_([PostState.SCHEDULED.value, PostState.PUBLISHING.value,
                                      PostState.PUBLISHED.value]))
            .group_by(PostRow.account)
        ).all():
            if last is not None:
                busy[account] = last if last.tzinfo else last.replace(tzinfo=now.tzinfo)
    for post_id, account, priority in approved:
        previous = busy.get(account)
        if priority > 0 and app.settings.schedule.breaking_first:
            slot = now  # breaking news ignores the gap, and the next post keeps its gap from it
        else:
            slot = max(now, previous + gap) if previous else now
        busy[account] = max(slot, previous) if previous else slot
        with app.sessions() as session:
            try:
                transition(session, post_id, PostState.SCHEDULED, actor="planner",
                           reason=f"next free slot {slot.isoformat(timespec='minutes')}",
                           expect=[PostState.APPROVED], scheduled_at=slot)
            except IllegalTransition:
                continue  # an editor acted on it meanwhile: their choice stands
        planned += 1
    return planned


def dispatch_due(app: App, *, worker: str, stop: threading.Event | None = None,
                 limit: int = 100) -> DispatchReport:
    """Publish due posts one at a time; on ``stop`` the post in hand finishes and the rest wait."""
    report = DispatchReport()
    lease = timedelta(seconds=app.settings.schedule.lease_seconds)
    while report.handled < limit and not (stop and stop.is_set()):
        # Both are read before every post: an editor may pull the kill switch, or an account
        # may come to need attention, in the middle of a long run.
        if kill_switch_on(app):
            log.warning("kill switch is on: nothing is published")
            break
        held = held_accounts(app)
        with app.sessions() as session:
            ids = claim_due(session, now=app.clock(), worker=worker, lease=lease, limit=1,
                            skip_accounts=held)
        if not ids:
            break
        _publish_guarded(app, ids[0], worker=worker, report=report)
    return report


def reconcile_expired(app: App, *, worker: str) -> DispatchReport:
    """A post whose lease expired may or may not be out: ask the platform before any retry."""
    report = DispatchReport()
    lease = timedelta(seconds=app.settings.schedule.lease_seconds)
    if kill_switch_on(app):
        return report  # reconciling may publish again: it waits like everything else
    held = held_accounts(app)
    with app.sessions() as session:
        ids = expired_leases(session, now=app.clock(), skip_accounts=held)
    for post_id in ids:
        with app.sessions() as session:
            if take_over_lease(session, post_id, now=app.clock(), worker=worker, lease=lease):
                _publish_guarded(app, post_id, worker=worker, report=report, reconcile=True)
    return report


def _publish_guarded(app: App, post_id: int, *, worker: str, report: DispatchReport,
                     reconcile: bool = False) -> None:
    try:
        _publish_one(app, post_id, worker=worker, report=report, reconcile=reconcile)
    except IllegalTransition as exc:
        # Another worker reconciled this post after our lease ran out: its record stands.
        log.warning("post #%s changed hands while we were publishing it: %s", post_id, exc)


def _publish_one(app: App, post_id: int, *, worker: str, report: DispatchReport,
                 reconcile: bool = False) -> None:
    actor = f"worker:{worker}"
    with app.sessions() as session:
        row = session.get_one(PostRow, post_id)
        post = post_from_row(row)
        card = card_from_row(row.card) if row.card is not None else None
        attempts = row.attempts
    try:
        account = app.settings.account(post.account)
    except KeyError:
        _fail(app, post_id, actor, f"account {post.account} is no longer in accounts.toml", report)
        return
    try:
        # Inside the guard: a publisher that cannot even be built (bad config, undecryptable
        # session) must become a retry or a failure, not a post stuck in ``publishing``.
        publisher, _note = publisher_for(app, account)
        try:
            existing = publisher.find_existing(post) if (reconcile or attempts > 1) else None
        except Rejected as exc:  # the platform cannot say whether it went out: a person decides
            _fail(app, post_id, actor, exc.reason, report, why=f"not retried: {exc.reason}")
            return
        if existing is not None:
            log.info("post #%s was already on %s: recorded, not sent again", post_id, post.platform)
            _finish(app, post_id, existing, actor, "found on the platform: not sent again")
            report.published.append(post_id)
            return
        published = publisher.publish(post, card)
    except RateLimited as exc:
        # A reset time already past (clock skew) must not turn into a tight retry loop.
        until = max(exc.until, app.clock() + timedelta(seconds=RATE_LIMIT_FLOOR_S))
        _retry(app, post_id, actor, until, f"rate limited: {exc.message}")
        report.retried.append(post_id)
    except Transient as exc:
        _retry_or_fail(app, post_id, attempts, actor, f"temporary problem: {exc.message}", report)
    except AuthExpired as exc:
        set_health(app, account.name, AccountHealth(
            HealthStatus.NEEDS_ATTENTION, reason=exc.message,
            fix=f"reconnect the account: socialbot accounts check {account.name}"), actor=actor)
        # The post did nothing wrong: waiting for a person does not use up its attempts.
        _retry(app, post_id, actor, app.clock(), f"held: {account.name} needs attention ({exc.message})",
               attempts=max(0, attempts - 1))
        report.held.append(post_id)
    except Rejected as exc:
        _fail(app, post_id, actor, exc.reason, report,
              why=f"{post.platform.value} refused the post: {exc.reason}")
    except PublishError as exc:  # a new subclass nobody mapped yet: treat as temporary
        _retry_or_fail(app, post_id, attempts, actor, exc.message, report)
    except Exception as exc:
        log.exception("publisher for %s crashed on post #%s", account.name, post_id)
        # Unclassified exceptions were never cleaned by a platform module: mask secrets before
        # the text reaches the database, the desk and the CLI.
        _retry_or_fail(app, post_id, attempts, actor,
                       redact(f"internal error: {type(exc).__name__}: {exc}")[:500], report)
    else:
        if published.manual:
            with app.sessions() as session:
                transition(session, post_id, PostState.AWAITING_MANUAL, actor=actor,
                           expect=[PostState.PUBLISHING],
                           reason="waiting for an editor to post it by hand",
                           remote_url=published.url)
            log.warning("post #%s for %s is waiting to be posted by hand: %s", post_id,
                        account.name, published.url)
            report.manual.append(post_id)
        else:
            _finish(app, post_id, published, actor, f"published: {published.url}")
            report.published.append(post_id)


def _finish(app: App, post_id: int, published: Published, actor: str, reason: str) -> None:
    with app.sessions() as session:
        transition(session, post_id, PostState.PUBLISHED, actor=actor,
                   expect=[PostState.PUBLISHING, PostState.AWAITING_MANUAL], reason=reason,
                   remote_id=published.remote_id, remote_url=published.url,
                   published_at=published.published_at or app.clock(),
                   cost_usd=published.cost_usd, last_error=None)


def _fail(app: App, post_id: int, actor: str, error: str, report: DispatchReport, *,
          why: str | None = None) -> None:
    """The post needs an editor: ``failed``, with the reason in its history and on the desk."""
    with app.sessions() as session:
        transition(session, post_id, PostState.FAILED, actor=actor, expect=[PostState.PUBLISHING],
                   reason=why or error, last_error=error)
    report.failed.append(post_id)


def _retry(app: App, post_id: int, actor: str, when: datetime, reason: str,
           **changes: Any) -> None:
    with app.sessions() as session:
        transition(session, post_id, PostState.SCHEDULED, actor=actor, expect=[PostState.PUBLISHING],
                   reason=reason, scheduled_at=when, last_error=reason, **changes)


def _retry_or_fail(app: App, post_id: int, attempts: int, actor: str, reason: str,
                   report: DispatchReport) -> None:
    if attempts >= app.settings.schedule.max_attempts:
        _fail(app, post_id, actor, reason, report, why=f"gave up after {attempts} attempts: {reason}")
        return
    # Exponential backoff (30 s, 1 min, 2 min ... capped at 30 min), each wait cut by a random
    # 0-50% so retries from one outage do not arrive together.
    delay = min(1800.0, 30.0 * 2 ** (attempts - 1)) * (0.5 + random.random() / 2)
    _retry(app, post_id, actor, app.clock() + timedelta(seconds=delay), reason)
    report.retried.append(post_id)
