"""Scoring answers against a QA set in the format of ``dev_qa.jsonl`` (types number / list /
yesno / none), and stored metadata against a table of known issuers and years. It asks the
store it is given; it ingests nothing.

A figure counts only as the answer's *primary* figure: its first number, after the years
("2023年") and citation marks ("[2]") that any answer carries. An answer that states the right
figure second, after a wrong one, is wrong."""

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


_NOT_FIGURES = re.compile(
    r"\[\d+\]"  # citation marks
    r"|(?:19|20)\d{2}\s*(?:年度?|—|-|－|到|至)"  # years, and the first year of a range
    r"|(?m:^\s*\d+[.、．]\s)"  # list numbering
)
_FIGURE = re.compile(r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?")


def primary_figure(answer: str) -> float | None:
    """The first number an answer states, years, citation marks and list numbers aside."""
    m = _FIGURE.search(_NOT_FIGURES.sub(" ", unicodedata.normalize("NFKC", answer)))
    return float(m.group(0).replace(",", "")) if m else None


def mentions_number(answer: str, value: float) -> bool:
    """Does ``value`` appear anywhere in the answer (the later figures of a several-figure answer)?"""
    number = f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d]|\.\d)", unicodedata.normalize("NFKC", answer)) is not None


def states_number(answer: str, value: float) -> bool:
    """Is ``value`` the answer's primary figure?"""
    figure = primary_figure(answer)
    return figure is not None and abs(figure - value) < 1e-9


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
    by_tag: dict[str, list[float]] = field(default_factory=dict)  # each item's answer score under each of its tags
    by_tag_cited: dict[str, list[float]] = field(default_factory=dict)  # the same, 0 when the evidence is not cited
    latency_by_tag: dict[str, list[float]] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        """Fold another QA file's scores into these."""
        for name in ("number", "list_recall", "yesno", "refusal", "citation", "latency_ms", "model_written", "failures"):
            getattr(self, name).extend(getattr(other, name))
        for name in ("by_tag", "by_tag_cited", "latency_by_tag"):
            for tag, xs in getattr(other, name).items():
                getattr(self, name).setdefault(tag, []).extend(xs)

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
            "by_tag": {tag: mean(xs) for tag, xs in sorted(self.by_tag.items())},
            "by_tag_cited": {tag: mean(xs) for tag, xs in sorted(self.by_tag_cited.items())},
            "latency_p50_ms_by_tag": {tag: round(statistics.median(xs), 1) for tag, xs in sorted(self.latency_by_tag.items())},
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
        cited = 1.0
        if item.get("evidence") and kind != "none":
            cited = float(evidence_cited(item["evidence"], answer))
            scores.citation.append(cited)
        for tag in item.get("tags", []):
            scores.by_tag.setdefault(tag, []).append(ok)
            scores.by_tag_cited.setdefault(tag, []).append(min(ok, cited))
            scores.latency_by_tag.setdefault(tag, []).append(answer.timings_ms.get("total", 0.0))
        if min(ok, cited) < 1:
            miss = "answer" if ok < 1 else "citation"
            scores.failures.append(
                {"id": item.get("id"), "miss": miss, "question": item["question"], "expected": gold, "answer": answer.text[:300]}
            )
    return scores


@dataclass(frozen=True)
class KnownReport:
    """One row of a metadata table (``meta_gold.tsv``): a file and what is known of it."""

    file: str
    issuers: tuple[str, ...]  # the issuer's name and other accepted forms
    year: int | None
    kind: str


def read_known_reports(text: str) -> list[KnownReport]:
    """Rows of a tab-separated table with the columns file, issuer, also_accepted (``|``-separated), year, kind."""
    lines = [line.split("\t") for line in text.splitlines() if line.strip()]
    head = lines[0]
    rows = []
    for cells in lines[1:]:
        row = dict(zip(head, cells + [""] * (len(head) - len(cells))))
        names = (row["issuer"], *(n for n in row.get("also_accepted", "").split("|") if n))
        year = row.get("year", "").strip()
        rows.append(KnownReport(row["file"], names, int(year) if year.isdigit() else None, row.get("kind", "")))
    return rows


def score_metadata(stored: list[tuple[str, str, int | None, str]], known: list[KnownReport]) -> dict[str, Any]:
    """Stored (file name, issuer, year, kind) against the known rows, matched by file name."""
    by_file = {name: (issuer, year, kind) for name, issuer, year, kind in stored}
    found = [k for k in known if k.file in by_file]
    wrong = []
    right = {"issuer": 0, "year": 0, "kind": 0}
    for k in found:
        issuer, year, kind = by_file[k.file]
        ok = {"issuer": issuer in k.issuers, "year": year == k.year, "kind": not k.kind or kind == k.kind}
        for key, hit in ok.items():
            right[key] += hit
        if not all(ok.values()):
            wrong.append({"file": k.file, "expected": [k.issuers[0], k.year, k.kind], "stored": [issuer, year, kind]})
    return {
        "reports": len(found),
        "missing": sorted(k.file for k in known if k.file not in by_file),
        **{f"{key}_right": n for key, n in right.items()},
        "wrong": wrong,
    }
