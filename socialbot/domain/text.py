"""Plain-text hygiene for headlines, summaries, captions and tags. Pure: stdlib only.

Feeds and CMSs hand us titles with ``&amp;amp;``, ``<em>``, escaped markup, zero-width
spaces, bidi marks, control characters and broken surrogates. Intake cleans what it stores
and compose cleans what it posts with the same rules, so they live here. Nothing in this
module raises on dirty input.
"""

from __future__ import annotations

import html
import re
import unicodedata

# Tags that separate words: removing them must leave a space, or "a</p><p>b" reads "ab".
_BLOCK_TAG = re.compile(
    r"</?(?:p|br|hr|div|li|ul|ol|dl|dt|dd|h[1-6]|tr|td|th|table|thead|tbody|blockquote|pre"
    r"|figure|figcaption|section|article|header|footer|aside|nav|main)\b[^<>]*>",
    re.IGNORECASE,
)
# Script and style bodies are code, never prose.
_DROP_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A tag starts with a letter, "/" + letter, "!" (doctype, CDATA) or "?" (XML declaration),
# so "x < y" and "a <3 b" in prose survive. Inline tags leave nothing: "<em>S</em>-400".
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<[!?][A-Za-z\[][^<>]*>")
_SPACE = re.compile(r"\s+")

_ZWJ = "\u200d"
_ZWNJ = "\u200c"
# England/Scotland/Wales flags: black flag, tag characters spelling the region, cancel tag.
_FLAG_TAGS = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs"})


def strip_tags(text: str) -> str:
    """Remove HTML markup (not entities), keeping a space where a block element split words."""
    text = _DROP_BLOCK.sub(" ", text)
    text = _COMMENT.sub(" ", text)
    text = _BLOCK_TAG.sub(" ", text)
    return _TAG.sub("", text)


def strip_html(text: str) -> str:
    """Remove markup and decode entities, repeatedly for feeds that escape their escapes.

    ``&amp;amp;`` becomes ``&`` and ``&lt;b&gt;Bold&lt;/b&gt;`` becomes ``Bold``.
    """
    # Three rounds cover the worst double/triple escaping seen in feeds and bound the work.
    for _ in range(3):
        decoded = html.unescape(strip_tags(text))
        if decoded == text:
            break
        text = decoded
    return strip_tags(text)


def is_pictograph(ch: str) -> bool:
    """True for emoji-like symbols a zero-width joiner may join (a coarse but safe test)."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) == "So"
        # Emoji blocks, including the skin-tone modifiers (category Sk) and unassigned
        # code points that a newer Unicode than Python's may already use for emoji.
        or 0x1F000 <= cp <= 0x1FAFF
        or cp == 0xFE0F  # emoji presentation selector ends many sequence members
    )


def _noncharacter(cp: int) -> bool:
    """Unicode noncharacters: never valid in interchanged text, and some APIs reject them."""
    return 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _letter_or_mark(ch: str) -> bool:
    # Decomposed text puts a combining mark right before a joiner ("i" + U+0307 + ZWNJ).
    return ch.isalpha() or unicodedata.category(ch).startswith("M")


def _keeps_joiner(ch: str, prev: str, nxt: str) -> bool:
    """Whether a joiner between ``prev`` and ``nxt`` does a job and must stay.

    A ZWJ builds emoji sequences (👨‍👩‍👧); a ZWNJ is spelling in Persian and other scripts
    (می‌خواهم). Anywhere else they are invisible junk from copy-paste.
    """
    if not prev or not nxt:
        return False
    if ch == _ZWJ:
        return is_pictograph(prev) and is_pictograph(nxt)
    return _letter_or_mark(prev) and _is_letter(nxt)


def drop_invisible(text: str) -> tuple[str, int]:
    """Drop control, format, private-use, surrogate and noncharacter code points.

    Line breaks and other whitespace controls become spaces (not counted). Joiners stay
    where they join (see ``_keeps_joiner``) and tag characters stay inside a flag's tag
    sequence. Returns the text and the number of characters removed.
    """
    # First pass drops everything invisible except joiners, so a joiner's neighbours are
    # judged as the reader will see them ("👨\u200b\u200d👩" still joins).
    flag_tags = {i for m in _FLAG_TAGS.finditer(text) for i in range(m.start(), m.end())}
    kept: list[str] = []
    removed = 0
    for i, ch in enumerate(text):
        cp = ord(ch)
        cat = unicodedata.category(ch)
        if cat == "Cc" and ch.isspace():  # \t \n \r \v \f \x1c-\x1f \x85
            kept.append(" ")
        elif ch in (_ZWJ, _ZWNJ) or i in flag_tags:
            kept.append(ch)
        elif cat in _DROPPED_CATEGORIES or _noncharacter(cp):
            removed += 1
        else:
            kept.append(ch)
    if _ZWJ not in kept and _ZWNJ not in kept:
        return "".join(kept), removed
    out: list[str] = []
    for i, ch in enumerate(kept):
        if ch in (_ZWJ, _ZWNJ):
            prev = kept[i - 1] if i > 0 else ""
            nxt = kept[i + 1] if i + 1 < len(kept) else ""
            if not _keeps_joiner(ch, prev, nxt):
                removed += 1
                continue
        out.append(ch)
    return "".join(out), removed


def clean_text_counted(text: str | None) -> tuple[str, int]:
    """Clean ``text`` and say how many invisible or control characters were removed.

    Markup and entities are removed (see ``strip_html``), invisibles dropped (see
    ``drop_invisible``), the text NFC-normalised and whitespace collapsed to single spaces.
    The count lets compose tell an editor that a title carried hidden characters.
    """
    if not text:
        return "", 0
    cleaned, removed = drop_invisible(strip_html(str(text)))
    # NFC after dropping: a removed invisible may have separated a letter from its accent.
    cleaned = unicodedata.normalize("NFC", cleaned)
    return _SPACE.sub(" ", cleaned).strip(), removed


def clean_text(text: str | None) -> str:
    """Plain one-line text from feed or page markup: no tags, entities or invisibles; NFC."""
    return clean_text_counted(text)[0]


def has_words(text: str) -> bool:
    """Whether ``text`` has at least one letter or digit (an emoji-only title has none)."""
    return any(ch.isalnum() for ch in text)
