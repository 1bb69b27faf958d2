"""Yes/no from the sentence that states or denies a fact, and lists cut at enumeration marks."""

from __future__ import annotations

import itertools

import pytest

from answer.extractive import denies
from lexicon.lists import enumerated

_FACTS = [("召开", "新闻发布会"), ("开展", "业务培训"), ("收到", "政府信息公开申请"), ("发生", "行政复议")]
_DENIALS = [
    "未{v}{n}",
    "没有{v}{n}",
    "全年均未{v}{n}",
    "尚未{v}{n}",
    "本年度无{v}{n}",
    "{v}{n}0件",
    "{v}{n}为0",
    # the negation's object runs on before the words: 未收到有关政府信息公开的行政复议
    "未{v}有关政府信息公开工作的{n}",
    "暂不{v}{n}",
]
_STATEMENTS = [
    "{v}{n}3次",
    "组织{v}{n}",
    "共{v}{n}12件",
    "{v}了{n}",
    "积极{v}{n}并取得成效",
    # a negation in another clause, or 未经 (no negation): the fact itself is stated
    "未发现问题，{v}{n}5件",
    "未经复议{v}{n}2件",
]


@pytest.mark.parametrize(("fact", "form"), list(itertools.product(_FACTS, _DENIALS)))
def test_a_denied_fact_reads_as_no(fact, form):
    verb, noun = fact
    sentence = "2023年，我局" + form.format(v=verb, n=noun) + "。"
    assert denies(sentence, [verb, noun])


@pytest.mark.parametrize(("fact", "form"), list(itertools.product(_FACTS, _STATEMENTS)))
def test_a_stated_fact_reads_as_yes(fact, form):
    verb, noun = fact
    sentence = "2023年，我局" + form.format(v=verb, n=noun) + "，取得较好效果。"
    assert not denies(sentence, [verb, noun])


_ITEMS = ["政府网站", "政务微博", "微信公众号", "公开栏"]
_LISTS = [
    ("一是通过{0}公开；二是通过{1}公开；三是通过{2}公开；四是设立{3}。", "shi"),
    ("主要渠道有：1.{0}；2.{1}；3.{2}；4.{3}。", "arabic"),
    ("（一）{0}。（二）{1}。（三）{2}。（四）{3}。", "paren"),
    ("公开渠道主要包括：{0}；{1}；{2}；{3}。", "semicolon"),
]


@pytest.mark.parametrize(("form", "kind"), _LISTS)
@pytest.mark.parametrize("count", [2, 3, 4])
def test_enumerations_in_any_part_are_cut_at_their_marks(form, kind, count):
    items = _ITEMS[:count]
    filled = form.format(*(items + ["…"] * 4))
    # keep only the first ``count`` items of the pattern
    pieces = {"shi": "；", "arabic": "；", "paren": "。", "semicolon": "；"}[kind]
    head, _, _ = filled.partition(items[-1])
    text = head + items[-1] + ("。" if pieces == "；" else "。")
    text = "前言。\n" + text
    start = text.index("\n") + 1
    spans = enumerated(text, start, len(text))
    assert len(spans) == count, (text, [text[a:b] for a, b in spans])
    for (a, b), item in zip(spans, items, strict=True):
        assert item in text[a:b]


def test_a_sentence_without_an_enumeration_is_no_list():
    text = "我局通过政府网站公开信息，并及时更新。"
    assert enumerated(text, 0, len(text)) == []
