import re

import pytest

from ingest.clean import clean, remove_spam
from ingest.load import load
from tests.conftest import SEEDS, SHARED

NOISE = [
    "pg电子",
    "PG电子",
    "第一足球网",
    "Copyright",
    "CopyRight",
    "版权所有",
    "ICP备",
    "公网安备",
    "打印本页",
    "关闭窗口",
    "浏览次数",
    "点击次数",
    "当前位置",
    "上一篇",
    "下一篇",
    "网站标识码",
    "|||",
    "字号",
]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_noise_is_gone(path):
    text = clean(load(path)).text
    for noise in NOISE:
        assert noise not in text, noise


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_real_paragraph_remains(path):
    raw = path.read_text(encoding="utf-8")
    text = clean(load(path)).text
    # each sentence of the original that is not furniture or spam survives, word for word
    for line in raw.splitlines():
        for sentence in re.split(r"(?<=[。；！？])", line.strip()):
            sentence = re.sub(r"pg电子模拟器试玩在线|第一足球网|\s*(?:\|\s*)+$", "", sentence).strip()
            if len(sentence) >= 25 and sentence.endswith(("。", "；")):
                assert sentence in text.replace("\n", " ") or sentence in text, sentence[:40]


def test_spliced_spam_removed_but_genuine_words_kept():
    assert remove_spam("坚决予以责任追究。pg电子模拟器试玩在线") == "坚决予以责任追究。"
    assert remove_spam("第一足球网额济纳旗2021年度报告") == "额济纳旗2021年度报告"
    genuine = "加强政府信息公开平台建设，利用电子政务平台和体育场馆开展活动，文化广电旅游体育局主动公开信息。"
    assert remove_spam(genuine) == genuine


def test_reference_format_text_is_not_touched():
    for path in (SHARED / "reference").glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert remove_spam(text) == text
