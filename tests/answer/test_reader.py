"""The figure reader on its own: mentions, numbers in words, and a generated set of questions
asking for each figure of the shared reports' sentences that state several, in other words."""

from __future__ import annotations

import re
from functools import cache

import pytest

from answer.reader import FigureQuestion, figure_question, find_mentions, label, printed, rank, sentences
from ingest.pipeline import build_report
from tests.conftest import ALL_REPORTS


def _figures(text: str) -> list[tuple[str, float, str]]:
    return [(printed(text, m), m.value, m.unit) for m in find_mentions(text)]


def test_numbers_in_words_and_approximations_are_read_and_kept_as_printed():
    text = "全年开展培训三次，举办专题讲座两期，发布信息一千余条，另有5500余条、近3000人次。"
    assert _figures(text) == [
        ("三次", 3, "次"),
        ("两期", 2, "期"),
        ("一千余条", 1000, "条"),
        ("5500余条", 5500, "条"),
        ("近3000人次", 3000, "人次"),
    ]
    assert [m.approximate for m in find_mentions(text)] == [False, False, True, True, True]


def test_years_dates_ordinals_and_set_phrases_are_no_figures():
    text = "2023年7月13日召开第三次会议，进一步落实一次性告知，三个月内统一办理，占比100%。"
    assert _figures(text) == [("100%", 100, "%")]


def test_a_number_split_from_its_unit_by_spaces_is_one_figure():
    text = "全年收到政府信息公开申请 34 件，上年结转政府信息公开申请 2 件。"
    assert [(f, v) for f, v, _ in _figures(text)] == [("34 件", 34), ("2 件", 2)]


def test_the_context_of_a_figure_runs_from_the_previous_mark_or_number():
    text = "共发布信息249条，其中：行政公文9条；财政预决算信息6条。"
    labels = [label(text, m) for m in find_mentions(text)]
    assert labels == ["发布信息", "行政公文", "财政预决算信息"]


def test_a_pdf_line_wrap_does_not_end_the_sentence():
    text = "全年收到政府信息公开申请 34 件，上年结转政府信息公开\n申请 2 件，所有申请均已按要求办理完成。\n二、标题"
    assert [text[a:b] for a, b in sentences(text)][0].endswith("办理完成。")


def test_questions_name_their_unit_and_the_thing_counted():
    q = figure_question("政府信息公开专栏访问量是多少人次？")
    assert q is not None and q.unit == "人次" and "访问量" in q.head
    q = figure_question("配了几名科室人员？")
    assert q is not None and q.unit == "人" and q.head == "科室人员"
    assert figure_question("列出了哪几种公开形式？") is None
    assert figure_question("采取了哪些措施？") is None


def test_the_figure_tied_to_the_noun_wins_over_the_sentence_first_number():
    text = "全年共审核发布各类公开政府信息249条，其中：行政公文和政策解读信息9条；重点工作39条；财政预决算信息6条；政府网站信息185条。"
    q = figure_question("发布的财政预决算信息有几条？")
    assert q is not None
    best = rank(q, [text], [(0, 0, len(text), 0.0)])[0]
    assert printed(text, best.mention) == "6条"


def test_a_unit_of_another_kind_rules_a_figure_out():
    text = "共受理审批事项117件，减免金额2190元。"
    q = figure_question("减免金额是多少元？")
    assert q is not None
    assert [printed(text, c.mention) for c in rank(q, [text], [(0, 0, len(text), 0.0)])] == ["2190元"]


# -- the generated set ------------------------------------------------------------------------

_SCOPE = re.compile(r"^(?:全年|本年度|本年|今年|全区|全市|全县|全镇|我局|我区|我市|我县|我镇|各级|累计|共计|共|其中)+")
_SYNONYMS = (("发布", "公布"), ("受理", "收到"), ("开展", "组织"), ("举办", "组织"), ("编制", "制定"), ("办理", "处理"))
_ASK = ("有多少{u}", "是多少{u}", "共计多少{u}", "一共有几{u}")


def paraphrases(words: str, unit: str, others: list[str]) -> list[str]:
    """Questions asking for a figure in other words than the report's: scope words dropped, a verb
    replaced by a synonym, only the noun at the end (when no other figure's words contain it),
    the question's own scope words added, the ask put several ways."""
    core = _SCOPE.sub("", words)
    out = [core + _ASK[0].format(u=unit)]
    tail = core[-max(4, len(core) // 2) :]
    if tail != core and not any(tail in o for o in others):
        out.append(f"报告中{tail}有多少{unit}？")
        out.append(f"本年度共{tail[:2]}的{tail[2:]}是多少{unit}？")
    swapped = core
    for a, b in _SYNONYMS:
        swapped = swapped.replace(a, b)
    out.append(swapped + _ASK[1].format(u=unit))
    if len(core) >= 8:  # drop a leading modifier of two characters
        out.append(core[2:] + _ASK[2].format(u=unit))
    out.append(f"{core}{_ASK[3].format(u=unit)}")
    return out


@cache
def generated() -> list[tuple[str, str, tuple[int, int], str, float]]:
    """(question, text, sentence span, report file, stated value) for each figure of a sentence
    that states several figures, each with its own words (a label of four characters or more
    no other figure of the sentence shares)."""
    cases = []
    for path in ALL_REPORTS:
        report = build_report(path.read_bytes(), path.name)
        text = report.text
        for a, b in sentences(text):
            mentions = find_mentions(text, a, b)
            values = {m.value for m in mentions}
            if len(mentions) < 2 or len(values) < 2:
                continue
            labels = [label(text, m) for m in mentions]
            for m, words in zip(mentions, labels, strict=True):
                cjk = re.sub(r"[^\u4e00-\u9fff]", "", words)
                if len(cjk) < 4 or labels.count(words) > 1 or not figure_question(cjk + "有多少"):
                    continue
                if sum(o.value == m.value for o in mentions) > 1:
                    continue
                unit = "个" if m.unit in ("%", "％", "个百分点") else m.unit
                if m.unit in ("%", "％", "个百分点"):
                    continue
                others = [re.sub(r"[^\u4e00-\u9fff]", "", o) for o in labels if o != words]
                for q in paraphrases(cjk, unit, others):
                    cases.append((q, text, (a, b), path.name, m.value))
    return cases


def test_the_generated_set_is_large_enough_to_mean_something():
    cases = generated()
    assert len(cases) >= 300
    assert len({c[3] for c in cases}) >= 15  # from most reports, not a few


@pytest.mark.parametrize("scope", ["sentence", "paragraph"])
def test_the_primary_figure_is_the_stated_one_among_the_sentences_other_numbers(scope):
    """Each question asks for one figure of a sentence that states several; the reader must pick
    that one (the sentence alone, or with the sentences around it as distractors too)."""
    wrong = []
    cases = generated()
    for question, text, (a, b), name, value in cases:
        q = figure_question(question)
        assert isinstance(q, FigureQuestion), question
        spans = [(0, a, b, 0.0)]
        if scope == "paragraph":
            spans += [(0, x, y, 0.0) for x, y in sentences(text, max(0, a - 300), min(len(text), b + 300)) if (x, y) != (a, b)]
        ranked = rank(q, [text], spans)
        if not ranked or ranked[0].mention.value != value:
            got = printed(text, ranked[0].mention) if ranked else None
            wrong.append((name, question, value, got))
    accuracy = 1 - len(wrong) / len(cases)
    floor = 0.9 if scope == "sentence" else 0.8
    assert accuracy >= floor, (accuracy, wrong[:30])
