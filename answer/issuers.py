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


class Issuers:
    """The stored issuers, indexed by every name a question may contain: their aliases, the stem
    of their last place (洪泽 of 洪泽区), and each place with or without its unit. A question is
    then compared with the few issuers whose names it contains, not with every stored report."""

    def __init__(self, reports: list[ReportRow]) -> None:
        self.reports_of: dict[str, list[ReportRow]] = {}
        self.aliases: dict[str, set[str]] = {}
        self._names: dict[str, set[str]] = {}
        self._stems: dict[str, set[str]] = {}
        self._places: dict[str, set[str]] = {}
        for r in reports:
            self.reports_of.setdefault(r.issuer, []).append(r)
            aliases = self.aliases.setdefault(r.issuer, set())
            aliases.update((*r.aliases, r.issuer))
        for issuer, aliases in self.aliases.items():
            for name in aliases:
                self._names.setdefault(name, set()).add(issuer)
            places = _places(issuer)
            if places:
                place = places[-1]
                self._stems.setdefault(place[:-1] if len(place) > 2 else place, set()).add(issuer)
            for p in places:
                for name in (p, p[:-1]) if len(p) > 2 else (p,):
                    if len(name) >= 2:
                        self._places.setdefault(name, set()).add(issuer)
        self._longest = max(map(len, [*self._names, *self._places, ""]), default=0)

    def _within(self, text: str, table: dict[str, set[str]]) -> set[str]:
        """Issuers under every key of ``table`` that occurs in ``text``."""
        found: set[str] = set()
        for i in range(len(text)):
            for j in range(i + 1, min(len(text), i + self._longest) + 1):
                found |= table.get(text[i:j], set())
        return found

    def match(self, question: str) -> list[IssuerMatch]:
        """Issuers the question may name, best first. An alias written out beats a loose match; a
        loose match needs the place (suffix optional) and, for a department, most of its name in order."""
        q = unicodedata.normalize("NFKC", question)
        best: dict[str, IssuerMatch] = {}
        for issuer in self._within(q, self._names):
            name = max((a for a in self.aliases[issuer] if a in q), key=len)
            best[issuer] = IssuerMatch(issuer, name, 100 + len(name))
        for issuer in self._within(q, self._stems) - set(best):
            place = _places(issuer)[-1]
            stem = place[:-1] if len(place) > 2 else place
            at = q.find(stem)
            if len(stem) < 2 or at < 0:
                continue
            body = _body(issuer)
            after = q[at + len(stem) : at + len(stem) + len(body) + 6]
            hit = _in_order(body, after) if body else 0
            if body and hit < max(2, 0.6 * len(body)):
                continue
            best[issuer] = IssuerMatch(issuer, q[at : at + len(stem) + (len(after) if body else 0)], 10 + len(stem) + hit)
        return sorted(best.values(), key=lambda m: (-m.score, m.issuer))

    def sharing_a_place(self, question: str) -> list[str]:
        """Issuers sharing a place the question names, for "did you mean" when nothing matched."""
        return sorted(self._within(unicodedata.normalize("NFKC", question), self._places))


def resolve(question: str, issuers: Issuers) -> tuple[list[str], str, bool]:
    """The issuers the question names, the words it used, and whether one name fits several
    issuers (鼓楼区: ask which). Two names written out ("淮安市和洪泽区") are two issuers."""
    matches = issuers.match(question)
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


_NAME_CHAR = r"(?![年月日的了在是和与及各全本我该此个共收到多少几哪有])[\u4e00-\u9fff]"
_NAMED_PLACE = re.compile(rf"(?:{_NAME_CHAR}){{2,8}}?(?:[{_UNIT}]|街道)(?:人民政府)?")


def named_place(question: str) -> str:
    """A place name the question starts with or names (南京市, 某某县人民政府), if any."""
    m = _NAMED_PLACE.search(unicodedata.normalize("NFKC", question))
    return m.group(0) if m else ""
