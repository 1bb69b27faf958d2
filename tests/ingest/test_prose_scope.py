"""Which figure a sentence states for the whole issuer, and which for a part of it: real sentences
from the shared reports and paraphrases of each class of phrasing."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from ingest.facts.prose import prose_facts
from ingest.pipeline import build_report
from ingest.records import Fact, Report, preferred
from tests.conftest import SHARED, report

QA_MORE = SHARED / "eval" / "qa_more.jsonl"


@cache
def built(path: Path) -> Report:
    return build_report(path.read_bytes(), path.name)


def from_text(body: str) -> Report:
    text = "某县人民政府2016年政府信息公开工作年度报告\n" + body + "\n"
    return build_report(text.encode("utf-8"), "report.txt")


def stated(text: str, metric: str) -> list[Fact]:
    return [f for f in prose_facts(text) if f.metric == metric]


def report_value(r: Report, metric: str) -> float | None:
    fact = preferred(f for f in r.facts if f.metric == metric and f.scope == "report")
    return fact.value if fact else None


# --- the whole and its parts ---------------------------------------------------------------------

WHOLE_AND_PARTS = [
    # real: 区管委会及区直各部门 / 各乡镇 after the region's total
    (
        "2018年全区主动公开政府信息2069条。其中，区管委会及区直各部门主动公开政府信息1592条，占76.9%；"
        "各乡镇主动公开政府信息477条，占23.1%。",
        2069,
        {1592: "区直各部门", 477: "各乡镇"},
    ),
    # paraphrase: another level of government, 县直各单位 and 各街道
    (
        "2020年，全市共主动公开政府信息8431条，其中市直各单位主动公开5120条信息；各街道主动公开政府信息3311条。",
        8431,
        {3311: "各街道"},
    ),
    # real: the total introduced by 其中 of a larger count is still the whole; 县直 / 公开办 are parts
    (
        "2013年制作、获取政府信息总数3618条，其中主动公开政府信息1853条，作为依申请公开信息数107条。"
        "县直各单位主动公开政府信息1251条，占67.5%。在互联网上，2013年县政府公开办主动公开信息数为1713条。",
        1853,
        {1251: "县直各单位", 1713: "公开办"},
    ),
    # real: a kind of information (采购项目信息, 机构职能类) is a part of the total
    (
        "2016年，我区累计在政府采购信息网上主动公开政府采购项目信息189条，网上竞价423条。"
        "2016年全区主动公开政府信息3460条。2016年，我区各工作部门主动公开政府信息的主要类别有：机构职能类信息612条。",
        3460,
        {189: "采购项目信息", 612: "机构职能类信息"},
    ),
    # real: a breakdown in brackets after the total
    (
        "今年，我区政府信息公开单位共公布政府信息2599条，（其中机构职能类信息25条，其他应主动公开政府信息856条）。",
        2599,
        {856: "其他应主动公开政府信息"},
    ),
]


@pytest.mark.parametrize(("text", "whole", "parts"), WHOLE_AND_PARTS)
def test_the_issuer_wide_figure_is_the_reports_and_sub_units_are_kept_apart(text, whole, parts):
    r = from_text(text)
    facts = [f for f in r.facts if f.metric == "proactive.items"]
    assert report_value(r, "proactive.items") == whole
    assert {f.value for f in facts if f.scope == "report"} == {whole}
    for value, words in parts.items():
        part = next(f for f in facts if f.value == value)
        assert part.scope == "sub_unit" and part.status == "ok" and words in part.label
    assert all(f.status == "ok" for f in facts)  # parts are no conflict with the whole


def test_an_office_acting_for_the_government_is_a_sub_unit():
    facts = stated("2024年，区政府办代表区政府受理政府信息公开申请17件，均已在法定期限内予以答复。", "applications.new.total")
    assert [(f.value, f.scope) for f in facts] == [(17, "sub_unit")]
    facts = stated("2024年，全区共受理政府信息公开申请40件，其中区政府办代表区政府受理12件。", "applications.new.total")
    assert [(f.value, f.scope) for f in facts] == [(40, "report")]


def test_two_issuer_wide_statements_that_disagree_stay_a_conflict():
    r = from_text("2016年全县主动公开政府信息3460条。\n全年全县共主动公开政府信息3406条。")
    facts = [f for f in r.facts if f.metric == "proactive.items"]
    assert {(f.value, f.scope, f.status) for f in facts} == {(3460, "report", "conflict"), (3406, "report", "conflict")}


def test_every_prose_fact_says_the_words_tied_to_its_number():
    for name in ("009_pingtan_zhq_2018.txt", "005_pingtan_zhq_2025.txt", "014_shuyang_xian_2025.txt"):
        r = built(report(name))
        prose = [f for f in r.facts if f.method == "prose"]
        assert prose
        for f in prose:
            assert f.label and f.label in r.text[f.start : f.end], (name, f)
    labels = {f.label for f in built(report("009_pingtan_zhq_2018.txt")).facts if f.method == "prose"}
    assert "2018年全区主动公开政府信息2069条" in labels  # not the headings the one-line body runs into it


# --- classes of phrasing -------------------------------------------------------------------------

PHRASINGS = [
    # 公布/发布/公开 政府信息 … 条
    ("proactive.items", "今年，我区政府信息公开单位共公布政府信息2599条。", 2599),
    ("proactive.items", "全年全县共发布政府信息1207条，均在法定时限内公开。", 1207),
    ("proactive.items", "本机关通过部门网站当年发布政府信息 393 件。", 393),
    # 共受理 / 接收 / 收到 … 申请 … 件
    ("applications.new.total", "2012年全县共收到有关政府信息公开的申请21条，其中当面申请数18条。", 21),
    ("applications.new.total", "2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件。", 81),
    ("applications.new.total", "本年度全区共收到70件申请，及时依法依规办结69件。", 70),
    ("applications.new.total", "全市共受理35件政府信息公开申请。", 35),
    # 办结 … 件
    ("applications.result.total", "2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。", 148),
    ("applications.result.total", "市政府共受理政府信息公开申请 1295 件，办结 1191 件。", 1191),
    ("applications.result.total", "本年度办结依申请公开81件，其中予以公开42件。", 81),
    ("applications.carried_to_next_year.total", "全年共办结政府信息公开申请148件，结转至2026年6件。", 6),
    ("applications.carried_to_next_year.total", "已办结政府信息公开申请30件，结转到下一年度继续办理2件。", 2),
    # 行政复议 … 件/起, 行政诉讼 … 起, in a list
    ("review.total", "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。", 36),
    ("litigation.total", "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。", 9),
    ("litigation.total", "因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。", 7),
    ("review.total", "2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。", 2),
    ("review.total", "本年度收到1份有关政府信息公开行政复议申请，已及时处理。", 1),
    ("litigation.total", "涉及政府信息公开的行政诉讼共3起。", 3),
]


@pytest.mark.parametrize(("metric", "sentence", "value"), PHRASINGS)
def test_each_class_of_phrasing_states_its_figure(metric, sentence, value):
    facts = stated(sentence, metric)
    assert [f.value for f in facts] == [value]
    assert facts[0].scope == "report" and str(value) in facts[0].label


NOT_THESE = [
    # 办结 and 申请 of other casework are not information-disclosure applications
    ("applications.result.total", "依托便民服务平台，截至目前共收到15564件咨询投诉件，已办结15042件。"),
    ("applications.result.total", "今年我局共受理审批事项117件，办结171件，办结率100%。"),
    ("applications.new.total", "区县已入驻审批服务部门和单位13个，开设窗口26个，共受理申请121510件。"),
    ("applications.new.total", "组织开展问政活动，收到群众诉求348件，现场解决162件。"),
    # 行政复议 / 诉讼 not about information disclosure
    ("litigation.total", "依法做好相关行政复议、行政诉讼案件的应诉工作，全县共办理相关案件 74 件。"),
    ("review.total", "全年共办理行政复议案件45件，行政诉讼案件30件。"),
    # 公开信息 of one field, not 政府信息
    ("proactive.items", "四是强化基层政务公开，持续做好重点民生领域的信息公开，公开信息1654条。"),
]


@pytest.mark.parametrize(("metric", "sentence"), NOT_THESE)
def test_figures_of_other_things_are_not_read_as_the_metric(metric, sentence):
    assert stated(sentence, metric) == []


# --- the shared reports ---------------------------------------------------------------------------


def qa(tag: str) -> list[dict]:
    items = [json.loads(line) for line in QA_MORE.open(encoding="utf-8")]
    return [q for q in items if tag in (q.get("tags") or []) and q["type"] == "number" and "prose" in q["tags"]]


SUB_UNIT_QUESTIONS = ("各单位", "公开办")


@pytest.mark.parametrize(("tag", "metric"), [("proactive", "proactive.items"), ("applications_new", "applications.new.total")])
def test_the_qa_sets_prose_figures_are_the_reports_figures(tag, metric):
    items = qa(tag)
    assert len(items) >= 5
    for q in items:
        r = built(report(q["report"]))
        if any(w in q["question"] for w in SUB_UNIT_QUESTIONS):
            part = [f for f in r.facts if f.metric == metric and f.scope == "sub_unit" and f.value == q["answer"]]
            assert part and part[0].status == "ok", q["id"]
        else:
            assert report_value(r, metric) == q["answer"], q["id"]
