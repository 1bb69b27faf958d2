"""Parse quality without gold: for each stored report, the cells of its standard tables the
format expects against the cells that were read, its 勾稽 checks, the runs left unresolved, and a
grade an operator can act on (完整 / 部分 / 未读出表格).

A plain function over what the catalog stores (a report row, its facts, its checks, optionally its
text and parts), so the CLI and the web page show the same audit."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ingest.records import Check, Fact, Section
from lexicon.metrics import (
    APPLICANT_COLUMNS,
    APPLICATION_ROWS,
    PROACTIVE_DEFAULTS,
    PROACTIVE_ROWS,
    REVIEW_GROUPS,
    REVIEW_RESULTS_ZH,
    format_value,
    metric_name,
    proactive_metric,
)
from store.records import ReportRow

Grade = Literal["完整", "部分", "未读出表格"]
GRADES: tuple[Grade, ...] = ("未读出表格", "部分", "完整")  # worst first

# A standard-format report with fewer cells read than this share "has next to no cells read".
NEXT_TO_NONE = 0.1
# A part of the report holding fewer numbers than this prints no table there (only words).
_FEW_NUMBERS = 3
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]*\s*[年月日])")

STANDARD_PARTS = ("overview", "proactive", "applications", "review_litigation", "problems_improvements", "other")
PART_ZH = {
    "overview": "总体情况",
    "proactive": "主动公开",
    "applications": "依申请公开",
    "review_litigation": "复议诉讼",
    "problems_improvements": "问题改进",
    "other": "其他事项",
    "fees": "收费",
    "platform": "平台",
    "organization": "组织领导",
}

# The three standard tables of the 2019 and 2021 formats, and the part of the report each sits in.
TABLES = (
    ("二", "主动公开政府信息情况（第二十条）", "proactive"),
    ("三", "收到和处理政府信息公开申请情况", "applications"),
    ("四", "政府信息公开行政复议、行政诉讼情况", "review_litigation"),
)
LEGACY_TABLE = ("统计表", "政府信息公开情况统计表（2019年以前）", "")

_APPLICANT_KEYS = tuple(k for k, _ in APPLICANT_COLUMNS)
_ROW_ZH = {key: zh for key, _, zh in APPLICATION_ROWS}
_OTHER_HANDLING = "result.other_handling"
# The legacy 统计表's own row labels (国办 format before 2019): printed even when its digits ran together.
_LEGACY_TABLE_LABELS = re.compile(r"指标名称|主动公开(?:政府)?(?:信息|文件)数|受理(?:依申请公开信息|申请)总数|历年累计")


def _application_rows(layout: str) -> list[str]:
    """The rows of table 三 in the format of ``layout``: every leaf row, (七)总计 and 四、结转下年度.
    The 2021 format splits （六）其他处理 into three sub-rows; the 2019 one prints it as one row."""
    rows: list[str] = []
    for key, _, _ in APPLICATION_ROWS:
        if key == "result":
            continue
        if key.startswith(_OTHER_HANDLING):
            if (layout == "2021") == (key != _OTHER_HANDLING):
                rows.append(key)
            continue
        if any(other.startswith(key + ".") for other, _, _ in APPLICATION_ROWS):
            continue  # a heading row (不予公开 …): its sub-rows carry the figures
        rows.append(key)
    at = rows.index("carried_to_next_year")
    return rows[:at] + rows[at + 1 :] + ["result", "carried_to_next_year"]


def expected_cells(layout: str) -> dict[str, tuple[str, ...]]:
    """Metric keys of every cell the format's tables 二, 三 and 四 print, by table (the official
    templates: 第二十条 rows × their columns, 三's rows × 7 applicant columns, 四's 3 × 5 cells)."""
    proactive = PROACTIVE_DEFAULTS[layout]
    return {
        "二": tuple(proactive_metric(row, c) for row, _, _ in PROACTIVE_ROWS if row in proactive for c in proactive[row]),
        "三": tuple(f"applications.{row}.{c}" for row in _application_rows(layout) for c in _APPLICANT_KEYS),
        "四": tuple(f"{prefix}.{c}" for prefix, _ in REVIEW_GROUPS for c in REVIEW_RESULTS_ZH),
    }


_ANY_STANDARD_CELL = frozenset(m for layout in PROACTIVE_DEFAULTS for cells in expected_cells(layout).values() for m in cells)


def _alternative_other_handling(layout: str) -> tuple[str, ...]:
    """（六）其他处理 printed the other format's way: one row where 2021 has three, or the reverse."""
    other = "2019" if layout == "2021" else "2021"
    return tuple(m for m in expected_cells(other)["三"] if m.startswith(f"applications.{_OTHER_HANDLING}"))


@dataclass(frozen=True)
class TableAudit:
    table: str  # 二 / 三 / 四 / 统计表
    name: str
    expected: int
    read: int
    missing: tuple[str, ...]  # metric keys of the cells not read (blank, unresolved or not found)

    def missing_rows(self) -> list[str]:
        """The missing cells by row, in the report's words: "本年新收政府信息公开申请数量（7格）"."""
        rows: Counter[str] = Counter()
        for metric in self.missing:
            rows[_row_name(metric)] += 1
        return [f"{name}（{n}格）" if n > 1 else name for name, n in rows.items()]


@dataclass(frozen=True)
class FailedCheck:
    rule: str
    description: str
    left: float
    right: float
    printed: bool  # every cell read and one cell explains the failure: the printed figures disagree


@dataclass(frozen=True)
class Audit:
    report_id: str
    file_name: str
    title: str
    issuer: str
    issuer_found: str  # how the issuer was found (Metadata.found), "" when not recorded
    year: int | None
    kind: str
    layout: str
    parts: tuple[str, ...]
    standard: bool  # an annual report in the 2019 or 2021 format: --strict holds it to 完整
    basis: str  # what the grade measures, in words
    tables: tuple[TableAudit, ...]
    checks_held: int
    checks_failed: tuple[FailedCheck, ...]
    unresolved: tuple[str, ...]  # metric keys whose run could not be read with certainty
    unresolved_runs: int  # the distinct spans of text those came from
    conflicts: tuple[str, ...]
    grade: Grade
    flags: tuple[str, ...] = field(default=())

    @property
    def expected(self) -> int:
        return sum(t.expected for t in self.tables)

    @property
    def read(self) -> int:
        return sum(t.read for t in self.tables)

    def rank(self) -> tuple[int, float, str]:
        """Worst first: by grade, then by the share of cells read."""
        share = self.read / self.expected if self.expected else 1.0
        return GRADES.index(self.grade), share, self.report_id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.report_id,
            "file": self.file_name,
            "title": self.title,
            "issuer": self.issuer,
            "issuer_found": self.issuer_found,
            "year": self.year,
            "kind": self.kind,
            "layout": self.layout,
            "parts": list(self.parts),
            "standard": self.standard,
            "basis": self.basis,
            "grade": self.grade,
            "cells": {"expected": self.expected, "read": self.read},
            "tables": [
                {
                    "table": t.table,
                    "name": t.name,
                    "expected": t.expected,
                    "read": t.read,
                    "missing": list(t.missing),
                    "missing_rows": t.missing_rows(),
                }
                for t in self.tables
            ],
            "checks": {
                "held": self.checks_held,
                "failed": [
                    {"rule": c.rule, "description": c.description, "left": c.left, "right": c.right, "printed": c.printed}
                    for c in self.checks_failed
                ],
            },
            "unresolved": list(self.unresolved),
            "unresolved_runs": self.unresolved_runs,
            "conflicts": list(self.conflicts),
            "flags": list(self.flags),
        }


def _row_name(metric: str) -> str:
    if metric.startswith("applications."):
        row = metric.removeprefix("applications.").rsplit(".", 1)[0]
        return _ROW_ZH.get(row, row) if row != "result" else "办理结果总计"
    if metric.startswith("legacy."):
        return metric_name(metric)
    return metric_name(metric)


def _table_of(metric: str) -> str:
    if metric.startswith("applications."):
        return "三"
    if metric.startswith(("review.", "litigation.")):
        return "四"
    if metric.startswith("legacy."):
        return "统计表"
    return "二"


def _family(rule: str) -> str:
    """Checks that share cells: table 三's rules all cross each other; each group of table 四 is its own row."""
    if rule.startswith(("balance.", "results.", "applicants.")):
        return "三"
    for prefix, _ in REVIEW_GROUPS:
        if rule.startswith(prefix + "."):
            return prefix
    return rule


def _read(facts: Iterable[Fact]) -> dict[str, Fact]:
    """Cells read: a table or decoded figure with a value (a blank cell is no fact; an unresolved run has no value)."""
    read: dict[str, Fact] = {}
    for f in facts:
        if f.method != "prose" and f.value is not None:
            read.setdefault(f.metric, f)
    return read


def _table_audit(table: str, name: str, expected: Sequence[str], read: dict[str, Fact]) -> TableAudit:
    missing = tuple(m for m in expected if m not in read)
    return TableAudit(table, name, len(expected), len(expected) - len(missing), missing)


def _standard_tables(layout: str, read: dict[str, Fact]) -> list[TableAudit]:
    cells = expected_cells(layout)
    alternative = _alternative_other_handling(layout)
    own = tuple(m for m in cells["三"] if m.startswith(f"applications.{_OTHER_HANDLING}"))
    if sum(m in read for m in alternative) > sum(m in read for m in own):
        at = cells["三"].index(own[0])
        rest = tuple(m for m in cells["三"] if m not in own)
        cells["三"] = rest[:at] + alternative + rest[at:]
    return [_table_audit(t, name, cells[t], read) for t, name, _ in TABLES]


def _legacy_table(facts: Sequence[Fact], read: dict[str, Fact]) -> TableAudit:
    """The 统计表's cells: both columns (本年度, 历年累计) of every row the parser recognised."""
    rows = {f.metric.rsplit(".", 1)[0] for f in facts if f.metric.startswith("legacy.")}
    expected = [f"{row}.{column}" for row in sorted(rows) for column in ("year", "cumulative")]
    return _table_audit(*LEGACY_TABLE[:2], expected, read)


def _numbers_in_part(text: str, sections: Sequence[Section], part: str) -> int | None:
    """How many figures the report prints in one of its parts; None when the part was not found."""
    spans = [s for s in sections if s.part == part]
    if not spans or not text:
        return None
    return sum(len(_NUMBER.findall(text[s.start : s.end])) for s in spans)


def _blank_columns(table: TableAudit) -> list[str]:
    """Applicant columns of table 三 missing in every row while the other columns are all read: the
    report left them blank (some print only 自然人 and 总计), not a row the parser lost."""
    if table.table != "三" or not table.missing:
        return []
    per_column = Counter(m.rsplit(".", 1)[1] for m in table.missing)
    rows_total = table.expected // len(_APPLICANT_KEYS)
    whole = [c for c, n in per_column.items() if n == rows_total]
    if not whole or len(whole) == len(_APPLICANT_KEYS) or sum(per_column[c] for c in whole) != len(table.missing):
        return []
    names = dict(APPLICANT_COLUMNS)
    return [names[c] for c in _APPLICANT_KEYS if c in whole]


def _failed_checks(checks: Sequence[Check], tables: Sequence[TableAudit], read: dict[str, Fact]) -> list[FailedCheck]:
    """A failing rule is the report's own arithmetic when every cell of its table was read and the
    failing rules of one group of crossing rules share a cell (one printed figure is off); otherwise
    it may be a row read into the wrong place, and says nothing about the report."""
    complete = {t.table for t in tables if t.read == t.expected and t.expected}
    failing = [c for c in checks if not c.holds]
    by_family: dict[str, list[Check]] = {}
    for c in failing:
        by_family.setdefault(_family(c.rule), []).append(c)
    explained: set[str] = set()
    for family, group in by_family.items():
        shared = set(group[0].metrics).intersection(*(c.metrics for c in group[1:]))
        cells_read = all(m in read for c in group for m in c.metrics)
        tables_whole = all(_table_of(m) in complete for c in group for m in c.metrics)
        if shared and cells_read and tables_whole:
            explained.add(family)
    return [FailedCheck(c.rule, c.description, c.left, c.right, _family(c.rule) in explained) for c in failing]


def _unread(missing: tuple[str, ...], facts: Sequence[Fact]) -> tuple[str, ...]:
    """The missing cells that no fact names at all (an unresolved run is flagged on its own)."""
    named = {f.metric for f in facts}
    return tuple(m for m in missing if m not in named)


def _flag_for(check: FailedCheck) -> str:
    gap = f"{format_value(check.left)} ≠ {format_value(check.right)}"
    if check.printed:
        return f"印刷的总计与各项之和不符（the printed figures do not add up）：{check.description}，{gap}"
    return f"勾稽关系不成立，表格可能缺行或错行（check fails）：{check.description}，{gap}"


def audit_report(
    row: ReportRow,
    facts: Sequence[Fact],
    checks: Sequence[Check],
    text: str = "",
    sections: Sequence[Section] = (),
) -> Audit:
    """The audit of one report. ``text`` and ``sections`` (optional) let it say when a part of the
    report prints no figures at all, so a table the report left out is not taken for one misread."""
    read = _read(facts)
    flags: list[str] = []
    has_standard_cells = any(m in _ANY_STANDARD_CELL for m in read)
    legacy_cells = any(f.metric.startswith("legacy.") for f in facts)
    layout = row.layout
    standard = row.kind == "annual_report" and (
        layout in PROACTIVE_DEFAULTS or (layout not in ("older",) and has_standard_cells and (row.year or 0) >= 2019)
    )
    tables: list[TableAudit] = []
    if standard:
        graded_layout = layout if layout in PROACTIVE_DEFAULTS else ("2021" if (row.year or 0) >= 2021 else "2019")
        basis = f"{graded_layout}年格式的标准表格（二、三、四）"
        if graded_layout != layout:
            flags.append(f"格式未识别（{layout}），按{graded_layout}年格式核对")
        tables = _standard_tables(graded_layout, read)
        for t, (number, _, part) in zip(tables, TABLES):
            numbers = _numbers_in_part(text, sections, part)
            if t.read == 0 and numbers is not None and numbers < _FEW_NUMBERS:
                flags.append(f"表{number}：报告该部分未印出表格数字（the report prints no figures there）")
            elif blank := _blank_columns(t):
                flags.append(f"表{number}：{'、'.join(blank)}列每行都未读出，报告可能留空（columns left blank）")
            elif unread := TableAudit(t.table, t.name, t.expected, t.read, _unread(t.missing, facts)).missing_rows():
                more = f" 等 {len(unread)} 行" if len(unread) > 4 else ""
                flags.append(f"表{number}：未读出 {'；'.join(unread[:4])}{more}（cells not found）")
    elif row.kind != "annual_report":
        basis = "非年度报告：不核对标准表格（not an annual report）"
    elif legacy_cells:
        basis = "2019年以前的报告：核对统计表（legacy.*）"
        tables = [_legacy_table(facts, read)]
    elif (row.year or 0) < 2019 and _LEGACY_TABLE_LABELS.search(text):
        basis = "2019年以前的报告：印有统计表（legacy.*）"
        tables = [TableAudit(*LEGACY_TABLE[:2], 0, 0, ())]
    elif (row.year or 0) < 2019 or layout == "older":
        basis = "2019年以前的报告，未印统计表：只有正文数字"
    else:
        basis = "非标准格式的年度报告：没有标准表格，只有正文数字"

    failed = _failed_checks(checks, tables, read)
    flags += [_flag_for(c) for c in failed]
    unresolved = sorted({f.metric for f in facts if f.status == "unresolved"})
    runs = len({(f.start, f.end) for f in facts if f.status == "unresolved"})
    if unresolved:
        names = "、".join(metric_name(m) for m in unresolved[:3]) + ("等" if len(unresolved) > 3 else "")
        flags.append(f"{runs} 处连写的数字有不止一种拆法，未确定（unresolved）：{len(unresolved)} 格，{names}")
    conflicts = sorted({f.metric for f in facts if f.status == "conflict"})
    if conflicts:
        names = "、".join(metric_name(m) for m in conflicts[:3]) + ("等" if len(conflicts) > 3 else "")
        flags.append(f"表格与正文数字不一致（conflicts）：{len(conflicts)} 项，{names}")
    if not row.issuer:
        flags.append("未识别发布单位（no issuer）")
    if row.year is None:
        flags.append("未识别年度（no year）")

    expected = sum(t.expected for t in tables)
    cells_read = sum(t.read for t in tables)
    legacy_printed_unread = bool(tables) and tables[0].table == "统计表" and expected == 0
    grade: Grade
    if legacy_printed_unread or (standard and cells_read < NEXT_TO_NONE * expected):
        grade = "未读出表格"
    elif cells_read < expected or any(not c.printed for c in failed):
        grade = "部分"
    else:
        grade = "完整"
    how = next((h for name, h in row.found if name == "issuer"), "")
    return Audit(
        report_id=row.id,
        file_name=row.file_name,
        title=row.title,
        issuer=row.issuer,
        issuer_found=how,
        year=row.year,
        kind=row.kind,
        layout=layout,
        parts=row.parts,
        standard=standard,
        basis=basis,
        tables=tuple(tables),
        checks_held=sum(c.holds for c in checks),
        checks_failed=tuple(failed),
        unresolved=tuple(unresolved),
        unresolved_runs=runs,
        conflicts=tuple(conflicts),
        grade=grade,
        flags=tuple(flags),
    )


@dataclass(frozen=True)
class Summary:
    reports: int
    grades: dict[str, int]
    layouts: dict[str, dict[str, int]]  # layout → grade → count
    below_complete: int  # standard-format reports graded below 完整
    worst: tuple[str, ...]  # report ids, worst first

    def to_json(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "grades": self.grades,
            "layouts": self.layouts,
            "standard_below_complete": self.below_complete,
            "worst": list(self.worst),
        }


def summarize(audits: Sequence[Audit]) -> Summary:
    layouts: dict[str, dict[str, int]] = {}
    for a in audits:
        counts = layouts.setdefault(a.layout, {g: 0 for g in reversed(GRADES)})
        counts[a.grade] += 1
    return Summary(
        reports=len(audits),
        grades={g: sum(a.grade == g for a in audits) for g in reversed(GRADES)},
        layouts=dict(sorted(layouts.items())),
        below_complete=sum(a.standard and a.grade != "完整" for a in audits),
        worst=tuple(a.report_id for a in sorted(audits, key=Audit.rank)),
    )


def audit_catalog(catalog: Any, report_ids: Sequence[str] | None = None) -> list[Audit]:
    """Audits of the given reports (all when None), worst first, read through the catalog (one
    query for every report's facts and one for their checks when all are asked for)."""
    rows = catalog.reports()
    if report_ids is not None:
        wanted = set(report_ids)
        rows = [r for r in rows if r.id in wanted]
    one = len(rows) == 1
    facts: dict[str, list[Fact]] = {}
    for fr in catalog.facts(report_id=rows[0].id if one else None):
        facts.setdefault(fr.report_id, []).append(fr.fact)
    checks: dict[str, list[Check]] = {}
    for cr in catalog.checks(report_id=rows[0].id if one else None):
        checks.setdefault(cr.report_id, []).append(cr.check)
    audits = []
    for r in rows:
        a = audit_report(r, facts.get(r.id, []), checks.get(r.id, []))
        if _text_would_tell(a):
            a = audit_report(r, facts.get(r.id, []), checks.get(r.id, []), catalog.report_text(r.id), catalog.sections(r.id))
        audits.append(a)
    return sorted(audits, key=Audit.rank)


def _text_would_tell(a: Audit) -> bool:
    """Only a table with nothing read (did the report print it?) or an older report with no
    统计表 facts (does it print one?) needs the report's text: most reports are audited without it."""
    if a.standard:
        return any(t.read == 0 for t in a.tables)
    return a.kind == "annual_report" and not a.tables
