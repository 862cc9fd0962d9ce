"""Article photos: read from http(s), file:// or a local path, never more than we can handle."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import requests

from socialbot.intake.errors import IntakeError
from socialbot.intake.net import http_get

_CHUNK = 64 * 1024


def local_path(url: str) -> Path | None:
    """The filesystem path of a ``file://`` URL or plain path; None for http(s) and other URLs."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return Path(url2pathname(unquote(parts.path)))
    if not parts.scheme or (len(parts.scheme) == 1 and url[1:3] in (":\\", ":/")):
        return Path(url)  # no scheme, or a Windows drive letter that urlsplit took for one
    return None


def fetch_photo(
    url: str, session: requests.Session, *, max_bytes: int = 25_000_000, timeout: float = 15
) -> bytes:
    """The photo's bytes; over ``max_bytes``, missing or unreachable raises ``IntakeError``."""
    label = f"photo {url}"
    path = local_path(url)
    if path is not None:
        return _read_file(path, label, max_bytes)
    if urlsplit(url).scheme not in ("http", "https"):
        raise IntakeError(label, "unsupported URL scheme (use http(s), file:// or a path)")
    response = http_get(
        session, url, label=label, timeout=timeout, stream=True, headers={"Accept": "image/*"}
    )
    with response:
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind.startswith("text/"):
            raise IntakeError(label, f"not an image (the server sent {kind})")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise IntakeError(label, _too_large(int(declared), max_bytes))
        # Content-Length can be absent or wrong: count while streaming and stop early.
        body = bytearray()
        try:
            for chunk in response.iter_content(_CHUNK):
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise IntakeError(label, _too_large(len(body), max_bytes, at_least=True))
        except requests.RequestException as exc:
            raise IntakeError(label, f"download failed ({type(exc).__name__})") from exc
    if not body:
        raise IntakeError(label, "empty response")
    return bytes(body)


def _read_file(path: Path, label: str, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise IntakeError(label, "not a file")
        if size > max_bytes:
            raise IntakeError(label, _too_large(size, max_bytes))
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IntakeError(label, "file not found") from exc
    except PermissionError as exc:
        raise IntakeError(label, "permission denied") from exc
    if not data:
        raise IntakeError(label, "empty file")
    return data


def _too_large(size: int, limit: int, *, at_least: bool = False) -> str:
    more = "more than " if at_least else ""
    return f"too large ({more}{_size(size)}; the limit is {_size(limit)})"


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1e6:.1f} MB"
    if n >= 1_000:
        return f"{n / 1e3:.0f} KB"
    return f"{n} bytes"
