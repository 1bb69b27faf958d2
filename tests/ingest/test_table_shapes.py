"""The standard tables read into the same facts whatever shape the page gave them.

The figures come from real reports whose tables read cleanly; each table is rendered, with fixed
seeds, as an HTML grid with rowspans and colspans, pipe rows, space-separated lines, one line of
glued digits (a crawler page), wrapped labels, split across a page break, without its header row,
and in the 2019 and the 2021 column sets. The facts must come back identical."""

from __future__ import annotations

import random
from functools import cache

import pytest

from ingest.pipeline import build_report
from ingest.records import Report, preferred
from tests.conftest import report

# Table 三 rows as the official formats print them (numbering, words); the 2019 format has no
# sub-rows under （六）其他处理.
HEAD = "三、本年度办理结果"
ROWS_2021 = [
    ("new", "一、", "本年新收政府信息公开申请数量"),
    ("carried_over", "二、", "上年结转政府信息公开申请数量"),
    ("result.disclosed", "（一）", "予以公开"),
    ("result.partially_disclosed", "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("result.withheld.state_secret", "（三）不予公开 1.", "属于国家秘密"),
    ("result.withheld.prohibited_by_law", "2.", "其他法律行政法规禁止公开"),
    ("result.withheld.three_safeties", "3.", "危及“三安全一稳定”"),
    ("result.withheld.third_party", "4.", "保护第三方合法权益"),
    ("result.withheld.internal_affairs", "5.", "属于三类内部事务信息"),
    ("result.withheld.process_info", "6.", "属于四类过程性信息"),
    ("result.withheld.enforcement_files", "7.", "属于行政执法案卷"),
    ("result.withheld.query_matters", "8.", "属于行政查询事项"),
    ("result.unavailable.not_held", "（四）无法提供 1.", "本机关不掌握相关政府信息"),
    ("result.unavailable.needs_creation", "2.", "没有现成信息需要另行制作"),
    ("result.unavailable.unclear", "3.", "补正后申请内容仍不明确"),
    ("result.not_processed.petition", "（五）不予处理 1.", "信访举报投诉类申请"),
    ("result.not_processed.duplicate", "2.", "重复申请"),
    ("result.not_processed.publication", "3.", "要求提供公开出版物"),
    ("result.not_processed.mass_repeated", "4.", "无正当理由大量反复申请"),
    ("result.not_processed.confirmation", "5.", "要求行政机关确认或重新出具已获取信息"),
    (
        "result.other_handling.no_correction",
        "（六）其他处理 1.",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    ("result.other_handling.unpaid_fees", "2.", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("result.other_handling.other", "3.", "其他"),
    ("result", "（七）", "总计"),
    ("carried_to_next_year", "四、", "结转下年度继续办理"),
]
OTHER_SUBS = [k for k, _, _ in ROWS_2021 if k.startswith("result.other_handling.")]
ROWS_2019 = [r for r in ROWS_2021 if r[0] not in OTHER_SUBS]
ROWS_2019.insert(ROWS_2019.index(next(r for r in ROWS_2019 if r[0] == "result")), ("result.other_handling", "（六）", "其他处理"))
COLUMNS = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
    "total",
)
APPLICANT_HEADER = "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他"
REVIEW = [
    (g, c)
    for g in ("review", "litigation.direct", "litigation.after_review")
    for c in ("upheld", "corrected", "other", "pending", "total")
]
REVIEW_HEADER = "行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 " + " ".join(
    ["结果维持 结果纠正 其他结果 尚未审结 总计"] * 2
)
# 第二十条 sub-tables: (项, header cells, [(metric prefix, row label, columns)])
PROACTIVE = {
    "2021": [
        (
            "（一）",
            ["本年制发件数", "本年废止件数", "现行有效件数"],
            [
                ("regulations", "规章", ("issued", "repealed", "in_force")),
                ("normative_docs", "行政规范性文件", ("issued", "repealed", "in_force")),
            ],
        ),
        ("（五）", ["本年处理决定数量"], [("permits", "行政许可", ("decisions",))]),
        ("（六）", ["本年处理决定数量"], [("penalties", "行政处罚", ("decisions",)), ("coercion", "行政强制", ("decisions",))]),
        ("（八）", ["本年收费金额（单位：万元）"], [("fees.admin_charges", "行政事业性收费", ("wan_yuan",))]),
    ],
    "2019": [
        (
            "（一）",
            ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
            [
                ("regulations", "规章", ("made", "published", "public_total")),
                ("normative_docs", "规范性文件", ("made", "published", "public_total")),
            ],
        ),
        (
            "（五）",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            [
                ("permits", "行政许可", ("items_last_year", "items_change", "decisions")),
                ("other_services", "其他对外管理服务事项", ("items_last_year", "items_change", "decisions")),
            ],
        ),
        (
            "（六）",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            [
                ("penalties", "行政处罚", ("items_last_year", "items_change", "decisions")),
                ("coercion", "行政强制", ("items_last_year", "items_change", "decisions")),
            ],
        ),
        (
            "（八）",
            ["上一年项目数量", "本年增/减"],
            [("fees.admin_charges", "行政事业性收费", ("items_last_year", "items_change"))],
        ),
    ],
}
SOURCES = [
    "huaian_shi_2024.pdf",
    "002_pingtan_zhq_2022.txt",
    "003_pingtan_zhq_2024.txt",
    "005_pingtan_zhq_2025.txt",
    "007_pingtan_zhq_2021.txt",
    "008_pingtan_zhq_2023.txt",
]
SHAPES = ["html", "pipe", "spaced", "glued", "wrapped", "page_break", "no_header"]


def metric(prefix: str, column: str) -> str:
    if prefix == "fees.admin_charges":
        return "fees.admin_charges_wan_yuan" if column == "wan_yuan" else f"{prefix}.{column}"
    return f"{prefix}.{column}"


@cache
def built(name: str) -> Report:
    return build_report(report(name).read_bytes(), name)


def stated(r: Report, prefixes: tuple[str, ...]) -> dict[str, float]:
    out = {}
    for m in {f.metric for f in r.facts if f.metric.startswith(prefixes) and f.method in ("table", "decoded")}:
        fact = preferred(f for f in r.facts if f.metric == m and f.method in ("table", "decoded"))
        if fact is not None and fact.value is not None:
            out[m] = fact.value
    return out


def figures(name: str, layout: str, seed: int) -> dict[str, float]:
    """The real table 三 and 四 of a report; 第二十条 figures from it (2021) or seeded (2019,
    whose real rows ran together beyond reading)."""
    r = built(name)
    assert r.checks and all(c.holds for c in r.checks), name
    got = stated(r, ("applications.", "review.", "litigation."))
    rows = ROWS_2021 if layout == "2021" else ROWS_2019
    out: dict[str, float] = {}
    for key, _, _ in rows:
        for c in COLUMNS:
            if key == "result.other_handling":  # the 2019 row is the sum of the 2021 sub-rows
                out[f"applications.{key}.{c}"] = sum(got[f"applications.{s}.{c}"] for s in OTHER_SUBS)
            else:
                out[f"applications.{key}.{c}"] = got[f"applications.{key}.{c}"]
    for g, c in REVIEW:
        out[f"{g}.{c}"] = got[f"{g}.{c}"]
    rng = random.Random(seed)
    real = stated(r, ("regulations.", "normative_docs.", "permits.", "penalties.", "coercion.", "fees."))
    for _, _, items in PROACTIVE[layout]:
        for prefix, _, columns in items:
            for column in columns:
                m = metric(prefix, column)
                if layout == "2021" and m in real:
                    out[m] = real[m]
                elif column == "wan_yuan":
                    out[m] = round(rng.uniform(1, 5000), 2)
                elif column == "items_change":
                    out[m] = rng.choice([-1, 1]) * rng.randint(1, 30)
                else:
                    out[m] = rng.randint(0, 900)
    return out


def number(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{v:.6f}".rstrip("0").rstrip(".")


def render_text(fig: dict[str, float], layout: str, shape: str, seed: int) -> str:
    rng = random.Random(seed)
    glued = shape == "glued"

    def cells(values: list[float]) -> str:
        if glued:  # a crawler page: cells run together, a space kept here and there
            return "".join(number(v) + (" " if rng.random() < 0.1 else "") for v in values).strip()
        if shape == "pipe":
            return " | ".join(number(v) for v in values)
        return rng.choice([" ", "  ", "\u3000"]).join(number(v) for v in values)

    def row(label: str, values: list[float]) -> str:
        if shape == "wrapped" and len(label) > 8:
            cut = rng.randint(3, len(label) - 3)
            label = label[:cut] + "\n" + label[cut:]
        if shape == "pipe":
            return f"| {label} | {cells(values)} |"
        return label + ("" if glued and rng.random() < 0.7 else " ") + cells(values)

    lines = ["一、总体情况", "本机关认真贯彻落实《条例》。", "二、主动公开政府信息情况"]
    for item, heads, items in PROACTIVE[layout]:
        lines.append(f"第二十条第{item}项")
        if shape != "no_header":
            lines.append("信息内容 " + " ".join(heads) if not glued else "信息内容" + "".join(heads))
        for prefix, label, columns in items:
            lines.append(row(label, [fig[metric(prefix, c)] for c in columns]))
    lines.append("三、收到和处理政府信息公开申请情况")
    if shape != "no_header":
        lines.append(APPLICANT_HEADER if not glued else APPLICANT_HEADER.replace(" ", ""))
    rows = ROWS_2021 if layout == "2021" else ROWS_2019
    page_at = rng.randint(4, len(rows) - 3)
    for i, (key, numbering, words) in enumerate(rows):
        if key == "result.disclosed":
            numbering = HEAD + numbering
        if shape == "page_break" and i == page_at:
            lines += ["— 3 —", APPLICANT_HEADER]  # the page footer, and the header repeated on the next page
        lines.append(row(numbering + words, [fig[f"applications.{key}.{c}"] for c in COLUMNS]))
    lines += ["四、政府信息公开行政复议、行政诉讼情况", REVIEW_HEADER if not glued else REVIEW_HEADER.replace(" ", "")]
    lines.append(cells([fig[f"{g}.{c}"] for g, c in REVIEW]))
    lines += ["五、存在的主要问题及改进情况", "一是公开深度不够。", "六、其他需要报告的事项", "无。"]
    body = ("" if glued else "\n").join(lines)
    year = 2019 if layout == "2019" else 2022
    return f"某县人民政府{year}年政府信息公开工作年度报告\n" + body


def render_html(fig: dict[str, float], layout: str, seed: int) -> str:
    rng = random.Random(seed)
    td = lambda v, span="": f"<td{span}>{v}</td>"  # noqa: E731
    parts = [
        f"<html><body><h1>某县人民政府{2019 if layout == '2019' else 2022}年政府信息公开工作年度报告</h1><p>二、主动公开政府信息情况</p>"
    ]
    for item, heads, items in PROACTIVE[layout]:
        parts.append(f"<p>第二十条第{item}项</p><table><tr>{td('信息内容')}{''.join(td(h) for h in heads)}</tr>")
        for prefix, label, columns in items:
            parts.append(f"<tr>{td(label)}{''.join(td(number(fig[metric(prefix, c)])) for c in columns)}</tr>")
        parts.append("</table>")
    parts.append(
        "<p>三、收到和处理政府信息公开申请情况</p><table>"
        "<tr><td colspan=3 rowspan=2>申请人情况</td><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>"
        "<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>"
    )
    rows = ROWS_2021 if layout == "2021" else ROWS_2019
    result_rows = [r for r in rows if r[0].startswith("result")]
    for key, numbering, words in rows:
        values = "".join(td(number(fig[f"applications.{key}.{c}"])) for c in COLUMNS)
        group, _, sub = numbering.rpartition(" ")
        label = td(sub + words)
        if not key.startswith("result"):
            parts.append(f"<tr><td colspan=3>{numbering}{words}</td>{values}</tr>")
            continue
        lead = f"<td rowspan={len(result_rows)}>{HEAD}</td>" if key == result_rows[0][0] else ""
        family = key.rsplit(".", 1)[0]
        size = sum(1 for r in rows if r[0].rsplit(".", 1)[0] == family)
        if group:  # the first sub-row of （三）–（六）: the group cell spans its sub-rows
            lead += f"<td rowspan={size}>{group}</td>"
        elif key.count(".") < 2:
            label = td(numbering + words, " colspan=2")
        parts.append(f"<tr>{lead}{label}{values}</tr>")
    parts.append("</table><p>四、政府信息公开行政复议、行政诉讼情况</p><table>")
    parts.append("<tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>")
    parts.append(
        "<tr>"
        + "".join(f"<td rowspan=2>{h}</td>" for h in "结果维持 结果纠正 其他结果 尚未审结 总计".split())
        + "<td colspan=5>未经复议直接起诉</td><td colspan=5>复议后起诉</td></tr>"
    )
    parts.append("<tr>" + "".join(td(h) for h in "结果维持 结果纠正 其他结果 尚未审结 总计".split() * 2) + "</tr>")
    parts.append("<tr>" + "".join(td(number(fig[f"{g}.{c}"])) for g, c in REVIEW) + "</tr></table>")
    parts.append("<p>五、存在的主要问题及改进情况</p><p>一是公开深度不够。</p></body></html>")
    rng.random()
    return "".join(parts)


def review_readings(run: str) -> list[tuple[int, ...]]:
    """Every split of a glued table 四 into 15 cells (a space is a cell boundary) whose groups of
    five add up: written here without the product's decoder, to tell a real ambiguity."""
    out: list[tuple[int, ...]] = []

    def cut(rest: str, done: tuple[int, ...]) -> None:
        if len(done) == 15:
            if not rest.strip():
                out.append(done)
            return
        rest = rest.lstrip(" ")
        for n in range(1, min(len(rest), 6) + 1):
            piece = rest[:n]
            if " " in piece or (len(piece) > 1 and piece[0] == "0"):
                break
            cells = (*done, int(piece))
            if len(cells) % 5 == 0 and sum(cells[-5:-1]) != cells[-1]:
                continue
            cut(rest[n:], cells)

    cut(run, ())
    return out


def read_back(fig: dict[str, float], layout: str, shape: str, seed: int) -> tuple[dict[str, float], str]:
    if shape == "html":
        text = render_html(fig, layout, seed)
        r = build_report(text.encode("utf-8"), "county.html")
    else:
        text = render_text(fig, layout, shape, seed)
        r = build_report(text.encode("utf-8"), "county.txt")
    prefixes = ("applications.", "review.", "litigation.", "regulations.", "normative_docs.", "permits.", "other_services.")
    got = stated(r, (*prefixes, "penalties.", "coercion.", "fees."))
    return {m: v for m, v in got.items() if m in fig}, text


CASES = [(name, layout, shape) for name in SOURCES for layout in ("2021", "2019") for shape in SHAPES]
PROACTIVE_PREFIXES = ("regulations.", "normative_docs.", "permits.", "other_services.", "penalties.", "coercion.", "fees.")


@pytest.mark.parametrize(("name", "layout", "shape"), CASES)
def test_every_shape_of_a_real_table_reads_back_the_same_figures(name: str, layout: str, shape: str) -> None:
    seed = SOURCES.index(name) * 100 + SHAPES.index(shape) + (50 if layout == "2019" else 0)
    fig = figures(name, layout, seed)
    got, text = read_back(fig, layout, shape, seed)
    wrong = {m: (v, fig[m]) for m, v in got.items() if v != fig[m]}
    assert not wrong
    missing = sorted(set(fig) - set(got))
    if shape != "glued":
        assert not missing
        return
    # Glued digits of a 第二十条 row with several columns have no arithmetic to settle them: those
    # may stay unresolved. Table 三 is decoded with all of its arithmetic and comes back whole;
    # a cell of table 四 stays unresolved only where its run really has readings that disagree.
    assert not [m for m in missing if m.startswith("applications.")], missing
    run = text.split(REVIEW_HEADER.replace(" ", ""))[1].split("五、")[0]
    options = review_readings(run)
    assert tuple(int(fig[f"{g}.{c}"]) for g, c in REVIEW) in options
    for i, (g, c) in enumerate(REVIEW):
        assert (f"{g}.{c}" in missing) == (len({o[i] for o in options}) > 1), (g, c, options)
    assert all(m.startswith(PROACTIVE_PREFIXES) for m in missing if not m.startswith(("review.", "litigation.")))


def test_flattened_pages_give_the_whole_standard_tables():
    """One-line crawler pages: ~150-class fact counts, every 勾稽 check holding, and the
    decodings stated in the QA notes."""
    for name in (
        "002_pingtan_zhq_2022.txt",
        "003_pingtan_zhq_2024.txt",
        "005_pingtan_zhq_2025.txt",
        "007_pingtan_zhq_2021.txt",
        "008_pingtan_zhq_2023.txt",
    ):
        r = built(name)
        read = [f for f in r.facts if f.method in ("table", "decoded") and f.value is not None]
        assert len(read) >= 190, (name, len(read))
        assert len(r.checks) >= 40 and all(c.holds for c in r.checks), name
    values = lambda name, prefix: [stated(built(name), (prefix,)).get(f"{prefix}.{c}") for c in COLUMNS]  # noqa: E731
    assert values("002_pingtan_zhq_2022.txt", "applications.new") == [71, 3, 0, 0, 0, 0, 74]
    assert values("003_pingtan_zhq_2024.txt", "applications.new") == [217, 1, 0, 0, 0, 0, 218]
    assert values("007_pingtan_zhq_2021.txt", "applications.new") == [64, 0, 0, 2, 0, 4, 70]
    # 270020130 alone reads 27|0|0|2|0|1|30 or 2|7|0|0|20|1|30; the other rows leave the first
    assert values("007_pingtan_zhq_2021.txt", "applications.result.disclosed") == [27, 0, 0, 2, 0, 1, 30]
    # 220000022 alone reads 22|0|0|0|0|0|22 or 2|20|0|0|0|0|22; the 商业企业 column leaves the first
    assert values("008_pingtan_zhq_2023.txt", "applications.result.disclosed") == [22, 0, 0, 0, 0, 0, 22]
    review = lambda name: [stated(built(name), ("review.", "litigation."))[f"{g}.{c}"] for g, c in REVIEW]  # noqa: E731
    assert review("003_pingtan_zhq_2024.txt") == [2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19]
    assert review("007_pingtan_zhq_2021.txt") == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
    assert stated(built("002_pingtan_zhq_2022.txt"), ("permits.",)) == {"permits.decisions": 10690}
    assert stated(built("008_pingtan_zhq_2023.txt"), ("penalties.",)) == {"penalties.decisions": 1330}


def test_2019_pages_read_signed_changes_and_keep_ambiguous_rows_unresolved():
    r = built("006_pingtan_zhq_2020.txt")
    got = stated(r, ("applications.", "review.", "litigation."))
    assert [got[f"applications.new.{c}"] for c in COLUMNS] == [20, 0, 0, 0, 0, 1, 21]  # "200 000121": the space is a boundary
    assert all(got[f"{g}.{c}"] == 0 for g, c in REVIEW)
    assert stated(r, ("fees.",)) == {"fees.admin_charges.items_last_year": 35, "fees.admin_charges.items_change": -15}
    # "2648-18538" in three columns: the sign starts 本年增/减, but where it ends is not stated
    penalties = [f for f in r.facts if f.metric.startswith("penalties.")]
    assert penalties and {f.metric: f.value for f in penalties}["penalties.items_last_year"] == 2648
    assert all(f.status == "unresolved" for f in penalties if f.metric != "penalties.items_last_year")


def test_a_label_in_a_sentence_is_no_table_row():
    text = (
        "某县人民政府2022年政府信息公开工作年度报告\n一、总体情况\n"
        "本年新收政府信息公开申请数量21件，上年结转政府信息公开申请数量3件。\n"
    )
    r = build_report(text.encode("utf-8"), "county.txt")
    assert not [f for f in r.facts if f.method in ("table", "decoded")]


def test_a_row_number_glued_to_the_cells_before_it_belongs_to_the_next_label():
    # "…国家秘密0000000" + "2.其他法律…": the 2 opens the next label, it is no cell
    text = (
        "某县人民政府2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况"
        "一、本年新收政府信息公开申请数量100000010二、上年结转政府信息公开申请数量0000000"
        "三、本年度办理结果（一）予以公开1000001（三）不予公开1.属于国家秘密00000002.其他法律行政法规禁止公开10000013.危及“三安全一稳定”0000000"
    )
    r = build_report(text.encode("utf-8"), "county.txt")
    got = stated(r, ("applications.",))
    assert [got[f"applications.new.{c}"] for c in COLUMNS] == [10, 0, 0, 0, 0, 0, 10]
    assert got["applications.result.withheld.state_secret.total"] == 0
    assert got["applications.result.withheld.prohibited_by_law.total"] == 1
    fact = next(f for f in r.facts if f.metric == "applications.result.withheld.prohibited_by_law.total")
    assert r.text[fact.start : fact.end] == "2.其他法律行政法规禁止公开1000001"
