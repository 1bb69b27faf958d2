"""Find a report's parts (一、总体情况 … 六、其他需要报告的事项, or the older up-to-十二 parts)
even when headings run into their paragraph or lose their numerals."""

from __future__ import annotations

import re

from ingest.records import CleanDocument, Section

NUMERALS = "一二三四五六七八九十"

# Canonical part keys and the words that identify them in a heading, most specific first.
PART_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("review_litigation", ("行政复议", "行政诉讼", "复议", "诉讼")),
    ("applications", ("收到和处理", "依申请", "申请的办理", "申请情况", "申请办理")),
    ("fees", ("收费",)),
    ("problems_improvements", ("存在的主要问题", "问题", "改进", "不足", "整改")),
    ("other", ("其他需要报告", "其他报告", "需要说明", "其他事项", "附表")),
    ("proactive", ("主动公开",)),
    ("overview", ("总体情况", "概述", "基本情况", "总体")),
    ("platform", ("平台",)),
    ("organization", ("组织领导", "制度建设")),
)
OFFICIAL_TITLES = (
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
)

_CANDIDATE = re.compile(rf"(?P<num>十[一二]?|[{NUMERALS}])\s*[、.．]\s*(?P<title>[^\n。；;！？]{{2,60}})")
_SENTENCE_BEFORE = re.compile(r"[。；！？!?]\s*$|^\s*$")
_MARKDOWN_HEADING = re.compile(r"\s*#{1,6}\s*")
# a flattened table's last figure, run into the next part's heading ("…收费9116.36 三、收到和处理…")
_FIGURE_BEFORE = re.compile(r"[\d%）)]\s*(?:万元|元|件|条|个|项)?\s*$")


def numeral_value(num: str) -> int:
    if num.startswith("十"):
        return 10 + (NUMERALS.index(num[1]) + 1 if len(num) > 1 else 0)
    return NUMERALS.index(num) + 1


def part_key(title: str) -> str:
    for key, words in PART_WORDS:
        if any(w in title for w in words):
            return key
    return "misc"


def _trim_title(title: str, line_start: bool) -> str:
    """A run-in heading ends where its paragraph begins: at a space, a year or the end of an official title."""
    for official in OFFICIAL_TITLES:
        if title.startswith(official):
            return official
    title = re.split(r"\s|(?=(?:19|20)\d{2}年)|[，,：:]", title, maxsplit=1)[0]
    return title if line_start or len(title) <= 30 else ""


def find_sections(clean: CleanDocument, is_report: bool) -> tuple[Section, ...]:
    text = clean.text
    tables = [(p.start, p.end) for p in clean.paragraphs if p.table is not None]
    heads: list[tuple[int, int, str]] = []  # (start, numeral, heading)
    expected = 1
    # candidates may overlap: a table row "四、结转下年度…" can run into the heading "四、政府信息公开行政复议…"
    for at in re.finditer(rf"(?=(?:十[一二]?|[{NUMERALS}])\s*[、.．])", text):
        m = _CANDIDATE.match(text, at.start())
        if m is None:
            continue
        start = m.start()
        if any(a <= start < b for a, b in tables):
            continue
        before = text[text.rfind("\n", 0, start) + 1 : start]
        # a markdown heading from a PDF converter ("## 一、总体情况") starts its line too
        line_start = start == 0 or text[start - 1] == "\n" or bool(_MARKDOWN_HEADING.fullmatch(before))
        value = numeral_value(m.group("num"))
        title = _trim_title(m.group("title"), line_start)
        if not title:
            continue
        known = part_key(title) != "misc" or any(o in title for o in OFFICIAL_TITLES)
        if not line_start and not _SENTENCE_BEFORE.search(before) and not (known and _FIGURE_BEFORE.search(before)):
            continue
        if value == expected or (line_start and expected < value <= expected + 1):
            if line_start and len(m.group(0).split("\n")[0]) > 60 and not known:
                continue
            if not line_start and not known:
                continue
            heads.append((start, value, f"{m.group('num')}、{title}"))
            expected = value + 1
    # headings that lost their numerals: an official title alone on its line
    for m in re.finditer(rf"(?m)^({'|'.join(OFFICIAL_TITLES)})$", text):
        if not any(abs(m.start() - s) < 5 for s, _, _ in heads):
            heads.append((m.start(), 0, m.group(1)))
    heads.sort()
    sections: list[Section] = []
    if not heads:
        return (Section(part="body", heading="", start=0, end=len(text)),) if text else ()
    if heads[0][0] > 0:
        sections.append(Section(part="preamble", heading="", start=0, end=heads[0][0]))
    for i, (start, _, heading) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        title = re.sub(rf"^[{NUMERALS}]+、", "", heading)
        key = part_key(title) if is_report else "misc"
        sections.append(Section(part=key, heading=heading, start=start, end=end))
    return tuple(sections)
