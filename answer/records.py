"""What an answer is made of: the understood question, the citations, the answer itself."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from lexicon.metrics import format_value


@dataclass(frozen=True)
class Understanding:
    """What a question asks, after the conversation so far has filled in what it leaves out."""

    question: str
    issuers: tuple[str, ...] = ()  # resolved issuer names
    issuer_text: str = ""  # what the user typed for the issuer
    ambiguous: bool = False  # one name fits several issuers: ask which
    year: int | None = None
    metrics: tuple[str, ...] = ()  # fact keys the question asks for
    parts: tuple[str, ...] = ()  # "problems" / "improvements"
    yesno: bool = False
    asks_kind: bool = False  # "这是年度报告吗？"
    topic: str = ""  # the question without issuer and year, for retrieval
    years: tuple[int, ...] = ()  # every year asked, in the question's order (year is the first)
    year_word: str = ""  # 去年, 近三年…: counted from today; the answer says which year that is
    unknown: str = ""  # an issuer the question names that is not on file (南京市)
    near: tuple[str, ...] = ()  # stored issuers it may mean: one character off, or of the same place
    others: tuple[str, ...] = ()  # other stored issuers of the place named (南京市: its districts)
    across: str = ""  # a question across reports: rank / total / average / list / change
    top: int = 0  # 前五 → 5; 1 for 哪个…最多
    ascending: bool = False  # 最少 / 最低
    region: tuple[str, ...] = ()  # across the issuers of a place (南京市下辖)
    vague: bool = False  # no figure, part or topic: answer with a guide


@dataclass(frozen=True)
class Citation:
    n: int
    report_id: str
    file: str
    issuer: str
    year: int | None
    section: str
    quote: str  # exactly text[start:end] of the report's cleaned text
    start: int
    end: int
    highlight: tuple[int, int] | None = None  # the figure's own span, as offsets into quote


@dataclass(frozen=True)
class CitedFact:
    """A figure an answer states, and the citation that shows it."""

    metric: str
    name: str
    value: float | None
    unit: str
    method: str
    status: str
    report_id: str
    citation: int
    scope: str = "report"  # "sub_unit": a part of the issuer's figure (政府办代表区政府受理)


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    facts: list[CitedFact] = field(default_factory=list)
    found: bool = True
    verdict: bool | None = None  # for yes/no questions
    kind: str = "passage"  # figure / list / passage / refusal / clarify
    understanding: Understanding | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)
    note: str = ""  # e.g. why a model's answer was not used

    def figure_table(self) -> list[list[str]]:
        """The figures the answer states, one row each with the source it is cited from: the
        chat's table and its CSV."""
        by_n = {c.n: c for c in self.citations}
        rows = [["发布单位", "年度", "指标", "数值", "单位", "出处"]]
        for f in self.facts:
            c = by_n.get(f.citation)
            who, year = (c.issuer, str(c.year or "")) if c else ("", "")
            rows.append([who, year, f.name, format_value(f.value), f.unit, f"[{f.citation}]"])
        return rows

    def to_json(self) -> dict[str, Any]:
        out = {
            "answer": self.text,
            "citations": [asdict(c) for c in self.citations],
            "facts": [asdict(f) for f in self.facts],
            "found": self.found,
            "verdict": self.verdict,
            "kind": self.kind,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }
        if self.understanding is not None:
            u = self.understanding
            out["understood"] = {
                "issuers": list(u.issuers),
                "year": u.year,
                "years": list(u.years),
                "metrics": list(u.metrics),
                "parts": list(u.parts),
                "across": u.across,
                "unknown": u.unknown,
            }
        if self.note:
            out["note"] = self.note
        return out
