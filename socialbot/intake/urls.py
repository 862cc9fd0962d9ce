"""URL helpers: resolving relative links and the canonical form used to spot duplicates."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Tracking parameters never change which article a URL points to.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "_ga"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def resolve(url: str | None, base: str | None) -> str | None:
    """``url`` made absolute against ``base`` (which may be http(s) or file://)."""
    if not url:
        return None
    url = url.strip()
    if not url:
        return None
    if not base:
        return url
    return urljoin(base, url)


def is_http(url: str | None) -> bool:
    """True for an absolute http(s) URL with a host."""
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def canonical_url(url: str) -> str:
    """A comparison key for article URLs: case, default ports, fragments and tracking removed."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host
    if parts.port and _DEFAULT_PORTS.get(scheme) != parts.port:
        netloc = f"{host}:{parts.port}"
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_NAMES
        ]
    )
    return urlunsplit((scheme, netloc, path, query, ""))
