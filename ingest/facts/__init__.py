"""Figures as cited facts: the standard tables and the sentences that state figures, read at
ingest time into typed facts tied to their evidence, plus the format's arithmetic checks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ingest.facts.checks import result_leaves, run_checks
from ingest.facts.conflicts import mark_conflicts
from ingest.facts.decode import applicant_sum, decode, readings, review_sums
from ingest.facts.legacy import legacy_facts, outside_legacy
from ingest.facts.prose import prose_facts
from ingest.facts.rows import Row, table_rows, text_rows
from ingest.facts.vocabulary import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    PROACTIVE_COLUMNS,
    PROACTIVE_DEFAULTS,
    PROACTIVE_ROWS,
    REVIEW_GROUPS,
    REVIEW_RESULTS_ZH,
    label_form,
    proactive_metric,
    unit_of,
)
from ingest.records import Check, Chunk, CleanDocument, Fact, FactMethod, FactStatus, Section

_METHOD_RANK = {"table": 0, "decoded": 1, "prose": 2}
_APPLICANT_KEYS = tuple(k for k, _ in APPLICANT_COLUMNS)
_APPLICANT_BY_LABEL = {zh: k for k, zh in APPLICANT_COLUMNS}
_NOT_APPLICATIONS = re.compile(r"行政复议|行政诉讼|结果维持")
_REVIEW_CONTEXT = re.compile(r"行政复议|复议")


@dataclass
class _Candidates:
    """A row of table 三 and the readings it may have (one, unless its digits ran together)."""

    row: Row
    readings: list[tuple[float | None, ...]]
    complete: bool = True  # False when there were too many readings to try


def _number(v: str | None) -> float | None:
    return float(v) if v is not None else None


def _application_row(label: str) -> str | None:
    if _NOT_APPLICATIONS.search(label):
        return None
    for key, pattern, _ in APPLICATION_ROWS:
        if re.search(pattern, label):
            return key
    return None


def _applicant_values(row: Row) -> tuple[str | None, ...] | None:
    """The seven applicant columns, by header label when the grid has them, else by position."""
    if row.headers is not None:
        keys = [_APPLICANT_BY_LABEL.get(label_form(h)) for h in row.headers]
        if sorted(k for k in keys if k) == sorted(_APPLICANT_KEYS):
            by_key = {k: v for k, v in zip(keys, row.values) if k}
            return tuple(by_key[k] for k in _APPLICANT_KEYS)
    return row.values if len(row.values) == len(_APPLICANT_KEYS) else None


def _proactive_columns(key: str, row: Row, layout: str) -> list[tuple[str, str | None]] | None:
    """(column key, value) pairs: from the header labels, or by the layout's column count."""
    if row.headers is not None:
        pairs: list[tuple[str, str | None]] = []
        previous: tuple[str, str | None] | None = None
        for head, value in zip(row.headers, row.values):
            if previous == (head, value):  # a spanned cell repeated across its columns
                continue
            previous = (head, value)
            column = next((c for pattern, c in PROACTIVE_COLUMNS if re.search(pattern, label_form(head))), None)
            if column is None:
                break
            pairs.append((column, value))
        else:
            if pairs:
                return pairs
    values = list(row.values)
    while len(values) > 1 and values[-1] == values[-2] and row.headers is not None:
        values.pop()  # a span with no usable header
    for name in (layout, "2021" if layout == "2019" else "2019"):
        columns = PROACTIVE_DEFAULTS[name].get(key)
        if columns and len(columns) == len(values):
            return list(zip(columns, values))
    return None


def _fact(metric: str, value: float | None, row: Row, method: FactMethod, confidence: float) -> Fact:
    status: FactStatus = "ok" if value is not None else "unresolved"
    return Fact(metric, value, unit_of(metric), method, row.start, row.end, confidence if value is not None else 0.0, status)


def _balances(
    rows: dict[str, _Candidates], left: list[str], right: list[str], target: str, reading: tuple[float | None, ...]
) -> bool:
    """Does ``reading`` of row ``target`` make sum(left) = sum(right) in every column it can be checked in?"""
    for col in range(len(_APPLICANT_KEYS)):
        others = {m: rows[m].readings[0][col] for m in left + right if m != target}
        if reading[col] is None or any(v is None for v in others.values()):
            continue
        lhs = sum(others.get(m) or 0 for m in left) + ((reading[col] or 0) if target in left else 0)
        rhs = sum(others.get(m) or 0 for m in right) + ((reading[col] or 0) if target in right else 0)
        if abs(lhs - rhs) > 1e-6:
            return False
    return True


def _propagate(rows: dict[str, _Candidates]) -> None:
    """Narrow ambiguous rows with the column rules of table 三 until nothing changes."""
    rules = [(["new", "carried_over"], ["result", "carried_to_next_year"]), (result_leaves(rows), ["result"])]
    changed = True
    while changed:
        changed = False
        for left, right in rules:
            if not left or not all(m in rows for m in left + right):
                continue
            open_rows = [m for m in left + right if len(rows[m].readings) != 1 or not rows[m].complete]
            if len(open_rows) != 1 or not rows[open_rows[0]].complete:
                continue
            target = open_rows[0]
            kept = [r for r in rows[target].readings if _balances(rows, left, right, target, r)]
            if kept != rows[target].readings:
                rows[target].readings = kept
                changed = True


def _application_facts(rows: dict[str, _Candidates]) -> Iterable[Fact]:
    _propagate(rows)
    for key, cand in rows.items():
        decoded = cand.row.run
        unique = cand.complete and len(cand.readings) == 1
        for i, column in enumerate(_APPLICANT_KEYS):
            metric = f"applications.{key}.{column}"
            if not unique:
                yield _fact(metric, None, cand.row, "decoded", 0.0)
                continue
            value = cand.readings[0][i]
            if value is not None:
                yield _fact(metric, value, cand.row, "decoded" if decoded else "table", 0.9 if decoded else 0.95)


def _review_facts(row: Row) -> Iterable[Fact]:
    cells = len(REVIEW_GROUPS) * len(REVIEW_RESULTS_ZH)
    if row.run:
        found = decode(row.digits, cells, review_sums)
        values: tuple[float | None, ...] | None = tuple(map(float, found[0])) if found and len(found) == 1 else None
        method: FactMethod = "decoded"
    elif len(row.values) == cells:
        values, method = tuple(_number(v) for v in row.values), "table"
    else:
        return
    for g, (prefix, _) in enumerate(REVIEW_GROUPS):
        for c, column in enumerate(REVIEW_RESULTS_ZH):
            value = values[g * len(REVIEW_RESULTS_ZH) + c] if values else None
            if value is not None or values is None:
                yield _fact(f"{prefix}.{column}", value, row, method, 0.95 if method == "table" else 0.9)


def _proactive_facts(key: str, row: Row, layout: str) -> Iterable[Fact]:
    if row.run:
        columns = PROACTIVE_DEFAULTS[layout].get(key, ())
        found = list(readings(row.digits, len(columns))) if columns else []
        if len(found) == 1:
            for column, number in zip(columns, found[0]):
                yield _fact(proactive_metric(key, column), float(number), row, "decoded", 0.8)
        return
    pairs = _proactive_columns(key, row, layout)
    shown = (
        replace(row, start=row.header_start) if 0 <= row.header_start < row.start and row.start - row.header_start <= 200 else row
    )
    for column, value in pairs or ():
        if value is not None:
            yield _fact(proactive_metric(key, column), float(value), shown, "table", 0.95)


def _table_facts(rows: list[Row], layout: str, part_at: dict[int, str]) -> list[Fact]:
    facts: list[Fact] = []
    applications: dict[str, _Candidates] = {}
    for row in rows:
        proactive = next((k for k, pattern, _ in PROACTIVE_ROWS if re.search(pattern, row.label)), None)
        if proactive is not None:
            facts += _proactive_facts(proactive, row, layout)
            continue
        app = _application_row(row.label)
        if app is not None and app not in applications:
            if row.run:
                found = decode(row.digits, len(_APPLICANT_KEYS), applicant_sum)
                readings_ = [tuple(map(float, r)) for r in found or ()]
                applications[app] = _Candidates(row, list(readings_), complete=found is not None)
                continue
            values = _applicant_values(row)
            if values is not None:
                applications[app] = _Candidates(row, [tuple(_number(v) for v in values)])
                continue
        in_review = part_at.get(row.start) == "review_litigation" or _REVIEW_CONTEXT.search(row.context)
        if in_review and (row.run or len(row.values) == len(REVIEW_GROUPS) * len(REVIEW_RESULTS_ZH)):
            facts += _review_facts(row)
    return facts + list(_application_facts(applications))


def _chunk_for(f: Fact, chunks: tuple[Chunk, ...]) -> str:
    best, overlap = "", 0
    for c in chunks:
        o = min(c.end, f.end) - max(c.start, f.start)
        if o > overlap:
            best, overlap = c.id, o
    return best


def preferred(facts: Iterable[Fact]) -> Fact | None:
    """The fact to answer with: a read value before an unresolved one, a table before prose."""
    ranked = sorted(facts, key=lambda f: (f.value is None, _METHOD_RANK.get(f.method, 9), -f.confidence))
    return ranked[0] if ranked else None


def extract(
    clean: CleanDocument, sections: tuple[Section, ...], chunks: tuple[Chunk, ...], layout: str, year: int | None
) -> tuple[tuple[Fact, ...], tuple[Check, ...]]:
    if layout not in PROACTIVE_DEFAULTS:
        layout = "2021" if year is not None and year >= 2021 else "2019"
    rows = text_rows(clean)
    for i, p in enumerate(clean.paragraphs):
        if p.table is not None:
            before = clean.paragraphs[i - 1] if i else None
            caption = before.start if before is not None and before.table is None and len(before.text) <= 40 else None
            rows += table_rows(p.table, p.start, caption)
    part_at = {r.start: next((s.part for s in sections if s.start <= r.start < s.end), "") for r in rows}
    facts = (
        outside_legacy(_table_facts(rows, layout, part_at), legacy := legacy_facts(clean))
        + legacy
        + list(prose_facts(clean.text))
    )
    facts = mark_conflicts(facts)
    facts = [replace(f, chunk_id=_chunk_for(f, chunks)) for f in facts]
    checks = run_checks(facts)
    return tuple(facts), tuple(checks)
