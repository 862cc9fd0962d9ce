"""EXPERIMENTAL: community posts through YouTube's internal web endpoint (``youtubei/v1``).

There is no official API for community posts. This module does what the web client does,
with the channel owner's browser session (a Netscape cookies file) and a SAPISIDHASH
authorization header. It is opt-in, undocumented by YouTube, may break without notice and is
used at the channel owner's own risk. Whenever the session is gone or YouTube asks for an
attestation (a proof the request comes from a real browser), it raises NeedsAssist and the
post falls back to the assisted path: nothing is lost."""

from __future__ import annotations

import hashlib
import http.cookiejar
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests

from socialbot.domain.errors import RateLimited, Rejected, Transient
from socialbot.platforms.base import redact
from socialbot.platforms.x import _until  # epoch-or-default; the same fallback suits here

ORIGIN = "https://www.youtube.com"
API = ORIGIN + "/youtubei/v1"
IMAGE_UPLOAD = ORIGIN + "/channel_image_upload/posts"
CLIENT_VERSION = "2.20260101.00.00"
POSTS_TAB_PARAMS = "EgVwb3N0c_IGBAoCSgA%3D"  # the channel page's "Posts" tab
TIMEOUT = 30.0
_ATTESTATION_MARKERS = ("attestation", "botguard", "integrity token", "LOGIN_REQUIRED")


class NeedsAssist(Exception):
    """The internal endpoint cannot be used now; a person should post this one."""


def load_cookies(path: Path) -> http.cookiejar.MozillaCookieJar:
    """Read a Netscape-format cookies file (as browser extensions export it)."""
    jar = http.cookiejar.MozillaCookieJar(str(path))
    try:
        jar.load(ignore_discard=True, ignore_expires=True)
    except (OSError, http.cookiejar.LoadError) as exc:
        raise NeedsAssist(f"cannot read the YouTube cookies file: {type(exc).__name__}") from None
    return jar


def sapisidhash(sapisid: str, origin: str = ORIGIN, now: int | None = None) -> str:
    """The web client's Authorization value: SHA-1 of "timestamp SAPISID origin"."""
    stamp = int(time.time()) if now is None else now
    digest = hashlib.sha1(f"{stamp} {sapisid} {origin}".encode()).hexdigest()
    return f"SAPISIDHASH {stamp}_{digest}"


def _walk(value: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)


def find_key(value: Any, key: str) -> Any:
    """The first value stored under ``key`` anywhere in a nested JSON document."""
    return next((item for k, item in _walk(value) if k == key), None)


class CommunityClient:
    """Creates community posts for one channel through the web client's endpoints."""

    def __init__(self, cookies_file: Path, channel_id: str, *, session: requests.Session | None = None) -> None:
        self.channel_id = channel_id
        self.session = session or requests.Session()
        jar = load_cookies(cookies_file)
        self.session.cookies.update(jar)
        self.sapisid = next(
            (c.value for c in jar if c.name in ("SAPISID", "__Secure-3PAPISID") and c.value), None
        )
        if not self.sapisid:
            raise NeedsAssist("the cookies file has no SAPISID: export it again while signed in")

    def _headers(self) -> dict[str, str]:
        assert self.sapisid is not None
        return {
            "Authorization": sapisidhash(self.sapisid),
            "Origin": ORIGIN,
            "X-Origin": ORIGIN,
            "X-Goog-AuthUser": "0",
            "X-Youtube-Client-Name": "1",
            "X-Youtube-Client-Version": CLIENT_VERSION,
        }

    def _context(self) -> dict[str, Any]:
        return {"client": {"clientName": "WEB", "clientVersion": CLIENT_VERSION, "hl": "en"}}

    def _post(self, url: str, **kwargs: Any) -> requests.Response:
        headers = {**self._headers(), **kwargs.pop("headers", {})}
        try:
            response = self.session.post(url, headers=headers, timeout=TIMEOUT, **kwargs)
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise Transient(f"YouTube unreachable: {type(exc).__name__}") from None
        text = redact(response.text[:300])
        if response.status_code in (401, 403):
            raise NeedsAssist(f"YouTube refused the browser session (HTTP {response.status_code})")
        if response.status_code == 429:
            raise RateLimited("YouTube: too many community posts", _until(None))
        if response.status_code >= 500:
            raise Transient(f"YouTube server error {response.status_code}")
        if any(m.lower() in response.text.lower() for m in _ATTESTATION_MARKERS):
            raise NeedsAssist("YouTube asked for a browser attestation")
        if response.status_code >= 400:
            raise Rejected(f"YouTube: HTTP {response.status_code}: {text}")
        return response

    def _json(self, response: requests.Response) -> dict[str, Any]:
        try:
            body: dict[str, Any] = response.json()
        except ValueError:
            raise Transient("YouTube: unreadable response") from None
        if find_key(body, "loggedOut") is True:
            raise NeedsAssist("the YouTube browser session has expired: export the cookies again")
        return body

    def create_params(self) -> str:
        """The per-channel token the web client sends to create a post (from the Posts tab)."""
        body = self._json(self._post(f"{API}/browse?prettyPrint=false", json={
            "context": self._context(), "browseId": self.channel_id, "params": POSTS_TAB_PARAMS,
        }))
        params = find_key(body, "createBackstagePostParams")
        if not params:
            raise NeedsAssist("YouTube offered no post box: the session may lack owner rights")
        return str(params)

    def upload_image(self, jpeg: bytes) -> str:
        """Upload the card with the resumable protocol; the blob id create_post refers to."""
        start = self._post(IMAGE_UPLOAD, headers={
            "X-Goog-Upload-Command": "start",
            "X-Goog-Upload-Protocol": "resumable",
            "X-Goog-Upload-Header-Content-Length": str(len(jpeg)),
        })
        upload_url = start.headers.get("X-Goog-Upload-URL")
        if not upload_url:
            raise Transient("YouTube image upload gave no upload URL")
        done = self._json(self._post(upload_url, data=jpeg, headers={
            "X-Goog-Upload-Command": "upload, finalize",
            "X-Goog-Upload-Offset": "0",
            "Content-Type": "application/x-www-form-urlencoded;charset=utf-8",
        }))
        blob = done.get("encryptedBlobId")
        if not blob:
            raise Transient("YouTube image upload returned no blob id")
        return str(blob)

    def create_post(self, text: str, jpeg: bytes | None) -> str:
        """Create a community post; its id."""
        payload: dict[str, Any] = {
            "context": self._context(),
            "createBackstagePostParams": self.create_params(),
            "commentText": text,
        }
        if jpeg:
            payload["imageAttachment"] = {"encryptedBlobId": self.upload_image(jpeg)}
        body = self._json(self._post(f"{API}/backstage/create_post?prettyPrint=false", json=payload))
        error = body.get("error")
        if isinstance(error, dict):
            raise Rejected(f"YouTube: {redact(str(error.get('message', error)))[:300]}")
        post_id = find_key(body, "postId")
        if not post_id:
            # It may or may not be on the channel: a person must look before posting it again.
            raise NeedsAssist("YouTube answered without a post id; check the Posts tab before reposting")
        return str(post_id)

    def recent_posts(self) -> list[tuple[str, str]]:
        """(post id, text) of the posts on the channel's Posts tab, newest first."""
        body = self._json(self._post(f"{API}/browse?prettyPrint=false", json={
            "context": self._context(), "browseId": self.channel_id, "params": POSTS_TAB_PARAMS,
        }))
        posts = []
        for key, renderer in _walk(body):
            if key == "backstagePostRenderer" and isinstance(renderer, dict):
                runs = (renderer.get("contentText") or {}).get("runs") or []
                text = "".join(str(r.get("text", "")) for r in runs)
                urls = [str(find_key(r, "url") or "") for r in runs]
                posts.append((str(renderer.get("postId", "")), " ".join([text, *urls])))
        return posts
