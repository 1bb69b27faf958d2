"""Which report years a question asks about, as people write them: 2023年, 2023年度, 二〇二三年,
23年, a bare 2023, 今年 / 去年 / 前年 / 近三年 (counted from today), and ranges (2021到2023年,
2021—2023). A report covers a calendar year, so 去年 in December 2026 is 2025."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_DIGIT = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3", "四": "4"}
_DIGIT |= {"五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_ZH_YEAR = re.compile(r"[〇零○一二三四五六七八九]{4}(?=\s*年)")
_RANGE_SEP = r"\s*(?:到|至|~|～|-|－|—|–|―|和|与|及|、|,|，)\s*"
_FULL = r"(?:19|20)\d{2}"
_RANGE = re.compile(rf"(?<!\d)({_FULL})\s*年?(?:度)?({_RANGE_SEP})((?:19|20)?\d{{2}})(?!\d)(?:\s*年)?")
_ABSOLUTE = re.compile(rf"(?<![\d.])({_FULL})(?![\d.]|\s*(?:件|条|个|元|万|人|次|项|份|%|％))")
_SHORT = re.compile(r"(?<![\d.])(\d{2})\s*年(?!代)")
_RELATIVE = (("今年", 0), ("去年", 1), ("前年", 2))  # not 本年度 / 上年: they are words of the table rows
_RECENT = re.compile(r"(?:近|最近|过去)\s*([一二两三四五六七八九十\d]+)\s*年")
_COUNT_ZH = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


@dataclass(frozen=True)
class YearsAsked:
    """The years a question names, in its order, and the words that named them."""

    years: tuple[int, ...] = ()
    words: tuple[str, ...] = ()
    relative: str = ""  # "去年" etc. when counted from today: the answer says which year that is
    span: bool = False  # a range or 近三年: every year in it, not a comparison of two


def normal(question: str) -> str:
    """NFKC, with years in Chinese numerals written in digits (二〇二三年 → 2023年)."""
    q = unicodedata.normalize("NFKC", question)
    return _ZH_YEAR.sub(lambda m: "".join(_DIGIT[c] for c in m.group(0)), q)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT_ZH.get(word, 0)


def years_asked(question: str, today: dt.date | None = None) -> YearsAsked:
    """Years the question names. Relative words count back from ``today`` (the date the question is asked)."""
    today = today or dt.date.today()
    q = normal(question)
    years: list[int] = []
    words: list[str] = []
    relative = ""
    span = False
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in _RANGE.finditer(q):
        first, sep, last = int(m.group(1)), m.group(2).strip(), m.group(3)
        end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
        listed = sep in ("和", "与", "及", "、", ",", "，")
        if end <= first or end - first > 20 or (listed and len(last) == 2 and not m.group(0).endswith("年")):
            continue
        taken.append(m.span())
        words.append(m.group(0))
        if listed:  # 2023年和2024年: two years, compared
            years += [first, end]
        else:
            years += list(range(first, end + 1))
            span = True
    for m in _ABSOLUTE.finditer(q):
        if free(*m.span()):
            taken.append(m.span())
            years.append(int(m.group(1)))
            words.append(m.group(0) + ("年度" if q.startswith("年度", m.end()) else "年" if q.startswith("年", m.end()) else ""))
    if recent := _RECENT.search(q):
        taken.append(recent.span())
        n = _count(recent.group(1))
        if 1 <= n <= 20:
            years += list(range(today.year - n, today.year))
            words.append(recent.group(0))
            relative, span = recent.group(0), True
    for m in _SHORT.finditer(q):
        if free(*m.span()) and not q[max(0, m.start() - 1) : m.start()].isdigit():
            taken.append(m.span())
            years.append(2000 + int(m.group(1)))
            words.append(m.group(0))
    for word, back in _RELATIVE:
        at = q.find(word)
        if at >= 0 and free(at, at + len(word)):
            taken.append((at, at + len(word)))
            years.append(today.year - back)
            words.append(word)
            relative = relative or word
    order = {y: i for i, y in reversed(list(enumerate(years)))}
    return YearsAsked(tuple(sorted(set(years), key=order.__getitem__)), tuple(words), relative, span)


def substitute(wanted: int, on_file: list[int]) -> int | None:
    """The year answered instead of ``wanted`` when it is not on file: the latest one before it,
    else the earliest after it; None when nothing is on file."""
    before = [y for y in on_file if y < wanted]
    if before:
        return max(before)
    after = [y for y in on_file if y > wanted]
    return min(after) if after else None
