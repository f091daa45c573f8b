"""The text of a report file: plain text, .docx (standard library) or .pdf (text layer), in NFC."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path
from xml.etree import ElementTree

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_document(path: Path) -> str:
    """The text of a .txt/.md, .docx or .pdf (text layer), NFC."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("word/document.xml"))
        paragraphs = []
        for p in root.iter(f"{W_NS}p"):
            paragraphs.append("".join(t.text or "" for t in p.iter(f"{W_NS}t")))
        text = "\n".join(paragraphs)
    elif suffix == ".pdf":
        from pypdf import PdfReader

        # Layout mode keeps Vietnamese letters with their diacritics together ("triệu", not "tri ệ u").
        text = "\n".join(page.extract_text(extraction_mode="layout") or "" for page in PdfReader(str(path)).pages)
    else:
        text = path.read_bytes().decode("utf-8-sig")
    return unicodedata.normalize("NFC", text)
