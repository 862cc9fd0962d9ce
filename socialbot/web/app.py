"""The social desk: a FastAPI app serving the editor pages, the CMS webhook and the health check."""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from socialbot.domain import IllegalTransition
from socialbot.services.app import App
from socialbot.services.posts import PostNotFound
from socialbot.web.render import HERE, page, redirect
from socialbot.web.security import SECURITY_HEADERS, LoginRequired, LoginThrottle, session_key

log = logging.getLogger("socialbot.web")
SESSION_HOURS = 12


def create_app(app: App, *, webhook_secret: str | None = None,
               secure_cookies: bool | None = None) -> FastAPI:
    """The desk for one running socialbot.

    ``webhook_secret`` defaults to $SOCIALBOT_WEBHOOK_SECRET (no secret: the webhook answers 503).
    ``secure_cookies`` (cookie sent over HTTPS only) defaults to $SOCIALBOT_SECURE_COOKIES=1.
    """
    if secure_cookies is None:
        secure_cookies = os.environ.get("SOCIALBOT_SECURE_COOKIES", "") == "1"
    web = FastAPI(title="socialbot desk", docs_url=None, redoc_url=None, openapi_url=None)
    web.state.socialbot = app
    web.state.webhook_secret = (webhook_secret if webhook_secret is not None
                                else os.environ.get("SOCIALBOT_WEBHOOK_SECRET", ""))
    web.state.login_throttle = LoginThrottle()

    @web.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    # Added last, so outermost: every route and error page sees the session.
    web.add_middleware(SessionMiddleware, secret_key=session_key(app.settings.secret_key),
                       session_cookie="socialbot_session", max_age=SESSION_HOURS * 3600,
                       same_site="lax", https_only=secure_cookies)
    web.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for router in routers():
        web.include_router(router)
    _error_pages(web)
    return web


def routers() -> list[APIRouter]:
    """Every router of the desk (the security tests walk these routes)."""
    from socialbot.web import hooks, routes_desk, routes_posts, routes_queue

    return [m.router for m in (routes_queue, routes_posts, routes_desk, hooks)]


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith("/hooks/") and "HX-Request" not in request.headers


def _error_pages(web: FastAPI) -> None:
    @web.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if request.method == "GET" and _wants_page(request):
            here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return redirect("/login?" + urlencode({"next": here}))
        headers = {"HX-Redirect": "/login"} if "HX-Request" in request.headers else {}
        return PlainTextResponse("Sign in first.", status_code=401, headers=headers)

    @web.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if not _wants_page(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return page(request, "error.html", status_code=exc.status_code, status=exc.status_code,
                    message=exc.detail)

    @web.exception_handler(PostNotFound)
    async def no_post(request: Request, exc: PostNotFound) -> Response:
        return page(request, "error.html", status_code=404, status=404, message=str(exc))

    @web.exception_handler(IllegalTransition)
    async def illegal(request: Request, exc: IllegalTransition) -> Response:
        return page(request, "error.html", status_code=409, status=409, message=str(exc))


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the desk under uvicorn (``socialbot web``); migrates the database first."""
    import uvicorn

    from socialbot.services.accounts import sync_accounts

    app = App.create(run_migrations=True)
    sync_accounts(app)
    uvicorn.run(create_app(app), host=host, port=port, proxy_headers=True,
                forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))
