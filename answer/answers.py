"""Answer lines the format does not print as one figure: a derived figure with its formula, a
sub-unit's figure said to be one, and questions across reports (ranking, totals, change, listing),
each figure cited."""

from __future__ import annotations

from answer import across
from answer.extractive import Sources, refusal
from answer.figures import APPLICANTS, Derived, figure_name
from answer.records import Answer, CitedFact, Understanding
from ingest.records import Fact, Section, preferred
from lexicon.metrics import format_value, unit_of
from store.protocols import CatalogReader
from store.records import FactRow, ReportRow


def _who(report: ReportRow) -> str:
    return f"{report.issuer}{report.year}年" if report.year else report.issuer


def _cited(report: ReportRow, f: Fact, n: int) -> CitedFact:
    return CitedFact(f.metric, figure_name(f.metric), f.value, f.unit, f.method, f.status, report.id, n, f.scope)


def _percent(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def derived_lines(
    report: ReportRow, d: Derived, rows: list[FactRow], sources: Sources, facts_out: list[CitedFact]
) -> tuple[list[str], bool]:
    """A figure computed from stated ones, with each stated one cited and the formula shown;
    nothing when one of them is not stated (a sum with a gap would be wrong)."""
    stated: dict[str, Fact] = {}
    for key in (*d.parts, *d.over):
        best = preferred(r.fact for r in rows if r.fact.metric == key and r.fact.value is not None)
        if best is None:
            return [], False
        stated[key] = best
    cited = {}
    for key, f in stated.items():
        n = sources.cite(report, f.start, f.end)
        facts_out.append(_cited(report, f, n))
        cited[key] = f"{_part_name(key)} {format_value(f.value)}{f.unit} [{n}]"
    top = sum(stated[k].value or 0 for k in d.parts)
    parts = "、".join(cited[k] for k in d.parts)
    if not d.over:
        value = f"{format_value(top)}{unit_of(d.parts[0])}"
        how = f"{d.formula}；" if d.formula else ""
        return [f"{_who(report)}{d.label}为 {value}（{how}以下各项相加：{parts}）。"], True
    bottom = sum(stated[k].value or 0 for k in d.over)
    over = "、".join(cited[k] for k in d.over)
    if not bottom:
        return [f"{_who(report)}{d.label}无法计算：分母为 0（{over}）。"], True
    rate = _percent(top / bottom * 100)
    return [f"{_who(report)}{d.label}为 {rate}%（{d.formula}；{parts} 相加后除以 {over} 相加）。"], True


def _part_name(key: str) -> str:
    """商业企业 for a column of the applicant grid, else the figure's name."""
    column = key.rsplit(".", 1)[-1]
    label = next((t.label for t in APPLICANTS if t.key == column), "")
    if label and column != "total":
        return label
    name = figure_name(key)
    if name.startswith("申请办理结果“") and name.endswith("”"):
        name = name[len("申请办理结果“") : -1]
    return name.split("：", 1)[1] if "：" in name else name


def sub_unit_lines(
    report: ReportRow, metric: str, rows: list[FactRow], sources: Sources, facts_out: list[CitedFact]
) -> tuple[list[str], bool]:
    """The figure stated only for a part of the issuer (区直各单位, 其中…): said to be that, not the issuer's."""
    lines = []
    for r in rows:
        f = r.fact
        if f.metric == metric and f.scope == "sub_unit" and f.value is not None:
            n = sources.cite(report, f.start, f.end)
            facts_out.append(_cited(report, f, n))
            part = f"“{f.label}”" if f.label else "其下属单位"
            lines.append(
                f"{_who(report)}的报告未载明全机关的{figure_name(metric)}，只载明了{part}的数字：{format_value(f.value)}{f.unit} [{n}]。"
            )
    return lines[:3], bool(lines)


def _pool(u: Understanding, reports: list[ReportRow]) -> dict[str, ReportRow]:
    region = set(u.region)
    issuers = set(u.issuers)
    return {
        r.id: r
        for r in reports
        if r.kind == "annual_report" and (not region or r.issuer in region) and (not issuers or r.issuer in issuers)
    }


def _facts_in_scope(u: Understanding, catalog: CatalogReader, metric: str) -> list[FactRow]:
    """The facts of ``metric`` a question across reports can use, read no wider than it asks:
    of the issuers it names, else of the years it asks (and the year before, for a change),
    else of every report. The scope's own filter (``_pool``) still applies to them."""
    if u.issuers:
        return [row for issuer in u.issuers for row in catalog.facts(issuer=issuer, metric=metric)]
    years = set(u.years)
    if u.across == "change" and len(years) == 1:
        years.add(min(years) - 1)
    if years:
        return [row for year in sorted(years) for row in catalog.facts(year=year, metric=metric)]
    return catalog.facts(metric=metric)


def across_answer(u: Understanding, reports: list[ReportRow], catalog: CatalogReader, sources: Sources) -> Answer:
    """A question across reports, answered from the facts of every report in scope."""
    metric = u.metrics[0]
    pool = _pool(u, reports)
    name = figure_name(metric)
    found = across.entries(_facts_in_scope(u, catalog, metric), metric, pool)
    where = f"{u.issuer_text}下辖" if u.region else "已收录的单位中"
    if u.across == "change":
        return _change(u, found, name, sources, pool)
    if u.years:
        found = [e for e in found if e.year in u.years]
        when = "、".join(f"{y}年" for y in u.years)
    else:
        found = across.latest_per_issuer(found)
        when = "各单位最近一年"
    if not found:
        return refusal(f"{where}没有载明{when}{name}的报告。")

    facts: list[CitedFact] = []
    texts: dict[str, str] = {}
    parts: dict[str, list[Section]] = {}

    def lines_of(entries: list[across.Entry]) -> list[str]:
        """One cited line per entry; the texts and parts of their reports read in two queries."""
        ids = [e.report_id for e in entries if e.report_id not in texts]
        texts.update(catalog.report_texts(ids))
        parts.update(catalog.sections_of(ids))
        out = []
        for e in entries:
            at = next((x.heading for x in parts.get(e.report_id, []) if x.start <= e.fact.start < x.end), "")
            n = sources.cite_read(pool[e.report_id], e.fact.start, e.fact.end, texts.get(e.report_id, ""), at)
            facts.append(_cited(pool[e.report_id], e.fact, n))
            out.append(f"{e.issuer}{e.year or ''}年：{format_value(e.fact.value)}{e.fact.unit} [{n}]")
        return out

    count = f"（共{len(found)}份报告载明）"
    if u.across == "rank":
        ordered = across.rank(found, 0, u.ascending)
        word = "最少" if u.ascending else "最多"
        if u.top <= 1:
            best = ordered[0]
            ties = [e for e in ordered if e.value == best.value]
            head = f"{when}{name}{word}的是" + "、".join(lines_of(ties)) + f"{count}。"
            rest = ordered[len(ties) : len(ties) + 1]
            return Answer(text="\n".join([head, *(f"其次：{x}" for x in lines_of(rest))]), facts=facts, kind="figure")
        lines = [f"{when}{name}{'从少到多' if u.ascending else '从多到少'}前{u.top}位{count}："]
        lines += [f"{i}. {x}" for i, x in enumerate(lines_of(ordered[: u.top]), start=1)]
        return Answer(text="\n".join(lines), facts=facts, kind="figure")
    if u.across in ("total", "average"):
        value = across.total(found) if u.across == "total" else across.average(found) or 0
        what = "合计" if u.across == "total" else "平均"
        unit = found[0].fact.unit
        lines = [
            f"{where}{when}{name}{what} {format_value(round(value, 2))}{unit}（由以下{len(found)}份报告的数字相加"
            + ("后平均" if u.across == "average" else "")
            + "）："
        ]
        lines += [f"· {x}" for x in lines_of(found)]
        return Answer(text="\n".join(lines), facts=facts, kind="figure")
    stating = across.stating(found)
    if not stating:
        return Answer(text=f"{where}{when}的报告都写明{name}为 0{count}。", kind="figure")
    lines = [f"{where}{when}{name}不为 0 的有{len(stating)}个{count}："]
    lines += [f"· {x}" for x in lines_of(across.rank(stating))]
    return Answer(text="\n".join(lines), facts=facts, kind="figure")


def _change(u: Understanding, found: list[across.Entry], name: str, sources: Sources, pool: dict[str, ReportRow]) -> Answer:
    years = sorted(set(u.years))
    issuers = sorted({e.issuer for e in found})
    if len(years) == 1:
        years = [years[0] - 1, years[0]]
    elif not years:
        on_file = sorted({e.year for e in found if e.year})
        years = on_file[-2:]
    if len(years) < 2:
        return refusal(f"比较{name}需要两个年度的报告；已收录的只有{'、'.join(f'{y}年' for y in years) or '不到一年'}。")
    before, after = years[0], years[-1]
    changes = across.change(found, before, after)
    if not changes:
        have = "；".join(f"{i}：{'、'.join(str(e.year) + '年' for e in found if e.issuer == i)}" for i in issuers) or "无"
        return refusal(f"已收录的报告中没有同时载明{before}年和{after}年{name}的单位（载明该数字的年份——{have}）。")
    lines = []
    facts: list[CitedFact] = []
    for c in changes:
        a = sources.cite(pool[c.after.report_id], c.after.fact.start, c.after.fact.end)
        b = sources.cite(pool[c.before.report_id], c.before.fact.start, c.before.fact.end)
        facts += [_cited(pool[c.after.report_id], c.after.fact, a), _cited(pool[c.before.report_id], c.before.fact, b)]
        unit = c.after.fact.unit
        diff = c.difference
        verb = "增加" if diff > 0 else "减少" if diff < 0 else "持平，变化"
        text = (
            f"{c.after.issuer}{name}{after}年比{before}年{verb} {format_value(abs(diff))}{unit}"
            f"（{after}年 {format_value(c.after.value)}{unit} [{a}]，{before}年 {format_value(c.before.value)}{unit} [{b}]，两者相减）"
        )
        if c.rate is not None:
            text += f"，增长率 {_percent(c.rate)}%（=（{after}年 − {before}年）÷ {before}年 × 100%）"
        lines.append(text + "。")
    return Answer(text="\n".join(lines), facts=facts, kind="figure")
