"""The vocabulary of figures a question may ask for: each metric's official label (from the
format, ``lexicon.metrics``), the words people use for it, its unit, and the formula of a
figure the format does not print but its columns give (法人或其他组织, 公开率, 办结率).

This is the one list questions are read against (``answer.intents`` composes it); the metric
keys are those of the facts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lexicon.metrics import APPLICANT_COLUMNS, APPLICATION_ROWS, ON_HAND, RESULT_GROUP_NAMES, metric_name, unit_of


@dataclass(frozen=True)
class Term:
    """One metric, row or column: its key, the official label, and what people call it."""

    key: str
    label: str
    words: str  # a regular expression over the NFKC question


@dataclass(frozen=True)
class Derived:
    """A figure computed from stated ones: the sum of ``parts`` (divided by the sum of ``over``, as a percentage)."""

    key: str
    label: str
    words: str
    parts: tuple[str, ...]
    over: tuple[str, ...] = ()
    formula: str = ""

    @property
    def unit(self) -> str:
        return "%" if self.over else unit_of(self.parts[0])


_ORGANISATIONS = tuple(k for k, _ in APPLICANT_COLUMNS if k not in ("natural_person", "total"))

# Applicant columns of table 三; 法人或其他组织 is the official heading over the five organisation columns.
APPLICANTS: tuple[Term, ...] = (
    Term("organisations", "法人或其他组织", r"法人或其他组织|法人或者其他组织|法人和其他组织|法人(?!代表)"),
    Term("natural_person", "自然人", r"自然人|个人(?!信息)|公民|群众"),
    Term("commercial_enterprise", "商业企业", r"商业企业|企业|公司"),
    Term("research_institution", "科研机构", r"科研机构|科研院所|研究机构"),
    Term("social_welfare_org", "社会公益组织", r"社会公益组织|公益组织"),
    Term("legal_service_org", "法律服务机构", r"法律服务机构|律师事务所|律所|律师"),
    Term("other_org", "其他", r"其他(?:组织|法人|单位)(?!处理)"),
)

# Rows of table 三, most specific first: the official pattern of the row label, then phrasings.
_ROW_WORDS = {
    "new": r"本年(?:度)?新收|新收",
    "carried_over": r"上年(?:度)?结转|结转.{0,4}上年|从上一?年(?:度)?结转|上一?年度?遗留|上一?年(?:度)?转(?:过来|来|入)",
    "carried_to_next_year": r"结转(?:到|至)?下(?:一)?年|下一?年度?继续|顺延|转入下一?年|尚未办结|未办结",
    "result.disclosed": r"(?<!部分)予以公开|全部公开|同意公开|公开了?全部",
    "result.partially_disclosed": r"部分公开|部分予以公开",
}
APPLICATION_TERMS: tuple[Term, ...] = tuple(
    Term(k, label, _ROW_WORDS.get(k, p)) for k, p, label in APPLICATION_ROWS if k != "result" and "." in k or k in _ROW_WORDS
)
GROUP_TERMS: tuple[Term, ...] = (
    Term("result.withheld", "不予公开", r"不予公开|不公开"),
    Term("result.unavailable", "无法提供", r"无法提供"),
    Term("result.not_processed", "不予处理", r"不予处理"),
    Term("result.other_handling", "其他处理", r"其他处理"),
    Term("result", "办理结果总计", r"办理结果|办结|答复了?多少|处理了?多少|办理了?多少|已办理|作出答复|答复(?:的)?(?:申请|件)"),
    Term(
        "new",
        "本年新收政府信息公开申请数量",
        r"申请|依申请|(?:收到|受理|接到)了?[^，。？]{0,3}(?:多少|几)|(?:收到|受理|接到)(?=[和与及、])",
    ),
)

# Results of an administrative review or suit (table 四), and what is reviewed or sued.
RESULTS: tuple[Term, ...] = (
    Term("upheld", "结果维持", r"维持"),
    Term("corrected", "结果纠正", r"纠正|撤销|纠错|被改|败诉"),
    Term("other", "其他结果", r"其他结果"),
    Term("pending", "尚未审结", r"尚未审结|未审结|未结|在审"),
)
RESULT_TOTAL = Term("total", "总计", r"总数|总计|合计|一共")
REVIEW = r"复议(?!后)"
LITIGATION = r"诉讼|起诉"
AFTER_REVIEW = r"复议后|(?<!未)经(?:过)?复议"
DIRECT = r"直接起诉|未经复议"

# Figures with no grid of their own, stated in the 第二十条 tables or in prose.
FIGURES: tuple[Term, ...] = (
    Term("fees.admin_charges_wan_yuan", "行政事业性收费金额（万元）", r"行政事业性收费"),
    Term("fees.disclosure_fees_yuan", "收取的政府信息公开费用（元）", r"信息处理费|收费|费用|收取"),
    Term("permits.decisions", "行政许可本年处理决定数量", r"行政许可"),
    Term("penalties.decisions", "行政处罚本年处理决定数量", r"行政处罚"),
    Term("coercion.decisions", "行政强制本年处理决定数量", r"行政强制"),
    Term("new_media.accounts", "政务新媒体数量", r"新媒体"),
    Term(
        "proactive.items",
        "主动公开政府信息条数",
        r"主动公开|主动发布|(?:发布|公开)[^，。？]{0,8}(?:多少|几)条[^，。？]{0,6}政府信息"
        r"|(?:发布|公开)了?[^，。？]{0,4}政府信息[^，。？]{0,4}(?:多少|几)条",
    ),
)
DOCUMENTS: tuple[Term, ...] = (Term("regulations", "规章", r"规章"), Term("normative_docs", "行政规范性文件", r"规范性文件"))
DOCUMENT_COLUMNS: tuple[Term, ...] = (
    Term("repealed", "本年废止件数", r"废止|失效"),
    Term("in_force", "现行有效件数", r"现行有效|有效"),
    Term("issued", "本年制发件数", r"制发|制定|出台|印发|新增|发布|新制"),
)

DERIVED: tuple[Derived, ...] = (
    Derived(
        "applications.disclosure_rate",
        "公开率",
        r"公开率|公开比例|公开的比例",
        ("applications.result.disclosed.total", "applications.result.partially_disclosed.total"),
        ("applications.result.total",),
        "公开率 =（予以公开 + 部分公开）÷ 办理结果总计 × 100%",
    ),
    Derived(
        "applications.completion_rate",
        "办结率",
        r"办结率|完成率",
        ("applications.result.total",),
        ON_HAND,
        "办结率 = 办理结果总计 ÷（本年新收 + 上年结转）× 100%",
    ),
)

# The 统计表 of reports before 2019 (keys agreed in INTERFACES.md): a question names the table
# (统计表) or its 历年累计 column to mean these rather than the modern figures.
LEGACY_TABLE = r"统计表|历年累计"
LEGACY_ROWS: tuple[Term, ...] = (
    Term("legacy.proactive.website", "其中：政府网站公开数", r"网站公开|政府网站"),
    Term("legacy.proactive.gazette", "政府公报公开数", r"公报"),
    Term("legacy.proactive.other", "其他方式公开数", r"其他方式"),
    Term("legacy.proactive", "主动公开信息数", r"主动公开"),
    Term("legacy.applications.in_person", "当面申请数", r"当面"),
    Term("legacy.applications.online", "网上申请数", r"网上|网络"),
    Term("legacy.applications.mail", "信函、传真申请数", r"信函|传真"),
    Term("legacy.replies.partially_disclosed", "同意部分公开答复数", r"部分公开"),
    Term("legacy.replies.disclosed", "同意公开答复数", r"同意公开|予以公开"),
    Term("legacy.replies.withheld", "不予公开答复数", r"不予公开"),
    Term("legacy.replies.other", "其他类型答复数", r"其他类型"),
    Term("legacy.replies", "对申请的答复总数", r"答复"),
    Term("legacy.fees", "政府信息公开收费（减免）金额", r"收费|减免|费用"),
    Term("legacy.complaints", "接受行政诉讼、举报数", r"举报|申诉"),
    Term("legacy.review", "行政复议数", r"复议"),
    Term("legacy.litigation", "行政诉讼数", r"诉讼"),
    Term("legacy.applications", "受理依申请公开信息总数", r"申请"),
)
LEGACY_COLUMNS = (Term("cumulative", "历年累计", r"历年累计|累计"), Term("year", "本年度", r""))


def first(terms: tuple[Term, ...], q: str) -> Term | None:
    return next((t for t in terms if t.words and re.search(t.words, q)), None)


def named(terms: tuple[Term, ...], q: str) -> list[str]:
    """Keys of every term the question names, in the question's order (维持…纠正… → upheld, corrected)."""
    found: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    for t in terms:
        for m in re.finditer(t.words, q) if t.words else ():
            if all(m.end() <= a or m.start() >= b for a, b in taken):
                taken.append(m.span())
                found.setdefault(t.key, m.start())
    return sorted(found, key=found.__getitem__)


# what may stand between two figures a question asks for together ("行政许可、行政处罚和行政强制",
# "收到多少件申请、上年结转多少件", "总数和被纠正的件数"): a joining mark or word, a few words around it
_JOINT = re.compile(r"^[^，。？?]{0,6}?(?:[、，,]|和|与|及|以及|还有|跟)[^，。？?]{0,3}$")
_COUNTS = re.compile(r"多少|几|各|分别")
# a run that names a set another figure is taken from ("上年结转和本年新收的申请中予以公开的")
_WITHIN = re.compile(r"^[^，。？?]{0,8}?(?:中|里|之中|当中)")


def joined(terms: tuple[Term, ...], q: str) -> list[str]:
    """Keys of two or more terms the question names one after another, joined by 、/和/与…, in its
    order; [] when it names fewer, names them apart ("主动公开的行政许可信息" asks one), or names
    a set to take another figure from. A comma joins two only after a count of the first
    ("收到申请多少件，办结多少件"), not after a topic ("收到的申请，予以公开的有几件")."""
    spans = sorted((m.start(), -m.end(), t.key) for t in terms if t.words for m in re.finditer(t.words, q) if m.end() > m.start())
    kept: list[tuple[int, int, str]] = []
    for a, minus_b, key in spans:  # the longest of the matches starting at one place
        if not kept or a >= kept[-1][1]:
            kept.append((a, -minus_b, key))
    run: list[str] = []
    end = 0
    for (a, b, key), (previous_start, previous_end, previous_key) in zip(kept[1:], kept, strict=False):
        gap = q[previous_end:a]
        comma = re.search(r"[，,]", gap)
        counted = not comma or _COUNTS.search(q[previous_start : previous_end + comma.start()])
        if key != previous_key and _JOINT.match(gap) and counted:
            run += [k for k in (previous_key, key) if k not in run]
            end = b
    if len(run) < 2 or _WITHIN.match(q[end:]):
        return []
    return run


def derived(key: str) -> Derived | None:
    """The formula of a derived figure: the two rates, or a row's 法人或其他组织 column."""
    hit = next((d for d in DERIVED if d.key == key), None)
    if hit is not None:
        return hit
    group = key.removeprefix("applications.")
    if group in RESULT_GROUP_NAMES or group == "result.other_handling":
        rows = [k for k, _, _ in APPLICATION_ROWS if k.startswith(group + ".")]
        name = RESULT_GROUP_NAMES.get(group, "其他处理")
        return Derived(
            key,
            f"申请办理结果“{name}”合计",
            "",
            tuple(f"applications.{k}.total" for k in rows),
        )
    if key.startswith("applications.") and key.endswith(".organisations"):
        row = key[: -len(".organisations")]
        return Derived(
            key,
            f"{metric_name(row + '.total')}（法人或其他组织）",
            "",
            tuple(f"{row}.{c}" for c in _ORGANISATIONS),
            formula="法人或其他组织 = 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
        )
    return None


def figure_name(key: str) -> str:
    """The Chinese name of a stored or derived figure."""
    d = derived(key)
    if d is not None:
        return d.label
    legacy = next((t for t in LEGACY_ROWS if key.rsplit(".", 1)[0] == t.key), None)
    if legacy is not None and metric_name(key) == key:
        column = "历年累计" if key.endswith(".cumulative") else "本年度"
        return f"统计表：{legacy.label}（{column}）"
    return metric_name(key)
