"""The pre-2019 统计表 (指标名称 | 计量单位 | 本年度 | 历年累计): real reports in every shape they come
in, and generated tables (flattened, space-separated, pipe grid) with fixed seeds."""

from __future__ import annotations

import csv
import itertools
import json
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from ingest.facts.legacy import MAPPED
from ingest.pipeline import build_report
from ingest.records import Report
from lexicon.metrics import metric_name
from tests.conftest import SHARED, report

MORE_NOTES = SHARED / "eval" / "more_notes.tsv"
QA_MORE = SHARED / "eval" / "qa_more.jsonl"


@cache
def built(path: Path) -> Report:
    return build_report(path.read_bytes(), path.name)


def from_text(text: str) -> Report:
    return build_report(text.encode("utf-8"), "report.txt")


def legacy(r: Report) -> dict[str, float | None]:
    return {f.metric: f.value for f in r.facts if f.metric.startswith("legacy.")}


def stats_table_reports() -> list[str]:
    with MORE_NOTES.open(encoding="utf-8") as fh:
        return [row["file"] for row in csv.DictReader(fh, delimiter="\t") if "pre-2019 stats table" in row["format_notes"]]


# --- real reports ---------------------------------------------------------------------------------


def test_every_pre_2019_stats_table_in_the_shared_reports_is_read():
    names = stats_table_reports()
    assert len(names) == 11
    for name in names:
        facts = [f for f in built(report(name)).facts if f.metric.startswith("legacy.")]
        rows = {f.metric.rsplit(".", 1)[0] for f in facts}
        assert {"legacy.proactive", "legacy.applications", "legacy.replies", "legacy.review", "legacy.litigation"} <= rows, name
        for row in rows:  # both columns of every row, each read or honestly unresolved
            year = next(f for f in facts if f.metric == f"{row}.year")
            cumulative = next(f for f in facts if f.metric == f"{row}.cumulative")
            assert year.method == cumulative.method == "legacy"
            assert (year.value is None) == (cumulative.value is None) == (year.status == "unresolved"), (name, row)
            if year.value is not None and cumulative.value is not None:
                assert year.value <= cumulative.value, (name, row)
            assert year.label and year.label in built(report(name)).text[year.start : year.end]
        read = sum(f.value is not None for f in facts)
        assert read >= len(facts) - 2, (name, [f.metric for f in facts if f.value is None])


@pytest.mark.parametrize("item", ["h044", "h054", "h086", "h094", "h110"])
def test_the_stats_table_figures_the_qa_set_asks_for(item):
    q = next(json.loads(line) for line in QA_MORE.open(encoding="utf-8") if json.loads(line)["id"] == item)
    column = "cumulative" if "历年累计" in q["question"] else "year"
    row = "legacy.proactive.website" if "网站" in q["question"] else None
    row = row or ("legacy.applications" if "依申请" in q["question"] else "legacy.proactive")
    r = built(report(q["report"]))
    fact = next(f for f in r.facts if f.metric == f"{row}.{column}")
    assert fact.value == q["answer"] and fact.status == "ok"
    assert q["evidence"].replace(" ", "") in r.text[fact.start : fact.end].replace(" ", "")


def test_flattened_runs_are_cut_with_the_tables_own_sums():
    # 受理 "2121" with 其中 当面 "1818", 电子邮件 "33" and zeros: only 21|21 = 18|18 + 3|3 adds up
    r = built(report("026_pingtan_xian_2012.txt"))
    got = legacy(r)
    assert (got["legacy.applications.year"], got["legacy.applications.cumulative"]) == (21, 21)
    assert (got["legacy.applications.in_person.year"], got["legacy.applications.in_person.cumulative"]) == (18, 18)
    assert (got["legacy.replies.withheld.year"], got["legacy.replies.withheld.cumulative"]) == (2, 2)
    r = built(report("011_pingtan_xian_2013.txt"))
    got = legacy(r)
    assert (got["legacy.replies.year"], got["legacy.replies.cumulative"]) == (3, 24)
    assert (got["legacy.replies.disclosed.year"], got["legacy.replies.disclosed.cumulative"]) == (2, 19)
    assert (got["legacy.applications.email.year"], got["legacy.applications.email.cumulative"]) == (3, 6)


def test_the_stats_table_is_not_read_as_a_modern_table():
    for name in stats_table_reports():
        r = built(report(name))
        assert not [f for f in r.facts if f.method in ("table", "decoded")], name
        assert all(c.holds for c in r.checks), name


def test_a_row_the_table_cannot_decide_stays_unresolved():
    # the website row's 其中 do not add up to the printed total (the report's own slip): its run has
    # several cuts, so it is not guessed
    got = legacy(built(report("011_pingtan_xian_2013.txt")))
    assert got["legacy.proactive.website.year"] is None and got["legacy.proactive.website.cumulative"] is None
    # one cell printed where two belong: which column it is is not known
    got = legacy(built(report("024_pingtan_zhq_2013.txt")))
    assert got["legacy.proactive.gazette.year"] is None


def test_space_separated_tables_are_read_as_printed():
    got = legacy(built(report("022_pingtan_zhq_2014.txt")))
    assert (got["legacy.proactive.year"], got["legacy.proactive.cumulative"]) == (2543, 78967)
    assert (got["legacy.applications.mail.year"], got["legacy.fees.cumulative"]) == (1, 0)


def test_legacy_rows_are_mapped_to_the_modern_metrics_and_say_so():
    r = built(report("022_pingtan_zhq_2014.txt"))
    mapped = {f.metric: f for f in r.facts if f.method == "legacy" and not f.metric.startswith("legacy.")}
    assert set(mapped) == set(MAPPED.values())
    assert mapped["proactive.items"].value == 2543 and mapped["applications.new.total"].value == 1
    assert "主动公开文件数" in mapped["proactive.items"].label and "映射" in mapped["proactive.items"].label
    assert metric_name("legacy.proactive.cumulative") == "统计表：主动公开信息数（历年累计）"


def test_a_table_that_disagrees_with_the_prose_is_a_conflict():
    # 统计表 72804 against the sentence's 4970, both for the whole issuer
    r = built(report("024_pingtan_zhq_2013.txt"))
    stated = {(f.method, f.value, f.status) for f in r.facts if f.metric == "proactive.items" and f.scope == "report"}
    assert stated == {("legacy", 72804, "conflict"), ("prose", 4970, "conflict")}


# --- generated tables -----------------------------------------------------------------------------

LABELS = {
    "proactive": ["主动公开信息数", "主动公开文件数", "主动公开政府信息数"],
    "proactive.website": ["政府网站公开数", "网站公开", "通过政府网站公开数"],
    "proactive.gazette": ["政府公报公开数", "政府公报公开"],
    "proactive.other": ["其他方式公开数", "其他形式公开"],
    "applications": ["受理依申请公开信息总数", "受理申请总数", "受理政府信息依申请公开总数"],
    "applications.in_person": ["当面申请数", "现场申请数"],
    "applications.online": ["网上申请数", "网络申请数"],
    "applications.mail": ["信函、传真申请数", "信函申请数"],
    "replies": ["对申请的答复总数", "对申请的答复数"],
    "replies.disclosed": ["同意公开答复数"],
    "replies.partially_disclosed": ["同意部分公开答复数"],
    "replies.withheld": ["不予公开答复数", "否决公开答复数"],
    "replies.other": ["其他类型答复数", "其它公开答复数"],
    "fees": ["政府信息公开收费（减免）金额", "政府信息公开收费减免金额"],
    "complaints": ["接受行政诉讼、举报数", "行政申诉数"],
    "review": ["行政复议数", "申请行政复议数"],
    "litigation": ["行政诉讼数"],
}
GROUPS = {
    "proactive": ["proactive.website", "proactive.gazette", "proactive.other"],
    "applications": ["applications.in_person", "applications.online", "applications.mail"],
    "replies": ["replies.disclosed", "replies.partially_disclosed", "replies.withheld", "replies.other"],
    "fees": [],
    "complaints": [],
    "review": [],
    "litigation": [],
}
UNITS = {"fees": "元", "complaints": "件", "review": "件", "litigation": "件"}


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    unit: str
    number: int  # numbering under 其中 (0: a total row)
    year: int
    cumulative: int


def table(rng: random.Random, digits: int) -> list[Line]:
    """A consistent table: 其中 rows add up to their total in both columns, 本年度 ≤ 历年累计."""
    lines: list[Line] = []
    for parent, children in GROUPS.items():
        unit = UNITS.get(parent, rng.choice(["条", "件"]))
        kids = children[: rng.randint(2, len(children))] if children else []
        values = []
        for _ in kids or [parent]:
            year = rng.choice([0, rng.randint(1, 10**digits - 1)])
            values.append((year, year + rng.choice([0, rng.randint(1, 10 ** (digits + 1) - 1)])))
        total = (sum(v[0] for v in values), sum(v[1] for v in values))
        lines.append(Line(parent, rng.choice(LABELS[parent]), unit, 0, *total))
        for n, (kid, (year, cumulative)) in enumerate(zip(kids, values), 1):
            lines.append(Line(kid, rng.choice(LABELS[kid]), unit, n, year, cumulative))
    return lines


def numbered(line: Line, style: str) -> str:
    if not line.number:
        return line.label
    head = "其中：" if line.number == 1 else ""
    mark = f"({line.number})" if style == "()" else f"{line.number}{style}"
    return f"{head}{mark}{line.label}"


def render(lines: list[Line], shape: str, year_head: str, style: str) -> str:
    header = f"指标名称 计量单位 {year_head} 历年累计"
    if shape == "flat":
        body = "".join(f"{numbered(ln, style)}{ln.unit}{ln.year}{ln.cumulative}" for ln in lines)
        return header.replace(" ", "") + body
    if shape == "spaced":
        return header + " " + " ".join(f"{numbered(ln, style)} {ln.unit} {ln.year} {ln.cumulative}" for ln in lines)
    rows = [f"| 指标名称 | 计量单位 | {year_head} | 历年累计 |", "| --- | --- | --- | --- |"]
    rows += [f"| {numbered(ln, style)} | {ln.unit} | {ln.year} | {ln.cumulative} |" for ln in lines]
    return "\n".join(rows)


def document(body: str) -> str:
    return (
        "某县人民政府2012年政府信息公开工作年度报告\n"
        "一、概述\n本年度继续推进政府信息公开工作。\n"
        "七、政府信息公开情况统计表\n" + body + "\n附件下载\n"
    )


def determinable(lines: list[Line]) -> dict[str, tuple[int, int] | None]:
    """By brute force over every cut of every run of a group: the rows all consistent readings agree on."""

    def cuts(line: Line) -> list[tuple[int, int]]:
        run = f"{line.year}{line.cumulative}"
        out = []
        for i in range(1, len(run)):
            a, b = run[:i], run[i:]
            if (a == "0" or a[0] != "0") and (b == "0" or b[0] != "0") and int(a) <= int(b):
                out.append((int(a), int(b)))
        return out

    result: dict[str, tuple[int, int] | None] = {}
    i = 0
    while i < len(lines):
        group = [lines[i]] + list(itertools.takewhile(lambda ln: ln.number > 0, lines[i + 1 :]))
        i += len(group)
        options = [cuts(ln) for ln in group]
        held = [
            c
            for c in itertools.product(*options)
            if len(group) == 1 or (sum(x[0] for x in c[1:]) == c[0][0] and sum(x[1] for x in c[1:]) == c[0][1])
        ]
        for n, ln in enumerate(group):
            seen = {c[n] for c in held}
            result[ln.key] = seen.pop() if len(seen) == 1 else None
    return result


@pytest.mark.parametrize("shape", ["flat", "spaced", "grid"])
def test_generated_tables_in_every_shape_give_the_printed_figures_or_none(shape):
    rng = random.Random(f"legacy-{shape}")
    resolved = total = 0
    for case in range(12):
        lines = table(rng, digits=1 + case % 4)
        year_head = rng.choice(["2012年度", "本年度", "2012 年度"])
        style = rng.choice([".", "、", "()"])
        r = from_text(document(render(lines, shape, year_head, style)))
        got = legacy(r)
        expected = determinable(lines) if shape == "flat" else {ln.key: (ln.year, ln.cumulative) for ln in lines}
        for ln in lines:
            pair = (got.get(f"legacy.{ln.key}.year"), got.get(f"legacy.{ln.key}.cumulative"))
            want = expected[ln.key]
            total += 1
            if want is None:
                assert pair == (None, None), (case, ln)  # more than one reading: never a guess
            else:
                assert pair == want, (shape, case, ln, render(lines, shape, year_head, style))
                resolved += 1
        proactive = next(ln for ln in lines if ln.key == "proactive")
        mapped = [f for f in r.facts if f.metric == "proactive.items" and f.method == "legacy"]
        assert len(mapped) == 1 and mapped[0].value == (got["legacy.proactive.year"])
        assert expected["proactive"] is None or mapped[0].value == proactive.year
    print(f"\n{shape}: {resolved} of {total} rows read")
    if shape != "flat":
        assert resolved == total
    else:
        assert resolved >= total * 0.5, (resolved, total)


def test_a_run_the_sums_leave_open_is_decided_by_the_year_figure_the_report_states():
    # 主动公开 "2069121062" with one 其中 row of the same run: 20|69121062? 206|9121062? 2069|121062?
    body = (
        "指标名称计量单位本年度历年累计主动公开信息数条2069121062其中：1.政府网站公开数条2069121062"
        "受理申请总数件00行政复议数件00行政诉讼数件00"
    )
    silent = legacy(from_text(document(body)))
    assert silent["legacy.proactive.year"] is None and silent["legacy.proactive.website.year"] is None
    stated = document(body).replace("本年度继续推进", "2012年全县主动公开政府信息2069条，继续推进")
    got = legacy(from_text(stated))
    assert (got["legacy.proactive.year"], got["legacy.proactive.cumulative"]) == (2069, 121062)
    assert (got["legacy.proactive.website.year"], got["legacy.proactive.website.cumulative"]) == (2069, 121062)
    # a sub-unit's figure is no statement of the total
    partial = document(body).replace("本年度继续推进", "各乡镇主动公开政府信息2069条，继续推进")
    assert legacy(from_text(partial))["legacy.proactive.year"] is None


def test_columns_printed_cumulative_first_are_read_the_right_way_round():
    body = "指标名称 计量单位 历年累计 本年度 主动公开信息数 条 5000 300 受理申请总数 件 12 2 行政复议数 件 1 0"
    got = legacy(from_text(document(body)))
    assert (got["legacy.proactive.year"], got["legacy.proactive.cumulative"]) == (300, 5000)
    assert (got["legacy.applications.year"], got["legacy.review.cumulative"]) == (2, 1)


def test_a_report_without_a_stats_table_has_no_legacy_facts():
    r = from_text(document("本年度主动公开政府信息120条。"))
    assert not legacy(r)
