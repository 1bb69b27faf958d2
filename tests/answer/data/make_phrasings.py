"""Generates tests/answer/data/phrasings.json: staff phrasings written from the format's labels,
over invented issuers, each with what it must be read as."""

import json
import random

random.seed(16)
issuers = [
    ("青川市人民政府", ["青川市", "青川", "青川市政府"], [2023, 2024]),
    ("青川市柳溪区人民政府", ["柳溪区", "柳溪", "青川市柳溪区"], [2023, 2024]),
    ("白沙县发展和改革局", ["白沙县发改局", "白沙发改局", "白沙县发展和改革局"], [2023]),
    ("云岭市文化广电旅游局", ["云岭文旅局", "云岭市文旅局", "云岭市文化广电旅游局"], [2022]),
    ("乌兰旗", ["乌兰旗"], [2021]),
]
years = {
    2021: ["2021年", "二〇二一年", "21年", "2021年度"],
    2022: ["2022年", "22年", "2022年度", "二〇二二年"],
    2023: ["2023年", "23年", "2023", "二〇二三年"],
    2024: ["2024年", "24年", "2024年度", "二〇二四年"],
}
phrasings = {
    "applications": [
        ("{w}{y}收到多少件政府信息公开申请？", "applications.new.total"),
        ("{w}{y}收到申请数是多少", "applications.new.total"),
        ("{w}{y}受理的申请量是多少？", "applications.new.total"),
        ("{y}{w}新收了几件依申请公开？", "applications.new.total"),
        ("{w}{y}接到多少件信息公开申请", "applications.new.total"),
        ("{w}{y}上年结转的申请有几件？", "applications.carried_over.total"),
        ("{w}{y}结转到下一年的申请有多少？", "applications.carried_to_next_year.total"),
        ("{w}{y}有多少申请结转下年度继续办理？", "applications.carried_to_next_year.total"),
        ("{w}{y}全部公开的有多少件？", "applications.result.disclosed.total"),
        ("{w}{y}予以公开的申请有几件", "applications.result.disclosed.total"),
        ("{w}{y}部分公开了多少件？", "applications.result.partially_disclosed.total"),
        ("{w}{y}办结了多少件申请？", "applications.result.total"),
        ("{w}{y}依申请公开办理结果总计多少件", "applications.result.total"),
        ("{w}{y}不予公开的有几件？", "applications.result.withheld"),
        ("{w}{y}因属于国家秘密不予公开的有几件", "applications.result.withheld.state_secret.total"),
        ("{w}{y}以过程性信息为由不予公开多少件？", "applications.result.withheld.process_info.total"),
        ("{w}{y}本机关不掌握相关信息的有多少件", "applications.result.unavailable.not_held.total"),
        ("{w}{y}重复申请有几件？", "applications.result.not_processed.duplicate.total"),
        ("{w}{y}信访举报投诉类申请有多少件", "applications.result.not_processed.petition.total"),
    ],
    "applicants": [
        ("{w}{y}自然人提出了多少件申请？", "applications.new.natural_person"),
        ("{w}{y}个人申请有几件", "applications.new.natural_person"),
        ("{w}{y}企业提出的申请有多少件？", "applications.new.commercial_enterprise"),
        ("{w}{y}律师事务所申请了几件", "applications.new.legal_service_org"),
        ("{w}{y}法人或其他组织提出的申请一共有多少件？", "applications.new.organisations"),
        ("{w}{y}科研机构提出几件申请？", "applications.new.research_institution"),
    ],
    "review": [
        ("{w}{y}行政复议有几件？", "review.total"),
        ("{w}{y}复议有几件", "review.total"),
        ("{w}{y}因政府信息公开被申请行政复议多少件？", "review.total"),
        ("{w}{y}行政复议结果维持的有几件", "review.upheld"),
        ("{w}{y}复议被纠正的有几件？", "review.corrected"),
        ("{w}{y}行政复议尚未审结的有多少件", "review.pending"),
    ],
    "litigation": [
        ("{w}{y}行政诉讼有多少件？", "litigation.total"),
        ("{w}{y}被起诉了几次", "litigation.total"),
        ("{w}{y}复议后起诉的有几件？", "litigation.after_review.total"),
        ("{w}{y}未经复议直接起诉的有几件", "litigation.direct.total"),
    ],
    "figures": [
        ("{w}{y}收费多少？", "fees.disclosure_fees_yuan"),
        ("{w}{y}收取了多少信息处理费", "fees.disclosure_fees_yuan"),
        ("{w}{y}主动公开了多少条政府信息？", "proactive.items"),
        ("{w}{y}有几个政务新媒体", "new_media.accounts"),
        ("{w}{y}作出了多少件行政处罚决定？", "penalties.decisions"),
        ("{w}{y}行政许可处理决定有多少件", "permits.decisions"),
        ("{w}{y}行政强制决定有几件？", "coercion.decisions"),
        ("{w}{y}行政事业性收费金额是多少", "fees.admin_charges_wan_yuan"),
        ("{w}{y}废止了几件规范性文件？", "normative_docs.repealed"),
        ("{w}{y}现行有效的规章有多少件", "regulations.in_force"),
    ],
    "derived": [
        ("{w}{y}公开率是多少？", "applications.disclosure_rate"),
        ("{w}{y}依申请公开的办结率是多少", "applications.completion_rate"),
    ],
}
questions = []
for intent, items in phrasings.items():
    for template, metric in items:
        picks = random.sample(issuers, 4)
        for issuer, names, on_file in picks:
            year = random.choice(on_file)
            q = template.format(w=random.choice(names), y=random.choice(years[year]))
            questions.append({"question": q, "intent": intent, "issuers": [issuer], "years": [year], "metrics": [metric]})
# relative and ranged years (today 2026-12-02)
for q, ys in [
    ("青川市去年收到多少件申请？", [2025]),
    ("青川市今年收到多少件申请？", [2026]),
    ("青川市前年行政复议有几件？", [2024]),
    ("柳溪区近三年收到多少件申请？", [2023, 2024, 2025]),
    ("柳溪区2021到2023年收到多少件申请？", [2021, 2022, 2023]),
    ("柳溪区2021—2023行政复议有几件", [2021, 2022, 2023]),
    ("柳溪区2023年和2024年分别收到多少件申请？", [2023, 2024]),
    ("柳溪区23年和24年的行政诉讼各有几件", [2023, 2024]),
]:
    questions.append({"question": q, "intent": "years", "years": ys})
# several figures or issuers
for q, iss, ms in [
    ("青川市和柳溪区2024年分别收到多少件申请？", ["青川市人民政府", "青川市柳溪区人民政府"], ["applications.new.total"]),
    ("柳溪区2023年行政复议维持了几件，纠正了几件", ["青川市柳溪区人民政府"], ["review.upheld", "review.corrected"]),
    (
        "青川市2024年自然人和企业分别提出了多少申请",
        ["青川市人民政府"],
        ["applications.new.natural_person", "applications.new.commercial_enterprise"],
    ),
    (
        "青川市2024年予以公开和部分公开各多少件",
        ["青川市人民政府"],
        ["applications.result.disclosed.total", "applications.result.partially_disclosed.total"],
    ),
]:
    questions.append({"question": q, "intent": "several", "issuers": iss, "metrics": ms})
# across
for q, kind in [
    ("2024年哪个单位收到的申请最多？", "rank"),
    ("2024年哪个单位行政复议最少", "rank"),
    ("2024年收到申请最多的前五个单位", "rank"),
    ("2024年各单位收到申请合计多少件", "total"),
    ("2024年各单位行政复议平均多少件", "average"),
    ("哪些单位收取了信息处理费？", "list"),
    ("柳溪区2024年比2023年多收到多少件申请？", "change"),
    ("柳溪区2024年行政复议比上年增加多少", "change"),
    ("柳溪区收到申请的增长率是多少", "change"),
    ("青川市和柳溪区2024年谁收到的申请多", "rank"),
]:
    questions.append({"question": q, "intent": "across", "across": kind})
# not on file / near misses / vague
for q in ["南京市2021年收到多少件申请？", "白沙县教育局2023年收到多少件申请", "青州市2024年收到多少件申请？"]:
    questions.append({"question": q, "intent": "unknown", "issuers": []})
for q in ["信息公开做得怎么样？", "你好", "谢谢", "介绍一下"]:
    questions.append({"question": q, "intent": "vague", "vague": True})

dialogues = []


def turn(q, **want):
    return {"question": q, **want}


for issuer, names, on_file in issuers:
    w = names[0]
    y = on_file[-1]
    dialogues += [
        [
            turn(f"{w}{y}年收到多少件申请？", issuers=[issuer], years=[y], metrics=["applications.new.total"]),
            turn("其中自然人有几件？", issuers=[issuer], years=[y], metrics=["applications.new.natural_person"]),
            turn("行政复议呢？", issuers=[issuer], years=[y], metrics=["review.total"]),
            turn("其中被纠正的有几件？", issuers=[issuer], years=[y], metrics=["review.corrected"]),
        ],
        [
            turn(f"{w}{y}年行政复议有几件？", issuers=[issuer], years=[y], metrics=["review.total"]),
            turn("维持了几件，纠正了几件", issuers=[issuer], years=[y], metrics=["review.upheld", "review.corrected"]),
            turn(f"那{y - 1}年呢？", issuers=[issuer], years=[y - 1], metrics=["review.upheld", "review.corrected"]),
        ],
        [
            turn(f"{w}{y}年收到多少件申请？", issuers=[issuer], years=[y], metrics=["applications.new.total"]),
            turn("南京市呢？", issuers=[], unknown="南京市"),
            turn(f"那{w}呢？", issuers=[issuer], years=[y], metrics=["applications.new.total"]),
        ],
        [
            turn(f"{w}{y}年收到多少件申请？", issuers=[issuer], years=[y], metrics=["applications.new.total"]),
            turn("信息公开做得怎么样？", vague=True),
        ],
        [
            turn(f"{w}{y}年主动公开了多少条政府信息？", issuers=[issuer], years=[y], metrics=["proactive.items"]),
            turn("政务新媒体呢？", issuers=[issuer], years=[y], metrics=["new_media.accounts"]),
            turn("法人或其他组织提出的申请一共有多少件", issuers=[issuer], years=[y], metrics=["applications.new.organisations"]),
        ],
        [
            turn(f"{w}{y}年存在哪些问题？", issuers=[issuer], years=[y], parts=["problems"]),
            turn("改进措施呢？", issuers=[issuer], years=[y], parts=["improvements"]),
        ],
    ]
reports = [{"issuer": i, "aliases": [names[0]] if i.endswith("人民政府") else [], "years": ys} for i, names, ys in issuers]
out = {"today": "2026-12-02", "reports": reports, "questions": questions, "dialogues": [{"turns": d} for d in dialogues]}
open("tests/answer/data/phrasings.json", "w").write(json.dumps(out, ensure_ascii=False, indent=1))
print(len(questions), len(dialogues))
