"""Footnotes: a figure in a footnote's text holds as the figure its marker is glued to ("9,2%1" … "1 Trong đó: …")."""

from __future__ import annotations

import re

# a footnote's text: "1 Trong đó: …" on a line of its own after the separator, or "[^1]: …" (Markdown)
_SEPARATOR = re.compile(r"^\s*(?:_{5,}|-{3,})\s*$", re.M)
_NOTE_LINE = re.compile(r"^[ \t]*(?:\[\^(\d{1,2})\]:|(?:<sup>)?(\d{1,2})(?:</sup>)?[ \t]+(?=\S))", re.M)


def footnote_anchor(text: str, pos: int) -> int | None:
    """Where the marker of the footnote holding `pos` is glued in the body ("ước đạt 9,2%1" → the position of
    '1'), or None when `pos` is in no footnote or its marker is not found."""
    line_start = text.rfind("\n", 0, pos) + 1
    notes_from = min((m.end() for m in _SEPARATOR.finditer(text, 0, line_start + 1)), default=None)
    if notes_from is None:  # no separator line (a PDF draws it): the notes follow the signature block
        signed = text.rfind("Nơi nhận", 0, line_start + 1)
        notes_from = signed if signed >= 0 else None
    for m in reversed(list(_NOTE_LINE.finditer(text, 0, pos + 1))):
        if m.start() < line_start - 2000:
            break
        markdown = m.group(1) is not None
        if not markdown and (notes_from is None or m.start() < notes_from):
            continue  # a plain number opening a line before the separator is no footnote
        if text.find("\n\n", m.start(), pos) != -1 and not markdown:
            return None  # the footnote ended before pos
        n = m.group(1) or m.group(2)
        body = text[:notes_from] if notes_from is not None else text[:m.start()]
        glued = (re.search(rf"\[\^{n}\](?!:)", body) if markdown else
                 re.search(rf"(?<=[%\wÀ-ỹđ)])(?<!\d)(?:<sup>)?{n}(?:</sup>)?(?![\d/.,]\d)(?!\d)", body))
        return glued.start() if glued else None
    return None
