"""The format's own arithmetic, run on the figures a report prints. A failing rule is reported
with both sides; the printed figures are never changed."""

from __future__ import annotations

from collections.abc import Iterable

from ingest.records import Check, Fact
from lexicon.metrics import APPLICANT_COLUMNS, REVIEW_GROUPS, REVIEW_RESULTS_ZH

_COLUMNS_ZH = dict(APPLICANT_COLUMNS)


def result_leaves(rows: Iterable[str]) -> list[str]:
    """The rows of 三、本年度办理结果 that add up to (七)总计: sub-rows where a heading row
    (e.g. （六）其他处理) also has them."""
    keys = [r for r in rows if r.startswith("result.")]
    return [r for r in keys if not any(other.startswith(r + ".") for other in keys)]


def run_checks(facts: Iterable[Fact]) -> list[Check]:
    values: dict[str, Fact] = {}
    for f in facts:
        if f.method != "prose" and f.value is not None:
            values.setdefault(f.metric, f)
    checks: list[Check] = []

    def rule(name: str, description: str, left: list[str], right: list[str]) -> None:
        if not all(m in values for m in left + right):
            return
        a = sum(values[m].value or 0 for m in left)
        b = sum(values[m].value or 0 for m in right)
        spans = [values[m] for m in left + right]
        checks.append(
            Check(
                rule=name,
                description=description,
                holds=abs(a - b) < 1e-6,
                left=a,
                right=b,
                metrics=tuple(left + right),
                start=min(f.start for f in spans),
                end=max(f.end for f in spans),
            )
        )

    rows = sorted({m.split(".", 1)[1].rsplit(".", 1)[0] for m in values if m.startswith("applications.")})
    for column, zh in _COLUMNS_ZH.items():

        def a(row: str, column: str = column) -> str:
            return f"applications.{row}.{column}"

        rule(
            f"balance.{column}",
            f"勾稽关系（{zh}）：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度",
            [a("new"), a("carried_over")],
            [a("result"), a("carried_to_next_year")],
        )
        leaves = result_leaves(r for r in rows if a(r) in values)
        if leaves:
            rule(f"results.{column}", f"办理结果各项之和 = （七）总计（{zh}）", [a(r) for r in leaves], [a("result")])
    for row in rows:
        parts = [f"applications.{row}.{c}" for c, _ in APPLICANT_COLUMNS]
        rule(f"applicants.{row}", f"申请人各列之和 = 总计（{row}）", parts[:-1], parts[-1:])
    for prefix, zh in REVIEW_GROUPS:
        cols = [f"{prefix}.{c}" for c in REVIEW_RESULTS_ZH]
        rule(f"{prefix}.total", f"{zh}：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计", cols[:-1], cols[-1:])
    return checks
