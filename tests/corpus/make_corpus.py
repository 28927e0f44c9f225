"""Write the bad-input corpus: tests/corpus/repo/ and tests/corpus/expected.json.

Run from anywhere:  python tests/corpus/make_corpus.py

The output is committed next to this script; re-running it rewrites both exactly
(the repo/ folder is deleted first, so a case removed here disappears there too).

Every file is spelled out below as bytes: ``U("...")`` is UTF-8 text, and every
byte that is not plain UTF-8 text (GBK, Big5, UTF-16, NUL, BOMs, CR, invisible
characters) is written as an escape, so a reviewer sees the exact bytes.

Each bad file isolates ONE fault and is otherwise a valid entry (all required
keys, author 张丽 from the roster, village 群安村, a known category, and a body of
at least sixty Chinese characters that no other file shares, so that the
near-copy check MQ118 stays quiet).

expected.json maps the file's path (relative to repo/, with "/") to
``{"expect": [[code, line], ...], "only": bool, "why": "..."}``:

* every listed (code, line) must be among the file's diagnostics;
* ``only: true``: the listed diagnostics must be ALL of the file's diagnostics
  (root-cause faults, and files that must produce nothing: ``expect: []``);
* ``line`` is an int, or ``[lo, hi]`` (inclusive) where the spec leaves the
  exact line open (an unclosed quote reported at the quote or at the end of the
  front matter; a nesting-depth limit anywhere in a 500-level block).

Lines in the table below are written as locators (``At("text")``: the first line
containing that text, splitting on "\\n") or as ints for the files whose line
ends are not "\\n" or whose text is not UTF-8; the script verifies MQ001 lines
against the first byte that is not UTF-8, and checks bodies for length and
distinctness.
"""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE / "repo"
MANIFEST = HERE / "expected.json"


def U(text: str) -> bytes:
    """UTF-8 bytes of text."""
    return text.encode("utf-8")


@dataclass(frozen=True)
class At:
    """The 1-based line of the first line (split on b'\\n') that contains text."""

    text: str
    nth: int = 1  # 2: the second line containing text


@dataclass
class Case:
    path: str
    data: bytes
    expect: list[tuple[str, object]]
    only: bool = False
    why: str = ""
    body: str | None = None  # the body text, for the length/distinctness checks


CASES: list[Case] = []


def case(path: str, data: bytes, expect=(), *, only: bool = False, why: str = "", body: str | None = None) -> None:
    CASES.append(Case(path, data, list(expect), only, why, body))


E = "entries/2024/03/"


def fm(*lines: str) -> str:
    """A front-matter block: opening ---, the lines, closing ---, each ending in \\n."""
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"


def std(date: str, category: str, title: str, *extra: str) -> list[str]:
    """The usual valid entry keys, in the usual order (lines 2..6), then extra lines (7..)."""
    return [f"日期: {date}", "记录人: 张丽", "村: 群安村", f"类别: {category}", f"标题: {title}", *extra]


def entry(date: str, category: str, title: str, body: str, *extra: str) -> str:
    return fm(*std(date, category, title, *extra)) + body


# ---------------------------------------------------------------------------
# configuration and households
# ---------------------------------------------------------------------------

CONFIG = """\
name: 测试村民情日记
township: 桤泉镇
villages: [群安村]
cadres:
  - {name: 张丽, role: 镇干部, email: zhangli@example.org}
  - {name: 李明, role: 驻村第一书记}
quota: {per_week: 1, grace_days: 7, exempt_weeks: []}
deadlines: {normal_days: 30, urgent_days: 3, by_category: {disputes: 15}, working_days: false}
min_body_chars: 50
# room for the 10 MB entry the corpus times (the default limit is 2 MB)
max_record_bytes: 16777216
"""

B_QA01 = (
    "吴俊义一家四口，夫妻二人在家务农，种植水稻和油菜，大儿子在县城读高中，小女儿上村小。\n"
    "去年母亲住院花费较多，家里积蓄不多。帮扶计划：联系农技站指导油菜增产，申请教育资助。\n"
)
case(
    "households/qa-01.md",
    U(fm("编号: qa-01", "户主: 吴俊义", "村: 群安村", "人口: 4") + B_QA01),
    [],
    only=True,
    why="valid household",
    body=B_QA01,
)

B_QA02 = (
    "李桂兰老人独居，老伴前年去世，两个儿子都在外省务工，逢年过节才回家，属于空巢老人。\n"
    "她腿脚不便，吃水要到屋后井边去挑。帮扶计划：每周上门看望一次，协调接通自来水入户。\n"
)
case(
    "households/qa-02.md",
    U(fm("编号: qa-02", "户主: 李桂兰", "村: 群安村", "人口: 1") + B_QA02),
    [],
    only=True,
    why="valid household",
    body=B_QA02,
)

B_QA03 = (
    "陈德福家是村里的养鸭专业户，承包了村南的两口鱼塘，鱼鸭混养，收入在全组排得上前列。\n"
    "他愿意带动邻居一起养殖，希望村里帮忙对接冷链销售渠道，我们已记下并转告合作社理事长。\n"
)
case(
    "households/qa-03.md",
    U(fm("编号: qa-03", "户主: 陈德福", "村: 群安村", "人口: 很多") + B_QA03),
    [("MQ103", At("人口"))],
    why="members is not a number",
    body=B_QA03,
)

B_QA04 = (
    "赵秀英丈夫因病丧失劳动能力，她一人照顾公婆和孙辈，农闲时在镇上的服装厂做计件零工。\n"
    "家里房屋是上世纪的土坯房，雨季屋顶漏雨，已列入危房改造对象，正在等待县住建局复核。\n"
)
case(
    "households/qa-04.md",
    U(fm("编号: qa-04", "户主: 赵秀英", "村: 群安村", "人口: -2") + B_QA04),
    [("MQ103", At("人口"))],
    why="members is negative",
    body=B_QA04,
)

B_QA05 = (
    "周建国退伍回乡后开了一间农机维修铺，平时也帮乡亲们修理抽水机和打谷机，收费很低。\n"
    "他提出想参加县里的电商培训，把本地的笋干和蜂蜜卖到网上去，村里答应下期培训优先推荐。\n"
)
case(
    "households/qa-05.md",
    U(fm("编号: qa-5", "户主: 周建国", "村: 群安村") + B_QA05),
    [("MQ116", At("编号"))],
    why="household id differs from the file stem",
    body=B_QA05,
)

# ---------------------------------------------------------------------------
# the good entry: valid, with one deliberate warning (a mobile number)
# ---------------------------------------------------------------------------

B_GOOD = (
    "上午到吴俊义家走访，他家住在自来水管网的最末端，早晚用水高峰时水压不足，经常断流。\n"
    "据他说，邻近几户也有同样的情况，夏天浇菜只能用屋后的水窖，水质难以保证。\n"
    "\n"
    "分析：管网末端管径偏小，加上沿线有私接管道，导致末端压力不够。\n"
    "措施：联系镇供水站派人查看，先排查私接，再考虑加装增压泵。供水站联系电话13912345678，已转告户主。\n"
)
case(
    E + "2024-03-05-good.md",
    U(
        fm(
            "日期: 2024-03-05",
            "记录人: 张丽",
            "村: 群安村",
            "农户: [qa-01]",
            "类别: 群众关注的热点难点",
            "标题: 走访吴俊义家了解饮水问题",
            "诉求:",
            "  - 摘要: 自来水管网末端水压不足，早晚用水高峰时断流",
            "    状态: 办理中",
        )
        + B_GOOD
    ),
    [("MQ202", At("13912345678"))],
    only=True,
    why="the good entry: its only diagnostic is the mobile number in its body",
    body=B_GOOD,
)

# ---------------------------------------------------------------------------
# encodings (MQ001 at the first line holding a byte that is not UTF-8)
# ---------------------------------------------------------------------------

B_GBK = (
    "今天上午到村东头查看灌溉渠，渠道年久失修，春灌时多处渗漏，下游几户的秧田放不进水。\n"
    "我和组长沿渠走了一遍，需要修补的渠段大约两百米，准备报镇水利站申请维修资金。\n"
)
case(
    E + "2024-03-06-gbk.md",
    entry("2024-03-06", "农村经济发展", "灌溉渠渗漏影响春灌", B_GBK).encode("gbk"),
    [("MQ001", 2)],
    only=True,
    why="whole file GBK-encoded; line 2 holds the first GBK byte",
    body=B_GBK,
)

B_GBK_EN = (
    "下午参加了村里的党员活动日，大家围绕如何发挥党员在人居环境整治中的带头作用展开讨论。\n"
    "几位老党员主动认领了房前屋后的卫生责任区，年轻党员提出组建志愿服务队，每月集中清扫一次。\n"
)
case(
    E + "2024-03-06-gbk-english-keys.md",
    (
        "---\ndate: 2024-03-06\nauthor: 张丽\nvillage: 群安村\ncategory: organization\n"
        "title: 党员活动日讨论人居环境\n---\n" + B_GBK_EN
    ).encode("gbk"),
    [("MQ001", 3)],
    only=True,
    why="GBK file with English keys: line 2 is ASCII, line 3 holds the first GBK byte",
    body=B_GBK_EN,
)

B_GBK_MIX_1 = "村委会门前的公开栏玻璃破损多日，张贴的村务公开材料被雨水打湿，字迹已经模糊看不清楚。\n"
B_GBK_MIX_2 = "群众反映想看财务公开却看不清，建议尽快更换玻璃并改用防水的塑封材料张贴。\n"
case(
    E + "2024-03-06-gbk-body-line.md",
    U(entry("2024-03-06", "村务民主管理", "公开栏破损影响村务公开", B_GBK_MIX_1 + "\n")) + B_GBK_MIX_2.encode("gbk"),
    [("MQ001", 10)],
    only=True,
    why="UTF-8 file with one GBK-encoded body line (line 10)",
    body=B_GBK_MIX_1 + B_GBK_MIX_2,
)

B_GB18030 = (
    "村民𠮷大爷来村委会反映，他的户口簿上名字里的生僻字打印不出来，办理社保卡时屡次被退回。\n"
    "我们联系了派出所户籍窗口，对方说需要手工录入造字，约定下周带齐材料陪同老人再去一趟。\n"
)
case(
    E + "2024-03-06-gb18030.md",
    entry("2024-03-06", "其他", "生僻字姓名无法办理社保卡", B_GB18030).encode("gb18030"),
    [("MQ001", 2)],
    only=True,
    why="GB18030 (with a four-byte character in the body)",
    body=B_GB18030,
)

B_BIG5 = (
    "臺胞返鄉探親，詢問祖屋翻修需要辦理哪些手續，擔心宅基地面積超標不能審批，特地來村委會諮詢。\n"
    "我們把農村建房審批的流程和所需材料一一說明，並約好下週陪同他到鎮自然資源所當面諮詢。\n"
)
case(
    E + "2024-03-06-big5.md",
    ("---\n日期: 2024-03-06\n記錄人: 張麗\n村: 群安村\n類別: 其他\n標題: 臺胞諮詢祖屋翻修手續\n---\n" + B_BIG5).encode(
        "big5"
    ),
    [("MQ001", 2)],
    only=True,
    why="Big5 (Traditional Chinese)",
    body=B_BIG5,
)

B_UTF16LE = (
    "镇卫生院的医生来村里开展义诊，我协助组织了六十多位老人测血压、查血糖，现场发放了慢病宣传资料。\n"
    "有几位老人血压偏高却一直没有服药，已登记名单，请村医每半月上门随访一次。\n"
)
case(
    E + "2024-03-06-utf16le.md",
    b"\xff\xfe" + entry("2024-03-06", "群众关注的热点难点", "协助卫生院开展义诊", B_UTF16LE).encode("utf-16-le"),
    [("MQ001", 1)],
    only=True,
    why="UTF-16 little-endian with BOM FF FE",
    body=B_UTF16LE,
)

B_UTF16BE = (
    "村小学的围墙有一段向外倾斜，墙根出现裂缝，紧挨着上学的小路，家长们很担心孩子的安全。\n"
    "我当天拍照报给镇教办，建议先拉警戒线禁止靠近，假期里拆除重建，教办答应派人评估。\n"
)
case(
    E + "2024-03-06-utf16be.md",
    b"\xfe\xff" + entry("2024-03-06", "群众关注的热点难点", "村小围墙倾斜存在隐患", B_UTF16BE).encode("utf-16-be"),
    [("MQ001", 1)],
    only=True,
    why="UTF-16 big-endian with BOM FE FF",
    body=B_UTF16BE,
)

B_NUL_1 = "傍晚在村广场和跳广场舞的群众聊天，她们反映广场的路灯有一半不亮，晚上活动很不方便。\n"
B_NUL_2 = "另外音响声音太大影响周边住户休息，双方曾经为此争吵。我建议把活动时间提前，并控制音量。\n"
case(
    E + "2024-03-06-nul.md",
    U(entry("2024-03-06", "精神文明建设", "广场舞噪音与路灯问题", B_NUL_1)) + b"\x00" + U(B_NUL_2),
    [("MQ001", 9)],
    only=True,
    why="a NUL byte at the start of line 9",
    body=B_NUL_1 + B_NUL_2,
)

B_LATIN1 = (
    "与外国志愿者一起走访了村里的茶园，他们对本地的手工炒茶很感兴趣，想在村里办一期体验营。\n"
    "我提醒他们住宿要在民宿登记，并联系了茶叶合作社负责接待，具体方案下周再商量。\n"
)
case(
    E + "2024-03-06-latin1.md",
    U("---\ndate: 2024-03-06\nauthor: 张丽\nvillage: 群安村\ncategory: economy\n")
    + b"title: Caf\xe9 et th\xe9 au village\n"
    + U("---\n" + B_LATIN1),
    [("MQ001", 6)],
    only=True,
    why="Latin-1 bytes (e9 = é) on the title line",
    body=B_LATIN1,
)

# ---------------------------------------------------------------------------
# byte-order marks
# ---------------------------------------------------------------------------

B_BOM = (
    "到李桂兰老人家中看望，老人这几天感冒咳嗽，一个人在家没人照应。我陪她到村卫生室看了病，\n"
    "拿了药，又联系她在外打工的小儿子，请他每天晚上给母亲打个电话问问情况。\n"
)
case(
    E + "2024-03-07-utf8-bom.md",
    b"\xef\xbb\xbf" + U(entry("2024-03-07", "群众关注的热点难点", "看望生病独居老人", B_BOM, "农户: [qa-02]")),
    [],
    only=True,
    why="a UTF-8 BOM at the start is accepted",
    body=B_BOM,
)

B_MULTIBOM = (
    "村里的快递代收点搬到了小卖部，老人们取件要走很远，有人提出能否在各组设立临时代收点。\n"
    "我和邮政网点负责人商量，先在人口较多的两个组试点，由组长家代收，运行一个月再看效果。\n"
)
case(
    E + "2024-03-07-multi-bom.md",
    b"\xef\xbb\xbf\xef\xbb\xbf\xef\xbb\xbf" + U(entry("2024-03-07", "农村经济发展", "快递代收点位置不便", B_MULTIBOM)),
    [],
    only=True,
    why="three UTF-8 BOMs at the very start are accepted",
    body=B_MULTIBOM,
)

B_BOMLATE = (
    "镇里组织的农村实用技术培训今天开班，主讲茶树修剪和病虫害防治，村里来了三十多位茶农。\n"
    "课后大家反映希望多安排田间现场教学，理论讲得太多记不住，我把意见反馈给了农技站站长。\n"
)
case(
    E + "2024-03-07-bom-later-line.md",
    U(
        fm("日期: 2024-03-07", "记录人: 张丽", "村: 群安村", "类别: 农村经济发展", "\ufeff标题: 茶农参加实用技术培训")
        + B_BOMLATE
    ),
    [("MQ007", At("标题"))],
    only=True,
    why="U+FEFF at the start of front-matter line 6",
    body=B_BOMLATE,
)

# ---------------------------------------------------------------------------
# line ends: CRLF and old-Mac CR are accepted and counted as line breaks
# ---------------------------------------------------------------------------

B_CRLF_PHONE = (
    "外出务工返乡的青年小王想在村里办一个电商服务站，帮乡亲们把土鸡蛋和腊肉卖出去。\n"
    "他缺少启动资金，询问有没有创业贴息贷款。我把县人社局的创业扶持政策讲给他听，\n"
    "并把他的联系电话15887654321记下来，转给镇就业服务中心的工作人员，请他们主动联系。\n"
)
case(
    E + "2024-03-08-crlf-phone.md",
    U(entry("2024-03-08", "农村经济发展", "返乡青年咨询创业贷款", B_CRLF_PHONE)).replace(b"\n", b"\r\n"),
    [("MQ202", 10)],
    only=True,
    why="CRLF line ends; a mobile number on line 10",
    body=B_CRLF_PHONE,
)

B_CRLF_DATE = (
    "村里的垃圾转运车每周只来两次，春节后返乡人多，垃圾池经常满溢，气味很大，引来很多蚊蝇。\n"
    "我向镇环卫所反映后，对方同意在正月期间增加清运频次，并在垃圾池旁加装一个分类收集箱。\n"
)
case(
    E + "2024-03-08-crlf-bad-date.md",
    U(entry("2024-02-30", "村容村貌整治", "垃圾池满溢清运不及时", B_CRLF_DATE)).replace(b"\n", b"\r\n"),
    [("MQ104", 2)],
    why="CRLF line ends; impossible date 2024-02-30 on line 2",
    body=B_CRLF_DATE,
)

B_CR_DATE = (
    "两户村民因为宅基地边界的一道矮墙发生争执，一方说墙砌到了自家地界上，另一方坚决不认。\n"
    "我和村调委会主任到现场丈量，调出当年的宅基地批复图纸，双方初步同意按图纸重新确界。\n"
)
case(
    E + "2024-03-08-cr-bad-date.md",
    U(entry("2023-02-29", "农村矛盾纠纷", "宅基地边界矮墙纠纷", B_CR_DATE)).replace(b"\n", b"\r"),
    [("MQ104", 2)],
    why="old-Mac CR-only line ends; impossible date 2023-02-29 on line 2",
    body=B_CR_DATE,
)

B_CR_KEY = (
    "今天雨后到山脚下的几户人家查看，屋后的山体有小面积滑塌，泥土堆到了墙根，住户非常担心。\n"
    "我当即通知镇应急办，建议雨季期间这几户临时搬到亲戚家居住，并在坡脚设置警示标志。\n"
)
case(
    E + "2024-03-08-cr-unknown-key.md",
    U(
        fm(
            "日期: 2024-03-08",
            "记录人: 张丽",
            "村: 群安村",
            "类别: 群众关注的热点难点",
            "气温: 5度",
            "标题: 雨后山体小面积滑塌",
        )
        + B_CR_KEY
    ).replace(b"\n", b"\r"),
    [("MQ102", 6)],
    only=True,
    why="CR-only line ends; an unknown key on line 6 (nothing else may break)",
    body=B_CR_KEY,
)

# ---------------------------------------------------------------------------
# invisible characters in the front matter (MQ007 at that line); none in the body
# ---------------------------------------------------------------------------

B_ZWSP = (
    "通往三组的村道有一段路面塌陷，形成一个大坑，昨晚有村民骑电动车摔倒受了轻伤。\n"
    "我上午到现场查看，先让村里用沙袋围挡并挂上警示牌，再向镇交管办申请列入今年的道路养护计划。\n"
)
case(
    E + "2024-03-09-zwsp.md",
    U(entry("2024-03-09", "村容村貌整治", "村道\u200b塌陷急需修补", B_ZWSP)),
    [("MQ007", At("标题"))],
    only=True,
    why="U+200B ZERO WIDTH SPACE inside the title value",
    body=B_ZWSP,
)

B_ZWNJ = (
    "村里新建的文化广场即将完工，不少群众建议在广场边增设宣传栏和健身器材，方便老人锻炼。\n"
    "我把建议整理后交给村两委讨论，大家同意从村集体收入中列支一部分，其余申请上级补助。\n"
)
case(
    E + "2024-03-09-zwnj.md",
    U(
        fm(
            "日期: 2024-03-09",
            "记录人: 张丽",
            "村: 群安村",
            "类别\u200c: 精神文明建设",
            "标题: 群众建议文化广场增设设施",
        )
        + B_ZWNJ
    ),
    [("MQ007", At("类别"))],
    only=True,
    why="U+200C ZERO WIDTH NON-JOINER inside a key",
    body=B_ZWNJ,
)

B_ZWJ = (
    "上午召开村民代表会议，讨论集体林地承包到期后的续包办法，代表们对承包费标准意见不一。\n"
    "会议决定先由村务监督委员会摸清周边村的行情，下次会议再表决，会议记录已存档备查。\n"
)
case(
    E + "2024-03-09-zwj.md",
    U(
        fm(
            "日期: 2024-03-09",
            "记录人: 张\u200d丽",
            "村: 群安村",
            "类别: 村务民主管理",
            "标题: 村民代表会议讨论林地续包",
        )
        + B_ZWJ
    ),
    [("MQ007", At("记录人"))],
    only=True,
    why="U+200D ZERO WIDTH JOINER inside the author's name",
    body=B_ZWJ,
)

B_WJ = (
    "村里几位种植大户反映今年化肥价格上涨，农资店还限量供应，担心耽误春耕的施肥时机。\n"
    "我联系了镇供销社，请他们调剂一批复合肥到村里集中发放，并提醒农户保存好购买凭证。\n"
)
case(
    E + "2024-03-09-word-joiner.md",
    U(
        fm("日期: 2024-03-09", "记录人: 张丽", "村: 群安村", "类别: 农村经济发展", "标题\u2060: 化肥涨价影响春耕")
        + B_WJ
    ),
    [("MQ007", At("标题"))],
    only=True,
    why="U+2060 WORD JOINER between a key and its colon",
    body=B_WJ,
)

B_NBSP = (
    "走访中了解到，村里留守儿童放学后大多没人看管，有的孩子在河边玩水，存在溺水的危险。\n"
    "我建议村里利用闲置的老村部开设四点半课堂，请退休教师和大学生志愿者轮流辅导作业。\n"
)
case(
    E + "2024-03-09-nbsp.md",
    U(
        fm("日期: 2024-03-09", "记录人: 张丽", "村: 群安村", "类别: 精神文明建设", "标题:\u00a0留守儿童放学后无人看管")
        + B_NBSP
    ),
    [("MQ007", At("标题"))],
    only=True,
    why="U+00A0 NO-BREAK SPACE after the colon (YAML sees no space)",
    body=B_NBSP,
)

B_LS = (
    "村卫生室的村医下个月退休，接替的人还没有落实，群众担心以后看个头疼脑热都要跑到镇上。\n"
    "我向镇卫健办反映了情况，对方答应从卫生院派一名医生每周驻村三天，直到新村医到岗。\n"
)
case(
    E + "2024-03-09-line-separator.md",
    U(entry("2024-03-09", "群众关注的热点难点", "村医退休后\u2028无人接替", B_LS)),
    [("MQ007", At("标题"))],
    only=True,
    why="U+2028 LINE SEPARATOR inside the title (not a line break)",
    body=B_LS,
)

B_PS = (
    "在村委会值班时接到群众来访，反映村里的小水电站分红多年没有公开账目，大家心里有疑问。\n"
    "我答应请村务监督委员会调取近几年的账目进行核对，并在下次村民代表会议上公开说明。\n"
)
case(
    E + "2024-03-09-paragraph-separator.md",
    U(
        fm("日期: 2024-03-09", "记录人: 张丽", "村: 群安村\u2029", "类别: 村务民主管理", "标题: 小水电站分红账目不公开")
        + B_PS
    ),
    [("MQ007", At("村:"))],
    only=True,
    why="U+2029 PARAGRAPH SEPARATOR at the end of the village line",
    body=B_PS,
)

B_NEL = (
    "今天随镇综治办走访了两户刑满释放人员的家庭，了解到他们找工作处处碰壁，生活比较困难。\n"
    "我们联系了村里的竹制品加工厂，厂方愿意提供两个岗位试用，后续再跟踪他们的适应情况。\n"
)
case(
    E + "2024-03-09-nel.md",
    U(fm("日期: 2024-03-09", "记录人: 张丽", "村: 群安村", "类别: 其他\u0085", "标题: 帮助刑满释放人员就业") + B_NEL),
    [("MQ007", At("类别"))],
    only=True,
    why="U+0085 NEXT LINE (C2 85) at the end of the category line",
    body=B_NEL,
)

B_BODY_INVIS = (
    "村里的\u200b老年协会想组织一次重阳节\u00a0敬老活动，需要场地和一些经费，会长来村委会商量。\n"
    "我们同意\u2060借用村部会议室，经费由村集体\u200d和乡贤捐助共同承担。\u2029活动当天还\u200c请镇卫生院\u0085来做健康讲座。\n"
)
case(
    E + "2024-03-09-body-invisible.md",
    U(entry("2024-03-09", "精神文明建设", "老年协会筹办敬老活动", B_BODY_INVIS)),
    [],
    only=True,
    why="invisible characters in the BODY produce nothing",
    body=B_BODY_INVIS,
)

B_BODY_LS_PHONE = (
    "村里的自来水费收缴一直由组长代收，有群众怀疑账目不清，要求改为到镇供水站直接缴纳。\n"
    "我召集各组组长开会核对了收费台账，账目基本清楚。\u2028会上决定今后改为手机扫码缴费，\n"
    "由供水站出具电子票据，\u2029代收的组长不再经手现金。\u0085会后把新的缴费办法张贴在公开栏。\n"
    "\n"
    "供水站收费员的手机号码是18612345678，群众有疑问可以直接打电话询问。\n"
)
case(
    E + "2024-03-09-body-ls-phone.md",
    U(entry("2024-03-09", "村务民主管理", "水费收缴方式调整", B_BODY_LS_PHONE)),
    [("MQ202", 12)],
    only=True,
    why="U+2028/U+2029/U+0085 in the body do not count as line breaks: the mobile is on line 12",
    body=B_BODY_LS_PHONE,
)

# ---------------------------------------------------------------------------
# full-width punctuation typed by a Chinese IME (MQ007, the only diagnostic)
# ---------------------------------------------------------------------------

B_FWCOLON = (
    "夜里村东头的几盏路灯不亮，几位晚上下班回家的村民反映走夜路心里发慌，希望尽快修好。\n"
    "我联系了负责路灯维护的电工，他说是线路老化短路，需要更换一段电缆，预计三天内修复。\n"
)
case(
    E + "2024-03-10-fullwidth-colon.md",
    U(fm("日期: 2024-03-10", "记录人: 张丽", "村: 群安村", "类别: 村容村貌整治", "标题：村东头路灯不亮") + B_FWCOLON),
    [("MQ007", At("标题"))],
    only=True,
    why="full-width colon after a key",
    body=B_FWCOLON,
)

B_FWCOLON_ISSUE = (
    "去看了二组的山塘，塘坝内坡有几处渗水，下游就是农田和几户住房，汛期前必须处理好。\n"
    "我请镇水利站的技术员来看过，他建议先降低水位，再对坝体进行防渗处理，费用申请以奖代补。\n"
)
case(
    E + "2024-03-10-fullwidth-colon-issue.md",
    U(
        fm(
            *std("2024-03-10", "群众关注的热点难点", "二组山塘坝体渗水"),
            "诉求:",
            "  - 摘要：山塘坝体渗水需要防渗处理",
            "    状态: 待办",
        )
        + B_FWCOLON_ISSUE
    ),
    [("MQ007", At("摘要"))],
    only=True,
    why="full-width colon after a key inside an issue item",
    body=B_FWCOLON_ISSUE,
)

B_FWSPACE = (
    "三组的老人反映，村里的公交车班次减少，每天只有早晚两班，去镇上赶集看病很不方便。\n"
    "我把大家的意见汇总后报给了镇交通办，建议在赶集日加开一班，并考虑开通预约响应式班车。\n"
)
case(
    E + "2024-03-10-fullwidth-space-indent.md",
    U(
        fm(
            *std("2024-03-10", "群众关注的热点难点", "公交班次减少出行不便"),
            "诉求:",
            "  - 摘要: 赶集日加开一班公交",
            "\u3000\u3000状态: 待办",
        )
        + B_FWSPACE
    ),
    [("MQ007", At("状态"))],
    only=True,
    why="full-width spaces U+3000 used as indentation",
    body=B_FWSPACE,
)

B_FWCOMMA = (
    "吴俊义和李桂兰两家共用的一条入户小路被雨水冲坏，泥泞难行，老人出门需要人搀扶。\n"
    "两家都愿意出工出力，希望村里提供水泥和砂石，我已报村两委，准备纳入一事一议项目。\n"
)
case(
    E + "2024-03-10-fullwidth-comma.md",
    U(
        fm(
            "日期: 2024-03-10",
            "记录人: 张丽",
            "村: 群安村",
            "农户: [qa-01，qa-02]",
            "类别: 村容村貌整治",
            "标题: 两户共用的入户小路被冲坏",
        )
        + B_FWCOMMA
    ),
    [("MQ007", At("农户"))],
    only=True,
    why="full-width comma inside a flow list",
    body=B_FWCOMMA,
)

B_DUNHAO = (
    "两位户主一起来反映，今年申请的产业奖补资金还没有发放到位，买种苗的钱是借亲戚的。\n"
    "我查了镇农办的公示名单，两户都在名单内，资金正在走拨付程序，答应月底前给他们回话。\n"
)
case(
    E + "2024-03-10-enumeration-comma.md",
    U(
        fm(
            "日期: 2024-03-10",
            "记录人: 张丽",
            "村: 群安村",
            "农户: [qa-01、qa-02]",
            "类别: 农村经济发展",
            "标题: 产业奖补资金未到位",
        )
        + B_DUNHAO
    ),
    [("MQ007", At("农户"))],
    only=True,
    why="enumeration comma 、 inside a flow list",
    body=B_DUNHAO,
)

B_FWCOLON_VALUE = (
    "晚上召开院坝会，围绕村内主干道硬化的筹资方案征求意见，到会群众五十多人，发言踊跃。\n"
    "多数人赞成按户均摊加政府补助的办法，也有人担心困难户负担不起，会议同意困难户减免。\n"
)
case(
    E + "2024-03-10-fullwidth-colon-in-value.md",
    U(entry("2024-03-10", "村务民主管理", "会议：讨论道路硬化筹资", B_FWCOLON_VALUE)),
    [],
    only=True,
    why="a full-width colon INSIDE a value, after the ASCII colon, is fine",
    body=B_FWCOLON_VALUE,
)

# ---------------------------------------------------------------------------
# YAML syntax (MQ004 at the line the YAML parser reports)
# ---------------------------------------------------------------------------

B_TAB = (
    "村里的小型农田水利设施普查今天开始，我和技术员一起核对了各组的机耕道和提灌站台账。\n"
    "有两座提灌站的电机已经烧坏多年，群众要求修复，我们拍照登记后列入了维修申报清单。\n"
)
case(
    E + "2024-03-11-tab-indent.md",
    U(
        fm(
            *std("2024-03-11", "农村经济发展", "农田水利设施普查"),
            "诉求:",
            "  - 摘要: 修复两座提灌站的电机",
            "\t状态: 待办",
        )
        + B_TAB
    ),
    [("MQ004", At("\t状态"))],
    only=True,
    why="a TAB used for indentation",
    body=B_TAB,
)

B_QUOTE = (
    "有村民反映邻居在承包田里违规建房，占用了基本农田，已经打好了地基，担心越建越多。\n"
    "我到现场核实后，当即劝停施工，并报告镇综合执法队依法处理，同时向建房户讲解土地政策。\n"
)
case(
    E + "2024-03-11-unclosed-quote.md",
    U(fm("日期: 2024-03-11", "记录人: 张丽", "村: 群安村", "类别: 村容村貌整治", '标题: "承包田违规建房') + B_QUOTE),
    [("MQ004", (At('标题: "'), At("---", 2)))],
    only=True,
    why="unclosed double quote on the last front-matter line: PyYAML marks the quote (line 6, context) "
    "and the end of the stream (line 7, problem); either line is accepted",
    body=B_QUOTE,
)

B_QUOTE_TAIL = (
    "今天协助镇派出所开展反诈宣传，在村口发放宣传单，重点提醒老人不要相信冒充公检法的电话。\n"
    "有位大娘说前几天接到过类似的电话，幸亏儿子提醒才没上当，她主动给邻居们讲了自己的经历。\n"
)
case(
    E + "2024-03-11-quote-trailing-text.md",
    U(entry("2024-03-11", "精神文明建设", '"反诈宣传" 进村入户', B_QUOTE_TAIL)),
    [("MQ004", At("标题"))],
    only=True,
    why="text after a closed quoted scalar on the same line",
    body=B_QUOTE_TAIL,
)

B_INDENT = (
    "村集体经济合作社召开年度成员大会，通报了去年光伏发电和厂房出租的收益情况和分配方案。\n"
    "有成员提出应提留一部分作为发展基金，大会经过讨论同意提留三成，其余按股份分红到户。\n"
)
case(
    E + "2024-03-11-bad-indent.md",
    U(
        fm("日期: 2024-03-11", "记录人: 张丽", "村: 群安村", "标题: 合作社年度成员大会", "  类别: 村级组织建设")
        + B_INDENT
    ),
    [("MQ004", At("  类别"))],
    only=True,
    why="an over-indented key after a plain scalar: 'mapping values are not allowed here' on line 6",
    body=B_INDENT,
)

B_INDENT_ISSUE = (
    "在五组走访时，几户人家反映屋后的排水沟被邻居填平种了菜，下雨时积水倒灌进厨房。\n"
    "我找到填沟的村民做工作，他同意让出排水沟的位置，约定周末由组长带人重新开挖疏通。\n"
)
case(
    E + "2024-03-11-bad-indent-issue.md",
    U(
        fm(
            *std("2024-03-11", "农村矛盾纠纷", "排水沟被填平导致积水倒灌"),
            "诉求:",
            "  - 摘要: 重新开挖被填平的排水沟",
            "     状态: 办理中",
        )
        + B_INDENT_ISSUE
    ),
    [("MQ004", At("     状态"))],
    only=True,
    why="an over-indented key inside an issue item",
    body=B_INDENT_ISSUE,
)

B_FLOW_TAIL = (
    "春耕前检查了村里的病虫害统防统治服务队，无人机和药械都已检修完毕，飞手也参加了培训。\n"
    "种植户希望服务价格能再优惠一些，我与服务队队长商量后，对脱贫户实行半价作业。\n"
)
case(
    E + "2024-03-11-flow-trailing-text.md",
    U(fm(*std("2024-03-11", "农村经济发展", "检查病虫害统防统治服务队"), "标签: [春耕, 植保] 无人机") + B_FLOW_TAIL),
    [("MQ004", At("标签"))],
    only=True,
    why="text after a closed flow list on the same line",
    body=B_FLOW_TAIL,
)

# ---------------------------------------------------------------------------
# git merge-conflict markers (MQ005 at the first marker, the only diagnostic)
# ---------------------------------------------------------------------------

B_CONFLICT_FM = (
    "今天和驻村第一书记一起研究村里的乡村旅游规划，打算把古树林和老祠堂串成一条游览线路。\n"
    "需要先征求沿线农户的意见，涉及的几处老房子能否改成民宿，还要请专家来评估房屋结构。\n"
)
case(
    E + "2024-03-12-conflict-front-matter.md",
    U(
        fm(
            "日期: 2024-03-12",
            "记录人: 张丽",
            "村: 群安村",
            "类别: 农村经济发展",
            "<<<<<<< HEAD",
            "标题: 研究乡村旅游线路",
            "=======",
            "标题: 乡村旅游规划讨论",
            ">>>>>>> feature/tourism",
        )
        + B_CONFLICT_FM
    ),
    [("MQ005", At("<<<<<<<"))],
    only=True,
    why="conflict markers in the front matter",
    body=B_CONFLICT_FM,
)

B_CONFLICT_BODY_A = "镇里下达了今年的秸秆禁烧任务，我到各组张贴通告，并与各组长签订了禁烧责任书。\n"
B_CONFLICT_BODY_B = "有农户问秸秆不烧怎么处理，我介绍了还田和收储两种办法，收储点由合作社负责。\n"
B_CONFLICT_BODY_C = "农户担心秸秆还田影响下季出苗，我请农技员下周来村里做一次现场演示。\n"
case(
    E + "2024-03-12-conflict-body.md",
    U(
        entry(
            "2024-03-12",
            "村容村貌整治",
            "秸秆禁烧宣传",
            B_CONFLICT_BODY_A
            + "\n<<<<<<< HEAD\n"
            + B_CONFLICT_BODY_B
            + "=======\n"
            + B_CONFLICT_BODY_C
            + ">>>>>>> 张丽的修改\n",
        )
    ),
    [("MQ005", At("<<<<<<<"))],
    only=True,
    why="conflict markers in the body (first marker on line 10)",
    body=B_CONFLICT_BODY_A + B_CONFLICT_BODY_B + B_CONFLICT_BODY_C,
)

# ---------------------------------------------------------------------------
# no front matter / not closed / not a mapping
# ---------------------------------------------------------------------------

case(E + "2024-03-13-empty.md", b"", [("MQ002", 1)], only=True, why="an empty file (0 bytes)")
case(
    E + "2024-03-13-whitespace-only.md",
    b"  \n\n\t\n   \n",
    [("MQ002", 1)],
    only=True,
    why="a file with only whitespace",
)
case(
    E + "2024-03-13-no-front-matter.md",
    U(
        "今天走访了村里的几户困难家庭，主要了解春耕备耕的准备情况，\n"
        "有两户缺少种子和化肥，我已登记并报村委会统一协调解决。\n"
    ),
    [("MQ002", 1)],
    only=True,
    why="plain text without front matter",
)

B_UNCLOSED = (
    "村里的小学生每天要走很远的山路去镇上中心校读书，家长们希望恢复校车接送或者开设寄宿。\n"
    "我把诉求报给镇教办，教办答应调研学生人数后研究方案，先由家长轮流接送作为过渡。\n"
)
case(
    E + "2024-03-13-unclosed-front-matter.md",
    U("---\n日期: 2024-03-13\n记录人: 张丽\n村: 群安村\n类别: 群众关注的热点难点\n标题: 学生上学路远\n\n" + B_UNCLOSED),
    [("MQ003", 1)],
    only=True,
    why="opening --- without a closing ---",
    body=B_UNCLOSED,
)

B_FMLIST = (
    "村里的殡葬改革宣传今天启动，重点劝导群众不大操大办，不在耕地和林地里乱埋乱葬。\n"
    "几位老人思想上还转不过弯，我请村里有威望的老党员上门做工作，效果比干部去说要好。\n"
)
case(
    E + "2024-03-13-front-matter-list.md",
    U(
        "---\n- 日期: 2024-03-13\n- 记录人: 张丽\n- 村: 群安村\n- 类别: 精神文明建设\n- 标题: 殡葬改革宣传启动\n---\n"
        + B_FMLIST
    ),
    [("MQ103", 2)],
    why="the front matter is a YAML list, not a mapping",
    body=B_FMLIST,
)

B_FMSCALAR = (
    "临近清明节，我和护林员一起检查了后山的防火通道和宣传标语，发现有两处通道被灌木堵塞。\n"
    "当即安排护林员带人清理，并在进山路口设立检查点，提醒上山祭扫的群众文明祭祀、禁带火种。\n"
)
case(
    E + "2024-03-13-front-matter-scalar.md",
    U("---\n清明节前检查森林防火\n---\n" + B_FMSCALAR),
    [("MQ103", 2)],
    why="the front matter is a YAML scalar, not a mapping",
    body=B_FMSCALAR,
)

# ---------------------------------------------------------------------------
# hostile YAML: anchors/aliases, tags, merge keys, deep nesting (MQ004, the only diagnostic)
# ---------------------------------------------------------------------------

B_BOMB = (
    "今天协助镇市场监管所检查村里的两家小卖部，重点查看过期食品和散装白酒的进货票据。\n"
    "一家店里发现几包过期的饼干，已当场下架销毁，并提醒店主建立进货台账，定期自查保质期。\n"
)
_bomb = ["a: &a [路, 路, 路, 路, 路, 路, 路, 路, 路]"]
for _prev, _cur in zip("abcdefghi", "bcdefghij", strict=True):
    _bomb.append(f"{_cur}: &{_cur} [" + ", ".join([f"*{_prev}"] * 9) + "]")
case(
    E + "2024-03-14-alias-bomb.md",
    U(fm(*std("2024-03-14", "群众关注的热点难点", "检查小卖部食品安全"), *_bomb) + B_BOMB),
    [("MQ004", At("&a"))],
    only=True,
    why="a billion-laughs alias bomb, ten levels; MQ004 at the first anchor",
    body=B_BOMB,
)

B_PYTAG = (
    "村里的文艺队排练了几个新节目，准备参加镇里的农民文化节，缺少服装和道具，队长来找我帮忙。\n"
    "我联系了县文化馆，对方可以借出一批演出服装，道具由队员自己动手用竹子和彩纸制作。\n"
)
case(
    E + "2024-03-14-python-tag.md",
    U(
        fm(
            "日期: 2024-03-14",
            "记录人: 张丽",
            "村: 群安村",
            "类别: 精神文明建设",
            '标题: !!python/object/apply:os.system ["touch /tmp/minqing-pwned"]',
        )
        + B_PYTAG
    ),
    [("MQ004", At("!!python"))],
    only=True,
    why="a python tag: MQ004, and the command must NOT run (/tmp/minqing-pwned stays absent)",
    body=B_PYTAG,
)

B_MERGE = (
    "镇里安排的农村户厕改造今年在我村推进，已有二十多户报名，但有几户担心改厕后化粪池的清掏问题。\n"
    "我咨询了镇环卫所，他们会配备吸粪车定期上门清掏，收费标准会提前公示，群众顾虑基本打消。\n"
)
case(
    E + "2024-03-14-merge-key.md",
    U(fm(*std("2024-03-14", "村容村貌整治", "户厕改造报名情况"), "模板: &a {类别: 其他}", "<<: *a") + B_MERGE),
    [("MQ004", (At("&a"), At("<<:")))],
    only=True,
    why="a merge key '<<: *a' (the anchor is on line 7, the merge on line 8; either line is accepted)",
    body=B_MERGE,
)

B_MERGE_INLINE = (
    "今天参加了镇里召开的防汛工作部署会，会后回村落实防汛责任人，对地质灾害点逐一明确监测员。\n"
    "我和村主任检查了防汛物资仓库，编织袋和救生衣数量不足，已列出清单向镇应急办申请补充。\n"
)
case(
    E + "2024-03-14-merge-key-inline.md",
    U(fm(*std("2024-03-14", "其他", "落实防汛责任人"), "<<: {标签: [防汛]}") + B_MERGE_INLINE),
    [("MQ004", At("<<:"))],
    only=True,
    why="a merge key with an inline mapping (no anchor)",
    body=B_MERGE_INLINE,
)

B_DEEP_FLOW = (
    "村里的电商服务站今天正式运营，站长是返乡大学生，主要帮村民代购农资和代销土特产。\n"
    "开业当天就卖出去一百多斤红薯粉，大家很受鼓舞，我提醒站长注意食品标签和包装要求。\n"
)
case(
    E + "2024-03-14-deep-flow.md",
    U(
        fm(
            "日期: 2024-03-14",
            "记录人: 张丽",
            "村: 群安村",
            "类别: 农村经济发展",
            "标签: " + "[" * 40000 + "]" * 40000,
            "标题: 电商服务站开业",
        )
        + B_DEEP_FLOW
    ),
    [("MQ004", 6)],
    only=True,
    why="40,000 nested flow lists on line 6: no crash, no hang",
    body=B_DEEP_FLOW,
)

B_DEEP_BLOCK = (
    "组织村里的网格员开展人口信息核查，重点核对外出务工人员和新出生人口，更新网格台账。\n"
    "有几户人家长年在外，电话也联系不上，我请他们的亲属帮忙转告，尽快回来补充登记信息。\n"
)
_deep = ["标签:"] + [" " * (i + 1) + "-" for i in range(499)] + [" " * 500 + "- 最深处"]
case(
    E + "2024-03-14-deep-block.md",
    U(fm(*std("2024-03-14", "村级组织建设", "网格员开展人口信息核查"), *_deep) + B_DEEP_BLOCK),
    [("MQ004", (1, At("- 最深处")))],
    only=True,
    why="500 levels of block nesting: MQ004 somewhere in the front matter (the spec names no line); no crash, no hang",
    body=B_DEEP_BLOCK,
)

# ---------------------------------------------------------------------------
# duplicate keys (MQ006 at the later one)
# ---------------------------------------------------------------------------

B_DUP = (
    "村里的老祠堂年久失修，屋顶瓦片脱落，房梁被白蚁蛀蚀，宗亲会想集资维修，来征求村里的意见。\n"
    "我提醒他们祠堂是县级文物保护点，维修方案要先报县文物部门审批，不能随意改变原有风貌。\n"
)
case(
    E + "2024-03-15-duplicate-title.md",
    U(entry("2024-03-15", "精神文明建设", "老祠堂维修征求意见", B_DUP, "标题: 祠堂维修")),
    [("MQ006", At("标题", 2))],
    why="标题 given twice",
    body=B_DUP,
)

B_DUP_EN = (
    "春季征兵宣传在村里展开，我和民兵营长走访了适龄青年家庭，讲解优待政策和报名流程。\n"
    "有两位青年有意向报名，家长担心孩子吃不了苦，我请退伍老兵现身说法，家长的顾虑少了许多。\n"
)
case(
    E + "2024-03-15-duplicate-title-english.md",
    U(entry("2024-03-15", "村级组织建设", "征兵宣传走访适龄青年", B_DUP_EN, "title: Conscription visits")),
    [("MQ006", At("title:"))],
    why="标题 and title in one file: MQ006 at the later",
    body=B_DUP_EN,
)

B_DUP_ISSUE = (
    "几户村民反映村里的移动信号很差，在家里打电话要跑到院子里，孩子上网课经常掉线。\n"
    "我把情况报给镇里，请运营商来测试信号强度，对方初步同意在后山增设一座通信基站。\n"
)
case(
    E + "2024-03-15-duplicate-key-in-issue.md",
    U(
        fm(
            *std("2024-03-15", "群众关注的热点难点", "移动信号差影响网课"),
            "诉求:",
            "  - 摘要: 增设通信基站",
            "    状态: 待办",
            "    摘要: 改善移动信号",
        )
        + B_DUP_ISSUE
    ),
    [("MQ006", At("摘要", 2))],
    why="摘要 twice inside one issue item",
    body=B_DUP_ISSUE,
)

# ---------------------------------------------------------------------------
# dates (MQ104 at the date line; MQ105 for the future)
# ---------------------------------------------------------------------------

B_FEB30 = (
    "帮助两户村民办理了城乡居民医保的续缴手续，他们不会用手机缴费，我手把手教了一遍。\n"
    "顺便提醒他们今年的缴费截止时间，村里还有不少老人没有续缴，我请各组长逐户通知到位。\n"
)
case(
    E + "2024-03-16-february-30.md",
    U(entry("2024-02-30", "群众关注的热点难点", "协助续缴城乡居民医保", B_FEB30)),
    [("MQ104", At("日期"))],
    why="2024-02-30 does not exist",
    body=B_FEB30,
)

B_CN_FEB30 = (
    "参加了村里老党员的追悼会，他生前担任过多年村支书，带领群众修水库、办茶厂，大家很怀念他。\n"
    "会后他的家属提出想把老人留下的工作笔记捐给村史馆，我代表村里表示感谢，约定择日接收。\n"
)
case(
    E + "2024-03-16-chinese-february-30.md",
    U(entry("2024年2月30日", "村级组织建设", "老支书追悼会", B_CN_FEB30)),
    [("MQ104", At("日期"))],
    why="2024年2月30日 does not exist",
    body=B_CN_FEB30,
)

B_FEB29 = (
    "县里的农业保险政策有了调整，水稻和生猪的保费补贴比例提高，我在村民大会上做了宣讲。\n"
    "很多养殖户以前因为理赔手续麻烦不愿投保，我请保险公司的业务员现场答疑，当场有十多户投保。\n"
)
case(
    E + "2024-03-16-not-leap-year.md",
    U(entry("2023-02-29", "农村经济发展", "宣讲农业保险新政策", B_FEB29)),
    [("MQ104", At("日期"))],
    why="2023 is not a leap year",
    body=B_FEB29,
)

B_MONTH13 = (
    "村里的河道保洁员反映上游有养猪场偷排废水，河水发黑发臭，下游洗衣服的妇女意见很大。\n"
    "我和河长一起沿河巡查，找到了排污口，拍照取证后报告县生态环境局，请求依法查处。\n"
)
case(
    E + "2024-03-16-month-13.md",
    U(entry("2024-13-01", "村容村貌整治", "上游养猪场偷排废水", B_MONTH13)),
    [("MQ104", At("日期"))],
    why="there is no month 13",
    body=B_MONTH13,
)

B_YESTERDAY = (
    "村民小组长换届选举今天在四组进行，候选人两名，投票过程由镇里派员监督，计票当场公开。\n"
    "新当选的组长是位年轻的致富带头人，表态要带着组里的乡亲一起发展特色种植，大家很期待。\n"
)
case(
    E + "2024-03-16-yesterday.md",
    U(entry("昨天", "村级组织建设", "四组组长换届选举", B_YESTERDAY)),
    [("MQ104", At("日期"))],
    why="日期: 昨天 is not a date",
    body=B_YESTERDAY,
)

B_DUE = (
    "一组的几户村民反映，去年土地流转给种植公司后，租金一直拖欠未付，多次讨要没有结果。\n"
    "我约公司负责人到村委会面谈，对方承认资金周转困难，承诺分两次付清，村里负责监督履约。\n"
)
case(
    E + "2024-03-16-due-april-31.md",
    U(
        fm(
            *std("2024-03-16", "农村矛盾纠纷", "土地流转租金拖欠"),
            "诉求:",
            "  - 摘要: 种植公司拖欠土地流转租金",
            "    状态: 办理中",
            "    期限: 2024-04-31",
        )
        + B_DUE
    ),
    [("MQ104", At("期限"))],
    why="an issue due date 2024-04-31 does not exist",
    body=B_DUE,
)

B_FUTURE = (
    "这是一篇写错了年份的日记：记录的是村里为孤寡老人统一更换老旧电线和插座的事情。\n"
    "电工逐户排查了线路隐患，更换了破损的开关和插座，并教老人们使用漏电保护器，防止触电。\n"
)
case(
    "entries/2099/01/2099-01-01-future.md",
    U(entry("2099-01-01", "群众关注的热点难点", "为孤寡老人更换老旧电线", B_FUTURE)),
    [("MQ105", At("日期"))],
    why="a date in the future (warning)",
    body=B_FUTURE,
)

# ---------------------------------------------------------------------------
# wrong types (MQ103 at the key's line)
# ---------------------------------------------------------------------------

B_HH_SCALAR = (
    "吴俊义家的母猪生了一窝小猪崽，但有两头精神不好不吃食，他担心是猪瘟，急着找兽医。\n"
    "我联系了镇畜牧站的防疫员当天上门诊治，确认是普通的消化不良，开了药，并指导改善圈舍卫生。\n"
)
case(
    E + "2024-03-17-households-not-list.md",
    U(
        fm(
            "日期: 2024-03-17",
            "记录人: 张丽",
            "村: 群安村",
            "农户: qa-01",
            "类别: 农村经济发展",
            "标题: 小猪崽生病请防疫员诊治",
        )
        + B_HH_SCALAR
    ),
    [("MQ103", At("农户"))],
    why="households is a scalar, not a list",
    body=B_HH_SCALAR,
)

B_ISSUES_SCALAR = (
    "二组通往茶园的生产便道坑坑洼洼，采茶季节三轮车进不去，鲜叶只能靠人挑下山，费时费力。\n"
    "茶农们愿意投工投劳，希望村里争取一些补助资金把便道硬化，我答应把这件事提交村民代表会议。\n"
)
case(
    E + "2024-03-17-issues-not-list.md",
    U(entry("2024-03-17", "农村经济发展", "茶园生产便道难行", B_ISSUES_SCALAR, "诉求: 修路")),
    [("MQ103", At("诉求"))],
    why="issues is a scalar, not a list",
    body=B_ISSUES_SCALAR,
)

B_ISSUE_STR = (
    "去镇敬老院看望了村里的几位五保老人，他们总体生活得不错，但反映院里的伙食口味偏咸。\n"
    "我把意见转告了院长，院长说会调整菜谱，并考虑为患有高血压的老人单独做少盐的饭菜。\n"
)
case(
    E + "2024-03-17-issue-item-string.md",
    U(fm(*std("2024-03-17", "群众关注的热点难点", "看望敬老院五保老人"), "诉求:", "  - 改善伙食口味") + B_ISSUE_STR),
    [("MQ103", At("改善伙食"))],
    why="an issue item that is a plain string (MQ103 at the item's line)",
    body=B_ISSUE_STR,
)

B_URGENT = (
    "凌晨接到电话，村里一户人家的厨房失火，我赶到现场时火已被邻居们扑灭，所幸没有人员受伤。\n"
    "但厨房和半间卧室烧毁，一家人暂时没地方做饭睡觉，我安排他们先住进村部的空房间。\n"
)
case(
    E + "2024-03-17-urgent-maybe.md",
    U(entry("2024-03-17", "群众关注的热点难点", "村民厨房失火", B_URGENT, "紧急: 也许")),
    [("MQ103", At("紧急"))],
    why="urgent is not a boolean",
    body=B_URGENT,
)

# ---------------------------------------------------------------------------
# required and unknown keys
# ---------------------------------------------------------------------------

B_NO_TITLE = (
    "入户核查低保对象家庭收入情况，有一户家里新买了小轿车，儿子在城里有稳定工作，收入超标。\n"
    "我如实记录了核查情况，按程序提交村民代表评议，建议取消其低保资格，并做好解释工作。\n"
)
case(
    E + "2024-03-18-missing-title.md",
    U(fm("日期: 2024-03-18", "记录人: 张丽", "村: 群安村", "类别: 村务民主管理") + B_NO_TITLE),
    [("MQ101", 1)],
    why="the required title is missing: MQ101 at line 1",
    body=B_NO_TITLE,
)

B_NO_SUMMARY = (
    "村里的太阳能路灯有几盏电池被盗，灯杆上的电池箱被撬开，这已经是今年第二次发生了。\n"
    "我向派出所报了案，同时建议村里在主要路口安装监控探头，并动员群众发现可疑人员及时报告。\n"
)
case(
    E + "2024-03-18-issue-missing-summary.md",
    U(
        fm(*std("2024-03-18", "村容村貌整治", "太阳能路灯电池被盗"), "诉求:", "  - 状态: 待办", "    期限: 2024-04-10")
        + B_NO_SUMMARY
    ),
    [("MQ101", At("  - 状态"))],
    why="an issue item without 摘要: MQ101 at the item's first line",
    body=B_NO_SUMMARY,
)

B_UNKNOWN_KEY = (
    "天气转晴，到村里的蔬菜基地查看大棚受灾情况，前几天的冰雹砸坏了三个大棚的棚膜。\n"
    "种植户急着补种，我联系了农业保险公司来查勘定损，又请农技员指导抢修棚膜、及时补苗。\n"
)
case(
    E + "2024-03-18-unknown-key.md",
    U(entry("2024-03-18", "农村经济发展", "冰雹砸坏蔬菜大棚", B_UNKNOWN_KEY, "气温: 12度")),
    [("MQ102", At("气温"))],
    why="an unknown key (warning)",
    body=B_UNKNOWN_KEY,
)

# ---------------------------------------------------------------------------
# references, statuses and their requirements
# ---------------------------------------------------------------------------

B_UNK_CAT = (
    "三组的石拱桥桥面开裂，桥栏杆也缺了几段，桥下是常年流水的小河，孩子们上学每天都要经过。\n"
    "我拍照报告了镇交通办，请他们来做安全鉴定，鉴定结果出来之前先在桥头设立限行标志。\n"
)
case(
    E + "2024-03-19-unknown-category.md",
    U(entry("2024-03-19", "修桥补路", "三组石拱桥桥面开裂", B_UNK_CAT)),
    [("MQ106", At("类别"))],
    why="a category that does not exist",
    body=B_UNK_CAT,
)

B_UNK_AUTHOR = (
    "村里的图书室藏书陈旧，来借书的人很少，管理员建议争取一批新书，再开设一个儿童阅读角。\n"
    "我联系了县图书馆，对方可以定期送书下乡轮换，儿童阅读角的桌椅由村里用集体经费添置。\n"
)
case(
    E + "2024-03-19-unknown-author.md",
    U(
        fm("日期: 2024-03-19", "记录人: 王五", "村: 群安村", "类别: 精神文明建设", "标题: 图书室藏书陈旧")
        + B_UNK_AUTHOR
    ),
    [("MQ107", At("记录人"))],
    why="an author who is not in the roster",
    body=B_UNK_AUTHOR,
)

B_UNK_VILLAGE = (
    "邻村的几位村民来我们村的集市摆摊，与本村摊贩因为摊位位置发生口角，差点动手。\n"
    "我和市场管理员一起调解，重新划定了摊位，外村摊贩按先来后到排队，双方都表示接受。\n"
)
case(
    E + "2024-03-19-unknown-village.md",
    U(
        fm("日期: 2024-03-19", "记录人: 张丽", "村: 幸福村", "类别: 农村矛盾纠纷", "标题: 集市摊位口角调解")
        + B_UNK_VILLAGE
    ),
    [("MQ108", At("村:"))],
    why="a village that is not in the config",
    body=B_UNK_VILLAGE,
)

B_UNK_HH = (
    "有一户新搬来的人家反映孩子入学手续办不下来，因为户口还没有迁过来，学校不肯接收。\n"
    "我向镇教办说明情况，教办同意先借读，户口迁入后再补办学籍，我还帮他们准备了迁户材料。\n"
)
case(
    E + "2024-03-19-unknown-household.md",
    U(
        fm(
            "日期: 2024-03-19",
            "记录人: 张丽",
            "村: 群安村",
            "农户: [qa-99]",
            "类别: 群众关注的热点难点",
            "标题: 新迁入户子女入学",
        )
        + B_UNK_HH
    ),
    [("MQ109", At("农户"))],
    why="a household id that does not exist",
    body=B_UNK_HH,
)

B_UNK_STATUS = (
    "去年冬天村里修建的蓄水池出现裂缝，蓄不住水，修建时的施工队已经找不到人了。\n"
    "我查阅了工程合同，质保期还没有过，准备通过镇里联系施工企业的法人，要求其返工维修。\n"
)
case(
    E + "2024-03-19-unknown-status.md",
    U(
        fm(
            *std("2024-03-19", "群众关注的热点难点", "新建蓄水池出现裂缝"),
            "诉求:",
            "  - 摘要: 蓄水池裂缝返工维修",
            "    状态: 搁置",
        )
        + B_UNK_STATUS
    ),
    [("MQ110", At("状态"))],
    why="an issue status that does not exist",
    body=B_UNK_STATUS,
)

B_RESOLVED = (
    "村民反映村口的垃圾桶被大风吹倒后一直没人扶起，垃圾散落一地，路过的车辆经常压到。\n"
    "我当场叫来保洁员把垃圾桶扶正固定，清扫了散落的垃圾，又在桶边加装了防风的固定架。\n"
)
case(
    E + "2024-03-19-resolved-without-result.md",
    U(
        fm(
            *std("2024-03-19", "村容村貌整治", "村口垃圾桶被风吹倒"),
            "诉求:",
            "  - 摘要: 垃圾桶倒地垃圾散落",
            "    状态: 已解决",
        )
        + B_RESOLVED
    ),
    [("MQ111", At("状态"))],
    why="resolved without result and without feedback",
    body=B_RESOLVED,
)

B_RESOLVED_NO_FB = (
    "有户人家的电表箱被车撞歪，线路裸露在外，下雨天很危险，户主着急却不知道找谁处理。\n"
    "我联系供电所的电工当天上门，重新固定了电表箱并包好裸露的线路，消除了触电隐患。\n"
)
case(
    E + "2024-03-19-resolved-without-feedback.md",
    U(
        fm(
            *std("2024-03-19", "群众关注的热点难点", "电表箱被撞线路裸露"),
            "诉求:",
            "  - 摘要: 电表箱被撞歪线路裸露",
            "    状态: 已解决",
            "    结果: 供电所重新固定电表箱并包好线路",
        )
        + B_RESOLVED_NO_FB
    ),
    [("MQ111", At("状态"))],
    why="resolved with a result but without feedback",
    body=B_RESOLVED_NO_FB,
)

B_ESCALATED = (
    "几位村民反映，镇上新建的砂石厂粉尘很大，附近的庄稼叶子上落满灰，晾晒的衣服也不能收。\n"
    "这件事超出了村里能处理的范围，我整理了群众的意见和现场照片，准备向上级部门反映。\n"
)
case(
    E + "2024-03-19-escalated-without-target.md",
    U(
        fm(
            *std("2024-03-19", "村容村貌整治", "砂石厂粉尘污染庄稼"),
            "诉求:",
            "  - 摘要: 砂石厂粉尘污染",
            "    状态: 已上报",
        )
        + B_ESCALATED
    ),
    [("MQ112", At("状态"))],
    why="escalated without 上报",
    body=B_ESCALATED,
)

B_UPD_UNKNOWN = (
    "回访了上个月反映排水问题的几户人家，沟渠已经疏通，但出水口还需要再加固一下。\n"
    "我在现场和组长商量了加固的办法，准备用石块砌一段护坡，预计下周内能完成施工。\n"
)
case(
    E + "2024-03-19-update-unknown-issue.md",
    U(
        fm(*std("2024-03-19", "村容村貌整治", "回访排水沟疏通情况"), "跟踪:", "  - 问题: NOPE-1", "    状态: 办理中")
        + B_UPD_UNKNOWN
    ),
    [("MQ113", At("问题"))],
    why="an update to an issue that does not exist",
    body=B_UPD_UNKNOWN,
)

B_UPD_NO_FB = (
    "再次到吴俊义家了解用水情况，供水站已经拆除了沿线的几处私接管道，末端水压明显好转。\n"
    "早晚高峰时还有些偏小，供水站说增压泵要等下个季度的资金，我们会继续跟进这件事。\n"
)
case(
    E + "2024-03-19-update-resolved-without-feedback.md",
    U(
        fm(
            *std("2024-03-19", "群众关注的热点难点", "回访吴俊义家用水情况"),
            "跟踪:",
            '  - 问题: "2024-03-05-good#1"',
            "    状态: 已解决",
            "    结果: 拆除私接管道，水压好转",
        )
        + B_UPD_NO_FB
    ),
    [("MQ111", At("状态"))],
    why="an update that resolves the good entry's issue without feedback",
    body=B_UPD_NO_FB,
)

# ---------------------------------------------------------------------------
# values that look odd but are fine (no diagnostic at all)
# ---------------------------------------------------------------------------

B_TITLE_NO = (
    "村民议事会讨论是否同意在村口新建一座加油站，多数代表担心安全问题，表决结果是否。\n"
    "我把讨论的过程和表决结果如实记录下来，报镇里备案，并在公开栏公示表决结果七天。\n"
)
case(
    E + "2024-03-25-title-no.md",
    U(entry("2024-03-25", "村务民主管理", "否", B_TITLE_NO)),
    [],
    only=True,
    why="title 否 is text, not a boolean",
    body=B_TITLE_NO,
)

B_TITLE_ON = (
    "帮村里的广播站调试新买的应急广播设备，开关上的英文标识老人看不懂，我贴上了中文标签。\n"
    "广播员学会了定时播放和远程喊话，以后防汛防火的通知可以第一时间传到各家各户。\n"
)
case(
    E + "2024-03-25-title-on.md",
    U(entry("2024-03-25", "其他", "on", B_TITLE_ON)),
    [],
    only=True,
    why="title on is text, not a boolean",
    body=B_TITLE_ON,
)

B_TITLE_010 = (
    "整理村档案室的旧档案，按照年份重新编排了卷宗号，缺失的几卷会计凭证登记在册备查。\n"
    "档案室受潮发霉的问题比较严重，我建议购置一台除湿机，并把重要档案扫描成电子版保存。\n"
)
case(
    E + "2024-03-25-title-010.md",
    U(entry("2024-03-25", "村级组织建设", "010", B_TITLE_010)),
    [],
    only=True,
    why="title 010 is text, not the octal number 8",
    body=B_TITLE_010,
)

B_EN_KEYS = (
    "今天陪同县里的调研组到村里了解乡村振兴衔接资金的使用情况，查看了光伏电站和茶叶加工厂。\n"
    "调研组肯定了项目带动就业的效果，也指出资产管护制度还不健全，要求村里尽快建立台账。\n"
)
case(
    E + "2024-03-25-english-keys-village.md",
    U(
        fm("date: 2024-03-25", "author: 张丽", "village: 群安村", "category: economy", "title: 陪同调研衔接资金使用")
        + B_EN_KEYS
    ),
    [],
    only=True,
    why="English keys; village is the only village",
    body=B_EN_KEYS,
)

B_NO_VILLAGE = (
    "参加了村里举办的农民丰收节筹备会，大家商定在秋收后举办农产品展销和农事趣味比赛。\n"
    "我负责联系镇里的文化站借用音响和帐篷，并邀请周边村的合作社前来设摊交流经验。\n"
)
case(
    E + "2024-03-25-no-village.md",
    U(fm("日期: 2024-03-25", "记录人: 张丽", "类别: 精神文明建设", "标题: 农民丰收节筹备会") + B_NO_VILLAGE),
    [],
    only=True,
    why="village omitted: the roster has one village",
    body=B_NO_VILLAGE,
)

B_HH_NAME = (
    "吴俊义的大儿子今年高考，家里担心学费负担重，来询问助学贷款和雨露计划的补助办法。\n"
    "我把生源地信用助学贷款的申请流程讲给他听，又联系了镇教办，确认他符合雨露计划的条件。\n"
)
case(
    E + "2024-03-25-household-by-name.md",
    U(
        fm(
            "日期: 2024-03-25",
            "记录人: 张丽",
            "村: 群安村",
            "农户: [吴俊义]",
            "类别: 群众关注的热点难点",
            "标题: 咨询助学贷款政策",
        )
        + B_HH_NAME
    ),
    [],
    only=True,
    why="a household named by its (unique) head",
    body=B_HH_NAME,
)

B_UPD_OK = (
    "供水站的师傅今天来吴俊义家所在的片区查看管网，找到了两处私接的支管，已经通知户主整改。\n"
    "他们还测了末端的水压，确实偏低，增压泵的方案正在报批，我会继续跟踪，直到问题解决为止。\n"
)
case(
    E + "2024-03-25-update-ok.md",
    U(
        fm(
            *std("2024-03-25", "群众关注的热点难点", "供水站排查私接管道"),
            "跟踪:",
            '  - 问题: "2024-03-05-good#1"',
            "    状态: 办理中",
            "    进展: 已排查出两处私接，增压泵方案报批中",
        )
        + B_UPD_OK
    ),
    [],
    only=True,
    why="a valid update of the good entry's issue",
    body=B_UPD_OK,
)

# ---------------------------------------------------------------------------
# body: too short, and personal data (MQ201 / MQ202)
# ---------------------------------------------------------------------------

B_SHORT = "走访了两户，情况正常。\n"
case(
    E + "2024-03-26-short-body.md",
    U(entry("2024-03-26", "其他", "例行走访", B_SHORT)),
    [("MQ117", At("走访了两户"))],
    why="a body shorter than min_body_chars (warning at the first body line)",
)


def id_check(first17: str) -> str:
    """GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


ID_X = "11010119900307002" + id_check("11010119900307002")  # check character X
ID_DIGIT = "51010419850712345" + id_check("51010419850712345")  # check character 4
ID_WRONG = "51010419850712345" + str((int(id_check("51010419850712345")) + 1) % 10)
assert ID_X.endswith("X") and ID_DIGIT.endswith("4") and ID_WRONG != ID_DIGIT

B_ID = (
    "帮助一位残疾村民申请两项补贴，他行动不便，由我代为填写申请表，材料已交镇残联审核。\n"
    f"申请表上填写的身份证号码为{ID_DIGIT}，提交前已请本人核对签字确认。\n"
)
case(
    E + "2024-03-26-resident-id.md",
    U(entry("2024-03-26", "群众关注的热点难点", "代办残疾人两项补贴", B_ID)),
    [("MQ201", At(ID_DIGIT))],
    why="an 18-digit resident ID with a valid check digit",
    body=B_ID,
)

B_ID_X = (
    "一位外出务工的村民委托我帮他查询新农合的报销进度，他把自己的证件号码发了过来。\n"
    f"证件号码是{ID_X}，我在镇医保窗口查到报销款已打到他的社保卡上，随即告诉了他。\n"
)
case(
    E + "2024-03-26-resident-id-x.md",
    U(entry("2024-03-26", "其他", "代查医保报销进度", B_ID_X)),
    [("MQ201", At(ID_X))],
    why="a resident ID whose check character is X",
    body=B_ID_X,
)

B_ID_WRONG = (
    "核对村里的养老保险领取名单时，发现有一条记录的证件号码校验不通过，怀疑是录入时写错了一位。\n"
    f"名单上写的是{ID_WRONG}，我已请社保协理员联系本人重新核实后更正。\n"
)
case(
    E + "2024-03-26-resident-id-bad-check.md",
    U(entry("2024-03-26", "村务民主管理", "养老保险名单号码有误", B_ID_WRONG)),
    [],
    only=True,
    why="an 18-digit run with a WRONG check digit is not an ID",
    body=B_ID_WRONG,
)

B_LONGRUN = (
    "帮一位老人查询存折里的粮食直补款是否到账，柜员打出了明细，补贴已经按时发放到位。\n"
    "存折上的账号是6228139123456780123，老人担心被骗，我提醒他不要把账号告诉陌生人。\n"
)
case(
    E + "2024-03-26-phone-inside-long-number.md",
    U(entry("2024-03-26", "农村经济发展", "帮老人查询粮食直补", B_LONGRUN)),
    [],
    only=True,
    why="an 11-digit mobile pattern inside a 19-digit run is not a phone number (nor an ID)",
    body=B_LONGRUN,
)


# ---------------------------------------------------------------------------
# resolution, self-checks and output
# ---------------------------------------------------------------------------


def resolve(data: bytes, loc: object) -> int:
    if isinstance(loc, int):
        return loc
    assert isinstance(loc, At), loc
    needle = U(loc.text)
    seen = 0
    for number, line in enumerate(data.split(b"\n"), start=1):
        if needle in line:
            seen += 1
            if seen == loc.nth:
                return number
    raise SystemExit(f"locator {loc!r} not found")


def first_bad_utf8_line(data: bytes) -> int:
    """The MQ001 line: UTF-16 BOM → 1; else the first NUL or undecodable byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return 1
    bad = data.find(b"\x00")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = err.start if bad < 0 else min(bad, err.start)
    if bad < 0:
        raise SystemExit("no bad byte")
    return data.count(b"\n", 0, bad) + 1


def cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def trigrams(text: str) -> set[str]:
    t = "".join(ch for ch in text if cjk(ch))
    return {t[i : i + 3] for i in range(len(t) - 2)}


def build() -> dict[str, dict]:
    manifest: dict[str, dict] = {}
    paths = [c.path for c in CASES]
    assert len(paths) == len(set(paths)), "duplicate path"
    for c in CASES:
        expect = []
        for code, loc in c.expect:
            line: int | list[int]
            if isinstance(loc, tuple):
                line = [resolve(c.data, loc[0]), resolve(c.data, loc[1])]
                assert line[0] < line[1], (c.path, line)
            else:
                line = resolve(c.data, loc)
            if code == "MQ001":
                assert line == first_bad_utf8_line(c.data), (c.path, line, first_bad_utf8_line(c.data))
            expect.append([code, line])
        if not any(code == "MQ001" for code, _ in c.expect):
            c.data.decode("utf-8")  # every other file is UTF-8
            assert b"\x00" not in c.data
        manifest[c.path] = {"expect": expect, "only": c.only, "why": c.why}
    # bodies: long enough and pairwise different (so MQ117 and MQ118 stay quiet)
    bodies = [(c.path, c.body) for c in CASES if c.body is not None]
    for path, body in bodies:
        assert cjk(body) >= 60, (path, cjk(body))
    grams = [(p, trigrams(b)) for p, b in bodies]
    for i, (p1, g1) in enumerate(grams):
        for p2, g2 in grams[i + 1 :]:
            jaccard = len(g1 & g2) / len(g1 | g2)
            assert jaccard < 0.15, (p1, p2, jaccard)
    return manifest


def main() -> int:
    manifest = build()
    if REPO.exists():
        shutil.rmtree(REPO)
    REPO.mkdir(parents=True)
    (REPO / "minqing.yaml").write_bytes(U(CONFIG))
    for c in CASES:
        target = REPO / c.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(c.data)
    rows = [
        f"  {json.dumps(path, ensure_ascii=False)}: {json.dumps(manifest[path], ensure_ascii=False)}"
        for path in sorted(manifest)
    ]
    MANIFEST.write_bytes(U("{\n" + ",\n".join(rows) + "\n}\n"))  # one line per file, for review
    bad = sum(1 for c in CASES if c.expect or not c.only)
    print(f"wrote {len(CASES)} record files ({bad} with expected diagnostics) and {MANIFEST.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
