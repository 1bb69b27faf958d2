"""Figures as cited facts: the standard tables and the sentences that state figures, read at
ingest time into typed facts tied to their evidence, plus the format's arithmetic checks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from ingest.facts.checks import result_leaves, run_checks
from ingest.facts.conflicts import mark_conflicts
from ingest.facts.decode import (
    Cells,
    Rule,
    agreed,
    applicant_prefix,
    applicant_sum,
    decode,
    review_prefix,
    review_sums,
    solve,
)
from ingest.facts.legacy import legacy_facts, outside_legacy
from ingest.facts.prose import prose_facts
from ingest.facts.rows import Row, label_rows, table_rows, text_rows
from ingest.records import Check, Chunk, CleanDocument, Fact, FactMethod, FactStatus, Section
from lexicon.metrics import (
    AMOUNT_COLUMNS,
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    PROACTIVE_COLUMNS,
    PROACTIVE_DEFAULTS,
    PROACTIVE_ROWS,
    RESULT_GROUP_SIZES,
    RESULT_GROUPS,
    REVIEW_GROUPS,
    REVIEW_RESULTS_ZH,
    SIGNED_COLUMNS,
    label_form,
    proactive_metric,
    unit_of,
)

_APPLICANT_KEYS = tuple(k for k, _ in APPLICANT_COLUMNS)
_APPLICANT_BY_LABEL = {zh: k for k, zh in APPLICANT_COLUMNS}
_NOT_APPLICATIONS = re.compile(r"行政复议|行政诉讼|结果维持")
_REVIEW_CONTEXT = re.compile(r"行政复议|复议")
_BARE_OTHER = re.compile(r"^\d[.、]?其他$")
Prefix = Callable[[tuple[float, ...]], bool] | None


@dataclass(frozen=True)
class _Options:
    """A row of a standard table and the readings it may have: one when its cells were printed
    apart, several when its digits ran together (none when there were too many to try)."""

    row: Row
    readings: list[Cells]
    decoded: bool


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


def _options(row: Row, cells: int, holds: Callable[[tuple[float, ...]], bool], prefix_ok: Prefix = None) -> _Options:
    if not row.run:
        return _Options(row, [tuple(_number(v) for v in row.values)] if len(row.values) == cells else [], False)
    found = decode(row.digits, cells, holds, frozenset(row.cuts), prefix_ok)
    return _Options(row, list(found or ()), True)


def _complete_results(keys: Iterable[str]) -> bool:
    """Are all the result rows there, so that they must add up to (七)总计? (A row the page lost
    would make the sum rule reject the right reading.)"""
    keys = set(keys)
    for group in RESULT_GROUPS:
        subs = [k for k in keys if k.startswith(group + ".")]
        if group in RESULT_GROUP_SIZES:
            if len(subs) != RESULT_GROUP_SIZES[group]:
                return False
        elif group not in keys and not subs:
            return False
    return "result" in keys


def _table_rules(keys: Iterable[str]) -> list[Rule]:
    keys = list(keys)
    rules = [Rule(("new", "carried_over"), ("result", "carried_to_next_year"))]
    if _complete_results(keys):
        rules.append(Rule(tuple(result_leaves(keys)), ("result",)))
    return rules


def _joint(rows: dict[str, _Options]) -> dict[str, Cells | None]:
    """Each row's cells as all of table 三 decides them: the readings of every row are chosen
    together so that the column rules hold; a cell is known when every such choice agrees on it.
    When the printed table breaks a rule, fewer rules are used (the checks then report it)."""
    options = {k: o.readings for k, o in rows.items() if o.readings}
    if any(len(o) > 1 for o in options.values()):
        rules = _table_rules(options)
        for subset in (rules, *([r] for r in rules)):
            solutions = solve(options, subset, len(_APPLICANT_KEYS))
            if solutions:
                return {k: agreed([s[k] for s in solutions]) if k in options else None for k in rows}
    return {k: agreed(o.readings) for k, o in rows.items()}


def _application_facts(rows: dict[str, _Options]) -> Iterable[Fact]:
    decided = _joint(rows)
    for key, option in rows.items():
        cells = decided.get(key)
        for i, column in enumerate(_APPLICANT_KEYS):
            metric = f"applications.{key}.{column}"
            value = cells[i] if cells is not None else None
            if value is not None:
                yield _fact(metric, value, option.row, "decoded" if option.decoded else "table", 0.9 if option.decoded else 0.95)
            elif option.decoded:
                yield _fact(metric, None, option.row, "decoded", 0.0)


def _review_facts(row: Row) -> Iterable[Fact]:
    option = _options(row, len(REVIEW_GROUPS) * len(REVIEW_RESULTS_ZH), review_sums, review_prefix)
    if not option.readings and not option.decoded:
        return
    values = agreed(option.readings)
    method: FactMethod = "decoded" if option.decoded else "table"
    for g, (prefix, _) in enumerate(REVIEW_GROUPS):
        for c, column in enumerate(REVIEW_RESULTS_ZH):
            value = values[g * len(REVIEW_RESULTS_ZH) + c] if values else None
            if value is not None or option.decoded:
                yield _fact(f"{prefix}.{column}", value, row, method, 0.95 if method == "table" else 0.9)


def _cell_kinds(columns: tuple[str, ...]) -> Callable[[tuple[float, ...]], bool]:
    """Only a 本年增/减 cell may be negative and only an amount may have decimals."""

    def holds(values: tuple[float, ...]) -> bool:
        for column, v in zip(columns, values):
            if v < 0 and column not in SIGNED_COLUMNS:
                return False
            if v != int(v) and column not in AMOUNT_COLUMNS:
                return False
        return True

    return holds


def _proactive_facts(key: str, row: Row, layout: str) -> Iterable[Fact]:
    if row.run:
        heads = [next((c for p, c in PROACTIVE_COLUMNS if re.search(p, label_form(h))), None) for h in row.headers or ()]
        columns = tuple(c for c in heads if c) if heads and all(heads) else PROACTIVE_DEFAULTS[layout].get(key, ())
        if not columns:
            return
        option = _options(row, len(columns), _cell_kinds(columns))
        values = agreed(option.readings)
        for i, column in enumerate(columns):
            yield _fact(proactive_metric(key, column), values[i] if values else None, row, "decoded", 0.8)
        return
    pairs = _proactive_columns(key, row, layout)
    shown = (
        replace(row, start=row.header_start) if 0 <= row.header_start < row.start and row.start - row.header_start <= 200 else row
    )
    for column, cell in pairs or ():
        if cell is not None:
            yield _fact(proactive_metric(key, column), float(cell), shown, "table", 0.95)


def _table_facts(rows: list[Row], layout: str, part_at: dict[int, str]) -> list[Fact]:
    facts: list[Fact] = []
    applications: dict[str, _Options] = {}
    reviewed = False
    last_app = ""
    for row in rows:
        kind, _, key = row.key.partition(":")
        proactive = key if kind == "proactive" else None
        if not row.key:
            proactive = next((k for k, pattern, _ in PROACTIVE_ROWS if re.search(pattern, row.label)), None)
        if proactive is not None:
            facts += _proactive_facts(proactive, row, layout)
            continue
        app = key if kind == "applications" else (_application_row(row.label) if not row.key else None)
        if app is None and not row.key and _BARE_OTHER.match(row.label) and last_app.startswith("result.other_handling."):
            app = "result.other_handling.other"  # a grid row "3.其他" under （六）其他处理's sub-rows
        last_app = app or last_app
        if app is not None:
            if app in applications:
                continue
            if row.run:
                applications[app] = _options(row, len(_APPLICANT_KEYS), applicant_sum, applicant_prefix)
                continue
            values = _applicant_values(row)
            if values is not None:
                applications[app] = _Options(replace(row, values=values), [tuple(_number(v) for v in values)], False)
                continue
        cells = len(REVIEW_GROUPS) * len(REVIEW_RESULTS_ZH)
        in_review = kind == "review" or part_at.get(row.start) == "review_litigation" or _REVIEW_CONTEXT.search(row.context)
        if in_review and not reviewed and (row.run or len(row.values) == cells):
            facts += _review_facts(row)
            reviewed = kind == "review"
    return facts + list(_application_facts(applications))


def _chunk_for(f: Fact, chunks: tuple[Chunk, ...]) -> str:
    best, overlap = "", 0
    for c in chunks:
        o = min(c.end, f.end) - max(c.start, f.start)
        if o > overlap:
            best, overlap = c.id, o
    return best


def extract(
    clean: CleanDocument, sections: tuple[Section, ...], chunks: tuple[Chunk, ...], layout: str, year: int | None
) -> tuple[tuple[Fact, ...], tuple[Check, ...]]:
    if layout not in PROACTIVE_DEFAULTS:
        layout = "2021" if year is not None and year >= 2021 else "2019"
    rows = label_rows(clean)
    claimed = [(r.start, r.end) for r in rows]
    rows += [r for r in text_rows(clean) if not any(a < r.end and r.start < b for a, b in claimed)]
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
