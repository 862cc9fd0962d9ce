"""``socialbot accounts``: list, add, check and connect social accounts."""

from __future__ import annotations

import tomllib

import click
from rich.table import Table

from socialbot.console import console
from socialbot.domain import HealthStatus, Platform, PublishError
from socialbot.services.accounts import account_states, publisher_for, set_health
from socialbot.services.app import App
from socialbot.settings import load_settings


@click.group()
def accounts() -> None:
    """Social accounts: which publisher each uses and whether it is healthy."""


@accounts.command("list")
def accounts_list() -> None:
    """Every configured account, its publisher and its health."""
    app = App.create(load_settings(), run_migrations=True)
    table = Table("name", "platform", "handle", "approval", "health", "publisher", box=None)
    for state in account_states(app):
        _, note = publisher_for(app, state.account)
        health = "paused" if state.paused else state.status.value
        if state.reason:
            health += f": {state.reason}"
        table.add_row(state.account.name, state.account.platform.value, state.account.handle,
                      state.account.approval.value, health, note)
    console.print(table)


@accounts.command("check")
@click.argument("names", nargs=-1)
def accounts_check(names: tuple[str, ...]) -> None:
    """Ask each platform whether the account's credentials work; says what to do if not."""
    app = App.create(load_settings(), run_migrations=True)
    bad = False
    for account in app.settings.accounts:
        if names and account.name not in names:
            continue
        publisher, note = publisher_for(app, account)
        try:
            health = publisher.check()
        except PublishError as exc:
            console.print(f"{account.name}: could not check now ({exc.message})", highlight=False)
            bad = True
            continue
        set_health(app, account.name, health, actor="cli:check")
        if health.status is HealthStatus.OK:
            console.print(f"[green]{account.name}: ok[/green] {health.identity}  ({note})",
                          highlight=False)
        else:
            bad = True
            console.print(f"[red]{account.name} ({account.platform.value} @{account.handle}): "
                          f"{health.reason}[/red]\n  fix: {health.fix}", highlight=False)
    raise SystemExit(1 if bad else 0)


@accounts.command("add")
@click.argument("name")
@click.option("--platform", type=click.Choice([p.value for p in Platform]), required=True)
@click.option("--handle", required=True)
@click.option("--approval", type=click.Choice(["required", "auto"]), default="required")
def accounts_add(name: str, platform: str, handle: str, approval: str) -> None:
    """Add an account to config/accounts.toml; credentials are named env variables, never values."""
    settings = load_settings()
    path = settings.config_dir / "accounts.toml"
    if any(a.name == name for a in settings.accounts):
        raise click.ClickException(f"an account named {name} already exists in {path}")
    prefix = name.upper().replace("-", "_")
    keys = {"x": ["consumer_key", "consumer_secret", "access_token", "access_token_secret"],
            "instagram": ["username", "password", "totp_secret"],
            "youtube": ["client_id", "client_secret", "cookies_file"]}[platform]
    block = (f'\n[[accounts]]\nname = "{name}"\nplatform = "{platform}"\nhandle = "{handle}"\n'
             f'approval = "{approval}"\n[accounts.credentials]\n'
             + "".join(f'{k} = "{prefix}_{k.upper()}"\n' for k in keys))
    tomllib.loads(block)  # never write a file we could not read back
    with path.open("a", encoding="utf-8") as fh:
        fh.write(block)
    console.print(f"added {name} to {path}; set " + ", ".join(f"{prefix}_{k.upper()}" for k in keys)
                  + " in the environment (until then it posts to the outbox)", highlight=False)


@accounts.command("connect")
@click.argument("platform", type=click.Choice(["youtube"]))
@click.argument("name", required=False)
def accounts_connect(platform: str, name: str | None) -> None:
    """Connect a YouTube channel (OAuth installed-app flow); the refresh token is stored encrypted."""
    import os

    from socialbot.platforms.youtube import REFRESH_TOKEN, connect_youtube

    app = App.create(load_settings(), run_migrations=True)
    candidates = [a for a in app.settings.accounts if a.platform.value == platform
                  and (name is None or a.name == name)]
    if len(candidates) != 1:
        raise click.ClickException(f"name one {platform} account: "
                                   + ", ".join(a.name for a in app.settings.accounts
                                               if a.platform.value == platform))
    account = candidates[0]
    cid = os.environ.get(account.credentials.get("client_id", ""), "")
    secret = os.environ.get(account.credentials.get("client_secret", ""), "")
    if not cid or not secret:
        raise click.ClickException(
            f"{account.name}: set {account.credentials.get('client_id')} and "
            f"{account.credentials.get('client_secret')} (a Google OAuth client of type Desktop)")
    client = {"installed": {"client_id": cid, "client_secret": secret,
                            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
                            "token_uri": "https://oauth2.googleapis.com/token"}}

    def read_code(url: str) -> str:
        console.print(f"Open this address, allow access, then paste the code (or the whole "
                      f"http://localhost/... address your browser shows):\n\n{url}\n")
        return str(click.prompt("code", hide_input=True))

    token = connect_youtube(client, read_code)
    app.vault.save(account.name, REFRESH_TOKEN, token.encode())
    console.print(f"{account.name}: connected; run `socialbot accounts check {account.name}`")


