"""Who published a report, for which year, and what kind of document it is.

Evidence, strongest first: a crawler's or page's header fields (标题, 发布机构, 发布时间, 来源,
索引号), a markdown heading, the title as printed (also over two or three lines, after a line
正文 or a date line), the body's own words (本报告由…编制, 我局, 本机关, 区管委会), the signature
and date at the end, and only then the file name. ``Metadata.found`` says which one gave each
field. The issuer is the body that reports: a 办公厅's own report is the 办公厅's."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ingest.identity import (
    ABBREVIATIONS,
    GOVERNMENT,
    aliases,
    canonical,
    corrected,
    expand,
)
from ingest.records import CleanDocument, Layout, LoadedDocument, Metadata, ReportKind
from lexicon.places import leading_places, parents

__all__ = ["aliases", "describe"]

log = logging.getLogger(__name__)

_YEAR = r"((?:19|20)\d{2})"
_TITLE_HINT = re.compile(r"年度报告|年报|工作要点|通知|报告|的函")
_TITLE_END = re.compile(r"(?:年度报告|年报|工作报告|报告|的函|通知|工作要点)$")
_REPORT_SUFFIX = re.compile(
    rf"(?:{_YEAR}\s*年度?)?\s*(?:度)?(?:政府信息公开|政务公开|信息公开)?(?:工作)?(?:年度报告|年报|工作报告).*$"
)
_ORG_END = r"(?:人民政府|管理委员会|管委会|委员会|局|办公室|办公厅|厅|委|中心|院|署|镇|乡|街道|旗|县|区|市)"
_ORG = rf"[\u4e00-\u9fff（）()]{{2,30}}?{_ORG_END}"
_LOOKS_LIKE_BODY = re.compile(r"[省市县区旗镇乡局委办厅府]|街道|中心")

# Crawler and page header fields ("标题: …", "发布机构：…"), one a line.
_HEADER_KEYS: tuple[str, ...] = ("标题", "题名", "名称", "发布机构", "发布单位", "发文机关", "发布时间", "发布日期")
_HEADER_KEYS += ("成文日期", "来源", "文章来源", "信息来源", "索引号", "文号", "栏目", "主题分类")
_HEADER_LINE = re.compile(rf"^[-•·*\s]*({'|'.join(_HEADER_KEYS)})\s*[:：]\s*(.*?)\s*$")
_KEY_VALUE = re.compile(r"^\s*[\u4e00-\u9fff]{2,8}\s*[:：]")  # any other crawler field (原文链接: …)
_SEPARATOR = re.compile(r"^[=\-—_*#\s]*(?:正文|全文|内容)[=\-—_*#\s]*$")
_DATE_LINE = re.compile(r"^[（(]?\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\s*[)）]?$")
_MARKDOWN = re.compile(r"^\s*(#{1,6})\s+(.+?)\s*#*\s*$")
_SENTENCE = re.compile(r"[。；;，,！？!?]")

_COMPILED_BY = re.compile(rf"本(?:年度)?报告由({_ORG})(?:根据|依据|按照|编制|负责)")
_PUBLISHES = re.compile(rf"现将({_ORG})\s*{_YEAR}\s*年")
_SUBJECT = re.compile(rf"(?:^|[，,。\n])\s*(?:{_YEAR}\s*年(?:度)?[，,]?\s*)?({_ORG}人民政府)")
_SOURCE_INLINE = re.compile(r"(?:文章来源|信息来源|来源)\s*[:：]\s*([\u4e00-\u9fff（）()]{2,30})")
_SIGNATURE = re.compile(
    rf"(?:^|[\s。；;])({_ORG})\s*[（(]?\s*{_YEAR}\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日\s*[)）]?[\s\S]{{0,12}}$"
)
_DATE_DASH = re.compile(r"(?:发布|公开|更新|成文)(?:日期|时间)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]?\s*$")

# How a report speaks of itself: as an office (我厅, 本办) or as a territory's government (我县, 全区).
_SELF_OFFICE = re.compile(r"[我本](?:厅|办)(?![理法公事])|本机关")
_SELF_REGION = re.compile(r"(?:我|全)(?:省|市|县|区|旗|镇|乡)(?![长委级直属])")
_SELF_KIND = (
    (re.compile(r"[我本]局"), "局"),
    (re.compile(r"[我本]委(?!员)"), "委"),
    (re.compile(r"区管委会|[我本]管委会"), "管委会"),
)


@dataclass(frozen=True)
class _Evidence:
    name: str
    how: str


def _tidy(text: str) -> str:
    """A title or name as one string: no markdown marks, no spaces between Chinese and digits."""
    text = _MARKDOWN.sub(r"\2", text).strip()
    return re.sub(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])", "", text)


def _header(doc: LoadedDocument) -> dict[str, str]:
    """Fields of a crawler's header (before its 正文 line) and of a page's metadata box."""
    fields: dict[str, str] = {k: v for k, v in doc.hints.items() if v}
    if "名称" in fields:
        fields.setdefault("标题", fields["名称"])
    seen_field = False
    for block in doc.blocks[:40]:
        for line in block.text.splitlines():
            if _SEPARATOR.match(line) and seen_field:
                return fields
            m = _HEADER_LINE.match(line)
            if m:
                seen_field = True
                if m.group(2):
                    fields.setdefault(m.group(1), m.group(2))
            elif seen_field and len(line) > 80 and not _KEY_VALUE.match(line):
                return fields
    return fields


def _lead_lines(clean: CleanDocument) -> list[str]:
    """The first lines of text, without header fields, 正文 separators and date lines."""
    lines = []
    for p in clean.paragraphs[:16]:
        if p.table is not None:
            continue
        text = p.text.strip()
        if not text or _SEPARATOR.match(text) or _DATE_LINE.match(text) or _KEY_VALUE.match(text):
            continue
        if "links.tsv" in text or text.startswith("http"):
            continue
        lines.append(text)
    return lines


def _title(doc: LoadedDocument, clean: CleanDocument, header: dict[str, str]) -> tuple[str, str]:
    for key in ("标题", "题名"):
        if header.get(key):
            return _tidy(header[key]), f"header:{key}"
    lines = _lead_lines(clean)
    for line in lines[:6]:
        m = _MARKDOWN.match(line)
        if m and _TITLE_HINT.search(m.group(2)):
            return _tidy(m.group(2)), "markdown"
    lines = [ln for ln in lines if not _MARKDOWN.match(ln)] or lines
    # a title broken over lines: "2024 年某市科委政府信息公开工作" / "年度报告"
    for i in range(min(len(lines), 6)):
        joined = ""
        for k in range(3):
            if i + k >= len(lines):
                break
            line = lines[i + k]
            if len(line) > 40 or _SENTENCE.search(line):
                break
            joined += line
            if _TITLE_END.search(_tidy(joined)):
                return _tidy(joined), "title" if k == 0 else f"title:{k + 1} lines"
    for line in lines[:6]:
        if len(line) <= 80 and _TITLE_HINT.search(line) and not re.search(r"[。；;]|^本", line):
            return _tidy(line), "title"
    if doc.hints.get("page_title"):
        return re.split(r"[-_|]", doc.hints["page_title"])[0].strip(), "page_title"
    if lines:
        return lines[0][:60], "first line"
    return doc.file_name, "file name"


def _name_in_title(title: str) -> str:
    name = re.sub(rf"^{_YEAR}\s*年度?", "", title.strip())
    if "关于" in name:  # "XX办公室关于印发……的通知"; "关于……的函" names nobody
        return name.split("关于")[0]
    name = _REPORT_SUFFIX.sub("", name)
    name = re.sub(rf"{_YEAR}\s*年度?$", "", name)
    name = name.strip(" -—_（）()")
    if len(name) > 30 or re.search(r"[《》〈〉<>。，,：:；;、]", name):  # a sentence, not a name
        return ""
    return name if _LOOKS_LIKE_BODY.search(name) else ""


def _expand_short(name: str, text: str) -> str:
    """A title's short department name written out, in the full form the report itself uses
    where it uses one (文旅局: 文化广电旅游局 or 文化和旅游局), else the usual one."""
    for full, short in ABBREVIATIONS:
        if name.endswith(short) and not name.endswith(full) and short not in ("政府办", "管委会"):
            stem = name[: -len(short)]
            used = [f for f, s in ABBREVIATIONS if s == short and re.search(rf"(?:{stem}|[省市县区])?{f}", text)]
            return stem + used[0] if used else expand(name)
    return name


def _in_body(text: str) -> list[_Evidence]:
    found = [_Evidence(m.group(1), "body:本报告由") for m in _COMPILED_BY.finditer(text[:3000])]
    found += [_Evidence(m.group(1), "body:现将") for m in _PUBLISHES.finditer(text[:3000])]
    return found


def _signature(clean: CleanDocument) -> _Evidence | None:
    """The body and date a report is signed with at its end (on one line or two)."""
    tail = "\n".join(p.text for p in clean.paragraphs[-4:] if p.table is None)[-200:]
    m = _SIGNATURE.search(tail)
    if m:
        return _Evidence(m.group(1), "signature")
    lines = [ln.strip() for ln in tail.splitlines() if ln.strip()]
    for a, b in zip(lines, lines[1:], strict=False):
        if re.fullmatch(_ORG, a) and _DATE_LINE.match(b):
            return _Evidence(a, "signature")
    return None


def _subjects(text: str) -> list[_Evidence]:
    return [_Evidence(m.group(m.lastindex or 1), "body:subject") for m in _SUBJECT.finditer(text[:2500])]


def _self_kinds(text: str) -> set[str]:
    return {kind for pattern, kind in _SELF_KIND if pattern.search(text)}


def _speaks_as_office(text: str) -> bool:
    return len(_SELF_OFFICE.findall(text)) > len(_SELF_REGION.findall(text))


def _without_office(name: str, text: str) -> str:
    """ "X办公室" compiling a report is X's office at work, not the reporter, unless the report
    speaks as that office (我厅, 本办)."""
    m = re.fullmatch(r"(.+?(?:人民政府|管委会|管理委员会|委员会|局))(?:办公室|办公厅)", name)
    if m and not _speaks_as_office(text):
        return m.group(1)
    return name


def _fuller(title_name: str, evidence: list[_Evidence]) -> _Evidence | None:
    """The title's name completed from other evidence: its parent region (江宁区 → 南京市江宁区)
    or the government's full form (周庄镇 → 周庄镇人民政府); never a different body."""
    core = GOVERNMENT.sub("", title_name)
    tail = title_name[len(core) :]
    best: _Evidence | None = None
    for e in evidence:
        name = re.sub(r"^(?:本报告由|由)", "", e.name)
        name = re.sub(r"(?:办公室|办公厅)$", "", name) if not re.search(r"办公室|办公厅$", title_name) else name
        i = name.find(core)
        if i < 0:
            continue
        rest = name[i + len(core) :]
        if rest not in ("", "人民政府", "管委会", "管理委员会"):
            continue
        prefix = _parent_prefix(name[:i], core)
        full = prefix + core + (rest if len(rest) > len(tail) else tail)
        if len(canonical(full)) > len(canonical(title_name)) and (best is None or len(full) > len(best.name)):
            best = _Evidence(full, e.how)
    return best


def _parent_prefix(before: str, core: str) -> str:
    """The regions written before a name that are really above it ("南京市" before 江宁区), not
    other words ("请与")."""
    ups = set(parents(core))
    for start in range(len(before)):
        chain = leading_places(before[start:])
        if chain and "".join(chain) == before[start:] and (set(chain) <= ups or not ups and len(chain) == 1):
            return before[start:]
    return ""


def _issuer(
    title: str, title_how: str, header: dict[str, str], doc: LoadedDocument, clean: CleanDocument, annual: bool
) -> tuple[str, list[tuple[str, str]]]:
    text = clean.text
    raw_head = "\n".join(b.text for b in doc.blocks[:40] if b.text)[:3000]
    published_by = [_Evidence(_tidy(header[k]), f"header:{k}") for k in ("发布机构", "发布单位", "发文机关") if header.get(k)]
    body = _in_body(text)
    signed = _signature(clean)
    sources = [_Evidence(_tidy(header[k]), f"header:{k}") for k in ("文章来源", "信息来源", "来源") if header.get(k)]
    support = published_by + body + ([signed] if signed else []) + _subjects(text) + sources
    title_name = _name_in_title(title)
    if title_name:
        named = _Evidence(_expand_short(title_name, text), "title" if title_how.startswith("title") else title_how)
        found = [("issuer", named.how)]
        if named.name != title_name:
            found.append(("issuer", "short form expanded"))
        more = _fuller(named.name, support)
        if more is not None:
            found.append(("issuer", f"completed:{more.how}"))
            named = more
        return named.name, found
    # nobody named in the title: the report's own words, its signature, then the site's 来源
    sources += [_Evidence(m.group(1), "page:来源") for m in _SOURCE_INLINE.finditer(raw_head)]
    ranked = [
        *published_by,
        *[_Evidence(_without_office(e.name, text), e.how) for e in body],
        # a letter or notice signed by an office is that office's; a report it signs may be its government's
        *([_Evidence(_without_office(signed.name, text) if annual else signed.name, signed.how)] if signed else []),
        *_subjects(text),
        *sources,
    ]
    ranked = [e for e in ranked if re.fullmatch(_ORG, e.name)]
    kinds = _self_kinds(text)
    agreeing = [e for e in ranked if any(e.name.endswith(k) for k in kinds)]
    if agreeing:
        which = agreeing[0]
        return which.name, [("issuer", which.how), ("issuer", "body:" + "/".join(sorted(kinds)))]
    if ranked:
        return ranked[0].name, [("issuer", ranked[0].how)]
    stem = _name_in_title(re.sub(r"\.[A-Za-z0-9]+$", "", doc.file_name))
    if stem and re.fullmatch(_ORG, stem):
        return stem, [("issuer", "file name")]
    return "", []


def _year(title: str, text: str, header: dict[str, str]) -> tuple[int | None, str]:
    m = re.search(rf"{_YEAR}\s*年度?", title)
    if m:
        return int(m.group(1)), "title"
    for pattern, how in (
        (rf"统计(?:期限|时限|时间|区间|周期)[^。]{{0,12}}?{_YEAR}\s*年\s*1\s*月\s*1\s*日", "body:统计期限"),
        (rf"{_YEAR}\s*年度(?:政府信息公开|政务公开)", "body:年度"),
        (rf"(?:^|\n)\s*{_YEAR}\s*年\s*[，,]", "body:年"),
        (rf"{_YEAR}\s*年度", "body:年度"),
    ):
        m = re.search(pattern, text[:3000])
        if m:
            return int(m.group(1)), how
    for key in ("发布时间", "发布日期", "公开日期"):
        m = re.search(_YEAR, header.get(key, ""))
        if m:  # a report is published early in the year after the one it covers
            return int(m.group(1)) - 1, f"header:{key}"
    return None, ""


def _published(doc: LoadedDocument, raw: str, clean: CleanDocument) -> tuple[str | None, str]:
    how = "header"
    m = None
    if doc.hints.get("公开日期"):
        m = re.search(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", doc.hints["公开日期"])
    if m is None:
        m = _DATE_DASH.search(raw)
    if m is None:
        how = "signature"
        for p in reversed(clean.paragraphs[-4:]):
            m = _DATE_CN.search(p.text)
            if m:
                break
    if m is None:
        return None, ""
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", how


_STANDARD_PART = re.compile(r"[一二]、\s*(总体情况|主动公开政府信息情况)")


def _kind(title: str, text: str) -> ReportKind:
    if re.search(r"(?:要点|通知|的函|意见|办法|方案)$", title) or "要点" in title:
        return "other"
    if re.search(r"年度报告|年报", title):
        return "annual_report"
    head = title + text[:1500]
    if re.search(r"信息公开工作年度报告|政府信息公开年报", head):
        return "annual_report"
    # no title saying so: the format's own parts do
    return "annual_report" if len(set(_STANDARD_PART.findall(text))) >= 2 else "other"


def _layout(text: str, kind: ReportKind, year: int | None) -> Layout:
    if re.search(r"本年制发件数|本年废止件数|现行有效件数|本年处理决定数量", text):
        return "2021"
    if re.search(r"本年新制作数量|本年新公开数量|上一年项目数量", text):
        return "2019"
    standard = sum(
        bool(re.search(p, text)) for p in ("总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请", "行政复议、行政诉讼")
    )
    if kind == "annual_report" and standard >= 3:
        return "2021" if (year or 0) >= 2021 else "2019"
    if kind != "annual_report":
        return "n/a"
    return "older" if (year or 0) < 2019 else "nonstandard"


def describe(doc: LoadedDocument, clean: CleanDocument) -> Metadata:
    raw = "\n".join(b.text for b in doc.blocks if b.text)
    header = _header(doc)
    title, title_how = _title(doc, clean, header)
    kind = _kind(title, clean.text)
    issuer, found = _issuer(title, title_how, header, doc, clean, kind == "annual_report")
    issuer = canonical(issuer)
    found = [("title", title_how), *found]
    fixed = corrected(issuer)
    if fixed:
        found.append(("alias", f"gazetteer:{fixed}"))
    year, year_how = _year(title, clean.text, header)
    if year_how:
        found.append(("year", year_how))
    published, published_how = _published(doc, raw, clean)
    if published_how:
        found.append(("published", published_how))
    return Metadata(
        title=title,
        issuer=issuer,
        aliases=aliases(issuer) if issuer else (),
        year=year,
        published=published,
        kind=kind,
        layout=_layout(clean.text, kind, year),
        found=tuple(found),
    )
