"""Intake through the service layer: sample feed, re-ingest, changed articles, bad sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image

from socialbot.domain import PostState
from socialbot.samples import SAMPLES_DIR, sample_feed_path
from socialbot.services import posts
from socialbot.services.app import App
from socialbot.services.articles import Outcome
from socialbot.services.intake import ingest_source
from socialbot.store.tables import ArticleRow, AuditRow, CardRow, PostRow


def counts(app: App) -> tuple[int, int, int, int]:
    with app.sessions() as s:
        return tuple(  # type: ignore[return-value]
            s.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in (ArticleRow, PostRow, CardRow, AuditRow)
        )


def test_sample_feed_gives_every_account_its_posts_and_cards(app: App) -> None:
    report = ingest_source(app, str(sample_feed_path()))
    assert report.error is None and report.kind == "feed"
    assert report.count(Outcome.CREATED) == 12
    views = posts.list_posts(app)
    # x: 1 kind, instagram: feed + story, youtube: 1 kind -> 4 posts per article
    assert len(views) == 48
    assert {v.state for v in views} == {"approved"}  # the sample accounts post automatically
    with app.sessions() as s:
        cards = s.execute(sa.select(CardRow)).scalars().all()
        sizes = {(c.format, c.width, c.height) for c in cards}
        jpeg = cards[0].jpeg
    assert sizes == {("x", 1600, 900), ("ig-feed", 1080, 1350), ("ig-story", 1080, 1920),
                     ("youtube", 1080, 1080)}
    assert jpeg[:3] == b"\xff\xd8\xff"


def test_second_ingest_changes_nothing(app: App) -> None:
    ingest_source(app, str(sample_feed_path()))
    before = counts(app)
    report = ingest_source(app, str(sample_feed_path()))
    assert report.count(Outcome.UNCHANGED) == 12
    assert counts(app) == before


def _doc(tmp_path: Path, **changes: object) -> str:
    doc = {"url": "https://www.example-news.com.tr/economy/lira", "guid": "lira-1",
           "title": "Lira steadies after central bank holds rates", "section": "economy",
           "summary": "The Central Bank of the Republic of Türkiye kept its policy rate."}
    doc.update(changes)
    path = tmp_path / f"doc-{len(list(tmp_path.glob('doc-*')))}.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return str(path)


def test_changed_article_recomposes_untouched_posts_and_keeps_edits(app: App, tmp_path: Path) -> None:
    ingest_source(app, _doc(tmp_path))
    by_kind = {v.kind: v for v in posts.list_posts(app)}
    x_post, yt_post = by_kind["x_post"], by_kind["yt_community"]
    posts.edit(app, yt_post.id, actor="editor@n", text="Hand-written YouTube text")
    report = ingest_source(app, _doc(tmp_path, title="Lira rallies as central bank signals cuts"))
    assert report.count(Outcome.UPDATED) == 1 and report.stored[0].posts_created == 0
    after = {v.kind: v for v in posts.list_posts(app)}
    assert "Lira rallies" in after["x_post"].text and after["x_post"].id == x_post.id
    assert after["yt_community"].text == "Hand-written YouTube text"
    actions = [a.action for a in posts.history(app, x_post.id)]
    assert "recomposed" in actions
    assert "kept-edit" in [a.action for a in posts.history(app, yt_post.id)]
    with app.sessions() as s:
        assert s.execute(sa.select(ArticleRow.title)).scalar_one().startswith("Lira rallies")


def test_same_url_without_guid_is_the_same_article(app: App, tmp_path: Path) -> None:
    ingest_source(app, _doc(tmp_path))
    report = ingest_source(app, _doc(tmp_path, guid=None, title="Lira steadies (updated)"))
    assert report.count(Outcome.UPDATED) == 1
    assert counts(app)[0] == 1


def test_published_posts_are_never_recomposed(app: App, tmp_path: Path) -> None:
    from socialbot.schedule.worker import Worker

    ingest_source(app, _doc(tmp_path))
    Worker(app, name="t").run_once(poll=False)
    published = {v.id: v.text for v in posts.list_posts(app) if v.state == "published"}
    assert published
    ingest_source(app, _doc(tmp_path, title="Completely new headline"))
    for v in posts.list_posts(app):
        if v.id in published:
            assert v.text == published[v.id] and v.state == "published"


def test_malformed_feed_changes_nothing(app: App, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text("<rss><channel><item><title>oops</channel>", encoding="utf-8")
    before = counts(app)
    report = ingest_source(app, str(bad))
    assert report.error and "\n" not in report.error and "bad.xml" in report.error
    assert counts(app) == before


def test_empty_title_document_is_refused_with_the_field_named(app: App, tmp_path: Path) -> None:
    report = ingest_source(app, _doc(tmp_path, title="   "))
    assert report.error and "title" in report.error
    assert counts(app)[0] == 0


def test_missing_photo_still_gives_a_post_with_a_brand_card(app: App, tmp_path: Path) -> None:
    report = ingest_source(app, _doc(tmp_path, image="file:///nonexistent/photo.jpg"))
    assert report.count(Outcome.CREATED) == 1
    assert any("photo.jpg" in p for p in report.problems)
    assert all(v.state == "approved" for v in posts.list_posts(app))


def test_corrupt_photo_falls_back_to_the_brand_background(app: App, tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg" * 10)
    ingest_source(app, _doc(tmp_path, image=broken.as_uri()))
    views = posts.list_posts(app)
    assert views and all(v.card_warnings for v in views)
    jpeg = posts.card_jpeg(app, views[0].id)
    assert jpeg is not None
    import io

    assert Image.open(io.BytesIO(jpeg)).size in {(1600, 900), (1080, 1350), (1080, 1920), (1080, 1080)}


def test_html_page_ingest_uses_its_metadata(app: App) -> None:
    page = sorted((SAMPLES_DIR / "pages").glob("*.html"))[0]
    report = ingest_source(app, str(page))
    assert report.kind == "page" and report.count(Outcome.CREATED) == 1
    with app.sessions() as s:
        row = s.execute(sa.select(ArticleRow)).scalar_one()
    assert row.title and row.url.startswith("https://") and row.section


def test_required_approval_leaves_posts_in_draft(tmp_path: Path, clock: object) -> None:
    from tests.services.conftest import make_app

    config = tmp_path / "config"
    config.mkdir()
    (config / "accounts.toml").write_text(
        '[[accounts]]\nname = "x-desk"\nplatform = "x"\nhandle = "desk"\napproval = "auto"\n'
        'section_approval = { politics = "required" }\n', encoding="utf-8")
    app = make_app(tmp_path, clock, config)  # type: ignore[arg-type]
    ingest_source(app, _doc(tmp_path, section="politics"))
    ingest_source(app, _doc(tmp_path, url="https://www.example-news.com.tr/economy/b", guid="b"))
    states = {v.section: v.state for v in posts.list_posts(app)}
    assert states == {"politics": PostState.DRAFT.value, "economy": PostState.APPROVED.value}
    app.close()


def test_tracking_parameters_do_not_make_a_second_article(app: App, tmp_path: Path) -> None:
    ingest_source(app, _doc(tmp_path, guid=None))
    report = ingest_source(app, _doc(
        tmp_path, guid=None, url="https://WWW.example-news.com.tr/economy/lira?utm_source=rss#top"))
    assert report.count(Outcome.CREATED) == 0
    assert counts(app)[0] == 1


def test_a_fixed_article_gets_its_draft_approved(app: App, tmp_path: Path) -> None:
    # An emoji-only headline gives a post with a problem: it waits in draft for an editor...
    ingest_source(app, _doc(tmp_path, title="🚨🚨", summary=""))
    assert {v.state for v in posts.list_posts(app)} == {"draft"}
    # ... until the newsroom fixes the headline: the auto accounts then take it.
    ingest_source(app, _doc(tmp_path, title="Lira steadies after central bank holds rates"))
    assert {v.state for v in posts.list_posts(app)} == {"approved"}


def test_a_changed_article_needs_approving_again_where_a_person_approves(tmp_path: Path,
                                                                         clock: object) -> None:
    from tests.services.conftest import make_app

    config = tmp_path / "config"
    config.mkdir()
    (config / "accounts.toml").write_text(
        '[[accounts]]\nname = "x-desk"\nplatform = "x"\nhandle = "desk"\napproval = "required"\n'
        '[[accounts]]\nname = "x-auto"\nplatform = "x"\nhandle = "auto"\napproval = "auto"\n',
        encoding="utf-8")
    app = make_app(tmp_path, clock, config)  # type: ignore[arg-type]
    ingest_source(app, _doc(tmp_path))
    by_account = {v.account: v for v in posts.list_posts(app)}
    posts.approve(app, by_account["x-desk"].id, actor="editor@n")
    ingest_source(app, _doc(tmp_path, title="Lira rallies as central bank signals cuts"))
    after = {v.account: v for v in posts.list_posts(app)}
    # The editor approved other words: the new ones wait for them; the auto account goes on.
    assert after["x-desk"].state == "draft" and "Lira rallies" in after["x-desk"].text
    assert after["x-auto"].state == "approved"
    history = posts.history(app, after["x-desk"].id)
    assert history[-1].from_state == "approved" and "approve the new text" in (history[-1].detail or "")
    # An auto post whose new text has a problem waits for a person too.
    ingest_source(app, _doc(tmp_path, title="🚨🚨", summary=""))
    assert {v.state for v in posts.list_posts(app)} == {"draft"}
    app.close()


def test_a_lost_insert_race_finds_the_winner(app: App, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import socialbot.services.articles as articles

    doc = _doc(tmp_path)
    ingest_source(app, doc)  # the "other" delivery won the race
    real = articles.find_article
    calls = {"n": 0}

    def blind_once(session, article):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return None if calls["n"] == 1 else real(session, article)

    monkeypatch.setattr(articles, "find_article", blind_once)
    report = ingest_source(app, doc)
    assert report.error is None and report.count(Outcome.UNCHANGED) == 1
    assert counts(app)[0] == 1


@pytest.mark.parametrize("change", [False, True])
def test_cards_render_without_holding_the_database_write_lock(
        app: App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: bool) -> None:
    import sqlite3

    import socialbot.services.articles as articles

    if change:
        ingest_source(app, _doc(tmp_path))
    real = articles.render_cards
    writes: list[str] = []

    def render_and_probe(*args, **kwargs):  # type: ignore[no-untyped-def]
        # Another writer (an editor on the desk) must get in while cards are being drawn.
        probe = sqlite3.connect(app.settings.home / "socialbot.db", timeout=0)
        try:
            probe.execute("UPDATE flags SET value = value")
            probe.commit()
            writes.append("ok")
        except sqlite3.OperationalError as exc:
            writes.append(str(exc))
        finally:
            probe.close()
        return real(*args, **kwargs)

    monkeypatch.setattr(articles, "render_cards", render_and_probe)
    title = "Lira rallies as central bank signals cuts" if change else None
    report = ingest_source(app, _doc(tmp_path, **({"title": title} if title else {})))
    assert report.error is None and writes and set(writes) == {"ok"}
