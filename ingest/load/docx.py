"""Word documents: paragraphs and tables in body order (merged cells repeat their text)."""

from __future__ import annotations

import io
import zipfile

from ingest.errors import CorruptFile
from ingest.load.grid import table_from_grid
from ingest.records import Block


def read_docx(data: bytes) -> list[Block]:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
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
