"""The figure reader: a count a report states in a sentence, for any question the figure vocabulary
does not cover ("访问量是多少人次", "财政预决算信息有几条").

A sentence often states several figures ("共发布信息N条，其中：A类N条；B类N条…"), so the sentence
is not the answer: each number + unit mention is scored by the words tied to it, from the previous
punctuation or number up to its unit (its local context), against the question's noun phrase and
unit. Numbers written in words (三次, 两期, 一千余条) are read with cn2an; the figure is quoted as
printed, approximations included (N余条 stays N余条)."""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import cn2an

log = logging.getLogger(__name__)

# longest first: 人次 before 人 and 次, 万元 before 元
UNITS = (
    "人次",
    "万元",
    "亿元",
    "个百分点",
    "%",
    "％",
    "元",
    "条",
    "件",
    "个",
    "次",
    "项",
    "期",
    "家",
    "人",
    "名",
    "场",
    "篇",
    "份",
    "起",
    "批",
    "部",
    "套",
    "户",
    "所",
)
# units a question and a report use for the same kind of count
_KINDRED = (
    frozenset({"条", "件", "个", "项", "篇", "份"}),
    frozenset({"人", "名", "人次"}),
    frozenset({"次", "场", "期", "批"}),
    frozenset({"元", "万元", "亿元"}),
    frozenset({"件", "起"}),
    frozenset({"%", "个百分点"}),
)
_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_UNIT_RE = "|".join(re.escape(u) for u in UNITS)
_MENTION = re.compile(
    rf"(?P<pre>近|约|逾)?"
    rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|[{_CN_DIGITS}]+)"
    rf"(?P<mult>万|亿)?(?P<approx>余|多)? ?"
    rf"(?P<unit>{_UNIT_RE})"
)
# after the unit, words that make the mention no count: 一次性, 三个月, 个人, 条例, 件事 is fine
_NOT_A_COUNT_AFTER = re.compile(r"性|月|人员|体|例|款|级|类|面|号|层|化|是|员")
_NOT_A_COUNT_BEFORE = re.compile(r"第|每|逐|统|唯|万|进|之|单|同|另|专|周|星期$")
_BOUNDARY = re.compile(r"[，。；：、,;:（）()\[\]【】\n|“”\"！？!?]")
_ASKS_COUNT = re.compile(r"多少|(?<!哪)几(?=[\u4e00-\u9fff])|是多少|数量|总数|共计|一共|合计|总计|共有")
_ASKED_UNIT = re.compile(rf"(?:多少|(?<!哪)几)(?P<unit>{_UNIT_RE}|名|位)")
_UNIT_AFTER_ASK = re.compile(rf"(?:多少|(?<!哪)几)(?:{_UNIT_RE}|名|位)?")
# question words that carry no meaning of the figure asked
_FILLER = re.compile(
    r"是多少|有多少|多少|有几|几|共计|一共|总共|合计|总计|共|累计|分别|大概|大约|约|请问|"
    r"报告|年度|全年|本年|今年|当年|上年|了|的|是|有|为|吗|呢|达到?|[？?。，,、：:“”\"（）()\s]"
)
# the last words before the number that only join it to its noun ("访问量达N", "共计N")
_JOINERS = re.compile(r"(?:共计|合计|总计|累计|达到|共有|分别为|分别|为|达|共|计|约|近|逾|是|有|了)+$")
_LEAD = re.compile(r"^(?:其中|另外|此外|同时|全年|年|共|并|已|累计)+")


@dataclass(frozen=True)
class Mention:
    """A number + unit in a report's text: the span of the figure as printed and of its context."""

    start: int  # the figure as printed, unit included: text[start:end]
    end: int
    value: float
    unit: str
    approximate: bool  # 余 / 多 / 近 / 约 / 逾
    context_start: int  # the words tied to the number: text[context_start:start]
    after_end: int  # words after the unit up to the next mark: text[end:after_end]


@dataclass(frozen=True)
class FigureQuestion:
    """What a count question asks: its noun phrase (without issuer, year, question words) and unit."""

    phrase: str
    head: str  # the words next to 多少 / 几, which name the thing counted
    unit: str | None


@dataclass(frozen=True)
class Candidate:
    score: float
    mention: Mention
    sentence: tuple[int, int]
    source: int  # index of the text the sentence came from, in the order given


def asks_count(question: str) -> bool:
    return bool(_ASKS_COUNT.search(unicodedata.normalize("NFKC", question)))


def figure_question(topic: str) -> FigureQuestion | None:
    """The count a question asks for; None when it asks no count."""
    q = unicodedata.normalize("NFKC", topic)
    if not asks_count(q):
        return None
    m = _ASKED_UNIT.search(q)
    unit = m.group("unit") if m else None
    unit = {"名": "人", "位": "人"}.get(unit or "", unit)
    ask = _UNIT_AFTER_ASK.search(q) or _ASKS_COUNT.search(q)
    assert ask is not None
    before, after = q[: ask.start()], q[ask.end() :]
    head = _FILLER.sub(" ", after).strip() or _FILLER.sub(" ", before).strip().split(" ")[-1]
    phrase = _FILLER.sub(" ", f"{before} {after}")
    return FigureQuestion(phrase=re.sub(r"\s+", " ", phrase).strip(), head=head.replace(" ", ""), unit=unit)


# words after a count that say whose it is: "26个单位的主动公开信息" counts 单位
WHOSE = re.compile(r"^[\u4e00-\u9fff]{1,4}?的")
# where the noun after a count ends: a verb, a preposition or 的 ("多少个单位参与了…", "几家单位在专栏…")
_NOUN_END = re.compile(r"的|在|参与|参加|涉及|是|由|对|向|从|被|进行|开展|了|中|里|呢|吗|啊")


def counted_noun(question: str) -> str:
    """The thing a question counts, named after 多少 / 几 and the unit ("多少件申请" → 申请,
    "多少个单位的主动公开信息" → 单位): up to a verb, a preposition or 的; "" when no noun
    follows the unit."""
    q = unicodedata.normalize("NFKC", question)
    m = _ASKED_UNIT.search(q)
    if not m:
        return ""
    words = re.split(r"[^\u4e00-\u9fff]", q[m.end() :], maxsplit=1)[0]
    end = _NOUN_END.search(words)
    return words[: end.start() if end else len(words)]


def _value(num: str) -> float | None:
    num = num.replace(",", "")
    if num[0].isdigit():
        try:
            return float(num)
        except ValueError:
            return None
    try:
        return float(cn2an.cn2an(num, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Every number + unit in text[start:end] that counts something (no years, dates, ordinals)."""
    end = len(text) if end is None else end
    out: list[Mention] = []
    previous_end = start
    for m in _MENTION.finditer(text, start, end):
        num = m.group("num")
        if num[0] in "零〇" or (not num[0].isdigit() and num in ("万", "亿", "百", "千")):
            continue
        before = text[max(start, m.start() - 2) : m.start()]
        after = text[m.end() : m.end() + 2]
        if not num[0].isdigit():
            if _NOT_A_COUNT_BEFORE.search(before[-1:] or " ") or _NOT_A_COUNT_AFTER.match(after):
                continue
        elif m.start() > 0 and (text[m.start() - 1] in ".-/" or text[m.start() - 1].isdigit()):
            continue
        if m.group("unit") == "个" and after[:1] in "月工":
            continue
        value = _value(num)
        if value is None:
            continue
        if m.group("mult") == "万":
            value *= 10_000
        elif m.group("mult") == "亿":
            value *= 100_000_000
        figure_start = m.start()
        # the context begins after the last mark or number before this figure
        a = figure_start
        while a > previous_end and not _boundary(text, a - 1) and not text[a - 1].isdigit():
            a -= 1
        b = m.end()
        limit = min(end, b + 20)
        while b < limit and not _boundary(text, b) and not text[b].isdigit():
            b += 1
        out.append(
            Mention(
                start=figure_start,
                end=m.end(),
                value=value,
                unit=m.group("unit"),
                approximate=bool(m.group("pre") or m.group("approx")),
                context_start=max(a, start),
                after_end=b,
            )
        )
        previous_end = m.end()
    return out


def label(text: str, mention: Mention) -> str:
    """The report's own words for the figure: its context without the words that join it to the number."""
    words = _LEAD.sub("", _JOINERS.sub("", text[mention.context_start : mention.start].strip()))
    return words.strip()


_WRAPPED = re.compile(r"[\u4e00-\u9fff\d，、,（(“]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
WRAP_WIDTH = 20  # a line this long that ends inside a sentence was wrapped by the PDF, not ended


def wrapped_at(text: str, i: int) -> bool:
    """Whether the line break at text[i] is a PDF line wrap inside a sentence."""
    if text[i] != "\n" or i == 0 or i + 1 >= len(text):
        return False
    line_start = text.rfind("\n", 0, i) + 1
    return (
        i - line_start >= WRAP_WIDTH
        and bool(_WRAPPED.match(text[i - 1]))
        and bool(_WRAPPED.match(text[i + 1]))
        and "|" not in text[line_start:i]
    )


def _boundary(text: str, i: int) -> bool:
    """Whether text[i] separates a figure's words from the words before it: a mark, a line end
    that is no wrap, or a space between two words (not the space around a number in PDF text)."""
    ch = text[i]
    if ch == "\n":
        return not wrapped_at(text, i)
    if ch in " \u3000":
        return 0 < i < len(text) - 1 and bool(_CJK.match(text[i - 1])) and bool(_CJK.match(text[i + 1]))
    return bool(_BOUNDARY.match(ch))


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of text[start:end], ending at 。！？ or at a line end; a line broken inside a
    sentence (text from a PDF: the line ends in a word and the next goes on) does not end it."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    a = start
    for i in range(start, end):
        ch = text[i]
        if ch in "。！？" or (ch == "\n" and not wrapped_at(text, i)):
            b = i + 1 if ch != "\n" else i
            out.append((a, b))
            a = i + 1
    if a < end:
        out.append((a, end))
    kept = []
    for a, b in out:
        while a < b and text[a] in " \u3000|\n":
            a += 1
        while b > a and text[b - 1] in " \u3000\n":
            b -= 1
        if b - a >= 4:
            kept.append((a, b))
    return kept


def _grams(s: str) -> set[str]:
    s = re.sub(r"[^\u4e00-\u9fffA-Za-z]", " ", s)
    out: set[str] = set()
    for piece in s.split():
        if len(piece) == 1:
            out.add(piece)
        out.update(piece[i : i + 2] for i in range(len(piece) - 1))
    return out


def units_fit(asked: str | None, unit: str) -> float:
    if asked is None or asked == unit:
        return 1.0
    if any(asked in group and unit in group for group in _KINDRED):
        return 0.75
    return 0.0


def rank(
    question: FigureQuestion,
    texts: list[str],
    sentences: Iterable[tuple[int, int, int, float]],
    issuers: Iterable[str] = (),
) -> list[Candidate]:
    """Mentions in ``sentences`` (text index, start, end, retrieval bonus) best first.

    Recall: the share of the question's bigrams found in the mention's own context (in full), the
    words after its unit (most), the sentence before it (some: a clause "共办结N件" leaves its noun
    to the clause before), the rest of the sentence (little); the words next to 多少 / 几 count
    triple. Precision: the share of its own context the question explains ("答复总数" is not
    "同意公开答复"). A unit of another kind than the one asked rules a mention out."""
    phrase, head = _grams(question.phrase), _grams(question.head)
    found: list[tuple[int, int, int, float, Mention, set[str], set[str], set[str], set[str]]] = []
    for i, a, b, bonus in sentences:
        text = texts[i]
        mentions = find_mentions(text, a, b)
        if not mentions:
            continue
        sentence = _grams(text[a:b])
        for m in mentions:
            if not units_fit(question.unit, m.unit):
                continue
            own, after = _grams(label(text, m)), _grams(text[m.end : m.after_end])
            clause = max(a, text.rfind("；", a, m.context_start) + 1, text.rfind(";", a, m.context_start) + 1)
            left = _grams(text[clause : m.context_start])
            found.append((i, a, b, bonus, m, own, after, left, sentence))
    # a bigram tied to most figures ("政府信息", "申请") tells little about which one is meant;
    # the rare one ("办结", "纠正") tells most
    df: dict[str, int] = {}
    for *_, own, after, _, _ in found:
        for g in (own | after) & phrase:
            df[g] = df.get(g, 0) + 1
    n = max(1, len(found))
    # the issuer's name and words the reports never use ("函中说") tell nothing about the figure
    named = set().union(*(_grams(name) for name in issuers)) if issuers else set()
    anywhere = set().union(*(s for *_, s in found)) if found else set()
    rest = {g for g in phrase - head if g not in named and g in anywhere}
    weight = {g: 0.3 + math.log((n + 1) / (df.get(g, 0) + 1)) for g in head | rest}

    def share(grams: set[str], own: set[str], after: set[str], left: set[str], sentence: set[str]) -> float:
        total = sum(weight[g] for g in grams)
        if not total:
            return 0.0
        got = 0.0
        for g in grams:
            got += weight[g] * (1.0 if g in own else 0.8 if g in after else 0.5 if g in left else 0.15 if g in sentence else 0.0)
        return got / total

    out: list[Candidate] = []
    for i, a, b, bonus, m, own, after, left, sentence in found:
        recall_head = share(head, own, after, left, sentence)
        recall = 0.5 * recall_head + 0.5 * share(rest, own, after, left, sentence) if rest else recall_head
        said = own or after
        precision = len(said & phrase) / len(said) if said else 0.5
        score = recall * (0.6 + 0.4 * precision) * units_fit(question.unit, m.unit) + bonus
        out.append(Candidate(round(score, 4), m, (a, b), i))
    out.sort(key=lambda c: (-c.score, c.source, c.mention.start))
    return out


def printed(text: str, mention: Mention) -> str:
    return text[mention.start : mention.end]
