"""One figure across issuers and years: the table, the bars of one year and the line of one
issuer, computed once from the stored facts, so every view of a metric shows the same numbers.
The page's 统计 tab and ``nianbao stats`` both read it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from answer.export import Evidence, csv_text
from ingest.records import Fact, preferred
from lexicon.metrics import format_value, metric_name
from lexicon.places import leading_places, parents
from store.records import CheckRow, FactRow

STATUS_ZH = {"ok": "正常", "unresolved": "未能唯一读出", "conflict": "与报告他处不一致", "check_failed": "所在勾稽关系不成立"}


class FactSource(Protocol):
    def facts(
        self, report_id: str | None = None, issuer: str | None = None, year: int | None = None, metric: str | None = None
    ) -> list[FactRow]: ...

    def checks(self, report_id: str | None = None, issuer: str | None = None, year: int | None = None) -> list[CheckRow]: ...


@dataclass(frozen=True)
class Cell:
    """The figure one report gives for the metric, and why it is flagged when it is."""

    issuer: str
    year: int | None
    report_id: str
    file_name: str
    fact: Fact
    flag: str  # "" or a key of STATUS_ZH

    @property
    def shown(self) -> str:
        return format_value(self.fact.value) + ("⚠" if self.flag else "")


@dataclass(frozen=True)
class MetricTable:
    metric: str
    name: str
    unit: str
    years: tuple[int, ...]  # newest first
    issuers: tuple[str, ...]
    cells: dict[tuple[str, int | None], Cell]
    year: int | None  # the year of the bars
    line_issuer: str  # the issuer of the line

    @property
    def bars(self) -> list[tuple[str, float]]:
        return [(i, c.fact.value) for (i, y), c in sorted(self.cells.items()) if y == self.year and c.fact.value is not None]

    @property
    def line(self) -> list[tuple[int, float]]:
        found = [
            (y, c.fact.value) for (i, y), c in self.cells.items() if i == self.line_issuer and y and c.fact.value is not None
        ]
        return sorted((y, v) for y, v in found if y is not None)

    @property
    def total(self) -> float:
        """The bars' sum: the figure of the issuers shown, for the year of the bars."""
        return sum(v for _, v in self.bars)

    def ordered(self) -> list[Cell]:
        """Every cell, by issuer and then newest year first."""
        return sorted(self.cells.values(), key=lambda c: (c.issuer, -(c.year or 0)))

    def grid(self) -> list[dict[str, str]]:
        """One row per issuer, one column per year; ⚠ marks a flagged figure."""
        return [
            {"发布单位": i, **{str(y): self.cells[(i, y)].shown if (i, y) in self.cells else "" for y in self.years}}
            for i in self.issuers
        ]

    def evidence(self) -> list[Evidence]:
        return [
            Evidence(
                f"{c.issuer} {c.year or ''} {self.name}",
                format_value(c.fact.value),
                c.report_id,
                c.file_name,
                c.fact.start,
                c.fact.end,
            )
            for c in self.ordered()
        ]

    def rows(self) -> list[list[str]]:
        """The cells, one per row: Chinese headers, the metric key in a column of its own."""
        out = [["发布单位", "年度", "指标", "指标代码", "数值", "单位", "状态", "读取方式", "文件", "报告编号"]]
        for c in self.ordered():
            f = c.fact
            out.append(
                [c.issuer, str(c.year or ""), self.name, self.metric, format_value(f.value), f.unit, STATUS_ZH[c.flag or "ok"]]
                + [f.method, c.file_name, c.report_id]
            )
        return out

    def csv(self) -> str:
        return csv_text(self.rows(), "\n")

    def to_json(self) -> dict:
        return {
            "metric": self.metric,
            "name": self.name,
            "unit": self.unit,
            "year": self.year,
            "line_issuer": self.line_issuer,
            "cells": [
                {
                    "issuer": c.issuer,
                    "year": c.year,
                    "value": c.fact.value,
                    "unit": c.fact.unit,
                    "status": c.flag or "ok",
                    "method": c.fact.method,
                    "report_id": c.report_id,
                    "file": c.file_name,
                    "evidence": [c.fact.start, c.fact.end],
                }
                for c in self.ordered()
            ],
        }


def regions(issuers: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The places above or naming two or more of ``issuers`` (a province, a city, a county), each
    with the issuers within it, through the gazetteer: 江宁区人民政府 is within 南京市 and 江苏省."""
    within: dict[str, set[str]] = {}
    for issuer in issuers:
        named = leading_places(issuer)
        for place in {*parents("".join(named)), *named}:
            within.setdefault(place, set()).add(issuer)
    return {place: tuple(sorted(found)) for place, found in sorted(within.items()) if len(found) >= 2}


def metric_table(
    source: FactSource,
    metric: str,
    year: int | None = None,
    issuer: str | None = None,
    within: Iterable[str] | None = None,
) -> MetricTable:
    """``metric`` for every stored report (of the issuers ``within``, when given: a region): the
    issuer-wide figure each report gives (a table before prose), flagged when unresolved, in
    conflict, or read by a 勾稽 rule that fails. The bars show ``year`` (default the newest) and
    the line ``issuer`` (default the one with most years)."""
    chosen = set(within) if within is not None else None
    by_key: dict[tuple[str, int | None], list[FactRow]] = {}
    for row in source.facts(metric=metric):
        if chosen is not None and row.issuer not in chosen:
            continue
        if row.fact.metric == metric and row.fact.scope == "report":
            by_key.setdefault((row.issuer, row.year), []).append(row)
    failing = {(r.report_id) for r in source.checks() if not r.check.holds and metric in r.check.metrics}
    cells: dict[tuple[str, int | None], Cell] = {}
    for key, rows in by_key.items():
        fact = preferred(r.fact for r in rows)
        if fact is None:
            continue
        row = next(r for r in rows if r.fact == fact)
        flag = fact.status if fact.status != "ok" else ("check_failed" if row.report_id in failing else "")
        cells[key] = Cell(key[0], key[1], row.report_id, row.file_name, fact, flag)
    years = tuple(sorted({y for _, y in cells if y}, reverse=True))
    counts: dict[str, int] = {}
    for i, _ in cells:
        counts[i] = counts.get(i, 0) + 1
    line_issuer = issuer if issuer in counts else max(sorted(counts), key=counts.__getitem__, default="")
    units = {c.fact.unit for c in cells.values()}
    return MetricTable(
        metric,
        metric_name(metric),
        units.pop() if len(units) == 1 else "",
        years,
        tuple(sorted(counts)),
        cells,
        year if year is not None else (years[0] if years else None),
        line_issuer,
    )
