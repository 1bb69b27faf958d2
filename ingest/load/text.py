"""Plain text as pasted from web pages: detect the encoding, keep pipe-flattened tables as tables."""

from __future__ import annotations

import re

from ingest.errors import CorruptFile
from ingest.load import markdown
from ingest.records import Block, Table

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; otherwise the Chinese encodings charset-normalizer finds."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
    if len(_CONTROL.findall(text[:20000])) > max(8, len(text[:20000]) // 50):
        raise CorruptFile("binary data, not text")
    return text


def _decode_legacy(data: bytes) -> str:
    try:
        return data.decode("gb18030")  # a superset of GBK and GB2312: strict decoding proves it
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise CorruptFile("binary data, not text")
    return str(best)


def lines_to_blocks(lines: list[str], page: int | None = None) -> list[Block]:
    """Runs of lines with '|' separators become a table when at least two carry two or more cells;
    otherwise the pipes are border garbage and the lines stay text. A table's rows may be parted
    by what PDF-to-markdown converters put between them (see ``ingest.load.markdown``)."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.count("|") < 2:
            blocks.append(Block(text=line, page=page))
            i += 1
            continue
        end = markdown.table_lines_end(lines, i)
        run = lines[i:end]
        piped = [markdown.cells(x) for x in run if x.count("|") >= 2]
        if sum(1 for r in piped if sum(1 for c in r if c) >= 2) < 2:
            blocks.extend(Block(text=x, page=page) for x in run)
            i = end
            continue
        texts = [b.text for b in blocks if b.table is None]
        heading = next((t.strip() for t in reversed(texts) if t.strip()), "")
        table, left = markdown.repair_table(run, heading if heading.startswith("#") else "")
        if table is not None:
            n = markdown.header_lines(_trailing_text(blocks)) if not markdown.is_data(table.rows[0]) else 0
            if n:
                header = tuple(b.text.strip() for b in blocks[-n:])
                del blocks[-n:]
                table = Table(rows=(header, *table.rows))
            blocks.append(Block(table=Table(rows=table.rows, page=page, spans=table.spans), page=page))
        blocks.extend(Block(text=x, page=page) for x in left)
        i = end
    return markdown.unwrap(markdown.join_column_groups(blocks))


def _trailing_text(blocks: list[Block]) -> list[str]:
    texts: list[str] = []
    for b in reversed(blocks):
        if b.table is not None:
            break
        texts.insert(0, b.text)
    return texts


def read_text(data: bytes) -> list[Block]:
    return lines_to_blocks(decode(data).splitlines())
