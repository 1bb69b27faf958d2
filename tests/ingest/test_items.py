"""Part 五 items, read at ingest, on generated variants of the ways reports write them: a
mis-numbered 一是…三是, problems named as a whole (主要是A，B等问题), improvement leads
(将采取以下措施加以改进), a problem lead that says 以下几个方面, and a report on one line whose last
item runs into a flattened 统计表 with numbered rows."""

from __future__ import annotations

import random

import pytest

from ingest.items import find_items

PROBLEMS = ["信息发布属性界定不够精确", "政策解读形式较为单一", "信息平台不同源", "网站栏目更新不够及时", "互动回应渠道有待拓宽"]
MEASURES = ["加大公开检查力度", "提升公开内容质量", "拓宽政民互动渠道", "加强业务培训指导"]
TABLE = (
    " 六、某某县政府信息公开情况统计表 指标名称 计量单位 本年度 历年累计 主动公开文件数 条 {a} {b} "
    "其中：1、政府网站公开数 条 {a} {b} 2、政府公报公开数 条 0 0 受理依申请公开信息总数 条 1 1 "
    "其中：1、当面申请数 条 0 0 2、网上申请数 条 1 1"
)
SHI = "一二三四五"


def kinds(text: str) -> list[tuple[str, str]]:
    return [(it.kind, text[it.start : it.end]) for it in find_items(text, 0, len(text))]


def enumerate_shi(points: list[str], ordinals: list[int], sep: str) -> str:
    return sep.join(f"{SHI[n - 1]}是{p}" for n, p in zip(ordinals, points, strict=True)) + "。"


@pytest.mark.parametrize("seed", range(6))
def test_a_mis_numbered_list_is_one_list(seed):
    rng = random.Random(seed)
    points = rng.sample(PROBLEMS, 3)
    ordinals = rng.choice([[1, 3, 3], [1, 2, 2], [1, 3, 4], [1, 1, 2]])
    sep = rng.choice(["；", "。", "；\n"])
    lead = rng.choice(["存在的问题主要有以下几个方面：", "但仍存在一些不足：", "主要问题："])
    measures = rng.sample(MEASURES, 2)
    text = lead + enumerate_shi(points, ordinals, sep) + "下一步，我们将：" + enumerate_shi(measures, [1, 2], "；")
    found = kinds(text)
    assert [k for k, _ in found] == ["problems"] * 3 + ["improvements"] * 2, (ordinals, found)
    assert all(p in t for p, (_, t) in zip(points + measures, found, strict=True))


@pytest.mark.parametrize("seed", range(6))
def test_problems_named_as_a_whole_keep_every_clause(seed):
    rng = random.Random(seed)
    points = rng.sample(PROBLEMS, rng.randint(3, 5))
    joined = "".join(p + rng.choice(["，", "、"]) for p in points[:-1]) + points[-1]
    lead = rng.choice(["但仍存在一些不足和薄弱环节。主要是", "工作中还存在一些问题，主要是"])
    tail = rng.choice(["等问题。", "等不足。"])
    measures = rng.sample(MEASURES, 3)
    cue = rng.choice(["我们将采取以下措施加以改进：", "下一步将从以下几个方面改进："])
    text = lead + joined + tail + cue + "".join(f"（{SHI[i]}）{m}。" for i, m in enumerate(measures))
    found = kinds(text)
    problems = [t for k, t in found if k == "problems"]
    assert len(problems) == len(points) and all(p in t for p, t in zip(points, problems, strict=True)), found
    assert [t.rstrip("。")[3:] for k, t in found if k == "improvements"] == measures


@pytest.mark.parametrize("seed", range(4))
def test_a_last_item_stops_before_a_flattened_statistics_table(seed):
    rng = random.Random(seed)
    points = rng.sample(PROBLEMS, 3)
    table = TABLE.format(a=rng.randint(100, 9999), b=rng.randint(10000, 99999))
    text = "五、主要问题和改进措施 但主要还存在以下问题：" + enumerate_shi(points, [1, 2, 3], "。") + table
    found = kinds(text)
    assert [k for k, _ in found] == ["problems"] * 3, found
    assert "统计表" not in found[-1][1] and not any("公开数" in t for _, t in found)
