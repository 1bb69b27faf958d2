"""The paraphrase set (``data/paraphrases.json``): questions and dialogues asked the way staff ask
them. The fast tests check the set against the reports; the slow one asks every question of the
real store and holds each intent to its floor.

Scoring follows ``answer.evaluate`` with one change: a number counts only when it is the answer's
PRIMARY figure, its first number once citation marks [n] and years (2023年) are set aside. An
answer that states the right figure after a wrong one is wrong for a reader.
"""

from __future__ import annotations

import inspect
import json
import re
import unicodedata
from collections import defaultdict
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from answer.evaluate import _norm, evidence_cited, mentions_number
from tests.answer.data import build_paraphrases
from tests.conftest import ALL_REPORTS, REPORTS

# Accuracy per intent the product reaches today, rounded down to 0.05; raise them as it improves.
# Measured 2026-12-03: figure 0.949, figure_multi 1.0, list 0.889, yesno 0.929, refusal 0.975,
# across 0.833, clarify 0.833, guide 0.889 (at the start of that day: 0.881, 0.429, 0.859, 0.75,
# 0.925, 0.6, 0.333, 0.889). In-sample: the set and the rules were written from the same reports.
FLOORS: dict[str, float] = {
    "figure": 0.90,
    "figure_multi": 0.95,
    "list": 0.85,
    "yesno": 0.90,
    "refusal": 0.95,
    "across": 0.80,
    "clarify": 0.80,
    "guide": 0.85,
}

DATA = Path(__file__).parent / "data" / "paraphrases.json"
EVAL = REPORTS.resolve().parent / "eval"  # the shared QA files sit beside the reports
INTENTS = set(FLOORS)
TYPES = {"number", "list", "yesno", "none"}


@cache
def paraphrases() -> dict[str, Any]:
    return json.loads(DATA.read_text(encoding="utf-8"))


def scored_items() -> list[dict[str, Any]]:
    """Questions and dialogue turns alike, each turn carrying the turns before it."""
    data = paraphrases()
    items = list(data["questions"])
    for dialogue in data["dialogues"]:
        for n, turn in enumerate(dialogue["turns"]):
            items.append({"id": f"{dialogue['id']}.{n + 1}", "dialogue": dialogue["id"], "turn": n, **turn})
    return items


def evidence_pairs(item: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """Each evidence string with the report(s) it must occur in."""
    evidence, report = item.get("evidence"), item["report"]
    if evidence is None:
        return []
    strings: list[str] = evidence if isinstance(evidence, list) else [evidence]
    reports: list[str] = report if isinstance(report, list) else [report]
    if len(reports) == len(strings) and len(reports) > 1:
        return [(s, [r]) for s, r in zip(strings, reports)]
    return [(s, reports) for s in strings]


@cache
def report_text(name: str) -> str:
    from ingest.pipeline import build_report

    path = next(p for p in ALL_REPORTS if p.name == name)
    return _norm(build_report(path.read_bytes(), path.name).text)


# -- the set itself (fast) ---------------------------------------------------------------------


def test_the_json_is_what_the_generator_builds():
    assert DATA.read_text(encoding="utf-8") == build_paraphrases.render()


def test_the_set_is_large_enough_with_unique_ids():
    data = paraphrases()
    assert len(data["questions"]) >= 200
    assert len(data["dialogues"]) >= 30
    ids = [q["id"] for q in data["questions"]] + [d["id"] for d in data["dialogues"]]
    assert len(ids) == len(set(ids))
    assert len({q["question"] for q in data["questions"] if not q.get("history")}) == len(
        [q for q in data["questions"] if not q.get("history")]
    )


def test_every_item_is_well_formed():
    for item in scored_items():
        where = item["id"]
        assert item["intent"] in INTENTS, where
        assert item["type"] in TYPES, where
        if item["type"] == "none":
            assert item["answer"] is None and item["evidence"] is None, where
            continue
        assert item["evidence"], where
        if item["type"] == "number":
            values = item["answer"] if isinstance(item["answer"], list) else [item["answer"]]
            assert all(isinstance(v, int | float) and not isinstance(v, bool) for v in values), where
            assert isinstance(item["answer"], list) == (item["intent"] == "figure_multi"), where
        if item["type"] == "list":
            assert len(item["answer"]) >= (3 if item["intent"] == "list" else 2), where
        if item["type"] == "yesno":
            assert isinstance(item["answer"], bool), where
    for dialogue in paraphrases()["dialogues"]:
        assert 2 <= len(dialogue["turns"]) <= 4, dialogue["id"]
    for question in paraphrases()["questions"]:
        if "today" in question:
            date.fromisoformat(question["today"])


def test_every_evidence_string_is_in_its_report():
    names = {p.name for p in ALL_REPORTS}
    for item in scored_items():
        for evidence, reports in evidence_pairs(item):
            assert all(r in names for r in reports), (item["id"], reports)
            assert any(_norm(evidence) in report_text(r) for r in reports), (item["id"], evidence)


def test_no_question_is_copied_from_the_qa_files():
    theirs = set()
    for name in ("dev_qa.jsonl", "qa_more.jsonl"):
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                theirs.add(_norm(json.loads(line)["question"]).rstrip("？?"))
    ours = [_norm(item["question"]).rstrip("？?") for item in scored_items()]
    assert not [q for q in ours if q in theirs]


# -- scoring ------------------------------------------------------------------------------------


def primary_figure(text: str) -> float | None:
    """The first number of an answer, not counting citation marks or years."""
    body = unicodedata.normalize("NFKC", text)
    body = re.sub(r"\[\d+\]", "", body)
    body = re.sub(r"(?<!\d)(?:19|20)\d{2}\s*年度?", "", body)
    body = re.sub(r"(?<=\d),(?=\d{3})", "", body)
    match = re.search(r"(?<![\d.])\d+(?:\.\d+)?", body)
    return float(match.group()) if match else None


def score_item(item: dict[str, Any], answer: Any) -> float:
    kind, gold = item["type"], item["answer"]
    ok: float
    if kind == "number":
        values = gold if isinstance(gold, list) else [gold]
        first = primary_figure(answer.text)
        ok = float(
            answer.found
            and first is not None
            and abs(first - float(values[0])) < 1e-6
            and all(mentions_number(answer.text, float(v)) for v in values[1:])
        )
    elif kind == "list":
        text = _norm(answer.text)
        ok = sum(_norm(k) in text for k in gold) / len(gold)
    elif kind == "yesno":
        ok = float(answer.verdict is not None and answer.verdict == bool(gold))
    else:
        ok = float(not answer.found)
        if item["intent"] == "clarify":  # asking back, not a plain refusal
            ok = min(ok, float(answer.kind == "clarify"))
    pairs = evidence_pairs(item)
    if pairs and kind != "none":
        cited = sum(evidence_cited(e, answer) for e, _ in pairs) / len(pairs)
        ok = min(ok, cited)
    return ok


def test_only_the_primary_figure_counts():
    from answer.records import Answer, Citation

    assert primary_figure("淮安市人民政府2024年本年新收政府信息公开申请数量为 3,119件 [1][2]。") == 3119
    assert primary_figure("2024 年度行政事业性收费 7545万元 [3]") == 7545
    assert primary_figure("报告未载明。") is None
    quote = "结果纠正64件"
    cite = Citation(1, "r", "f", "i", 2024, "四", quote, 0, len(quote))
    item = {"intent": "figure", "type": "number", "answer": 64, "evidence": quote, "report": "f"}
    assert score_item(item, Answer(text="结果纠正为 64件 [1]。", citations=[cite])) == 1
    assert score_item(item, Answer(text="行政复议总数为 351件 [1]，其中纠正64件。", citations=[cite])) == 0
    assert score_item(item, Answer(text="结果纠正为 64件。")) == 0  # not cited
    multi = {**item, "intent": "figure_multi", "answer": [64, 72], "evidence": [quote]}
    assert score_item(multi, Answer(text="纠正 64件 [1]，维持 72件 [1]。", citations=[cite])) == 1
    assert score_item(multi, Answer(text="纠正 64件 [1]。", citations=[cite])) == 0
    clarify = {"intent": "clarify", "type": "none", "answer": None, "evidence": None, "report": None}
    assert score_item(clarify, Answer(text="请说明是哪一个", found=False, kind="clarify")) == 1
    assert score_item(clarify, Answer(text="未找到", found=False, kind="refusal")) == 0


def _ask(answerer, question: str, previous, today: str | None):
    """Passes the item's date when the answerer takes one (relative years: 去年, 今年)."""
    if today and "today" in inspect.signature(answerer.ask).parameters:
        return answerer.ask(question, previous, today=date.fromisoformat(today))
    return answerer.ask(question, previous)


@pytest.fixture(scope="module")
def answerer(shared_library):
    from answer.service import Answerer

    return Answerer(shared_library)


@pytest.mark.slow
def test_paraphrases_meet_the_floors_per_intent(answerer):
    answerer.ask("预热")
    today = paraphrases()["today"]
    results: dict[str, list[float]] = defaultdict(list)
    groups: dict[str, list[float]] = defaultdict(list)  # printed only, not held to floors
    failures: list[str] = []

    def record(item: dict[str, Any], answer: Any) -> None:
        ok = score_item(item, answer)
        results[item["intent"]].append(ok)
        if "dialogue" in item or item.get("history"):
            groups["follow_up_turns"].append(ok)
        if "today" in item:
            groups["relative_years"].append(ok)
        if "derived" in item.get("tags", []):
            groups["derived_figures"].append(ok)
        if ok < 1:
            failures.append(
                f"{item['id']} [{item['intent']}] {item['question']} → want {item['answer']!r}; got {answer.text[:90]!r}"
            )

    for item in paraphrases()["questions"]:
        previous = None
        for earlier in item.get("history", []):
            previous = answerer.understand(earlier, previous)
        record(item, _ask(answerer, item["question"], previous, item.get("today")))
    for dialogue in paraphrases()["dialogues"]:
        previous = None
        for n, turn in enumerate(dialogue["turns"]):
            answer = _ask(answerer, turn["question"], previous, today)
            scored = {"id": f"{dialogue['id']}.{n + 1}", **turn}
            if n:  # a later turn leans on the ones before it
                scored["dialogue"] = dialogue["id"]
            record(scored, answer)
            previous = answer.understanding

    accuracy = {intent: round(sum(xs) / len(xs), 3) for intent, xs in sorted(results.items())}
    print("\nparaphrase accuracy per intent:", json.dumps(accuracy, ensure_ascii=False))
    print("counts:", json.dumps({k: len(v) for k, v in sorted(results.items())}))
    print("groups:", json.dumps({k: (round(sum(v) / len(v), 3), len(v)) for k, v in sorted(groups.items())}))
    print("\n".join(failures))
    below = {i: (a, FLOORS[i]) for i, a in accuracy.items() if a < FLOORS[i]}
    assert not below, below
