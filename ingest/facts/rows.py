"""Statistics rows, however the table came: a grid (HTML, PDF, pipe text) or text lines where a
label is followed by its numbers ("一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21"), possibly
run together ("…申请数量640020470")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.clean import render_row
from ingest.facts.vocabulary import label_form
from ingest.records import CleanDocument, Table

_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_BLANK = {"", "-", "—", "--", "——", "/", "无", "－"}
# A number standing alone: not the "1." of a numbered label, not followed by a unit word.
_TEXT_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|[、．]|[ \t\u3000]*[\u4e00-\u9fff（(])")
# The numbers of one row stand on one line.
_GROUP = re.compile(rf"{_TEXT_NUMBER.pattern}(?:[ \t\u3000|｜]+{_TEXT_NUMBER.pattern})*")


@dataclass(frozen=True)
class Row:
    """A label and its value cells (None: a blank cell), and the span that shows them."""

    label: str  # label_form of the row's label cells
    values: tuple[str | None, ...]
    headers: tuple[str, ...] | None  # the column header above each value, when the grid has one
    start: int
    end: int
    context: str  # label_form of the table's header rows (or the text before the numbers)
    header_start: int = -1  # where the header rows above this row begin (its column labels)
    run: bool = False  # one run of digits that stands for several values

    @property
    def digits(self) -> str:
        return (self.values[0] or "") if self.run else ""


def cell_value(cell: str) -> str | None:
    text = unicodedata.normalize("NFKC", cell).strip().replace(",", "")
    text = re.sub(r"(?:件|条|个|项|万元|元)$", "", text)
    if text in _BLANK:
        return None
    return text if _NUMBER.match(text) else "?"


def _is_value(cell: str) -> bool:
    v = cell_value(cell)
    return v is not None and v != "?"


def table_rows(table: Table, start: int, caption_start: int | None = None) -> list[Row]:
    """Rows of a grid whose cells after the label are numbers or blanks; a header row (no
    numbers, several distinct cells) sets the columns of the rows below it. A row without a label
    of its own (the 行政复议/诉讼 row) is shown with the whole table and its caption."""
    rows: list[Row] = []
    headers: tuple[str, ...] | None = None
    header_text: list[str] = []
    header_start = start
    pos = start
    for r, raw in enumerate(table.rows):
        line_len = len(render_row(table, r))
        first = next((i for i, c in enumerate(raw) if _is_value(c)), None)
        if first is None:
            distinct = [c for c in dict.fromkeys(raw) if c]
            if len(distinct) >= 2:
                if headers is None and not header_text:
                    header_start = pos
                headers = raw
                header_text += distinct
            else:  # a sub-table title such as 第二十条第（五）项
                header_text, headers, header_start = list(distinct), None, pos
        else:
            if not header_text:
                header_start = pos
            columns = [i for i in range(first, len(raw)) if (r, i) not in table.spans]
            if all(cell_value(raw[i]) != "?" for i in columns):
                label = label_form("".join(dict.fromkeys(c for c in raw[:first] if c)))
                column_heads = tuple(headers[i] for i in columns) if headers is not None and len(headers) == len(raw) else None
                rows.append(
                    Row(
                        label=label,
                        values=tuple(cell_value(raw[i]) for i in columns),
                        headers=column_heads,
                        start=pos if label else (caption_start if caption_start is not None else start),
                        end=pos + line_len,
                        context=label_form("".join(header_text)),
                        header_start=header_start,
                    )
                )
        pos += line_len + 1
    return rows


def fold(text: str) -> str:
    """NFKC per character, keeping each character's position (full-width digits → ASCII)."""
    return "".join(n if len(n := unicodedata.normalize("NFKC", c)) == 1 else c for c in text)


def text_rows(clean: CleanDocument) -> list[Row]:
    """Number groups in the running text, each with the label text before it (up to the previous
    group, a sentence end or a table)."""
    masked = list(fold(clean.text))
    for p in clean.paragraphs:
        if p.table is not None:
            masked[p.start : p.end] = "\x00" * (p.end - p.start)
    text = "".join(masked)
    rows: list[Row] = []
    label_start = 0
    for m in _GROUP.finditer(text):
        barrier = max(text.rfind(ch, label_start, m.start()) for ch in "\x00。;!?")
        a = barrier + 1 if barrier >= label_start else label_start
        label_raw = text[a : m.start()]
        label_start = m.end()
        tokens = _TEXT_NUMBER.findall(m.group(0))
        label = label_form(label_raw.strip(" |｜:："))
        if not label or "\x00" in label_raw:
            continue
        lead = len(label_raw) - len(label_raw.lstrip())
        rows.append(
            Row(
                label=label,
                values=tuple(tokens),
                headers=None,
                start=a + lead,
                end=m.end(),
                context=label,
                run=len(tokens) == 1 and len(tokens[0]) > 1 and "." not in tokens[0],
            )
        )
    return rows
