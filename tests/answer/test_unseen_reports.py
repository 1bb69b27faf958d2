"""The questions about the 23 reports the first version had never seen (``qa_more.jsonl``),
scored on each answer's primary figure, with the floors the product reaches now."""

from __future__ import annotations

import json

import pytest

from answer.evaluate import primary_figure, score
from answer.service import Answerer
from lexicon.metrics import format_value
from tests.conftest import SHARED

pytestmark = pytest.mark.slow


def more_items() -> list[dict]:
    lines = (SHARED / "eval" / "qa_more.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_unseen_reports_meet_the_floors(shared_library):
    answerer = Answerer(shared_library)
    scores = score(more_items(), lambda item: answerer.ask(item["question"]))
    summary = scores.summary()
    print("\nqa_more:", json.dumps(summary, ensure_ascii=False))
    assert summary["number_accuracy"] >= 0.95, scores.failures
    assert summary["list_keyword_recall"] >= 0.95, scores.failures
    assert summary["yesno_accuracy"] >= 0.95, scores.failures
    assert summary["refusal_rate"] == 1.0, scores.failures
    assert summary["citation_precision"] >= 0.86, scores.failures
    # the figures stated in sentences and the 第二十条 tables, not only the standard grids: the
    # answer's primary figure (citations are held by the floor above)
    for tag in ("prose", "other", "proactive"):
        assert summary["by_tag"][tag] >= 0.9, (tag, scores.failures)


def test_every_figure_of_an_unseen_report_answer_is_in_a_cited_quote(shared_library):
    answerer = Answerer(shared_library)
    for item in more_items():
        if item["type"] != "number":
            continue
        answer = answerer.ask(item["question"])
        if not answer.found:
            continue
        quotes = " ".join(c.quote for c in answer.citations).replace(" ", "")
        figure = primary_figure(answer.text)
        assert figure is not None and format_value(figure) in quotes, (item["id"], answer.text)
