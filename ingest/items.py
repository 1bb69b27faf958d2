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
    r"下一步|以下(?:几个)?(?:几|四|三|五)?(?:个)?方面|以下工作|改进措施|整改措施|改进情况|改进方向|努力方向|工作打算|工作计划|将从|将着力|针对(?:存在的?)?(?:上述)?问题"
)
_DEFICIENCY = re.compile(
    r"有待|不足|不够|尚需|还需|仍需|欠缺|不强|较弱|滞后|不高|不到位|不规范|不完善|不及时|松懈|问题|差距|薄弱|单一|不全面"
)
_CUE_HEADING = re.compile(r"^\s*(?:存在|主要问题|问题|改进|整改|下一步|工作打算)")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses stating a deficiency in text[start:end], split at ；，、."""
    out = []
    pos = start
    for piece in re.split(r"(?<=[；;，,、。])", text[start:end]):
        a, b = pos, pos + len(piece)
        pos = b
        body = piece.strip(" ；;，,、。\n")
        if len(body) >= 4 and _DEFICIENCY.search(body) and not PROBLEM_CUE.search(body) and not IMPROVEMENT_CUE.search(body):
            while a < b and text[a] in " \n":
                a += 1
            b = trim(text, a, b)
            out.append((a, b - 1 if text[b - 1] in "；;，,、。" else b))
    return out


def _sentence_at(text: str, pos: int, start: int, end: int) -> tuple[int, int]:
    a = max(text.rfind(ch, start, pos) for ch in "。\n；") + 1
    b_candidates = [i for ch in "。\n" if (i := text.find(ch, pos, end)) >= 0]
    b = min(b_candidates) + 1 if b_candidates else end
    return max(a, start), b


def find_items(text: str, start: int, end: int) -> list[Item]:
    """Problem and improvement items in text[start:end]: a part 五 after its heading (which names
    both and is no cue), or a whole report that lost its headings."""
    problem_cues = [m.start() for m in PROBLEM_CUE.finditer(text, start, end)]
    improvement_cues = [m.start() for m in IMPROVEMENT_CUE.finditer(text, start, end)]
    found = [r for r in runs(text, start, end) if not all(_CUE_HEADING.match(strip_marker(text[a:b])) for a, b in r)]
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
    begin = colon + 1 if colon > 0 else b
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
