"""The one door to the network for intake: GET through an injected ``requests.Session``."""

from __future__ import annotations

from collections.abc import Mapping

import requests

from socialbot.intake.errors import IntakeError

USER_AGENT = "socialbot/0.1 (newsroom social distribution; +https://github.com/socialbot)"


def http_get(
    session: requests.Session,
    url: str,
    *,
    label: str,
    timeout: float,
    headers: Mapping[str, str] | None = None,
    stream: bool = False,
    ok_statuses: tuple[int, ...] = (),
) -> requests.Response:
    """GET ``url``; any network failure or HTTP error becomes an ``IntakeError`` naming ``label``.

    Statuses in ``ok_statuses`` (such as 304) are returned to the caller instead of raised.
    """
    sent = {"User-Agent": USER_AGENT, **(headers or {})}
    try:
        response = session.get(url, headers=sent, timeout=timeout, stream=stream)
    except requests.Timeout as exc:
        raise IntakeError(label, f"timed out after {timeout:g} s") from exc
    except requests.ConnectionError as exc:
        raise IntakeError(label, f"could not connect ({_reason(exc)})") from exc
    except requests.RequestException as exc:
        raise IntakeError(label, f"request failed ({_reason(exc)})") from exc
    if response.status_code in ok_statuses:
        return response
    if response.status_code >= 400:
        reason = response.reason or ""
        response.close()
        raise IntakeError(label, f"HTTP {response.status_code} {reason}".rstrip())
    return response


def _reason(exc: Exception) -> str:
    # requests nests urllib3 errors several levels deep; the innermost says what happened.
    inner: BaseException = exc
    while inner.args and isinstance(inner.args[0], BaseException):
        inner = inner.args[0]
    text = str(inner) or type(inner).__name__
    return text if len(text) <= 160 else text[:157] + "..."
