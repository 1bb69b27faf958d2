"""The problems and the improvements a report lists (part 五, or wherever a report without headings
says them): enumerated items (一是…, （一）…, 1. …), or the clauses of the sentence that states
them ("如A、B、C等"), each with its span in the cleaned text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMERALS = "一二三四五六七八九十"
# marker kinds: 一是 / （一） / 1. ; each captures the ordinal
_MARKERS = (
    ("shi", re.compile(rf"([{_NUMERALS}])是")),
    ("paren", re.compile(rf"[（(]([{_NUMERALS}]{{1,2}})[）)]")),
    ("arabic", re.compile(r"(?<![\d.])(\d{1,2})[.．、](?!\d)")),
    ("arabic_paren", re.compile(r"[（(](\d{1,2})[）)]")),
)
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
MAX_LINE = 60


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    kind: str  # problems / improvements
    quote: tuple[int, int] | None = None  # the sentence to cite when the item is one clause of it

    @property
    def cited(self) -> tuple[int, int]:
        return self.quote or (self.start, self.end)


def _ordinal(kind: str, token: str) -> int:
    if kind in ("shi", "paren"):
        if token == "十":
            return 10
        if token.startswith("十"):
            return 10 + _NUMERALS.index(token[1]) + 1
        return _NUMERALS.index(token[0]) + 1
    return int(token)


def _runs(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Enumerations in text[start:end]: each a list of (item start, item end), numbered 1, 2, 3…"""
    runs: list[list[tuple[int, int]]] = []
    for kind, pattern in _MARKERS:
        found = [(m.start(), _ordinal(kind, m.group(1))) for m in pattern.finditer(text, start, end)]
        # a marker counts at a line or clause start (not "其一是" inside a word)
        found = [(pos, n) for pos, n in found if pos == start or text[pos - 1] in "\n。；;：:，, \u3000" or kind == "shi"]
        run: list[int] = []
        expected = 1
        for pos, n in found:
            if n == expected:
                run.append(pos)
                expected += 1
            elif n == 1:
                if len(run) >= 2:
                    runs.append(_spans(text, run, end))
                run, expected = [pos], 2
        if len(run) >= 2:
            runs.append(_spans(text, run, end))
    return sorted(runs, key=lambda r: r[0][0])


def _untangle(runs: list[list[tuple[int, int]]], stops: list[int]) -> list[list[tuple[int, int]]]:
    """A run's last item ends where the next run or a cue begins; a run inside an item of another
    run (sub-points of one item) is left to that item."""
    starts = sorted({r[0][0] for r in runs} | set(stops))
    cut = []
    for r in runs:
        a, b = r[-1]
        b = min([b] + [s for s in starts if s > a + 4])
        cut.append(r[:-1] + [(a, b)])
    kept: list[list[tuple[int, int]]] = []
    for r in cut:
        if not any(a < r[0][0] and r[-1][1] <= b for other in kept for a, b in other):
            kept.append(r)
    return kept


def _spans(text: str, starts: list[int], end: int) -> list[tuple[int, int]]:
    spans = []
    for i, a in enumerate(starts):
        b = starts[i + 1] if i + 1 < len(starts) else _paragraph_end(text, a, end)
        spans.append((a, _trim(text, a, b)))
    return spans


def _paragraph_end(text: str, pos: int, end: int) -> int:
    nl = text.find("\n", pos, end)
    return nl if nl >= 0 else end


def _trim(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1] in " \n\u3000":
        b -= 1
    return b


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
            b = _trim(text, a, b)
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
    runs = [r for r in _runs(text, start, end) if not all(_CUE_HEADING.match(_strip_marker(text[a:b])) for a, b in r)]
    runs = _untangle(runs, problem_cues + improvement_cues)
    items: list[Item] = []
    previous_kind = ""
    for run in runs:
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
        items += [Item(a, b, kind) for a, b in run]
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
            items += [Item(x, y, "improvements", (a, _trim(text, a, b))) for x, y in _split_plain(text, a, b)]
    return sorted(items, key=lambda it: it.start)


def _split_plain(text: str, a: int, b: int) -> list[tuple[int, int]]:
    out = []
    pos = a
    for piece in re.split(r"(?<=[；;])", text[a:b]):
        x, y = pos, pos + len(piece)
        pos = y
        if len(piece.strip(" ；;。\n")) >= 6:
            out.append((x, _trim(text, x, y)))
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
            out.append(Item(pos, pos + len(piece.rstrip("、")), "problems", (a, _trim(text, a, b))))
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
    return [Item(x, y, "problems", (begin, _trim(text, begin, limit))) for x, y in _clauses(text, begin, limit)]


def _strip_marker(s: str) -> str:
    for _, pattern in _MARKERS:
        m = pattern.match(s)
        if m:
            return s[m.end() :]
    return s


def condensed(text: str) -> str:
    """One line per item: its first sentence, cut at a clause end near MAX_LINE characters."""
    line = _strip_marker(text.strip())
    sentences = re.split(r"(?<=[。])", line, maxsplit=1)
    first = sentences[0].rstrip("。；;，, ")
    if len(first) < 20 and len(sentences) > 1:  # a short lead ("加强对典型案例的研究"): say what it means
        first = f"{first}：{sentences[1].rstrip('。；;，, ')}"
    if len(first) <= MAX_LINE:
        return first
    cut = max(first.rfind(ch, 0, MAX_LINE) for ch in "，；、,;")
    return (first[:cut] if cut > 15 else first[:MAX_LINE]) + "…"


def list_after(text: str, pos: int, limit: int = 3000) -> list[tuple[int, int]]:
    """The enumerated items that begin right after ``pos`` (the items under a heading)."""
    while pos < len(text) and text[pos] in " \n\u3000":
        pos += 1
    end = min(len(text), pos + limit)
    for run in _untangle(_runs(text, pos, end), []):
        if run[0][0] == pos:
            return run
    return []


def enumerated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items a sentence lists in text[start:end] (一是…二是…, 1. 2., （一）（二）, or clauses
    cut at ；after a colon), any part of a report; fewer than two is no list."""
    for run in _untangle(_runs(text, start, min(len(text), _paragraph_end(text, start, len(text)))), []):
        if start <= run[0][0] < end:
            return [(a, min(b, _paragraph_end(text, a, len(text)))) for a, b in run]
    colon = max(text.rfind("：", start, end), text.rfind(":", start, end))
    if colon < 0:
        return []
    pieces, pos = [], colon + 1
    for piece in re.split(r"(?<=[；;])", text[colon + 1 : end]):
        x, y = pos, pos + len(piece)
        pos = y
        body = piece.strip(" ；;。\n")
        if len(body) >= 2:
            a = x + piece.index(body[0])
            pieces.append((a, a + len(body)))
    return pieces if len(pieces) >= 2 else []
