"""Builds ``paraphrases.json``: questions asked the way staff ask them, over the shared reports.

Every figure below was read from the report's own text (tables and sentences); every evidence
string is a substring of the report's cleaned text once whitespace and table bars are removed
(``tests/answer/test_paraphrases.py`` checks this). Questions are written from the report format
(the 2021 format's table labels and their everyday synonyms), not taken from the QA files.
Deterministic: run ``python tests/answer/data/build_paraphrases.py`` to rewrite the JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).with_name("paraphrases.json")
TODAY = "2026-12-02"

# report key -> (file name, year, ways staff name the issuer: full, short, abbreviated)
REPORTS: dict[str, tuple[str, int, list[str]]] = {
    "HZ23": ("hongze_qu_2023.pdf", 2023, ["洪泽区", "淮安市洪泽区", "洪泽", "洪泽区政府", "淮安市洪泽区人民政府"]),
    "HZ24": ("hongze_qu_2024.pdf", 2024, ["洪泽区", "洪泽", "淮安市洪泽区", "洪泽区人民政府", "淮安洪泽区"]),
    "HA24": ("huaian_shi_2024.pdf", 2024, ["淮安市", "淮安", "淮安市政府", "淮安市人民政府"]),
    "FGJ23": ("shuyang_fgj_2023.html", 2023, ["沭阳县发改局", "沭阳发改局", "沭阳县发展和改革局", "沭阳县发展改革局"]),
    "EJ21": ("003_581ad2afe31178c1.txt", 2021, ["额济纳旗", "额济纳", "额济纳旗政府", "额济纳旗人民政府"]),
    "SX25": ("014_shuyang_xian_2025.txt", 2025, ["沭阳县", "沭阳", "沭阳县政府", "沭阳县人民政府"]),
    "KW24": ("013_shanghai_kewei_2024.txt", 2024, ["上海市科委", "市科委", "上海科委", "上海市科学技术委员会"]),
    "BGT25": ("015_shanghai_bgt_2025.txt", 2025, ["上海市政府办公厅", "上海市人民政府办公厅", "上海市府办公厅"]),
    "SZ22": ("002_dfd47989e4aedd12.txt", 2022, ["嵊州文旅局", "嵊州市文化广电旅游局", "嵊州市文旅局", "嵊州市文广旅游局"]),
    "RG21": ("000_53379ca1ae0f01b5.txt", 2021, ["如皋市", "如皋", "如皋市政府"]),
    "ZW17": ("004_6b0820d803ecb1d1.txt", 2017, ["诸往镇", "乳山市诸往镇", "诸往镇政府"]),
    "DS13": ("010_pingtan_dishui_2013.txt", 2013, ["平潭地税局", "平潭综合实验区地方税务局", "平潭县地税局"]),
    "PX11": ("019_pingtan_xian_2011.txt", 2011, ["平潭县", "平潭县政府", "平潭县人民政府"]),
    "PX12": ("026_pingtan_xian_2012.txt", 2012, ["平潭县", "平潭县人民政府", "平潭县政府"]),
    "PX13": ("011_pingtan_xian_2013.txt", 2013, ["平潭县人民政府", "平潭县", "平潭县政府"]),
}
PT_NAMES = ["平潭综合实验区", "平潭实验区", "平潭综合实验区管委会"]
for _file, _year in [
    ("025_pingtan_zhq_2011.txt", 2011),
    ("023_pingtan_zhq_2012.txt", 2012),
    ("024_pingtan_zhq_2013.txt", 2013),
    ("022_pingtan_zhq_2014.txt", 2014),
    ("021_pingtan_zhq_2015.txt", 2015),
    ("020_pingtan_zhq_2016.txt", 2016),
    ("012_pingtan_zhq_2017.txt", 2017),
    ("009_pingtan_zhq_2018.txt", 2018),
    ("004_pingtan_zhq_2019.txt", 2019),
    ("006_pingtan_zhq_2020.txt", 2020),
    ("007_pingtan_zhq_2021.txt", 2021),
    ("002_pingtan_zhq_2022.txt", 2022),
    ("008_pingtan_zhq_2023.txt", 2023),
    ("003_pingtan_zhq_2024.txt", 2024),
    ("005_pingtan_zhq_2025.txt", 2025),
]:
    REPORTS[f"PT{_year % 100:02d}"] = (_file, _year, PT_NAMES)

_ZH_DIGITS = "〇一二三四五六七八九"


def year_forms(year: int) -> list[str]:
    """2023年 / 2023年度 / 二〇二三年 / 23年 / a bare 2023."""
    zh = "".join(_ZH_DIGITS[int(d)] for d in str(year))
    return [f"{year}年", f"{year}年度", f"{zh}年", f"{year % 100:02d}年", f"{year}"]


# metric -> phrasings; {who} is the issuer as typed, {year} the year as typed
PHRASES: dict[str, list[str]] = {
    "new": [
        "{who}{year}收到多少件政府信息公开申请？",
        "{year}{who}新收的信息公开申请有几件",
        "{who}{year}本年新收政府信息公开申请数量是多少？",
        "{who}{year}接收了多少件依申请公开？",
        "{who}{year}收到申请数是多少",
        "{year}{who}受理的申请量有多少？",
    ],
    # where the report's sentence counts carried-over or a sub-unit's applications, only 新收 is unambiguous
    "new_strict": [
        "{who}{year}本年新收政府信息公开申请数量是多少？",
        "{year}{who}新收的信息公开申请有几件",
        "{who}{year}新收了多少件申请？",
    ],
    "accepted": ["{who}{year}共受理了多少件政府信息公开申请？", "{year}{who}一共受理几件公开申请"],
    "carried": [
        "{who}{year}上年结转的政府信息公开申请有几件？",
        "{year}{who}从上一年转过来的申请有多少件",
        "{who}{year}上年结转申请数量",
    ],
    "next": [
        "{who}{year}结转下年度继续办理的申请有多少件？",
        "{year}{who}有几件申请结转到下一年办理",
        "{who}{year}结转到下一年的申请是多少件？",
    ],
    "disclosed": [
        "{who}{year}予以公开的申请有多少件？",
        "{year}{who}依申请全部公开的有几件",
        "{who}{year}办理结果中予以公开的数量",
    ],
    "partial": ["{who}{year}部分公开的申请有几件？", "{year}{who}区分处理、部分公开的有多少件"],
    "withheld": ["{who}{year}不予公开的申请一共有多少件？", "{year}{who}决定不予公开的有几件"],
    "unable": ["{who}{year}无法提供的申请共有几件？", "{year}{who}答复无法提供的有多少件"],
    "nothold": [
        "{who}{year}因本机关不掌握相关政府信息而无法提供的有几件？",
        "{year}{who}本机关不掌握相关信息的申请有多少件",
    ],
    "nothandled": ["{who}{year}不予处理的申请有多少件？", "{year}{who}不予处理的有几件"],
    "other": ["{who}{year}其他处理的申请有多少件？"],
    "result_total": [
        "{who}{year}本年度办理结果总计多少件？",
        "{year}{who}一共办结了多少件申请",
        "{who}{year}答复了多少件信息公开申请？",
    ],
    "natural": ["{who}{year}新收申请中自然人提出的有多少件？", "{year}{who}自然人申请了几件"],
    "legal": ["{who}{year}法人或其他组织提出的申请一共多少件？", "{year}{who}新收申请里法人和其他组织的有几件"],
    "review_total": [
        "{who}{year}政府信息公开行政复议有多少件？",
        "{year}{who}复议总数是多少",
        "{who}{year}被申请行政复议几件？",
    ],
    "upheld": ["{who}{year}行政复议结果维持的有几件？", "{year}{who}复议维持了多少件"],
    "corrected": ["{who}{year}行政复议被纠正的有几件？", "{year}{who}复议结果纠正多少件"],
    "review_other": ["{who}{year}行政复议其他结果的有几件？"],
    "review_pending": ["{who}{year}行政复议尚未审结的有几件？"],
    "suit_direct": ["{who}{year}未经复议直接起诉的行政诉讼有几件？", "{year}{who}直接起诉的案件总计多少"],
    "suit_after": ["{who}{year}复议后起诉的行政诉讼有多少件？", "{year}{who}经过复议后又起诉的有几件"],
    "suit_total": ["{who}{year}政府信息公开行政诉讼一共多少件？", "{year}{who}被提起行政诉讼几件"],
    "reg_issued": ["{who}{year}制发了几件规章？", "{year}{who}本年制发规章件数"],
    "reg_in_force": ["{who}{year}现行有效的规章有几件？"],
    "norm_issued": ["{who}{year}制发了多少件行政规范性文件？", "{year}{who}新制发规范性文件几件"],
    "norm_repealed": ["{who}{year}废止了几件规范性文件？", "{year}{who}行政规范性文件本年废止件数"],
    "norm_in_force": ["{who}{year}现行有效的规范性文件有多少件？", "{year}{who}规范性文件现行有效件数"],
    "permits": [
        "{who}{year}作出了多少件行政许可决定？",
        "{year}{who}行政许可处理决定数量",
        "{who}{year}行政许可办了多少件",
    ],
    "penalties": ["{who}{year}行政处罚决定有多少件？", "{year}{who}作出行政处罚多少件"],
    "coercion": ["{who}{year}行政强制处理决定有几件？", "{year}{who}行政强制多少件"],
    "admin_fees": ["{who}{year}行政事业性收费金额是多少万元？", "{year}{who}收了多少行政事业性收费"],
    "info_fee": [
        "{who}{year}收取了多少信息处理费？",
        "{year}{who}政府信息公开信息处理费收了多少元",
        "{who}{year}信息公开收费多少",
    ],
    "proactive": [
        "{who}{year}主动公开了多少条政府信息？",
        "{year}{who}主动公开政府信息数量",
        "{who}{year}一共主动发布了多少条信息",
    ],
}

# (report, metric or a list of own phrasings, value, evidence (one string, or all the rows a
#  derived figure adds up), how many phrasings, tags)
Fact = tuple[str, "str | list[str]", float, "str | list[str]", int, tuple[str, ...]]

R = " | "


def row(label: str, *cells: object) -> str:
    """A table row as the cleaned text writes it: cells joined by bars."""
    return R.join([label, *(str(c) for c in cells)])


HZ23_NEW = row("一、本年新收政府信息公开申请数量", 21, 0, 0, 0, 0, 0, 21)
HZ24_NEW = row("一、本年新收政府信息公开申请数量", 95, 0, 0, 0, 0, 0, 95)
HA24_NEW = row("一、本年新收政府信息公开申请数量", 3001, 53, 0, 0, 61, 4, 3119)
HZ24_REVIEW = row("1", 1, 0, 0, 2, 1, 0, 0, 0, 1, 2, 0, 1, 0, 3)
HA24_REVIEW = row("72", 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20)
EJ21_REVIEW = row("2", 0, 0, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0)
FGJ23_REVIEW = row("0", 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
SX25_NEW = row("本年新收政府信息公开申请数量", 705, 3, 0, 0, 5, 0, 713)
BGT25_NEW = row("一、本年新收政府信息公开申请数量", 1259, 36, 0, 0, 0, 0, 1295)
BGT25_REVIEW = row("40", 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22)
FGJ_BLANK = ["", "", "", "", ""]
HA24_NOT_HANDLED = [
    row("1.信访举报投诉类申请", 56, 6, 0, 0, 0, 0, 62),
    row("2.重复申请", 25, 0, 0, 0, 0, 0, 25),
    row("5.要求行政机关确认或重新出具已获取信息", 1, 0, 0, 0, 0, 0, 1),
]

FACTS: list[Fact] = [
    # 洪泽区 2023 (readable table, 2021 format)
    ("HZ23", "new", 21, HZ23_NEW, 3, ("table",)),
    ("HZ23", "accepted", 21, "2023年全区受理政府信息公开申请21件", 1, ("prose",)),
    ("HZ23", "carried", 0, row("二、上年结转政府信息公开申请数量", 0, 0, 0, 0, 0, 0, 0), 1, ("table", "zero")),
    ("HZ23", "disclosed", 0, row("（一）予以公开", 0, 0, 0, 0, 0, 0, 0), 2, ("table", "zero")),
    ("HZ23", "partial", 4, row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 4, 0, 0, 0, 0, 0, 4), 2, ("table",)),
    (
        "HZ23",
        "withheld",
        3,
        [
            row("1.属于国家秘密", 1, 0, 0, 0, 0, 0, 1),
            row("6.属于四类过程性信息", 1, 0, 0, 0, 0, 0, 1),
            row("7.属于行政执法案卷", 1, 0, 0, 0, 0, 0, 1),
        ],
        1,
        ("table", "derived"),
    ),
    (
        "HZ23",
        "unable",
        13,
        [row("1.本机关不掌握相关政府信息", 10, 0, 0, 0, 0, 0, 10), row("2.没有现成信息需要另行制作", 3, 0, 0, 0, 0, 0, 3)],
        1,
        ("table", "derived"),
    ),
    ("HZ23", "nothold", 10, row("1.本机关不掌握相关政府信息", 10, 0, 0, 0, 0, 0, 10), 1, ("table",)),
    ("HZ23", "result_total", 21, row("（七）总计", "", 21, 0, 0, 0, 0, 0, 21), 2, ("table",)),
    ("HZ23", "natural", 21, HZ23_NEW, 1, ("table", "column")),
    ("HZ23", "legal", 0, HZ23_NEW, 1, ("table", "column", "derived", "zero")),
    ("HZ23", "proactive", 1136, "主动公开政府信息1136条", 2, ("prose",)),
    ("HZ23", "norm_repealed", 5, row("行政规范性文件", 0, 5, 5), 1, ("table",)),
    ("HZ23", "norm_in_force", 5, row("行政规范性文件", 0, 5, 5), 1, ("table",)),
    ("HZ23", "permits", 550, row("行政许可", 550), 2, ("table",)),
    ("HZ23", "penalties", 4119, row("行政处罚", 4119), 1, ("table",)),
    ("HZ23", "coercion", 195, row("行政强制", 195), 1, ("table",)),
    ("HZ23", "admin_fees", 7730.28, row("行政事业性收费", 7730.28), 1, ("table",)),
    ("HZ23", "info_fee", 0, "全年收取政府信息公开信息处理费0元", 1, ("prose", "zero")),
    # 洪泽区 2024
    ("HZ24", "new_strict", 95, HZ24_NEW, 3, ("table",)),
    (
        "HZ24",
        ["{who}{year}区政府办代表区政府受理了多少件申请？"],
        17,
        "区政府办代表区政府受理政府信息公开申请17件",
        1,
        ("prose", "sub_unit"),
    ),
    ("HZ24", "disclosed", 50, row("（一）予以公开", 50, 0, 0, 0, 0, 0, 50), 2, ("table",)),
    ("HZ24", "partial", 9, row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 9, 0, 0, 0, 0, 0, 9), 1, ("table",)),
    (
        "HZ24",
        "unable",
        32,
        [row("1.本机关不掌握相关政府信息", 31, 0, 0, 0, 0, 0, 31), row("2.没有现成信息需要另行制作", 1, 0, 0, 0, 0, 0, 1)],
        1,
        ("table", "derived"),
    ),
    ("HZ24", "nothold", 31, row("1.本机关不掌握相关政府信息", 31, 0, 0, 0, 0, 0, 31), 1, ("table",)),
    ("HZ24", "nothandled", 1, row("1.信访举报投诉类申请", 1, 0, 0, 0, 0, 0, 1), 1, ("table", "derived")),
    ("HZ24", "result_total", 95, row("（七）总计", "", 95, 0, 0, 0, 0, 0, 95), 1, ("table",)),
    ("HZ24", "next", 0, row("四、结转下年度继续办理", 0, 0, 0, 0, 0, 0, 0), 1, ("table", "zero")),
    ("HZ24", "proactive", 2428, "主动发布各类政府信息2428条", 2, ("prose",)),
    ("HZ24", "norm_issued", 3, row("行政规范性文件", 3, 0, 8), 1, ("table",)),
    ("HZ24", "norm_in_force", 8, row("行政规范性文件", 3, 0, 8), 1, ("table",)),
    ("HZ24", "permits", 9487, row("行政许可", 9487), 1, ("table",)),
    ("HZ24", "penalties", 2776, row("行政处罚", 2776), 2, ("table",)),
    ("HZ24", "coercion", 84, row("行政强制", 84), 1, ("table",)),
    ("HZ24", "admin_fees", 7545, row("行政事业性收费", 7545), 1, ("table",)),
    ("HZ24", "review_total", 2, HZ24_REVIEW, 2, ("table",)),
    ("HZ24", "upheld", 1, HZ24_REVIEW, 1, ("table",)),
    ("HZ24", "corrected", 1, HZ24_REVIEW, 1, ("table",)),
    ("HZ24", "suit_direct", 1, HZ24_REVIEW, 1, ("table",)),
    ("HZ24", "suit_after", 3, HZ24_REVIEW, 1, ("table",)),
    ("HZ24", "suit_total", 4, HZ24_REVIEW, 1, ("table", "derived")),
    ("HZ24", ["{who}{year}召开了几期政府常务会议公开？"], 7, "公开政府常务会议7期", 1, ("prose",)),
    # 淮安市 2024
    ("HA24", "new", 3119, HA24_NEW, 2, ("table",)),
    ("HA24", "accepted", 3119, "全市共受理政府信息公开申请3119件", 1, ("prose",)),
    ("HA24", "natural", 3001, HA24_NEW, 2, ("table", "column")),
    ("HA24", "legal", 118, HA24_NEW, 2, ("table", "column", "derived")),
    (
        "HA24",
        ["{who}{year}新收申请中商业企业提出的有多少件？"],
        53,
        HA24_NEW,
        1,
        ("table", "column"),
    ),
    (
        "HA24",
        ["{year}{who}法律服务机构申请了几件"],
        61,
        HA24_NEW,
        1,
        ("table", "column"),
    ),
    ("HA24", "carried", 34, row("二、上年结转政府信息公开申请数量", 34, 0, 0, 0, 0, 0, 34), 2, ("table",)),
    ("HA24", "disclosed", 1362, row("（一）予以公开", 1288, 21, 0, 0, 50, 3, 1362), 2, ("table",)),
    (
        "HA24",
        "partial",
        454,
        row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 447, 7, 0, 0, 0, 0, 454),
        1,
        ("table",),
    ),
    (
        "HA24",
        "withheld",
        178,
        [
            row("1.属于国家秘密", 2, 0, 0, 0, 0, 0, 2),
            row("2.其他法律行政法规禁止公开", 30, 1, 0, 0, 0, 0, 31),
            row("3.危及“三安全一稳定”", 5, 0, 0, 0, 0, 0, 5),
            row("4.保护第三方合法权益", 6, 0, 0, 0, 0, 0, 6),
            row("5.属于三类内部事务信息", 7, 1, 0, 0, 0, 0, 8),
            row("6.属于四类过程性信息", 12, 0, 0, 0, 0, 0, 12),
            row("7.属于行政执法案卷", 9, 0, 0, 0, 0, 0, 9),
            row("8.属于行政查询事项", 105, 0, 0, 0, 0, 0, 105),
        ],
        1,
        ("table", "derived"),
    ),
    (
        "HA24",
        ["{who}{year}因属于行政查询事项不予公开的有几件？"],
        105,
        row("8.属于行政查询事项", 105, 0, 0, 0, 0, 0, 105),
        1,
        ("table",),
    ),
    ("HA24", "nothold", 769, row("1.本机关不掌握相关政府信息", 746, 12, 0, 0, 10, 1, 769), 1, ("table",)),
    (
        "HA24",
        "unable",
        781,
        [
            row("1.本机关不掌握相关政府信息", 746, 12, 0, 0, 10, 1, 769),
            row("2.没有现成信息需要另行制作", 11, 0, 0, 0, 0, 0, 11),
            row("3.补正后申请内容仍不明确", 1, 0, 0, 0, 0, 0, 1),
        ],
        1,
        ("table", "derived"),
    ),
    ("HA24", "nothandled", 88, HA24_NOT_HANDLED, 1, ("table", "derived")),
    ("HA24", ["{who}{year}重复申请的有多少件？"], 25, row("2.重复申请", 25, 0, 0, 0, 0, 0, 25), 1, ("table",)),
    ("HA24", "result_total", 3050, row("（七）总计", 2932, 53, 0, 0, 61, 4, 3050), 2, ("table",)),
    ("HA24", "next", 103, row("四、结转下年度继续办理", 103, 0, 0, 0, 0, 0, 103), 2, ("table",)),
    ("HA24", "review_total", 351, "政府信息公开行政复议351件", 2, ("prose",)),
    ("HA24", "upheld", 72, "其中结果维持72件", 1, ("prose",)),
    ("HA24", "corrected", 64, "结果纠正64件", 2, ("prose",)),
    ("HA24", "review_other", 178, "其他结果178件", 1, ("prose",)),
    ("HA24", "review_pending", 37, "尚未审结37件", 1, ("prose",)),
    ("HA24", "suit_direct", 26, HA24_REVIEW, 1, ("table",)),
    ("HA24", "suit_after", 20, HA24_REVIEW, 1, ("table",)),
    ("HA24", "suit_total", 46, "政府信息公开行政诉讼46件", 2, ("prose",)),
    ("HA24", "reg_issued", 1, row("规章", 1, 0, 11), 1, ("table",)),
    ("HA24", "reg_in_force", 11, row("规章", 1, 0, 11), 1, ("table",)),
    ("HA24", "norm_issued", 8, row("行政规范性文件", 8, 26, 66), 1, ("table",)),
    ("HA24", "norm_repealed", 26, row("行政规范性文件", 8, 26, 66), 1, ("table",)),
    ("HA24", "norm_in_force", 66, row("行政规范性文件", 8, 26, 66), 1, ("table",)),
    ("HA24", "permits", 447228, row("行政许可", 447228), 1, ("table",)),
    ("HA24", "penalties", 3985758, row("行政处罚", 3985758), 1, ("table",)),
    ("HA24", "coercion", 88283, row("行政强制", 88283), 1, ("table",)),
    ("HA24", "admin_fees", 96171.6, row("行政事业性收费", 96171.6), 1, ("table",)),
    ("HA24", "info_fee", 3940, "全年收取政府信息公开信息处理费3940元", 2, ("prose",)),
    ("HA24", "proactive", 5500, "市政府网站主动公开各类政府信息5500余条", 1, ("prose",)),
    ("HA24", ["{who}{year}在运维的政务新媒体有多少个？"], 95, "全市在运维政务新媒体共计95个", 1, ("prose",)),
    ("HA24", ["{year}{who}召开了几场新闻发布会"], 12, "新闻发布会12场", 1, ("prose",)),
    # 沭阳县发改局 2023 (html; 法人 columns left blank)
    ("FGJ23", "new", 26, row("一、本年新收政府信息公开申请数量", 26, *FGJ_BLANK, 26), 2, ("table",)),
    ("FGJ23", "disclosed", 26, row("（一）予以公开", 26, *FGJ_BLANK, 26), 1, ("table",)),
    ("FGJ23", "result_total", 26, row("（七）总计", 26, *FGJ_BLANK, 26), 1, ("table",)),
    ("FGJ23", "next", 0, row("四、结转下年度继续办理", 0, *FGJ_BLANK, 0), 1, ("table", "zero")),
    ("FGJ23", "review_total", 1, FGJ23_REVIEW, 2, ("table",)),
    ("FGJ23", "review_pending", 1, FGJ23_REVIEW, 1, ("table",)),
    ("FGJ23", "suit_total", 0, FGJ23_REVIEW, 1, ("table", "zero")),
    ("FGJ23", "proactive", 249, "全年共审核发布各类公开政府信息249条", 2, ("prose",)),
    ("FGJ23", "norm_issued", 8, row("规范性文件", 8, 0, 18), 1, ("table",)),
    ("FGJ23", "norm_in_force", 18, row("规范性文件", 8, 0, 18), 1, ("table",)),
    ("FGJ23", "permits", 0, row("行政许可", 0), 1, ("table", "zero")),
    ("FGJ23", ["{who}{year}受理网络问政多少件？"], 182, "全年受理网络问政182件", 1, ("prose",)),
    ("FGJ23", ["{year}{who}发布的重点工作信息有几条"], 39, "重点工作39条", 1, ("prose",)),
    # 额济纳旗 2021 (table 三 left empty in the report)
    ("EJ21", "new", 6, "全旗共收到依申请公开6件", 2, ("prose",)),
    ("EJ21", "proactive", 947, "主动公开各类信息947条", 1, ("prose",)),
    ("EJ21", "norm_issued", 1, row("行政规范性文件", 1, 4, 8), 1, ("table",)),
    ("EJ21", "norm_in_force", 8, row("行政规范性文件", 1, 4, 8), 1, ("table",)),
    ("EJ21", "penalties", 378, row("行政处罚", 378), 2, ("table",)),
    ("EJ21", "coercion", 211, row("行政强制", 211), 1, ("table",)),
    ("EJ21", "admin_fees", 440.1629, row("行政事业性收费", 440.1629), 1, ("table",)),
    ("EJ21", "upheld", 2, EJ21_REVIEW, 1, ("table",)),
    ("EJ21", "suit_direct", 1, EJ21_REVIEW, 1, ("table",)),
    ("EJ21", ["{who}{year}政府网站全年发布了多少条信息？"], 2127, "额济纳旗政府网站全年共发布信息2127条", 1, ("prose",)),
    ("EJ21", ["{year}{who}印发了几期公报"], 5, "印发5期《额济纳旗公报》", 1, ("prose",)),
    # 沭阳县 2025 (markdown tables, 沐阳 in the source)
    ("SX25", "accepted", 749, "全县全年共受理政府信息公开申请 749 件", 2, ("prose",)),
    ("SX25", "new_strict", 713, SX25_NEW, 2, ("table",)),
    ("SX25", "natural", 705, SX25_NEW, 1, ("table", "column")),
    ("SX25", "legal", 8, SX25_NEW, 1, ("table", "column", "derived")),
    ("SX25", "carried", 36, row("上年结转政府信息公开申请数量", 36, 0, 0, 0, 0, 0, 36), 1, ("table",)),
    ("SX25", "disclosed", 294, row("予以公开", 290, 1, 0, 0, 3, 0, 294), 2, ("table",)),
    ("SX25", "partial", 101, row("部分公开 (区分处理的, 只计这一情形, 不计其他情形)", 99, 0, 0, 0, 2, 0, 101), 1, ("table",)),
    ("SX25", "nothold", 111, row("1. 本机关不掌握相关政府信息", 111, 0, 0, 0, 0, 0, 111), 1, ("table",)),
    ("SX25", "result_total", 718, row("（七）总计", 710, 3, 0, 0, 5, 0, 718), 1, ("table",)),
    ("SX25", "next", 31, row("四、结转下年度继续办理", 31, 0, 0, 0, 0, 0, 31), 2, ("table",)),
    ("SX25", "review_total", 61, row("27", 10, 9, 15, 61), 2, ("table",)),
    ("SX25", "upheld", 27, row("27", 10, 9, 15, 61), 1, ("table",)),
    ("SX25", "corrected", 10, row("27", 10, 9, 15, 61), 1, ("table",)),
    ("SX25", "suit_after", 10, row("8", 0, 1, 1, 10), 1, ("table",)),
    ("SX25", "info_fee", 380, "收取信息处理费共计380元", 2, ("prose",)),
    ("SX25", "permits", 517645, row("行政许可", 517645), 1, ("table",)),
    ("SX25", "penalties", 693957, row("行政处罚", 693957), 1, ("table",)),
    ("SX25", "admin_fees", 4068.208, row("行政事业性收费", 4068.208), 1, ("table",)),
    ("SX25", "norm_in_force", 32, row("行政规范性文件", 6, 1, 32), 1, ("table",)),
    ("SX25", "proactive", 4511, "全年通过县政府门户网站主动公开政府信息4511条", 1, ("prose",)),
    ("SX25", ["{who}{year}清理了多少条过期信息？"], 697, "累计清理过期信息697条", 1, ("prose",)),
    # 上海市科委 2024 (broken pipe tables; the sentences carry the figures)
    ("KW24", "new", 34, "全年收到政府信息公开申请 34 件", 2, ("prose",)),
    ("KW24", "carried", 2, "上年结转政府信息公开申请 2 件", 1, ("prose",)),
    ("KW24", "disclosed", 9, "同意公开答复 9 件", 1, ("prose",)),
    ("KW24", "unable", 10, "无法提供的 10 件", 1, ("prose",)),
    ("KW24", "other", 14, "其他处理 14 件", 1, ("prose",)),
    ("KW24", "next", 1, "转下一年度办理答复的有 1 件", 1, ("prose",)),
    ("KW24", "review_total", 1, "2024 年市科委有 1 件涉及政府信息公开工作的行政复", 1, ("prose",)),
    ("KW24", "permits", 97, "行政许可 97", 2, ("table",)),
    ("KW24", "norm_in_force", 55, row("规范性文件", 13, 0, 55), 1, ("table",)),
    ("KW24", ["{who}{year}当年发布了多少件政府信息？"], 393, "当年发布政府信息 393 件", 1, ("prose",)),
    # 上海市政府办公厅 2025
    ("BGT25", "accepted", 1295, "市政府共受理政府信息公开申请 1295 件", 2, ("prose",)),
    ("BGT25", "natural", 1259, BGT25_NEW, 1, ("table", "column")),
    ("BGT25", "legal", 36, BGT25_NEW, 1, ("table", "column", "derived")),
    ("BGT25", "carried", 189, row("二、上年结转政府信息公开申请数量", 170, 15, 0, 0, 4, 0, 189), 2, ("table",)),
    ("BGT25", "disclosed", 206, row("（一）予以公开", 201, 5, 0, 0, 0, 0, 206), 1, ("table",)),
    ("BGT25", "withheld", 20, "不予公开 20 件（1.68%）", 1, ("prose",)),
    ("BGT25", "unable", 564, "无法提供 564 件", 1, ("prose",)),
    ("BGT25", "nothandled", 80, "不予处理 80 件", 1, ("prose",)),
    ("BGT25", "result_total", 1191, "办结 1191 件", 2, ("prose",)),
    ("BGT25", "next", 293, row("四、结转下年度继续办理", 290, 3, 0, 0, 0, 0, 293), 1, ("table",)),
    ("BGT25", "review_total", 55, BGT25_REVIEW, 2, ("table",)),
    ("BGT25", "upheld", 40, BGT25_REVIEW, 1, ("table",)),
    ("BGT25", "suit_direct", 12, BGT25_REVIEW, 1, ("table",)),
    ("BGT25", "suit_after", 22, BGT25_REVIEW, 1, ("table",)),
    ("BGT25", "reg_issued", 22, "全年主动公开市政府规章 22 件", 1, ("prose",)),
    ("BGT25", ["{who}{year}申请人主动撤回的有几件？"], 157, "主动撤回 157 件", 1, ("prose",)),
    ("BGT25", ["{who}{year}无法提供的申请占比是多少？"], 47.36, "无法提供 564 件（47.36%）", 1, ("prose", "percent")),
    # the older seeds
    ("SZ22", "proactive", 142, "行政权力等政府信息142条", 1, ("prose",)),
    ("SZ22", "new", 6, "收到并处理依申请公开信息6件", 1, ("prose",)),
    ("SZ22", "penalties", 6, "新增行政处罚6条", 1, ("prose",)),
    ("SZ22", "review_total", 1, "本年度共收到政府信息公开行政复议1件及行政诉讼1件", 1, ("prose",)),
    ("RG21", ["{who}{year}政务新媒体一共几个？"], 13, "当前我市共有政务新媒体13个", 1, ("prose",)),
    ("ZW17", "new", 0, "我镇没有接收到书面或其它形式要求公开政府信息的申请", 1, ("prose", "zero_in_words")),
    # 平潭 (flattened tables: the figures and decodes agree with the report's sentences)
    ("PT22", "proactive", 14571, "2022年全区共主动公开政府信息14571条", 1, ("prose",)),
    ("PT22", "new_strict", 74, "一、本年新收政府信息公开申请数量 713000074", 1, ("table", "table_flat")),
    ("PT22", "permits", 10690, "本年处理决定数量行政许可10690第二十条", 1, ("table", "table_flat")),
    ("PT22", "suit_total", 1, "共有行政诉讼案件1件、行政复议案件2件", 1, ("prose",)),
    ("PT24", "new", 218, "一、本年新收政府信息公开申请数量21710000218", 2, ("table", "table_flat")),
    ("PT24", "proactive", 10407, "通过政府门户网站全年主动公开各类政府信息10407条", 1, ("prose",)),
    ("PT24", "coercion", 65, "本年处理决定数量行政处罚1100行政强制65", 1, ("table", "table_flat")),
    ("PT25", "new", 154, "2025年，全区共收到政府信息公开申请154件", 2, ("prose",)),
    ("PT25", "result_total", 148, "共办结148件，结转至2026年6件", 1, ("prose",)),
    ("PT25", "next", 6, "共办结148件，结转至2026年6件", 1, ("prose",)),
    ("PT25", "review_total", 36, "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起", 1, ("prose",)),
    ("PT25", "permits", 2418, "本年处理决定数量行政许可2418第二十条", 1, ("table", "table_flat")),
    ("PT20", "accepted", 21, "2020年全区各级行政机关共受理政府信息公开申请21件", 1, ("prose",)),
    ("PT21", "new", 70, "本年度全区共收到70件申请，及时依法依规办结69件", 1, ("prose",)),
    ("PT21", "result_total", 69, "本年度全区共收到70件申请，及时依法依规办结69件", 1, ("prose",)),
    ("PT23", "new", 81, "各类政府信息公开申请共计81件", 1, ("prose",)),
    ("PT23", "penalties", 1330, "本年处理决定数量行政处罚1330行政强制54", 1, ("table", "table_flat")),
    ("PT23", "suit_total", 7, "因政府信息公开引起的行政复议案件2件、行政诉讼案件7件", 1, ("prose",)),
    ("PT18", "proactive", 2069, "2018年全区主动公开政府信息2069条", 1, ("prose",)),
    ("PT17", "proactive", 2122, "2017年全区主动公开政府信息2122条", 1, ("prose",)),
    ("PT16", "proactive", 3460, "2016年全区主动公开政府信息3460条", 1, ("prose",)),
    ("PT15", "proactive", 2949, "2015年主动公开政府信息2949条", 1, ("prose",)),
    ("DS13", "proactive", 45, "2013年新增主动公开政府信息45条", 1, ("prose",)),
    ("PX13", "new", 7, "2013年全县共收到有关政府信息公开的申请7条", 1, ("prose",)),
    ("PX12", "new", 21, "2012年全县共收到有关政府信息公开的申请21条", 1, ("prose",)),
    ("PX12", "disclosed", 17, "对依申请公开的答复总数21条，其中同意公开答复数17条", 1, ("prose",)),
    ("PX11", "proactive", 425, "其中主动公开政府信息425条", 1, ("prose",)),
]


def item(
    intent: str,
    question: str,
    kind: str,
    answer: Any,
    evidence: Any,
    report: Any,
    tags: list[str],
    **extra: Any,
) -> dict[str, Any]:
    return {
        "intent": intent,
        "question": question,
        "type": kind,
        "answer": answer,
        "evidence": evidence,
        "report": report,
        "tags": tags,
        **extra,
    }


def file_of(key: str) -> str:
    return REPORTS[key][0]


def figure_items() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, (key, metric, value, evidence, count, tags) in enumerate(FACTS):
        file, year, names = REPORTS[key]
        phrasings = PHRASES[metric] if isinstance(metric, str) else metric
        years = year_forms(year)
        for j in range(min(count, len(phrasings))):
            who = names[(n + j) % len(names)]
            y = years[(n * 2 + j) % len(years)]
            question = phrasings[(n + j) % len(phrasings)].format(who=who, year=y)
            if question in seen:
                continue
            seen.add(question)
            name_style = "full" if who.endswith(("人民政府", "委员会", "办公厅", "局")) and len(who) > 6 else "short"
            year_style = ["digits", "niandu", "chinese", "two_digit", "bare"][(n * 2 + j) % 5]
            label = metric if isinstance(metric, str) else "prose_other"
            out.append(
                item(
                    "figure",
                    question,
                    "number",
                    value,
                    evidence,
                    file,
                    [label, *tags, f"name:{name_style}", f"year:{year_style}"],
                )
            )
    return out


def multi_items() -> list[dict[str, Any]]:
    hz = [file_of("HZ23"), file_of("HZ24")]
    return [
        item(
            "figure_multi",
            "洪泽区2023年和2024年分别收到多少件申请？",
            "number",
            [21, 95],
            [HZ23_NEW, HZ24_NEW],
            hz,
            ["new", "years"],
        ),
        item(
            "figure_multi",
            "淮安市2024年行政复议维持了几件，纠正了几件？",
            "number",
            [72, 64],
            ["其中结果维持72件", "结果纠正64件"],
            file_of("HA24"),
            ["upheld", "corrected"],
        ),
        item(
            "figure_multi",
            "沭阳县2025年行政复议维持几件、纠正几件？",
            "number",
            [27, 10],
            [row("27", 10, 9, 15, 61)],
            file_of("SX25"),
            ["upheld", "corrected"],
        ),
        item(
            "figure_multi",
            "淮安市2024年予以公开和部分公开各有多少件？",
            "number",
            [1362, 454],
            [
                row("（一）予以公开", 1288, 21, 0, 0, 50, 3, 1362),
                row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 447, 7, 0, 0, 0, 0, 454),
            ],
            file_of("HA24"),
            ["disclosed", "partial"],
        ),
        item(
            "figure_multi",
            "洪泽区2024年行政许可、行政处罚、行政强制分别是多少？",
            "number",
            [9487, 2776, 84],
            [row("行政许可", 9487), row("行政处罚", 2776), row("行政强制", 84)],
            file_of("HZ24"),
            ["permits", "penalties", "coercion"],
        ),
        item(
            "figure_multi",
            "淮安市2024年规范性文件制发、废止、现行有效各多少件？",
            "number",
            [8, 26, 66],
            [row("行政规范性文件", 8, 26, 66)],
            file_of("HA24"),
            ["norm_issued", "norm_repealed", "norm_in_force"],
        ),
        item(
            "figure_multi",
            "上海市政府办公厅2025年上年结转多少件，结转下年度多少件？",
            "number",
            [189, 293],
            [
                row("二、上年结转政府信息公开申请数量", 170, 15, 0, 0, 4, 0, 189),
                row("四、结转下年度继续办理", 290, 3, 0, 0, 0, 0, 293),
            ],
            file_of("BGT25"),
            ["carried", "next"],
        ),
        item(
            "figure_multi",
            "淮安市2024年直接起诉和复议后起诉的行政诉讼各几件？",
            "number",
            [26, 20],
            [HA24_REVIEW],
            file_of("HA24"),
            ["suit_direct", "suit_after"],
        ),
        item(
            "figure_multi",
            "上海市科委2024年收到多少件申请、上年结转多少件？",
            "number",
            [34, 2],
            ["全年收到政府信息公开申请 34 件", "上年结转政府信息公开申请 2 件"],
            file_of("KW24"),
            ["new", "carried"],
        ),
        item(
            "figure_multi",
            "洪泽区2024年行政复议的总数和被纠正的件数分别是多少？",
            "number",
            [2, 1],
            [HZ24_REVIEW],
            file_of("HZ24"),
            ["review_total", "corrected"],
        ),
        item(
            "figure_multi",
            "额济纳旗2021年行政处罚和行政强制各有多少件？",
            "number",
            [378, 211],
            [row("行政处罚", 378), row("行政强制", 211)],
            file_of("EJ21"),
            ["penalties", "coercion"],
        ),
        item(
            "figure_multi",
            "沭阳县2025年新收申请多少、办结多少？",
            "number",
            [713, 718],
            [SX25_NEW, row("（七）总计", 710, 3, 0, 0, 5, 0, 718)],
            file_of("SX25"),
            ["new", "result_total"],
        ),
        item(
            "figure_multi",
            "平潭综合实验区2025年收到和办结的申请各是多少件？",
            "number",
            [154, 148],
            ["2025年，全区共收到政府信息公开申请154件", "共办结148件，结转至2026年6件"],
            file_of("PT25"),
            ["new", "result_total"],
        ),
        item(
            "figure_multi",
            "淮安市2024年新收申请中自然人和法人或其他组织各多少件？",
            "number",
            [3001, 118],
            [HA24_NEW],
            file_of("HA24"),
            ["natural", "legal"],
        ),
    ]


def list_items() -> list[dict[str, Any]]:
    L: list[tuple[str, str, list[str], str, str]] = [
        (
            "HZ23",
            "洪泽区2023年政务公开工作有哪些差距？",
            ["依申请公开工作规范性", "深度和广度", "队伍建设"],
            "如依申请公开工作规范性还有待提高",
            "problems",
        ),
        (
            "HZ23",
            "淮安市洪泽区二〇二三年针对问题下一步抓好哪些工作",
            ["扎实推进依申请公开工作", "重点领域", "业务指导培训"],
            "一是扎实推进依申请公开工作",
            "improvements",
        ),
        (
            "HZ24",
            "洪泽2024年度信息公开工作主要有哪些不足？",
            ["研判能力不足", "答复文书规范性", "协调处理机制", "政策解读的形式", "政务新媒体运维管理"],
            "个别部门对复杂申请件的研判能力不足",
            "problems",
        ),
        (
            "HZ24",
            "洪泽区24年针对存在的问题采取了哪些改进措施？",
            ["扎实推进依申请公开工作", "典型案例", "业务指导培训"],
            "二是加强对典型案例的研究、梳理和汇总",
            "improvements",
        ),
        (
            "HA24",
            "淮安市2024年报告里需要加强和改进的地方有哪些？",
            ["政策解读质量", "队伍建设", "人员配备不足"],
            "一是政策解读质量仍需提升",
            "problems",
        ),
        (
            "HA24",
            "淮安2024年度下一步怎么改进政务公开？",
            ["政策解读质效", "传帮带", "业务培训"],
            "建立健全“传帮带”机制",
            "improvements",
        ),
        (
            "FGJ23",
            "沭阳发改局2023年信息公开存在什么问题",
            ["信息公开意识有所松懈", "回复效率有待提高", "专业化能力建设"],
            "各科室人员信息公开意识有所松懈",
            "problems",
        ),
        (
            "FGJ23",
            "沭阳县发展和改革局2023年度的整改措施是什么？",
            ["主动公开信息联动机制", "平台建设", "新媒体"],
            "一是完善主动公开信息联动机制",
            "improvements",
        ),
        (
            "EJ21",
            "额济纳2021年政务公开还有哪些不够的地方？",
            ["不够完善", "兼职人员", "政策解读"],
            "一是主动公开的信息内容还不够完善",
            "problems",
        ),
        (
            "EJ21",
            "额济纳旗二〇二一年下一步准备做好哪些工作？",
            ["统一思想、提高认识", "加大信息公开力度", "加强政策解读、回应关切工作", "考核机制"],
            "(一)统一思想、提高认识",
            "improvements",
        ),
        (
            "SX25",
            "沭阳县2025年信息公开工作的短板有哪些",
            ["政策解读多样性", "依申请办件质量", "联系群众工作"],
            "一是政策解读多样性需进一步加强",
            "problems",
        ),
        (
            "SX25",
            "沭阳2025年度针对问题采取了哪些措施？",
            ["增加解读的形式", "考核管理", "深化基层联动"],
            "一是增加解读的形式",
            "improvements",
        ),
        (
            "KW24",
            "市科委2024年针对机构改革带来的问题做了哪些改进？",
            ["张江高新区", "政府信息公开目录", "政务公开栏目"],
            "一是开设“张江高新区”专栏",
            "improvements",
        ),
        (
            "BGT25",
            "上海市人民政府办公厅2025年政务公开存在哪些主要问题？",
            ["政策信息分散", "用户体验", "服务意识"],
            "一是政策信息分散于多个平台",
            "problems",
        ),
        (
            "BGT25",
            "上海市政府办公厅2025年报告对2024年的问题采取了哪些改进措施",
            ["政策公开质效", "第一平台", "依申请公开办理质量"],
            "一是进一步提升政策公开质效",
            "improvements",
        ),
        (
            "SZ22",
            "嵊州文旅局2022年自查发现了哪些不足？",
            ["工作认识有待提高", "执行能力有待提高", "公开形式有待提高"],
            "一是工作认识有待提高",
            "problems",
        ),
        (
            "SZ22",
            "嵊州市文化广电旅游局2022年度准备从哪几方面做好政务公开",
            ["深化认识增强责任感", "提高质量保证实效性", "拓宽渠道充实多样性"],
            "(一)深化认识增强责任感",
            "improvements",
        ),
        (
            "RG21",
            "如皋2021年政务公开的问题有哪些？",
            ["专业性有待加强", "时效性有待增强", "规范性有待提升"],
            "政府信息公开的专业性有待加强",
            "problems",
        ),
        (
            "RG21",
            "如皋市2021年度打算采取哪些改进办法",
            ["提高业务水平", "强化监督检查", "加大宣传力度"],
            "一是提高业务水平",
            "improvements",
        ),
        (
            "PT22",
            "平潭综合实验区2022年信息公开工作主要有哪些不足",
            ["重大行政决策预公开", "信息公开深度不足", "政策解读形式单一"],
            "一是重大行政决策预公开程度需进一步加强",
            "problems",
        ),
        (
            "PT24",
            "平潭实验区2024年下一年准备怎么改进信息公开？",
            ["优化主动公开目录", "增强政策解读效果", "加快数字化转型"],
            "一是优化主动公开目录，开展主动公开事项目录编制",
            "improvements",
        ),
        (
            "PT19",
            "平潭综合实验区2019年度政务公开工作存在什么不足？",
            ["自觉性仍待提高", "受人员编制限制", "长效工作机制建设不够"],
            "一是个别部门对政府信息公开工作主动性和自觉性仍待提高",
            "problems",
        ),
        (
            "PT25",
            "平潭综合实验区二〇二五年整改措施有哪些",
            ["强化政务公开队伍建设", "依申请公开答复质量", "优化平台互动模块设计"],
            "一是强化政务公开队伍建设，多渠道加强业务指导和培训",
            "improvements",
        ),
        (
            "PT20",
            "平潭综合实验区2020年报告指出了哪些问题？",
            ["基层政务公开标准化", "开展还不够均衡", "属性不够突出"],
            "基层政务公开标准化规范化水平有待进一步提升",
            "problems",
        ),
        (
            "PT21",
            "平潭综合实验区21年打算如何改进政务公开？",
            ["丰富政策解读形式", "加强重点政务信息管理", "拓宽公开载体和渠道"],
            "一是丰富政策解读形式，做到政务公开精准、生动、全方位、多形式",
            "improvements",
        ),
        (
            "PT23",
            "平潭综合实验区2023年度信息公开存在哪些问题",
            ["属性界定还不够精确", "开拓创新不够有力", "政策解读的质量"],
            "一是部分单位信息发布属性界定还不够精确",
            "problems",
        ),
        (
            "PT18",
            "平潭综合实验区2018年政务公开还有哪些不足之处？",
            ["责任意识不强", "队伍建设有待加强", "便民服务仍有差距"],
            "但还存在个别公开单位责任意识不强",
            "problems",
        ),
        (
            "PX13",
            "平潭县2013年度信息公开有什么不足",
            ["受人员编制限制", "属性界定不准确", "依申请公开工作机制", "宣传力度还不够"],
            "一是受人员编制限制，各单位信息公开工作均由办公室人员兼职经办",
            "problems",
        ),
        (
            "PT16",
            "平潭综合实验区2016年政府信息公开有哪些问题？",
            ["信息平台不同源", "信息查阅不便捷", "更新不够及时与全面", "互动交流不足"],
            "信息平台不同源、信息查阅不便捷",
            "problems",
        ),
        (
            "PT15",
            "平潭综合实验区2015年度提出了哪些改进办法",
            ["群众生活密切相关", "电子公文流转管理机制", "主动公开信息巡查", "信息公开培训指导"],
            "一是重点推进与社会发展、群众生活密切相关的政府信息公开",
            "improvements",
        ),
        (
            "PT14",
            "平潭综合实验区管委会2014年度报告说存在哪些问题",
            ["工作基础需进一步夯实", "公开范围有待拓展", "公开制度有待完善"],
            "主要还存在以下问题：一是工作基础需进一步夯实",
            "problems",
        ),
    ]
    return [item("list", q, "list", kw, ev, file_of(k), [part]) for k, q, kw, ev, part in L]


def yesno_items() -> list[dict[str, Any]]:
    Y: list[tuple[str, str, bool, str]] = [
        ("HZ24", "洪泽区2024年有没有收取信息处理费？", False, "全年收取政府信息公开信息处理费0元"),
        ("HA24", "淮安市2024年收信息处理费了吗", True, "全年收取政府信息公开信息处理费3940元"),
        ("HA24", "淮安市2024年是否有申请结转到下年度继续办理？", True, row("四、结转下年度继续办理", 103, 0, 0, 0, 0, 0, 103)),
        ("HZ24", "洪泽区2024年有没有行政复议被纠正？", True, HZ24_REVIEW),
        ("KW24", "上海市科委2024年的那件行政复议被纠错了吗？", False, "该行政复议件未被复议审查机关纠错"),
        (
            "BGT25",
            "上海市政府办公厅2025年有没有行政诉讼败诉的情况？",
            False,
            "全年未发生因依申请公开被行政复议纠错或行政诉讼败诉情形",
        ),
        ("SX25", "沭阳县2025年收取信息处理费了吗？", True, "收取信息处理费共计380元"),
        ("FGJ23", "沭阳县发改局2023年信息公开有没有收费？", False, "政府信息公开未发生收费情况"),
        ("EJ21", "额济纳旗2021年处理信息公开申请收费了吗？", False, "未收取任何费用"),
        ("EJ21", "额济纳旗2021年有没有政府信息公开行政诉讼？", True, EJ21_REVIEW),
        ("HZ23", "洪泽区2023年废止过行政规范性文件吗？", True, row("行政规范性文件", 0, 5, 5)),
        ("HZ23", "洪泽区2023年有没有制发规章？", False, row("规章", 0, 0, 0)),
        ("HA24", "淮安市2024年制发规章了吗？", True, row("规章", 1, 0, 11)),
        ("HZ23", "洪泽区2023年的申请都在法定期限内答复了吗？", True, "均在法定期限答复"),
        ("SX25", "沭阳县2025年清理过过期信息吗？", True, "累计清理过期信息697条"),
        ("KW24", "上海市科委2024年发生过政府信息公开行政诉讼吗？", False, "涉及的行政诉讼数为0件"),
        ("HA24", "淮安市2024年政务新媒体抽查合格率都是100%吗？", True, "合格率均为100%"),
        ("SZ22", "嵊州文旅局2022年被提起过行政诉讼吗？", True, "本年度共收到政府信息公开行政复议1件及行政诉讼1件"),
        ("ZW17", "诸往镇2017年发生过信息公开行政复议吗？", False, "全镇未发生因政府信息公开申请提起的行政复议和行政诉讼案件"),
        ("PT18", "平潭综合实验区2018年有人申请公开政府信息吗？", False, "2018年未收到有关政府信息公开申请。"),
        ("DS13", "平潭县地税局2013年收到信息公开申请了吗？", False, "期间我局办公室未收到政府信息公开申请"),
        ("PT25", "平潭综合实验区2025年有没有结转到2026年的申请？", True, "共办结148件，结转至2026年6件"),
        ("PX11", "平潭县政府2011年有人提出政府信息公开申请吗", False, "2011年全县未收到有关政府信息公开的申请"),
        ("PT16", "平潭综合实验区2016年依申请提供信息要收费吗？", False, "2016年我区各级工作部门依申请提供政府信息暂不收费。"),
        ("PT14", "平潭实验区2014年收到过政府信息公开申请吗？", True, "2014年全区收到有关政府信息公开的信函申请1条"),
    ]
    return [item("yesno", q, "yesno", a, ev, file_of(k), ["yesno"]) for k, q, a, ev in Y]


def refusal_items() -> list[dict[str, Any]]:
    R_: list[tuple[str, str]] = [
        ("南京市2021年收到多少件政府信息公开申请？", "issuer_not_on_file"),
        ("苏州市2024年行政复议有多少件？", "issuer_not_on_file"),
        ("杭州市西湖区2023年主动公开了多少条政府信息？", "issuer_not_on_file"),
        ("盱眙县2024年收到多少件申请", "issuer_not_on_file"),
        ("宿迁市2025年信息处理费收了多少？", "issuer_not_on_file"),
        ("沭阳县教育局2025年收到几件申请？", "issuer_not_on_file"),
        ("淮安市发改委2024年行政许可多少件", "issuer_not_on_file"),
        ("额济纳旗文旅局2021年主动公开多少条信息？", "issuer_not_on_file"),
        ("洪择区2023年收到多少件申请？", "near_miss"),
        ("淮阴区2024年予以公开多少件？", "issuer_not_on_file"),
        ("洪泽区2022年度新收了几件信息公开申请？", "year_not_on_file"),
        ("淮安市2023年行政处罚决定有多少件？", "year_not_on_file"),
        ("沭阳县2024年受理了多少件申请？", "year_not_on_file"),
        ("上海市科委2023年行政许可多少件？", "year_not_on_file"),
        ("额济纳旗2022年收到几件依申请公开？", "year_not_on_file"),
        ("平潭综合实验区2026年收到多少申请", "year_not_on_file"),
        ("平潭县2014年主动公开多少条政府信息？", "year_not_on_file"),
        ("嵊州文旅局2021年行政复议几件？", "year_not_on_file"),
        ("沭阳发改局2024年予以公开多少件？", "year_not_on_file"),
        ("洪泽区2019年行政许可多少件", "year_not_on_file"),
        ("额济纳旗2021年予以公开的申请有多少件？", "figure_not_stated"),
        ("如皋市2021年结转下年度的申请有几件？", "figure_not_stated"),
        ("嵊州市文化广电旅游局2022年现行有效规范性文件有多少件？", "figure_not_stated"),
        ("平潭县2013年行政强制决定多少件？", "figure_not_stated"),
        ("平潭综合实验区2017年行政处罚决定有多少件？", "figure_not_stated"),
        ("诸往镇2017年行政许可处理决定有多少件？", "figure_not_stated"),
        ("上海市科委2024年信息公开工作有几名专职人员？", "figure_not_stated"),
        ("洪泽区2023年政务新媒体有多少个？", "figure_not_stated"),
        ("平潭综合实验区2024年政府信息公开工作经费是多少万元？", "figure_not_stated"),
    ]
    return [item("refusal", q, "none", None, None, None, [why]) for q, why in R_]


def clarify_items() -> list[dict[str, Any]]:
    C = [
        ("平潭2013年主动公开了多少条政府信息？", ["ambiguous_issuer"]),
        ("平潭2012年收到多少件申请？", ["ambiguous_issuer"]),
        ("平潭2011年主动公开多少条信息", ["ambiguous_issuer"]),
        ("洪泽区2024年的数据怎么样？", ["vague_figure"]),
        ("淮安市2024年情况如何", ["vague_figure"]),
        ("上海市科委2024年那个数是多少？", ["vague_figure"]),
    ]
    return [item("clarify", q, "none", None, None, None, tags) for q, tags in C]


def guide_items() -> list[dict[str, Any]]:
    G = ["信息公开做得怎么样？", "你好", "帮我看看", "谢谢", "能做什么？", "随便说说"]
    return [item("guide", q, "none", None, None, None, ["not_a_question"]) for q in G]


def across_items() -> list[dict[str, Any]]:
    hz = [file_of("HZ23"), file_of("HZ24")]
    HZ_PROACTIVE = ["主动公开政府信息1136条", "主动发布各类政府信息2428条"]
    return [
        item(
            "across",
            "2024年哪个单位收到的政府信息公开申请最多？",
            "list",
            ["淮安", "3119"],
            [HA24_NEW],
            [file_of("HA24")],
            ["ranking", "max"],
        ),
        item("across", "洪泽区2024年比2023年多收到多少件申请？", "number", 74, [HZ23_NEW, HZ24_NEW], hz, ["change"]),
        item("across", "洪泽区2023年和2024年一共收到多少件申请？", "number", 116, [HZ23_NEW, HZ24_NEW], hz, ["total"]),
        item(
            "across",
            "淮安市和洪泽区2024年的行政许可合计多少件？",
            "number",
            456715,
            [row("行政许可", 447228), row("行政许可", 9487)],
            [file_of("HA24"), file_of("HZ24")],
            ["total"],
        ),
        item(
            "across",
            "2025年沭阳县和上海市政府办公厅谁新收的申请多？",
            "list",
            ["办公厅", "1295"],
            [BGT25_NEW, SX25_NEW],
            [file_of("BGT25"), file_of("SX25")],
            ["compare"],
        ),
        item(
            "across",
            "平潭综合实验区2024年比2023年多收到多少件申请？",
            "number",
            137,
            ["一、本年新收政府信息公开申请数量21710000218", "各类政府信息公开申请共计81件"],
            [file_of("PT24"), file_of("PT23")],
            ["change"],
        ),
        item(
            "across",
            "平潭综合实验区2025年收到的申请比上年少了多少件？",
            "number",
            64,
            ["2025年，全区共收到政府信息公开申请154件", "一、本年新收政府信息公开申请数量21710000218"],
            [file_of("PT25"), file_of("PT24")],
            ["change"],
        ),
        item(
            "across",
            "2024年哪些单位收取了信息处理费？",
            "list",
            ["淮安市", "3940"],
            ["全年收取政府信息公开信息处理费3940元"],
            [file_of("HA24")],
            ["listing"],
        ),
        item(
            "across",
            "2023年哪个单位作出的行政处罚最多？",
            "list",
            ["洪泽区", "4119"],
            [row("行政处罚", 4119)],
            [file_of("HZ23")],
            ["ranking", "max"],
        ),
        item(
            "across",
            "2025年哪个单位的行政复议最多",
            "list",
            ["沭阳县", "61"],
            [row("27", 10, 9, 15, 61)],
            [file_of("SX25")],
            ["ranking", "max"],
        ),
        item(
            "across",
            "洪泽区2024年行政许可比上年增加了多少件？",
            "number",
            8937,
            [row("行政许可", 550), row("行政许可", 9487)],
            hz,
            ["change"],
        ),
        item("across", "洪泽区2024年主动公开的信息比2023年多多少条？", "number", 1292, HZ_PROACTIVE, hz, ["change"]),
        item(
            "across",
            "淮安市和洪泽区2024年的行政复议一共多少件？",
            "number",
            353,
            ["政府信息公开行政复议351件", HZ24_REVIEW],
            [file_of("HA24"), file_of("HZ24")],
            ["total"],
        ),
        item(
            "across",
            "2024年哪个单位收到的申请最少？",
            "list",
            ["上海市科", "34"],
            ["全年收到政府信息公开申请 34 件"],
            [file_of("KW24")],
            ["ranking", "min"],
        ),
        item(
            "across",
            "洪泽区2024年的行政处罚比2023年减少了多少件？",
            "number",
            1343,
            [row("行政处罚", 4119), row("行政处罚", 2776)],
            hz,
            ["change"],
        ),
    ]


def today_items() -> list[dict[str, Any]]:
    T: list[tuple[str, str, float | None, str | None, str]] = [
        ("SX25", "沭阳县去年新收了多少件政府信息公开申请？", 713, SX25_NEW, "去年"),
        ("BGT25", "上海市政府办公厅去年受理了多少件申请？", 1295, "市政府共受理政府信息公开申请 1295 件", "去年"),
        ("PT25", "平潭综合实验区去年收到多少件申请", 154, "2025年，全区共收到政府信息公开申请154件", "去年"),
        ("HA24", "淮安市前年收到多少件政府信息公开申请？", 3119, HA24_NEW, "前年"),
        ("KW24", "上海市科委前年的行政许可有多少件？", 97, "行政许可 97", "前年"),
        ("HZ24", "洪泽区今年收到多少件申请？", None, None, "今年"),
    ]
    out = []
    for key, q, a, ev, rel in T:
        if a is None:
            out.append(item("refusal", q, "none", None, None, None, ["year_not_on_file", f"relative:{rel}"], today=TODAY))
        else:
            out.append(item("figure", q, "number", a, ev, file_of(key), [f"relative:{rel}"], today=TODAY))
    return out


def history_items() -> list[dict[str, Any]]:
    """Single questions with earlier turns: the follow-up alone is scored."""
    return [
        item(
            "figure",
            "那2023年呢？",
            "number",
            21,
            HZ23_NEW,
            file_of("HZ23"),
            ["follow_up", "year"],
            history=["洪泽区2024年新收多少件申请？"],
        ),
        item(
            "figure",
            "其中被纠正的有几件？",
            "number",
            64,
            "结果纠正64件",
            file_of("HA24"),
            ["follow_up", "result"],
            history=["淮安市2024年行政复议有多少件？"],
        ),
        item(
            "figure",
            "复议呢？",
            "number",
            61,
            row("27", 10, 9, 15, 61),
            file_of("SX25"),
            ["follow_up", "metric"],
            history=["沭阳县2025年收到多少件申请？"],
        ),
        item(
            "figure",
            "那洪泽区呢？",
            "number",
            95,
            HZ24_NEW,
            file_of("HZ24"),
            ["follow_up", "issuer"],
            history=["淮安市2024年新收政府信息公开申请多少件？"],
        ),
        item(
            "refusal",
            "南京市2021年收到多少件申请？",
            "none",
            None,
            None,
            None,
            ["follow_up", "issuer_not_on_file"],
            history=["额济纳旗2021年依申请公开收到几件？"],
        ),
        item(
            "refusal",
            "苏州市呢？",
            "none",
            None,
            None,
            None,
            ["follow_up", "issuer_not_on_file"],
            history=["淮安市2024年予以公开多少件？"],
        ),
        item(
            "figure",
            "其中自然人呢？",
            "number",
            3001,
            HA24_NEW,
            file_of("HA24"),
            ["follow_up", "column"],
            history=["淮安市2024年收到多少件申请？"],
        ),
        item(
            "guide",
            "信息公开做得怎么样？",
            "none",
            None,
            None,
            None,
            ["follow_up", "vague"],
            history=["洪泽区2024年收到多少件申请？"],
        ),
    ]


def dialogues() -> list[dict[str, Any]]:
    def t(intent: str, question: str, kind: str, answer: Any, evidence: Any, key: str | None) -> dict[str, Any]:
        return {
            "question": question,
            "type": kind,
            "answer": answer,
            "evidence": evidence,
            "intent": intent,
            "report": file_of(key) if key else None,
        }

    def none(intent: str, question: str) -> dict[str, Any]:
        return t(intent, question, "none", None, None, None)

    HA_REV = "政府信息公开行政复议351件"
    D: list[list[dict[str, Any]]] = [
        [
            t("figure", "洪泽区2023年收到多少件申请？", "number", 21, HZ23_NEW, "HZ23"),
            t("figure", "那2024年呢？", "number", 95, HZ24_NEW, "HZ24"),
        ],
        [
            t("figure", "淮安市2024年行政复议有多少件？", "number", 351, HA_REV, "HA24"),
            t("figure", "其中被纠正的有几件？", "number", 64, "结果纠正64件", "HA24"),
            t("figure", "维持的呢？", "number", 72, "其中结果维持72件", "HA24"),
        ],
        [
            t("figure", "淮安市2024年新收多少件政府信息公开申请？", "number", 3119, HA24_NEW, "HA24"),
            t("figure", "那洪泽区呢？", "number", 95, HZ24_NEW, "HZ24"),
        ],
        [
            t("figure", "额济纳旗2021年依申请公开收到几件？", "number", 6, "全旗共收到依申请公开6件", "EJ21"),
            none("refusal", "南京市2021年收到多少件申请？"),
        ],
        [
            t(
                "figure",
                "淮安市2024年予以公开多少件？",
                "number",
                1362,
                row("（一）予以公开", 1288, 21, 0, 0, 50, 3, 1362),
                "HA24",
            ),
            none("refusal", "那苏州市2024年呢？"),
        ],
        [
            t("figure", "沭阳县2025年新收多少件申请？", "number", 713, SX25_NEW, "SX25"),
            t("figure", "行政复议呢？", "number", 61, row("27", 10, 9, 15, 61), "SX25"),
            t("figure", "其中纠正了几件？", "number", 10, row("27", 10, 9, 15, 61), "SX25"),
        ],
        [
            t("figure", "上海市科委2024年收到多少件申请？", "number", 34, "全年收到政府信息公开申请 34 件", "KW24"),
            t("figure", "上年结转的呢？", "number", 2, "上年结转政府信息公开申请 2 件", "KW24"),
            t("figure", "转到下一年度办理的有几件？", "number", 1, "转下一年度办理答复的有 1 件", "KW24"),
        ],
        [
            t("figure", "洪泽区2024年行政许可多少件？", "number", 9487, row("行政许可", 9487), "HZ24"),
            t("figure", "行政处罚呢？", "number", 2776, row("行政处罚", 2776), "HZ24"),
            t("figure", "那2023年呢？", "number", 4119, row("行政处罚", 4119), "HZ23"),
        ],
        [
            t(
                "figure",
                "上海市政府办公厅2025年受理多少件申请？",
                "number",
                1295,
                "市政府共受理政府信息公开申请 1295 件",
                "BGT25",
            ),
            t("figure", "办结了多少件？", "number", 1191, "办结 1191 件", "BGT25"),
            none("guide", "信息公开做得怎么样？"),
        ],
        [
            t("figure", "淮安市2024年新收多少件申请？", "number", 3119, HA24_NEW, "HA24"),
            t("figure", "其中自然人提出的呢？", "number", 3001, HA24_NEW, "HA24"),
            t("figure", "法人或其他组织呢？", "number", 118, HA24_NEW, "HA24"),
        ],
        [
            t(
                "figure",
                "平潭综合实验区2024年新收申请多少件？",
                "number",
                218,
                "一、本年新收政府信息公开申请数量21710000218",
                "PT24",
            ),
            t("figure", "那2023年呢？", "number", 81, "各类政府信息公开申请共计81件", "PT23"),
            t("figure", "2022年呢？", "number", 74, "一、本年新收政府信息公开申请数量 713000074", "PT22"),
        ],
        [
            t("yesno", "洪泽区2024年有没有收取信息处理费？", "yesno", False, "全年收取政府信息公开信息处理费0元", "HZ24"),
            t("yesno", "淮安市呢？", "yesno", True, "全年收取政府信息公开信息处理费3940元", "HA24"),
        ],
        [
            t(
                "figure",
                "沭阳发改局2023年收到多少件申请？",
                "number",
                26,
                row("一、本年新收政府信息公开申请数量", 26, *FGJ_BLANK, 26),
                "FGJ23",
            ),
            t("figure", "予以公开的有几件？", "number", 26, row("（一）予以公开", 26, *FGJ_BLANK, 26), "FGJ23"),
            t("figure", "行政复议呢？", "number", 1, FGJ23_REVIEW, "FGJ23"),
        ],
        [
            t("figure", "额济纳旗2021年行政许可有多少件？", "number", 8097, row("行政许可", 8097), "EJ21"),
            t("figure", "行政强制呢？", "number", 211, row("行政强制", 211), "EJ21"),
            t("figure", "行政事业性收费呢？", "number", 440.1629, row("行政事业性收费", 440.1629), "EJ21"),
        ],
        [
            t(
                "list",
                "洪泽区2023年政府信息公开存在哪些问题？",
                "list",
                ["依申请公开工作规范性", "深度和广度", "队伍建设"],
                "如依申请公开工作规范性还有待提高",
                "HZ23",
            ),
            t(
                "list",
                "那2024年呢？",
                "list",
                ["研判能力不足", "答复文书规范性", "政策解读的形式"],
                "个别部门对复杂申请件的研判能力不足",
                "HZ24",
            ),
        ],
        [
            t("figure", "淮安市2024年行政诉讼一共多少件？", "number", 46, "政府信息公开行政诉讼46件", "HA24"),
            t("figure", "其中复议后起诉的有几件？", "number", 20, HA24_REVIEW, "HA24"),
            t("figure", "直接起诉的呢？", "number", 26, HA24_REVIEW, "HA24"),
        ],
        [
            t("figure", "沭阳县2025年收了多少信息处理费？", "number", 380, "收取信息处理费共计380元", "SX25"),
            none("refusal", "2024年呢？"),
        ],
        [
            t("figure", "上海市科委2024年行政许可多少件？", "number", 97, "行政许可 97", "KW24"),
            t("figure", "行政处罚呢？", "number", 0, "行政处罚 0", "KW24"),
        ],
        [
            t("figure", "嵊州文旅局2022年主动公开了多少条信息？", "number", 142, "行政权力等政府信息142条", "SZ22"),
            t("figure", "行政复议呢？", "number", 1, "本年度共收到政府信息公开行政复议1件及行政诉讼1件", "SZ22"),
            none("refusal", "杭州市文旅局呢？"),
        ],
        [
            t("figure", "平潭综合实验区2025年收到多少件申请？", "number", 154, "2025年，全区共收到政府信息公开申请154件", "PT25"),
            t("figure", "办结多少件？", "number", 148, "共办结148件，结转至2026年6件", "PT25"),
            t("figure", "结转到下一年的有几件？", "number", 6, "共办结148件，结转至2026年6件", "PT25"),
        ],
        [
            t("figure", "淮安市2024年制发了几件规范性文件？", "number", 8, row("行政规范性文件", 8, 26, 66), "HA24"),
            t("figure", "废止的呢？", "number", 26, row("行政规范性文件", 8, 26, 66), "HA24"),
            t("figure", "现行有效的呢？", "number", 66, row("行政规范性文件", 8, 26, 66), "HA24"),
        ],
        [
            t("figure", "洪泽区2024年复议总数是多少？", "number", 2, HZ24_REVIEW, "HZ24"),
            t("figure", "其中被纠正的有几件？", "number", 1, HZ24_REVIEW, "HZ24"),
            t("figure", "那淮安市呢？", "number", 64, "结果纠正64件", "HA24"),
        ],
        [
            t("figure", "平潭县2012年收到多少件申请？", "number", 21, "2012年全县共收到有关政府信息公开的申请21条", "PX12"),
            t("figure", "同意公开的有几条？", "number", 17, "对依申请公开的答复总数21条，其中同意公开答复数17条", "PX12"),
        ],
        [
            t(
                "figure",
                "诸往镇2017年收到多少件申请？",
                "number",
                0,
                "我镇没有接收到书面或其它形式要求公开政府信息的申请",
                "ZW17",
            ),
            t("yesno", "有没有行政复议？", "yesno", False, "全镇未发生因政府信息公开申请提起的行政复议和行政诉讼案件", "ZW17"),
        ],
        [
            t("figure", "淮安市2024年主动公开了多少条信息？", "number", 5500, "市政府网站主动公开各类政府信息5500余条", "HA24"),
            none("guide", "那这个呢"),
        ],
        [
            t("figure", "如皋2021年政务新媒体有几个？", "number", 13, "当前我市共有政务新媒体13个", "RG21"),
            none("refusal", "如皋市2022年呢？"),
        ],
        [
            t("figure", "洪泽区2024年予以公开多少件？", "number", 50, row("（一）予以公开", 50, 0, 0, 0, 0, 0, 50), "HZ24"),
            t(
                "figure",
                "部分公开呢？",
                "number",
                9,
                row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 9, 0, 0, 0, 0, 0, 9),
                "HZ24",
            ),
            t(
                "figure",
                "本机关不掌握相关信息的呢？",
                "number",
                31,
                row("1.本机关不掌握相关政府信息", 31, 0, 0, 0, 0, 0, 31),
                "HZ24",
            ),
        ],
        [
            t("figure", "上海市政府办公厅2025年行政复议多少件？", "number", 55, BGT25_REVIEW, "BGT25"),
            t("figure", "维持了多少？", "number", 40, BGT25_REVIEW, "BGT25"),
            t("figure", "直接起诉的行政诉讼呢？", "number", 12, BGT25_REVIEW, "BGT25"),
        ],
        [
            t("figure", "沭阳县2025年本年新收申请多少件？", "number", 713, SX25_NEW, "SX25"),
            none("refusal", "沭阳县发改局呢？"),
            t("figure", "2023年呢？", "number", 26, row("一、本年新收政府信息公开申请数量", 26, *FGJ_BLANK, 26), "FGJ23"),
        ],
        [
            t("figure", "淮安市2024年收到多少申请？", "number", 3119, HA24_NEW, "HA24"),
            none("refusal", "宿迁市呢？"),
            t(
                "figure",
                "淮安市2024年结转下年度多少件？",
                "number",
                103,
                row("四、结转下年度继续办理", 103, 0, 0, 0, 0, 0, 103),
                "HA24",
            ),
        ],
        [
            t("figure", "额济纳旗2021年行政复议几件？", "number", 2, EJ21_REVIEW, "EJ21"),
            t("figure", "维持了几件？", "number", 2, EJ21_REVIEW, "EJ21"),
            t("figure", "纠正的呢？", "number", 0, EJ21_REVIEW, "EJ21"),
        ],
        [
            t("figure", "洪泽区2023年主动公开了多少条信息？", "number", 1136, "主动公开政府信息1136条", "HZ23"),
            t("figure", "二〇二四年呢？", "number", 2428, "主动发布各类政府信息2428条", "HZ24"),
        ],
        [
            t("figure", "淮安市2024年不予处理的申请有多少件？", "number", 88, HA24_NOT_HANDLED, "HA24"),
            t("figure", "其中重复申请的呢？", "number", 25, row("2.重复申请", 25, 0, 0, 0, 0, 0, 25), "HA24"),
            none("refusal", "洪择区呢？"),
        ],
        [
            t("figure", "平潭综合实验区2023年收到多少件申请？", "number", 81, "各类政府信息公开申请共计81件", "PT23"),
            t("figure", "行政诉讼呢？", "number", 7, "因政府信息公开引起的行政复议案件2件、行政诉讼案件7件", "PT23"),
            t("figure", "2025年呢？", "number", 9, "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起", "PT25"),
        ],
    ]
    return [{"id": f"dlg{n:02d}", "turns": turns} for n, turns in enumerate(D, 1)]


def build() -> dict[str, Any]:
    questions = [
        *figure_items(),
        *history_items(),
        *today_items(),
        *multi_items(),
        *list_items(),
        *yesno_items(),
        *refusal_items(),
        *clarify_items(),
        *guide_items(),
        *across_items(),
    ]
    for n, q in enumerate(questions, 1):
        q["id"] = f"p{n:03d}"
    ordered = [{"id": q.pop("id"), **q} for q in questions]
    return {"today": TODAY, "questions": ordered, "dialogues": dialogues()}


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
