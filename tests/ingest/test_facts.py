from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ingest.facts.decode import applicant_sum, decode
from ingest.pipeline import Ingester, build_report
from ingest.records import Report, preferred
from lexicon.metrics import format_value
from tests.conftest import SHARED, gold_facts, report

OFFICIAL_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "（三）不予公开 1.属于国家秘密",
    "（四）无法提供 1.本机关不掌握相关政府信息",
    "（五）不予处理 1.信访举报投诉类申请",
    "（六）其他处理",
    "（七）总计",
    "四、结转下年度继续办理",
]


@cache
def built(path: Path) -> Report:
    return build_report(path.read_bytes(), path.name)


def from_text(text: str, name: str = "report.txt") -> Report:
    return build_report(text.encode("utf-8"), name)


def value(r: Report, metric: str) -> float | None:
    fact = preferred(f for f in r.facts if f.metric == metric)
    return fact.value if fact else None


def test_extraction_against_the_gold_facts():
    gold = gold_facts()
    right = wrong = 0
    misses = []
    for g in gold:
        r = built(SHARED / g["report"])
        fact = preferred(f for f in r.facts if f.metric == g["metric"])
        if fact is None or fact.value is None:
            misses.append((g["report"], g["metric"]))
        elif abs(fact.value - g["value"]) < 1e-9:
            right += 1
        else:
            wrong += 1
            misses.append((g["report"], g["metric"], fact.value, g["value"]))
    recall = right / len(gold)
    precision = right / (right + wrong)
    print(f"\nfacts vs gold: {len(gold)} gold, recall {recall:.3f}, precision {precision:.3f}")
    assert recall >= 0.95, misses
    assert precision >= 0.99, misses


def test_every_fact_points_at_its_evidence():
    r = built(report("huaian_shi_2024.pdf"))
    chunks = {c.id: c for c in r.chunks}
    for f in r.facts:
        evidence = r.text[f.start : f.end]
        assert f.value is None or format_value(f.value) in evidence.replace(",", ""), (f, evidence)
        assert f.chunk_id in chunks
        chunk = chunks[f.chunk_id]
        assert chunk.start < f.end and f.start < chunk.end


def test_pdf_table_rows_with_merged_cells():
    r = built(report("huaian_shi_2024.pdf"))
    assert value(r, "applications.new.legal_service_org") == 61
    assert value(r, "applications.result.withheld.query_matters.total") == 105
    assert value(r, "applications.result.unavailable.needs_creation.total") == 11  # label cell split as （四）无 / 法提供
    assert value(r, "applications.result.other_handling.other.total") == 110
    assert value(r, "litigation.direct.total") == 26 and value(r, "litigation.after_review.pending") == 6
    evidence = next(f for f in r.facts if f.metric == "applications.result.disclosed.total")
    assert "予以公开" in r.text[evidence.start : evidence.end]


def test_html_table_with_rowspan_and_blank_columns():
    r = built(report("shuyang_fgj_2023.html"))
    assert value(r, "applications.new.natural_person") == 26
    assert value(r, "applications.new.commercial_enterprise") is None  # blank cell: not stated, not zero
    assert value(r, "applications.result.withheld.state_secret.total") == 0
    assert value(r, "normative_docs.in_force") == 18
    assert value(r, "permits.decisions") == 0  # one cell spanning three columns is one value
    assert not [f for f in r.facts if f.metric.startswith("permits.") and f.metric != "permits.decisions"]


def test_html_rowspan_built_from_markup():
    rows = "".join(
        f"<tr>{'<td rowspan=3>三、本年度办理结果</td>' if i == 2 else ''}<td colspan={2 if i in (0, 1, 9) else 1}>{label}</td>"
        + "".join(f"<td>{v}</td>" for v in values)
        + "</tr>"
        for i, (label, values) in enumerate(
            zip(
                OFFICIAL_ROWS,
                [[5, 1, 0, 0, 0, 0, 6], [1, 0, 0, 0, 0, 0, 1], [3, 1, 0, 0, 0, 0, 4], [1, 0, 0, 0, 0, 0, 1]]
                + [[0] * 7] * 4
                + [[4, 1, 0, 0, 0, 0, 5], [2, 0, 0, 0, 0, 0, 2]],
            )
        )
    )
    html = (
        "<html><body><h1>某县2022年政府信息公开工作年度报告</h1><p>三、收到和处理政府信息公开申请情况</p>"
        "<table><tr><td colspan=2 rowspan=2></td><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
        f"{rows}</table></body></html>"
    )
    r = build_report(html.encode(), "county.html")
    assert value(r, "applications.new.total") == 6
    assert value(r, "applications.new.commercial_enterprise") == 1
    assert value(r, "applications.result.partially_disclosed.natural_person") == 1
    assert value(r, "applications.carried_to_next_year.total") == 2
    assert all(c.holds for c in r.checks) and any(c.rule == "balance.total" for c in r.checks)


def test_pipe_rows_of_a_scraped_page():
    r = built(report("003_581ad2afe31178c1.txt"))
    assert value(r, "normative_docs.repealed") == 4
    assert value(r, "fees.admin_charges_wan_yuan") == 440.1629
    assert value(r, "review.total") == 2 and value(r, "litigation.direct.total") == 1


def test_run_together_digits_decode_only_when_unique():
    assert decode("640020470", 7, applicant_sum) == [(64, 0, 0, 2, 0, 4, 70)]
    assert len(decode("1030212146", 7, applicant_sum) or []) == 3

    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量640020470\n二、上年结转政府信息公开申请数量1030212146\n"
    r = from_text("某县2021年政府信息公开工作年度报告\n" + text)
    assert [value(r, f"applications.new.{c}") for c in ("natural_person", "research_institution", "other_org", "total")] == [
        64,
        0,
        4,
        70,
    ]
    decoded = next(f for f in r.facts if f.metric == "applications.new.total")
    assert decoded.method == "decoded"
    # three readings: 1|0|3|0|21|21|46, 1|0|30|2|12|1|46, 10|30|2|1|2|1|46; only 总计 is the same in all
    carried = {f.metric.rsplit(".", 1)[1]: f for f in r.facts if f.metric.startswith("applications.carried_over.")}
    assert carried["total"].value == 46 and carried["total"].method == "decoded"
    ambiguous = [f for c, f in carried.items() if c != "total"]
    assert len(ambiguous) == 6 and all(f.value is None and f.status == "unresolved" for f in ambiguous)


def test_table_arithmetic_settles_an_ambiguous_row():
    # 上年结转 1030212146 has three readings on its own; 一+二 = （七）总计 + 四 leaves one.
    lines = [
        "一、本年新收政府信息公开申请数量 64 0 0 2 0 4 70",
        "二、上年结转政府信息公开申请数量1030212146",
        "（七）总计 69 30 2 3 2 5 111",
        "四、结转下年度继续办理 5 0 0 0 0 0 5",
    ]
    r = from_text("某县2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + "\n".join(lines))
    columns = (
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "social_welfare_org",
        "legal_service_org",
        "other_org",
        "total",
    )
    assert [value(r, f"applications.carried_over.{c}") for c in columns] == [10, 30, 2, 1, 2, 1, 46]
    assert all(c.holds for c in r.checks if c.rule.startswith("balance."))


def test_flattened_lines_with_spaces_are_read_as_rows():
    lines = [
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容 本年制发件数 本年废止件数 现行有效件数",
        "规章 0 0 0",
        "行政规范性文件 3 1 12",
        "行政许可 1520",
        "行政事业性收费 12.5",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 行政诉讼",
        "结果维持 结果纠正 其他结果 尚未审结 总计",
        "1 0 0 1 2 0 0 0 0 0 1 0 0 0 1",
    ]
    r = from_text("某县2022年政府信息公开工作年度报告\n" + "\n".join(lines))
    assert value(r, "normative_docs.issued") == 3 and value(r, "normative_docs.in_force") == 12
    assert value(r, "permits.decisions") == 1520
    assert value(r, "fees.admin_charges_wan_yuan") == 12.5
    assert value(r, "review.pending") == 1 and value(r, "review.total") == 2
    assert value(r, "litigation.after_review.total") == 1


def test_prose_figures_including_none_received():
    r = built(report("004_6b0820d803ecb1d1.txt"))
    assert value(r, "applications.new.total") == 0
    assert value(r, "review.total") == 0 and value(r, "litigation.total") == 0
    r = built(report("003_581ad2afe31178c1.txt"))
    f = next(f for f in r.facts if f.metric == "applications.new.total")
    assert f.method == "prose" and f.value == 6 and "全旗共收到依申请公开6件" in r.text[f.start : f.end]
    r = built(report("000_53379ca1ae0f01b5.txt"))
    assert value(r, "new_media.accounts") == 13


def test_prose_that_only_looks_like_a_figure_is_not_one():
    r = from_text(
        "某县2022年政府信息公开工作年度报告\n"
        "官方微博全年共发布各类信息1339条。\n"
        "二、主动公开政府信息情况 本年度新增行政许可28条。\n"
        "政府网站全年共发布信息2127条。\n"
    )
    assert value(r, "proactive.items") is None


def test_a_sub_units_figure_beside_the_table_is_kept_with_its_scope_not_as_a_conflict():
    r = built(report("hongze_qu_2024.pdf"))
    stated = {(f.method, f.value, f.status, f.scope) for f in r.facts if f.metric == "applications.new.total"}
    assert stated == {("table", 95, "ok", "report"), ("prose", 17, "ok", "sub_unit")}
    assert value(r, "applications.new.total") == 95


def test_consistency_checks_on_the_shared_reports():
    r = built(report("hongze_qu_2023.pdf"))
    failing = {c.rule: (c.left, c.right) for c in r.checks if not c.holds}
    assert failing == {"review.total": (11, 0), "litigation.after_review.total": (5, 0)}
    assert value(r, "review.total") == 0 and value(r, "review.upheld") == 10  # printed values kept
    assert {c.rule for c in r.checks if c.holds} >= {
        "balance.total",
        "results.total",
        "applicants.new",
        "litigation.direct.total",
    }
    for name in ("hongze_qu_2024.pdf", "huaian_shi_2024.pdf", "shuyang_fgj_2023.html", "003_581ad2afe31178c1.txt"):
        checks = built(report(name)).checks
        assert checks and all(c.holds for c in checks), name
    huaian = built(report("huaian_shi_2024.pdf"))
    assert sum(c.rule.startswith("balance.") for c in huaian.checks) == 7  # the 勾稽 rule in every applicant column


def test_facts_are_stored_queried_and_replaced_with_their_report(fake_library, tmp_path):
    seed = report("003_581ad2afe31178c1.txt")
    first = Ingester(fake_library).ingest_file(seed)
    rows = fake_library.catalog.facts(issuer="额济纳", year=2021, metric="normative_docs")
    assert {r.fact.metric: r.fact.value for r in rows} == {
        "normative_docs.issued": 1,
        "normative_docs.repealed": 4,
        "normative_docs.in_force": 8,
    }
    corrected = tmp_path / "003_corrected.txt"
    corrected.write_text(
        seed.read_text(encoding="utf-8").replace("主动公开各类信息947条", "主动公开各类信息948条"), encoding="utf-8"
    )
    second = Ingester(fake_library).ingest_file(corrected)
    assert {r.report_id for r in fake_library.catalog.facts()} == {second.report_id} != {first.report_id}
    assert [r.fact.value for r in fake_library.catalog.facts(metric="proactive.items")] == [948]
    fake_library.delete(second.report_id)
    assert fake_library.catalog.facts() == [] and fake_library.catalog.checks() == []


def test_the_2019_layout_columns_come_from_their_headers():
    rows = [
        "| 第二十条第（一）项 |",
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        "| 规范性文件 | 5 | 5 | 37 |",
        "| 第二十条第（五）项 |",
        "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
        "| 行政许可 | 120 | -3 | 2456 |",
        "| 第二十条第（九）项 |",
        "| 信息内容 | 采购项目数量 | 采购总金额 |",
        "| 政府集中采购 | 45 | 1234.5 |",
    ]
    r = from_text("某县2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n" + "\n".join(rows))
    assert value(r, "normative_docs.made") == 5 and value(r, "normative_docs.public_total") == 37
    assert value(r, "permits.decisions") == 2456 and value(r, "permits.items_change") == -3
    assert value(r, "procurement.amount_wan_yuan") == 1234.5


@pytest.mark.parametrize(
    ("group", "row"), [("（六）其他处理", "3.其他"), ("(六) 其他", "3. 其他"), ("（六）其他", "3、其他"), ("(六)其他", "3．其他")]
)
def test_the_other_handling_group_is_read_however_short_it_is_printed(group, row):
    lines = [
        "| 申请人情况 | | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        "| 一、本年新收政府信息公开申请数量 | | 20 | 1 | 0 | 0 | 0 | 0 | 21 |",
        f"| {group} | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
        f"| {group} | {row} | 4 | 1 | 0 | 0 | 0 | 0 | 5 |",
        "| （七）总计 | | 20 | 1 | 0 | 0 | 0 | 0 | 21 |",
    ]
    r = from_text("某县2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + "\n".join(lines))
    assert value(r, "applications.result.other_handling.other.total") == 5
    assert value(r, "applications.result.other_handling.other.natural_person") == 4
    assert value(r, "applications.result.other_handling.no_correction.total") == 2
