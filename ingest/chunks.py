"""Cut each part into passages of about 200–500 characters at sentence ends; a table becomes
its own passages, one line per row with its row and column labels kept together."""

from __future__ import annotations

import hashlib
import re

from ingest.records import Chunk, CleanDocument, Paragraph, Section, Table

MIN_CHARS = 200
MAX_CHARS = 500
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_SUB_HEADING = re.compile(
    r"^\s*(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+是|\d+[.．、])\s*([^。；，,：:]{2,30})"
)
_NUMBER = re.compile(r"^[-+]?\d[\d,，.]*(?:万元|元|件|条|个|%)?$")


def chunk_id(report_id: str, text: str, start: int) -> str:
    return hashlib.sha256(f"{report_id}\x00{start}\x00{text}".encode()).hexdigest()[:32]


def _distinct(cells: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for c in cells:
        if c and c not in out:
            out.append(c)
    return out


def _column_labels(header_rows: list[tuple[str, ...]], width: int) -> list[str]:
    """Per column, the distinct header labels from top to bottom; an umbrella label spanning
    most of the table ("申请人情况") says little about any one column and is left out."""
    labels = []
    for i in range(width):
        parts: list[str] = []
        for row in header_rows:
            cell = row[i] if i < len(row) else ""
            umbrella = row.count(cell) > 6
            if cell and len(cell) <= 20 and cell not in parts and not umbrella:
                parts.append(cell)
        labels.append(" ".join(parts))
    return labels


def table_lines(table: Table) -> list[str]:
    """Readable rows: "行政许可：本年处理决定数量 8097"; header rows set the column labels."""
    header_rows: list[tuple[str, ...]] = []
    previous_was_header = False
    lines: list[str] = []
    width = max(len(r) for r in table.rows)
    for row in table.rows:
        numeric = [i for i, c in enumerate(row) if _NUMBER.match(c)]
        if not numeric:
            distinct = _distinct(row)
            if len(distinct) >= 2:
                header_rows = header_rows + [row] if previous_was_header else [row]
                previous_was_header = True
            else:  # a sub-table title such as 第二十条第（五）项
                header_rows, previous_was_header = [], False
            lines.append("｜".join(distinct))
            continue
        previous_was_header = False
        heads = _column_labels(header_rows, width)
        label = "／".join(_distinct(tuple(c for i, c in enumerate(row) if i not in numeric)))
        values: list[str] = []
        seen: set[tuple[str, str]] = set()
        for i in numeric:
            head = heads[i] if i < len(heads) and heads[i] != label else ""
            if head and (head, row[i]) in seen:  # one spanned cell repeated across its columns
                continue
            seen.add((head, row[i]))
            values.append(f"{head} {row[i]}" if head else row[i])
        lines.append(f"{label}：{'，'.join(values)}" if label else "，".join(values))
    return lines


def _sentences(p: Paragraph) -> list[tuple[int, int]]:
    spans = []
    pos = p.start
    for piece in _SENTENCE_END.split(p.text):
        if piece:
            spans.append((pos, pos + len(piece)))
            pos += len(piece)
    return spans


def _split_long(start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_CHARS:
        out.append((start, start + MAX_CHARS))
        start += MAX_CHARS
    out.append((start, end))
    return out


def chunk_report(report_id: str, clean: CleanDocument, sections: tuple[Section, ...]) -> tuple[Chunk, ...]:
    text = clean.text
    chunks: list[Chunk] = []

    def emit(body: str, section: Section, sub: str, start: int, end: int, page: int | None, is_table: bool) -> None:
        path = tuple(h for h in (section.heading, sub) if h)
        chunks.append(
            Chunk(
                id=chunk_id(report_id, body, start),
                report_id=report_id,
                ord=len(chunks),
                text=body,
                part=section.part,
                heading_path=path,
                start=start,
                end=end,
                page=page,
                is_table=is_table,
            )
        )

    for section in sections:
        paragraphs = [p for p in clean.paragraphs if p.end > section.start and p.start < section.end]
        spans: list[tuple[int, int]] = []
        sub = ""
        page: int | None = None

        def flush(spans: list[tuple[int, int]], section: Section, sub: str, page: int | None) -> None:
            if spans:
                a, b = spans[0][0], spans[-1][1]
                # a heading alone says nothing its passages' heading path does not
                if text[a:b].strip() and text[a:b].strip() != section.heading.strip():
                    emit(text[a:b].strip(), section, sub, a, b, page, False)
                spans.clear()

        for p in paragraphs:
            if p.table is not None:
                flush(spans, section, sub, page)
                rows = table_lines(p.table)
                row_spans = []
                pos = p.start
                for raw in p.text.split("\n"):
                    row_spans.append((pos, pos + len(raw)))
                    pos += len(raw) + 1
                groups: list[list[int]] = [[]]
                for i, line in enumerate(rows):
                    if groups[-1] and sum(len(rows[j]) for j in groups[-1]) + len(line) > MAX_CHARS:
                        groups.append([])
                    groups[-1].append(i)
                for group in (g for g in groups if g):
                    text_ = "\n".join(rows[j] for j in group)
                    emit(text_, section, sub, row_spans[group[0]][0], row_spans[group[-1]][1], p.page, True)
                continue
            m = _SUB_HEADING.match(p.text)
            if m:
                flush(spans, section, sub, page)
                sub = m.group(0).strip()
            a = max(p.start, section.start)
            for s, e in _sentences(p):
                if s < a or s >= section.end:
                    continue
                e = min(e, section.end)
                for s2, e2 in _split_long(s, e):
                    size = (spans[-1][1] - spans[0][0]) if spans else 0
                    if spans and size + (e2 - s2) > MAX_CHARS:
                        flush(spans, section, sub, page)
                    if not spans:
                        page = p.page
                    spans.append((s2, e2))
            if spans and spans[-1][1] - spans[0][0] >= MIN_CHARS:
                flush(spans, section, sub, page)
        flush(spans, section, sub, page)
    return tuple(chunks)
