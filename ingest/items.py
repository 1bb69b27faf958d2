"""The problems a report admits and the improvements it promises (part 五, or wherever a report
without headings says them), read once at ingest: enumerated items (一是…, （一）…, 1. …), or the
clauses of the sentence that states them ("如A、B、C等"), each with its span in the cleaned text."""

from __future__ import annotations

import re
from typing import Literal

from ingest.records import Item, ItemKind, Section
from lexicon.lists import runs, strip_marker, trim, untangle

PROBLEM_CUE = re.compile(
    r"存在(?:的)?(?:主要)?(?:问题|不足|差距|短板)|(?:还|仍|也)(?:存在|有)[^。；]{0,12}(?:问题|不足|差距|短板|地方)|不足之处|主要表现(?:在|为)|主要问题"
)
IMPROVEMENT_CUE = re.compile(
    r"下一步|以下(?:几个)?(?:几|四|三|五)?(?:个)?方面|以下工作|以下(?:几项|几点)?措施|加以改进|将采取|改进措施|整改措施|改进情况|改进方向|努力方向|工作打算|工作计划|将从|将着力|针对(?:存在的?)?(?:上述)?问题"
)
_DEFICIENCY = re.compile(
    r"有待|仍待|不足|不够|尚需|还需|仍需|欠缺|不强|较弱|滞后|不高|不到位|不规范|不完善|不及时|不便|松懈|问题|差距|薄弱|单一|不全面"
)
# a sentence that names its clauses problems as a whole: "主要是A，B、C等问题"
_PROBLEM_SENTENCE = re.compile(r"等(?:问题|不足|短板|差距)[。；]?$")
# a table row numbered like a list item (其中：1、政府网站公开数 条 2543 78967)
_PART_HEADING = re.compile(r"(?<=[\s。])[一二三四五六七八九十]{1,2}、")  # 六、… after a space or a full stop
_TABULAR = re.compile(r"\d\s+\d|\||(?:条|件|个|元|次)\s*\d")
_CUE_HEADING = re.compile(r"^\s*(?:存在|主要问题|问题|改进|整改|下一步|工作打算)")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses stating a deficiency in text[start:end], split at ；，、; in a sentence that calls
    them problems as a whole (…等问题), every clause."""
    out = []
    pos = start
    whole: list[tuple[int, int]] = []
    for m in re.finditer(r"[^。]+。?", text[start:end]):
        if _PROBLEM_SENTENCE.search(m.group().strip()):
            whole.append((start + m.start(), start + m.end()))
    for piece in re.split(r"(?<=[；;，,、。])", text[start:end]):
        a, b = pos, pos + len(piece)
        pos = b
        body = piece.strip(" ；;，,、。\n")
        named = any(x <= a < y for x, y in whole) or _DEFICIENCY.search(body)
        if len(body) >= 4 and named and not PROBLEM_CUE.search(body) and not IMPROVEMENT_CUE.search(body):
            while a < b and text[a] in " \n":
                a += 1
            b = trim(text, a, b)
            out.append((a, b - 1 if text[b - 1] in "；;，,、。" else b))
    return out


def _before_table(text: str, a: int, b: int) -> int:
    """The end of an item cut before a part heading or a table row it runs into (a report on one
    line, whose last item runs on into the 统计表); 0 when the item is itself a table row."""
    row = _TABULAR.search(text, a, b)
    if row is not None and not re.search(r"[。；;，,]", text[a : row.start()]):
        return 0  # a label and its figures, not a sentence
    stops = [m.start() for m in (_PART_HEADING.search(text, a + 1, b), row) if m]
    if not stops:
        return b
    stop = min(stops)
    cut = max([text.rfind(ch, a, stop) for ch in "。；;\n"] + [a]) + 1
    cut = trim(text, a, stop if cut <= a + 1 else cut)
    return cut if len(strip_marker(text[a:cut]).strip()) >= 6 else 0


def _sentence_at(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    a = max(text.rfind(ch, start, pos) for ch in "。\n；") + 1
    b_candidates = [i for ch in "。\n" if (i := text.find(ch, pos, end)) >= 0]
    b = min(b_candidates) + 1 if b_candidates else end
    return max(a, start), b


def find_items(text: str, start: int, end: int) -> list[Item]:
    """Problem and improvement items in text[start:end]: a part 五 after its heading (which names
    both and is no cue), or a whole report that lost its headings."""
    problem_cues = [m.start() for m in PROBLEM_CUE.finditer(text, start, end)]
    # "存在的问题主要有以下几个方面": the 以下…方面 of a problem's own sentence leads the problems
    improvement_cues = [
        m.start()
        for m in IMPROVEMENT_CUE.finditer(text, start, end)
        if not (
            m.group().startswith("以下")
            and any(p < m.start() < p + 30 and not re.search(r"[，,。；;\n]", text[p : m.start()]) for p in problem_cues)
        )
    ]
    found = [
        [(a, cut) for a, b in r if (cut := _before_table(text, a, b))]
        for r in runs(text, start, end)
        if not all(_CUE_HEADING.match(strip_marker(text[a:b])) for a, b in r)
    ]
    found = [r for r in found if len(r) >= 2]
    items: list[Item] = []
    previous_kind = ""
    kind: ItemKind | Literal[""]
    for run in untangle(found, problem_cues + improvement_cues):
        first = run[0][0]
        p = max((c for c in problem_cues if c < first), default=-1)
        i = max((c for c in improvement_cues if c < first), default=-1)
        if p < 0 and i < 0:
            kind = "improvements" if previous_kind == "problems" else ""
        else:
            kind = "improvements" if i >= p else "problems"
        if kind == previous_kind == "problems" and max(p, i) < (items[-1].start if items else -1):
            kind = "improvements"  # a second list after the problems, with no cue of its own
        if not kind:
            continue
        items += [Item(kind, a, b) for a, b in run]
        previous_kind = kind
    kinds = {it.kind for it in items}
    if "problems" not in kinds and problem_cues:
        items += _problem_clauses(text, problem_cues[0], start, end, improvement_cues)
    if "improvements" not in kinds and improvement_cues:
        after = max((it.end for it in items), default=start)
        cue = next((m for m in IMPROVEMENT_CUE.finditer(text, after, end)), None)
        if cue is not None:
            a = cue.end()
            while a < end and text[a] in "，,：: ":
                a += 1
            b = _sentence_at(text, a, start, end)[1]
            items += [Item("improvements", x, y, (a, trim(text, a, b))) for x, y in _split_plain(text, a, b)]
    return sorted(items, key=lambda it: it.start)


def _split_plain(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    pos = a
    for piece in re.split(r"(?<=[；;])", text[a:b]):
        x, y = pos, pos + len(piece)
        pos = y
        if len(piece.strip(" ；;。\n")) >= 6:
            out.append((x, trim(text, x, y)))
    return out


def _problem_clauses(text: str, cue: int, start: int, end: int, improvement_cues: list[int]) -> list[Item]:
    """Problems stated in running text after a cue, up to where improvements begin."""
    stop = min((c for c in improvement_cues if c > cue), default=end)
    a, b = _sentence_at(text, cue, start, end)
    sentence = text[a:b]
    m = re.search(r"在(.{4,80}?)等?(?:方面|环节)(?:还)?(?:存在|有)", sentence)
    if m:  # "在A、B、C等方面存在不足"
        out, pos = [], a + m.start(1)
        for piece in re.split(r"(?<=、)", m.group(1)):
            out.append(Item("problems", pos, pos + len(piece.rstrip("、")), (a, trim(text, a, b))))
            pos += len(piece)
        return out
    region_end = min(stop, end)
    colon = max(text.rfind("：", cue, min(b + 1, region_end)), text.rfind(":", cue, min(b + 1, region_end)))
    lead = PROBLEM_CUE.match(text, cue)
    after = lead.end() if lead else cue
    # the problems follow a colon, or the rest of the cue's own sentence ("还存在一些问题，主要是A、B"),
    # or else the sentences after it
    begin = colon + 1 if colon > 0 else (after if b - after > 10 else b)
    # the problems end at the sentence before the improvements
    sentence_end = text.rfind("。", begin, region_end)
    limit = region_end if sentence_end < 0 else min(region_end, sentence_end + 1)
    if stop < end:
        limit = max(text.rfind("。", begin, stop) + 1, text.rfind("\n", begin, stop))
        if limit <= begin:
            limit = stop
    return [Item("problems", x, y, (begin, trim(text, begin, limit))) for x, y in _clauses(text, begin, limit)]


def part_items(text: str, sections: tuple[Section, ...]) -> tuple[Item, ...]:
    """The items of part 五 after its heading (which names both and is no cue), or of the whole
    text when the report has no part 五."""
    part = next((s for s in sections if s.part == "problems_improvements"), None)
    start, end = (part.start + len(part.heading), part.end) if part else (0, len(text))
    return tuple(find_items(text, start, end))
