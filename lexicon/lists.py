"""Lists as reports write them: runs of numbered items (一是…二是…, （一）（二）, 1. 2., (1) (2)),
each item a span of the text, and one line per item for an answer."""

from __future__ import annotations

import re

_NUMERALS = "一二三四五六七八九十"
# marker kinds: 一是 / （一） / 1. ; each captures the ordinal
_MARKERS = (
    ("shi", re.compile(rf"([{_NUMERALS}])是")),
    ("paren", re.compile(rf"[（(]([{_NUMERALS}]{{1,2}})[）)]")),
    ("arabic", re.compile(r"(?<![\d.])(\d{1,2})[.．、](?!\d)")),
    ("arabic_paren", re.compile(r"[（(](\d{1,2})[）)]")),
)
MAX_LINE = 60
SLIP_GAP = 250  # characters: how close a mis-numbered 一是…三是 item must follow the one before


def _ordinal(kind: str, token: str) -> int:
    if kind in ("shi", "paren"):
        if token == "十":
            return 10
        if token.startswith("十"):
            return 10 + _NUMERALS.index(token[1]) + 1
        return _NUMERALS.index(token[0]) + 1
    return int(token)


def runs(text: str, start: int, end: int) -> list[list[tuple[int, int]]]:
    """Enumerations in text[start:end]: each a list of (item start, item end), numbered 1, 2, 3…"""
    runs: list[list[tuple[int, int]]] = []
    for kind, pattern in _MARKERS:
        found = [(m.start(), _ordinal(kind, m.group(1))) for m in pattern.finditer(text, start, end)]
        # a marker counts at a line or clause start (not "其一是" inside a word)
        found = [(pos, n) for pos, n in found if pos == start or text[pos - 1] in "\n。；;：:，, \u3000" or kind == "shi"]
        run: list[int] = []
        expected = 1
        for pos, n in found:
            if n == expected or (kind == "shi" and run and abs(n - expected) == 1 and pos - run[-1] < SLIP_GAP):
                # 一是…三是…三是: an ordinal one off, close after the last, is a slip of the writer's
                run.append(pos)
                expected = max(expected, n) + 1
            elif n == 1:
                if len(run) >= 2:
                    runs.append(_spans(text, run, end))
                run, expected = [pos], 2
        if len(run) >= 2:
            runs.append(_spans(text, run, end))
    return sorted(runs, key=lambda r: r[0][0])


def untangle(runs: list[list[tuple[int, int]]], stops: list[int]) -> list[list[tuple[int, int]]]:
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
        spans.append((a, trim(text, a, b)))
    return spans


def _paragraph_end(text: str, pos: int, end: int) -> int:
    nl = text.find("\n", pos, end)
    return nl if nl >= 0 else end


def trim(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1] in " \n\u3000":
        b -= 1
    return b


def strip_marker(s: str) -> str:
    for _, pattern in _MARKERS:
        m = pattern.match(s)
        if m:
            return s[m.end() :]
    return s


def condensed(text: str) -> str:
    """One line per item: its first sentence, cut at a clause end near MAX_LINE characters."""
    line = strip_marker(text.strip())
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
    for run in untangle(runs(text, pos, end), []):
        if run[0][0] == pos:
            return run
    return []


def enumerated(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items a sentence lists in text[start:end] (一是…二是…, 1. 2., （一）（二）, or clauses
    cut at ；after a colon), any part of a report; fewer than two is no list."""
    for run in untangle(runs(text, start, min(len(text), _paragraph_end(text, start, len(text)))), []):
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
