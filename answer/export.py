"""Spreadsheets for a write-up: a table sheet and an evidence sheet that gives, for every figure,
the quote it was read from, its report and the part of the report."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ingest.records import Section


class TextSource(Protocol):
    def report_texts(self, report_ids: list[str]) -> dict[str, str]: ...

    def sections_of(self, report_ids: list[str]) -> dict[str, list[Section]]: ...


@dataclass(frozen=True)
class Evidence:
    label: str  # what the figure is, e.g. "南京市人民政府 2024 行政复议总数"
    value: str
    report_id: str
    file_name: str
    start: int
    end: int


def evidence_rows(source: TextSource, items: Sequence[Evidence]) -> list[list[str]]:
    """标注, 数值, 原文, 报告, 部分 — the quote cut from the cleaned text at the figure's span.
    The texts and parts of all the reports are read at once (a statistics sheet cites hundreds)."""
    ids = sorted({e.report_id for e in items})
    texts, parts = source.report_texts(ids), source.sections_of(ids)
    out = [["指标", "数值", "原文", "文件", "报告编号", "所在部分"]]
    for e in items:
        sections = parts.get(e.report_id, [])
        part = next((s.heading for s in reversed(sections) if s.start <= e.start < s.end), "")
        out.append([e.label, e.value, texts.get(e.report_id, "")[e.start : e.end], e.file_name, e.report_id, part])
    return out


def csv_text(rows: Sequence[Sequence[object]], line_end: str = "\r\n") -> str:
    """Rows as CSV text: CRLF line ends for a file to download, "\n" for a terminal."""
    out = io.StringIO()
    csv.writer(out, lineterminator=line_end).writerows(rows)
    return out.getvalue()


def xlsx(sheets: Sequence[tuple[str, Sequence[Sequence[object]]]]) -> bytes:
    """A workbook with one sheet per (name, rows); the first row of each is its header, in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name[:31])  # the format's limit on sheet names
        for row in rows:
            sheet.append(list(row))
        for cell in sheet[1] if rows else ():
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
