"""Reading questions without a store: years, figures, issuers and follow-ups on hand-made report lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from answer import across
from answer.figures import derived, figure_name
from answer.intents import figure_metrics
from answer.understand import understand
from answer.years import substitute, years_asked
from ingest.identity import aliases
from ingest.records import Fact
from retrieval.issuers import Issuers, resolve
from store.records import FactRow, ReportRow

TODAY = dt.date(2026, 12, 2)


def row(issuer: str, year: int, *aliases: str) -> ReportRow:
    return ReportRow(
        id=f"{issuer}-{year}",
        identity="",
        file_name=f"{issuer}-{year}.txt",
        fmt="txt",
        sha256="",
        title=f"{issuer}{year}年政府信息公开工作年度报告",
        issuer=issuer,
        aliases=(issuer, *aliases),
        year=year,
        published=None,
        kind="annual_report",
        layout="2021",
        found=(),
        parts=(),
        n_chunks=0,
        ingested_at=0.0,
    )


# invented issuers: the rules must not depend on the shared reports' names
STORED = Issuers(
    [
        row("青川市人民政府", 2024, "青川市"),
        row("青川市柳溪区人民政府", 2023, "柳溪区"),
        row("青川市柳溪区人民政府", 2024, "柳溪区"),
        row("白沙县人民政府", 2025, "白沙县"),
        row("白沙县发展和改革局", 2023),
        row("云岭市文化广电旅游局", 2022),
        row("东海市科学技术委员会", 2024),
        row("东海市人民政府办公厅", 2025),
        row("石门综合实验区地方税务局", 2013),
        row("乌兰旗", 2021),
    ]
)


# -- years ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "years"),
    [
        ("青川市2023年收到多少件申请？", (2023,)),
        ("青川市2023年度报告", (2023,)),
        ("青川市二〇二三年收到多少件申请？", (2023,)),
        ("青川市23年收到多少件申请？", (2023,)),
        ("青川市2023收到多少件申请？", (2023,)),
        ("青川市今年收到多少件申请？", (2026,)),
        ("青川市去年收到多少件申请？", (2025,)),
        ("青川市前年收到多少件申请？", (2024,)),
        ("青川市近三年收到多少件申请？", (2023, 2024, 2025)),
        ("青川市2021到2023年收到多少件申请？", (2021, 2022, 2023)),
        ("青川市2021—2023收到多少件申请？", (2021, 2022, 2023)),
        ("柳溪区2023年和2024年分别收到多少件申请？", (2023, 2024)),
        ("柳溪区2024年比2023年多收到多少件？", (2024, 2023)),
    ],
)
def test_years_as_people_write_them(question, years):
    assert years_asked(question, TODAY).years == years


@pytest.mark.parametrize(
    "question", ["本年度新收申请多少件", "上年结转的申请有几件", "收到2023件申请的是哪个单位", "2024年,23件"]
)
def test_figures_and_table_words_are_not_years(question):
    assert 2023 not in years_asked(question, TODAY).years


def test_relative_years_count_from_today_and_say_so():
    asked = years_asked("去年收到多少件申请？", dt.date(2026, 12, 2))
    assert asked.years == (2025,) and asked.relative == "去年"
    assert years_asked("去年收到多少件申请？", dt.date(2025, 3, 1)).years == (2024,)


def test_a_year_not_on_file_is_replaced_by_the_latest_before_it():
    assert substitute(2025, [2023, 2024]) == 2024
    assert substitute(2020, [2023, 2024]) == 2023
    assert substitute(2025, []) is None


# -- figures --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("复议有几件？", ["review.total"]),
        ("收到申请数", ["applications.new.total"]),
        ("受理的申请量是多少？", ["applications.new.total"]),
        ("全部公开的有多少件？", ["applications.result.disclosed.total"]),
        ("收费多少？", ["fees.disclosure_fees_yuan"]),
        ("结转到下一年的申请有多少？", ["applications.carried_to_next_year.total"]),
        ("办结率是多少？", ["applications.completion_rate"]),
        ("公开率是多少？", ["applications.disclosure_rate"]),
        ("法人或其他组织提出的申请一共有多少件", ["applications.new.organisations"]),
        ("维持了几件，纠正了几件", ["review.upheld", "review.corrected"]),
        ("自然人和企业分别提出了多少件申请", ["applications.new.natural_person", "applications.new.commercial_enterprise"]),
        ("统计表中主动公开文件数的历年累计是多少？", ["legacy.proactive.cumulative"]),
        ("统计表里网站公开数本年度有多少条？", ["legacy.proactive.website.year"]),
        ("统计表中行政复议数是多少？", ["legacy.review.year"]),
        ("复议后起诉的有几件？", ["litigation.after_review.total"]),
        ("行政事业性收费金额是多少？", ["fees.admin_charges_wan_yuan"]),
        ("从上一年转过来的申请有多少件", ["applications.carried_over.total"]),
        # several figures named in one run, each answered
        ("行政许可、行政处罚和行政强制分别是多少？", ["permits.decisions", "penalties.decisions", "coercion.decisions"]),
        ("规范性文件废止、现行有效各多少件？", ["normative_docs.repealed", "normative_docs.in_force"]),
        ("直接起诉和复议后起诉的行政诉讼各几件？", ["litigation.direct.total", "litigation.after_review.total"]),
        ("行政复议的总数和被纠正的件数分别是多少？", ["review.total", "review.corrected"]),
        ("收到多少件申请、上年结转多少件？", ["applications.new.total", "applications.carried_over.total"]),
        ("收到和办结的申请各是多少件？", ["applications.new.total", "applications.result.total"]),
        (
            "予以公开和部分公开的申请各多少件？",
            ["applications.result.disclosed.total", "applications.result.partially_disclosed.total"],
        ),
        # named apart, or a topic before a comma: one figure is asked
        ("主动公开的行政许可信息有多少条？", ["permits.decisions"]),
        ("收到的申请，予以公开的有几件？", ["applications.result.disclosed.total"]),
        ("依申请公开方面，不予公开的有几件？", ["applications.result.withheld"]),
        ("收到申请多少件，办结多少件？", ["applications.new.total", "applications.result.total"]),
    ],
)
def test_figures_from_the_one_vocabulary(question, metrics):
    assert figure_metrics(question) == metrics


def test_derived_figures_carry_their_formula():
    organisations = derived("applications.new.organisations")
    assert organisations is not None and len(organisations.parts) == 5
    assert "applications.new.natural_person" not in organisations.parts
    rate = derived("applications.disclosure_rate")
    assert rate is not None and rate.unit == "%" and "办理结果总计" in rate.formula
    assert figure_name("legacy.proactive.cumulative").endswith("（历年累计）")


# -- issuers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "issuers"),
    [
        ("云岭文旅局2022年收到几件申请？", ["云岭市文化广电旅游局"]),
        ("白沙发改局2023年收到多少件申请？", ["白沙县发展和改革局"]),
        ("白沙县发改局2023年收到多少件申请？", ["白沙县发展和改革局"]),
        ("市科委2024年收到多少件申请？", ["东海市科学技术委员会"]),
        ("东海市政府办公厅2025年收到多少件申请？", ["东海市人民政府办公厅"]),
        ("石门地税局2013年收到多少件申请？", ["石门综合实验区地方税务局"]),
        ("白沙县2025年收到多少件申请？", ["白沙县人民政府"]),
        ("青川市和柳溪区分别收到多少件申请？", ["青川市人民政府", "青川市柳溪区人民政府"]),
    ],
)
def test_issuers_by_full_short_and_abbreviated_names(question, issuers):
    found, _, ambiguous = resolve(question, STORED)
    assert found == issuers and not ambiguous


def test_a_department_not_on_file_is_not_its_government():
    assert resolve("白沙县教育局2025年收到多少件申请？", STORED)[0] == []
    u = understand("白沙县教育局2025年收到多少件申请？", STORED, today=TODAY)
    assert u.unknown == "白沙县教育局" and "白沙县人民政府" in u.near


def test_a_near_miss_offers_the_issuer_meant():
    u = understand("白纱县2025年收到多少件申请？", STORED, today=TODAY)
    assert u.issuers == () and u.unknown == "白纱县" and u.near == ("白沙县人民政府", "白沙县发展和改革局")


def test_a_region_holding_several_issuers_answers_for_the_body_named_and_lists_the_others():
    u = understand("青川市2024年收到多少件申请？", STORED, today=TODAY)
    assert u.issuers == ("青川市人民政府",) and u.others == ("青川市柳溪区人民政府",)


@pytest.mark.parametrize("rest", ["一共办结了多少件申请？", "共办理了多少件申请？", "总共办结几件？"])
def test_words_after_a_name_that_end_in_a_department_character_are_no_department(rest):
    """白沙县一共办结…: 一共办 is no 白沙县 department, so the county's government is meant."""
    u = understand("白沙县2025年" + rest, STORED, today=TODAY)
    assert u.issuers == ("白沙县人民政府",), u


@pytest.mark.parametrize(
    ("printed", "typed"),
    [("江阳县人民政府", "泾阳"), ("江阳县人民政府", "泾阳县"), ("灌去县人民政府", "灌云县"), ("灌去县人民政府", "灌云")],
)
def test_a_misprinted_place_is_found_under_its_real_name_alone_or_with_its_unit(printed, typed):
    """A report whose issuer's place came out misprinted (OCR) is found by the place's real name,
    its stem included, beside a department of the real place stored as printed."""
    misprinted = replace(row(printed, 2025), aliases=aliases(printed))
    department = row(typed.rstrip("县") + "县发展和改革局", 2023)
    stored = Issuers([misprinted, department])
    u = understand(f"2025{typed}一共受理几件公开申请", stored, today=TODAY)
    assert u.issuers == (printed,) and u.others == (department.issuer,), u


def test_a_bare_stem_of_two_places_with_the_year_asked_asks_which():
    """石门 is 石门县 and 石门综合实验区, both with a 2013 report: ask; with one of them on file
    for the year, that one."""
    stored = Issuers([row("石门县人民政府", 2013, "石门县"), row("石门综合实验区", 2013), row("石门综合实验区", 2016)])
    u = understand("石门2013年主动公开了多少条政府信息？", stored, today=TODAY)
    assert u.ambiguous and set(u.issuers) == {"石门县人民政府", "石门综合实验区"}
    assert understand("石门2016年主动公开了多少条政府信息？", stored, today=TODAY).issuers == ("石门综合实验区",)
    # a city's stem is not ambiguous with its districts
    assert not understand("青川2024年收到多少件申请？", STORED, today=TODAY).ambiguous


def test_a_department_written_after_another_place_is_not_a_stored_citys():
    """杭州市文旅局 names its own city (a place of the gazetteer): not the stored 云岭市's
    文旅局, as a bare 市文旅局 would; a question that only starts before it still names it."""
    u = understand("杭州市文旅局2022年行政复议有几件？", STORED, today=TODAY)
    assert u.issuers == () and u.unknown == "杭州市文旅局"
    for lead in ("请问", "关于", "想了解", "查询"):
        assert understand(f"{lead}市文旅局2022年行政复议有几件？", STORED, today=TODAY).issuers == ("云岭市文化广电旅游局",)
    assert understand("本市文旅局2022年行政复议有几件？", STORED, today=TODAY).issuers == ("云岭市文化广电旅游局",)
    assert understand("2024年市科委收到多少件申请？", STORED, today=TODAY).issuers == ("东海市科学技术委员会",)
    assert understand("2024年度市科委行政许可处理决定数量", STORED, today=TODAY).issuers == ("东海市科学技术委员会",)


@pytest.mark.parametrize(
    ("question", "metrics"),
    [
        ("是否有申请结转到下年度继续办理？", ["applications.carried_to_next_year.total"]),
        ("废止过行政规范性文件吗？", ["normative_docs.repealed"]),
        ("有没有行政诉讼败诉的情况？", ["litigation.direct.corrected", "litigation.after_review.corrected"]),
        ("有人提出政府信息公开申请吗？", ["applications.new.total"]),
        ("有没有清理僵尸类政务新媒体？", []),  # a deed done to the accounts, not their number
        ("是否开展了业务培训？", []),
        ("申请人是否可以网上提交申请？", []),
        ("是否存在逾期答复申请的情况？", []),
        ("是否公开了规章？", []),  # no event of the document table named
    ],
)
def test_a_whether_question_about_an_event_reads_the_figure_that_counts_it(question, metrics):
    assert figure_metrics(question) == metrics


_LETTERS = (
    "关于2014年政府信息公开工作要点落实情况的函",
    "关于开展政务公开第三方评估整改情况的报告",
    "关于做好信息公开专栏集约化建设的通知",
)
_ASKED = ("根据{place}2014年{title}，共汇集了多少个单位的信息？", "{place}2014年{title}里，下一步计划从哪些方面改进？")


@pytest.mark.parametrize("title", _LETTERS)
@pytest.mark.parametrize("form", _ASKED)
def test_a_question_naming_a_stored_document_by_its_title_is_about_that_documents_issuer(title, form):
    letter = replace(row("石门综合实验区管委会办公室", 2014), title=title, kind="other")
    stored = Issuers([row("石门综合实验区", 2014, "石门综合实验区管委会"), letter, row("石门综合实验区", 2015)])
    words = title.removeprefix("关于").replace("2014年", "")
    u = understand(form.format(place="石门综合实验区", title=words), stored, today=TODAY)
    assert u.issuers == ("石门综合实验区管委会办公室",) and "石门综合实验区" in u.others
    # the annual report's own title names no other document
    u = understand("石门综合实验区2014年度政府信息公开工作年度报告中收到多少件申请？", stored, today=TODAY)
    assert u.issuers == ("石门综合实验区",)


# -- follow-ups -----------------------------------------------------------------------------------


def test_an_issuer_not_on_file_is_never_the_previous_one():
    first = understand("乌兰旗2021年收到多少件申请？", STORED, today=TODAY)
    second = understand("南京市2021年收到多少件申请？", STORED, first, TODAY)
    assert second.issuers == () and second.unknown == "南京市"
    third = understand("东京市2024年呢？", STORED, first, TODAY)
    assert third.issuers == () and third.unknown == "东京市"


def test_a_follow_up_replaces_what_it_names_and_keeps_the_rest():
    first = understand("柳溪区2023年行政复议有几件？", STORED, today=TODAY)
    corrected = understand("其中被纠正的有几件？", STORED, first, TODAY)
    assert corrected.issuers == first.issuers and corrected.years == (2023,) and corrected.metrics == ("review.corrected",)
    both = understand("维持了几件，纠正了几件", STORED, first, TODAY)
    assert both.metrics == ("review.upheld", "review.corrected")
    year = understand("那2024年呢？", STORED, corrected, TODAY)
    assert year.years == (2024,) and year.metrics == ("review.corrected",) and year.issuers == first.issuers
    other = understand("青川市呢？", STORED, year, TODAY)
    assert other.issuers == ("青川市人民政府",) and other.years == (2024,) and other.metrics == ("review.corrected",)
    applications = understand("柳溪区2023年收到多少件申请？", STORED, today=TODAY)
    person = understand("其中自然人有几件？", STORED, applications, TODAY)
    assert person.metrics == ("applications.new.natural_person",)
    organisations = understand("法人或其他组织提出的一共有多少件", STORED, applications, TODAY)
    assert organisations.metrics == ("applications.new.organisations",)


def test_a_follow_up_of_another_figure_is_not_taken_for_a_document_column():
    first = understand("青川市2024年主动公开了多少条政府信息？", STORED, today=TODAY)
    assert understand("2024年发布的呢？", STORED, first, today=TODAY).metrics == ("proactive.items",)


def test_a_follow_up_naming_a_document_column_keeps_the_document():
    first = understand("青川市2024年制发了多少件行政规范性文件？", STORED, today=TODAY)
    assert understand("废止的呢？", STORED, first, today=TODAY).metrics == ("normative_docs.repealed",)
    again = understand("现行有效的呢？", STORED, first, today=TODAY)
    assert again.metrics == ("normative_docs.in_force",) and again.issuers == ("青川市人民政府",)


def test_a_vague_question_is_not_a_follow_up_of_the_figure():
    first = understand("乌兰旗2021年收到多少件申请？", STORED, today=TODAY)
    for question in ("信息公开做得怎么样？", "你好", "谢谢"):
        u = understand(question, STORED, first, TODAY)
        assert u.vague and not u.metrics, question


def test_page_filters_apply_to_every_turn():
    filters = understand("柳溪区2023年", STORED, today=TODAY)
    first = understand("收到多少件申请？", STORED, None, TODAY, filters)
    assert first.issuers == ("青川市柳溪区人民政府",) and first.years == (2023,)
    second = understand("行政复议有几件？", STORED, first, TODAY, filters)
    assert second.issuers == ("青川市柳溪区人民政府",) and second.years == (2023,)
    # a filter set after a turn about another issuer holds over what that turn named
    city = understand("青川市2024年收到多少件申请？", STORED, today=TODAY)
    third = understand("行政复议有几件？", STORED, city, TODAY, filters)
    assert third.issuers == ("青川市柳溪区人民政府",) and third.years == (2023,)
    # a question that names its issuer answers for it, filter or not
    named = understand("青川市行政复议有几件？", STORED, first, TODAY, filters)
    assert named.issuers == ("青川市人民政府",)


# -- across reports -------------------------------------------------------------------------------


def test_questions_across_reports_are_recognised():
    rank = understand("2024年哪个单位收到的申请最多？", STORED, today=TODAY)
    assert rank.across == "rank" and rank.top == 1 and rank.metrics == ("applications.new.total",) and not rank.issuers
    five = understand("2024年收到申请最少的前五个单位", STORED, today=TODAY)
    assert five.across == "rank" and five.top == 5 and five.ascending
    change = understand("柳溪区2024年比2023年多收到多少件？", STORED, today=TODAY)
    assert change.across == "change" and change.issuers == ("青川市柳溪区人民政府",)
    fees = understand("哪些单位收取了信息处理费？", STORED, today=TODAY)
    assert fees.across == "list" and fees.metrics == ("fees.disclosure_fees_yuan",)
    region = understand("青川市下辖各区2024年收到申请合计多少？", STORED, today=TODAY)
    assert region.across == "total" and region.region == ("青川市柳溪区人民政府",)


def _fact_row(report: ReportRow, value: float, scope: str = "report") -> FactRow:
    fact = Fact("applications.new.total", value, "件", "table", 0, 1, 1.0, scope=scope)
    return FactRow(report.id, report.file_name, report.issuer, report.year, fact)


def test_across_functions_rank_total_change_and_list():
    reports = {r.id: r for r in (row("甲市", 2023), row("甲市", 2024), row("乙县", 2024), row("丙区", 2024))}
    r = list(reports.values())
    rows = [_fact_row(r[0], 10), _fact_row(r[1], 15), _fact_row(r[2], 40), _fact_row(r[3], 0), _fact_row(r[3], 99, "sub_unit")]
    found = across.entries(rows, "applications.new.total", reports)
    latest = across.latest_per_issuer(found)
    assert [e.issuer for e in across.rank(latest)] == ["乙县", "甲市", "丙区"]
    assert across.rank(latest, 1, ascending=True)[0].value == 0  # a sub-unit's 99 is not 丙区's figure
    assert across.total(latest) == 55
    (c,) = across.change(found, 2023, 2024)
    assert c.difference == 5 and c.rate == 50
    assert [e.issuer for e in across.stating(latest)] == ["乙县", "甲市"]


def test_a_result_group_is_the_sum_of_its_rows():
    withheld = derived("applications.result.withheld")
    assert withheld is not None and len(withheld.parts) == 8
    assert all(p.startswith("applications.result.withheld.") and p.endswith(".total") for p in withheld.parts)


def test_who_has_more_of_two_named_issuers_is_a_ranking_among_them():
    u = understand("青川市和柳溪区2024年谁收到的申请多？", STORED, today=TODAY)
    assert u.across == "rank" and u.top == 1 and not u.ascending
    assert u.issuers == ("青川市人民政府", "青川市柳溪区人民政府")


def test_every_figure_of_the_vocabulary_has_a_description_for_the_similarity_fallback():
    from answer.similar import confident, descriptions

    texts = descriptions()
    assert "litigation.total" in texts and "applications.disclosure_rate" in texts
    assert all(len(t) >= 4 for t in texts.values())
    assert not confident([])


def test_a_short_name_of_two_places_takes_the_one_with_the_year_asked():
    stored = Issuers([row("石门县人民政府", 2012, "石门县"), row("石门综合实验区", 2023), row("石门综合实验区", 2022)])
    assert understand("石门2023年收到多少件申请？", stored, today=TODAY).issuers == ("石门综合实验区",)
    assert understand("石门2012年收到多少件申请？", stored, today=TODAY).issuers == ("石门县人民政府",)
