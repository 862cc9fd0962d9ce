"""The worker publishes each post once, in order, and turns every platform error into a state."""

from __future__ import annotations

import itertools
import json
import threading
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa

from socialbot.domain import (
    AuthExpired,
    Platform,
    PostState,
    Published,
    RateLimited,
    Rejected,
    Transient,
)
from socialbot.schedule.worker import Worker
from socialbot.services import posts
from socialbot.services.accounts import account_states, set_kill_switch
from socialbot.services.app import App
from socialbot.services.intake import ingest_source
from socialbot.services.publishing import dispatch_due, plan_approved, reconcile_expired
from socialbot.store.queue import claim_due
from socialbot.store.tables import PostRow
from tests.services.conftest import Clock, ScriptedPublisher


def ingest_doc(app: App, tmp_path: Path, n: int = 1, **extra: object) -> None:
    for i in range(n):
        doc = {"url": f"https://www.example-news.com.tr/world/story-{i}", "guid": f"s{i}",
               "title": f"Story {i}: Ankara and Baku sign energy deal", "section": "world", **extra}
        path = tmp_path / f"d{i}-{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        assert ingest_source(app, str(path)).error is None


def state_of(app: App, platform: str) -> list[str]:
    return [v.state for v in posts.list_posts(app) if v.platform == platform]


def test_everything_lands_in_the_outbox_once(app: App, tmp_path: Path) -> None:
    from socialbot.samples import sample_feed_path

    ingest_source(app, str(sample_feed_path()))
    app.settings = app.settings.with_schedule(min_gap_minutes=0)
    first = Worker(app, name="w").run_once(poll=False)
    assert first.published == 48
    second = Worker(app, name="w").run_once(poll=False)
    assert second.published == 0
    cards = list(app.settings.outbox_dir.rglob("card.jpg"))
    assert len(cards) == 48
    metas = [json.loads(p.read_text()) for p in app.settings.outbox_dir.rglob("meta.json")]
    assert len({m["idempotency_key"] for m in metas}) == 48


def test_planner_spaces_posts_by_the_gap_and_breaking_goes_first(app: App, tmp_path: Path,
                                                                 clock: Clock) -> None:
    ingest_doc(app, tmp_path, n=3)
    ingest_doc(app, tmp_path, n=1, guid="brk", url="https://www.example-news.com.tr/b",
               title="Earthquake hits eastern Türkiye", breaking=True)
    plan_approved(app)
    x = sorted((v for v in posts.list_posts(app) if v.account == "x-main"),
               key=lambda v: v.scheduled_at or clock())
    assert x[0].breaking and x[0].scheduled_at == clock()
    # the breaking post holds its slot: the next one keeps the gap from it
    gaps = [b.scheduled_at - a.scheduled_at for a, b in itertools.pairwise(x)]  # type: ignore[operator]
    assert gaps and all(g == timedelta(minutes=20) for g in gaps)


def _one_x_post(app: App, tmp_path: Path, answers: list[object]) -> ScriptedPublisher:
    ingest_doc(app, tmp_path)
    fake = ScriptedPublisher(Platform.X, answers=answers)  # type: ignore[arg-type]
    app.publisher_overrides["x-main"] = fake
    return fake


def _x_row(app: App) -> PostRow:
    with app.sessions() as s:
        return s.execute(sa.select(PostRow).where(PostRow.account == "x-main")).scalar_one()


def test_transient_error_retries_later_then_publishes(app: App, tmp_path: Path, clock: Clock) -> None:
    fake = _one_x_post(app, tmp_path, [Transient("timeout talking to X")])
    Worker(app, name="w").run_once(poll=False)
    row = _x_row(app)
    assert row.state == "scheduled" and row.scheduled_at > clock() and "timeout" in row.last_error
    clock.advance(hours=1)
    Worker(app, name="w").run_once(poll=False)
    row = _x_row(app)
    assert row.state == "published" and fake.published == [row.id]
    assert fake.lookups == [row.id]  # a retry asks the platform first: never twice


def test_rate_limit_waits_until_the_platform_says(app: App, tmp_path: Path, clock: Clock) -> None:
    until = clock() + timedelta(minutes=15)
    _one_x_post(app, tmp_path, [RateLimited("too many posts", until)])
    Worker(app, name="w").run_once(poll=False)
    row = _x_row(app)
    assert row.state == "scheduled" and row.scheduled_at == until


def test_rejected_post_fails_with_the_platform_reason(app: App, tmp_path: Path) -> None:
    _one_x_post(app, tmp_path, [Rejected("You are not allowed to create a Tweet with duplicate content.")])
    Worker(app, name="w").run_once(poll=False)
    row = _x_row(app)
    assert row.state == "failed" and "duplicate content" in row.last_error
    # an editor can send it back to the queue
    posts.approve(app, row.id, actor="editor@n")


def test_expired_auth_holds_the_account_and_others_go_on(app: App, tmp_path: Path) -> None:
    app.settings = app.settings.with_schedule(min_gap_minutes=0)
    _one_x_post(app, tmp_path, [AuthExpired("token revoked")])
    Worker(app, name="w").run_once(poll=False)
    assert state_of(app, "x") == ["scheduled"]
    assert set(state_of(app, "instagram")) == {"published"}
    x_state = next(s for s in account_states(app) if s.account.name == "x-main")
    assert x_state.status.value == "needs_attention" and "token revoked" in x_state.reason
    assert _x_row(app).attempts == 0  # waiting for a person uses up no attempt
    # still held on the next run: nothing is lost, nothing is sent
    Worker(app, name="w").run_once(poll=False)
    assert state_of(app, "x") == ["scheduled"]


def test_a_crashing_publisher_does_not_kill_the_worker(app: App, tmp_path: Path, clock: Clock) -> None:
    fake = _one_x_post(app, tmp_path, [ZeroDivisionError("bug")] * 10)
    for _ in range(app.settings.schedule.max_attempts):
        Worker(app, name="w").run_once(poll=False)
        clock.advance(hours=1)
    row = _x_row(app)
    assert row.state == "failed" and "ZeroDivisionError" in row.last_error
    assert fake.published == []


def test_expired_lease_is_reconciled_not_sent_twice(app: App, tmp_path: Path, clock: Clock) -> None:
    fake = _one_x_post(app, tmp_path, [])
    plan_approved(app)
    with app.sessions() as s:  # a worker claims the post, sends it, and dies before recording it
        claimed = claim_due(s, now=clock(), worker="dead", lease=timedelta(minutes=5))
    x_id = _x_row(app).id
    assert x_id in claimed
    fake.existing = Published(Platform.X, "1899", "https://x.com/examplenews/status/1899")
    clock.advance(minutes=10)
    reconcile_expired(app, worker="w2")
    row = _x_row(app)
    assert row.state == "published" and row.remote_id == "1899"
    assert fake.published == [] and fake.lookups == [x_id]


def test_kill_switch_stops_all_publishing(app: App, tmp_path: Path) -> None:
    app.settings = app.settings.with_schedule(min_gap_minutes=0)
    ingest_doc(app, tmp_path)
    set_kill_switch(app, True, actor="admin@n")
    summary = Worker(app, name="w").run_once(poll=False)
    assert summary.published == 0
    assert {v.state for v in posts.list_posts(app)} == {"scheduled"}
    set_kill_switch(app, False, actor="admin@n")
    assert Worker(app, name="w").run_once(poll=False).published == 4


def test_stop_leaves_unclaimed_posts_scheduled(app: App, tmp_path: Path) -> None:
    ingest_doc(app, tmp_path)
    plan_approved(app)
    stop = threading.Event()
    stop.set()
    report = dispatch_due(app, worker="w", stop=stop)
    assert report.handled == 0
    assert {v.state for v in posts.list_posts(app)} == {PostState.SCHEDULED.value}


def test_manual_youtube_post_waits_for_an_editor(app: App, tmp_path: Path) -> None:
    ingest_doc(app, tmp_path)
    app.publisher_overrides["yt-main"] = ScriptedPublisher(
        Platform.YOUTUBE,
        answers=[Published(Platform.YOUTUBE, "pending:1", "https://www.youtube.com/@ExampleNews/community",
                           manual=True)])
    Worker(app, name="w").run_once(poll=False)
    [yt] = [v for v in posts.list_posts(app) if v.platform == "youtube"]
    assert yt.state == "awaiting_manual"
    posts.mark_done(app, yt.id, "https://www.youtube.com/post/UgkxAbc123", actor="editor@n")
    done = posts.get_post(app, yt.id)
    assert done.state == "published" and done.remote_url.endswith("UgkxAbc123")  # type: ignore[union-attr]


def test_a_post_for_a_removed_account_fails_with_a_reason(app: App, tmp_path: Path) -> None:
    from dataclasses import replace

    ingest_doc(app, tmp_path)
    app.settings = replace(app.settings, accounts=tuple(a for a in app.settings.accounts
                                                        if a.name != "x-main"))
    Worker(app, name="w").run_once(poll=False)
    row = _x_row(app)
    assert row.state == "failed" and "no longer" in (row.last_error or "")


class _KillSwitchPuller(ScriptedPublisher):
    """Pulls the kill switch while its first post goes out (an editor at the desk mid-run)."""

    app: App | None = None

    def publish(self, post, card):  # type: ignore[no-untyped-def]
        assert self.app is not None
        set_kill_switch(self.app, True, actor="admin@n")
        return super().publish(post, card)


def test_kill_switch_pulled_mid_run_stops_the_next_post(app: App, tmp_path: Path) -> None:
    app.settings = app.settings.with_schedule(min_gap_minutes=0)
    ingest_doc(app, tmp_path)
    fakes = []
    for account in app.settings.accounts:
        fake = _KillSwitchPuller(account.platform)
        fake.app = app
        app.publisher_overrides[account.name] = fake
        fakes.append(fake)
    Worker(app, name="w").run_once(poll=False)
    assert sum(len(f.published) for f in fakes) == 1
    states = sorted(v.state for v in posts.list_posts(app))
    assert states.count("published") == 1 and states.count("scheduled") == len(states) - 1


def test_reconciling_waits_for_the_kill_switch_and_paused_accounts(app: App, tmp_path: Path,
                                                                  clock: Clock) -> None:
    from socialbot.services.accounts import set_paused

    fake = _one_x_post(app, tmp_path, [])
    plan_approved(app)
    with app.sessions() as s:
        claim_due(s, now=clock(), worker="dead", lease=timedelta(minutes=5))
    x_id = _x_row(app).id
    clock.advance(minutes=10)
    set_kill_switch(app, True, actor="admin@n")
    reconcile_expired(app, worker="w2")
    set_kill_switch(app, False, actor="admin@n")
    set_paused(app, "x-main", True, actor="admin@n")
    reconcile_expired(app, worker="w2")
    assert fake.lookups == [] and fake.published == []
    assert _x_row(app).state == "publishing"
    set_paused(app, "x-main", False, actor="admin@n")
    reconcile_expired(app, worker="w2")
    assert _x_row(app).state == "published" and fake.published == [x_id]


def test_a_publisher_that_cannot_be_built_fails_the_post_not_the_worker(
        app: App, tmp_path: Path, clock: Clock) -> None:
    from dataclasses import replace

    ingest_doc(app, tmp_path)
    app.settings = replace(app.settings, accounts=tuple(
        replace(a, publisher="typo") if a.name == "x-main" else a for a in app.settings.accounts))
    for _ in range(app.settings.schedule.max_attempts):
        Worker(app, name="w").run_once(poll=False)  # raised ValueError before the fix
        clock.advance(hours=1)
    row = _x_row(app)
    assert row.state == "failed" and "unknown publisher 'typo'" in (row.last_error or "")
    assert set(state_of(app, "instagram")) == {"published"}


def test_a_crash_message_never_carries_a_secret_into_the_queue(app: App, tmp_path: Path) -> None:
    from socialbot.platforms.base import register_secrets

    secret = "sk-live-3f9a8b7c6d5e4f3a2b1c"
    register_secrets([secret])
    _one_x_post(app, tmp_path, [RuntimeError(f"POST https://api.example/?token={secret} failed")])
    Worker(app, name="w").run_once(poll=False)
    row = _x_row(app)
    assert row.state == "scheduled" and "RuntimeError" in (row.last_error or "")
    assert secret not in (row.last_error or "")
    assert secret not in "".join(h.detail or "" for h in posts.history(app, row.id))


def test_a_rate_limit_reset_in_the_past_does_not_spin(app: App, tmp_path: Path, clock: Clock) -> None:
    fake = _one_x_post(app, tmp_path, [RateLimited("slow down", clock() - timedelta(minutes=5))] * 50)
    Worker(app, name="w").run_once(poll=False)
    row = _x_row(app)
    assert row.state == "scheduled" and row.scheduled_at > clock()
    assert len(fake.answers) == 49  # asked once, not hammered


def test_a_post_the_platform_cannot_reconcile_goes_to_a_person(app: App, tmp_path: Path,
                                                               clock: Clock) -> None:
    fake = _one_x_post(app, tmp_path, [Transient("timeout during upload")])
    Worker(app, name="w").run_once(poll=False)
    fake.existing = Rejected("cannot tell whether this post went out: check the account")
    clock.advance(hours=1)
    Worker(app, name="w").run_once(poll=False)
    row = _x_row(app)
    assert row.state == "failed" and "cannot tell" in (row.last_error or "")
    assert fake.published == []  # never sent again on a guess
