"""Which issuer a question names, from what people type: "阿拉善左旗", "江宁区", "余姚文广旅游局",
"濉溪县发改局", with or without 人民政府, the parent city or the 市/县/区 suffix."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lexicon.places import is_place
from lexicon.text import cjk_bigrams
from store.records import ReportRow

_UNIT = "省市州盟县区旗镇乡"
_PLACE = re.compile(rf"[\u4e00-\u9fff]{{1,8}}?(?:[{_UNIT}]|街道)")
_GOVERNMENT = re.compile(r"人民政府(?:办公室)?$")


@dataclass(frozen=True)
class IssuerMatch:
    issuer: str
    name: str  # the words of the question that named it
    score: float


def _places(issuer: str) -> list[str]:
    """Administrative names inside an issuer's name: 南京市江宁区人民政府 → 南京市, 江宁区."""
    base = _GOVERNMENT.sub("", issuer)
    out, pos = [], 0
    while m := _PLACE.match(base, pos):
        end = m.end()
        while end < len(base) and base[end] in _UNIT:  # 杭州市: 州 is not the end of the name
            end += 1
        out.append(base[pos:end])
        pos = end
    return out


def _stem(place: str) -> str:
    """A place without its unit (江宁 of 江宁区); a two-character name as it is."""
    return place[:-1] if len(place) > 2 else place


def _body(issuer: str) -> str:
    """What follows the places: 文化广电旅游局 of 余姚市文化广电旅游局; "" for a government."""
    base = _GOVERNMENT.sub("", issuer)
    for place in _places(issuer):
        base = base[len(place) :] if base.startswith(place) else base
    return base


_BODY_END = "局委办厅院会室处站所馆队部司中心"
# a department named after a place (白沙县教育局); "一共办结了", "共办理" are no department
_DEPARTMENT = re.compile(
    rf"^[{_UNIT}]?(?!人民政府|政府|全|本|共|一共|总共)[\u4e00-\u9fff]{{1,6}}?(?:局|委员会|委|办公室|办(?![结理])|厅|院|中心)"
)
_SHORTEN = ((re.compile(r"委员会$"), "委"), (re.compile(r"^人民政府"), "政府"))


def _short_body(body: str) -> str:
    """The body as abbreviations keep it: 科学技术委员会 → 科学技术委, 人民政府办公厅 → 政府办公厅."""
    for pattern, repl in _SHORTEN:
        body = pattern.sub(repl, body)
    return body


def abbreviates(word: str, body: str) -> bool:
    """``word`` is a short form of the department ``body``: same first and last character, the
    rest in order (发改局 of 发展和改革局, 文旅局 of 文化广电旅游局, 科委 of 科学技术委员会)."""
    body = _short_body(body)
    return len(word) >= 2 and word[0] == body[0] and word[-1] == body[-1] and _in_order(word, body) == len(word)


def _abbreviation(body: str, text: str) -> str:
    """The words at the start of ``text`` that abbreviate ``body`` ("" when none do)."""
    body = _short_body(body)
    for end in range(2, min(len(text), len(body) + 2) + 1):
        if text[end - 1] == body[-1] and abbreviates(text[:end], body):
            return text[:end]
    return ""


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
    of their last place (江宁 of 江宁区), and each place with or without its unit. A question is
    then compared with the few issuers whose names it contains, not with every stored report."""

    def __init__(self, reports: list[ReportRow]) -> None:
        self.reports_of: dict[str, list[ReportRow]] = {}
        self.aliases: dict[str, set[str]] = {}
        self._names: dict[str, set[str]] = {}
        self._stems: dict[str, set[str]] = {}
        self._places: dict[str, set[str]] = {}
        self._last: dict[str, list[str]] = {}  # each issuer's own place, as printed and as corrected
        for r in reports:
            self.reports_of.setdefault(r.issuer, []).append(r)
            aliases = self.aliases.setdefault(r.issuer, set())
            aliases.update((*r.aliases, r.issuer))
        for issuer, aliases in self.aliases.items():
            for name in aliases:
                self._names.setdefault(name, set()).add(issuer)
            # the places of the name and of the aliases naming the same body (a misprinted
            # place's real name, the parent region written out)
            own = _body(issuer)
            for form in sorted({issuer, *(a for a in aliases if _body(a) == own and _places(a))}):
                places = _places(form)
                if places:
                    place = places[-1]
                    self._stems.setdefault(_stem(place), set()).add(issuer)
                    self._last.setdefault(issuer, []).append(place)
                for p in places:
                    for name in {p, _stem(p)}:
                        if len(name) >= 2:
                            self._places.setdefault(name, set()).add(issuer)
        self._body_of = {issuer: _body(issuer) for issuer in self.aliases}
        self._body_starts: dict[str, list[str]] = {}  # a department's first character → its issuers
        for issuer, body in self._body_of.items():
            if body:
                self._body_starts.setdefault(_short_body(body)[0], []).append(issuer)
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
            if not self._body_of[issuer] and _DEPARTMENT.match(q[q.find(name) + len(name) :]):
                continue  # 白沙县教育局 is not 白沙县人民政府
            best[issuer] = IssuerMatch(issuer, name, 100 + len(name))
        for issuer in self._within(q, self._stems) - set(best):
            place = next(p for p in self._last[issuer] if _stem(p) in q)
            stem = _stem(place)
            at = q.find(stem)
            if len(stem) < 2:
                continue
            body = _body(issuer)
            after = q[at + len(stem) : at + len(stem) + len(body) + 6]
            after = after[1:] if after[:1] and after[0] == place[-1] else after  # 濉溪县发改局: the unit written out
            short = _abbreviation(body, after) if body else ""
            hit = len(_short_body(body)) if short else _in_order(body, after) if body else 0
            if body and not short and hit < max(2, 0.6 * len(body)):
                continue
            if not body and _DEPARTMENT.match(after):  # 濉溪县教育局 is not 濉溪县人民政府
                continue
            unit = 1 if len(place) > 2 and q[at + len(stem) : at + len(stem) + 1] == place[-1] else 0
            typed = q[at : q.find(short or after, at) + len(short or after)] if body else q[at : at + len(stem) + unit]
            best[issuer] = IssuerMatch(issuer, typed, 10 + len(stem) + hit)
        if not best:
            best = {m.issuer: m for m in self._bodies(q)}
        return sorted(best.values(), key=lambda m: (-m.score, m.issuer))

    def _bodies(self, q: str) -> list[IssuerMatch]:
        """A department named with no place (市科委, 本市文旅局): the stored departments it
        abbreviates, of a 市 when the question says 市 before it; not when that 市 ends a place of
        the gazetteer (杭州市文旅局 is no department of another city)."""
        out = []
        starts = {ch for ch in q}
        # where a 市/县… ends a place of the gazetteer (杭州市文旅局), looked up once per question
        placed = {
            at for at in range(2, len(q)) if q[at - 1] in _UNIT and any(is_place(q[j:at]) for j in range(max(0, at - 8), at - 1))
        }
        for first in starts & self._body_starts.keys():
            for issuer in self._body_starts[first]:
                body = self._body_of[issuer]
                for at in (i for i, ch in enumerate(q) if ch == first):
                    short = _abbreviation(body, q[at:])
                    level = q[at - 1] if at else ""
                    if at in placed:
                        continue  # 杭州市文旅局 names its own place: no bare 市文旅局
                    if short and len(short) >= 2 and (level not in _UNIT or _places(issuer)[-1:][0][-1:] == level):
                        typed = q[max(0, at - 1) if level in _UNIT else at : at + len(short)]
                        out.append(IssuerMatch(issuer, typed, 10 + len(short)))
                        break
        return out

    def near(self, name: str) -> list[str]:
        """Issuers whose place is ``name`` with one character changed (睢溪县 for 濉溪县), for
        "未收录X；是否指Y？"."""
        out = set()
        for place, issuers in self._places.items():
            if len(place) == len(name) and sum(a != b for a, b in zip(place, name, strict=True)) == 1:
                out |= issuers
        return sorted(out)

    def suggest(self, name: str) -> list[str]:
        """What a name not on file may mean: one character off, else the issuers of its places."""
        places = [name, *_places(name)]
        for find in (self.near, self.in_place):
            for p in places:
                if found := find(p):
                    return found
        return []

    def body_of(self, issuer: str) -> str:
        """The department part of a stored issuer's name ("" for a government)."""
        return self._body_of.get(issuer, "")

    def own_place_starting(self, name: str) -> list[str]:
        """Issuers whose own place (the last of their name) starts with ``name``: 青川 → 青川县…,
        青川综合实验区…; not 青川市柳溪区 for 青川, which is only within 青川市."""
        return sorted(i for i, places in self._last.items() if any(p.startswith(name) for p in places))

    def in_place(self, name: str) -> list[str]:
        """Every stored issuer of a place (南京市: the city and its districts)."""
        key = name[:-1] if len(name) > 2 and name[-1] in _UNIT else name
        return sorted(self._places.get(name, set()) | self._places.get(key, set()))

    def titled(self, question: str, issuers: list[str]) -> str | None:
        """The one of ``issuers`` whose stored document the question names by its title ("…工作要点
        落实情况的函"): most of the title's own words, less the issuer's names and the words
        every annual report's title has, are in the question."""
        asked = cjk_bigrams(question)
        hits: dict[str, int] = {}
        for issuer in issuers:
            common = set().union(*(cjk_bigrams(a) for a in self.aliases.get(issuer, ())), _REPORT_TITLE)
            for r in self.reports_of.get(issuer, []):
                own = cjk_bigrams(r.title) - common
                n = len(own & asked)
                if n >= _TITLE_WORDS and n / len(own) >= _TITLE_SHARE:
                    hits[issuer] = max(hits.get(issuer, 0), n)
        top = [i for i, n in hits.items() if n == max(hits.values())]
        return top[0] if len(top) == 1 else None  # two issuers' documents fit as well: none is meant

    def sharing_a_place(self, question: str) -> list[str]:
        """Issuers sharing a place the question names, for "did you mean" when nothing matched."""
        return sorted(self._within(unicodedata.normalize("NFKC", question), self._places))


# the words of any annual report's title; a question naming another document uses words beyond them
_REPORT_TITLE = cjk_bigrams("关于年度政府信息公开工作年度报告")
_TITLE_WORDS = 4
_TITLE_SHARE = 0.6


def _parent_of(question: str, name: str, other: str, matches: list[IssuerMatch]) -> bool:
    """``name`` is written right before ``other`` and is a place of the issuers ``other`` names."""
    at = question.find(name)
    if at < 0 or question.find(other, at + len(name)) != at + len(name):
        return False
    place = name[:-1] if len(name) > 2 and name[-1] in _UNIT else name
    return all(any(p.startswith(place) for p in _places(m.issuer)[:-1]) for m in matches)


_INDEX: list[tuple[list[ReportRow], Issuers]] = []


def issuers_of(reports: list[ReportRow]) -> Issuers:
    """The index of ``reports``, built again only when the list is a new one (the library's
    report list is replaced whenever a report is added or deleted)."""
    if not _INDEX or _INDEX[0][0] is not reports:
        _INDEX[:] = [(reports, Issuers(reports))]
    return _INDEX[0][1]


def resolve(question: str, issuers: Issuers) -> tuple[list[str], str, bool]:
    """The issuers the question names, the words it used, and whether one name fits several
    issuers (鼓楼区: ask which). Two names written out ("南京市和江宁区") are two issuers."""
    matches = issuers.match(question)
    if not matches:
        return [], "", False
    by_name: dict[str, list[IssuerMatch]] = {}
    for m in matches:
        by_name.setdefault(m.name, []).append(m)
    # a name inside a longer named one (南京市 in 南京市江宁区, 白沙县 in 白沙县发改局) is not a name of its own
    names = {n for n in by_name if not any(n != other and n in other for other in by_name)}
    # 青川市柳溪区: the city's name followed by its district's is the district alone
    names = {n for n in names if not any(_parent_of(question, n, other, by_name[other]) for other in names)}
    chosen: list[IssuerMatch] = []
    ambiguous = False
    for n in sorted(names, key=question.find):
        top = [m for m in by_name[n] if m.score == max(x.score for x in by_name[n])]
        chosen += top
        ambiguous = ambiguous or len(top) > 1
    return list(dict.fromkeys(m.issuer for m in chosen)), "、".join(sorted(names, key=question.find)), ambiguous


_NAME_CHAR = r"(?![年月日的了在是和与及各全本我该此个共收到多少几哪有])[\u4e00-\u9fff]"
_NAMED_PLACE = re.compile(
    rf"(?:{_NAME_CHAR}){{2,8}}?(?:[{_UNIT}]|街道)(?:人民政府|(?!政府|全|本|共|各)[\u4e00-\u9fff]{{1,6}}?(?:局|委员会|委|办公室|厅))?"
)


_NAMED_BODY = re.compile(rf"[市县区]?(?!政府|全|本|各)(?:{_NAME_CHAR}){{1,4}}?(?:局|委员会|委|办公室|厅)(?![理结])")


def named_place(question: str) -> str:
    """A place name the question starts with or names (南京市, 某某县人民政府, 市教育局), if any."""
    q = unicodedata.normalize("NFKC", question)
    m = _NAMED_PLACE.search(q) or _NAMED_BODY.search(q)
    return m.group(0) if m else ""
