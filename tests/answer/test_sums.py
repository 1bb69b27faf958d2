"""A sentence stating two table rows added up (共受理申请 = 本年新收 + 上年结转) is the report's
own arithmetic, not a conflict: generated variants of a real report's sentence, each asked in
the sentence's words and in the table's."""

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
