import pytest

from ingest.identity import aliases, canonical, corrected, issuer_key, suggest_place
from lexicon.places import is_place, parents, places


def test_the_gazetteer_holds_counties_banners_leagues_and_new_districts():
    for name in ("沭阳县", "额济纳旗", "正蓝旗", "阿拉善盟", "锡林郭勒盟", "浦东新区", "雄安新区", "如皋市"):
        assert is_place(name), name
    assert {p.level for p in places("额济纳旗")} == {"county"}
    assert {p.level for p in places("阿拉善盟")} == {"city"}


@pytest.mark.parametrize(
    "place,expected",
    [
        ("洪泽区", ["江苏省", "淮安市"]),
        ("淮安市洪泽区", ["江苏省", "淮安市"]),
        ("额济纳旗", ["内蒙古自治区", "阿拉善盟"]),
        ("浦东新区", ["上海市"]),
        ("如皋市", ["江苏省", "南通市"]),
        ("淮安市", ["江苏省"]),
        ("鼓楼区", []),  # several cities have one: no guess
        ("南京市鼓楼区", ["江苏省", "南京市"]),
        ("云泽县", []),
    ],
)
def test_parents_roll_a_division_up_to_its_city_and_province(place, expected):
    assert parents(place) == expected


def test_a_misprinted_county_gets_the_real_one_suggested():
    assert suggest_place("沐阳县") == "沭阳县"
    assert corrected("沐阳县人民政府") == "沭阳县人民政府"
    assert suggest_place("泗阳县") is None  # real
    assert suggest_place("高新区") is None  # a zone, not a misprint
    assert suggest_place("云泽县") is None  # nothing close enough
    assert corrected("淮安市洪泽区人民政府") is None


@pytest.mark.parametrize(
    "names",
    [
        ["淮安市洪泽区人民政府", "洪泽区人民政府", "洪泽区", "淮安市洪泽区"],
        ["平潭综合实验区", "平潭综合实验区管委会", "平潭综合实验区管理委员会", " 平潭综合实验区 "],
        ["平潭综合实验区管委会办公室", "平潭综合实验区管理委员会办公室"],
        ["上海市科学技术委员会", "上海市科委"],
        ["嵊州市文化广电旅游局", "嵊州市文旅局"],
        ["云泽县地方税务局", "云泽县地税局"],
        ["沭阳县人民政府", "沐阳县人民政府", "宿迁市沭阳县人民政府"],
        ["额济纳旗", "额济纳旗人民政府", "阿拉善盟额济纳旗"],
    ],
)
def test_every_name_of_one_body_has_one_key(names):
    assert len({issuer_key(n) for n in names}) == 1


def test_different_bodies_keep_different_keys():
    names = [
        "平潭县人民政府",
        "平潭综合实验区",
        "平潭综合实验区管委会办公室",
        "平潭综合实验区地方税务局",
        "上海市人民政府",
        "上海市人民政府办公厅",
    ]
    assert len({issuer_key(n) for n in names}) == len(names)


def test_a_zone_is_stored_under_one_form_and_a_government_as_printed():
    assert canonical("岚溪经济技术开发区管理委员会") == canonical("岚溪经济技术开发区管委会") == "岚溪经济技术开发区"
    assert canonical("岚溪经济技术开发区管委会办公室") == "岚溪经济技术开发区管委会办公室"
    assert canonical("如皋市人民政府") == "如皋市人民政府"
    assert canonical("额济纳旗") == "额济纳旗"


def test_aliases_cover_the_forms_people_type():
    assert {"洪泽区人民政府", "洪泽区", "淮安市洪泽区"} <= set(aliases("淮安市洪泽区人民政府"))
    assert "淮安市洪泽区人民政府" in aliases("洪泽区人民政府")
    assert {"岚溪新区管委会", "岚溪新区管理委员会"} <= set(aliases("岚溪新区"))
    assert "岚溪新区管理委员会办公室" in aliases("岚溪新区管委会办公室")
    assert "云泽县发改局" in aliases("云泽县发展和改革局")
    assert "上海市政府办公厅" in aliases("上海市人民政府办公厅")
    assert {"沭阳县人民政府", "沭阳县"} <= set(aliases("沐阳县人民政府"))
    # 市府 for 市人民政府; a 综合实验区 without 综合
    assert {"青川市府办公厅", "青川市政府办公厅", "青川市府办"} <= set(aliases("青川市人民政府办公厅"))
    assert "青川市府" in aliases("青川市人民政府")
    assert {"石门实验区", "石门实验区管委会"} <= set(aliases("石门综合实验区"))
