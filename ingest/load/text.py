"""Plain text as pasted from web pages: detect the encoding, keep pipe-flattened tables as tables."""

from __future__ import annotations

import re

from ingest.errors import CorruptFile
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


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def lines_to_blocks(lines: list[str], page: int | None = None) -> list[Block]:
    """Runs of lines with '|' separators become a table when at least two carry two or more cells;
    otherwise the pipes are border garbage and the lines stay text."""
    blocks: list[Block] = []
    run: list[str] = []

    def flush() -> None:
        rows = [_cells(line) for line in run]
        if sum(1 for r in rows if sum(1 for c in r if c) >= 2) >= 2:
            grid = tuple(tuple(r) for r in rows if any(r))
            blocks.append(Block(table=Table(rows=grid, page=page), page=page))
        else:
            blocks.extend(Block(text=line, page=page) for line in run)
        run.clear()

    for line in lines:
        if line.count("|") >= 2:
            run.append(line)
            continue
        if run:
            flush()
        blocks.append(Block(text=line, page=page))
    if run:
        flush()
    return blocks


def read_text(data: bytes) -> list[Block]:
    return lines_to_blocks(decode(data).splitlines())
