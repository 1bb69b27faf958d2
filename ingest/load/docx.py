"""Word documents: paragraphs and tables in body order (merged cells repeat their text)."""

from __future__ import annotations

import io
import zipfile

from ingest.errors import CorruptFile, TooLarge
from ingest.load.grid import table_from_grid
from ingest.records import Block

MAX_UNPACKED = 200 * 1024 * 1024  # a .docx is a zip: refuse one that would unpack to more
MAX_RATIO = 100


def _check_unpacked_size(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile as e:
        raise CorruptFile("not a Word document (BadZipFile)") from e
    if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(len(data), 1):
        raise TooLarge(f"unpacks to {unpacked // (1024 * 1024)} MB (a zip bomb?)")


def read_docx(data: bytes) -> list[Block]:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    _check_unpacked_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, AttributeError) as e:
        raise CorruptFile(f"not a Word document ({e.__class__.__name__})") from e
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, DocxParagraph):
            if item.text.strip():
                blocks.append(Block(text=item.text))
        elif isinstance(item, DocxTable):
            grid: list[list[str]] = []
            spans: set[tuple[int, int]] = set()
            for r, row in enumerate(item.rows):
                cells = row.cells  # a merged cell appears once per grid column it covers
                grid.append([cell.text.strip() for cell in cells])
                spans |= {(r, c) for c in range(1, len(cells)) if cells[c]._tc is cells[c - 1]._tc}
            table = table_from_grid(grid, spans)
            if table is not None:
                blocks.append(Block(table=table))
    return blocks
