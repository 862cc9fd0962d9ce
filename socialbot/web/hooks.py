"""Machine endpoints: the CMS webhook (HMAC-signed JSON article documents) and the health check.

The CMS signs ``f"{timestamp}.".encode() + body`` with HMAC-SHA256 under the shared secret
($SOCIALBOT_WEBHOOK_SECRET) and sends::

    X-Socialbot-Timestamp: 1767225600          (Unix seconds)
    X-Socialbot-Signature: sha256=<hex digest>

A request more than five minutes from our clock is refused, so a captured request cannot be
replayed later; within the window a replay is harmless because storing is idempotent (the same
document gives ``unchanged``).
"""

from __future__ import annotations

import hashlib
import hmac

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from socialbot.web.render import desk_app

router = APIRouter()
REPLAY_WINDOW_S = 300
MAX_BODY = 1_000_000
TIMESTAMP_HEADER = "X-Socialbot-Timestamp"
SIGNATURE_HEADER = "X-Socialbot-Signature"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value for ``body`` sent at ``timestamp`` (what the CMS computes)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def signature_problem(secret: str, timestamp: str | None, signature: str | None, body: bytes,
                      now: float) -> str | None:
    """Why a webhook request is not authentic, or None when it is."""
    if not timestamp or not signature:
        return f"missing {TIMESTAMP_HEADER} or {SIGNATURE_HEADER} header"
    if not timestamp.isdigit():
        return f"{TIMESTAMP_HEADER} must be Unix seconds"
    if abs(now - int(timestamp)) > REPLAY_WINDOW_S:
        return (f"timestamp is more than {REPLAY_WINDOW_S // 60} minutes from the server's clock "
                "(replayed, or the CMS clock is wrong)")
    if not hmac.compare_digest(sign(secret, timestamp, body), signature.strip()):
        return "signature does not match (wrong secret, or the body changed in transit)"
    return None


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


@router.post("/hooks/articles")
async def article_hook(request: Request) -> JSONResponse:
    """Take one JSON article document from the CMS; the same document twice changes nothing."""
    from socialbot.intake.document import parse_document
    from socialbot.intake.errors import IntakeError
    from socialbot.services.articles import Outcome, store_article

    secret: str = request.app.state.webhook_secret
    if not secret:
        return _error(503, "webhook disabled: set SOCIALBOT_WEBHOOK_SECRET on the server")
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        return _error(413, f"body larger than {MAX_BODY} bytes")
    body = await request.body()
    if len(body) > MAX_BODY:
        return _error(413, f"body larger than {MAX_BODY} bytes")
    app = desk_app(request)
    problem = signature_problem(secret, request.headers.get(TIMESTAMP_HEADER),
                                request.headers.get(SIGNATURE_HEADER), body,
                                app.clock().timestamp())
    if problem:
        return _error(401, problem)
    try:
        article = parse_document(body, source="webhook")
    except IntakeError as exc:
        return _error(422, str(exc))
    stored = store_article(app, article, actor="webhook")
    return JSONResponse(
        {"article_id": stored.article_id, "outcome": stored.outcome.value,
         "posts_created": stored.posts_created, "posts_recomposed": stored.posts_recomposed,
         "problems": stored.problems},
        status_code=201 if stored.outcome is Outcome.CREATED else 200,
    )


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    """For the platform's health checks: the process answers and the database does too."""
    try:
        with desk_app(request).engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as exc:
        return JSONResponse({"status": "error", "database": type(exc).__name__}, status_code=503)
    return JSONResponse({"status": "ok"})
