"""The default answerer: no model, every word of substance quoted from a report and cited.

Figures come from the facts; problems and improvements from the items of part 五; anything else
from the best sentences of the retrieved passages. When the reports do not say, it says so."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import islice

from answer.intents import figure_metrics
from answer.reader import WHOSE as _WHOSE
from answer.reader import Candidate, FigureQuestion, figure_question, find_mentions, label, printed, sentences
from answer.reader import rank as rank_figures
from answer.records import Answer, Citation, CitedFact, Understanding
from ingest.records import Fact, preferred
from lexicon.lists import condensed, enumerated, list_after
from lexicon.metrics import ON_HAND, format_value, metric_name
from lexicon.text import cjk_bigrams
from retrieval.search import Passage
from store.keywords import tokenize
from store.records import FactRow, ReportData, ReportRow

_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
_NEGATION = re.compile(r"未(?!经)|没有|无|不曾|尚未|均未|暂无|从未|并未|不存在|不予|免于|不收|免收")
# a negated verb whose object runs on to the words ("未收到有关政府信息公开行政复议的申请"); 未经 is no negation
_NEGATED_VERB = re.compile(r"未(?!经)|没有|尚未|均未|从未|并未|暂不|暂未")
# a fact stated as a zero count after its words ("收到申请0件", "为零")
_ZERO_AFTER = re.compile(r"^[^，。；,;]{0,12}?(?:为|共|计)?(?<![\d.])(?:0|零)(?:件|条|个|次|项|人|元|起)?(?![\d.])")
_PART_ZH = {"problems": "存在的主要问题", "improvements": "改进措施"}
_HEADLINE_METRICS = (
    "applications.new.total",
    "applications.result.total",
    "review.total",
    "litigation.total",
    "proactive.items",
    "permits.decisions",
    "penalties.decisions",
    "new_media.accounts",
    "fees.disclosure_fees_yuan",
)


@dataclass
class Sources:
    """What one answer reads of the store and the citations it collects; the same span is cited
    once. The reports of the answer's scope are read together (``load``), in one transaction."""

    read: Callable[[list[str]], dict[str, ReportData]]
    data: dict[str, ReportData] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)

    def load(self, report_ids: Iterable[str]) -> None:
        missing = [r for r in dict.fromkeys(report_ids) if r not in self.data]
        if missing:
            self.data |= self.read(missing)

    def of(self, report_id: str) -> ReportData | None:
        """The report's stored data; None when it is no longer stored."""
        self.load([report_id])
        return self.data.get(report_id)

    def text(self, report_id: str) -> str:
        data = self.of(report_id)
        return data.text if data else ""

    def cite_read(self, report: ReportRow, start: int, end: int, text: str, section: str) -> int:
        """Cite a span of a report whose text was read on its own (an answer across hundreds of
        reports quotes one figure of each, and need not read them whole)."""
        return self._cited(report, start, end) or self._add(report, start, end, text, section)

    def cite(self, report: ReportRow, start: int, end: int) -> int:
        n = self._cited(report, start, end)
        if n:
            return n
        data = self.of(report.id)
        chunk = data.chunk_at(start, end) if data else None
        return self._add(report, start, end, self.text(report.id), " / ".join(chunk.heading_path) if chunk else "")

    def mark(self, n: int, start: int, end: int) -> None:
        """Mark text[start:end] of the report, a figure, inside citation ``n``'s quote."""
        cited = self.citations[n - 1]
        self.citations[n - 1] = replace(cited, highlight=(start - cited.start, end - cited.start))

    def _cited(self, report: ReportRow, start: int, end: int) -> int:
        """The number of the citation of this span, 0 when it is not cited yet."""
        return next((c.n for c in self.citations if c.report_id == report.id and c.start == start and c.end == end), 0)

    def _add(self, report: ReportRow, start: int, end: int, text: str, section: str) -> int:
        n = len(self.citations) + 1
        self.citations.append(
            Citation(n, report.id, report.file_name, report.issuer, report.year, section, text[start:end], start, end)
        )
        return n


def _who(report: ReportRow) -> str:
    return f"{report.issuer}{report.year}年" if report.year else report.issuer


def _value(f: Fact) -> str:
    return f"{format_value(f.value)}{f.unit}" if f.value is not None else "（无法确定）"


def _cited(row: FactRow, n: int) -> CitedFact:
    f = row.fact
    return CitedFact(f.metric, metric_name(f.metric), f.value, f.unit, f.method, f.status, row.report_id, n, f.scope)


def asks_for_part(label: str, question: str, metric: str) -> float:
    """How much of a sub-unit's own words (its label, less the metric's words) the question repeats:
    "政府办代表区政府受理了多少件申请" asks for the figure labelled 代表区政府受理, not the total."""
    own = cjk_bigrams(label) - cjk_bigrams(metric_name(metric)) - cjk_bigrams("政府信息公开申请数量主动公开受理收到全年共计")
    return len(own & cjk_bigrams(question)) / len(own) if own else 0.0


def _chosen(found: list[FactRow], metric: str, question: str) -> tuple[Fact | None, list[Fact]]:
    """The fact to answer with, and the issuer-wide facts stating other figures (a real conflict).

    Figures of a sub-unit answer only a question that names that sub-unit; otherwise the
    issuer-wide figure answers and the sub-units' figures are no conflict."""
    facts = [r.fact for r in found]
    parts = [f for f in facts if f.scope == "sub_unit" and f.value is not None]
    named = max(parts, key=lambda f: asks_for_part(f.label, question, metric), default=None)
    if named is not None and question and asks_for_part(named.label, question, metric) >= 0.5:
        return named, []
    wide = [f for f in facts if f.scope != "sub_unit"]
    best = preferred(wide)
    others = [f for f in wide if best is not None and f.value is not None and f.value != best.value]
    return best, others


def figure_lines(
    report: ReportRow,
    metric: str,
    rows: list[FactRow],
    failing: dict[str, str],
    sources: Sources,
    facts_out: list[CitedFact],
    question: str = "",
) -> tuple[list[str], bool]:
    """Sentences stating ``metric`` (or every metric under a prefix) for one report; False when it is not stated."""
    by_metric: dict[str, list[FactRow]] = {}
    for r in rows:
        if r.fact.metric == metric or r.fact.metric.startswith(metric + "."):
            by_metric.setdefault(r.fact.metric, []).append(r)
    if not by_metric and metric == "litigation.total":
        parts = [m for m in ("litigation.direct.total", "litigation.after_review.total") if any(r.fact.metric == m for r in rows)]
        if len(parts) == 2:
            lines, _ = figure_lines(report, "litigation.direct.total", rows, failing, sources, facts_out)
            more, _ = figure_lines(report, "litigation.after_review.total", rows, failing, sources, facts_out)
            values = [preferred(r.fact for r in rows if r.fact.metric == m) for m in parts]
            total = sum(v.value or 0 for v in values if v is not None)
            marks = "".join(re.findall(r"\[\d+\]", " ".join(lines + more)))
            head = f"{_who(report)}政府信息公开行政诉讼共 {format_value(total)}件（由以下两项相加）{marks}："
            return [head, *lines, *more], True
    if not by_metric:
        return [], False
    lines = []
    for key, found in by_metric.items():
        best, others = _chosen(found, key, question)
        if best is None:
            continue
        summed = [(o, added) for o in others if (added := _summed(key, o, rows))]
        others = [o for o in others if all(o is not x for x, _ in summed)]
        if best.value is None:
            n = sources.cite(report, best.start, best.end)
            lines.append(f"{_who(report)}{metric_name(key)}：表中该行数字连在一起、无法唯一拆分，未能确定 [{n}]。")
            continue
        if summed:
            line = _sum_line(report, key, best, summed[0], question, sources, facts_out)
        else:
            line = _fact_line(report, key, best, found, sources, facts_out)
        if others:
            notes = []
            for other in others:
                m = sources.cite(report, other.start, other.end)
                notes.append(f"{_value(other)} [{m}]")
            line += f"注意：报告中另有不同的说法（{'；'.join(notes)}），两者不一致，报告未作说明。"
        if key in failing and best.scope != "sub_unit":
            line += f"该表的核对关系不成立：{failing[key]}。"
        lines.append(line)
    return lines, bool(lines)


def _fact_line(
    report: ReportRow, key: str, best: Fact, found: list[FactRow], sources: Sources, facts_out: list[CitedFact]
) -> str:
    """The figure of one fact, cited with the agreeing statements of it."""
    row = next(r for r in found if r.fact == best)
    n = sources.cite(report, best.start, best.end)
    _mark_figure(sources, n, best)
    facts_out.append(_cited(row, n))
    # the same figure stated elsewhere (a table and a sentence agreeing) is cited too
    agreeing: list[int] = []
    for r in found:
        if r.fact != best and r.fact.value == best.value and r.fact.scope == best.scope and len(agreeing) < 2:
            agreeing.append(sources.cite(report, r.fact.start, r.fact.end))
            _mark_figure(sources, agreeing[-1], r.fact)
    if not agreeing and best.method != "prose":
        agreeing = _said_in_prose(report, key, best, sources)
    marks = "".join(f"[{m}]" for m in [n, *agreeing])
    name = metric_name(key)
    if best.scope == "sub_unit" and best.label:
        part = re.sub(r"^(?:其中)?[，,：:\s]*", "", best.label).rstrip("，,。；;")
        if format_value(best.value) not in part:
            part += f"为 {_value(best)}"
        return f"{_who(report)}{name}中的一部分：{part} {marks}。"
    if best.value == 0 and "0" not in sources.text(report.id)[best.start : best.end]:
        return f"{_who(report)}{name}为 0{best.unit}（报告以文字表述为没有）{marks}。"
    return f"{_who(report)}{name}为 {_value(best)} {marks}。"


def _said_in_prose(report: ReportRow, key: str, fact: Fact, sources: Sources) -> list[int]:
    """The words of a sentence that state a table's figure too, naming the same figure ("上年结转
    政府信息公开申请 2 件"), cited beside the row from those words to the figure: [] when none do."""
    text = sources.text(report.id)
    number = re.compile(rf"(?<![\d.]){re.escape(format_value(fact.value))}(?![\d.])")
    for hit in islice(number.finditer(text), _TRIES):
        at = hit.start()
        for a, b in sentences(text, max(0, at - _SENTENCE_REACH), min(len(text), at + _SENTENCE_REACH)):
            if not a <= at < b or "|" in text[a:b]:  # the sentence holding it, in prose (no table row)
                continue
            for m in find_mentions(text, a, b):
                if (
                    m.start <= at < m.end
                    and m.value == fact.value
                    and key in figure_metrics(text[m.context_start : m.start] + "有多少")
                ):
                    n = sources.cite(report, m.context_start, m.end)
                    sources.mark(n, m.start, m.end)
                    return [n]
    return []


_SENTENCE_REACH = 200  # how far a sentence around a number is looked for
_TRIES = 30  # the occurrences of a number looked at (a small one is printed everywhere)


# a figure the report states in a sentence as two of its table's rows added up ("共受理申请120件"
# = 本年新收 100 + 上年结转 20) is its own arithmetic, not a conflict with the first row
SUMS = {"applications.new.total": ON_HAND}


def _summed(key: str, other: Fact, rows: list[FactRow]) -> list[FactRow]:
    """The rows of a table (read or decoded) whose sum ``other``, a sentence, states."""
    if key not in SUMS or other.method != "prose" or other.value is None:
        return []
    parts = [preferred(r.fact for r in rows if r.fact.metric == m and r.fact.method != "prose") for m in SUMS[key]]
    values = [p.value for p in parts if p is not None and p.value is not None]
    if len(values) != len(parts) or abs(sum(values) - other.value) > 1e-9:
        return []
    return [next(r for r in rows if r.fact == p) for p in parts]


def _sum_line(
    report: ReportRow,
    key: str,
    best: Fact,
    summed: tuple[Fact, list[FactRow]],
    question: str,
    sources: Sources,
    facts_out: list[CitedFact],
) -> str:
    """The row and the sentence that adds it to another, the one whose words the question uses
    first; the facts cited are the rows (the sentence's figure is their sum, no row of its own)."""
    other, parts = summed
    text = sources.text(report.id)
    mention = next((m for m in find_mentions(text, other.start, other.end) if m.value == other.value), None)
    end = mention.end if mention else other.end
    words = label(text, mention) if mention else metric_name(key)
    asked = cjk_bigrams(question)
    first = other if len(asked & cjk_bigrams(words)) > len(asked & cjk_bigrams(metric_name(key))) else best
    n = sources.cite(report, first.start, end if first is other else first.end)
    n_other = sources.cite(report, other.start, end)  # the same citation as n when the sentence answers
    marks = [sources.cite(report, p.fact.start, p.fact.end) for p in parts]
    for p, m in zip(parts, marks, strict=True):
        _mark_figure(sources, m, p.fact)
        facts_out.append(_cited(p, m))
    sum_text = "与".join(f"{metric_name(p.fact.metric)} {_value(p.fact)} [{m}]" for p, m in zip(parts, marks, strict=True))
    if first is other:
        return f"{_who(report)}{words}为 {_value(other)} [{n}]，即{sum_text}之和。"
    said = text[other.start : end].strip()
    return f"{_who(report)}{metric_name(key)}为 {_value(best)} [{n}]。报告正文所称“{said}”[{n_other}]为{sum_text}之和。"


_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.])|(?<![\d.,])\d+(?:\.\d+)?(?![\d.,])")


def _mark_figure(sources: Sources, n: int, fact: Fact) -> None:
    """Mark the fact's own number inside its cited quote: the one number of that value, or a
    table row's last cell for its total."""
    cited = sources.citations[n - 1]
    if cited.highlight is not None or fact.value is None:
        return
    quote = cited.quote
    numbers = [m for m in _NUMBER.finditer(quote) if float(m.group().replace(",", "")) == fact.value]
    if len(numbers) != 1 and fact.metric.endswith(".total") and quote.strip().startswith("|"):
        cells = list(_NUMBER.finditer(quote))
        numbers = cells[-1:] if cells and float(cells[-1].group().replace(",", "")) == fact.value else []
    if len(numbers) == 1:
        a, b = numbers[0].span()
        unit = re.match(rf"\s*{re.escape(fact.unit)}", quote[b:]) if fact.unit else None  # "6件" in a sentence
        sources.mark(n, cited.start + a, cited.start + b + (unit.end() if unit else 0))


def related_figures(report: ReportRow, rows: list[FactRow], exclude: Iterable[str]) -> str:
    stated = {r.fact.metric for r in rows if r.fact.value is not None}
    names = [metric_name(m) for m in _HEADLINE_METRICS if m in stated and m not in exclude]
    return "、".join(names[:5])


def item_lines(report: ReportRow, parts: tuple[str, ...], sources: Sources) -> tuple[list[str], bool]:
    """The problems or improvements of part 五, as read at ingest."""
    data = sources.of(report.id)
    if data is None:
        return [], False
    lines: list[str] = []
    for kind in parts:
        chosen = [it for it in data.items if it.kind == kind]
        if not chosen:
            continue
        lines.append(f"{_who(report)}报告列出的{_PART_ZH[kind]}：")
        for i, it in enumerate(chosen, start=1):
            n = sources.cite(report, *it.cited)
            lines.append(f"{i}. {condensed(data.text[it.start : it.end])} [{n}]")
    return lines, bool(lines)


def _sentences(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    for m in _SENTENCE.finditer(text, start, end):
        a, b = m.start(), m.end()
        while a < b and text[a] in " \u3000|":
            a += 1
        if b - a >= 6:
            yield a, b


def best_sentences(
    topic: str, passages: list[Passage], sources: Sources, limit: int = 3
) -> list[tuple[float, Passage, int, int]]:
    """Sentences of the passages that cover most of the question's words, best first."""
    words = {w for w in tokenize(topic) if len(w) >= 2}
    if not words:
        return []
    weight = sum(len(w) for w in words)
    scored = []
    for rank, p in enumerate(passages):
        text = sources.text(p.report_id)
        for a, b in _sentences(text, p.start, p.end):
            sentence = text[a:b]
            hit = sum(len(w) for w in words if w in sentence)
            if hit:
                scored.append((hit / weight - 0.01 * rank, p, a, b))
    scored.sort(key=lambda s: -s[0])
    if not scored:
        return []
    top = scored[0][0]
    return [s for s in scored[:limit] if s[0] >= 0.6 * top]


_ASKS_WHETHER = re.compile(r"有没有|有无|是否|是不是|了没有|没有(?=[？?]?$)|吗(?=[？?]?$)|与否|可否")
_HEADING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])[^。]{2,40}$")
_ASKS_LIST = re.compile(r"哪些|哪几|哪方面|有什么|列举")


_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,30})[”\"」』]")
_MARK = r"(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．])"


def quoted_heading(u: Understanding, reports: dict[str, ReportRow], sources: Sources) -> Answer | None:
    """A list question that quotes a heading ("“（二）公开形式”一节列出了哪些…"): the points
    listed under that heading, wherever the report has it, on a line of its own or not."""
    if not _ASKS_LIST.search(u.question):
        return None
    for quoted in _QUOTED.findall(u.question):
        words = re.sub(rf"^\s*{_MARK}\s*", "", quoted).strip()
        heading = re.compile(rf"{_MARK}\s*{re.escape(words)}(?=[\s。：:]|$)")
        for rid, report in reports.items():
            text = sources.text(rid)
            for m in heading.finditer(text):
                answer = _listed_after(text, m.start(), m.end(), report, sources)
                if answer is not None:
                    return answer
    return None


def _items_under_heading(u: Understanding, p: Passage, a: int, b: int, report: ReportRow, sources: Sources) -> Answer | None:
    """A "哪些…" question whose best match is a heading: the points listed under it."""
    text = sources.text(p.report_id)
    if not _ASKS_LIST.search(u.question) or not _HEADING.match(text[a:b].strip()):
        return None
    return _listed_after(text, a, b, report, sources)


def _listed_after(text: str, a: int, b: int, report: ReportRow, sources: Sources) -> Answer | None:
    run = list_after(text, b)
    if len(run) < 2:
        return None
    n = sources.cite(report, a, b)
    lines = [f"“{text[a:b].strip()}”[{n}]下列出："]
    for i, (x, y) in enumerate(run, start=1):
        lines.append(f"{i}. {condensed(text[x:y])} [{sources.cite(report, x, _shown(text, x, y))}]")
    return Answer(text="\n".join(lines), kind="list")


def _shown(text: str, x: int, y: int) -> int:
    """The end of what ``condensed`` shows of the item text[x:y]: its first sentence, or two when
    the first is a short lead; the last item of a report on one line would otherwise run on."""
    first = text.find("。", x, y)
    if first < 0:
        return y
    if first - x < 20:
        second = text.find("。", first + 1, y)
        return second + 1 if second >= 0 else y
    return first + 1


# a figure whose context covers less of the question than this is not the one asked for
FIGURE_THRESHOLD = 0.35
# candidates this close to the best are listed with it: the reader cannot tell them apart
FIGURE_CLOSE = 0.04
# a report scanned whole (not only its retrieved passages) when the question names this few
WHOLE_REPORTS = 3


def _figure_sentences(
    passages: list[Passage], reports: dict[str, ReportRow], sources: Sources
) -> tuple[list[str], list[str], list[tuple[int, int, int, float]]]:
    """Sentences to read figures from: the retrieved ones (a small bonus by rank) and, when the
    question is about a few reports, every other sentence of them too, since retrieval ranks
    chunks and a figure may sit in a chunk ranked below the cut."""
    ids: list[str] = []
    spans: dict[tuple[int, int, int], float] = {}
    for rank_, p in enumerate(passages):
        if p.report_id not in ids:
            ids.append(p.report_id)
        i = ids.index(p.report_id)
        text = sources.text(p.report_id)
        for a, b in sentences(text, p.start, p.end):
            bonus = 0.03 * (len(passages) - rank_) / max(1, len(passages))
            spans[(i, a, b)] = max(spans.get((i, a, b), 0.0), bonus)
    if len(reports) <= WHOLE_REPORTS:
        for rid in reports:
            if rid not in ids:
                ids.append(rid)
            i = ids.index(rid)
            text = sources.text(rid)
            for a, b in sentences(text, 0, len(text)):
                spans.setdefault((i, a, b), 0.0)
    texts = [sources.text(rid) for rid in ids]
    return ids, texts, [(i, a, b, bonus) for (i, a, b), bonus in spans.items()]


def _cite_figure(report: ReportRow, c: Candidate, text: str, sources: Sources) -> int:
    """Cite the sentence with the figure's span highlighted; a second figure of a sentence
    already cited for another is cited by its own clause."""
    a, b = c.sentence
    n = sources.cite(report, a, b)
    if sources.citations[n - 1].highlight not in (None, (c.mention.start - a, c.mention.end - a)):
        n = sources.cite(report, c.mention.context_start, c.mention.after_end)
    sources.mark(n, c.mention.start, c.mention.end)
    return n


def _read_line(report: ReportRow, c: Candidate, text: str, sources: Sources) -> str:
    """A figure read from a sentence: the figure first, then the sentence, cited, the figure marked."""
    n = _cite_figure(report, c, text, sources)
    return f"{_figure_line(report, c, text, n)}。原文：“{text[slice(*c.sentence)].strip()}” [{n}]"


def _own_words(text: str, c: Candidate) -> str:
    """The words tied to a figure: those before it up to a mark or number, and after its unit."""
    return text[c.mention.context_start : c.mention.start] + text[c.mention.end : c.mention.after_end]


def _figure_line(report: ReportRow, c: Candidate, text: str, n: int) -> str:
    """The figure in the report's own words: "…为N单位", or the clause as printed when the thing
    counted follows the figure and the words after say whose it is ("已汇集了N个单位的…")."""
    words = label(text, c.mention)
    figure = printed(text, c.mention)
    after = text[c.mention.end : c.mention.after_end].strip()
    if words and _WHOSE.match(after):
        return f"{_who(report)}{text[c.mention.context_start : c.mention.start].strip()}{figure}{after} [{n}]"
    if words:
        return f"{_who(report)}{words}为{figure} [{n}]"
    return f"{_who(report)}：{figure}{text[c.mention.end : c.mention.after_end]} [{n}]"


def read_figure(
    u: Understanding,
    passages: list[Passage],
    reports: dict[str, ReportRow],
    sources: Sources,
    question: FigureQuestion | None = None,
    named: Callable[[str], bool] | None = None,
) -> Answer:
    """A figure stated in a sentence, figure first and cited with its span highlighted; the close
    rivals listed with it; "报告未载明" with the nearest sentences when no figure fits. ``named``:
    whether a figure's own words (before and after it) name what is asked, when that is known."""
    question = question or figure_question(u.topic)
    if question is None:
        return refusal(f"问题“{u.topic}”没有问及数字。")
    ids, texts, spans = _figure_sentences(passages, reports, sources)
    issuers = {r.issuer for r in reports.values()}
    candidates = [c for c in rank_figures(question, texts, spans, issuers) if ids[c.source] in reports]
    if named is not None:
        candidates = [c for c in candidates if named(_own_words(texts[c.source], c))]
    if not candidates or candidates[0].score < FIGURE_THRESHOLD:
        lines = [f"报告未载明{question.head or question.phrase}的数字。"]
        near = best_sentences(u.topic, passages, sources, limit=2)
        if near:
            lines.append("最接近的原文：")
            for _, p, a, b in near:
                n = sources.cite(reports[p.report_id], a, b)
                lines.append(f"“{sources.text(p.report_id)[a:b].strip()}” [{n}]")
        return Answer(text="\n".join(lines), found=False, kind="refusal")
    best = candidates[0]
    chosen = [best]
    for c in candidates[1:]:
        if c.score < best.score - FIGURE_CLOSE or len(chosen) == 3:
            break
        if all(c.mention.value != o.mention.value for o in chosen):
            chosen.append(c)
    lines = []
    for c in chosen:
        report, text = reports[ids[c.source]], texts[c.source]
        lines.append(_read_line(report, c, text, sources))
    if len(chosen) > 1:
        lines.insert(1, "报告中另有相近的说法，也列在下面，请对照原文：")
    return Answer(text="\n".join(lines), kind="figure")


# a model's figure whose words match the question less than this is not taken
MODEL_THRESHOLD = 0.2
_MODEL_MARK = re.compile(r"\[(\d+)\]")


def checked_figure(
    u: Understanding, written: str, passages: list[Passage], reports: dict[str, ReportRow], sources: Sources
) -> Answer | str:
    """A figure a model read from ``passages`` (numbered from 1 as it was shown them), taken only
    when the number, with its unit, is printed in the passage it cites and the words tied to it
    there match the question; otherwise what is wrong with it, in words."""
    question = figure_question(u.topic)
    if question is None:
        return "问题没有问及数字"
    stated = find_mentions(written)
    if not stated:
        return "模型没有给出数字"
    marks = [int(n) for n in _MODEL_MARK.findall(written)]
    if not marks:
        return "模型没有标注出处"
    said = stated[0]
    why = f"{printed(written, said)}不见于所引资料"
    for n in dict.fromkeys(marks):  # the first cited passage where the figure checks out
        if not 1 <= n <= len(passages):
            why = f"引用了不存在的编号 [{n}]"
            continue
        p = passages[n - 1]
        text = sources.text(p.report_id)
        printed_there = [m for m in find_mentions(text, p.start, p.end) if m.value == said.value and m.unit == said.unit]
        if not printed_there:
            continue
        spans = [(0, a, b, 0.0) for a, b in sentences(text, p.start, p.end)]
        found = [
            c
            for c in rank_figures(question, [text], spans, {r.issuer for r in reports.values()})
            if c.mention.value == said.value and c.mention.unit == said.unit
        ]
        if not found or found[0].score < MODEL_THRESHOLD:
            there = printed_there[0]
            why = f"原文的{printed(text, there)}说的是“{label(text, there) or '其他事项'}”，与问题不符"
            continue
        return Answer(text=_read_line(reports[p.report_id], found[0], text, sources), kind="figure")
    return why


def denies(sentence: str, words: list[str]) -> bool:
    """Whether the sentence denies the fact its ``words`` name: a negation just before them
    (未收到, 没有召开, 均未发生) or a zero count just after (收到申请0件)."""
    for w in words:
        for m in re.finditer(re.escape(w), sentence):
            at = m.start()
            clause = re.split(r"[，。；,;：:、]", sentence[max(0, at - 20) : at])[-1]  # its own clause only
            if _NEGATION.search(clause[-6:]) or _NEGATED_VERB.search(clause) or _ZERO_AFTER.search(sentence[m.end() :]):
                return True
    return False


def passage_answer(
    u: Understanding,
    passages: list[Passage],
    reports: dict[str, ReportRow],
    sources: Sources,
    named: Callable[[str], bool] | None = None,
) -> Answer:
    """The answer from retrieved passages: a figure read from a sentence (``named``: see
    ``read_figure``), a list, a yes/no from the sentence that states or denies it, or quotes."""
    if not u.yesno:
        question = figure_question(u.topic)
        if question is not None:
            return read_figure(u, passages, reports, sources, question, named)
    listed = quoted_heading(u, reports, sources)
    if listed is not None:
        return listed
    # "有没有…" / "…没有？" asks; its 没有 is no word of the fact
    topic = _ASKS_WHETHER.sub(" ", u.topic) if u.yesno else u.topic
    best = best_sentences(topic, passages, sources)
    if not best or best[0][0] < 0.3:
        return refusal(f"在已收录的报告中未找到与“{u.topic}”直接相关的内容。")
    if u.yesno:  # a heading names a topic and states nothing: the sentences that state come first
        best.sort(key=lambda s: bool(_HEADING.match(sources.text(s[1].report_id)[s[2] : s[3]].strip())))
    _, p, a, b = best[0]
    listed = _items_under_heading(u, p, a, b, reports[p.report_id], sources)
    if listed is not None:
        return listed
    if _ASKS_LIST.search(u.question) and not u.yesno:
        for _, p, a, b in best[:2]:
            text = sources.text(p.report_id)
            run = enumerated(text, a, b)
            if len(run) >= 2:
                report = reports[p.report_id]
                n = sources.cite(report, a, b)
                lines = [f"据报告原文[{n}]，列出以下几点："]
                for i, (x, y) in enumerate(run, start=1):
                    lines.append(f"{i}. {condensed(text[x:y])} [{sources.cite(report, x, y)}]")
                return Answer(text="\n".join(lines), kind="list")
    lines = []
    for _, p, a, b in best:
        n = sources.cite(reports[p.report_id], a, b)
        lines.append(f"“{sources.text(p.report_id)[a:b].strip()}” [{n}]")
    verdict = None
    text = "据报告原文：\n" + "\n".join(lines)
    if u.yesno:
        score, p, a, b = best[0]
        sentence = sources.text(p.report_id)[a:b]
        words = [w for w in tokenize(topic) if len(w) >= 2 and w in sentence]
        negated = denies(sentence, words)
        if score >= 0.5:
            verdict = not negated
            text = ("是的。" if verdict else "没有。") + text
        else:
            text = "报告中没有明确的说法，相关原文如下。" + text
    return Answer(text=text, verdict=verdict, kind="passage")


def refusal(text: str) -> Answer:
    return Answer(text=text, found=False, kind="refusal")
