"""Logging set-up with a filter that keeps secrets out of every log line."""

from __future__ import annotations

import logging
import os
import re

# Environment variables whose values must never reach a log line.
_SECRET_NAME = re.compile(r"(SECRET|TOKEN|PASSWORD|KEY|COOKIE|SESSION)", re.I)


class RedactSecrets(logging.Filter):
    """Replaces known secret values (from the environment) with [redacted]."""

    def __init__(self) -> None:
        super().__init__()
        self.values = sorted(
            {v for k, v in os.environ.items() if _SECRET_NAME.search(k) and len(v) >= 6},
            key=len, reverse=True,
        )

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.values:
            return True
        message = record.getMessage()
        for value in self.values:
            message = message.replace(value, "[redacted]")
        record.msg, record.args = message, None
        return True


def setup_logging(level: int = logging.INFO) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(max(level, logging.DEBUG))
    logging.getLogger("socialbot").setLevel(max(level, logging.DEBUG))
