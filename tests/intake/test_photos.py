"""fetch_photo: http(s) streamed under a size limit, file:// URLs and plain paths."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import responses

from socialbot.intake import IntakeError, fetch_photo

PHOTO_URL = "https://cdn.example.com.tr/photo.jpg"
JPEG = b"\xff\xd8\xff\xe0" + b"x" * 2000


@responses.activate
def test_http_photo(session: requests.Session) -> None:
    responses.get(PHOTO_URL, body=JPEG, content_type="image/jpeg")
    assert fetch_photo(PHOTO_URL, session) == JPEG


@responses.activate
def test_refuses_declared_size_over_limit(session: requests.Session) -> None:
    responses.get(
        PHOTO_URL, body=JPEG, content_type="image/jpeg", headers={"Content-Length": str(len(JPEG))}
    )
    with pytest.raises(IntakeError) as caught:
        fetch_photo(PHOTO_URL, session, max_bytes=1000)
    assert str(caught.value) == f"photo {PHOTO_URL}: too large (2 KB; the limit is 1 KB)"


@responses.activate
def test_refuses_while_streaming_when_length_is_not_declared(session: requests.Session) -> None:
    responses.get(PHOTO_URL, body=b"y" * 3_000_000, content_type="image/jpeg")
    with pytest.raises(IntakeError, match=r"too large \(more than 1.0 MB; the limit is 1.0 MB\)$"):
        fetch_photo(PHOTO_URL, session, max_bytes=1_000_000)


@responses.activate
def test_html_instead_of_image_is_refused(session: requests.Session) -> None:
    responses.get(PHOTO_URL, body=b"<html>login</html>", content_type="text/html")
    with pytest.raises(IntakeError, match=r"not an image \(the server sent text/html\)"):
        fetch_photo(PHOTO_URL, session)


@responses.activate
def test_http_404(session: requests.Session) -> None:
    responses.get(PHOTO_URL, status=404)
    with pytest.raises(IntakeError, match="HTTP 404"):
        fetch_photo(PHOTO_URL, session)


def test_local_path_and_file_url(tmp_path: Path, session: requests.Session) -> None:
    photo = tmp_path / "İstanbul photo.jpg"
    photo.write_bytes(JPEG)
    assert fetch_photo(str(photo), session) == JPEG
    assert fetch_photo(photo.as_uri(), session) == JPEG


def test_local_file_over_limit_and_missing(tmp_path: Path, session: requests.Session) -> None:
    photo = tmp_path / "big.jpg"
    photo.write_bytes(JPEG)
    with pytest.raises(IntakeError, match="too large"):
        fetch_photo(str(photo), session, max_bytes=100)
    missing = tmp_path / "missing.jpg"
    with pytest.raises(IntakeError) as caught:
        fetch_photo(missing.as_uri(), session)
    assert str(caught.value) == f"photo {missing.as_uri()}: file not found"


def test_unsupported_scheme(session: requests.Session) -> None:
    with pytest.raises(IntakeError, match="unsupported URL scheme"):
        fetch_photo("ftp://e.example/a.jpg", session)
