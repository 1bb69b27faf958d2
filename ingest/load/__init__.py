"""Read a report file into blocks of text and tables, whatever format it came in."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.errors import EmptyDocument, UnsupportedFormat
from ingest.records import LoadedDocument

SUPPORTED = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


def load_bytes(data: bytes, file_name: str) -> LoadedDocument:
    suffix = Path(file_name).suffix.lower()
    fmt = SUPPORTED.get(suffix)
    if fmt is None:
        raise UnsupportedFormat(f"{suffix or '(no extension)'}; supported: {', '.join(sorted(SUPPORTED))}")
    if not data.strip():
        raise EmptyDocument("file is empty")
    hints: dict[str, str] = {}
    if fmt == "txt":
        from ingest.load.text import read_text

        blocks = read_text(data)
    elif fmt == "html":
        from ingest.load.html import read_html

        blocks, hints = read_html(data)
    elif fmt == "pdf":
        from ingest.load.pdf import read_pdf

        blocks = read_pdf(data)
    else:
        from ingest.load.docx import read_docx

        blocks = read_docx(data)
    if not any(b.text.strip() or b.table for b in blocks):
        raise EmptyDocument("no text found")
    return LoadedDocument(
        file_name=file_name,
        fmt=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        blocks=tuple(blocks),
        hints=hints,
    )


def load(path: Path) -> LoadedDocument:
    return load_bytes(path.read_bytes(), path.name)
