"""The ``socialbot`` command end to end, on a temporary home."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from socialbot.cli import main, parse_when
from socialbot.samples import sample_feed_path


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"SOCIALBOT_HOME": str(tmp_path / "home"), "SOCIALBOT_SECRET_KEY": "cli-test"}


def run(env: dict[str, str], *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env, input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def db_counts(env: dict[str, str]) -> tuple[int, int]:
    engine = sa.create_engine(f"sqlite:///{env['SOCIALBOT_HOME']}/socialbot.db")
    with engine.connect() as c:
        return (c.execute(sa.text("select count(*) from articles")).scalar_one(),
                c.execute(sa.text("select count(*) from posts")).scalar_one())


def test_demo_publishes_everything_once(env: dict[str, str]) -> None:
    code, out, _ = run(env, "demo")
    assert code == 0, out
    assert "published this run: 48" in out and "desk login: admin@localhost" in out
    outbox = Path(env["SOCIALBOT_HOME"]) / "outbox"
    assert len(list(outbox.rglob("card.jpg"))) == 48
    code, out, _ = run(env, "demo")
    assert code == 0 and "published this run: 0" in out and "desk login" not in out
    assert len(list(outbox.rglob("card.jpg"))) == 48


def test_malformed_feed_prints_one_line_and_changes_nothing(env: dict[str, str], tmp_path: Path) -> None:
    run(env, "ingest", str(sample_feed_path()))
    before = db_counts(env)
    bad = tmp_path / "broken.xml"
    bad.write_bytes(b"<?xml version='1.0'?><rss><channel><item><title>x</item></rss")
    code, _out, err = run(env, "ingest", str(bad))
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "broken.xml" in lines[0] and lines[0].startswith("error:")
    assert db_counts(env) == before


def test_queue_list_json_and_actions(env: dict[str, str], tmp_path: Path) -> None:
    doc = tmp_path / "a.json"
    doc.write_text(json.dumps({"url": "https://www.example-news.com.tr/politics/vote",
                               "title": "Parliament votes on the budget", "section": "politics"}))
    assert run(env, "ingest", str(doc))[0] == 0
    code, out, _ = run(env, "queue", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and {r["kind"] for r in rows} == {"x_post", "ig_feed", "ig_story", "yt_community"}
    x_id = next(r["id"] for r in rows if r["kind"] == "x_post")
    assert run(env, "queue", "schedule", str(x_id), "+2h")[0] == 0
    assert run(env, "queue", "reject", str(x_id), "--reason", "wrong photo")[0] == 0
    code, _, err = run(env, "queue", "approve", str(x_id))  # rejected -> approved is illegal
    assert code == 1 and "rejected post cannot become approved" in err
    code, out, _ = run(env, "queue", "show", str(x_id))
    assert code == 0 and "wrong photo" in out and "scheduled -> rejected" in out


def test_post_check_json(env: dict[str, str]) -> None:
    text = "Türkiye ve İstanbul 🇹🇷 https://www.example-news.com.tr/a/b/c?x=1"
    code, out, _ = run(env, "post-check", "--platform", "x", "--json", input=text)
    data = json.loads(out)
    assert code == 0 and data["valid"] and data["max_length"] == 280
    # 20 light chars + 1 space + flag (2) + space + URL (23)
    assert data["weighted_length"] == len("Türkiye ve İstanbul ") + 2 + 1 + 23


def test_card_command_renders_a_file(env: dict[str, str], tmp_path: Path) -> None:
    out_file = tmp_path / "card.jpg"
    page = sorted((sample_feed_path().parent / "pages").glob("*.html"))[0]
    code, out, _ = run(env, "card", str(page), "--format", "ig-story", "-o", str(out_file))
    assert code == 0, out
    from PIL import Image

    assert Image.open(out_file).size == (1080, 1920)


def test_parse_when_uses_the_newsroom_zone() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    ist = ZoneInfo("Europe/Istanbul")
    assert parse_when("2026-11-25 14:30", ist, now) == datetime(2026, 11, 25, 11, 30, tzinfo=UTC)
    assert parse_when("+90m", ist, now) == datetime(2026, 11, 25, 10, 30, tzinfo=UTC)


def test_worker_stops_cleanly_on_sigterm(env: dict[str, str]) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "socialbot", "-v", "worker"],
        env={**os.environ, **env}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        seen = ""
        while "started" not in seen and time.monotonic() < deadline:
            line = proc.stdout.readline() if proc.stdout else ""
            seen += line
        assert "started" in seen, seen
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    rest = proc.stdout.read() if proc.stdout else ""
    assert code == 0 and "stopped" in rest


def test_repost_is_explicit_and_gets_its_own_key(env: dict[str, str], tmp_path: Path) -> None:
    doc = tmp_path / "r.json"
    doc.write_text(json.dumps({"url": "https://www.example-news.com.tr/sports/derby",
                               "title": "Derby ends level in İstanbul", "section": "sports"}))
    run(env, "ingest", str(doc))
    run(env, "worker", "--once")
    rows = json.loads(run(env, "queue", "list", "--json")[1])
    x = next(r for r in rows if r["kind"] == "x_post")
    assert x["state"] == "published"
    code, out, _ = run(env, "queue", "repost", str(x["id"]))
    assert code == 0 and "repost drafted" in out
    rows = json.loads(run(env, "queue", "list", "--json")[1])
    xs = sorted((r for r in rows if r["kind"] == "x_post"), key=lambda r: r["id"])
    assert [r["state"] for r in xs] == ["published", "draft"]


def test_accounts_check_names_the_account_and_the_fix(env: dict[str, str]) -> None:
    import responses

    bad = {**env, "X_MAIN_CONSUMER_KEY": "ck-bogus-1", "X_MAIN_CONSUMER_SECRET": "cs-bogus-2",
           "X_MAIN_ACCESS_TOKEN": "at-bogus-3", "X_MAIN_ACCESS_TOKEN_SECRET": "ats-bogus-4"}
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.get("https://api.twitter.com/2/users/me", status=401,
                 json={"title": "Unauthorized", "type": "about:blank", "status": 401,
                       "detail": "Unauthorized"})
        code, out, _ = run(bad, "accounts", "check", "x-main")
    assert code == 1
    assert "x-main" in out and "fix:" in out
    for secret in ("ck-bogus-1", "cs-bogus-2", "at-bogus-3", "ats-bogus-4"):
        assert secret not in out
    code, out, _ = run(env, "accounts", "list")
    flat = " ".join(out.split())  # the table may wrap long notes
    assert code == 0 and "no credentials" in flat and "to the outbox" in flat


@pytest.mark.parametrize("image", ["relative", "file-url"])
def test_card_from_a_json_document_with_a_local_photo(env: dict[str, str], tmp_path: Path,
                                                      image: str) -> None:
    from PIL import Image

    photo = sorted((sample_feed_path().parent / "photos").glob("*.jpg"))[0]
    (tmp_path / "photo.jpg").write_bytes(photo.read_bytes())
    ref = "photo.jpg" if image == "relative" else (tmp_path / "photo.jpg").as_uri()
    doc = tmp_path / "doc.json"
    doc.write_text(json.dumps({"url": "https://www.example-news.com.tr/economy/coffee",
                               "title": "Coffee prices climb again", "section": "economy",
                               "image": {"url": ref, "caption": "A cup"}}))
    out = tmp_path / "card.jpg"
    code, _, err = run(env, "card", str(doc), "--format", "youtube", "-o", str(out))
    assert code == 0 and "brand background" not in err  # the photo was found and used
    assert Image.open(out).size == (1080, 1080)


def test_card_with_an_unknown_design_is_a_clear_error(env: dict[str, str]) -> None:
    page = sorted((sample_feed_path().parent / "pages").glob("*.html"))[0]
    code, _, err = run(env, "card", str(page), "--format", "x", "--design", "nope", "-o", "/tmp/x.jpg")
    assert code == 1 and "nope" in err


def test_queue_show_of_an_unknown_post_is_one_line_not_a_traceback(env: dict[str, str]) -> None:
    code, _out, err = run(env, "queue", "show", "999")
    assert code == 1 and err.strip() == "error: no post #999"
