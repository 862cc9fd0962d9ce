"""``socialbot post-check``: how a platform would judge a post text read from standard input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

from socialbot.compose.counting import TextCheck, check_text
from socialbot.compose.rules import load_rules
from socialbot.domain import Platform

USAGE = "usage: socialbot post-check --platform x|instagram|youtube [--json] [--max-length N]"


def check_as_dict(result: TextCheck) -> dict[str, object]:
    """A TextCheck as JSON-ready data (also what the web desk's live counter sends)."""
    return {
        "weighted_length": result.weighted_length,
        "max_length": result.max_length,
        "remaining": result.max_length - result.weighted_length,
        "valid": result.valid,
        "problems": list(result.problems),
    }


def _parse(argv: list[str]) -> tuple[Platform, bool, int | None]:
    platform: Platform | None = None
    as_json = False
    max_length: int | None = None
    args = iter(argv)
    for arg in args:
        key, eq, inline = arg.partition("=")
        if key == "--json" and not eq:
            as_json = True
        elif key in ("--platform", "--max-length"):
            value = inline if eq else next(args, None)
            if value is None:
                raise ValueError(f"{key} needs a value")
            if key == "--platform":
                try:
                    platform = Platform(value.lower())
                except ValueError:
                    raise ValueError(f"unknown platform {value!r}") from None
            else:
                if not value.isdigit() or int(value) <= 0:
                    raise ValueError(f"--max-length must be a positive number, not {value!r}")
                max_length = int(value)
        else:
            raise ValueError(f"unknown argument {arg!r}")
    if platform is None:
        raise ValueError("--platform is required")
    return platform, as_json, max_length


def main_post_check(
    argv: list[str], stdin: TextIO, stdout: TextIO, *, config_dir: Path | None = None
) -> int:
    """Run ``post-check``: 0 if the text is valid, 1 if not, 2 for a usage error.

    The text is all of standard input less one trailing newline (what ``echo`` adds). For
    YouTube without ``--max-length`` the limit comes from ``config_dir``'s compose.toml.
    """
    try:
        platform, as_json, max_length = _parse(argv)
    except ValueError as exc:
        stdout.write(f"{exc}\n{USAGE}\n")
        return 2
    if platform is Platform.YOUTUBE and max_length is None and config_dir is not None:
        max_length = load_rules(config_dir).youtube_max_length
    text = stdin.read()
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith("\n"):
        text = text[:-1]
    result = check_text(platform, text, max_length)
    if as_json:
        stdout.write(json.dumps(check_as_dict(result), ensure_ascii=False) + "\n")
    else:
        unit = "weighted characters" if platform is Platform.X else "characters"
        stdout.write(f"length: {result.weighted_length} {unit}\n")
        stdout.write(f"limit: {result.max_length}\n")
        stdout.write(f"valid: {'yes' if result.valid else 'no'}\n")
        for problem in result.problems:
            stdout.write(f"problem: {problem}\n")
    return 0 if result.valid else 1
