"""Pipe tables and hard-wrapped lines as PDF-to-markdown converters write them, put back together.

Converters lose a table's structure in a few known ways, and each repair here is a rule for one:
- ``|---|`` separator rows, the caption (``## 表三：…``) and the header row repeated on every
  page, and the page footer (``— 3 —``) printed between rows: dropped, and the pieces stitched
  into one table;
- a merged-cell label printed as loose lines above, between or below the numbers it labels
  ("（二）部分公开（区分处理的，只" / "计这一情形…" then ``| 2 | 0 | … |``): the lines are parsed into
  numbered items (一、 / （二） / 3.) and each numbers-only row, or row whose label was cut, takes
  the item the numbering of the rows above expects next;
- the multi-row header of a wide table flattened into short lines above it: kept as a header
  row, so the reader knows which table the numbers belong to;
- generic headers a converter invents (数据1, 列2, Column3): dropped, so the reader uses the
  format's column order;
- one wide table split into one small table per column group, each under a heading of its own
  (### 行政复议 / ### 行政诉讼…), each with the same header and one row of numbers: rejoined;
- prose wrapped at a fixed width: a line that stops mid-sentence at the wrap width is joined to
  the next, never across a heading or a list item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.records import Block, Table

_NUMERALS = "一二三四五六七八九十"
_SEPARATOR_CELL = re.compile(r"^:?-{2,}:?$")
_FURNITURE = re.compile(
    r"^\s*(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$"
)
_LONE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_CAPTION = re.compile(rf"^\s*(?:#{{1,6}}\s*)?表\s*[{_NUMERALS}\d]+\s*[:：、.．\s]")
_PLACEHOLDER = re.compile(r"^(?:数据|列|字段|栏目?|Column|Col|Field|Data)\s*[_-]?\d{1,2}$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_PART_WORDS = ("总体情况", "主动公开", "收到和处理", "行政复议", "存在的主要问题", "其他需要报告", "概述")
_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
_BLANK_MARKS = {"-", "—", "--", "——", "/", "－", "无"}
_UNIT = re.compile(r"(?:件|条|个|项|万元|元)$")
# An item's number: 一、 (level 0), （一） (level 1), 1. (level 2).
_MARKER = re.compile(
    rf"(?P<top>[{_NUMERALS}]{{1,3}}\s*、)|(?P<group>[（(][{_NUMERALS}]{{1,3}}[)）])|(?P<sub>(?<![\d.．])\d{{1,2}}\s*[.．、](?!\d))"
)
# The result groups of table 三 (本年度办理结果): a narrow merged cell printed a few characters a
# line ("（六）其" / "他处理") is completed by the short line that continues one of these names.
_GROUP_NAMES = ("予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理")
FRAGMENT_MAX = 24  # characters: a label line of a table cell, not a sentence
_GAP_MAX = 16  # non-row lines a table may have between two of its rows
_SHORT_LABEL = 2  # a sub-item label this short ("3.其他") means nothing without its group


def cells(line: str) -> list[str]:
    found = [c.strip() for c in line.strip().strip("|").split("|")]
    while found and not found[-1]:
        found.pop()
    return found


def _is_separator(row: list[str]) -> bool:
    return bool(row) and all(_SEPARATOR_CELL.match(c.replace(" ", "")) for c in row if c) and any(row)


def _numeric(cell: str) -> bool:
    text = _UNIT.sub("", unicodedata.normalize("NFKC", cell).strip().replace(",", ""))
    return bool(_NUMBER.match(text))


def _valuelike(cell: str) -> bool:
    return _numeric(cell) or unicodedata.normalize("NFKC", cell).strip() in _BLANK_MARKS


def _label_width(row: list[str] | tuple[str, ...]) -> int:
    """How many cells lead the row before its first value cell."""
    return next((i for i, c in enumerate(row) if _valuelike(c)), len(row))


def is_data(row: list[str] | tuple[str, ...]) -> bool:
    return any(_numeric(c) for c in row[_label_width(row) :])


def _is_heading(line: str) -> bool:
    """A report heading ends a table: a markdown heading other than a caption, or a part title."""
    text = line.strip()
    if text.startswith("#") and not _CAPTION.match(text):
        return True
    m = re.match(rf"^[{_NUMERALS}]{{1,3}}\s*、\s*(.*)$", text)
    if m is None:
        return False
    return len(m.group(1)) >= 8 or any(m.group(1).startswith(w) for w in _PART_WORDS)


def is_fragment(line: str) -> bool:
    """A short line of a table cell's text: no sentence end, no figure (item numbers aside)."""
    text = line.strip()
    if not text or len(text) > FRAGMENT_MAX or _SENTENCE_END.search(text) or _is_heading(text):
        return False
    return not re.search(r"\d", _MARKER.sub("", text))


def _gap_kind(line: str) -> str | None:
    """What a non-row line inside a table is, or None when it ends the table."""
    text = line.strip()
    if not text:
        return "blank"
    if _FURNITURE.match(text) or _LONE_NUMBER.match(text):
        return "furniture"
    if _CAPTION.match(text):
        return "caption"
    if line.count("|") >= 2 and _is_separator(cells(line)):
        return "separator"
    return "fragment" if is_fragment(text) else None


@dataclass
class _Item:
    """A numbered label item parsed from the loose lines of a table (one merged cell's text)."""

    level: int | None  # 0: 一、  1: （一）  2: 1.   None: no number
    ordinal: int
    text: str
    pos: int  # line index in the table's lines
    used: bool = False

    @property
    def rest(self) -> str:
        m = _MARKER.match(self.text)
        return self.text[m.end() :] if m else self.text


def _numeral(text: str) -> int:
    digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", text))
    if digits:
        return int(digits)
    word = re.sub(rf"[^{_NUMERALS}]", "", text)
    if word.startswith("十"):
        return 10 + (_NUMERALS.index(word[1]) + 1 if len(word) > 1 else 0)
    return _NUMERALS.index(word[0]) + 1 if word else 0


def _level(m: re.Match[str]) -> int:
    return 0 if m.group("top") else 1 if m.group("group") else 2


def _pieces(line: str) -> list[tuple[int | None, int, str]]:
    """A line cut where an item number begins: at its start, or after a CJK character
    ("（四）无2.没有现成信息" holds two items)."""
    text = line.strip()
    cuts = [
        m
        for m in _MARKER.finditer(text)
        if m.start() == 0 or (not m.group("top") and "\u4e00" <= text[m.start() - 1] <= "\u9fff")
    ]
    out: list[tuple[int | None, int, str]] = []
    if not cuts or cuts[0].start() > 0:
        out.append((None, 0, text[: cuts[0].start()] if cuts else text))
    for i, m in enumerate(cuts):
        end = cuts[i + 1].start() if i + 1 < len(cuts) else len(text)
        out.append((_level(m), _numeral(m.group(0)), text[m.start() : end]))
    return [p for p in out if p[2]]


def _items(lines: list[tuple[int, str]]) -> list[_Item]:
    items: list[_Item] = []
    last = -2
    for pos, line in lines:
        run_on, last = pos == last + 1, pos  # a line right under another loose line continues it
        for level, ordinal, piece in _pieces(line):
            if level is not None:
                items.append(_Item(level, ordinal, piece, pos))
                continue
            narrow = next((it for it in reversed(items) if it.level == 1 and len(it.rest) <= 3), None)
            if narrow is not None and len(piece) <= 3 and any(n.startswith(narrow.rest + piece) for n in _GROUP_NAMES):
                narrow.text += piece
            elif items and run_on:
                items[-1].text += piece
            else:
                items.append(_Item(None, 0, piece, pos))
    return items


@dataclass
class _Numbering:
    """The item numbers of the last row: what the next row's label should be numbered."""

    group: int | None = None
    sub: int | None = None

    def read(self, label: str) -> None:
        found = list(_MARKER.finditer(label))
        subs = [m for m in found if m.group("sub")]
        groups = [m for m in found if m.group("group")]
        if subs:
            self.sub = _numeral(subs[-1].group(0))
            if groups:
                self.group = _numeral(groups[-1].group(0))
        elif groups:
            self.group, self.sub = _numeral(groups[-1].group(0)), None
        elif any(m.group("top") for m in found):
            self.group = self.sub = None

    def expected(self) -> list[tuple[int, int]]:
        if self.sub is not None:
            return [(2, self.sub + 1), (2, 1)]
        if self.group is not None:
            return [(1, self.group + 1), (2, 1)]
        return []


def _pick(items: list[_Item], numbering: _Numbering, pos: int) -> list[_Item]:
    """The unused item numbered as the next row should be, nearest the row; a group label whose
    first sub-item follows it ("（三）不予公开" "1.属于国家秘密") comes with that sub-item."""
    for level, ordinal in numbering.expected():
        found = [it for it in items if not it.used and it.level == level and it.ordinal == ordinal]
        if found:
            best = min(found, key=lambda it: abs(it.pos - pos))
            i = items.index(best)
            after = items[i + 1] if i + 1 < len(items) else None
            if level == 1 and after is not None and not after.used and after.level == 2 and after.ordinal == 1:
                return [best, after]
            return [best]
    return []


def _fits(pending: list[_Item], numbering: _Numbering) -> bool:
    """Do the loose lines just above a numbers-only row make one label for it: at most one
    sub-item, numbered as the row should be?"""
    subs = [it for it in pending if it.level == 2]
    if not pending or len(subs) > 1:
        return False
    expected = numbering.expected()
    return not subs or not expected or (2, subs[0].ordinal) in expected


def _group_before(items: list[_Item], rows: list[tuple[int, list[str]]], pos: int) -> str:
    """The result group a row sits in: the latest group label above it, a loose line or a row's own cell."""
    best, where = "", -2  # a heading just above the table stands at -1
    for it in items:
        if it.level == 1 and where < it.pos < pos:
            best, where = it.text, it.pos
        elif it.level == 0 and where < it.pos < pos:
            best, where = "", it.pos
    for p, row in rows:
        if where < p < pos:
            label = "".join(row[: _label_width(row)])
            m = next((m for m in _MARKER.finditer(label) if m.group("group") or m.group("top")), None)
            if m is not None:
                best, where = ("" if m.group("top") else re.split(r"(?<=\D)(?=\d{1,2}[.．、])", label[m.start() :])[0]), p
    return best


def _short_sub_label(label: str) -> bool:
    m = next((m for m in _MARKER.finditer(label) if m.group("sub")), None)
    return m is not None and m.start() == 0 and len(label[m.end() :].strip()) <= _SHORT_LABEL


def repair_table(lines: list[str], context: str = "") -> tuple[Table | None, list[str]]:
    """One table from its pipe lines and the loose lines between them; returns the table and the
    loose lines no row took (kept as text). ``context`` is a heading just above the table, which
    may name the result group of its first rows."""
    rows: list[tuple[int, list[str]]] = []
    loose: list[tuple[int, str]] = []
    for pos, line in enumerate(lines):
        kind = _gap_kind(line) if line.count("|") < 2 or _is_separator(cells(line)) else "row"
        if kind == "row":
            row = cells(line)
            if any(row):
                rows.append((pos, row))
        elif kind == "fragment":
            loose.append((pos, line))
    items = _items(loose)
    if context and _MARKER.search(context):
        items.insert(0, _Item(1, 0, context.strip("# ").strip(), -1, used=True))
    numbering = _Numbering()
    last_header: tuple[str, ...] | None = None
    out: list[tuple[str, ...]] = []
    previous = -1
    for pos, row in rows:
        if not is_data(row):
            key = tuple(row)
            placeholders = sum(1 for c in row if _PLACEHOLDER.match(c.strip()))
            if key == last_header or (placeholders >= 2 and placeholders * 2 >= len(row) - 1):
                continue  # the header repeated at a page break (no sub-table title since), or one a converter made up
            last_header = key
            out.append(key)
            continue
        width = _label_width(row)
        own = "".join(row[:width])
        pending = [it for it in items if not it.used and previous < it.pos < pos]
        taken: list[_Item] = []
        if width == 0:
            taken = pending if _fits(pending, numbering) else _pick(items, numbering, pos) or pending
        elif not any(_MARKER.match(c.strip()) for c in row[:width]):  # a label cut off its number
            taken = pending or _pick(items, numbering, pos)
        for it in taken:
            it.used = True
        label = "".join(it.text for it in taken) + own
        cells_out = [label, *row[width:]] if taken else row
        if _short_sub_label(label):
            group = _group_before(items, rows, pos)
            if group:
                cells_out = [group] + cells_out
                label = group + label
        numbering.read(label)
        out.append(tuple(cells_out))
        previous = pos
    left = [it.text for it in items if not it.used]
    return (Table(rows=tuple(out)) if out else None), left


def table_lines_end(lines: list[str], start: int) -> int:
    """Index after the last pipe row of the table that begins at ``lines[start]``: rows may be
    parted by blank lines, separators, page furniture, repeated captions and label lines. Label
    lines and furniture are crossed only once a row of figures was seen: pipes in a site's
    navigation bar between short lines are no table."""
    last = start
    gap = 0
    figures = is_data(cells(lines[start]))
    i = start + 1
    while i < len(lines) and gap <= _GAP_MAX:
        line = lines[i]
        kind = "row" if line.count("|") >= 2 else _gap_kind(line)
        if kind == "row":
            last, gap = i, 0
            figures = figures or is_data(cells(line))
        elif kind is None or (kind in ("fragment", "furniture") and not figures):
            break
        else:
            gap += 1
        i += 1
    return last + 1


def header_lines(texts: list[str]) -> int:
    """How many of the trailing lines are a wide table's header flattened into short lines
    (no figures, no sentences, after the nearest heading); 0 when fewer than two."""
    n = 0
    for text in reversed(texts):
        if n >= 8 or not text.strip() or not is_fragment(text) or _CAPTION.match(text.strip()) or _MARKER.match(text.strip()):
            break
        n += 1
    return n if n >= 2 else 0


def join_column_groups(blocks: list[Block]) -> list[Block]:
    """Small tables each under a heading of its own, with one header row and one row of bare
    numbers, the header the same in all: the column groups of one wide table (行政复议 | 行政诉讼…),
    joined side by side under a header row of the headings."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        group: list[tuple[str, Table]] = []
        j = i
        while j + 1 < len(blocks):
            k = j
            while k < len(blocks) and blocks[k].table is None and not blocks[k].text.strip():
                k += 1
            if k + 1 >= len(blocks) or blocks[k].table is not None:
                break
            head, table = blocks[k].text.strip(), blocks[k + 1].table
            if table is None or len(head) > 40 or not _one_number_row(table):
                break
            if group and table.rows[0] != group[0][1].rows[0]:
                break
            group.append((head.lstrip("#").strip(), table))
            j = k + 2
        if len(group) >= 2:
            heads: list[str] = []
            subs: list[str] = []
            values: list[str] = []
            spans: set[tuple[int, int]] = set()
            for head, table in group:
                width = len(table.rows[1])
                spans |= {(0, len(heads) + c) for c in range(1, width)}
                heads += [head] * width
                subs += list(table.rows[0]) + [""] * (width - len(table.rows[0]))
                values += list(table.rows[1])
            rows = (tuple(heads), tuple(subs), tuple(values))
            out.append(Block(table=Table(rows=rows, page=group[0][1].page, spans=frozenset(spans)), page=blocks[i].page))
            i = j
            continue
        out.append(blocks[i])
        i += 1
    return out


def _one_number_row(table: Table) -> bool:
    if len(table.rows) != 2 or is_data(list(table.rows[0])):
        return False
    values = table.rows[1]
    return len(values) >= 2 and all(_valuelike(c) for c in values) and any(_numeric(c) for c in values)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


_PARAGRAPH_END = re.compile(r"[。！？；：:!?;]$")
_PARAGRAPH_START = re.compile(
    rf"^(?:#|[{_NUMERALS}]+\s*、|[（(][{_NUMERALS}\d]+[)）]|\d+\s*[.．、](?!\d)|[{_NUMERALS}]是|第[{_NUMERALS}\d]+[章节条部分]|[-*•·]\s)"
)


def unwrap(blocks: list[Block]) -> list[Block]:
    """Join prose hard-wrapped at a fixed width: a line as wide as the text's wrap width that does
    not end a sentence runs on into the next line, unless that one starts a heading or a list
    item. Text whose lines vary in width (one paragraph per line) is left alone; page furniture
    between the two halves of a sentence is dropped."""
    widths = sorted(_width(b.text.strip()) for b in blocks if b.table is None and _width(b.text.strip()) >= 30)
    if len(widths) < 8:
        return blocks
    wrap = widths[int(len(widths) * 0.9)]
    full = [w for w in widths if wrap - 8 <= w <= wrap + 4]
    open_ends = sum(
        1 for b in blocks if b.table is None and _width(b.text.strip()) >= wrap - 8 and not _PARAGRAPH_END.search(b.text.strip())
    )
    if len(full) < 0.6 * len(widths) or open_ends < 5 or wrap > 120:
        return blocks  # lines of any width: paragraphs, not a wrapped page
    out: list[Block] = []
    joinable = False  # the last block is a full-width line that stops mid-sentence
    for block in blocks:
        text = block.text.strip()
        if block.table is None and joinable and text and _FURNITURE.match(text):
            continue
        if block.table is None and joinable and text and not _PARAGRAPH_START.match(text) and "|" not in text:
            last = out.pop()
            out.append(Block(text=last.text.rstrip() + text, page=last.page))
        else:
            out.append(block)
        line = out[-1].text.strip()
        joinable = (
            out[-1].table is None
            and bool(text)
            and _width(text) >= wrap - 8
            and not _PARAGRAPH_END.search(line)
            and not line.startswith("#")
        )
    return out
