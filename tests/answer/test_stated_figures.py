"""Figures a sentence states beside the tables, on generated variants of a real report:

- two table rows added up (共受理申请 = 本年新收 + 上年结转) is the report's own arithmetic, not
  a conflict, asked in the sentence's words and in the table's;
- a question that counts another thing than the vocabulary's figure ("多少个单位的主动公开信息")
  is answered from the sentence that counts it."""

from __future__ import annotations

import pytest

from answer.evaluate import primary_figure
from answer.service import Answerer
from ingest.pipeline import Ingester
from tests.conftest import report

# a report whose table prints 本年新收 34 and 上年结转 2, and whose text states both apart
BASE = "013_shanghai_kewei_2024.txt"
NEW, CARRIED = 34, 2
SENTENCES = [
    "全年共受理政府信息公开申请{n}件。",
    "本年度共受理各类政府信息公开申请 {n} 件，均已依法答复。",
    "全年共受理政府信息公开申请{n}件，其中自然人申请{n}件。",
]


def _store(fake_library, tmp_path, sentence: str) -> Answerer:
    text = report(BASE).read_text(encoding="utf-8").replace("一、总体情况\n", "一、总体情况\n" + sentence + "\n", 1)
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    Ingester(fake_library).ingest_file(path)
    return Answerer(fake_library)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_a_stated_sum_of_two_rows_answers_in_its_own_words_and_is_no_conflict(fake_library, tmp_path, sentence):
    answerer = _store(fake_library, tmp_path, sentence.format(n=NEW + CARRIED))
    own = answerer.ask("上海市科学技术委员会2024年共受理政府信息公开申请多少件？")
    assert primary_figure(own.text) == NEW + CARRIED, own.text
    assert f"{NEW}件" in own.text and f"{CARRIED}件" in own.text and "之和" in own.text
    assert "不一致" not in own.text
    table = answerer.ask("上海市科学技术委员会2024年本年新收政府信息公开申请多少件？")
    assert primary_figure(table.text) == NEW and "之和" in table.text and "不一致" not in table.text
    for c in own.citations:
        assert answerer.library.catalog.report_text(c.report_id)[c.start : c.end] == c.quote


def test_a_stated_figure_no_rows_add_up_to_stays_a_conflict(fake_library, tmp_path):
    answerer = _store(fake_library, tmp_path, SENTENCES[0].format(n=NEW + CARRIED + 5))
    answer = answerer.ask("上海市科学技术委员会2024年共受理政府信息公开申请多少件？")
    assert primary_figure(answer.text) == NEW and "不一致" in answer.text and "之和" not in answer.text


COUNTED = [
    ("目前已汇集了{n}个单位的主动公开的政府信息。", "共汇集了多少个单位的主动公开政府信息？"),
    ("全年共有{n}家单位在专栏主动公开政府信息。", "有几家单位在专栏主动公开政府信息？"),
    ("主动公开政府信息涉及{n}个部门。", "主动公开政府信息涉及多少个部门？"),
]


@pytest.mark.parametrize(("sentence", "question"), COUNTED)
def test_a_count_of_another_thing_than_the_figure_is_read_from_its_sentence(fake_library, tmp_path, sentence, question):
    answerer = _store(fake_library, tmp_path, sentence.format(n=17))
    answer = answerer.ask("上海市科学技术委员会2024年" + question)
    assert primary_figure(answer.text) == 17, answer.text
    first = answer.citations[0]
    assert first.highlight is not None and "17" in first.quote[slice(*first.highlight)]
    # the figure of the vocabulary still answers the question that counts what it counts
    items = answerer.ask("上海市科学技术委员会2024年主动公开了多少条政府信息？")
    assert items.kind == "figure" and primary_figure(items.text) != 17 and items.facts, items.text


CARRIED_CLAUSES = [
    "上年结转政府信息公开\n申请 2 件",  # as printed, across a PDF line wrap
    "另有上年度结转的申请2件",
    "从上年结转政府信息公开申请 2 件",
]


@pytest.mark.parametrize("clause", CARRIED_CLAUSES)
def test_a_table_figure_the_text_states_too_cites_that_sentence_beside_the_row(fake_library, tmp_path, clause):
    text = report(BASE).read_text(encoding="utf-8")
    printed = "上年结转政府信息公开\n申请 2 件"
    assert printed in text
    path = tmp_path / "variant.txt"
    path.write_text(text.replace(printed, clause, 1), encoding="utf-8")
    Ingester(fake_library).ingest_file(path)
    answer = Answerer(fake_library).ask("上海市科学技术委员会2024年上年结转的申请有几件？")
    assert primary_figure(answer.text) == CARRIED, answer.text
    table, said = answer.citations[0], answer.citations[1]
    assert table.quote.lstrip().startswith("|") and "|" not in said.quote
    assert said.highlight is not None and said.quote[slice(*said.highlight)].replace(" ", "") == "2件"


def test_the_same_number_stated_of_another_thing_is_not_cited_as_agreeing(fake_library, tmp_path):
    text = report(BASE).read_text(encoding="utf-8").replace("上年结转政府信息公开\n申请 2 件", "另收到咨询 2 件", 1)
    path = tmp_path / "variant.txt"
    path.write_text(text, encoding="utf-8")
    Ingester(fake_library).ingest_file(path)
    answer = Answerer(fake_library).ask("上海市科学技术委员会2024年上年结转的申请有几件？")
    assert primary_figure(answer.text) == CARRIED
    assert all("咨询" not in c.quote for c in answer.citations)
