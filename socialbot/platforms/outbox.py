"""The outbox publisher: writes exactly what would be sent to a folder.

``$SOCIALBOT_HOME/outbox/<platform>/<account>/<post-key>/`` holds ``text.txt``, ``card.jpg``,
``alt.txt`` and ``meta.json``. It is the publisher of every account without credentials, so a
fresh checkout runs end to end with no network.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from socialbot.domain import (
    Account,
    AccountHealth,
    CardImage,
    HealthStatus,
    Metrics,
    Platform,
    Post,
    Published,
    Transient,
)


class OutboxPublisher:
    """Publisher for one account that writes posts to disk instead of a platform."""

    def __init__(self, account: Account, root: Path) -> None:
        self.account = account
        self.platform: Platform = account.platform
        self.folder = root / account.platform.value / account.name

    def _post_dir(self, post: Post) -> Path:
        return self.folder / f"{post.id:06d}-{post.kind.value}-{post.idempotency_key[:12]}"

    def publish(self, post: Post, card: CardImage | None) -> Published:
        """Write the post's files atomically (a temp folder renamed into place)."""
        target = self._post_dir(post)
        now = datetime.now(UTC)
        meta = {
            "post_id": post.id,
            "account": post.account,
            "platform": post.platform.value,
            "kind": post.kind.value,
            "link": post.link,
            "article_url": post.article_url,
            "idempotency_key": post.idempotency_key,
            "published_at": now.isoformat(),
            "card": None
            if card is None
            else {"format": card.format.value, "width": card.width, "height": card.height,
                  "design": card.design, "bytes": len(card.jpeg)},
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.folder))
            (tmp / "text.txt").write_text(post.text + "\n", encoding="utf-8")
            (tmp / "alt.txt").write_text((card.alt_text if card else post.alt_text) + "\n",
                                         encoding="utf-8")
            if card is not None:
                (tmp / "card.jpg").write_bytes(card.jpeg)
            (tmp / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
            if target.exists():  # an earlier attempt that was never recorded: replace it
                shutil.rmtree(target)
            os.replace(tmp, target)
        except OSError as exc:
            raise Transient(f"outbox {self.folder}: cannot write ({exc.strerror or exc})") from exc
        return Published(platform=self.platform, remote_id=post.idempotency_key,
                         url=target.resolve().as_uri(), published_at=now)

    def find_existing(self, post: Post) -> Published | None:
        """The post is there if its folder holds a complete meta.json."""
        target = self._post_dir(post)
        try:
            meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return Published(platform=self.platform, remote_id=post.idempotency_key,
                         url=target.resolve().as_uri(),
                         published_at=datetime.fromisoformat(meta["published_at"]))

    def metrics(self, refs: Sequence[Published]) -> list[Metrics]:
        """Engagement only where someone put a ``metrics.json`` beside a post (simulations)."""
        found = []
        for ref in refs:
            for folder in self.folder.glob(f"*-{ref.remote_id[:12]}"):
                path = folder / "metrics.json"
                if path.exists():
                    data = json.loads(path.read_text(encoding="utf-8"))
                    counts = {k: int(v) for k, v in data.items() if k in _METRIC_FIELDS}
                    found.append(Metrics(ref.remote_id, datetime.now(UTC), **counts))  # type: ignore[arg-type]
        return found

    def check(self) -> AccountHealth:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            probe = self.folder / ".write-test"
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            return AccountHealth(HealthStatus.NEEDS_ATTENTION, reason=f"outbox not writable: {exc}",
                                 fix=f"make {self.folder} writable or set SOCIALBOT_HOME")
        return AccountHealth(HealthStatus.OK, identity=f"outbox {self.folder}")


_METRIC_FIELDS = {"impressions", "likes", "reposts", "replies", "clicks", "views", "saves"}
