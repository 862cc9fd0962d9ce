"""``socialbot web`` (serve the desk) and ``socialbot users add`` (password read from stdin)."""

from __future__ import annotations

import os
import sys

import click

from socialbot.services.app import App
from socialbot.services.users import Role, add_user
from socialbot.settings import load_settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 on a platform such as Heroku).")
@click.option("--port", type=int, default=lambda: int(os.environ.get("PORT", "8000")),
              show_default="$PORT or 8000")
def web(host: str, port: int) -> None:
    """Serve the social desk (editor pages, CMS webhook, /healthz)."""
    from socialbot.web.app import serve

    serve(host, port)


@click.group()
def users() -> None:
    """Desk users and their roles."""


@users.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.EDITOR.value,
              show_default=True)
def users_add(email: str, role: str) -> None:
    """Add a desk user; the password is read from standard input (one line)."""
    if sys.stdin.isatty():
        password = click.prompt("password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    app = App.create(load_settings(), run_migrations=True)
    try:
        add_user(app, email, password, Role(role), actor="cli")
    except ValueError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(1) from None
    finally:
        app.close()
    click.echo(f"added {email.strip().lower()} as {role}")
