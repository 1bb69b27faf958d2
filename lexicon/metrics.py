"""The figures of the official format: which row and column labels name which metric.

Metric keys are stable: ``applications.<row>.<applicant column>``, ``review.<result>``,
``litigation.<direct|after_review>.<result>``, ``<item>.<column>`` for the 第二十条 tables.
Labels are matched on the NFKC form with spaces removed, so （一） and (一) read alike."""

from __future__ import annotations

import re
import unicodedata

APPLICANT_COLUMNS = (
    ("natural_person", "自然人"),
    ("commercial_enterprise", "商业企业"),
    ("research_institution", "科研机构"),
    ("social_welfare_org", "社会公益组织"),
    ("legal_service_org", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)

# Rows of table 三 (收到和处理政府信息公开申请情况), most specific first.
APPLICATION_ROWS: tuple[tuple[str, str, str], ...] = (
    ("new", r"本年(?:度)?新收", "本年新收政府信息公开申请数量"),
    ("carried_over", r"上年(?:度)?结转", "上年结转政府信息公开申请数量"),
    ("carried_to_next_year", r"结转下(?:一)?年", "结转下年度继续办理"),
    ("result.disclosed", r"予以公开", "予以公开"),
    ("result.partially_disclosed", r"部分公开", "部分公开"),
    ("result.withheld.state_secret", r"国家秘密", "不予公开：属于国家秘密"),
    ("result.withheld.prohibited_by_law", r"禁止公开|法律行政.{0,4}止公开", "不予公开：其他法律行政法规禁止公开"),
    ("result.withheld.three_safeties", r"三安全一稳定", "不予公开：危及“三安全一稳定”"),
    ("result.withheld.third_party", r"第三方合法权益", "不予公开：保护第三方合法权益"),
    ("result.withheld.internal_affairs", r"内部事务", "不予公开：属于三类内部事务信息"),
    ("result.withheld.process_info", r"过程性信息", "不予公开：属于四类过程性信息"),
    ("result.withheld.enforcement_files", r"行政执法案卷", "不予公开：属于行政执法案卷"),
    ("result.withheld.query_matters", r"行政查询事项", "不予公开：属于行政查询事项"),
    ("result.unavailable.not_held", r"不掌握", "无法提供：本机关不掌握相关政府信息"),
    ("result.unavailable.needs_creation", r"没有现成信息|另行制作", "无法提供：没有现成信息需要另行制作"),
    ("result.unavailable.unclear", r"补正后.{0,8}不明确", "无法提供：补正后申请内容仍不明确"),
    ("result.not_processed.petition", r"信访举报投诉", "不予处理：信访举报投诉类申请"),
    ("result.not_processed.duplicate", r"重复申请", "不予处理：重复申请"),
    ("result.not_processed.publication", r"公开出版物", "不予处理：要求提供公开出版物"),
    ("result.not_processed.mass_repeated", r"大量反复", "不予处理：无正当理由大量反复申请"),
    ("result.not_processed.confirmation", r"确认或重新出具", "不予处理：要求行政机关确认或重新出具已获取信息"),
    ("result.other_handling.no_correction", r"逾期不补正", "其他处理：申请人逾期不补正"),
    ("result.other_handling.unpaid_fees", r"未按收费通知", "其他处理：申请人逾期未缴纳费用"),
    # the group may be printed short: "(六) 其他" for （六）其他处理
    ("result.other_handling.other", r"(?:其他处理|\(六\)其他)\d[.、]?其他$", "其他处理：其他"),
    ("result.other_handling", r"(?:其他处理|^\(六\)其他)$", "其他处理"),
    ("result", r"总计$", "办理结果总计"),
)

# The row labels of table 三 as the official format prints them, in order, with their numbering
# (2019 and 2021 formats; the 2019 format has no sub-rows under （六）其他处理). Running text whose
# cells lost their borders is cut at these labels. A （…） at the end of a label is optional.
APPLICATION_LABELS: tuple[tuple[str, str, str], ...] = (
    ("new", "一、", "本年新收政府信息公开申请数量"),
    ("carried_over", "二、", "上年结转政府信息公开申请数量"),
    ("result.disclosed", "（一）", "予以公开"),
    ("result.partially_disclosed", "（二）", "部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("result.withheld.state_secret", "1.", "属于国家秘密"),
    ("result.withheld.prohibited_by_law", "2.", "其他法律行政法规禁止公开"),
    ("result.withheld.three_safeties", "3.", "危及“三安全一稳定”"),
    ("result.withheld.third_party", "4.", "保护第三方合法权益"),
    ("result.withheld.internal_affairs", "5.", "属于三类内部事务信息"),
    ("result.withheld.process_info", "6.", "属于四类过程性信息"),
    ("result.withheld.enforcement_files", "7.", "属于行政执法案卷"),
    ("result.withheld.query_matters", "8.", "属于行政查询事项"),
    ("result.unavailable.not_held", "1.", "本机关不掌握相关政府信息"),
    ("result.unavailable.needs_creation", "2.", "没有现成信息需要另行制作"),
    ("result.unavailable.unclear", "3.", "补正后申请内容仍不明确"),
    ("result.not_processed.petition", "1.", "信访举报投诉类申请"),
    ("result.not_processed.duplicate", "2.", "重复申请"),
    ("result.not_processed.publication", "3.", "要求提供公开出版物"),
    ("result.not_processed.mass_repeated", "4.", "无正当理由大量反复申请"),
    ("result.not_processed.confirmation", "5.", "要求行政机关确认或重新出具已获取信息"),
    ("result.other_handling", "（六）", "其他处理"),
    ("result.other_handling.no_correction", "1.", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("result.other_handling.unpaid_fees", "2.", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("result.other_handling.other", "3.", "其他"),
    ("result", "（七）", "总计"),
    ("carried_to_next_year", "四、", "结转下年度继续办理"),
)

# the applications a body had to handle in the year: 一、本年新收 + 二、上年结转
ON_HAND = ("applications.new.total", "applications.carried_over.total")

# Sub-rows of each result group in the official format: the results add up to (七)总计 only when
# every one of them was read.
RESULT_GROUP_SIZES = {"result.withheld": 8, "result.unavailable": 3, "result.not_processed": 5}

# Row labels of the 第二十条 tables as printed (a flattened row is its label followed by its
# cells), with the 项 of 第二十条 whose sub-table holds the row (rows of one sub-table share columns).
PROACTIVE_LABELS: tuple[tuple[str, str, int], ...] = (
    ("regulations", r"规章", 1),
    ("normative_docs", r"(?:行政)?规范性文件", 1),
    ("other_services", r"其他对外管理服务事项", 5),
    ("permits", r"行政许可", 5),
    ("penalties", r"行政处罚", 6),
    ("coercion", r"行政强制", 6),
    ("fees.admin_charges", r"行政事业性收费", 8),
    ("procurement", r"政府集中采购", 9),
)

# Columns that hold a signed count or an amount (every other cell is a count, never negative).
SIGNED_COLUMNS = frozenset({"items_change"})
AMOUNT_COLUMNS = frozenset({"amount"})

RESULT_GROUP_NAMES = {"result.withheld": "不予公开", "result.unavailable": "无法提供", "result.not_processed": "不予处理"}

# Leaf rows of 三、本年度办理结果: their sum is (七)总计.
RESULT_GROUPS = (
    "result.disclosed",
    "result.partially_disclosed",
    "result.withheld",
    "result.unavailable",
    "result.not_processed",
    "result.other_handling",
)

REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
REVIEW_GROUPS = (
    ("review", "行政复议"),
    ("litigation.direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation.after_review", "行政诉讼（复议后起诉）"),
)
REVIEW_RESULTS_ZH = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}

# Rows of the 第二十条 tables: (key, label pattern, name); a label ends with its row's name.
PROACTIVE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("regulations", r"规章$", "规章"),
    ("normative_docs", r"规范性文件$", "行政规范性文件"),
    ("other_services", r"其他对外管理服务事项$", "其他对外管理服务事项"),
    ("permits", r"行政许可$", "行政许可"),
    ("penalties", r"行政处罚$", "行政处罚"),
    ("coercion", r"行政强制$", "行政强制"),
    ("fees.admin_charges", r"行政事业性收费$", "行政事业性收费"),
    ("procurement", r"政府集中采购$", "政府集中采购"),
)

# Column header → column key of the 第二十条 tables (2021 and 2019 layouts).
PROACTIVE_COLUMNS: tuple[tuple[str, str], ...] = (
    (r"制发", "issued"),
    (r"废止", "repealed"),
    (r"现行有效", "in_force"),
    (r"新制作", "made"),
    (r"新公开", "published"),
    (r"对外公开总", "public_total"),
    (r"上一年项目", "items_last_year"),
    (r"增.?减", "items_change"),
    (r"处理决定", "decisions"),
    (r"收费金额", "amount"),
    (r"采购项目", "projects"),
    (r"采购总金额", "amount"),
)

# Columns when no header says (by layout): the 2021 layout first, then the 2019 one.
PROACTIVE_DEFAULTS = {
    "2021": {
        "regulations": ("issued", "repealed", "in_force"),
        "normative_docs": ("issued", "repealed", "in_force"),
        "permits": ("decisions",),
        "penalties": ("decisions",),
        "coercion": ("decisions",),
        "fees.admin_charges": ("amount",),
    },
    "2019": {
        "regulations": ("made", "published", "public_total"),
        "normative_docs": ("made", "published", "public_total"),
        "permits": ("items_last_year", "items_change", "decisions"),
        "other_services": ("items_last_year", "items_change", "decisions"),
        "penalties": ("items_last_year", "items_change", "decisions"),
        "coercion": ("items_last_year", "items_change", "decisions"),
        "fees.admin_charges": ("items_last_year", "items_change"),
        "procurement": ("projects", "amount"),
    },
}

PROACTIVE_COLUMNS_ZH = {
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "made": "本年新制作数量",
    "published": "本年新公开数量",
    "public_total": "对外公开总数量",
    "items_last_year": "上一年项目数量",
    "items_change": "本年增/减",
    "decisions": "本年处理决定数量",
    "amount": "金额（万元）",
    "projects": "采购项目数量",
}

# Metrics with no row of their own in the standard tables (stated in prose).
OTHER_METRICS = {
    "litigation.total": "政府信息公开行政诉讼总数",
    "proactive.items": "主动公开政府信息条数",
    "new_media.accounts": "政务新媒体数量",
    "fees.disclosure_fees_yuan": "收取的政府信息公开费用（元）",
}


def label_form(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def proactive_metric(row: str, column: str) -> str:
    """``fees.admin_charges`` + ``amount`` → ``fees.admin_charges_wan_yuan`` (the key researchers know)."""
    if row == "fees.admin_charges" and column == "amount":
        return "fees.admin_charges_wan_yuan"
    if row == "procurement" and column == "amount":
        return "procurement.amount_wan_yuan"
    return f"{row}.{column}"


def unit_of(metric: str) -> str:
    if metric.startswith("legacy."):
        return legacy_unit(metric)
    if metric.endswith("_wan_yuan"):
        return "万元"
    if metric.endswith("_yuan"):
        return "元"
    if metric.startswith("proactive."):
        return "条"
    if metric.startswith("new_media."):
        return "个"
    return "件"


def metric_name(metric: str) -> str:
    """A Chinese name for a metric key, for answers, tables and the UI."""
    if metric.startswith("legacy."):
        return legacy_name(metric)
    if metric in OTHER_METRICS:
        return OTHER_METRICS[metric]
    parts = metric.split(".")
    if parts[0] == "applications":
        names = {k: zh for k, _, zh in APPLICATION_ROWS} | RESULT_GROUP_NAMES
        columns = dict(APPLICANT_COLUMNS)
        row, column = ".".join(parts[1:-1]), parts[-1]
        if row not in names or column not in columns:
            row, column = ".".join(parts[1:]), "total"
        name = names.get(row, row)
        if row.startswith("result.") or row == "result":
            name = f"申请办理结果“{name}”" if row != "result" else "申请办理结果总计"
        return name if column == "total" else f"{name}（{columns[column]}）"
    for prefix, zh in REVIEW_GROUPS:
        if metric.startswith(prefix + ".") and parts[-1] in REVIEW_RESULTS_ZH:
            return f"{zh}{'总数' if parts[-1] == 'total' else '“' + REVIEW_RESULTS_ZH[parts[-1]] + '”'}"
    for key, _, zh in PROACTIVE_ROWS:
        if metric.startswith(key):
            column = metric[len(key) + 1 :].replace("_wan_yuan", "").replace("wan_yuan", "amount") or "amount"
            return f"{zh}{PROACTIVE_COLUMNS_ZH.get(column, column)}"
    return metric


def format_value(value: float | None) -> str:
    """3985758.0 → "3985758", 440.1629 → "440.1629"; None → ""."""
    if value is None:
        return ""
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


# Rows of the pre-2019 统计表 (指标名称 | 计量单位 | 本年度 | 历年累计): ``legacy.<row>.<column>``.
LEGACY_ROWS = {
    "proactive": "主动公开信息数",
    "proactive.website": "主动公开信息数其中：政府网站公开数",
    "proactive.gazette": "主动公开信息数其中：政府公报公开数",
    "proactive.other": "主动公开信息数其中：其他方式公开数",
    "applications": "受理依申请公开信息总数",
    "applications.in_person": "依申请公开其中：当面申请数",
    "applications.online": "依申请公开其中：网上申请数",
    "applications.mail": "依申请公开其中：信函、传真申请数",
    "applications.email": "依申请公开其中：电子邮件申请数",
    "applications.fax": "依申请公开其中：传真申请数",
    "applications.other": "依申请公开其中：其他形式申请数",
    "replies": "对申请的答复总数",
    "replies.disclosed": "答复其中：同意公开答复数",
    "replies.partially_disclosed": "答复其中：同意部分公开答复数",
    "replies.withheld": "答复其中：不予公开答复数",
    "replies.other": "答复其中：其他类型答复数",
    "fees": "政府信息公开收费（减免）金额",
    "complaints": "接受行政诉讼、举报、申诉数",
    "review": "行政复议数",
    "litigation": "行政诉讼数",
}
LEGACY_COLUMNS = {"year": "本年度", "cumulative": "历年累计"}


def legacy_name(metric: str) -> str:
    """``legacy.proactive.cumulative`` → "统计表：主动公开信息数（历年累计）"."""
    row, _, column = metric.removeprefix("legacy.").rpartition(".")
    if row not in LEGACY_ROWS or column not in LEGACY_COLUMNS:
        return metric
    return f"统计表：{LEGACY_ROWS[row]}（{LEGACY_COLUMNS[column]}）"


def legacy_unit(metric: str) -> str:
    """The unit a 统计表 row counts in when it prints none: 元 for fees, 件 for cases, else 条."""
    row = metric.removeprefix("legacy.").split(".")[0]
    return {"fees": "元", "complaints": "件", "review": "件", "litigation": "件"}.get(row, "条")
