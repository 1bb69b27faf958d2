import csv
import json
import random

import pytest

from ingest.clean import clean
from ingest.load import load, load_bytes
from ingest.metadata import describe
from tests.conftest import SHARED, gold_facts, report


def _meta(path):
    doc = load(path)
    return describe(doc, clean(doc))


def _text_meta(text: str, name: str = "report.txt"):
    doc = load_bytes(text.encode("utf-8"), name)
    return describe(doc, clean(doc))


def _expected():
    out = {}
    for fact in gold_facts():
        out[fact["report"].split("/")[-1]] = (fact["issuer"], fact["year"])
    return out


def _meta_gold() -> list[dict[str, str]]:
    with open(SHARED / "eval" / "meta_gold.tsv", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("name", sorted(_expected()))
def test_issuer_and_year_match_gold(name):
    issuer, year = _expected()[name]
    meta = _meta(report(name))
    assert (meta.issuer, meta.year) == (issuer, year)


def test_every_shared_report_gets_the_issuer_year_and_kind_of_meta_gold():
    rows = _meta_gold()
    assert len(rows) == 32
    wrong = []
    for row in rows:
        meta = _meta(report(row["file"]))
        accepted = {row["issuer"], *filter(None, row["also_accepted"].split("|"))}
        if meta.issuer not in accepted or meta.year != int(row["year"]) or meta.kind != row["kind"]:
            wrong.append((row["file"], meta.issuer, meta.year, meta.kind))
    assert wrong == []


def test_every_shared_report_says_how_its_issuer_and_year_were_found():
    for row in _meta_gold():
        found = dict(_meta(report(row["file"])).found)
        assert found.get("issuer") and found.get("year") and found.get("title"), row["file"]


def test_two_forms_of_a_zone_name_are_one_issuer_and_its_office_another():
    zone = {_meta(report(r["file"])).issuer for r in _meta_gold() if r["issuer"] == "平潭综合实验区"}
    assert zone == {"平潭综合实验区"}
    assert _meta(report("022_pingtan_zhq_2014.txt")).issuer == "平潭综合实验区"  # title prints …管委会
    assert _meta(report("018_pingtan_zhq_2014_yaodian_han.txt")).issuer == "平潭综合实验区管委会办公室"
    assert _meta(report("011_pingtan_xian_2013.txt")).issuer == "平潭县人民政府"


def test_an_ocr_misprinted_county_stays_as_printed_with_the_real_name_as_alias():
    meta = _meta(report("014_shuyang_xian_2025.txt"))
    assert meta.issuer == "沐阳县人民政府"
    assert {"沭阳县人民政府", "沭阳县"} <= set(meta.aliases)
    assert ("alias", "gazetteer:沭阳县人民政府") in meta.found


def test_every_dev_question_report_has_a_year():
    names = {json.loads(line)["report"] for line in (SHARED / "eval" / "dev_qa.jsonl").read_text().splitlines() if line.strip()}
    for name in filter(None, names):
        assert _meta(report(name.split("/")[-1])).year


def test_short_names_people_type():
    assert "洪泽区" in _meta(report("hongze_qu_2023.pdf")).aliases
    assert "诸往镇" in _meta(report("004_6b0820d803ecb1d1.txt")).aliases
    assert "嵊州市文旅局" in _meta(report("002_dfd47989e4aedd12.txt")).aliases
    assert "沭阳县发改局" in _meta(report("shuyang_fgj_2023.html")).aliases
    assert "上海市科委" in _meta(report("013_shanghai_kewei_2024.txt")).aliases


def test_kind_layout_and_dates():
    notice = _meta(report("001_3126439bcbcde1e1.txt"))
    assert notice.kind == "other" and notice.year == 2021
    assert _meta(report("004_6b0820d803ecb1d1.txt")).layout == "older"
    assert _meta(report("hongze_qu_2024.pdf")).layout == "2021"
    assert _meta(report("003_581ad2afe31178c1.txt")).published == "2022-02-19"
    letter = _meta(report("018_pingtan_zhq_2014_yaodian_han.txt"))  # a 函 filed under the 年报 column
    assert letter.kind == "other" and letter.layout == "n/a"
    kinds = {r["file"]: r["kind"] for r in _meta_gold()}
    assert all(_meta(report(name)).kind == kind for name, kind in kinds.items())


# ---- generated header variants, with made-up issuers --------------------------------------------

BODY = (
    "本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。\n"
    "一、总体情况\n{y}年，{self_ref}坚持以公开为常态、不公开为例外，全年主动公开政府信息120条。\n"
    "二、主动公开政府信息情况\n详见下表。\n"
)
MADE_UP = ["云泽县", "岚溪市", "澄岭区", "雁湖县"]
DEPARTMENTS = [
    ("发展和改革局", "发改局"),
    ("科学技术委员会", "科委"),
    ("地方税务局", "地税局"),
    ("人力资源和社会保障局", "人社局"),
]


def _body(year: int, self_ref: str = "我县") -> str:
    return BODY.format(y=year, self_ref=self_ref)


@pytest.mark.parametrize("seed", range(6))
def test_crawler_header_fields_in_any_order_give_title_issuer_and_year(seed):
    rng = random.Random(seed)
    place, year = rng.choice(MADE_UP), rng.randint(2009, 2025)
    issuer = place + "人民政府"
    title = f"{issuer}{year}年政府信息公开工作年度报告"
    fields = [
        f"标题: {title}",
        f"发布时间: {year + 1}-02-{rng.randint(10, 28)} 15:07",
        f"发布机构: {rng.choice(['', issuer + '办公室'])}",
        f"索引号: {rng.randint(10**9, 10**10)}/{year + 1}-00012",
        "文号: ",
        f"来源: {rng.choice(['', '某某网'])}",
        "栏目: 政府信息公开年报",
    ]
    rng.shuffle(fields)
    text = "\n".join(fields) + "\n==================== 正文 ====================\n" + _body(year)
    meta = _text_meta(text)
    assert (meta.title, meta.issuer, meta.year) == (title, issuer, year)
    assert ("title", "header:标题") in meta.found


@pytest.mark.parametrize("seed", range(4))
def test_markdown_heading_is_the_title(seed):
    rng = random.Random(seed)
    place, year = rng.choice(MADE_UP), rng.randint(2009, 2025)
    text = f"# {place}人民政府 {year} 年 政府信息公开工作年度报告\n\n{place}人民政府\n({year + 1}年1月23日)\n\n" + _body(year)
    meta = _text_meta(text)
    assert (meta.issuer, meta.year) == (place + "人民政府", year)
    assert ("title", "markdown") in meta.found


@pytest.mark.parametrize("seed", range(8))
def test_a_title_broken_over_lines_after_a_zhengwen_or_date_line(seed):
    rng = random.Random(seed)
    place, year = rng.choice(MADE_UP), rng.randint(2009, 2025)
    issuer = place + "人民政府"
    splits = [
        [f"{year} 年{issuer}政府信息公开工作", "年度报告"],
        [issuer, f"{year}年政府信息公开工作年度报告"],
        [f"{year}年{issuer}", "政府信息公开工作", "年度报告"],
    ]
    before = rng.choice([[], ["正文"], [f"{year + 1}-01-{rng.randint(10, 28)}"], [f"（{year + 1}年1月20日）"]])
    lines = before + rng.choice(splits)
    meta = _text_meta("\n".join(lines) + "\n" + _body(year))
    assert (meta.issuer, meta.year) == (issuer, year), lines
    assert meta.kind == "annual_report"


@pytest.mark.parametrize("full,short", DEPARTMENTS)
def test_a_title_naming_a_department_by_its_short_form_gives_the_full_name(full, short):
    place = "岚溪市"
    meta = _text_meta(f"正文\n2023 年{place}{short}政府信息公开工作\n年度报告\n" + _body(2023, f"市{short}"))
    assert meta.issuer == place + full
    assert place + short in meta.aliases
    assert ("issuer", "short form expanded") in meta.found


def test_a_short_form_expands_to_the_full_form_the_report_itself_uses():
    body = _body(2022, "市文化和旅游局")
    assert _text_meta("岚溪市文旅局2022年政府信息公开工作年度报告\n" + body).issuer == "岚溪市文化和旅游局"


@pytest.mark.parametrize("seed", range(4))
def test_a_report_with_no_title_is_known_by_its_signature(seed):
    rng = random.Random(seed)
    place, year = rng.choice(MADE_UP), rng.randint(2009, 2025)
    issuer = place + rng.choice(["人民政府", "教育局", "人民政府办公室"])
    end = rng.choice([f"\n{issuer}\n{year + 1}年1月{rng.randint(10, 28)}日\n", f" {issuer} {year + 1}年2月3日 附件下载\n"])
    meta = _text_meta(_body(year, "本机关") + "三、其他需要报告的事项\n无。" + end)
    assert (meta.issuer, meta.year) == (issuer, year)
    assert ("issuer", "signature") in meta.found


def test_a_government_office_signing_for_its_county_reports_for_the_county():
    end = "\n雁湖县人民政府办公室\n2024年1月20日\n"
    assert _text_meta(_body(2023, "全县") + "三、其他需要报告的事项\n无。" + end).issuer == "雁湖县人民政府"
    assert _text_meta(_body(2023, "本机关") + "三、其他需要报告的事项\n无。" + end).issuer == "雁湖县人民政府办公室"


def test_an_office_report_is_the_office_and_an_office_compiling_is_the_government():
    office = _text_meta("正文\n2025 年岚溪市人民政府办公厅政府信息公开\n工作年度报告\n" + _body(2025, "本机关"))
    assert office.issuer == "岚溪市人民政府办公厅"
    county = _text_meta(
        "江宁区人民政府\n2023年政府信息公开工作年度报告\n本报告由南京市江宁区人民政府办公室根据《条例》要求编制。\n"
        + _body(2023, "我区")
    )
    assert county.issuer == "南京市江宁区人民政府"
    assert ("issuer", "completed:body:本报告由") in county.found


def test_the_region_before_a_name_is_kept_only_when_it_is_the_parent():
    text = "江宁区人民政府\n2023年政府信息公开工作年度报告\n本报告由苏州市江宁区人民政府办公室编制。\n" + _body(2023, "我区")
    assert _text_meta(text).issuer == "江宁区人民政府"


@pytest.mark.parametrize("seed", range(4))
def test_a_zone_and_its_administration_are_one_issuer_and_its_office_is_another(seed):
    rng = random.Random(seed)
    zone, year = rng.choice(["云泽综合实验区", "岚溪经济技术开发区", "雁湖新区"]), rng.randint(2009, 2025)
    forms = [zone, zone + "管委会", zone + "管理委员会"]
    issuers = {
        _text_meta(
            f"标题: {f}{year}年度政府信息公开工作年度报告\n发布机构: {zone}管委会办公室\n" + _body(year, "区管委会")
        ).issuer
        for f in forms
    }
    assert issuers == {zone}
    letter = _text_meta(
        f"标题: 关于{year}年政府信息公开工作要点落实情况的函\n发布机构: \n==== 正文 ====\n来源：某县人民政府 "
        + _body(year)
        + f" {zone}管委会办公室 {year}年12月10日 附件下载"
    )
    assert letter.issuer == zone + "管委会办公室" and letter.kind == "other"


def test_a_bureau_is_not_taken_for_the_site_that_publishes_it():
    text = (
        "标题: 云泽县地方税务局2013年信息公开年度报告\n发布机构: \n==== 正文 ====\n"
        "当前位置： 首页政务公开 云泽县地方税务局2013年信息公开年度报告 来源：云泽县人民政府 时间：2014-02-25\n"
        + _body(2013, "我局")
    )
    meta = _text_meta(text)
    assert meta.issuer == "云泽县地方税务局" and "云泽县地税局" in meta.aliases


def test_the_file_name_is_the_last_resort():
    meta = _text_meta(_body(2020, "本机关"), "雁湖县审计局2020年政府信息公开工作年度报告.txt")
    assert (meta.issuer, meta.year) == ("雁湖县审计局", 2020)
    assert ("issuer", "file name") in meta.found
