"""A question, read against the stored reports and the conversation so far.

A follow-up replaces what it names (issuer, year, figure, a column such as 其中自然人, a result
such as 其中被纠正) and keeps the rest of the previous turn. An issuer it names that is not on
file is reported as such, never replaced by the previous turn's issuer. Filters set on the page
fill in what every turn leaves out."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from answer.intents import (
    ASKS_KIND,
    YESNO,
    applicant_columns,
    document_columns,
    figure_metrics,
    parts_asked,
    result_columns,
    with_columns,
)
from answer.records import Understanding
from answer.years import normal, years_asked
from retrieval.issuers import Issuers, named_place, resolve

_ELLIPTIC = re.compile(r"呢[？?]?$|^(?:那|那么|还有|另外)")
_GENERIC = re.compile(
    r"政府信息公开|信息公开|政务公开|工作|年度报告|年报|报告|做得|做的|搞得|怎么样|如何|怎样|咋样|情况|好不好|好吗|总体|整体"
    r"|一下|介绍|说说|讲讲|请问|你好|您好|谢谢|在吗|哈喽|hello|hi|的|了|吗|呢|啊|吧|呀|嗯|好|那|这个|这|个|[\s\W\d_]"
)
_RANK = re.compile(
    r"(?:哪个|哪家|哪一个|哪一家|谁|什么单位)[^，。？]{0,16}(最多|最少|最高|最低|最大|最小)|排名|排行|排序"
    r"|(?:前|后)([一二三四五六七八九十\d]+)(?:名|位|个|家)?"
    r"|(?:谁|哪个|哪家|哪一个)[^，。？]{0,16}(更多|更少|多|少|更高|更低)"
)
_TOTAL = re.compile(
    r"(?:各|所有|全部|已收录的?)(?:单位|报告|地区|部门|机关|县|区|市)[^，。？]{0,16}(?:合计|总共|一共|总计|加起来|共)|总和|加起来"
)
_AVERAGE = re.compile(r"平均|均值")
_LIST = re.compile(r"哪些(?:单位|地区|部门|机关|县|区|市|报告)")
_CHANGE = re.compile(
    r"比(?:上一?年度?|去年|前一年|\d{4}年度?)[^，。？]{0,6}(?:增加|减少|增长|下降|多|少|变化|增减)|增长率|增幅|降幅|同比|变化|增减"
)
_REGION = re.compile(r"下辖|所辖|辖区内?|各(?:县|区|市|旗|镇|乡|单位|部门)")
_PLACES_UNDER = re.compile(r"下辖|所辖|辖区|各(?:县|区|市|旗|镇|乡)")
_ZH_COUNT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _across(q: str) -> tuple[str, int, bool]:
    """Which question across reports this is, how many to list, and whether the least comes first."""
    if m := _RANK.search(q):
        word = m.group(2) or ""
        best = m.group(1) or m.group(3)
        top = int(word) if word.isdigit() else _ZH_COUNT.get(word, 0) if word else 1
        ascending = bool(re.search(r"最少|最低|最小|更少|更低|后[一二三四五六七八九十\d]", q)) or best == "少"
        return "rank", top if best or word else 0, ascending
    if _AVERAGE.search(q):
        return "average", 0, False
    if _TOTAL.search(q):
        return "total", 0, False
    if _LIST.search(q):
        return "list", 0, False
    if _CHANGE.search(q):
        return "change", 0, False
    return "", 0, False


def _bare_column(q: str) -> bool:
    """The turn names a column or result but no figure of its own ("其中自然人呢", "纠正了几件")."""
    rest = re.sub(r"其中|自然人|法人或其他组织|法人|企业|商业企业|科研机构|公益组织|社会公益组织|法律服务机构|律师", "", q)
    rest = re.sub(r"维持|纠正|被纠正|撤销|其他结果|尚未审结|未审结", "", rest)
    return not figure_metrics(rest + "有多少") or rest == q


def understand(
    question: str,
    stored: Issuers,
    previous: Understanding | None = None,
    today: dt.date | None = None,
    filters: Understanding | None = None,
) -> Understanding:
    q = unicodedata.normalize("NFKC", question).strip()
    asked = years_asked(q, today)
    issuers, named, ambiguous = resolve(q, stored)
    across, top, ascending = _across(q)
    if across in ("total", "average", "list") and issuers and not _PLACES_UNDER.search(q):
        across = ""  # 某区…各部门共开设: the issuer's own figure, not one across reports
    unknown, near, others, region = "", [], [], []
    place = named_place(q)
    if across and _REGION.search(q):
        region = stored.in_place(named or place) if (named or place) else []
        if re.search(r"下辖|所辖", q):  # 某市下辖: its districts, not the city itself
            region = [i for i in region if i not in issuers] or region
        issuers, named, ambiguous = [], named or place, False
        if (named or place) and not region:
            unknown = named or place
    elif not issuers and place:
        unknown = place
        near = stored.suggest(place)
    elif len(issuers) == 1 and asked.years and named not in stored.aliases[issuers[0]]:
        # a short name fitting several places (a county and a zone of the same name): the one with the year asked
        def on_file(issuer: str) -> bool:
            return any(r.year in asked.years for r in stored.reports_of[issuer])

        fits = [i for i in stored.own_place_starting(named) if on_file(i) and not stored.body_of(i)]
        if not on_file(issuers[0]):
            issuers = fits if len(fits) == 1 else issuers
        elif len(fits) > 1 and issuers[0] in fits:  # 某某 of 某某县 and of 某某综合实验区, both that year: ask which
            issuers, ambiguous = [issuers[0], *(i for i in fits if i != issuers[0])], True
    if len(issuers) == 1 and named and not ambiguous and not region:
        others = [i for i in stored.in_place(named) if i not in issuers]
        titled = stored.titled(q, [*issuers, *others])  # "…的函里": that document's issuer
        if titled is not None and titled != issuers[0]:
            issuers, others = [titled], [i for i in [*issuers, *others] if i != titled]
    metrics = figure_metrics(q) or (figure_metrics(q + "有多少") if across else [])
    applicants, results = applicant_columns(q), result_columns(q)
    parts = parts_asked(q) if not metrics else []
    yesno = bool(YESNO.search(q))
    years = list(asked.years)
    elliptic = bool(_ELLIPTIC.search(q))
    own = bool(issuers or region)  # the question names its issuers: neither the last turn nor a filter replaces them
    if previous is not None:
        if not issuers and not unknown and not region and not across:
            issuers, named, ambiguous = list(previous.issuers), previous.issuer_text, previous.ambiguous
            others = list(previous.others)
        if not years and not across:
            years = list(previous.years or ((previous.year,) if previous.year else ()))
        documents = document_columns(q) if not metrics else []
        if previous.metrics and (applicants or results) and (not metrics or _bare_column(q)):
            metrics = with_columns(previous.metrics, applicants, results) or metrics
        elif documents and (swapped := with_columns(previous.metrics, [], [], documents)):
            metrics = swapped  # "废止的呢？" after a document figure
        elif not metrics and not parts:
            if previous.metrics and (elliptic or across):  # "行政诉讼呢？" asks the same kind of figure about something else
                metrics = figure_metrics(q + "有多少") or list(previous.metrics)
                yesno = yesno or (previous.yesno and not asked.years)
            elif previous.parts and elliptic:
                parts = list(previous.parts)
    if filters is not None:
        if filters.issuers and not own and not unknown:  # the page's filter, over what the last turn named
            issuers, named = list(filters.issuers), filters.issuer_text
        if filters.years and not asked.years:
            years = list(filters.years)
        elif filters.year and not asked.years:
            years = [filters.year]
    topic = normal(q)
    for word in (named, *asked.words, *(f"{y}年度" for y in years), *(f"{y}年" for y in years)):
        if word:
            topic = topic.replace(word, " ")
    topic = re.sub(r"\s+", " ", topic).strip()
    asks_kind = bool(ASKS_KIND.search(q))
    vague = not (metrics or parts or asks_kind or across) and len(_GENERIC.sub("", topic.replace(unknown, ""))) < 2
    return Understanding(
        question=q,
        issuers=tuple(issuers),
        issuer_text=named,
        ambiguous=ambiguous,
        year=years[0] if years else None,
        metrics=tuple(metrics),
        parts=tuple(parts),
        yesno=yesno,
        asks_kind=asks_kind,
        topic=topic or q,
        years=tuple(years),
        year_word=asked.relative,
        unknown=unknown,
        near=tuple(near),
        others=tuple(others),
        across=across,
        top=top,
        ascending=ascending,
        region=tuple(region),
        vague=vague and not unknown,
    )
