"""The figure reader on the shared store: retrieval, the reader and the answer it writes, for
count questions the figure vocabulary does not cover."""

from __future__ import annotations

import re

import pytest

from answer.extractive import Sources, read_figure
from answer.service import Answerer
from retrieval.search import search

pytestmark = pytest.mark.slow

EXAMPLES = [
    ("012_pingtan_zhq_2017.txt", "平潭综合实验区2017年政府信息公开专栏访问量是多少人次？", "97402人次"),
    ("shuyang_fgj_2023.html", "沭阳县发展和改革局2023年发布的财政预决算信息有几条？", "6条"),
    ("020_pingtan_zhq_2016.txt", "平潭综合实验区2016年梳理完成了多少项行政权力事项？", "3646项"),
    ("009_pingtan_zhq_2018.txt", "平潭综合实验区2018年各部门共开设了多少个政务新媒体？", "70个"),
    ("010_pingtan_dishui_2013.txt", "平潭地税局2013年办理下岗失业人员减免税共多少件？", "91件"),
]


@pytest.fixture(scope="module")
def answerer(shared_library):
    return Answerer(shared_library)


def _primary(text: str) -> str | None:
    body = re.sub(r"(?:19|20)\d{2}年|\[\d+\]", "", text)
    m = re.search(r"\d+(?:\.\d+)?\s*(?:人次|[条件个项次人元%])", body)
    return m.group() if m else None


@pytest.mark.parametrize(("file", "question", "figure"), EXAMPLES)
def test_a_figure_stated_in_a_sentence_is_answered_figure_first_and_highlighted(answerer, file, question, figure):
    """Scoped to the report the question is about (issuer resolution is tested elsewhere)."""
    report = next(r for r in answerer.reports() if r.file_name == file)
    u = answerer.understand(question)
    sources = Sources(answerer.library.read)
    passages = search(answerer.library, u.topic, k=6, report_ids={report.id})
    answer = read_figure(u, passages, {report.id: report}, sources)
    assert answer.kind == "figure" and answer.found, answer.text
    assert _primary(answer.text) == figure, answer.text
    first = sources.citations[0]
    assert first.highlight is not None and first.quote[slice(*first.highlight)] == figure
    text = answerer.library.catalog.report_text(report.id)
    for c in sources.citations:
        assert text[c.start : c.end] == c.quote
    # every figure the answer states is inside a cited quote
    quotes = " ".join(c.quote for c in sources.citations)
    for number in re.findall(r"(?<![\d.])\d+(?:\.\d+)?", re.sub(r"(?:19|20)\d{2}年|\[\d+\]", "", answer.text)):
        assert number in quotes, (number, answer.text)


def test_a_count_question_without_a_vocabulary_metric_reaches_the_reader(answerer):
    answer = answerer.ask("沭阳县发展和改革局2023年发布的财政预决算信息有几条？")
    assert answer.kind == "figure" and _primary(answer.text) == "6条", answer.text


def test_a_figure_the_report_does_not_state_is_not_made_up(answerer):
    report = next(r for r in answerer.reports() if r.file_name == "shuyang_fgj_2023.html")
    u = answerer.understand("沭阳县发展和改革局2023年举办了多少场新闻发布会？")
    sources = Sources(answerer.library.read)
    passages = search(answerer.library, u.topic, k=6, report_ids={report.id})
    answer = read_figure(u, passages, {report.id: report}, sources)
    assert not answer.found and answer.text.startswith("报告未载明"), answer.text
