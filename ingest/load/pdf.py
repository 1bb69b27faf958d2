"""PDFs: the text layer page by page, ruled tables as grids (merged cells expanded), tables
continued over a page break joined, hard-wrapped lines joined back into paragraphs."""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import replace
from typing import Any

from ingest.errors import CorruptFile, EncryptedPdf, ScannedPdf, TooLarge
from ingest.load.grid import stack, table_from_grid
from ingest.records import Block, Table

log = logging.getLogger(__name__)

_PAGE_NUMBER = re.compile(r"^[-—–]?\s*\d{1,3}\s*[-—–]?$|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$")
_PARAGRAPH_END = re.compile(r"[。！？；：:”]$")
_PARAGRAPH_START = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|[一二三四五六七八九十]是)")


_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


def _tighten(text: str) -> str:
    """PDF text layers space out CJK next to digits ("2024 年", "共计 95 个"); close those gaps."""
    text = re.sub(rf"(?<=[{_CJK}]) +(?=[{_CJK}\d])", "", text)
    return re.sub(rf"(?<=\d) +(?=[{_CJK}])", "", text)


def _cell_text(text: str | None) -> str:
    return _tighten(text.replace("\n", "")).strip() if text else ""


def _grid(rows: list[tuple[Any, list[str | None]]]) -> Table | None:
    """Place each (possibly merged) cell on the grid spanned by all cells' edges."""
    cells = [(bbox, _cell_text(text)) for row, texts in rows for bbox, text in zip(row.cells, texts) if bbox]
    xs = sorted({round(b[0]) for b, _ in cells})
    ys = sorted({round(b[1]) for b, _ in cells})
    grid = [[""] * len(xs) for _ in ys]
    spans: set[tuple[int, int]] = set()
    for (x0, top, x1, bottom), text in cells:
        cols = [i for i, x in enumerate(xs) if round(x0) <= x < x1 - 1]
        covered = [i for i, y in enumerate(ys) if round(top) <= y < bottom - 1]
        for r in covered:
            for c in cols:
                grid[r][c] = text
                if c != cols[0]:
                    spans.add((r, c))
    return table_from_grid(grid, spans)


MAX_PAGES = 400  # an annual report has tens of pages; more is not one, and parsing it would hold the server

_SUBTABLE_TITLE = re.compile(r"^第[一二三四五六七八九十\d]+条")


def _multi(row: tuple[str, ...]) -> bool:
    return len({c for c in row if c}) >= 2


def _table_part(table: Any) -> tuple[tuple[float, float, float, float], Table] | None:
    """The part of a detected table that is really a table (its box and grid), or None.

    pdfplumber also frames prose inside page borders, sometimes together with the table below
    it; prose rows hold one text across the whole width. Those leading rows are left to the text.
    """
    raw = list(zip(table.rows, table.extract()))
    texts = [tuple(_cell_text(t) for t in cells) for _, cells in raw]
    if sum(1 for cells in texts if _multi(cells)) < 2:
        return None
    first = next(i for i, cells in enumerate(texts) if _multi(cells))
    while first > 0 and _SUBTABLE_TITLE.match(next((c for c in texts[first - 1] if c), "")):
        first -= 1
    x0, _, x1, bottom = table.bbox
    grid = _grid(raw[first:])
    return ((x0, raw[first][0].bbox[1], x1, bottom), grid) if grid is not None else None


def _paragraphs(lines: list[dict[str, Any]], right_edge: float) -> list[tuple[float, str]]:
    """Join hard-wrapped lines: a line reaching the right margin continues on the next one."""
    out: list[tuple[float, str]] = []
    current = ""
    top = 0.0
    for line in lines:
        text = _tighten(line["text"].strip())
        if not text or _PAGE_NUMBER.match(text):
            continue
        if current and _PARAGRAPH_START.match(text):
            out.append((top, current))
            current = ""
        if not current:
            top = line["top"]
        current += text
        if line["x1"] < right_edge - 14:
            out.append((top, current))
            current = ""
    if current:
        out.append((top, current))
    return out


def read_pdf(data: bytes) -> list[Block]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect as e:
        raise EncryptedPdf("password-protected PDF") from e
    except (PDFSyntaxError, PdfminerException) as e:
        if isinstance(e.args[0] if e.args else None, PDFPasswordIncorrect):
            raise EncryptedPdf("password-protected PDF") from e
        raise CorruptFile(f"cannot open PDF ({e.__class__.__name__})") from e
    if len(pdf.pages) > MAX_PAGES:
        raise TooLarge(f"{len(pdf.pages)} pages; at most {MAX_PAGES}")
    blocks: list[Block] = []
    chars = 0
    with pdf:
        right_edges: list[int] = []
        pages = []
        try:
            for number, page in enumerate(pdf.pages, start=1):
                parts = [part for t in page.find_tables() if (part := _table_part(t))]
                inside = [box for box, _ in parts]

                def outside(obj: dict[str, Any], boxes: list[Any] = inside) -> bool:
                    cx = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
                    cy = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
                    return not any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)

                lines = page.filter(outside).extract_text_lines()
                chars += len(page.chars)
                right_edges.extend(round(ln["x1"]) for ln in lines)
                pages.append((number, lines, [(box[1], grid) for box, grid in parts]))
        except PdfminerException as e:
            raise CorruptFile(f"damaged PDF ({e})") from e
        if chars < 20:
            raise ScannedPdf(f"{len(pdf.pages)} page(s) without a text layer")
        # justified lines all end at the text block's right margin: the most common line end
        right_edge = float(Counter(right_edges).most_common(1)[0][0]) if right_edges else 0.0
        for number, lines, tables in pages:
            items: list[tuple[float, Block]] = [
                (top, Block(text=text, page=number)) for top, text in _paragraphs(lines, right_edge)
            ]
            items += [(top, Block(table=replace(grid, page=number), page=number)) for top, grid in tables]
            items.sort(key=lambda item: item[0])
            for _, block in items:
                previous = blocks[-1] if blocks else None
                if previous and previous.page == number - 1 and items[0][1] is block:
                    if block.table and previous.table:  # a table continued on this page
                        block = Block(table=stack(previous.table, block.table), page=previous.page)
                        blocks.pop()
                    elif (
                        block.text
                        and previous.text
                        and not _PARAGRAPH_END.search(previous.text)
                        and not _PARAGRAPH_START.match(block.text)
                    ):  # a paragraph continued
                        block = Block(text=previous.text + block.text, page=previous.page)
                        blocks.pop()
                blocks.append(block)
    return blocks
