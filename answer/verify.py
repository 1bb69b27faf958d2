"""Checking a model's answer against the passages it was given: every [n] must exist, the
answer must cite something, and every number it states must be in a passage it cites."""

from __future__ import annotations

import re
import unicodedata

from answer.records import Citation

_MARK = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d])")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=\s*年)")


def problems(text: str, citations: list[Citation], figures: list[float] | None = None) -> list[str]:
    """What is wrong with ``text`` as an answer citing ``citations`` ([] when it checks out);
    ``figures`` are the values the answer is about, which it must state."""
    by_n = {c.n: c for c in citations}
    marks = [int(n) for n in _MARK.findall(text)]
    out = []
    if not marks:
        out.append("没有标注出处")
    missing = sorted({n for n in marks if n not in by_n})
    if missing:
        out.append("引用了不存在的编号 " + "、".join(f"[{n}]" for n in missing))
    quotes = unicodedata.normalize("NFKC", " ".join(by_n[n].quote for n in set(marks) if n in by_n)).replace(",", "")
    body = unicodedata.normalize("NFKC", _MARK.sub(" ", text)).replace(",", "")
    body = _YEAR.sub(" ", body)
    unsupported = [n for n in _NUMBER.findall(body) if not re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", quotes)]
    if unsupported:
        out.append("数字不见于所引资料：" + "、".join(dict.fromkeys(unsupported)))
    stated = set(_NUMBER.findall(body))
    left_out = [v for v in figures or [] if _plain(v) not in stated]
    if left_out:
        out.append("没有给出所问的数字 " + "、".join(_plain(v) for v in left_out))
    return out


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.6f}".rstrip("0").rstrip(".")
