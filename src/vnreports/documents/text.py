"""The text of a report file: plain text, .docx (standard library), .pdf (text layer, else OCR), in NFC."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from vnreports.documents.layout_tables import pipe_tables
from vnreports.notation.letters import UPPER

W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SUPPORTED = (".txt", ".md", ".docx", ".pdf")
OCR_DPI = 300
OCR_CONFIG = "--psm 4 -c preserve_interword_spaces=1"
OCR_LANG = "vie"
MIN_LAYER_CHARS = 40  # a page with fewer letters than this in its text layer is taken as a scan


class DocumentError(ValueError):
    """A file that is not a readable report: says which file, what is wrong and how to fix it."""

    def __init__(self, path: Path, message: str, fix: str) -> None:
        super().__init__(f"{path}: {message}\n  how to fix: {fix}")
        self.path, self.message, self.fix = path, message, fix


@dataclass(frozen=True)
class DocumentText:
    text: str  # NFC
    method: str  # how it was read: txt, docx, pdf-text, pdf-ocr (which pages, with what)


def _paragraph_text(p) -> str:
    parts = []
    for node in p.iter():
        if node.tag == f"{W_NS}t":
            parts.append(node.text or "")
        elif node.tag == f"{W_NS}tab":
            parts.append("\t")
        elif node.tag in (f"{W_NS}br", f"{W_NS}cr"):
            parts.append("\n")
    return "".join(parts)


_FIGURE_CELL = re.compile(r"^[<>≤≥~]?\s*\d[\d.,]*\s*%?$")
CELL_SEPARATOR = " | "


def is_table_row(line: str) -> bool:
    """A table row: cells joined by ' | ' (a .docx table, a PDF's aligned columns), or by tabs (a table pasted
    from a spreadsheet into a .txt: three cells at least, so an indented paragraph is none)."""
    return CELL_SEPARATOR in line or line.count("\t") >= 2


def row_cells(line: str) -> list[str]:
    """A table row's cells, in order (a row may end in an empty cell: "… | 14 |")."""
    return re.split(r" \| | \|$", line) if CELL_SEPARATOR in line else line.split("\t")


def cell_index(line: str, offset: int) -> int:
    """Which cell of the row `line` holds the character at `offset`."""
    return line[:offset].count(CELL_SEPARATOR) if CELL_SEPARATOR in line else line[:offset].count("\t")


def _table_lines(tbl) -> list[str]:
    """A table of figures (a cell below the first row holds only a number) reads one row a line, its cells
    joined by ' | ', so that a cell's number keeps its row and column; a layout table (the two-column header
    block) reads one paragraph a line, as before."""
    rows = []
    for tr in tbl.findall(f"{W_NS}tr"):
        cells = [" ".join(" ".join(_paragraph_text(p) for p in tc.iter(f"{W_NS}p")).split())
                 for tc in tr.findall(f"{W_NS}tc")]
        rows.append(cells)
    figures = any(_FIGURE_CELL.match(cell) for row in rows[1:] for cell in row)
    if figures and len(rows) >= 2 and max(len(r) for r in rows) >= 2:
        return [CELL_SEPARATOR.join(cells) for cells in rows]
    return [_paragraph_text(p) for p in tbl.iter(f"{W_NS}p")]


def _docx(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("word/document.xml"))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        raise DocumentError(path, "not a Word .docx file (no word/document.xml inside)",
                            "open it in Word or LibreOffice and save it again as .docx") from None
    body = root.find(f"{W_NS}body")
    lines: list[str] = []
    for node in (body if body is not None else root):  # body order: paragraphs and tables as they come
        if node.tag == f"{W_NS}p":
            lines.append(_paragraph_text(node))
        elif node.tag == f"{W_NS}tbl":
            lines += _table_lines(node)
        elif node.tag == f"{W_NS}sdt":  # a content control: its paragraphs
            lines += [_paragraph_text(p) for p in node.iter(f"{W_NS}p")]
    return "\n".join(lines)


def ocr_available() -> str | None:
    """None when OCR can run here, else what is missing."""
    if not shutil.which("pdftoppm"):
        return "pdftoppm (Debian package poppler-utils) is not installed"
    if not shutil.which("tesseract"):
        return "tesseract (Debian packages tesseract-ocr tesseract-ocr-vie) is not installed"
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout.split()
    if OCR_LANG not in langs:
        return "tesseract has no Vietnamese data (Debian package tesseract-ocr-vie)"
    return None


def _ocr_page(path: Path, page: int) -> str:
    import pytesseract
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(OCR_DPI), "-gray", "-png", "-f", str(page), "-l", str(page),
                        str(path), f"{tmp}/p"], check=True, capture_output=True)
        image = next(Path(tmp).glob("p*.png"))
        with Image.open(image) as im:
            # one column of text at a time, the spaces between words kept: a header's or signature's two columns
            # stay apart on their line, as in a text layer ("Nơi nhận:        TL. CHỦ TỊCH")
            return _ocr_repairs(_unjustify(pipe_tables(pytesseract.image_to_string(im, lang=OCR_LANG, config=OCR_CONFIG))))


def _ocr_repairs(text: str) -> str:
    """OCR's known slips that change a number: a space read after a thousands dot mid-sentence ("và 1. 976 hộ" is
    "1.976 hộ"; at a line's start "1. " numbers a list and is left alone), and one after a decimal comma before
    money, a percentage or an area ("kế hoạch vốn 8, 20 tỷ đồng" is 8,20 tỷ đồng, not 20)."""
    text = re.sub(r"(?<=[^\W\d_] )(\d{1,3})\. (\d{3})\b(?![.,]\d)", r"\1.\2", text)
    text = re.sub(r"(?:(?<=[^\W\d_] )|(?<=:))(\d{1,3}),[ \n](\d{1,3})(?=\s?(?:tỷ|triệu|nghìn|ngàn|%|ha\b))", r"\1,\2", text)
    text = re.sub(r"(?<=\d) tý đồng", " tỷ đồng", text)  # "96,40 tý đồng": a slipped tone mark
    # a name's last syllable read in capitals ("xã Xuất LỄ"): two letters, the second with a diacritic, after a
    # capitalised word (no acronym has a diacritic)
    return re.sub(r"([" + UPPER + r"][a-zà-ỹđ]{1,6} [" + UPPER + r"])([À-ỸĐ])\b",
                  lambda m: m.group(1) + m.group(2).lower(), text)


def _unjustify(layer: str) -> str:
    """Justified lines come out of the layout mode with two or three spaces between words ("Tổng  kế  hoạch"):
    one space, as written. Wider gaps (a header's two columns, a signature beside the recipients) stay."""
    return "\n".join(re.sub(r"(?<=\S) {2,3}(?=\S)", " ", line).rstrip() for line in layer.split("\n"))


def _pdf(path: Path) -> DocumentText:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise DocumentError(path, "the PDF is encrypted", "save an unprotected copy (print to PDF) and add that")
        # Layout mode keeps Vietnamese letters with their diacritics together ("triệu", not "tri ệ u").
        raw = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except PdfReadError as exc:
        raise DocumentError(path, f"not a readable PDF ({exc})", "open it and save or print it again as PDF") from None
    scanned = [i for i, t in enumerate(raw, start=1) if sum(ch.isalpha() for ch in t) < MIN_LAYER_CHARS]
    if not scanned:  # the pages read as one, so that a table crossing a page break keeps its columns
        return DocumentText(_unjustify(pipe_tables("\n".join(raw))), "pdf-text")
    layers = [_unjustify(pipe_tables(page)) for page in raw]
    missing = ocr_available()
    if missing:
        raise DocumentError(path, f"page(s) {', '.join(map(str, scanned))} have no text layer (a scan) and OCR "
                                  f"cannot run: {missing}",
                            "install the Debian packages tesseract-ocr tesseract-ocr-vie poppler-utils, "
                            "or add a PDF with a text layer")
    for i in scanned:
        layers[i - 1] = _ocr_page(path, i)
    version = subprocess.run(["tesseract", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return DocumentText("\n".join(layers), f"pdf-ocr pages {','.join(map(str, scanned))} ({version}, "
                                           f"{OCR_LANG}, {OCR_DPI} dpi, {OCR_CONFIG}); other pages text layer")


def read_report(path: Path) -> DocumentText:
    """The report's text and how it was read; DocumentError when it is not a report file."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DocumentError(path, "no such file", "check the path")
    data = path.read_bytes()
    if not data.strip():
        raise DocumentError(path, "the file is empty", "add the report itself, with its text")
    if data.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".doc":
        raise DocumentError(path, "an old Word .doc file, which cannot be read reliably",
                            "open it in Word or LibreOffice and save it as .docx (or as PDF), then add that")
    if suffix not in SUPPORTED:
        raise DocumentError(path, f"'{suffix or 'no extension'}' is not a report format this tool reads",
                            "add the report as .txt (UTF-8), .docx or .pdf")
    if suffix == ".docx":
        result = DocumentText(_docx(path), "docx")
    elif suffix == ".pdf":
        if not data.startswith(b"%PDF"):
            raise DocumentError(path, "the file is not a PDF (no %PDF header)", "add the real PDF file")
        result = _pdf(path)
    else:
        if b"\x00" in data[:4096]:
            raise DocumentError(path, "a binary file, not text", "add the report as UTF-8 text, .docx or .pdf")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                                "save it as UTF-8 text, or add the original .docx or .pdf") from None
        result = DocumentText(text, "txt")
    text = unicodedata.normalize("NFC", result.text)
    if sum(ch.isalpha() for ch in text) < MIN_LAYER_CHARS:
        raise DocumentError(path, "the file holds almost no text", "add the report itself, with its text")
    return DocumentText(text, result.method)


def read_document(path: Path) -> str:
    """The text of a .txt/.md, .docx or .pdf (text layer, else OCR), NFC."""
    return read_report(path).text
