"""The parse audit: cells the format expects against cells read, checks, and the grade an operator sees."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest

from ingest.facts.checks import run_checks
from ingest.pipeline import Ingester, expand_paths
from ingest.records import Fact, Section
from lexicon.metrics import APPLICATION_ROWS, PROACTIVE_COLUMNS, label_form, unit_of
from store.audit import Audit, audit_catalog, audit_report, expected_cells, summarize
from store.records import ReportRow
from tests.conftest import REPORTS, SHARED

APPLICANTS = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org")
APPLICANTS += ("legal_service_org", "other_org")


def row(layout: str = "2021", kind: str = "annual_report", year: int | None = 2023, issuer: str = "某某县人民政府") -> ReportRow:
    return ReportRow(
        id="0123456789abcdef",
        identity="x",
        file_name="report.txt",
        fmt="txt",
        sha256="0" * 64,
        title=f"{issuer}{year}年政府信息公开工作年度报告",
        issuer=issuer,
        aliases=(issuer,),
        year=year,
        published=None,
        kind=kind,
        layout=layout,
        found=(("issuer", "title"),),
        parts=("overview", "proactive", "applications", "review_litigation", "problems_improvements", "other"),
        n_chunks=10,
        ingested_at=0.0,
    )


def cell(metric: str, value: float | None, line: int, method: str = "table") -> Fact:
    status = "ok" if value is not None else "unresolved"
    return Fact(metric, value, unit_of(metric), method, line * 100, line * 100 + 80, 0.95, status)  # type: ignore[arg-type]


def complete_tables(layout: str, seed: int) -> list[Fact]:
    """Every cell of tables 二, 三 and 四 of ``layout``, with figures that satisfy the format's arithmetic."""
    rng = random.Random(seed)
    facts = [cell(m, float(rng.randint(0, 40)), 1) for m in expected_cells(layout)["二"]]
    leaves = sorted({m.removeprefix("applications.").rsplit(".", 1)[0] for m in expected_cells(layout)["三"]})
    leaves = [r for r in leaves if r.startswith("result.")]
    values: dict[str, list[int]] = {r: [rng.randint(0, 5) for _ in APPLICANTS] for r in leaves}
    values["result"] = [sum(values[r][c] for r in leaves) for c in range(len(APPLICANTS))]
    values["carried_to_next_year"] = [rng.randint(0, 3) for _ in APPLICANTS]
    values["carried_over"] = [rng.randint(0, min(3, values["result"][c])) for c in range(len(APPLICANTS))]
    values["new"] = [
        values["result"][c] + values["carried_to_next_year"][c] - values["carried_over"][c] for c in range(len(APPLICANTS))
    ]
    for line, (key, numbers) in enumerate(sorted(values.items()), start=2):
        for column, n in zip(APPLICANTS, numbers):
            facts.append(cell(f"applications.{key}.{column}", float(n), line))
        facts.append(cell(f"applications.{key}.total", float(sum(numbers)), line))
    for prefix in ("review", "litigation.direct", "litigation.after_review"):
        parts = [rng.randint(0, 4) for _ in range(4)]
        for name, n in zip(("upheld", "corrected", "other", "pending", "total"), parts + [sum(parts)]):
            facts.append(cell(f"{prefix}.{name}", float(n), 90))
    return facts


def audited(facts: list[Fact], report: ReportRow | None = None, text: str = "", sections: tuple = ()) -> Audit:
    return audit_report(report or row(), facts, run_checks(facts), text, sections)


def changed(facts: list[Fact], metric: str, by: float) -> list[Fact]:
    return [replace(f, value=(f.value or 0) + by) if f.metric == metric else f for f in facts]


@pytest.mark.parametrize("seed", range(5))
def test_a_complete_2021_report_is_complete_with_nothing_to_say(seed: int):
    a = audited(complete_tables("2021", seed))
    assert (a.grade, a.read, a.expected, a.flags, a.checks_failed) == ("完整", 200, 200, (), ())
    assert a.standard and a.checks_held > 30 and a.issuer_found == "title"


def test_the_expected_cells_are_the_official_templates_cells():
    counts = {layout: {t: len(cells) for t, cells in expected_cells(layout).items()} for layout in ("2021", "2019")}
    # 2021: 二 is 规章 and 规范性文件 × 3 + 许可, 处罚, 强制, 收费 × 1; 三 is 25 rows × 7 (（六）其他处理 in
    # three sub-rows); 2019: 二 has 22 cells (其他对外管理服务事项, 采购), 三 23 rows × 7; 四 is 3 × 5 in both
    assert counts == {"2021": {"二": 10, "三": 175, "四": 15}, "2019": {"二": 22, "三": 161, "四": 15}}
    for layout in ("2021", "2019"):
        template = label_form((SHARED / "reference" / f"report_format_{layout}.txt").read_text(encoding="utf-8"))
        template = template[template.rindex("收到和处理政府信息公开申请情况") :]
        patterns = {key: pattern for key, pattern, _ in APPLICATION_ROWS}
        rows = {m.removeprefix("applications.").rsplit(".", 1)[0] for m in expected_cells(layout)["三"]}
        for key in rows - {"result", "result.other_handling.other"}:  # 3.其他 is matched with its heading
            assert re.search(patterns[key].rstrip("$"), template), (layout, key)
        assert ("3.其他(七)总计" in template) == ("result.other_handling.other" in rows)
        assert ("逾期不补正" in template) == ("result.other_handling.no_correction" in rows)
        columns = {m.rsplit(".", 1)[-1] for m in expected_cells(layout)["二"] if not m.endswith("_wan_yuan")}
        whole = label_form((SHARED / "reference" / f"report_format_{layout}.txt").read_text(encoding="utf-8"))
        for column in columns:
            headers = [pattern for pattern, key in PROACTIVE_COLUMNS if key == column]
            assert any(re.search(h, whole) for h in headers), (layout, column)


def test_a_missing_row_is_partial_and_named():
    facts = [f for f in complete_tables("2021", 1) if not f.metric.startswith("applications.result.withheld.third_party.")]
    a = audited(facts)
    assert a.grade == "部分" and a.read == 193
    three = next(t for t in a.tables if t.table == "三")
    assert three.missing_rows() == ["不予公开：保护第三方合法权益（7格）"]
    assert a.flags[0] == "表三：未读出 不予公开：保护第三方合法权益（7格）（cells not found）"


def test_an_unresolved_run_counts_as_not_read():
    facts = [
        replace(f, value=None, status="unresolved", method="decoded") if f.metric.startswith("applications.carried_over.") else f
        for f in complete_tables("2021", 2)
    ]
    a = audited(facts)
    assert a.grade == "部分" and a.read == 193
    assert len(a.unresolved) == 7 and a.unresolved_runs == 1
    # said once, as a run that reads more than one way, not again as cells not found
    assert len(a.flags) == 1 and a.flags[0].startswith("1 处连写的数字有不止一种拆法") and "7 格" in a.flags[0]


def test_a_printed_total_that_is_off_is_complete_with_a_flag():
    a = audited(changed(complete_tables("2021", 3), "applications.result.total", 25))
    assert a.grade == "完整" and a.read == a.expected
    assert a.checks_failed and all(c.printed for c in a.checks_failed)
    assert any("印刷的总计与各项之和不符" in f for f in a.flags)


def test_a_review_row_whose_printed_total_disagrees_is_complete_with_a_flag():
    a = audited(changed(complete_tables("2021", 4), "review.total", -3))
    assert a.grade == "完整"
    assert [c.rule for c in a.checks_failed] == ["review.total"]
    assert "行政复议" in a.flags[0] and "印刷的总计与各项之和不符" in a.flags[0]


def test_figures_off_in_unrelated_cells_are_not_blamed_on_the_report():
    # two figures off in different rows and columns: no single printed figure explains it (rows read
    # into the wrong place look like this), so the grade is 部分
    facts = changed(complete_tables("2021", 5), "applications.result.disclosed.natural_person", 3)
    facts = changed(facts, "applications.carried_to_next_year.commercial_enterprise", 2)
    a = audited(facts)
    assert a.grade == "部分" and a.read == a.expected
    assert not any(c.printed for c in a.checks_failed)
    assert any("勾稽关系不成立" in f for f in a.flags)


def test_a_failing_check_in_an_incomplete_table_is_not_blamed_on_the_report():
    facts = [f for f in complete_tables("2021", 6) if not f.metric.startswith("applications.result.disclosed.")]
    facts = changed(facts, "applications.result.total", 9)
    a = audited(facts)
    assert a.grade == "部分" and a.checks_failed and not any(c.printed for c in a.checks_failed)


def test_other_handling_printed_as_one_row_in_a_2021_report_is_read_as_that_row():
    facts = complete_tables("2021", 7)
    sub_rows = [f for f in facts if f.metric.startswith("applications.result.other_handling.")]
    merged: dict[str, float] = {}
    for f in sub_rows:
        column = f.metric.rsplit(".", 1)[1]
        merged[column] = merged.get(column, 0) + (f.value or 0)
    facts = [f for f in facts if f not in sub_rows]
    facts += [cell(f"applications.result.other_handling.{c}", v, 70) for c, v in merged.items()]
    a = audited(facts)
    assert (a.grade, a.read, a.expected, a.checks_failed) == ("完整", 186, 186, ())


@pytest.mark.parametrize("seed", range(3))
def test_a_complete_2019_report_is_complete(seed: int):
    a = audited(complete_tables("2019", seed), row(layout="2019", year=2020))
    assert (a.grade, a.read, a.expected) == ("完整", 198, 198)
    assert "2019" in a.basis


def test_columns_left_blank_in_every_row_are_named():
    facts = [
        f for f in complete_tables("2021", 8) if not (f.metric.startswith("applications.") and f.metric.endswith(APPLICANTS[1:]))
    ]
    facts = [f for f in facts if not (f.metric.startswith("applications.") and f.metric.endswith(".total"))]
    facts += [
        replace(f, metric=f.metric.replace("natural_person", "total")) for f in facts if f.metric.endswith("natural_person")
    ]
    a = audited(facts)
    assert a.grade == "部分" and not a.checks_failed
    assert any("商业企业、科研机构、社会公益组织、法律服务机构、其他列" in f for f in a.flags)


def test_a_standard_report_with_next_to_no_cells_read_has_no_table_read():
    facts = [f for f in complete_tables("2021", 9) if _table(f.metric) == "二"]
    assert audited(facts).grade == "未读出表格"
    assert audited([]).grade == "未读出表格"


def test_a_part_that_prints_no_figures_is_said_to_print_none():
    text = "一、总体情况\n本机关依法公开。\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
    start = text.index("三、")
    sections = (
        Section("overview", "一、总体情况", 0, start),
        Section("applications", "三、收到和处理政府信息公开申请情况", start, text.index("四、")),
        Section("review_litigation", "四、政府信息公开行政复议、行政诉讼情况", text.index("四、"), len(text)),
    )
    facts = [f for f in complete_tables("2021", 10) if _table(f.metric) != "三"]
    a = audited(facts, text=text, sections=sections)
    assert a.grade == "部分"
    assert [f for f in a.flags if "未印出" in f] == ["表三：报告该部分未印出表格数字（the report prints no figures there）"]


def test_pre_2019_reports_are_graded_on_their_statistics_table():
    older = row(layout="older", year=2013)
    legacy = [cell("legacy.proactive.year", 120.0, 1, "legacy"), cell("legacy.proactive.cumulative", 900.0, 1, "legacy")]
    legacy += [cell("legacy.applications.year", 3.0, 2, "legacy"), cell("legacy.applications.cumulative", 40.0, 2, "legacy")]
    a = audited(legacy, older)
    assert (a.grade, a.read, a.expected, a.standard) == ("完整", 4, 4, False)
    assert "2019年以前" in a.basis and a.tables[0].table == "统计表"
    a = audited(legacy[:3] + [cell("legacy.applications.cumulative", None, 2, "decoded")], older)
    assert a.grade == "部分" and a.tables[0].missing == ("legacy.applications.cumulative",)
    printed = "六、政府信息公开情况统计表\n指标名称 计量单位 本年度 历年累计\n主动公开信息数 条 ……"
    assert audited([], older, text=printed).grade == "未读出表格"
    assert audited([], older, text="一、概述\n本年度依法公开政府信息。").grade == "完整"


def test_non_reports_are_not_held_to_the_standard_tables():
    a = audited([], row(layout="n/a", kind="other", year=2014))
    assert (a.grade, a.standard, a.expected) == ("完整", False, 0)
    assert "非年度报告" in a.basis


def test_the_summary_counts_grades_and_puts_the_worst_first():
    good = audited(complete_tables("2021", 11))
    partial = audited([f for f in complete_tables("2021", 12) if not f.metric.startswith("review.")])
    empty = audit_report(replace(row(), id="ffffffffffffffff"), [], [])
    other = audit_report(replace(row(layout="n/a", kind="other"), id="eeeeeeeeeeeeeeee"), [], [])
    s = summarize([good, other, partial, empty])
    assert s.grades == {"完整": 2, "部分": 1, "未读出表格": 1}
    assert s.layouts == {"2021": {"完整": 1, "部分": 1, "未读出表格": 1}, "n/a": {"完整": 1, "部分": 0, "未读出表格": 0}}
    assert s.below_complete == 2
    assert s.worst[0] == "ffffffffffffffff" and s.worst[1] == partial.report_id


def _table(metric: str) -> str:
    if metric.startswith("applications."):
        return "三"
    return "四" if metric.startswith(("review.", "litigation.")) else "二"


# -- the shared reports ----------------------------------------------------------------------


def test_the_shared_reports_audit(fake_library, capsys):
    """Grades that hold whatever the table readers learn next: the reports whose tables are read
    whole, the one whose printed totals do not add up, the ones that print no table, non-reports."""
    results = list(Ingester(fake_library).ingest_files(expand_paths([REPORTS])))
    assert len(results) >= 32 and all(r.outcome == "added" for r in results)
    audits = audit_catalog(fake_library.catalog)
    with capsys.disabled():
        print()
        for a in audits:
            print(f"{a.grade:6} {a.layout:11} {a.read:>3}/{a.expected:<3} {a.file_name}")
            for flag in a.flags:
                print(f"        ! {flag}")
        print(summarize(audits).to_json())
    by_file = {a.file_name: a for a in audits}
    for name in ("huaian_shi_2024.pdf", "hongze_qu_2024.pdf"):
        a = by_file[name]
        assert a.grade == "完整" and a.read == a.expected and not a.checks_failed, name
    hongze = by_file["hongze_qu_2023.pdf"]
    assert hongze.grade == "完整" and hongze.read == hongze.expected
    assert hongze.checks_failed and all(c.printed for c in hongze.checks_failed)
    assert any("印刷的总计与各项之和不符" in f and "行政复议" in f for f in hongze.flags)
    # a report with words where its tables should be, and one without table 三
    words_only = by_file["002_dfd47989e4aedd12.txt"]
    assert words_only.standard and words_only.grade != "完整"
    assert sum("未印出表格数字" in f for f in words_only.flags) == 3
    no_table_three = by_file["003_581ad2afe31178c1.txt"]
    assert no_table_three.grade == "部分" and any(f.startswith("表三：报告该部分未印出") for f in no_table_three.flags)
    # the applicant columns this report leaves blank are not read, and the audit says so
    blank = by_file["shuyang_fgj_2023.html"]
    assert blank.grade == "部分" and any("列每行都未读出" in f for f in blank.flags)
    for a in audits:
        if a.kind != "annual_report":
            assert not a.standard and a.grade == "完整" and "非年度报告" in a.basis, a.file_name
        if a.grade == "完整":  # the grade and the counts agree for every report, however well it was read
            assert a.read == a.expected and all(c.printed for c in a.checks_failed), a.file_name
        if a.standard and a.grade != "完整":  # the flags say why
            assert a.flags, a.file_name
    # the flattened one-line 2021-format reports of more/ are held to the standard tables
    flattened = [a for a in audits if re.match(r"00[2-8]_", a.file_name) and "pingtan" in a.file_name]
    assert len(flattened) == 7 and all(a.standard and a.expected >= 198 for a in flattened)
