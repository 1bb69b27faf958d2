"""The small records a report flows through, from raw file to stored chunk."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

FactMethod = Literal["table", "decoded", "prose", "legacy"]
FactStatus = Literal["ok", "conflict", "unresolved"]
# "report": the issuer-wide figure; "sub_unit": a part of it (区直各单位, 其中…, 代表区政府受理)
FactScope = Literal["report", "sub_unit"]
ReportKind = Literal["annual_report", "other"]
# the format's edition: the 2021 revision, the 2019 format, a pre-2019 report, a report of neither
# format, or a file that is no annual report
Layout = Literal["2021", "2019", "older", "nonstandard", "n/a"]
ItemKind = Literal["problems", "improvements"]
Outcome = Literal["added", "updated", "unchanged", "failed"]


@dataclass(frozen=True)
class Table:
    """A table as a grid of cell texts; spanned cells repeat their text in every cell they cover.

    ``spans`` lists the (row, column) cells that only continue the cell on their left (a colspan),
    so a renderer shows the value once and a reader does not count it twice."""

    rows: tuple[tuple[str, ...], ...]
    page: int | None = None
    spans: frozenset[tuple[int, int]] = frozenset()

    def shown(self, r: int) -> list[str]:
        """Row ``r`` without the cells a colspan covers."""
        return [c for i, c in enumerate(self.rows[r]) if (r, i) not in self.spans]


@dataclass(frozen=True)
class Block:
    """One paragraph or one table of a loaded document, in reading order."""

    text: str = ""
    table: Table | None = None
    page: int | None = None


@dataclass(frozen=True)
class LoadedDocument:
    file_name: str
    fmt: str  # txt / html / pdf / docx
    sha256: str
    blocks: tuple[Block, ...]
    hints: dict[str, str] = field(default_factory=dict)  # e.g. 发布机构, 公开日期 from a page's metadata box


@dataclass(frozen=True)
class Paragraph:
    """A cleaned paragraph (or rendered table) and where it sits in the cleaned text."""

    text: str
    start: int
    end: int
    page: int | None = None
    table: Table | None = None


@dataclass(frozen=True)
class CleanDocument:
    text: str  # readable cleaned text; every span in the system points into it
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Metadata:
    title: str
    issuer: str
    aliases: tuple[str, ...]
    year: int | None
    published: str | None
    kind: ReportKind
    layout: Layout
    found: tuple[tuple[str, str], ...] = ()  # (field, how it was found), e.g. ("issuer", "header:发布机构")


@dataclass(frozen=True)
class Section:
    """One part of a report (e.g. 五、存在的主要问题及改进情况) or a sub-item inside it."""

    part: str  # canonical key, e.g. "overview", "problems_improvements"
    heading: str
    start: int
    end: int


@dataclass(frozen=True)
class Chunk:
    id: str
    report_id: str
    ord: int
    text: str
    part: str
    heading_path: tuple[str, ...]
    start: int
    end: int
    page: int | None = None
    is_table: bool = False


REPORT_ID_LENGTH = 16  # hex digits of the file's SHA-256


@dataclass(frozen=True)
class Report:
    id: str
    file_name: str
    fmt: str
    sha256: str
    meta: Metadata
    text: str
    sections: tuple[Section, ...]
    chunks: tuple[Chunk, ...]
    facts: tuple[Fact, ...] = ()
    checks: tuple[Check, ...] = ()
    items: tuple[Item, ...] = ()

    @property
    def identity(self) -> str:
        """Same issuer, year and title: a new file is a new version of this report."""
        return f"{self.meta.issuer}|{self.meta.year}|{self.meta.title}"


@dataclass(frozen=True)
class Fact:
    """One figure a report states, tied to the span of the cleaned text that states it.

    ``value`` is None when the figure is there but could not be read with certainty
    (``status`` "unresolved"); ``status`` "conflict" marks a figure the report states
    differently elsewhere."""

    metric: str  # e.g. applications.new.total
    value: float | None
    unit: str  # 件 / 条 / 个 / 万元 / 元
    method: FactMethod
    start: int
    end: int
    confidence: float
    status: FactStatus = "ok"
    chunk_id: str = ""
    scope: FactScope = "report"
    label: str = ""  # the words the report uses for the figure (a row label, the phrase before a number)


@dataclass(frozen=True)
class Check:
    """One arithmetic rule of the format applied to a report's table, e.g. 一+二 = 三(七) + 四."""

    rule: str  # e.g. balance.total
    description: str
    holds: bool
    left: float
    right: float
    metrics: tuple[str, ...]  # the figures the rule reads
    start: int
    end: int


_METHOD_RANK = {"table": 0, "decoded": 1, "prose": 2}


def preferred(facts: Iterable[Fact]) -> Fact | None:
    """The fact to answer with: a read value before an unresolved one, a table before prose."""
    ranked = sorted(facts, key=lambda f: (f.value is None, _METHOD_RANK.get(f.method, 9), -f.confidence))
    return ranked[0] if ranked else None


@dataclass(frozen=True)
class Item:
    """One problem a report admits or one improvement it promises (part 五)."""

    kind: ItemKind
    start: int
    end: int
    quote: tuple[int, int] | None = None  # the sentence to cite when the item is one clause of it

    @property
    def cited(self) -> tuple[int, int]:
        return self.quote or (self.start, self.end)


@dataclass(frozen=True)
class IngestResult:
    file_name: str
    outcome: Outcome
    report_id: str = ""
    message: str = ""  # Chinese, then English (the CLI's)
    seconds: dict[str, float] = field(default_factory=dict)  # time per step: load, clean, facts, embed, …
    message_zh: str = ""  # the same in Chinese only (the page's)
