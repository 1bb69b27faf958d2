"""What researchers check by hand across reports, from the stored facts: cross-year checks of one
issuer (carry-over of applications, documents in force, 上一年项目数量), the rates the format's
columns define, year-on-year anomalies, and two reports side by side. Every figure keeps the
report and the span it was read from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from answer.export import Evidence
from ingest.records import preferred
from lexicon.metrics import format_value, metric_name
from store.records import FactRow, ReportRow

YOY_HIGH, YOY_LOW = 5.0, 0.2  # a change beyond these ratios is worth a look …
YOY_MIN = 10  # … unless both years are small counts, which swing by nature


class Store(Protocol):
    def reports(self) -> list[ReportRow]: ...

    def facts(
        self, report_id: str | None = None, issuer: str | None = None, year: int | None = None, metric: str | None = None
    ) -> list[FactRow]: ...


@dataclass(frozen=True)
class Figure:
    """One stated figure of one report, with where it stands."""

    metric: str
    value: float
    report_id: str
    issuer: str
    year: int | None
    start: int
    end: int
    flagged: bool  # unresolved or in conflict elsewhere in its report


def _figures(rows: Iterable[FactRow]) -> dict[str, dict[str, Figure]]:
    """Per report and metric, the issuer-wide figure the report gives (a table before prose)."""
    by_key: dict[tuple[str, str], list[FactRow]] = {}
    for row in rows:
        if row.fact.scope == "report":
            by_key.setdefault((row.report_id, row.fact.metric), []).append(row)
    out: dict[str, dict[str, Figure]] = {}
    for (report_id, metric), found in by_key.items():
        fact = preferred(r.fact for r in found)
        if fact is None or fact.value is None:
            continue
        r = next(r for r in found if r.fact == fact)
        figure = Figure(metric, fact.value, report_id, r.issuer, r.year, fact.start, fact.end, fact.status != "ok")
        out.setdefault(report_id, {})[metric] = figure
    return out


def report_figures(store: Store, report_id: str) -> dict[str, Figure]:
    """The issuer-wide figure the report gives for each metric (a table before prose)."""
    return _figures(r for r in store.facts(report_id=report_id) if r.report_id == report_id).get(report_id, {})


def figures_of(store: Store, metrics: Iterable[str]) -> dict[str, dict[str, Figure]]:
    """``metrics`` of every stored report, one read per metric (not one per report)."""
    return _figures(r for m in dict.fromkeys(metrics) for r in store.facts(metric=m) if r.fact.metric == m)


# -- rates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    key: str
    name: str
    formula: str
    parts: tuple[str, ...]
    over: tuple[str, ...]
    minus: tuple[str, ...] = ()  # taken from the denominator
    low: float | None = None  # below this (in %) the rate is flagged
    high: float | None = None  # above this (in %) the rate is flagged


_REVIEW_DONE = ("review.total",)
RATES: tuple[Rate, ...] = (
    Rate(
        "disclosure_rate",
        "公开率",
        "公开率 =（予以公开 + 部分公开）÷ 办理结果总计 × 100%",
        ("applications.result.disclosed.total", "applications.result.partially_disclosed.total"),
        ("applications.result.total",),
    ),
    Rate(
        "completion_rate",
        "办结率",
        "办结率 = 办理结果总计 ÷（本年新收 + 上年结转）× 100%",
        ("applications.result.total",),
        ("applications.new.total", "applications.carried_over.total"),
        low=90.0,
    ),
    Rate(
        "review_correction_rate",
        "复议纠错率",
        "复议纠错率 = 行政复议结果纠正 ÷（行政复议总计 − 尚未审结）× 100%",
        ("review.corrected",),
        _REVIEW_DONE,
        ("review.pending",),
        high=20.0,
    ),
    Rate(
        "litigation_loss_rate",
        "诉讼败诉率",
        "诉讼败诉率 =（未经复议直接起诉 + 复议后起诉）结果纠正 ÷（两类诉讼总计 − 尚未审结）× 100%",
        ("litigation.direct.corrected", "litigation.after_review.corrected"),
        ("litigation.direct.total", "litigation.after_review.total"),
        ("litigation.direct.pending", "litigation.after_review.pending"),
        high=20.0,
    ),
)


@dataclass(frozen=True)
class RateValue:
    rate: Rate
    value: float | None  # None: the denominator is zero
    figures: tuple[Figure, ...]

    @property
    def flagged(self) -> bool:
        r, v = self.rate, self.value
        return v is not None and ((r.low is not None and v < r.low) or (r.high is not None and v > r.high))


def rates(figures: dict[str, Figure]) -> list[RateValue]:
    """Each rate whose figures the report states, computed with its formula."""
    out = []
    for r in RATES:
        needed = (*r.parts, *r.over, *r.minus)
        if not all(k in figures for k in needed):
            continue
        top = sum(figures[k].value for k in r.parts)
        bottom = sum(figures[k].value for k in r.over) - sum(figures[k].value for k in r.minus)
        value = round(100 * top / bottom, 1) if bottom > 0 else None
        out.append(RateValue(r, value, tuple(figures[k] for k in needed)))
    return out


# -- cross-year checks ------------------------------------------------------------------------


@dataclass(frozen=True)
class CrossYearCheck:
    """A rule between two consecutive reports of one issuer: ``left`` (this year) = ``right``."""

    rule: str
    description: str
    soft: bool
    issuer: str
    year: int
    holds: bool
    left: float
    right: float
    figures: tuple[Figure, ...]  # every figure the rule reads, last year's and this year's


_Rule = tuple[str, str, bool, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _carry_rules(layout: str) -> list[_Rule]:
    """(rule, description, soft, this year's figures summed on the left, last year's figures
    summed on the right, this year's figures added on the right). A soft rule may fail for good
    reasons (a document amended, a count redefined) and is shown as a hint."""
    out: list[_Rule] = [
        (
            "carry_over",
            "本年“上年结转”等于上年“结转下年度继续办理”",
            False,
            ("applications.carried_over.total",),
            ("applications.carried_to_next_year.total",),
            (),
        )
    ]
    if layout == "2021":
        for doc, zh in (("regulations", "规章"), ("normative_docs", "行政规范性文件")):
            out.append(
                (
                    f"{doc}.in_force",
                    f"{zh}：现行有效件数 + 本年废止件数 = 上年现行有效件数 + 本年制发件数",
                    True,
                    (f"{doc}.in_force", f"{doc}.repealed"),
                    (f"{doc}.in_force",),
                    (f"{doc}.issued",),
                )
            )
    if layout == "2019":
        for item, zh in (("permits", "行政许可"), ("penalties", "行政处罚"), ("coercion", "行政强制")):
            out.append(
                (
                    f"{item}.items_last_year",
                    f"{zh}：本年的“上一年项目数量” = 上年的上一年项目数量 + 上年的本年增/减",
                    False,
                    (f"{item}.items_last_year",),
                    (f"{item}.items_last_year", f"{item}.items_change"),
                    (),
                )
            )
    return out


def annual_reports(store: Store) -> dict[str, dict[int, ReportRow]]:
    """Each issuer's annual reports by year (one per year: the latest ingested)."""
    out: dict[str, dict[int, ReportRow]] = {}
    for r in sorted(store.reports(), key=lambda r: r.ingested_at):
        if r.kind == "annual_report" and r.year is not None:
            out.setdefault(r.issuer, {})[r.year] = r
    return out


def cross_year_checks(store: Store, issuers: Iterable[str] | None = None) -> list[CrossYearCheck]:
    """Every rule between consecutive years of each issuer whose figures both reports state."""
    chosen = set(issuers) if issuers is not None else None
    out = []
    rules = [rule for layout in ("2019", "2021") for rule in _carry_rules(layout)]
    known = figures_of(store, [k for *_, this, last, plus in rules for k in (*this, *last, *plus)])

    def figures(r: ReportRow) -> dict[str, Figure]:
        return known.get(r.id, {})

    for issuer, by_year in annual_reports(store).items():
        if chosen is not None and issuer not in chosen:
            continue
        for year in sorted(by_year):
            if year - 1 not in by_year:
                continue
            now, before = figures(by_year[year]), figures(by_year[year - 1])
            for rule, description, soft, this, last, this_plus in _carry_rules(by_year[year].layout):
                if not all(k in now for k in (*this, *this_plus)) or not all(k in before for k in last):
                    continue
                left = sum(now[k].value for k in this)
                right = sum(before[k].value for k in last) + sum(now[k].value for k in this_plus)
                used = (*(before[k] for k in last), *(now[k] for k in (*this, *this_plus)))
                out.append(CrossYearCheck(rule, description, soft, by_year[year].issuer, year, left == right, left, right, used))
    return out


# -- year on year -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    metric: str
    issuer: str
    year: int
    before: Figure
    now: Figure

    @property
    def ratio(self) -> float | None:
        return self.now.value / self.before.value if self.before.value else None

    @property
    def anomalous(self) -> bool:
        r = self.ratio
        big = max(self.before.value, self.now.value) >= YOY_MIN
        return r is not None and big and (r > YOY_HIGH or r < YOY_LOW)


def year_on_year(store: Store, metric: str) -> list[Change]:
    """``metric`` against the year before, for every issuer with both years on file."""
    out = []
    known = figures_of(store, [metric])
    for by_year in annual_reports(store).values():
        for year in sorted(by_year):
            if year - 1 not in by_year:
                continue
            now = known.get(by_year[year].id, {}).get(metric)
            before = known.get(by_year[year - 1].id, {}).get(metric)
            if now is not None and before is not None:
                out.append(Change(metric, by_year[year].issuer, year, before, now))
    return out


# -- two reports side by side -----------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    metric: str
    name: str
    a: Figure | None
    b: Figure | None

    @property
    def differs(self) -> bool:
        return (self.a is None) != (self.b is None) or (
            self.a is not None and self.b is not None and self.a.value != self.b.value
        )

    @property
    def difference(self) -> float | None:
        return self.b.value - self.a.value if self.a is not None and self.b is not None else None


@dataclass(frozen=True)
class Comparison:
    a: ReportRow
    b: ReportRow
    rows: tuple[Row, ...]
    rates_a: tuple[RateValue, ...]
    rates_b: tuple[RateValue, ...]

    def header(self) -> tuple[str, str]:
        return (f"{self.a.issuer} {self.a.year or ''}".strip(), f"{self.b.issuer} {self.b.year or ''}".strip())

    def table(self) -> list[list[str]]:
        """指标, A, B, 差额 (B − A), 指标代码; a differing row is marked ≠."""
        a, b = self.header()
        out = [["指标", a, b, "差额（后者 − 前者）", "不同", "指标代码"]]
        for r in self.rows:
            cell = [format_value(f.value) if f is not None else "—" for f in (r.a, r.b)]
            diff = format_value(r.difference) if r.difference is not None else ""
            out.append([r.name, *cell, diff, "≠" if r.differs else "", r.metric])
        return out

    def evidence(self) -> list[Evidence]:
        """Where each figure of the comparison was read."""
        out = []
        for r in self.rows:
            for report, f in ((self.a, r.a), (self.b, r.b)):
                if f is not None:
                    label = f"{report.issuer} {report.year or ''} {r.name}"
                    out.append(Evidence(label, format_value(f.value), report.id, report.file_name, f.start, f.end))
        return out

    def to_json(self) -> dict:
        def side(f: Figure | None) -> dict | None:
            return None if f is None else {"value": f.value, "evidence": [f.start, f.end], "flagged": f.flagged}

        def rate(v: RateValue) -> dict:
            return {"key": v.rate.key, "name": v.rate.name, "value": v.value, "formula": v.rate.formula, "flagged": v.flagged}

        return {
            "reports": [{"id": r.id, "issuer": r.issuer, "year": r.year, "file": r.file_name} for r in (self.a, self.b)],
            "rows": [
                {"metric": r.metric, "name": r.name, "a": side(r.a), "b": side(r.b), "differs": r.differs} for r in self.rows
            ],
            "rates": [[rate(v) for v in self.rates_a], [rate(v) for v in self.rates_b]],
        }

    def markdown(self) -> str:
        """The comparison for pasting into a write-up, with each figure's source listed under it."""
        rows = self.table()
        lines = ["| " + " | ".join(rows[0][:5]) + " |", "|" + " --- |" * 5]
        lines += ["| " + " | ".join(r[:5]) + " |" for r in rows[1:]]
        a, b = self.header()
        lines += ["", f"来源：{a}（{self.a.file_name}，报告编号 {self.a.id}）；{b}（{self.b.file_name}，报告编号 {self.b.id}）。"]
        for label, values in ((a, self.rates_a), (b, self.rates_b)):
            for v in values:
                shown = f"{v.value}%" if v.value is not None else "无法计算（分母为0）"
                lines.append(f"- {label} {v.rate.name}：{shown}（{v.rate.formula}）")
        return "\n".join(lines) + "\n"


def compare(store: Store, a: ReportRow, b: ReportRow) -> Comparison:
    """Every figure either report states, side by side, in the order of the format."""
    fa, fb = report_figures(store, a.id), report_figures(store, b.id)
    order = [m for m in fa] + [m for m in fb if m not in fa]
    rows = tuple(Row(m, metric_name(m), fa.get(m), fb.get(m)) for m in order)
    return Comparison(a, b, rows, tuple(rates(fa)), tuple(rates(fb)))
