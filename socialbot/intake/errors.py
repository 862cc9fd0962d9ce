"""The one error intake raises: a bad source, told in one line a newsroom can act on."""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")


class IntakeError(Exception):
    """A source could not be read as an article or feed.

    ``str()`` is always ONE line naming the source, e.g.
    ``feed samples/bad.xml: not a feed (malformed XML at line 3: mismatched tag)``.
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = _one_line(source)
        self.problem = _one_line(problem)
        super().__init__(f"{self.source}: {self.problem}")

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


def _one_line(text: str) -> str:
    # Parser messages often carry newlines or tabs; a log line must stay one line.
    return _SPACE.sub(" ", str(text)).strip()
