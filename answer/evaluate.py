"""Scoring answers against a QA set in the format of ``dev_qa.jsonl`` (types number / list /
yesno / none). It asks the store it is given; it ingests nothing."""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from answer.records import Answer


def _norm(text: str) -> str:
    return re.sub(r"[\s|｜]+", "", unicodedata.normalize("NFKC", text))


def states_number(answer: str, value: float) -> bool:
    number = f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", unicodedata.normalize("NFKC", answer)) is not None


def evidence_cited(evidence: str, answer: Answer) -> bool:
    wanted = _norm(evidence)
    return any(wanted in _norm(c.quote) for c in answer.citations)


@dataclass
class Scores:
    number: list[float] = field(default_factory=list)
    list_recall: list[float] = field(default_factory=list)
    yesno: list[float] = field(default_factory=list)
    refusal: list[float] = field(default_factory=list)
    citation: list[float] = field(default_factory=list)
    latency_ms: list[float] = field(default_factory=list)
    model_written: list[float] = field(default_factory=list)  # 1 when a model's answer passed the check
    failures: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        def mean(xs: list[float]) -> float | None:
            return round(sum(xs) / len(xs), 3) if xs else None

        lat = sorted(self.latency_ms)
        return {
            "number_accuracy": mean(self.number),
            "list_keyword_recall": mean(self.list_recall),
            "yesno_accuracy": mean(self.yesno),
            "refusal_rate": mean(self.refusal),
            "citation_precision": mean(self.citation),
            "latency_p50_ms": round(statistics.median(lat), 1) if lat else None,
            "latency_p95_ms": round(lat[min(len(lat) - 1, int(0.95 * len(lat)))], 1) if lat else None,
            "questions": len(self.latency_ms),
            "model_written_share": mean(self.model_written),
        }


def evidence_recall(items: list[dict[str, Any]], passages: Callable[[str], list[str]]) -> float:
    """Share of the items with evidence whose evidence lies inside one of the passages that
    ``passages(question)`` retrieves (retrieval alone, no answering)."""
    hits = [
        any(_norm(item["evidence"]) in _norm(text) for text in passages(item["question"]))
        for item in items
        if item.get("evidence") and item["type"] != "none"
    ]
    return round(sum(hits) / len(hits), 3) if hits else 0.0


def score(items: list[dict[str, Any]], ask: Callable[[dict[str, Any]], Answer]) -> Scores:
    scores = Scores()
    for item in items:
        answer = ask(item)
        scores.latency_ms.append(answer.timings_ms.get("total", 0.0))
        if "model" in answer.timings_ms:
            scores.model_written.append(float(answer.note.startswith("由模型")))
        kind, gold = item["type"], item["answer"]
        ok: float
        if kind == "number":
            ok = float(answer.found and states_number(answer.text, float(gold)))
            scores.number.append(ok)
        elif kind == "list":
            text = _norm(answer.text)
            ok = sum(_norm(k) in text for k in gold) / len(gold)
            scores.list_recall.append(ok)
        elif kind == "yesno":
            ok = float(answer.verdict is not None and answer.verdict == bool(gold))
            scores.yesno.append(ok)
        else:
            ok = float(not answer.found)
            scores.refusal.append(ok)
        if item.get("evidence") and kind != "none":
            cited = float(evidence_cited(item["evidence"], answer))
            scores.citation.append(cited)
            ok = min(ok, cited)
        if ok < 1:
            scores.failures.append(
                {"id": item.get("id"), "question": item["question"], "expected": gold, "answer": answer.text[:300]}
            )
    return scores
