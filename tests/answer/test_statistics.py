"""The statistics of one metric across the shared reports: figures, flags, bars, line and CSV
all come from one computation."""

from __future__ import annotations

import csv
import io

from answer.statistics import metric_table


def test_review_totals_and_the_failed_check_flag(shared_library) -> None:
    t = metric_table(shared_library.catalog, "review.total")
    assert t.name == "行政复议总数" and t.unit == "件"
    assert t.cells[("淮安市人民政府", 2024)].fact.value == 351
    assert t.cells[("淮安市洪泽区人民政府", 2024)].fact.value == 2
    flagged = t.cells[("淮安市洪泽区人民政府", 2023)]
    assert flagged.flag == "check_failed" and flagged.shown.endswith("⚠")  # its printed totals do not add up
    assert t.cells[("淮安市人民政府", 2024)].flag == ""


def test_bars_follow_the_metric_not_the_previous_one(shared_library) -> None:
    by_metric = {m: dict(metric_table(shared_library.catalog, m, 2024).bars) for m in ("applications.new.total", "review.total")}
    assert by_metric["applications.new.total"]["淮安市人民政府"] == 3119
    assert by_metric["review.total"]["淮安市人民政府"] == 351
    assert by_metric["applications.new.total"]["淮安市洪泽区人民政府"] == 95


def test_the_line_is_the_issuer_with_most_years_unless_named(shared_library) -> None:
    t = metric_table(shared_library.catalog, "applications.new.total")
    years = [y for y, _ in t.line]
    assert years == sorted(years) and len(years) >= 7  # the issuer reporting every year from 2019
    named = metric_table(shared_library.catalog, "applications.new.total", issuer="淮安市洪泽区人民政府")
    assert named.line == [(2023, named.cells[("淮安市洪泽区人民政府", 2023)].fact.value), (2024, 95)]


def test_grid_and_csv_hold_the_same_cells(shared_library) -> None:
    t = metric_table(shared_library.catalog, "review.total")
    rows = list(csv.DictReader(io.StringIO(t.csv())))
    assert list(rows[0]) == ["发布单位", "年度", "指标", "指标代码", "数值", "单位", "状态", "读取方式", "文件", "报告编号"]
    assert len(rows) == len(t.cells)
    assert {r["指标代码"] for r in rows} == {"review.total"}
    grid = {g["发布单位"]: g for g in t.grid()}
    for r in rows:
        assert grid[r["发布单位"]][r["年度"]].rstrip("⚠") == r["数值"]
    assert (
        next(r for r in rows if r["发布单位"] == "淮安市洪泽区人民政府" and r["年度"] == "2023")["状态"] == "所在勾稽关系不成立"
    )
