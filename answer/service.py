"""Answering one question: understand it, scope it to the reports it names, answer from facts,
part 五 items or passages, and say plainly when the stored reports do not say."""

from __future__ import annotations

import time

from answer.extractive import Sources, figure_lines, item_lines, passage_answer, refusal, related_figures
from answer.issuers import Issuers, named_place
from answer.records import Answer, Understanding
from answer.understand import understand
from ingest.catalog import ReportRow
from ingest.facts.vocabulary import format_value, metric_name
from ingest.pipeline import Library
from retrieval.search import search

_KIND_ZH = {"annual_report": "政府信息公开工作年度报告"}


class Answerer:
    """The default, offline answerer. ``ask`` takes the previous turn's understanding for follow-ups."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._issuers: tuple[list[ReportRow], Issuers] | None = None

    def reports(self) -> list[ReportRow]:
        return self.library.reports()

    def issuers(self) -> Issuers:
        """The issuer index of the stored reports, built again when they change."""
        reports = self.reports()
        if self._issuers is None or self._issuers[0] is not reports:
            self._issuers = (reports, Issuers(reports))
        return self._issuers[1]

    def understand(self, question: str, previous: Understanding | None = None) -> Understanding:
        return understand(question, self.issuers(), previous)

    def ask(self, question: str, previous: Understanding | None = None) -> Answer:
        t0 = time.perf_counter()
        u = self.understand(question, previous)
        t1 = time.perf_counter()
        for _ in range(3):
            # a report replaced while this answer was being read would mix two versions; the
            # catalog's generation tells, and the answer is then read again from the new one
            generation = self.library.catalog.generation()
            answer = self._answer(u)
            if self.library.catalog.generation() == generation:
                break
        answer.understanding = u
        answer.timings_ms = {
            "understand": (t1 - t0) * 1000,
            "answer": (time.perf_counter() - t1) * 1000,
            "total": (time.perf_counter() - t0) * 1000,
        }
        return answer

    # -- scoping ------------------------------------------------------------------------------

    def _scope(self, u: Understanding) -> list[ReportRow] | Answer:
        reports = self.reports()
        if u.ambiguous:
            choices = "；".join(f"{i}（{self._years(i)}）" for i in u.issuers)
            return Answer(text=f"“{u.issuer_text}”可能指以下单位，请说明是哪一个：{choices}。", found=False, kind="clarify")
        if not u.issuers:
            near = self.issuers().sharing_a_place(u.question)
            if near:
                return refusal(f"已收录的报告中没有与问题所指单位完全对应的报告。相近的单位有：{'、'.join(near[:6])}。")
            place = named_place(u.question)
            if place:
                return refusal(f"在已收录的报告中未找到{place}的报告。")
            return [r for r in reports if u.year is None or r.year == u.year]
        of = self.issuers().reports_of
        scoped = [r for issuer in u.issuers for r in of.get(issuer, []) if u.year is None or r.year == u.year]
        if not scoped:
            on_file = "；".join(f"{i}：{self._years(i)}" for i in u.issuers)
            return refusal(f"在已收录的报告中未找到{'、'.join(u.issuers)}{u.year}年的报告。已收录：{on_file}。")
        order = {issuer: n for n, issuer in enumerate(u.issuers)}
        return sorted(scoped, key=lambda r: (order[r.issuer], -(r.year or 0)))

    def _years(self, issuer: str) -> str:
        years = sorted({r.year for r in self.issuers().reports_of.get(issuer, []) if r.year}, reverse=True)
        return "、".join(f"{y}年" for y in years) or "年份不详"

    # -- answering ----------------------------------------------------------------------------

    def _answer(self, u: Understanding) -> Answer:
        scope = self._scope(u)
        if isinstance(scope, Answer):
            return scope
        sources = Sources(self.library.catalog, {})
        if u.asks_kind and u.issuers:
            answer = self._kind(scope, sources)
        elif u.metrics:
            answer = self._figures(u, scope, sources)
        elif u.parts and u.issuers:
            answer = self._items(u, scope, sources)
        else:
            answer = self._passages(u, scope, sources)
        answer.citations = sources.citations
        return answer

    def _kind(self, scope: list[ReportRow], sources: Sources) -> Answer:
        r = scope[0]
        n = sources.cite(r, 0, min(len(sources.text(r.id)), max(len(r.title), 10)))
        if r.kind == "annual_report":
            return Answer(text=f"是。《{r.title}》是{_KIND_ZH['annual_report']} [{n}]。", verdict=True, kind="passage")
        return Answer(text=f"不是。该文件题为《{r.title}》，不是政府信息公开工作年度报告 [{n}]。", verdict=False, kind="passage")

    def _figures(self, u: Understanding, scope: list[ReportRow], sources: Sources) -> Answer:
        lines: list[str] = []
        missing: list[str] = []
        facts: list[dict] = []
        for report in scope[: 12 if not u.issuers else len(scope)]:
            rows = self.library.catalog.facts(report_id=report.id)
            failing = self._failing(report.id)
            stated_any = False
            for metric in u.metrics:
                found, stated = figure_lines(report, metric, rows, failing, sources, facts)
                lines += found
                stated_any = stated_any or stated
            if not stated_any and u.issuers:
                names = "、".join(metric_name(m) for m in u.metrics)
                related = related_figures(report, rows, u.metrics)
                missing.append(
                    f"{report.issuer}{report.year or ''}年的报告未载明{names}"
                    + (f"；该报告载明的数字有：{related}。" if related else "。")
                )
        if not lines:
            what = "、".join(metric_name(m) for m in u.metrics)
            return refusal(
                "在已收录的报告中未找到" + (missing[0] if missing else f"{u.year or ''}{'年' if u.year else ''}{what}的记载。")
            )
        verdict = None
        if u.yesno:
            verdict = any((f["value"] or 0) > 0 for f in facts)
            lines.insert(0, "有。" if verdict else "没有。")
        return Answer(text="\n".join(lines + missing), facts=facts, verdict=verdict, kind="figure")

    def _failing(self, report_id: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in self.library.catalog.checks(report_id=report_id):
            c = row.check
            if not c.holds:
                for m in c.metrics:
                    out[m] = f"{c.description}，表中数字相加为{format_value(c.left)}，而所印为{format_value(c.right)}"
        return out

    def _items(self, u: Understanding, scope: list[ReportRow], sources: Sources) -> Answer:
        lines: list[str] = []
        for report in scope:
            found, ok = item_lines(report, u.parts, sources, self.library.catalog.sections(report.id))
            lines += found
        if not lines:
            return self._passages(u, scope, sources)
        return Answer(text="\n".join(lines), kind="list")

    def _passages(self, u: Understanding, scope: list[ReportRow], sources: Sources) -> Answer:
        ids = {r.id for r in scope}
        passages = search(self.library, u.topic, k=6, report_ids=ids)
        return passage_answer(u, passages, {r.id: r for r in scope}, sources)
