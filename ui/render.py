"""HTML for the web page. Everything that comes from a report or a file name goes through
``inert``: escaped for HTML and for Markdown, so it always shows as the text it is."""

from __future__ import annotations

import html
import re

from answer.records import Answer, Citation
from ingest.records import Section
from store.records import ReportRow

TABLE_AFTER = 3  # an answer stating more figures than this shows them as a table too
_MARKDOWN = {c: f"&#{ord(c)};" for c in "[]()*_`#>!|~\\{}"}


def inert(text: str) -> str:
    escaped = html.escape(text, quote=True)
    return "".join(_MARKDOWN.get(c, c) for c in escaped)


def report_choice(r: ReportRow) -> tuple[str, str]:
    """A report as a list choice: what the user reads, and its id."""
    return f"{r.issuer} {r.year or ''} · {r.file_name}", r.id


def citation_label(c: Citation) -> str:
    """Issuer, year, part and the first words of the quote (a table row's label), so that the
    sources of one answer never read alike."""
    words = re.sub(r"[|\s]+", " ", c.quote).strip()
    words = words[:16] + ("…" if len(words) > 16 else "")
    return f"[{c.n}] {c.issuer} {c.year or ''} · {c.section or '正文'} · {words}"


def answer_html(answer: Answer, turn: int = 0) -> str:
    """An answer for the chat: its text, each [n] mark a superscript that opens its source (the
    ``turn``-th answer's n-th; see ``ui.chat.OPEN_SOURCE``), and its sources, folded."""
    lines = []
    for line in answer.text.splitlines():
        safe = inert(line)
        safe = re.sub(
            r"&#91;(\d+)&#93;",
            rf'<sup class="nb-cite nb-ref-{turn}-\1" title="查看出处">[\1]</sup>',
            safe,
        )
        lines.append(safe)
    body = "<br>".join(lines)
    if len(answer.facts) > TABLE_AFTER:  # many figures: a table too, each row cited
        rows = answer.figure_table()
        head = "".join(f"<th>{inert(h)}</th>" for h in rows[0])
        cells = "".join(
            "<tr>"
            + "".join(f"<td>{inert(v)}</td>" for v in r[:-1])
            + f'<td><sup class="nb-cite nb-ref-{turn}-{r[-1].strip("[]")}" title="查看出处">{inert(r[-1])}</sup></td></tr>'
            for r in rows[1:]
        )
        body += f'<table class="nb-table nb-figures"><tr>{head}</tr>{cells}</table>'
    if answer.note:
        body += f'<div class="nb-note">{inert(answer.note)}</div>'
    if answer.citations:
        items = "".join(
            f'<li><b>{inert(citation_label(c))}</b><br><span class="nb-file">{inert(c.file)}</span>'
            f'<blockquote class="nb-quote">{quote_html(c.quote, c.highlight)}</blockquote></li>'
            for c in answer.citations
        )
        body += f'<details class="nb-sources"><summary>来源（{len(answer.citations)}）</summary><ol>{items}</ol></details>'
    return body


def report_html(title: str, text: str, sections: list[Section], highlight: tuple[int, int] | None = None) -> str:
    """The cleaned report, part headings in bold, pipe tables as tables, the cited span marked
    (a table's cited rows highlighted); the page scrolls to the first mark."""
    out, first = [], [True]  # the first mark of the highlight carries the id the page scrolls to
    for a, b, table in _blocks(text):
        out.append(_table_html(text, a, b, highlight, first) if table else _prose_html(text, a, b, sections, highlight, first))
    return f'<div class="nb-report"><h3>{inert(title)}</h3><div class="nb-text">{"".join(out)}</div></div>'


def quote_html(quote: str, figure: tuple[int, int] | None = None) -> str:
    """A cited quote: its prose as text, its table rows as a table. Marked whole, or, when the
    answer's figure has its own span in it (``figure``, offsets into the quote), only there: the
    words of the figure, or its table row with its cell."""
    out = []
    for a, b, table in _blocks(quote):
        inside = figure is not None and a <= figure[0] < figure[1] <= b
        if table:  # the figure's row, or every row when the quote is marked whole
            rows = (a, b) if figure is None else figure if inside else None
            out.append(_table_html(quote, a, b, rows, [False], figure))
        elif figure is None:
            out.append(f"<mark>{inert(quote[a:b])}</mark>")
        elif inside:
            x, y = figure
            out.append(f'{inert(quote[a:x])}<mark class="nb-figure">{inert(quote[x:y])}</mark>{inert(quote[y:b])}')
        else:
            out.append(inert(quote[a:b]))
    return "".join(out)


_ROW = re.compile(r"^\s*\|.*\|\s*$")
_CELL = re.compile(r"\|([^|\n]*)(?=\|)")
_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """The text as runs of prose and of pipe-table lines, each (start, end, is_table)."""
    blocks: list[tuple[int, int, bool]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        table = bool(_ROW.match(line))
        if blocks and blocks[-1][2] == table:
            blocks[-1] = (blocks[-1][0], pos + len(line), table)
        else:
            blocks.append((pos, pos + len(line), table))
        pos += len(line)
    return blocks


def _hit_tag(first: list[bool]) -> str:
    tag = '<mark id="nb-highlight">' if first[0] else "<mark>"
    first[0] = False
    return tag


def _prose_html(
    text: str, start: int, end: int, sections: list[Section], highlight: tuple[int, int] | None, first: list[bool]
) -> str:
    marks: list[tuple[int, str]] = []
    for s in sections:
        if start <= s.start < end and s.heading and text[s.start : s.start + len(s.heading)] == s.heading:
            marks += [(s.start, "<b>"), (min(end, s.start + len(s.heading)), "</b>")]
    if highlight is not None and highlight[0] < end and highlight[1] > start:
        marks += [(max(start, highlight[0]), _hit_tag(first)), (min(end, highlight[1]), "</mark>")]
    marks.sort(key=lambda m: (m[0], m[1].startswith("<") and not m[1].startswith("</")))
    out, pos = [], start
    for at, tag in marks:
        out.append(inert(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(inert(text[pos:end]))
    return "".join(out)


def _table_html(
    text: str,
    start: int,
    end: int,
    highlight: tuple[int, int] | None,
    first: list[bool],
    figure: tuple[int, int] | None = None,
) -> str:
    """Pipe rows as an HTML table, every cell escaped; a cell repeated across the columns it spans
    (a converter's copy of a merged header) shown once; the rows the highlight touches marked,
    and the cell holding ``figure`` (offsets into ``text``) marked apart."""
    rows, pos = [], start
    for line in text[start:end].splitlines(keepends=True):
        a, b = pos, pos + len(line)
        pos = b
        if _RULE.match(line):
            continue
        cells: list[list] = []  # [text, span, holds the figure]
        for m in _CELL.finditer(line):
            cell = m.group(1).strip()
            holds = figure is not None and a + m.start(1) <= figure[0] and figure[1] <= a + m.end(1)
            if cells and cell and cell == cells[-1][0]:
                cells[-1][1] += 1
            else:
                cells.append([cell, 1, holds])
        tds = "".join(
            (f"<td colspan={span}>" if span > 1 else "<td>")
            + (f'<mark class="nb-figure">{inert(cell)}</mark>' if holds else inert(cell))
            + "</td>"
            for cell, span, holds in cells
        )
        hit = highlight is not None and highlight[0] < b and highlight[1] > a
        if hit:
            row_id = ' id="nb-highlight"' if first[0] else ""
            first[0] = False
            rows.append(f'<tr class="nb-hit"{row_id}>{tds}</tr>')
        else:
            rows.append(f"<tr>{tds}</tr>")
    return f'<table class="nb-table">{"".join(rows)}</table>'
