"""Who published a report, for which year, and what kind of document it is."""

from __future__ import annotations

import re

from ingest.records import CleanDocument, LoadedDocument, Metadata

_YEAR = r"((?:19|20)\d{2})"
_TITLE_HINT = re.compile(r"年度报告|年报|工作要点|通知|报告")
_REPORT_SUFFIX = re.compile(
    rf"(?:{_YEAR}\s*年度?)?\s*(?:度)?(?:政府信息公开|政务公开|信息公开)?(?:工作)?(?:年度报告|年报|工作报告).*$"
)
_ORG = r"[\u4e00-\u9fff（）()]{2,30}?(?:人民政府|管理委员会|管委会|委员会|局|办公室|厅|委|中心|院|署|镇|乡|街道|旗|县|区|市)"
_ISSUER_IN_BODY = [
    re.compile(rf"本报告由({_ORG})(?:办公室)?(?:根据|依据|按照|编制)"),
    re.compile(rf"(?:^|[，,。\n])\s*(?:{_YEAR}年(?:度)?[，,]?\s*)?({_ORG}人民政府)"),
]
_SOURCE_LINE = re.compile(r"(?:文章来源|信息来源|来源|发布机构|发布单位|单位)\s*[:：]\s*([\u4e00-\u9fff（）()]{2,30})")
_DATE_DASH = re.compile(r"(?:发布|公开|更新)(?:日期|时间)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_DATE_CN = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*$")

# Common short forms of department names, as staff type them.
_ABBREVIATIONS = {
    "发展和改革局": "发改局",
    "发展和改革委员会": "发改委",
    "文化广电旅游局": "文旅局",
    "文化广电和旅游局": "文旅局",
    "文化和旅游局": "文旅局",
    "文化广电旅游体育局": "文广旅体局",
    "住房和城乡建设局": "住建局",
    "人力资源和社会保障局": "人社局",
    "市场监督管理局": "市场监管局",
    "卫生健康委员会": "卫健委",
    "卫生健康局": "卫健局",
    "自然资源和规划局": "自然资源局",
    "交通运输局": "交通局",
    "生态环境局": "环保局",
    "教育体育局": "教体局",
    "农业农村局": "农业局",
    "应急管理局": "应急局",
    "退役军人事务局": "退役军人局",
    "行政审批局": "审批局",
    "政务服务管理办公室": "政务办",
}


def _title(doc: LoadedDocument, clean: CleanDocument) -> str:
    if doc.hints.get("名称"):
        return doc.hints["名称"]
    paragraphs = [p.text for p in clean.paragraphs[:6] if p.table is None]
    for i, text in enumerate(paragraphs):
        if len(text) <= 80 and _TITLE_HINT.search(text):
            # a title printed on two lines: "额济纳旗" / "2021年度政府信息公开工作年度报告"
            if (
                i > 0
                and re.match(_YEAR, text)
                and len(paragraphs[i - 1]) <= 20
                and not re.search(r"[。，,:：]", paragraphs[i - 1])
            ):
                return paragraphs[i - 1] + text
            return text
    if doc.hints.get("page_title"):
        return re.split(r"[-_|]", doc.hints["page_title"])[0].strip()
    return paragraphs[0][:60] if paragraphs else doc.file_name


def _issuer_from_title(title: str) -> str:
    name = re.sub(rf"^{_YEAR}\s*年度?", "", title.strip())
    if "关于" in name:  # "XX办公室关于印发……的通知"
        return name.split("关于")[0]
    name = _REPORT_SUFFIX.sub("", name)
    name = re.sub(rf"{_YEAR}\s*年度?$", "", name)
    return name.strip(" -—_")


def _year(title: str, text: str) -> int | None:
    m = re.search(rf"{_YEAR}\s*年度?", title)
    if m:
        return int(m.group(1))
    for pattern in (
        rf"统计(?:期限|时限|时间|区间)[^。]{{0,12}}?{_YEAR}\s*年\s*1\s*月\s*1\s*日",
        rf"{_YEAR}\s*年度(?:政府信息公开|政务公开)",
        rf"(?:^|\n)\s*{_YEAR}\s*年\s*[，,]",
        rf"{_YEAR}\s*年度",
    ):
        m = re.search(pattern, text[:3000])
        if m:
            return int(m.group(1))
    return None


def _published(doc: LoadedDocument, raw: str, clean: CleanDocument) -> str | None:
    if doc.hints.get("公开日期"):
        m = re.search(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", doc.hints["公开日期"])
        if m:
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _DATE_DASH.search(raw)
    if m is None:
        for p in reversed(clean.paragraphs[-4:]):
            m = _DATE_CN.search(p.text)
            if m:
                break
    if m is None:
        return None
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def _issuer(title_name: str, doc: LoadedDocument, raw: str, text: str) -> str:
    candidates = []
    if doc.hints.get("发布机构"):
        candidates.append(doc.hints["发布机构"])
    candidates += [m.group(1) for m in _SOURCE_LINE.finditer(raw[:3000])]
    for pattern in _ISSUER_IN_BODY:
        candidates += [m.group(m.lastindex or 1) for m in pattern.finditer(text[:2500])]
    candidates = [re.sub(r"^(?:本报告由|由)", "", c) for c in candidates if re.search(_ORG + "$", c)]
    candidates = [re.sub(r"办公室$", "", c) if not title_name.endswith("办公室") else c for c in candidates]
    if title_name:
        core = re.sub(r"人民政府$", "", title_name)
        fuller = []
        for c in candidates:
            i = c.find(core)
            if i >= 0:
                # keep a parent place name before the core ("淮安市" + "洪泽区"), not words ("请与")
                prefix = re.split(r"[与由向请经及对在的]", c[:i])[-1]
                prefix = prefix if re.fullmatch(r"[\u4e00-\u9fff]{1,6}[省市州盟县]", prefix) else ""
                fuller.append(prefix + c[i:])
        fuller = [c for c in fuller if len(c) >= len(title_name)]
        return max(fuller, key=len) if fuller else title_name
    return candidates[0] if candidates else ""


def aliases(issuer: str) -> tuple[str, ...]:
    """Short names people type: without 人民政府, without the parent city, department abbreviations."""
    names = {issuer}
    base = re.sub(r"人民政府(办公室)?$", "", issuer)
    names.add(base)
    m = re.match(r"^(.{2,6}?[省市州盟])(.{2,}[市县区旗镇乡]|.{2,}街道)$", base)
    if m:
        names.add(m.group(2))
    for name in list(names):
        for full, short in _ABBREVIATIONS.items():
            if name.endswith(full):
                names.add(name[: -len(full)] + short)
    return tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))


def _layout(text: str, kind: str, year: int | None) -> str:
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
    title = _title(doc, clean)
    title_name = _issuer_from_title(title)
    if not re.search(r"[省市县区旗镇乡局委办厅府]|街道|中心", title_name):
        title_name = ""
    issuer = _issuer(title_name, doc, raw, clean.text)
    year = _year(title, clean.text)
    head = title + clean.text[:1500]
    kind = (
        "annual_report"
        if re.search(r"年度报告|年报", title) and not re.search(r"要点|通知", title)
        else ("annual_report" if re.search(r"信息公开工作年度报告|政府信息公开年报", head) and "要点" not in title else "other")
    )
    return Metadata(
        title=title,
        issuer=issuer,
        aliases=aliases(issuer) if issuer else (),
        year=year,
        published=_published(doc, raw, clean),
        kind=kind,
        layout=_layout(clean.text, kind, year),
    )
