"""Which issuer a question names, from what people type: "额济纳旗", "洪泽区", "嵊州文广旅游局",
"沭阳县发改局", with or without 人民政府, the parent city or the 市/县/区 suffix."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.catalog import ReportRow

_UNIT = "省市州盟县区旗镇乡"
_PLACE = re.compile(rf"[\u4e00-\u9fff]{{1,8}}?(?:[{_UNIT}]|街道)")
_GOVERNMENT = re.compile(r"人民政府(?:办公室)?$")


@dataclass(frozen=True)
class IssuerMatch:
    issuer: str
    name: str  # the words of the question that named it
    score: float


def _places(issuer: str) -> list[str]:
    """Administrative names inside an issuer's name: 淮安市洪泽区人民政府 → 淮安市, 洪泽区."""
    base = _GOVERNMENT.sub("", issuer)
    out, pos = [], 0
    while m := _PLACE.match(base, pos):
        end = m.end()
        while end < len(base) and base[end] in _UNIT:  # 常州市: 州 is not the end of the name
            end += 1
        out.append(base[pos:end])
        pos = end
    return out


def _body(issuer: str) -> str:
    """What follows the places: 文化广电旅游局 of 嵊州市文化广电旅游局; "" for a government."""
    base = _GOVERNMENT.sub("", issuer)
    for place in _places(issuer):
        base = base[len(place) :] if base.startswith(place) else base
    return base


def _in_order(word: str, text: str) -> int:
    """How many characters of ``word`` appear in ``text`` in order (文化广电旅游局 in 文广旅游局 → 5)."""
    pos = found = 0
    for ch in word:
        i = text.find(ch, pos)
        if i >= 0:
            found += 1
            pos = i + 1
    return found


def match_issuers(question: str, reports: list[ReportRow]) -> list[IssuerMatch]:
    """Issuers the question may name, best first. An alias written out beats a loose match; a loose
    match needs the place (suffix optional) and, for a department, most of its name in order."""
    q = unicodedata.normalize("NFKC", question)
    best: dict[str, IssuerMatch] = {}
    for r in reports:
        if r.issuer in best and best[r.issuer].score >= 100:
            continue
        names = [a for a in (*r.aliases, r.issuer) if a in q]
        if names:
            name = max(names, key=len)
            found = IssuerMatch(r.issuer, name, 100 + len(name))
        else:
            places = _places(r.issuer)
            if not places:
                continue
            place = places[-1]
            stem = place[:-1] if len(place) > 2 else place
            at = q.find(stem)
            if len(stem) < 2 or at < 0:
                continue
            body = _body(r.issuer)
            after = q[at + len(stem) : at + len(stem) + len(body) + 6]
            hit = _in_order(body, after) if body else 0
            if body and hit < max(2, 0.6 * len(body)):
                continue
            found = IssuerMatch(r.issuer, q[at : at + len(stem) + (len(after) if body else 0)], 10 + len(stem) + hit)
        if r.issuer not in best or found.score > best[r.issuer].score:
            best[r.issuer] = found
    return sorted(best.values(), key=lambda m: -m.score)


def resolve(question: str, reports: list[ReportRow]) -> tuple[list[str], str, bool]:
    """The issuers the question names, the words it used, and whether one name fits several
    issuers (鼓楼区: ask which). Two names written out ("淮安市和洪泽区") are two issuers."""
    matches = match_issuers(question, reports)
    if not matches:
        return [], "", False
    exact = [m for m in matches if m.score >= 100]
    if not exact:
        tied = [m for m in matches if m.score == matches[0].score]
        return [m.issuer for m in tied], tied[0].name, len(tied) > 1
    # a name inside a longer named one (淮安市 in 淮安市洪泽区) is not a name of its own
    names = {m.name for m in exact}
    names = {n for n in names if not any(n != other and n in other for other in names)}
    chosen = [m for m in exact if m.name in names]
    ambiguous = any(sum(m.name == n for m in chosen) > 1 for n in names)
    return [m.issuer for m in chosen], "、".join(sorted(names, key=question.find)), ambiguous


def places_mentioned(question: str, reports: list[ReportRow]) -> list[str]:
    """Issuers sharing a place the question names, for "did you mean" when nothing matched."""
    q = unicodedata.normalize("NFKC", question)
    out = []
    for r in reports:
        if any(len(p) >= 2 and (p in q or (len(p) > 2 and p[:-1] in q)) for p in _places(r.issuer)) and r.issuer not in out:
            out.append(r.issuer)
    return out


_NAME_CHAR = r"(?![年月日的了在是和与及各全本我该此个共收到多少几哪有])[\u4e00-\u9fff]"
_NAMED_PLACE = re.compile(rf"(?:{_NAME_CHAR}){{2,8}}?(?:[{_UNIT}]|街道)(?:人民政府)?")


def named_place(question: str) -> str:
    """A place name the question starts with or names (南京市, 某某县人民政府), if any."""
    m = _NAMED_PLACE.search(unicodedata.normalize("NFKC", question))
    return m.group(0) if m else ""
