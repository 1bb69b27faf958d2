"""Statistics rows, however the table came: a grid (HTML, PDF, pipe text) or text lines where a
label is followed by its numbers ("一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21"), possibly
run together ("…申请数量640020470")."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from ingest.clean import render_row
from ingest.records import CleanDocument, Table
from lexicon.metrics import APPLICATION_LABELS, PROACTIVE_COLUMNS, PROACTIVE_LABELS, label_form

_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_BLANK = {"", "-", "—", "--", "——", "/", "无", "－"}
# A number standing alone: not the "1." of a numbered label, not followed by a unit word.
_TEXT_NUMBER = re.compile(r"(?<![\d.])-?\d+(?:\.\d+)?(?![\d.]|[、．]|[ \t\u3000]*[\u4e00-\u9fff（(])")
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
    cuts: tuple[int, ...] = ()  # positions in the run where the page kept a cell boundary
    key: str = ""  # the official row it was read as ("applications:new", "proactive:permits", "review")

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


# The cells after a label: numbers separated by spaces (or pipes), possibly run together, with an
# amount's unit at the end. The page may have put the cells on the line after the label.
_TAIL = re.compile(r"[\s|｜]*((?:[-+]?\d+(?:\.\d+)?[ \t\u3000|｜]*)+)(?:万元|元)?(?![\d.])")
_UNIT = re.compile(r"[ \t\u3000]*(?:件|条|个|项|人次|次|家|%|％)")
_TOKEN = re.compile(r"[-+]?\d+(?:\.\d+)?")
_WINDOW = 400  # the next official label stands this close to the last one, or the table ended
_SHORT_LABEL = 4  # labels this short (总计, 其他) only count with their numbering
_REVIEW_HEADER = re.compile(
    r"行政复议(?:\s|[|｜()]|行政诉讼|结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|复议后起诉)*总计"
)
_PROACTIVE_MARK = re.compile(r"信息内容|第二十条")


def _numbering(prefix: str) -> str:
    prefix = unicodedata.normalize("NFKC", prefix)
    core = prefix.strip("()、. ")
    if prefix.startswith("("):
        return rf"\(\s*{core}\s*\)\s*"
    return rf"{re.escape(core)}\s*[、.,]\s*"


def _words(words: str) -> str:
    """A label's words with any spacing between characters and any kind of quotes."""
    out = []
    for ch in unicodedata.normalize("NFKC", words):
        if ch in "“”\"'「」":
            out.append(r"[“”\"'「」]?")
        elif ch in "、，,；;":
            out.append(r"[、，,；;]?\s*")
        else:
            out.append(re.escape(ch) + r"\s*")
    return "".join(out)


def _spaced(pattern: str) -> str:
    """A label pattern that also matches the label broken over lines (any spacing between its characters)."""
    return re.sub(r"([\u4e00-\u9fff])(?=[\u4e00-\u9fff(])", r"\1\\s*", pattern)


def _label_pattern(numbering: str, words: str) -> re.Pattern[str]:
    words = unicodedata.normalize("NFKC", words)
    remark = ""
    if words.endswith(")") and "(" in words:
        words, remark = words[: words.index("(")], words[words.index("(") :]
    body = _words(words) + (rf"(?:\(\s*{_words(remark[1:-1])}\))?" if remark else "")
    optional = "" if len(words) <= _SHORT_LABEL else "?"
    return re.compile(rf"(?:{_numbering(numbering)}){optional}{body}")


_APPLICATION_PATTERNS = tuple((key, _label_pattern(n, w)) for key, n, w in APPLICATION_LABELS)


def _tokens(text: str, at: int, until: int) -> tuple[list[str], int] | None:
    """The numbers right after a label (and where they end), or None when none follow."""
    m = _TAIL.match(text, at, until)
    if m is None or not m.group(1).strip() or _UNIT.match(text, m.end(1)):
        return None  # no cells, or a figure in a sentence ("申请数量21件")
    return _TOKEN.findall(m.group(1)), m.start(1) + len(m.group(1).rstrip(" \t\u3000|｜"))


def _run_row(label: str, tokens: list[str], cells: int | None, **where: int | str) -> Row | None:
    """Cells as printed when there are as many numbers as cells, else one run with its kept boundaries."""
    if cells is not None and len(tokens) != cells and len("".join(tokens).lstrip("-")) < cells:
        return None  # too few digits for the row's cells: not this table's row
    if cells is None or len(tokens) == cells or len(tokens) == 0:
        return Row(label=label, values=tuple(tokens), headers=None, **where)  # type: ignore[arg-type]
    cuts, pos = [], 0
    for t in tokens[:-1]:
        pos += len(t)
        cuts.append(pos)
    return Row(label=label, values=("".join(tokens),), headers=None, run=True, cuts=tuple(cuts), **where)  # type: ignore[arg-type]


def _application_rows(text: str) -> list[Row]:
    """Rows of table 三 cut at the official labels, in the format's order: each label's cells are
    the numbers between it and the next label (in a one-line page, glued to both)."""
    rows: list[Row] = []
    pos = 0
    while True:
        starts = [(m.start(), i, m) for i in (0, 1) if (m := _APPLICATION_PATTERNS[i][1].search(text, pos))]
        if not starts:
            return rows
        _, first, m = min(starts, key=lambda s: s[0])
        found = [(APPLICATION_LABELS[first][0], m)]
        at = m.end()
        for key, pattern in _APPLICATION_PATTERNS[first + 1 :]:
            nxt = pattern.search(text, at, min(len(text), at + _WINDOW))
            if nxt is not None:
                found.append((key, nxt))
                at = nxt.end()
        table_start = found[0][1].start()
        context = label_form(text[max(0, table_start - 200) : table_start])
        for (key, lm), following in zip(found, [f[1].start() for f in found[1:]] + [min(len(text), at + 200)]):
            read = _tokens(text, lm.end(), following)
            if read is None:
                continue  # a heading row such as （六）其他处理 with sub-rows of its own
            tokens, end = read
            row = _run_row(
                label_form(lm.group(0)), tokens, 7, start=lm.start(), end=end, context=context, key=f"applications:{key}"
            )
            if row is not None:
                rows.append(row)
        pos = max(at, m.end())


def _review_rows(text: str) -> list[Row]:
    """Table 四: its header words, then the fifteen cells (three groups of five) in one row."""
    rows: list[Row] = []
    for m in _REVIEW_HEADER.finditer(text):
        if "结果维持" not in m.group(0):
            continue
        read = _tokens(text, m.end(), min(len(text), m.end() + 200))
        if read is None:
            continue
        tokens, end = read
        label = label_form(m.group(0))
        row = _run_row(label, tokens, 15, start=m.start(), end=end, context=label, key="review")
        if row is not None:
            rows.append(row)
    return rows


def _proactive_rows(text: str) -> list[Row]:
    """第二十条 rows: a label, then its cells. A row counts when a 第二十条/信息内容 heading or
    another such row stands just before it; the columns come from the header words before it."""
    labels = re.compile("|".join(f"(?P<p{i}>{_spaced(pattern)})" for i, (_, pattern, _) in enumerate(PROACTIVE_LABELS)))
    rows: list[Row] = []
    last_end = -1
    columns: tuple[str, ...] | None = None
    item = 0  # the sub-table the columns belong to
    for m in labels.finditer(text):
        key, _, row_item = PROACTIVE_LABELS[int((m.lastgroup or "p0")[1:])]
        adjacent = last_end >= 0 and 0 <= m.start() - last_end <= 120
        before = text[last_end : m.start()] if adjacent else text[max(0, m.start() - 150) : m.start()]
        if not adjacent and not _PROACTIVE_MARK.search(before):
            continue
        marks = list(re.finditer("第二十条", before))
        if marks:
            before = before[marks[-1].start() :]  # the header of this sub-table, not the one above it
        read = _tokens(text, m.end(), min(len(text), m.end() + 60))
        if read is None:
            continue
        tokens, end = read
        found = sorted((h.start(), h.group(0)) for pattern, _ in PROACTIVE_COLUMNS for h in re.finditer(pattern, before))
        heads = tuple(dict.fromkeys(h for _, h in found))
        if heads:
            columns, item = heads, row_item
        elif _PROACTIVE_MARK.search(before) or row_item != item:
            columns = None  # a sub-table whose header row is missing: the layout's columns
        cells = len(columns) if columns else None
        row = _run_row(
            label_form(m.group(0)), tokens, cells, start=m.start(), end=end, context=label_form(before), key=f"proactive:{key}"
        )
        if row is not None:
            rows.append(replace(row, headers=columns, context=label_form(" ".join(columns or ()))))
            last_end = end
    return rows


def label_rows(clean: CleanDocument) -> list[Row]:
    """The standard tables read from running text by their official labels: one-line pages
    whose rows, labels and header cells were glued together, as well as one row per line."""
    masked = list(fold(clean.text))
    for p in clean.paragraphs:
        if p.table is not None:
            masked[p.start : p.end] = "\x00" * (p.end - p.start)
    text = "".join(masked)
    return _application_rows(text) + _proactive_rows(text) + _review_rows(text)
