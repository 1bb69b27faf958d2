"""Word documents: paragraphs and tables in body order (merged cells repeat their text)."""

from __future__ import annotations

import io
import zipfile

from ingest.errors import CorruptFile
from ingest.records import Block, Table


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
            rows = tuple(tuple(cell.text.strip() for cell in row.cells) for row in item.rows)
            if rows:
                blocks.append(Block(table=Table(rows=rows)))
    return blocks
