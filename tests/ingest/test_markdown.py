"""PDF-to-markdown tables and wrapped prose: generated variants of each converter defect (made-up
figures, fixed seeds) must read back into the figures they were made from, and the three real
converter outputs in the shared reports must give their tables' facts with the 勾稽 checks holding."""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path

import pytest

from ingest.load import load_bytes
from ingest.load.markdown import repair_table
from ingest.pipeline import build_report
from ingest.records import Report
from lexicon.metrics import format_value
from tests.conftest import SHARED, report

GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("（一）予以公开", (("", "result.disclosed"),)),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (("", "result.partially_disclosed"),)),
    (
        "（三）不予公开",
        (
            ("1.属于国家秘密", "result.withheld.state_secret"),
            ("2.其他法律行政法规禁止公开", "result.withheld.prohibited_by_law"),
            ("3.危及“三安全一稳定”", "result.withheld.three_safeties"),
            ("4.保护第三方合法权益", "result.withheld.third_party"),
            ("5.属于三类内部事务信息", "result.withheld.internal_affairs"),
            ("6.属于四类过程性信息", "result.withheld.process_info"),
            ("7.属于行政执法案卷", "result.withheld.enforcement_files"),
            ("8.属于行政查询事项", "result.withheld.query_matters"),
        ),
    ),
    (
        "（四）无法提供",
        (
            ("1.本机关不掌握相关政府信息", "result.unavailable.not_held"),
            ("2.没有现成信息需要另行制作", "result.unavailable.needs_creation"),
            ("3.补正后申请内容仍不明确", "result.unavailable.unclear"),
        ),
    ),
    (
        "（五）不予处理",
        (
            ("1.信访举报投诉类申请", "result.not_processed.petition"),
            ("2.重复申请", "result.not_processed.duplicate"),
            ("3.要求提供公开出版物", "result.not_processed.publication"),
            ("4.无正当理由大量反复申请", "result.not_processed.mass_repeated"),
            ("5.要求行政机关确认或重新出具已获取信息", "result.not_processed.confirmation"),
        ),
    ),
    (
        "（六）其他处理",
        (
            ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "result.other_handling.no_correction"),
            ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "result.other_handling.unpaid_fees"),
            ("3.其他", "result.other_handling.other"),
        ),
    ),
)
COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)
HEADER = "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |"
CAPTION = "## 表三：收到和处理政府信息公开申请情况"
REVIEW_HEADS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
REVIEW_PREFIXES = ("review", "litigation.direct", "litigation.after_review")
REVIEW_SUBS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
REVIEW_KEYS = ("upheld", "corrected", "other", "pending", "total")


def _row(rng: random.Random) -> list[int]:
    values = [rng.randint(0, 40), rng.randint(0, 6), 0, 0, rng.randint(0, 3), 0]
    return values + [sum(values)]


def _figures(seed: int) -> dict[str, list[int]]:
    """Made-up figures of table 三 whose arithmetic holds: leaves, their total, new + carried = total + next."""
    rng = random.Random(seed)
    rows = {key: _row(rng) for _, subs in GROUPS for _, key in subs}
    result = [sum(v[c] for v in rows.values()) for c in range(7)]
    carried = _row(rng)
    following = [min(c, r) for c, r in zip(_row(rng), result)]
    following[6] = sum(following[:6])
    new = [r + f - c for r, f, c in zip(result, following, carried)]
    if any(v < 0 for v in new):
        carried = [0] * 7
        new = [r + f for r, f in zip(result, following)]
    return {"new": new, "carried_over": carried, **rows, "result": result, "carried_to_next_year": following}


def _pipe(cells: list[str] | tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)]


def _render(figures: dict[str, list[int]], defects: set[str], rng: random.Random) -> list[str]:
    """Table 三 as a converter might print it, with the given defects at random rows."""
    nums = {k: [str(v) for v in vs] for k, vs in figures.items()}
    lines = [CAPTION, HEADER, "|---|---|---|---|---|---|---|---|"]
    lines.append(_pipe(["一、本年新收政府信息公开申请数量", *nums["new"]]))
    lines.append(_pipe(["二、上年结转政府信息公开申请数量", *nums["carried_over"]]))
    page = 1
    for g, (group, subs) in enumerate(GROUPS):
        for s, (sub, key) in enumerate(subs):
            label = [group, sub] if sub else [group]
            if g == 0 and s == 0:
                label = ["三、本年度办理结果", *label]
            damaged = g > 0 and rng.random() < 0.5
            if "footer" in defects and rng.random() < 0.15:
                page += 1
                lines += [
                    "|---|---|---|---|---|---|---|---|",
                    f"— {page} —",
                    CAPTION,
                    HEADER,
                    "|---|---|---|---|---|---|---|---|",
                ]
            if damaged and "above" in defects:
                width = rng.randint(6, 12)
                loose = _wrap(sub or group, width)
                if s == 0 and sub:  # the group cell's lines, the last one run into the sub-item's first
                    head = _wrap(group, width)
                    loose = head[:-1] + [head[-1] + loose[0], *loose[1:]] if rng.random() < 0.5 else head + loose
                lines += loose
                lines.append(_pipe(nums[key]))
            elif damaged and "below" in defects and sub and s > 0:
                lines.append(_pipe(nums[key]))
                lines.append("")
                lines += _wrap(sub, rng.randint(6, 12))
            elif damaged and "cut" in defects and len(sub) > 8:
                cut = rng.randint(4, len(sub) - 4)
                if s == 0:
                    lines.append(group)  # the group's merged cell, printed as a line of its own
                lines += _wrap(sub[:cut], 12)  # the cell's first lines, printed above its row
                lines.append(_pipe([sub[cut:], *nums[key]]))
            elif "narrow" in defects and group.startswith("（六）") and s == 1:
                # the merged group cell is printed three characters a line, between the lines of the sub label
                first, second = _wrap(sub, 14)[0], sub[14:]
                lines += [group[:4], first, group[4:], second]
                lines.append(_pipe(nums[key]))
            elif "narrow" in defects and group.startswith("（六）") and s == 2:
                lines.append(_pipe([sub, *nums[key]]))
            else:
                lines.append(_pipe([*label, *nums[key]]))
            if "separator" in defects and rng.random() < 0.3:
                lines.append("|---|---|---|---|---|---|---|---|")
    lines.append(_pipe(["（七）总计", *nums["result"]]))
    lines.append(_pipe(["四、结转下年度继续办理", *nums["carried_to_next_year"]]))
    return lines


def _document(table: list[str], review: list[str]) -> str:
    return "\n".join(
        [
            "某市某某局2024年政府信息公开工作年度报告",
            "一、总体情况",
            "本机关认真贯彻落实政府信息公开条例。",
            "三、收到和处理政府信息公开申请情况",
            *table,
            "四、政府信息公开行政复议、行政诉讼情况",
            *review,
            "五、政府信息公开工作存在的主要问题及改进情况",
            "一是公开内容有待丰富。",
        ]
    )


def _review(seed: int) -> list[int]:
    rng = random.Random(seed * 7 + 1)
    out: list[int] = []
    for _ in REVIEW_HEADS:
        four = [rng.randint(0, 9) for _ in range(4)]
        out += [*four, sum(four)]
    return out


def _review_lines(values: list[int], shape: str) -> list[str]:
    if shape == "groups":  # one small table per column group, each under its heading
        lines: list[str] = []
        for g, head in enumerate(REVIEW_HEADS):
            lines += [
                f"### {head}",
                _pipe(REVIEW_SUBS),
                "|---|---|---|---|---|",
                _pipe([str(v) for v in values[g * 5 : g * 5 + 5]]),
            ]
        return lines
    # the two-level header flattened into short lines above a table with only the last header row
    return [
        "行政复议行政诉讼",
        "未经复议直接起诉复议后起诉",
        "结果结果其他尚未",
        "维持纠正结果审结",
        _pipe(["维持", "纠正", "结果", "审结", "总计"] * 3),
        "|---|" * 15,
        _pipe([str(v) for v in values]),
    ]


def _read(r: Report) -> dict[str, float | None]:
    return {f.metric: f.value for f in r.facts if f.method == "table"}


def _assert_evidence(r: Report) -> None:
    for f in r.facts:
        if f.method == "table" and f.value is not None:
            assert format_value(f.value) in r.text[f.start : f.end], (f.metric, r.text[f.start : f.end])


DEFECTS = [
    {"separator"},
    {"footer", "separator"},
    {"above"},
    {"below"},
    {"cut"},
    {"narrow"},
    {"above", "below", "footer", "separator"},
    {"cut", "narrow", "footer"},
]


@pytest.mark.parametrize("defects", DEFECTS, ids=lambda d: "+".join(sorted(d)))
@pytest.mark.parametrize("seed", range(10))
def test_converter_defects_in_table_three_read_back_the_figures(seed, defects):
    figures = _figures(seed)
    review = _review(seed)
    shape = "groups" if seed % 2 else "flattened"
    text = _document(_render(figures, defects, random.Random(seed)), _review_lines(review, shape))
    r = build_report(text.encode(), f"generated_{seed}.txt")
    read = _read(r)
    for row, values in figures.items():
        for column, v in zip(COLUMNS, values):
            assert read.get(f"applications.{row}.{column}") == v, (row, column, text)
    for g, prefix in enumerate(REVIEW_PREFIXES):
        for c, key in enumerate(REVIEW_KEYS):
            assert read.get(f"{prefix}.{key}") == review[g * 5 + c], (prefix, key, shape)
    assert r.checks and all(c.holds for c in r.checks), [c for c in r.checks if not c.holds]
    _assert_evidence(r)
    assert "|---|" not in r.text and "— 2 —" not in r.text


def test_numbers_only_rows_take_the_labels_their_numbering_expects():
    lines = [
        "| 事项 | 甲 | 乙 |",
        "|---|---|---|",
        "| （一）甲类事项 | 1 | 2 |",
        "| 5 | 6 |",  # its label comes after it
        "（二）乙类事项的",
        "说明",
        "| 1.丙类申请事项 | 3 | 4 |",
        "2.丁类申请事项",
        "| 7 | 8 |",  # its label comes before it
        "— 2 —",
        "| 事项 | 甲 | 乙 |",
        "| 3.其他 | 9 | 9 |",
    ]
    table, left = repair_table(lines)
    assert table is not None and left == []
    assert table.rows == (
        ("事项", "甲", "乙"),
        ("（一）甲类事项", "1", "2"),
        ("（二）乙类事项的说明", "5", "6"),
        ("1.丙类申请事项", "3", "4"),
        ("2.丁类申请事项", "7", "8"),
        ("（二）乙类事项的说明", "3.其他", "9", "9"),  # a bare "其他" keeps its group
    )


def test_placeholder_headers_are_dropped_and_real_ones_kept():
    table, _ = repair_table(["| 类别 | 数据1 | 数据2 | 总计 |", "|---|---|---|---|", "| 甲类 | 1 | 2 | 3 |"])
    assert table is not None and table.rows == (("甲类", "1", "2", "3"),)
    table, _ = repair_table(["| 类别 | Column1 | Column2 |", "| 甲类 | 1 | 2 |"])
    assert table is not None and table.rows == (("甲类", "1", "2"),)
    table, _ = repair_table(["| 信息内容 | 本年制发件数 | 现行有效件数 |", "|---|---|---|", "| 规章 | 1 | 2 |"])
    assert table is not None and table.rows[0] == ("信息内容", "本年制发件数", "现行有效件数")


def test_a_sub_table_header_after_its_title_is_kept():
    lines = ["| 第一项 | | |", "| 信息内容 | 数量 |", "| 甲 | 1 |", "| 第二项 | | |", "| 信息内容 | 数量 |", "| 乙 | 2 |"]
    table, _ = repair_table(lines)
    assert table is not None and table.rows.count(("信息内容", "数量")) == 2


SENTENCES = [
    "本机关坚持以公开为常态",
    "不公开为例外",
    "全年主动公开各类信息",
    "及时回应社会关切",
    "持续优化公开平台",
    "规范办理依申请公开事项",
]


@pytest.mark.parametrize("seed", range(8))
def test_hard_wrapped_prose_is_joined_but_not_headings_or_list_items(seed):
    rng = random.Random(seed)
    width = rng.randint(24, 32)
    paragraphs = ["（一）主动公开情况"]
    for n in range(5):
        body = "，".join(rng.choice(SENTENCES) + f"{rng.randint(2, 900)}条" for _ in range(rng.randint(3, 6))) + "。"
        paragraphs.append(f"{n + 1}.{body}" if n == 2 else body)
    paragraphs += ["二、收到和处理政府信息公开申请情况", "全年共收到申请" + "，".join(rng.sample(SENTENCES, 4)) * 2 + "。"]
    lines: list[str] = []
    for p in paragraphs:
        wrapped = _wrap(p, width)
        if len(wrapped) > 2 and rng.random() < 0.5:
            wrapped.insert(1, f"— {rng.randint(1, 9)} —")  # a page footer inside the paragraph
        lines += wrapped
    doc = load_bytes("\n".join(lines).encode(), "wrapped.txt")
    texts = [b.text for b in doc.blocks if b.text.strip()]
    assert texts == paragraphs


def test_lines_of_any_width_are_left_as_they_are():
    lines = [
        "本机关全年主动公开信息一千条，",
        "其中规范性文件二十件",
        "全年共收到政府信息公开申请三十件，较上年有所增加，办理情况良好，未发生行政复议",
    ]
    doc = load_bytes("\n".join(lines * 4).encode(), "paragraphs.txt")
    assert [b.text for b in doc.blocks] == lines * 4


# The three real PDF-to-markdown reports in the shared set.
MARKDOWN_REPORTS = ("013_shanghai_kewei_2024.txt", "014_shuyang_xian_2025.txt", "015_shanghai_bgt_2025.txt")


@cache
def _built(name: str) -> Report:
    path: Path = report(name)
    return build_report(path.read_bytes(), path.name)


@cache
def _qa() -> dict[str, dict]:
    lines = (SHARED / "eval" / "qa_more.jsonl").read_text(encoding="utf-8").splitlines()
    return {q["id"]: q for q in map(json.loads, lines)}


@pytest.mark.parametrize("name", ["013_shanghai_kewei_2024.txt", "015_shanghai_bgt_2025.txt"])
def test_broken_pipe_tables_of_real_reports_pass_their_own_checks(name):
    r = _built(name)
    assert len(r.checks) >= 30
    assert all(c.holds for c in r.checks), [(c.rule, c.left, c.right) for c in r.checks if not c.holds]
    _assert_evidence(r)


def test_real_report_tables_read_every_result_row():
    kewei = _read(_built("013_shanghai_kewei_2024.txt"))
    # the report's prose states the results: 同意公开 9, 不予公开 2, 无法提供 10, 其他处理 14 (with 上年结转 2)
    assert kewei["applications.result.total"] == 35
    assert (
        kewei["applications.result.unavailable.not_held.total"] + kewei["applications.result.unavailable.needs_creation.total"]
        == 10
    )
    assert (
        kewei["applications.result.other_handling.no_correction.total"] + kewei["applications.result.other_handling.other.total"]
        == 14
    )
    assert kewei["review.total"] == 1
    office = _read(_built("015_shanghai_bgt_2025.txt"))
    assert office["applications.result.partially_disclosed.total"] == 2
    assert office["applications.result.other_handling.no_correction.total"] == 43
    assert office["applications.result.other_handling.other.total"] == 276


def test_ocr_markdown_tables_keep_their_groups_and_join_the_review_columns():
    r = _built("014_shuyang_xian_2025.txt")
    rows = [row for p in r.text.split("\n") if p.startswith("|") for row in [p]]
    assert not any("数据1" in row for row in rows)
    assert any(row.startswith("| (六) 其他 | 3. 其他 |") for row in rows)
    read = _read(r)
    assert [read[f"litigation.after_review.{k}"] for k in REVIEW_KEYS] == [8, 0, 1, 1, 10]
    held = {c.rule for c in r.checks if c.holds}
    assert {"balance.total", "review.total", "applicants.new"} <= held


def test_ocr_markdown_report_passes_all_its_checks():
    """Its group （六）其他处理 is printed short, "(六) 其他", over the sub-row "3. 其他"."""
    r = _built("014_shuyang_xian_2025.txt")
    assert all(c.holds for c in r.checks)


@pytest.mark.parametrize(
    "qid, metric",
    [
        ("h065", "permits.decisions"),
        ("h069", "applications.new.total"),
        ("h070", "review.total"),
        ("h076", "applications.carried_over.total"),
        ("h077", "review.total"),
    ],
)
def test_table_questions_find_their_gold_value_as_a_fact(qid, metric):
    q = _qa()[qid]
    r = _built(q["report"])
    hits = [f for f in r.facts if f.metric == metric and f.value == q["answer"] and f.method != "prose"]
    assert hits, (qid, metric)
    assert all(format_value(f.value) in r.text[f.start : f.end] for f in hits if f.value is not None)
    assert q["evidence"] in r.text


def test_a_navigation_bar_between_short_lines_is_not_stitched_into_a_table():
    lines = ["首页 | 机构概况 | 政务公开 |", "信息公开年报", "通知公告", "| 政策文件 | 解读回应 |", "正文"]
    doc = load_bytes("\n".join(lines).encode(), "page.txt")
    assert all(b.table is None for b in doc.blocks)
    assert [b.text for b in doc.blocks] == lines
