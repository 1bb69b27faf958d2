"""Answering one question: understand it, scope it to the reports it names, answer from facts,
part 五 items or passages, and say plainly when the stored reports do not say."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import replace

from answer.answers import across_answer, derived_lines, sub_unit_lines
from answer.extractive import (
    Sources,
    checked_figure,
    figure_lines,
    item_lines,
    passage_answer,
    refusal,
    related_figures,
)
from answer.figures import LEGACY_TABLE, derived, figure_name
from answer.intents import COUNT, figure_metrics
from answer.reader import counted_noun, figure_question, units_fit
from answer.records import Answer, CitedFact, Understanding
from answer.similar import CHOICES, FigureIndex, confident
from answer.understand import understand
from answer.years import substitute
from lexicon.metrics import format_value, unit_of
from lexicon.text import cjk_bigrams
from retrieval.issuers import Issuers, issuers_of
from retrieval.search import Passage, search
from store.library import Library
from store.records import ReportData, ReportRow

_KIND_ZH = {"annual_report": "政府信息公开工作年度报告"}
READ_PASSAGES = 4  # the passages a model reads a figure from


class Answerer:
    """The default, offline answerer. ``ask`` takes the previous turn's understanding for follow-ups."""

    def __init__(self, library: Library, today: dt.date | None = None) -> None:
        self.library = library
        self.today = today  # None: the day of each question (去年 counts from it)
        self.figure_index = FigureIndex(library.embedder)

    def reports(self) -> list[ReportRow]:
        return self.library.reports()

    def issuers(self) -> Issuers:
        """The issuer index of the stored reports, built again when they change."""
        return issuers_of(self.reports())

    def understand(
        self, question: str, previous: Understanding | None = None, filters: Understanding | None = None
    ) -> Understanding:
        return understand(question, self.issuers(), previous, self.today, filters)

    def ask(self, question: str, previous: Understanding | None = None, filters: Understanding | None = None) -> Answer:
        """``filters``: the page's 限定单位 / 限定年度, applied to every turn while they are set."""
        t0 = time.perf_counter()
        with self.library.snapshot():  # one state of the store for the whole answer
            u = self.understand(question, previous, filters)
            t1 = time.perf_counter()
            answer = self._answer(u)
        answer.understanding = u
        answer.timings_ms = {
            "understand": (t1 - t0) * 1000,
            "answer": (time.perf_counter() - t1) * 1000,
            "total": (time.perf_counter() - t0) * 1000,
        }
        return answer

    # -- scoping ------------------------------------------------------------------------------

    def _scope(self, u: Understanding) -> tuple[list[ReportRow], list[str]] | Answer:
        """The reports the question is about, and notes on years given instead of those asked."""
        reports = [r for r in self.reports()]
        if u.unknown:
            return self._not_on_file(u)
        if u.ambiguous:
            choices = "；".join(f"{i}（{self._years(i)}）" for i in u.issuers[:8])
            more = f"等{len(u.issuers)}个单位" if len(u.issuers) > 8 else ""
            return Answer(text=f"“{u.issuer_text}”可能指以下单位，请说明是哪一个：{choices}{more}。", found=False, kind="clarify")
        if not u.issuers:
            return [r for r in reports if not u.years or r.year in u.years], []
        of = self.issuers().reports_of
        scoped: list[ReportRow] = []
        notes: list[str] = []
        missing: dict[str, list[int]] = {}
        for issuer in u.issuers:
            mine = of.get(issuer, [])
            on_file = sorted({r.year for r in mine if r.year})
            wanted: list[int | None] = [*u.years] or [*on_file] or [None]
            for year in wanted:
                chosen = [r for r in mine if year is None or r.year == year]
                if not chosen and u.year_word and year is not None and len(u.years) == 1:
                    instead = substitute(year, on_file)
                    if instead is not None and instead not in wanted:
                        chosen = [r for r in mine if r.year == instead]
                        notes.append(
                            f"“{u.year_word}”按今天的日期指{year}年；已收录的报告中没有{issuer}{year}年的报告，"
                            f"以下按最近的{instead}年的报告回答。"
                        )
                if not chosen and year is not None:
                    missing.setdefault(issuer, []).append(year)
                scoped += [r for r in chosen if r not in scoped]
        if u.year_word and len(u.years) > 1:
            notes.insert(0, f"“{u.year_word}”按今天的日期指{min(u.years)}年至{max(u.years)}年。")
        absent = "；".join(i + "、".join(f"{y}年" for y in ys) for i, ys in missing.items())
        if missing and not scoped:
            on_file_text = "；".join(f"{i}：{self._years(i)}" for i in u.issuers)
            return refusal(f"已收录的报告中没有{absent}的报告。已收录的年份——{on_file_text}。")
        if missing:
            notes.append(f"已收录的报告中没有{absent}的报告。")
        order = {issuer: n for n, issuer in enumerate(u.issuers)}
        years = {y: n for n, y in enumerate(u.years)}
        return sorted(scoped, key=lambda r: (order[r.issuer], years.get(r.year or 0, 0) if u.years else -(r.year or 0))), notes

    def _not_on_file(self, u: Understanding) -> Answer:
        if u.near:
            choices = "、".join(f"{i}（{self._years(i)}）" for i in u.near[:4])
            return refusal(f"未收录{u.unknown}的报告；是否指{choices}？")
        return refusal(f"未收录{u.unknown}的报告。可以在“报告库”中查看已收录的单位。")

    def _years(self, issuer: str) -> str:
        years = sorted({r.year for r in self.issuers().reports_of.get(issuer, []) if r.year}, reverse=True)
        return "、".join(f"{y}年" for y in years) or "年份不详"

    # -- answering ----------------------------------------------------------------------------

    def _answer(self, u: Understanding) -> Answer:
        if u.vague:
            return self._guide(u)
        sources = Sources(self.library.read)
        if u.across and u.metrics and not u.unknown:
            answer = self._across(u, sources)
            answer.citations = sources.citations
            return answer
        scope = self._scope(u)
        if isinstance(scope, Answer):
            return scope
        reports, notes = scope
        sources.load(r.id for r in reports[: self._limit(u, reports)])
        if u.asks_kind and u.issuers:
            answer = self._kind(reports, sources)
        elif u.metrics and (counted := self._counted_otherwise(u, reports, sources)) is not None:
            answer = counted
        elif u.metrics:
            answer = self._figures(u, reports, sources)
            modern = figure_metrics(re.sub(LEGACY_TABLE, "", u.question))
            if not answer.found and u.metrics[0].startswith("legacy.") and modern and not modern[0].startswith("legacy."):
                # the 统计表 was not read as a table: the figure of the same meaning stated elsewhere
                again = Sources(self.library.read, sources.data)
                instead = self._figures(replace(u, metrics=tuple(modern)), reports, again)
                if instead.found:
                    answer, sources = instead, again
            if not answer.found and (u.metrics[0].startswith("legacy.") or u.yesno):
                # no stored figure: the sentence that states it (…未收取信息处理费), negation read
                again = Sources(self.library.read, sources.data)
                instead = self._passages(u, reports, again)
                if instead.found and (instead.verdict is not None or not u.yesno):
                    answer, sources = instead, again
        elif u.parts and u.issuers:
            answer = self._items(u, reports, sources)
        else:
            answer = self._passages(u, reports, sources)
            if not answer.found and COUNT.search(u.question) and not u.parts:
                again = Sources(self.library.read, sources.data)
                nearest = self._similar(u, reports, again)
                if nearest is not None:
                    answer, sources = nearest, again
        if notes:
            answer.text = "\n".join([*notes, answer.text])
        if u.others and answer.found:
            others = "、".join(f"{i}（{self._years(i)}）" for i in u.others[:5])
            answer.text += f"\n以上为{u.issuers[0]}的报告；{u.issuer_text}另有已收录的：{others}。"
        answer.citations = sources.citations
        return answer

    def _counted_otherwise(self, u: Understanding, reports: list[ReportRow], sources: Sources) -> Answer | None:
        """A question that counts another thing than its figure does ("多少个单位的主动公开信息"
        counts bodies, not items; "多少人次" is no count of 条): the figure a sentence states of
        that thing, when one fits; else the figure of the vocabulary answers."""
        asked = figure_question(u.topic)
        if not u.issuers or u.yesno or asked is None or asked.unit is None:
            return None
        noun = counted_noun(u.topic)
        if figure_metrics(noun + "有多少") or any(
            _counts_in(asked.unit, unit_of(m)) and _names(noun, figure_name(m)) for m in u.metrics
        ):
            return None  # the thing counted is a figure of the vocabulary ("答复了多少件信息公开申请")
        return self._read_figure(u, reports, sources)

    def _read_figure(
        self, u: Understanding, scope: list[ReportRow], sources: Sources, named: Callable[[str], bool] | None = None
    ) -> Answer | None:
        """The figure reader tried on the side: its answer, with its citations taken into
        ``sources``, when it reads a figure; None (and ``sources`` untouched) when it does not."""
        read = Sources(self.library.read, sources.data)
        answer = self._passages(u, scope, read, named)
        if not (answer.found and answer.kind == "figure"):
            return None
        sources.citations[:] = read.citations
        return answer

    def _similar(self, u: Understanding, reports: list[ReportRow], sources: Sources) -> Answer | None:
        """A figure question in words the vocabulary lacks: the nearest figure when it is clearly
        meant, else the nearest two or three offered as choices."""
        found = self.figure_index.nearest(u.topic)
        if confident(found):
            answer = self._figures(replace(u, metrics=(found[0].key,)), reports, sources)
            if answer.found:
                answer.text = f"按“{figure_name(found[0].key)}”理解：\n{answer.text}"
                return answer
        near = [n for n in found if n.score >= CHOICES]
        if not near:
            return None
        who = f"{u.issuer_text or u.issuers[0]}" if u.issuers else ""
        when = f"{u.year}年" if u.year else ""
        lines = ["报告中没有找到直接的说法。您问的是以下哪个数字？"]
        lines += [f"· {who}{when}{figure_name(n.key)}是多少？" for n in near[:3]]
        return Answer(text="\n".join(lines), found=False, kind="clarify")

    def examples(self, issuers: tuple[str, ...] = ()) -> list[str]:
        """Up to four questions the reports on file answer (of ``issuers`` when given): the page's
        example questions, and the guide for a question that names nothing to look up."""
        reports = [r for r in self.reports() if r.kind == "annual_report" and r.year]
        mine = [r for r in reports if r.issuer in issuers] or reports
        latest = sorted(mine, key=lambda r: -(r.year or 0))[:8]
        data = self.library.read([r.id for r in latest])
        examples: list[str] = []
        for r in latest:
            stated = {f.fact.metric for f in data[r.id].facts if f.fact.value is not None} if r.id in data else set()
            if "applications.new.total" in stated:
                examples.append(f"{r.issuer}{r.year}年收到多少件政府信息公开申请？")
            if "review.total" in stated:
                examples.append(f"{r.issuer}{r.year}年政府信息公开行政复议有几件？")
            examples.append(f"{r.issuer}{r.year}年的报告指出了哪些问题？")
            if len(examples) >= 3:
                break
        if latest:
            examples.append(f"{latest[0].year}年哪个单位收到的政府信息公开申请最多？")
        return list(dict.fromkeys(examples[:3] + examples[-1:]))

    def _guide(self, u: Understanding) -> Answer:
        """Example questions from the reports on file, for a question that names nothing to look up."""
        lines = ["请问您想了解哪个单位、哪一年的什么情况？可以这样问："]
        lines += [f"· {e}" for e in self.examples(u.issuers)]
        return Answer(text="\n".join(lines), found=False, kind="clarify")

    def _kind(self, scope: list[ReportRow], sources: Sources) -> Answer:
        r = scope[0]
        n = sources.cite(r, 0, min(len(sources.text(r.id)), max(len(r.title), 10)))
        if r.kind == "annual_report":
            return Answer(text=f"是。《{r.title}》是{_KIND_ZH['annual_report']} [{n}]。", verdict=True, kind="passage")
        return Answer(text=f"不是。该文件题为《{r.title}》，不是政府信息公开工作年度报告 [{n}]。", verdict=False, kind="passage")

    def _figures(self, u: Understanding, scope: list[ReportRow], sources: Sources) -> Answer:
        lines: list[str] = []
        missing: list[str] = []
        facts: list[CitedFact] = []
        for report in scope[: self._limit(u, scope)]:
            data = sources.of(report.id)
            if data is None:  # deleted while this answer was being written
                continue
            rows = list(data.facts)
            whole = [r for r in rows if r.fact.scope != "sub_unit"]
            failing = _failing(data)
            stated_any = False
            for metric in u.metrics:
                formula = derived(metric)
                if formula is not None:
                    found, stated = derived_lines(report, formula, whole, sources, facts)
                else:
                    found, stated = figure_lines(report, metric, rows, failing, sources, facts, u.question)
                    if not stated:
                        found, stated = sub_unit_lines(report, metric, rows, sources, facts)
                lines += found
                stated_any = stated_any or stated
            if not stated_any and u.issuers:
                names = "、".join(figure_name(m) for m in u.metrics)
                related = related_figures(report, rows, u.metrics)
                missing.append(
                    f"{report.issuer}{report.year or ''}{'年' if report.year else ''}的报告未载明{names}"
                    + (f"；该报告载明的数字有：{related}。" if related else "。")
                )
        if not lines:
            what = "、".join(figure_name(m) for m in u.metrics)
            if u.issuers and not u.yesno:
                # no fact of the vocabulary's figure: the figure reader may find it in a sentence
                # whose words name that figure too ("收到依申请公开6件" is no count of 予以公开)
                def same(words: str) -> bool:
                    return bool(set(figure_metrics(words + "有多少")) & set(u.metrics))

                read = self._read_figure(u, scope, sources, same)
                if read is not None:
                    return read
            if missing:
                return refusal("\n".join(missing))
            return refusal(f"已收录的{u.year or ''}{'年' if u.year else ''}报告中都没有载明{what}。")
        lines[:0] = _total_lines(u, facts)
        verdict = None
        if u.yesno:
            verdict = any((f.value or 0) > 0 for f in facts)
            lines.insert(0, "有。" if verdict else "没有。")
            if not verdict and u.issuers:
                lines += self._stated_too(u, scope, sources)
        return Answer(text="\n".join(lines + missing), facts=facts, verdict=verdict, kind="figure")

    def _stated_too(self, u: Understanding, scope: list[ReportRow], sources: Sources) -> list[str]:
        """A "没有" read from zeros in a table, when the report's text says so too (…未收到…的
        申请): that sentence, cited beside the figures, so both sides can be checked."""
        read = Sources(self.library.read, sources.data)
        said = self._passages(u, scope, read)
        if said.verdict is not False or not read.citations:
            return []
        c = read.citations[0]
        if re.search(r"\d\s+\d|\|", c.quote) or len(c.quote) > 200:
            return []  # a table flattened into the text, not a sentence
        report = next(r for r in scope if r.id == c.report_id)
        before = len(sources.citations)
        n = sources.cite(report, c.start, c.end)
        return [f"报告正文亦称：“{c.quote.strip()}” [{n}]"] if n > before else []  # not the figure's own quote

    def _across(self, u: Understanding, sources: Sources) -> Answer:
        return across_answer(u, self.reports(), self.library.catalog, sources)

    @staticmethod
    def _limit(u: Understanding, scope: list[ReportRow]) -> int:
        """How many reports of the scope a figure answer reads: all of those named, else 12."""
        return len(scope) if u.issuers else 12

    def _items(self, u: Understanding, scope: list[ReportRow], sources: Sources) -> Answer:
        lines: list[str] = []
        for report in scope:
            found, ok = item_lines(report, u.parts, sources)
            lines += found
        if not lines:
            return self._passages(u, scope, sources)
        return Answer(text="\n".join(lines), kind="list")

    def read_for(self, u: Understanding, read: Callable[[list[Passage]], str]) -> Answer | str:
        """A figure the extractive reader did not find, read by ``read`` (a model) from the top
        passages of the question's scope, numbered from 1; the answer only when the figure checks
        out against its passage (``checked_figure``), else why it does not."""
        with self.library.snapshot():  # one state of the store; the model reads outside it
            scope = self._scope(u)
            if isinstance(scope, Answer) or not scope[0]:
                return "问题所指的报告不在库中"
            reports = {r.id: r for r in scope[0]}
            passages = search(self.library, u.topic, k=READ_PASSAGES, report_ids=set(reports))
            sources = Sources(self.library.read)
            sources.load(p.report_id for p in passages)
        if not passages:
            return "没有检索到相关段落"
        answer = checked_figure(u, read(passages), passages, reports, sources)
        if isinstance(answer, Answer):
            answer.citations = sources.citations
            answer.understanding = u
        return answer

    def _passages(
        self, u: Understanding, scope: list[ReportRow], sources: Sources, named: Callable[[str], bool] | None = None
    ) -> Answer:
        ids = {r.id for r in scope}
        passages = search(self.library, u.topic, k=6, report_ids=ids)
        return passage_answer(u, passages, {r.id: r for r in scope}, sources, named)


_ADDS_UP = re.compile(r"一共|合计|共计|总共|总计|加起来|总和|加在一起")


def _total_lines(u: Understanding, facts: list[CitedFact]) -> list[str]:
    """ "…2023年和2024年一共收到多少件": each figure asked, of several reports (issuers or years),
    added up, first, with its terms cited; none unless the question adds up. Only the figures
    asked, issuer-wide, count: no sub-unit's part, no figure a missing one was read from."""
    if not _ADDS_UP.search(u.question):
        return []
    lines = []
    for metric in u.metrics:
        found = [f for f in facts if f.metric == metric and f.value is not None and f.scope != "sub_unit"]
        if len({f.report_id for f in found}) >= 2 and len({f.unit for f in found}) == 1:
            terms = " + ".join(f"{format_value(f.value)} [{f.citation}]" for f in found)
            total = format_value(sum(f.value or 0 for f in found))
            lines.append(f"合计 {total}{found[0].unit}（{figure_name(metric)}：{terms}）。")
    return lines


_CASES = frozenset({"件", "次", "起"})  # a case is counted in any of these ("被起诉了几次")


def _counts_in(asked: str, unit: str) -> bool:
    """Whether a count asked in ``asked`` may be a figure kept in ``unit``."""
    return bool(units_fit(asked, unit)) or {asked, unit} <= _CASES


def _names(noun: str, name: str) -> bool:
    """Whether the thing a question counts is the one a figure's name counts ("" names any)."""
    return not noun or noun in name or bool(cjk_bigrams(noun) & cjk_bigrams(name))


def _failing(data: ReportData) -> dict[str, str]:
    """The figures of the report that a failing 勾稽 rule reads, each with what fails."""
    out: dict[str, str] = {}
    for row in data.checks:
        c = row.check
        if not c.holds:
            for m in c.metrics:
                out[m] = f"{c.description}，表中数字相加为{format_value(c.left)}，而所印为{format_value(c.right)}"
    return out
