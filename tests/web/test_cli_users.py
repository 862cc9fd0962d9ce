"""``socialbot users add`` reads the password from standard input."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from socialbot.cli import main
from socialbot.services.app import App
from socialbot.services.users import authenticate
from socialbot.settings import load_settings


def test_users_add_reads_the_password_from_stdin(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"SOCIALBOT_HOME": str(tmp_path), "SOCIALBOT_SECRET_KEY": "k"}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    runner = CliRunner()
    ok = runner.invoke(main, ["users", "add", "Desk@Example.com", "--role", "viewer"],
                       input="a long password\n")
    assert ok.exit_code == 0, ok.output
    assert "added desk@example.com as viewer" in ok.output
    again = runner.invoke(main, ["users", "add", "desk@example.com"], input="a long password\n")
    assert again.exit_code == 1 and "already exists" in again.output
    short = runner.invoke(main, ["users", "add", "b@example.com"], input="short\n")
    assert short.exit_code == 1 and "at least 10 characters" in short.output
    bad_role = runner.invoke(main, ["users", "add", "c@example.com", "--role", "boss"], input="x\n")
    assert bad_role.exit_code == 2
    app = App.create(load_settings())
    try:
        user = authenticate(app, "desk@example.com", "a long password")
        assert user is not None and user.role == "viewer"
    finally:
        app.close()
