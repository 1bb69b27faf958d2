"""The 统计表 of reports before 2019 (指标名称 | 计量单位 | 本年度 | 历年累计).

The table comes as a grid, as space-separated cells ("主动公开文件数 条 2543 78967") or flattened
with both columns run together ("主动公开文件数条206912106其中：1.政府网站公开数条206912106…").
A run is cut into (本年度, 历年累计) with the table's own arithmetic, jointly: 本年度 ≤ 历年累计, no
leading zeros, and the 其中 rows add up to the row above them in each column. Where that still
allows several readings, a reading of a total row whose 本年度 the report states in its own
prose is taken; otherwise the row stays unresolved."""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ingest.clean import render_row
from ingest.facts.prose import prose_facts
from ingest.facts.rows import cell_value, fold
from ingest.records import CleanDocument, Fact, Table
from lexicon.metrics import label_form, unit_of

log = logging.getLogger(__name__)

_YEAR = r"(?:\d{4}|本)\s*年\s*度?"
_CUMULATIVE = r"(?:历\s*年\s*)?累\s*计"
_COLUMN_HEADS = rf"(?:(?P<year>{_YEAR})[\s|]*{_CUMULATIVE}|(?P<cumulative>{_CUMULATIVE})[\s|]*{_YEAR})"
_HEADER = re.compile(rf"(?:指标\s*名称|指标|项目)[\s|]*(?:计量[\s|]*单位[\s|]*)?{_COLUMN_HEADS}")
_UNIT = re.compile(r"(万元|人次|条|件|元|个|项|次|份|宗|起|篇)$")
_NUMBERING = re.compile(r"^\s*[.、．)）]")
_PIECE = re.compile(r"\d+(?:\.\d+)?|[^\d]+")
_NUMBER = re.compile(r"^(?:0|[1-9]\d*)(?:\.\d+)?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
MAX_COMBINATIONS = 200_000

# Total rows, by meaning-bearing words, most specific first: (key, pattern).
_TOTAL_ROWS: tuple[tuple[str, str], ...] = (
    ("proactive", r"主动公开"),
    ("fees", r"收费|减免|金额"),
    ("replies", r"答复"),
    ("complaints", r"申诉|举报"),
    ("review", r"复议"),
    ("litigation", r"诉讼"),
    ("applications", r"申请"),
)
# 其中 rows under a total row: (parent, key, pattern), first match wins; "其他…" rows and rows no
# other pattern names are the parent's "other".
_SUB_ROWS: tuple[tuple[str, str, str], ...] = (
    ("proactive", "other", r"^其[他它]"),
    ("proactive", "website", r"网站|网上|网络"),
    ("proactive", "gazette", r"公报"),
    ("proactive", "other", r""),
    ("applications", "other", r"^其[他它]"),
    ("applications", "in_person", r"当面|现场"),
    ("applications", "online", r"网上|网络|在线"),
    ("applications", "email", r"电子邮件|邮箱"),
    ("applications", "mail", r"信函"),
    ("applications", "fax", r"传真"),
    ("applications", "other", r""),
    ("replies", "other", r"^其[他它]"),
    ("replies", "partially_disclosed", r"部分"),
    ("replies", "withheld", r"不予|否决|不同意|拒绝"),
    ("replies", "disclosed", r"同意|予以公开|公开答复"),
    ("replies", "other", r""),
)
# legacy row → the modern metric of the same meaning (本年度 column only).
MAPPED = {
    "legacy.proactive": "proactive.items",
    "legacy.applications": "applications.new.total",
    "legacy.review": "review.total",
    "legacy.litigation": "litigation.total",
    "legacy.replies.disclosed": "applications.result.disclosed.total",
    "legacy.fees": "fees.disclosure_fees_yuan",
}
COLUMNS = ("year", "cumulative")

Reading = tuple[float | None, float | None]


@dataclass(frozen=True)
class LegacyRow:
    """One row of the table: its label, unit and printed cells (or one run of digits)."""

    label: str  # the row's label as printed (numbering and 其中 removed)
    unit: str
    cells: tuple[str | None, ...]  # (本年度, 历年累计) as printed, or the one run
    run: bool  # one run of digits standing for both columns
    child: bool  # a numbered row under 其中
    start: int
    end: int
    swapped: bool = False  # the table prints 历年累计 first


def candidates(row: LegacyRow) -> list[Reading]:
    """The (本年度, 历年累计) readings of one row on its own: every cut of a run with no leading
    zeros and 本年度 ≤ 历年累计, or the two printed cells."""
    if row.run:
        run = row.cells[0] or ""
        out: list[Reading] = []
        for i in range(1, len(run)):
            a, b = run[:i], run[i:]
            if _NUMBER.match(a) and _NUMBER.match(b):
                first, second = float(a), float(b)
                year, cumulative = (second, first) if row.swapped else (first, second)
                if year <= cumulative:
                    out.append((year, cumulative))
        return out
    if len(row.cells) == 2:
        printed = tuple(float(v) if v is not None else None for v in row.cells)
        return [(printed[1], printed[0]) if row.swapped else (printed[0], printed[1])]
    return []


def _label_unit(text: str) -> tuple[str, str, bool] | None:
    """(label, unit, under 其中) of a row's text, or None when the text is no row label."""
    raw = text.strip(" \t\u3000\n")
    raw = re.sub(r"^[.、．)）]\s*", "", raw)
    child = False
    if raw.startswith("其中"):
        child, raw = True, raw[2:].lstrip(":：,， ")
    numbered = re.match(r"^(?:[（(]\s*\d{1,2}\s*[）)]|\d{1,2}\s*[.、．])\s*", raw)
    if numbered:
        child, raw = True, raw[numbered.end() :]
    unit = ""
    m = _UNIT.search(raw.rstrip())
    if m and len(raw.rstrip()) > len(m.group(1)):
        unit, raw = m.group(1), raw.rstrip()[: m.start()]
    label = raw.strip(" \t\u3000\n:：")
    if len(_CJK.findall(label)) < 2 or len(label) > 40 or "。" in label:
        return None
    return label, unit, child


def _is_placeholder(text: str) -> bool:
    """ "其中：" (or "其中：(") standing before the numbering of the first 其中 row."""
    return re.fullmatch(r"\s*其中\s*[:：]?\s*[（(]?\s*", text) is not None


def text_table(text: str, offset: int = 0) -> list[LegacyRow]:
    """Rows of a space-separated or flattened table following its header at the start of ``text``."""
    folded = fold(text).replace("|", " ").replace("｜", " ")
    header = _HEADER.match(folded)
    if header is None:
        return []
    swapped = header.group("cumulative") is not None
    body_at = header.end()
    rows: list[LegacyRow] = []
    label: tuple[str, str, bool, int] | None = None  # label, unit, under 其中, start
    placeholder = False  # "其中：" read, its first numbered row not yet
    numbering = 0
    numbers: list[tuple[str, int, int]] = []

    def close() -> None:
        if label is None or not numbers:
            return
        cells = tuple(n[0] for n in numbers)
        run = len(cells) == 1 and len(cells[0]) > 1
        name, unit, child, start = label
        rows.append(LegacyRow(name, unit, cells, run, child, offset + start, offset + numbers[-1][2], swapped))

    for m in _PIECE.finditer(folded, body_at):
        piece, a, b = m.group(0), m.start(), m.end()
        if piece[0].isdigit():
            if label is None and not placeholder:
                break
            numbers.append((piece, a, b))
            continue
        if not piece.strip() or piece.strip() in {"(", "（"}:
            continue  # between two cells, or before the numbering "(2)"
        numbered: int | None = None
        numbered_at = a
        if _NUMBERING.match(piece) and numbers:
            # the digits before "." "、" ")" number the next row: the whole last number when it
            # stands alone, else its tail (the expected next number, or one digit)
            digits, na, nb = numbers[-1]
            expected = str(numbering + 1)
            if label is None or (len(numbers) >= 2 and len(digits) <= 2):
                numbers.pop()
                numbered, numbered_at = int(digits), na
            else:
                cut = len(expected) if digits.endswith(expected) and len(digits) > len(expected) else 1
                numbers[-1] = (digits[:-cut], na, nb - cut)
                numbered, numbered_at = int(digits[-cut:]), nb - cut
        close()
        numbers = []
        if _is_placeholder(piece):
            label, placeholder, numbering = None, True, 0
            continue
        parsed = _label_unit(piece)
        if parsed is None or len(rows) >= 60:
            label = None
            break
        name, unit, child = parsed
        child = child or numbered is not None or placeholder
        numbering = numbered if numbered is not None else (numbering if child else 0)
        placeholder = False
        lead = len(piece) - len(piece.lstrip(" \t\u3000\n"))
        label = (name, unit, child, numbered_at if numbered is not None else a + lead)
    else:
        close()
    return rows


def grid_table(table: Table, start: int) -> list[LegacyRow]:
    """Rows of a grid whose header row names 历年累计, read from the value columns it names."""
    rows: list[LegacyRow] = []
    pos = start
    columns: tuple[int, int] | None = None
    unit_col: int | None = None
    for r, raw in enumerate(table.rows):
        line_len = len(render_row(table, r))
        cells = [label_form(c) for c in raw]
        if columns is None:
            year = next((i for i, c in enumerate(cells) if re.fullmatch(_YEAR, c)), None)
            cumulative = next((i for i, c in enumerate(cells) if re.fullmatch(_CUMULATIVE, c)), None)
            if year is not None and cumulative is not None:
                columns = (year, cumulative)
                unit_col = next((i for i, c in enumerate(cells) if "单位" in c), None)
        elif max(columns) < len(raw):
            first = min(columns)
            text = "".join(dict.fromkeys(c for i, c in enumerate(raw[:first]) if i != unit_col and c.strip()))
            unit = raw[unit_col].strip() if unit_col is not None else ""
            parsed = _label_unit(fold(text) + unit) if text else None
            values = tuple(cell_value(raw[i]) for i in columns)
            if parsed is not None and "?" not in values:
                name, unit, child = parsed
                rows.append(LegacyRow(name, unit, values, False, child, pos, pos + line_len))
        pos += line_len + 1
    return rows


def _key(rows: Sequence[LegacyRow]) -> list[str | None]:
    """The legacy metric key of each row (a 其中 row under the total row above it)."""
    keys: list[str | None] = []
    parent: str | None = None
    used: set[str] = set()
    for row in rows:
        key: str | None = None
        if row.child and parent is not None:
            sub = next((k for p, k, pattern in _SUB_ROWS if p == parent and re.search(pattern, row.label)), None)
            key = f"legacy.{parent}.{sub}" if sub else None
        elif not row.child:
            parent = next((k for k, pattern in _TOTAL_ROWS if re.search(pattern, row.label)), None)
            key = f"legacy.{parent}" if parent else None
        if key in used:
            log.debug("统计表 row %r repeats %s; left out", row.label, key)
            key = None
        if key:
            used.add(key)
        keys.append(key)
    return keys


def _groups(rows: Sequence[LegacyRow]) -> list[tuple[int, list[int]]]:
    """(total row, its 其中 rows) for every row that is not itself under 其中."""
    groups: list[tuple[int, list[int]]] = []
    for i, row in enumerate(rows):
        if row.child and groups:
            groups[-1][1].append(i)
        elif not row.child:
            groups.append((i, []))
    return groups


def solve(rows: Sequence[LegacyRow], anchors: dict[int, set[float]] | None = None) -> list[tuple[Reading | None, str]]:
    """The reading of every row (None: unresolved) and how it was found ("printed", "sums",
    "prose", ""). ``anchors`` gives, per row, 本年度 figures the report states in prose."""
    anchors = anchors or {}
    cands = [candidates(r) for r in rows]
    out: list[tuple[Reading | None, str]] = [(None, "")] * len(rows)

    def alone(i: int) -> tuple[Reading | None, str]:
        options = cands[i]
        if len(options) == 1:
            return options[0], "printed" if not rows[i].run else "sums"
        anchored = [o for o in options if o[0] in anchors.get(i, set())]
        if len(anchored) == 1:
            return anchored[0], "prose"
        return None, ""

    for parent, children in _groups(rows):
        group = [parent, *children]
        usable = children and all(cands[c] and all(None not in o for o in cands[c]) for c in children)
        size = 1
        for c in children:
            size *= max(1, len(cands[c]))
        if not usable or size > MAX_COMBINATIONS:
            for i in group:
                out[i] = alone(i)
            continue
        held: list[tuple[Reading, ...]] = []
        for combo in itertools.product(*(cands[c] for c in children)):
            total = (sum(o[0] or 0 for o in combo), sum(o[1] or 0 for o in combo))
            for p in cands[parent]:
                if p[0] is not None and p[1] is not None and abs(p[0] - total[0]) < 1e-6 and abs(p[1] - total[1]) < 1e-6:
                    held.append((p, *combo))
        if not held:
            log.debug("统计表: 其中 rows under %r do not add up in any reading", rows[parent].label)
            for i in group:
                out[i] = alone(i)
            continue
        how = "sums"
        anchored = [h for h in held if h[0][0] in anchors.get(parent, set())]
        if anchored and len({h[0] for h in held}) > 1:
            held, how = anchored, "prose"
        for n, i in enumerate(group):
            seen = {h[n] for h in held}
            if len(seen) == 1:
                reading = seen.pop()
                out[i] = (reading, "printed" if not rows[i].run else how)
    return out


def _anchors(keys: Sequence[str | None], prose: Iterable[Fact]) -> dict[int, set[float]]:
    """本年度 figures the report's prose states (issuer-wide) for the rows that map to a metric."""
    stated: dict[str, set[float]] = {}
    for f in prose:
        if f.scope == "report" and f.value is not None:
            stated.setdefault(f.metric, set()).add(f.value)
    return {i: stated[MAPPED[k]] for i, k in enumerate(keys) if k in MAPPED and MAPPED[k] in stated}


_CONFIDENCE = {"printed": 0.95, "sums": 0.9, "prose": 0.8}


def table_facts(rows: Sequence[LegacyRow], prose: Iterable[Fact] = ()) -> list[Fact]:
    """Facts of one 统计表's rows: ``legacy.<row>.year`` / ``.cumulative`` and the mapped metrics."""
    keys = _key(rows)
    solved = solve(rows, _anchors(keys, prose))
    facts: list[Fact] = []
    for row, key, (reading, how) in zip(rows, keys, solved):
        if key is None:
            continue
        unit = row.unit or unit_of(key)
        confidence = _CONFIDENCE.get(how, 0.0)
        for n, column in enumerate(COLUMNS):
            value = reading[n] if reading is not None else None
            facts.append(_fact(f"{key}.{column}", value, unit, row, confidence, row.label))
        modern = MAPPED.get(key)
        if modern is not None:
            value = reading[0] if reading is not None else None
            if value is not None and modern.endswith("_yuan") and unit == "万元":
                value *= 10_000
            label = f"统计表“{row.label}”本年度（由旧格式统计表映射）"
            facts.append(_fact(modern, value, unit_of(modern), row, confidence, label))
    return facts


def _fact(metric: str, value: float | None, unit: str, row: LegacyRow, confidence: float, label: str) -> Fact:
    if value is None:
        return Fact(metric, None, unit, "legacy", row.start, row.end, 0.0, "unresolved", label=label)
    return Fact(metric, value, unit, "legacy", row.start, row.end, confidence, label=label)


def legacy_facts(clean: CleanDocument) -> list[Fact]:
    """Facts of a pre-2019 statistics table, under ``legacy.*`` keys: from a grid when the report
    has one, else from the text after the table's header."""
    rows = next((found for p in clean.paragraphs if p.table is not None and (found := grid_table(p.table, p.start))), [])
    if not rows:
        masked = list(clean.text)
        for p in clean.paragraphs:
            if p.table is not None:
                masked[p.start : p.end] = " " * (p.end - p.start)
        text = "".join(masked)
        for header in _HEADER.finditer(fold(text)):
            if rows := text_table(text[header.start() :], header.start()):
                break
    if not rows:
        return []
    return table_facts(rows, [f for f in prose_facts(clean.text) if f.scope == "report"])


def outside_legacy(facts: list[Fact], legacy: list[Fact]) -> list[Fact]:
    """The standard-table facts that do not lie on a 统计表: its rows are not the modern tables'
    rows, however their runs look (a run of 15 digits is no 行政复议 row)."""
    spans = [(f.start, f.end) for f in legacy if f.metric.startswith("legacy.")]
    if not spans:
        return facts
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return [f for f in facts if f.end <= start or f.start >= end]
