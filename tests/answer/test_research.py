"""Cross-year checks, rates, year-on-year changes and comparisons, against figures computed by
hand from the shared reports (and a small in-memory store for the edge cases)."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from answer.export import evidence_rows, xlsx
from answer.research import Change, Figure, compare, cross_year_checks, rates, report_figures, year_on_year
from ingest.records import Fact
from store.records import FactRow, ReportRow


def _report(catalog, issuer_part: str, year: int) -> ReportRow:
    (r,) = [r for r in catalog.reports() if issuer_part in r.issuer and r.year == year and r.kind == "annual_report"]
    return r


def test_rates_of_a_district_report(shared_library) -> None:
    catalog = shared_library.catalog
    got = {v.rate.key: v for v in rates(report_figures(catalog, _report(catalog, "洪泽区", 2024).id))}
    assert got["disclosure_rate"].value == 62.1  # (予以公开 50 + 部分公开 9) ÷ 办理结果总计 95
    assert got["completion_rate"].value == 100.0  # 95 ÷ (95 + 0)
    assert got["review_correction_rate"].value == 50.0 and got["review_correction_rate"].flagged  # 1 ÷ (2 − 0)
    assert got["litigation_loss_rate"].value == 0.0  # 0 ÷ (1 + 3 − 0)
    assert "予以公开 + 部分公开" in got["disclosure_rate"].rate.formula


def test_cross_year_checks_between_consecutive_reports(shared_library) -> None:
    checks = cross_year_checks(shared_library.catalog)
    hongze = {c.rule: c for c in checks if "洪泽区" in c.issuer and c.year == 2024}
    assert hongze["carry_over"].holds and hongze["carry_over"].left == 0  # 2023's 结转下年度 0 → 2024's 上年结转 0
    docs = hongze["normative_docs.in_force"]
    assert docs.holds and (docs.left, docs.right) == (8, 8)  # 8 in force + 0 repealed = 5 last year + 3 issued
    assert {f.year for f in docs.figures} == {2023, 2024}
    pingtan = {(c.year, c.rule): c for c in checks if c.issuer == "平潭综合实验区"}
    assert pingtan[(2022, "carry_over")].holds and pingtan[(2022, "carry_over")].left == 1
    assert all(c.year - 1 >= 2019 for (_, rule), c in pingtan.items() if rule == "carry_over")  # the tables begin in 2019


class FakeStore:
    """Two years of one issuer, as an in-memory catalog."""

    def __init__(self, figures: dict[int, dict[str, float]]) -> None:
        base = ReportRow("", "", "", "txt", "", "", "青川县人民政府", (), None, None, "annual_report", "2021", (), (), 1, 0.0)
        self._reports = [replace(base, id=f"r{y}", year=y, file_name=f"{y}.txt") for y in figures]
        self._facts = [
            FactRow(f"r{y}", f"{y}.txt", "青川县人民政府", y, Fact(m, v, "件", "table", 0, 1, 1.0))
            for y, values in figures.items()
            for m, v in values.items()
        ]

    def reports(self) -> list[ReportRow]:
        return self._reports

    def facts(self, report_id=None, issuer=None, year=None, metric=None) -> list[FactRow]:
        return [f for f in self._facts if report_id is None or f.report_id == report_id]


def test_a_broken_carry_over_fails_and_a_big_jump_is_an_anomaly() -> None:
    store = FakeStore(
        {
            2022: {"applications.carried_to_next_year.total": 4, "applications.new.total": 30},
            2023: {"applications.carried_over.total": 3, "applications.new.total": 200},
        }
    )
    (check,) = cross_year_checks(store)
    assert not check.holds and (check.left, check.right) == (3, 4) and not check.soft
    (change,) = year_on_year(store, "applications.new.total")
    assert change.ratio == pytest.approx(200 / 30) and change.anomalous


def test_small_counts_swing_without_an_anomaly() -> None:
    f = Figure("applications.new.total", 1, "r", "x", 2022, 0, 1, False)
    assert not Change("applications.new.total", "x", 2023, f, replace(f, value=7, year=2023)).anomalous
    assert Change("applications.new.total", "x", 2023, replace(f, value=12), replace(f, value=70, year=2023)).anomalous


def test_comparing_two_years_of_one_issuer(shared_library) -> None:
    catalog = shared_library.catalog
    result = compare(catalog, _report(catalog, "洪泽区", 2023), _report(catalog, "洪泽区", 2024))
    rows = {r.metric: r for r in result.rows}
    new = rows["applications.new.total"]
    assert (new.a.value, new.b.value, new.difference, new.differs) == (21, 95, 74, True)
    assert not rows["applications.carried_over.total"].differs
    table = result.table()
    assert table[0][1:3] == ["淮安市洪泽区人民政府 2023", "淮安市洪泽区人民政府 2024"]
    md = result.markdown()
    assert "| 本年新收政府信息公开申请数量 | 21 | 95 | 74 | ≠ |" in md and "hongze_qu_2023.pdf" in md and "公开率" in md
    quotes = evidence_rows(catalog, result.evidence())
    for label, value, quote, *_ in quotes[1:]:
        assert value in quote.replace(",", ""), (label, quote)


def test_the_workbook_holds_the_table_and_its_evidence(shared_library) -> None:
    from openpyxl import load_workbook

    catalog = shared_library.catalog
    result = compare(catalog, _report(catalog, "洪泽区", 2024), _report(catalog, "淮安市人民政府", 2024))
    book = load_workbook(io.BytesIO(xlsx([("对比", result.table()), ("出处", evidence_rows(catalog, result.evidence()))])))
    assert book.sheetnames == ["对比", "出处"]
    header = [c.value for c in book["出处"][1]]
    assert header == ["指标", "数值", "原文", "文件", "报告编号", "所在部分"]
    assert book["对比"].max_row == len(result.rows) + 1
    parts = {row[5].value for row in book["出处"].iter_rows(min_row=2)}
    assert any(p and "收到和处理政府信息公开申请" in p for p in parts)
