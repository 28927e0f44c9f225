#!/usr/bin/env python3
"""Generate a realistic, deterministic 民情日记 records repository for tests and benchmarks.

    python scripts/make_county.py OUT_DIR --size small|township|county
           [--households N] [--entries M] [--git] [--seed S] [--force]

small    = 1 village,   60 households,    300 entries,   5 cadres
township = 10 villages, 2,000 households, 10,000 entries, 30 cadres
county   = 100 villages, 15,000 households, 100,000 entries, 210 cadres

One calendar year (2024). The repository follows RECORDS.md: minqing.yaml, households/<id>.md and
entries/YYYY/MM/YYYY-MM-DD-<slug>.md. Bodies are composed from many slotted sentence templates so
that no two bodies share most of their clauses (minqing's near-copy check, MQ118). Issues (诉求)
carry explicit ids (a few use the default `<stem>#<n>`) and are followed up (跟踪) in later entries
through every status, with escalations, results, feedback, satisfaction and reopenings.

With --git the repository gets one commit for the configuration and households, then one commit per
entry (author = the cadre, dated the entry's date plus 0-3 days, about 2% 8-20 days late), written
through a single `git fast-import` stream. Everything depends only on --seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from random import Random

YEAR = 2024
SIZES = {
    "small": {"villages": 1, "households": 60, "entries": 300, "cadres": 5},
    "township": {"villages": 10, "households": 2000, "entries": 10000, "cadres": 30},
    "county": {"villages": 100, "households": 15000, "entries": 100000, "cadres": 210},
}
EXEMPT_WEEK = 6  # 2024-W06: Spring Festival (2024-02-10)
ENGLISH_SHARE = 0.03

# ---------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------


def _pairs(text: str) -> list[tuple[str, str]]:
    """'王wang 李li' -> [('王', 'wang'), ('李', 'li')]."""
    out = []
    for item in text.split():
        m = re.match(r"^(\D+?)([a-z]+)$", item)
        assert m, item
        out.append((m.group(1), m.group(2)))
    return out


SURNAMES = _pairs(
    "王wang 李li 张zhang 刘liu 陈chen 杨yang 黄huang 赵zhao 吴wu 周zhou 徐xu 孙sun 马ma 朱zhu 胡hu "
    "郭guo 何he 高gao 林lin 罗luo 郑zheng 梁liang 谢xie 宋song 唐tang 许xu 韩han 冯feng 邓deng 曹cao "
    "彭peng 曾zeng 肖xiao 田tian 董dong 袁yuan 潘pan 于yu 蒋jiang 蔡cai 余yu 杜du 叶ye 程cheng 苏su "
    "魏wei 吕lv 丁ding 任ren 沈shen 姚yao 卢lu 姜jiang 崔cui 钟zhong 谭tan 陆lu 汪wang 范fan 金jin "
    "石shi 廖liao 贾jia 夏xia 韦wei 付fu 方fang 白bai 邹zou 孟meng 熊xiong 秦qin 邱qiu 江jiang 尹yin "
    "薛xue 闫yan 段duan 雷lei 侯hou 龙long 史shi 陶tao 黎li 贺he 顾gu 毛mao 郝hao 龚gong 邵shao "
    "万wan 钱qian 严yan 覃qin 武wu 戴dai 莫mo 孔kong 向xiang 汤tang 易yi 幸xing 敬jing 蒲pu 晏yan"
)
# the most common surnames come first and are drawn more often
SURNAME_WEIGHTS = [max(1.0, 12.0 - i * 0.25) for i in range(len(SURNAMES))]
GIVEN_M = _pairs(
    "建jian 国guo 明ming 华hua 军jun 平ping 志zhi 强qiang 海hai 林lin 永yong 德de 文wen 学xue 春chun "
    "福fu 贵gui 成cheng 清qing 光guang 金jin 全quan 兴xing 生sheng 富fu 荣rong 发fa 安an 洪hong 杰jie "
    "涛tao 波bo 勇yong 刚gang 辉hui 斌bin 宏hong 伟wei 峰feng 超chao 磊lei 鹏peng 浩hao 亮liang 宇yu "
    "俊jun 朝chao 龙long 树shu 长chang 世shi 正zheng 先xian 开kai 友you 时shi 章zhang 义yi "
    "仁ren 顺shun 远yuan 昌chang 银yin 财cai 万wan 秋qiu 冬dong 祥xiang 瑞rui 贤xian 忠zhong 良liang "
    "山shan 川chuan 东dong 江jiang 泽ze 鑫xin 军jun 元yuan 根gen 水shui 庆qing 有you 仕shi 培pei"
)
GIVEN_F = _pairs(
    "秀xiu 英ying 兰lan 芳fang 桂gui 珍zhen 凤feng 梅mei 丽li 琴qin 霞xia 红hong 云yun 燕yan 萍ping "
    "娟juan 翠cui 菊ju 敏min 静jing 婷ting 玉yu 春chun 秋qiu 冬dong 雪xue 月yue 香xiang 花hua 莲lian "
    "彩cai 仙xian 美mei 淑shu 惠hui 晓xiao 雨yu 欣xin 怡yi 佳jia 思si 琳lin 露lu 蓉rong 群qun 素su "
    "银yin 金jin 先xian 明ming 华hua 芬fen 容rong 艳yan 丹dan 倩qian 莉li 洁jie 青qing 荣rong 碧bi"
)
VILLAGE_A = _pairs(
    "群qun 青qing 石shi 金jin 凤feng 龙long 桃tao 李li 柳liu 杨yang 新xin 和he 永yong 丰feng 太tai "
    "东dong 西xi 南nan 北bei 红hong 白bai 清qing 兴xing 福fu 长chang 安an 平ping 高gao 大da 小xiao "
    "双shuang 三san 五wu 九jiu 万wan 宝bao 黄huang 白bai 梨li 竹zhu 松song 柏bai 荷he 杏xing 云yun"
)
VILLAGE_B = _pairs(
    "安an 泉quan 门men 山shan 岭ling 湾wan 河he 溪xi 坪ping 坝ba 林lin 桥qiao 沟gou 庄zhuang 塘tang "
    "田tian 峰feng 源yuan 岗gang 寨zhai 堰yan 垭ya 滩tan 坡po 洞dong 场chang 寺si 铺pu 观guan 店dian"
)
COUNTY_NAME, TOWNSHIP_NAME = "清溪县", "桤泉镇"

CROPS = ["水稻", "玉米", "小麦", "油菜", "土豆", "红薯", "核桃", "花椒", "茶叶", "柑橘", "猕猴桃", "李子",
         "葡萄", "蔬菜", "辣椒", "生姜", "魔芋", "烤烟", "中药材", "黄精", "食用菌", "莲藕", "大豆", "高粱",
         "脐橙", "枇杷", "草莓", "西瓜", "大蒜", "香菇", "木耳", "油茶", "枸杞", "山药"]
ANIMALS = ["猪", "牛", "羊", "鸡", "鸭", "鹅", "兔", "蜜蜂", "黄牛", "山羊", "肉兔", "土鸡"]
ANIMAL_UNIT = {"猪": "头", "牛": "头", "羊": "只", "鸡": "只", "鸭": "只", "鹅": "只", "兔": "只", "蜜蜂": "箱",
               "黄牛": "头", "山羊": "只", "肉兔": "只", "土鸡": "只"}
CITIES = ["成都", "重庆", "广州", "深圳", "东莞", "上海", "杭州", "宁波", "苏州", "厦门", "福州", "西安", "昆明",
          "武汉", "长沙", "南京", "温州", "佛山", "北京", "天津", "乌鲁木齐", "贵阳", "绵阳", "县城", "市里", "镇上"]
JOBS = ["建筑工地做钢筋工", "电子厂流水线上班", "送外卖", "开货车", "餐馆打工", "做保安", "物流园搬运",
        "做装修", "服装厂缝纫", "跑快递", "家政公司做保洁", "煤矿打工", "修车铺当学徒", "超市做理货员",
        "开网约车", "养殖场帮工", "酒店做服务员", "鞋厂做工", "家具厂打磨", "水电安装"]
ILLNESS = ["高血压", "糖尿病", "风湿病", "慢性支气管炎", "腰椎间盘突出", "心脏病", "肾病", "脑梗后遗症",
           "关节炎", "哮喘", "胃病", "白内障", "肺气肿", "偏瘫", "尿毒症"]
TIMES = ["上午", "下午", "早上", "傍晚", "中午", "晚饭后", "一早", "午后", "上午九点多", "下午三点左右",
         "上午十点", "下午两点", "晚上七点多", "清早"]
WEATHER = ["天气晴好", "天阴沉沉的", "下着小雨", "雨后路滑", "寒风刺骨", "烈日当头", "雾很大", "刚下过雪",
           "天气闷热", "秋高气爽", "细雨蒙蒙", "风很大", "天刚放晴", "气温骤降", "多云转晴", "雷阵雨刚停"]
ROADS = ["机耕道", "泥巴路", "水泥路", "田坎路", "山路", "村道", "便道", "石板路", "产业路", "组道"]
HOUSES = ["土木结构", "砖木结构", "砖混结构", "木结构", "石木结构", "土坯房"]
HOUSE_STATE = ["墙体有几道裂缝", "屋顶漏雨", "还算结实", "前年刚维修过", "采光不好", "后墙靠着山体",
               "地面潮湿", "厨房和猪圈挨在一起", "门窗破旧", "院坝没有硬化"]
SCHOOLS = ["镇中心小学", "村小", "镇初中", "县一中", "县职业中学", "镇幼儿园", "县实验小学", "县二中"]
GRADES = ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "初一", "初二", "初三", "高一", "高二",
          "中班", "大班"]
MEETINGS = ["村“两委”会", "党员大会", "村民代表会", "院坝会", "组长会", "产业发展座谈会", "镇上的例会",
            "脱贫成果巩固推进会", "村务监督委员会会议", "网格员培训会", "防汛工作部署会", "环境整治动员会"]
ROLES = ["村支书", "村主任", "村文书", "驻村第一书记", "网格员", "组长", "妇女主任", "村监委会主任",
         "驻村工作队员", "镇农业服务中心技术员", "镇司法所干部", "镇卫生院医生", "包村领导", "镇民政办干部"]
COMPANY = ["村支书", "村主任", "驻村工作队员", "网格员", "组长", "妇女主任", "村文书"]
CN_NUM = "零一二三四五六七八九十"
DEPTS = ["镇农业服务中心", "镇民政办", "镇社保所", "镇司法所", "镇综治中心", "镇规划建设办", "镇卫生院",
         "镇财政所", "镇自然资源所", "镇应急办", "镇派出所", "镇水务站", "镇文化站", "镇党建办"]
COUNTY_DEPTS = ["县水务局", "县民政局", "县医保局", "县住建局", "县自然资源局", "县人社局", "县农业农村局",
                "县交通运输局", "县教育局", "县残联", "县供电公司", "县信访局", "县生态环境局", "县林业局",
                "县乡村振兴局", "县市场监管局"]
REFLECT = [
    "群众的事再小也是大事，不能拖",
    "件件有回音、事事有着落，这句话说起来容易做起来难",
    "只有多走多看，才能把情况摸准",
    "坐在办公室里是听不到这些话的",
    "走村入户多了，群众才愿意跟你说心里话",
    "记下来的每一件事都要有个交代",
    "这些困难光靠一家一户解决不了，需要村里和镇上一起想办法",
    "干部多跑腿，群众才能少跑路",
    "解决问题要讲政策，也要讲感情",
    "帮扶不能只送米送油，更要帮着找门路",
    "对群众反映的问题，能解决的马上解决，解决不了的要解释清楚",
    "这次走访让我对村里的情况又多了一层了解",
    "群众不怕你办不成事，就怕你不理不问",
    "有些问题要靠制度，有些问题要靠耐心",
]
REFLECT_SLOT = [
    "离开{head}家时已是{clock}点多，{tail}",
    "回村委会的路上，我一直在想{head}家的事",
    "这是我这个月第{nth}次到{grp}走访，{tail}",
    "今年以来我在{grp}记下的事情已经有{n2}件了，{tail}",
    "把今天的情况记在本子上，{tail}",
    "临走前，{head}拉着我的手说了好几遍谢谢，{tail}",
    "{head}送我到{place}路口，{tail}",
    "走完{grp}的{n}户人家，{tail}",
]
REFLECT_TAIL = ["心里还是不踏实", "这件事得抓紧", "下周还要再来看看", "明天一早就给镇上打电话",
                "晚上要把材料整理出来", "要把情况在村“两委”会上通报", "感觉肩上的担子又重了一些",
                "回去要跟{role}{name}通个气", "这件事一定要办出个结果", "得找{dept}问清楚政策"]
TAGS_HH = ["建档立卡贫困户", "低保户", "五保户", "留守儿童", "空巢老人", "残疾", "重点户", "专业户",
           "监测户", "脱贫户", "退役军人", "种养大户"]
CAUSES = ["因病", "因残", "因学", "缺劳力", "缺技术", "缺资金", "因灾", "缺土地"]
LEAVE_REASONS = ["病假", "年休假", "产假", "婚假", "脱产培训", "探亲假", "陪护假"]
CADRE_ROLES = ["镇干部", "驻村干部", "村“两委”干部", "驻村工作队员", "驻村第一书记", "县派驻村干部"]
SATISFACTION = ["满意", "满意", "满意", "基本满意", "基本满意", "不满意"]
SAY = ["说", "告诉我", "跟我讲", "叹了口气说", "笑着说", "着急地说", "一边倒水一边说", "拉着我的手说",
       "有些激动地说", "不好意思地说", "红着眼睛说", "掰着指头算给我听"]

# ---------------------------------------------------------------------------------------------
# Topics: one matter each, with titles, summaries and the sentences that narrate and close it.
# Slots in {braces} are filled per use (see SLOTS).
# ---------------------------------------------------------------------------------------------

T = dict  # a topic is a dict of lists of templates


TOPICS: list[dict] = [
    T(cat="economy", slug="zhixiao", tags=["产业", "销售"],
      title=["{head}家{crop}滞销", "{grp}{crop}销路问题", "帮{head}家找{crop}销路"],
      summary=["{crop}{jin}斤卖不出去，急需销路", "今年{crop}丰产不丰收，收购商压价到每斤{price}元",
               "家里{crop}堆在屋里，担心烂掉"],
      problem=["{head}家今年种了{mu}亩{crop}，收了{jin}斤左右，到现在只卖出去{pct}成",
               "往年来收{crop}的{name}老板今年没来，镇上收购点每斤只给{price}元",
               "堆在堂屋里的{crop}已经有{pct}成开始发软，{head}每天都要翻一遍",
               "{grp}还有{n}户也种了{crop}，加起来有{jin}多斤压在手里",
               "{head}算了一笔账，化肥农药加人工每亩投入{money}元，按现在的价钱要亏{money2}元",
               "上个月{name}帮着在网上挂了{n}天，只卖出去{n2}单"],
      quote=["再卖不出去，明年就不敢种了", "种的时候说好有人收，现在连电话都打不通了",
             "东西是好东西，就是运不出去"],
      cause=["{crop}集中上市，收购商压价", "{grp}到主路还有{km}公里土路，货车进不来",
             "村里没有冷库，{crop}放不住", "农户各卖各的，没有统一品牌，议价能力弱"],
      measure=["把{head}家{crop}的品种、数量和照片发到镇农业服务中心的产销对接群",
               "联系县城{name}开的{shop}，对方答应先收{jin}斤试销",
               "请驻村工作队对接帮扶单位食堂，开展消费帮扶",
               "跟村合作社{name}商量，由合作社统一收购后分级包装",
               "联系邮政网点上门收件，运费由帮扶资金补贴一半"],
      resolved=["合作社按每斤{price}元收购{jin}斤，货款已到账", "县城{shop}两次共收走{jin}斤，{head}家基本卖完"],
      explained=["市场价格由供需决定，村里无法保底收购，已帮其对接{n}家收购商", "帮扶单位食堂采购已满额，今年无法再收"],
      escalate=["镇农业服务中心", "县农业农村局", "镇消费帮扶专班"],
      progress=["已联系{n}家收购商，{name}老板答应下周来看货", "合作社初步同意收购，正在谈价格"]),
    T(cat="economy", slug="jishu", tags=["产业", "技术"],
      title=["{head}家需要技术指导", "{head}家{crop}病虫害", "{grp}{crop}需要技术指导", "{head}想学{crop}种植技术"],
      summary=["{crop}叶子发黄落叶，不知道是什么病", "想扩种{crop}，缺技术", "{animal}发病死了{n}只，请求技术帮助"],
      problem=["{head}领我到地里看，{mu}亩{crop}有{pct}成叶片发黄，背面有褐色斑点",
               "{head}说{md}前后打过一次药，花了{money}元，效果不明显",
               "隔壁{name}家的{crop}也有同样症状，{grp}受影响的有{n}户",
               "{head}家养的{animal}最近{n}天死了{n2}只，剩下的精神也不好",
               "{head}想把{mu}亩撂荒地种上{crop}，但不知道怎么选苗、怎么管护"],
      quote=["一年的收成全在这地里了", "药打了好几遍，钱花了不少，一点用都没有", "我们老农民就怕不懂技术乱来"],
      cause=["今年雨水多、湿度大，病害容易流行", "农户用药凭经验，不对症", "缺少技术人员上门指导"],
      measure=["拍了照片发给镇农业服务中心技术员{name}，请他帮忙诊断", "约了技术员{md}到地里现场指导",
               "把县农业农村局的{crop}管护技术手册送到{head}家", "推荐{head}报名参加镇上{md}开班的{crop}种植培训"],
      resolved=["技术员{name}现场诊断为{disease}，按方用药后已控制", "{head}参加了{n}天培训，已按技术要求完成栽植"],
      explained=["病害已造成的损失无法挽回，已告知可申请的农业保险理赔渠道", "该品种不适合本地海拔，建议改种{crop2}"],
      escalate=["镇农业服务中心", "县农业农村局植保站"],
      progress=["技术员已来看过，建议先剪除病枝再用药", "{head}已按要求用药一次，还要观察{n}天"]),
    T(cat="economy", slug="daikuan", tags=["产业", "信贷"],
      title=["{head}申请小额信贷", "{head}想扩大{animal}养殖", "{head}家贷款问题"],
      summary=["想贷款{wan}万元扩大{animal}养殖", "申请脱贫人口小额信贷被退回", "去年的贴息贷款到期还不上"],
      problem=["{head}现在养了{herd}，想再建一个{area}平方米的圈舍，还差{wan}万元",
               "{head}{md}到信用社申请脱贫人口小额信贷，被告知材料不全",
               "{head}去年贷了{wan}万元，{md}就到期了，{animal}行情不好，一时还不上",
               "{head}说圈舍的地已经选好了，就在{place}那块{mu}亩的坡地上"],
      quote=["只要有本钱，我保证把{animal}养好", "贷款的事我们不懂，跑了{n}趟都没弄明白"],
      cause=["申请材料缺少村里出具的产业发展证明", "{head}对贴息政策和续贷条件不了解", "养殖行情波动，还款压力大"],
      measure=["帮{head}整理申请材料，村里出具产业发展情况证明", "陪{head}到镇信用社找客户经理{name}当面咨询",
               "把小额信贷续贷和展期的政策给{head}讲清楚"],
      resolved=["信用社已放款{wan}万元，期限三年，财政贴息", "已办理展期{n}个月，{head}按期还息"],
      explained=["{head}有逾期记录，按规定暂不能新增贷款，已说明修复办法", "贷款额度已到上限，无法再增加"],
      escalate=["镇乡村振兴办", "县乡村振兴局", "县农商银行{town}支行"],
      progress=["材料已交信用社，客户经理说要{n}个工作日审批", "信用社来村里实地看过圈舍"]),
    T(cat="economy", slug="jiuye", tags=["就业"],
      title=["{head}家就业问题", "帮{head}的儿子找工作", "{head}申请公益性岗位"],
      summary=["家里没有稳定收入，想申请公益性岗位", "儿子返乡后一直没找到工作", "想在家门口找活干，照顾老人孩子"],
      problem=["{head}的儿子{son}从{city}回来已经{n}个月了，一直在家闲着",
               "{head}身体还行，但要照顾{age}岁的老母亲，出不了远门",
               "{head}说镇上{name}的厂子在招人，但要会{skill}，自己不会",
               "家里{members}口人，一个月收入不到{money}元"],
      quote=["只要离家近，什么活都愿意干", "在外面漂了这么多年，想回来又怕没事做"],
      cause=["劳动力技能单一，只能干体力活", "附近就业岗位少，信息不畅", "照顾家庭，外出务工受限"],
      measure=["把{head}的情况报给镇社保所，登记就业需求", "推荐参加{md}开班的{skill}培训",
               "联系村里的{crop}基地，看能不能季节性用工", "帮{son}在县就业服务平台登记求职信息"],
      resolved=["已安排{head}到村保洁公益性岗位，每月补贴{money}元", "{son}已到县城{name}的工厂上班，月工资{money2}元"],
      explained=["今年公益性岗位名额已满，已登记为下批候补，期间推荐{crop}基地零工", "{head}年龄超过岗位规定，无法安排"],
      escalate=["镇社保所", "县人社局"],
      progress=["已在镇社保所登记，等{crop}基地用工", "培训班{md}开班，{head}已报名"]),
    T(cat="democracy", slug="dibao", tags=["低保", "民主评议"],
      title=["{head}家低保问题", "{head}对低保评议有意见", "{grp}低保评议问题", "{head}申请低保"],
      summary=["认为{grp}低保评议不公平", "家里{illness}病人多，申请低保", "低保被取消，不知道原因"],
      problem=["{head}说{grp}有一户家里开着小车还吃低保，自己家两个病人却没评上",
               "{head}今年{md}交了低保申请，到现在没有回音",
               "{head}说低保从{md}起就停发了，没人通知过他",
               "{head}的老伴{spouse}患{illness}，每月药费{drugs}元左右"],
      quote=["我不是眼红别人，就是想要个说法", "政策是好政策，就怕下面执行走样了"],
      cause=["评议过程没有充分公示，群众不了解评议结果和依据", "动态调整时没有及时告知本人", "申请材料在镇上审核环节积压"],
      measure=["向{head}讲解低保申请和评议的条件、程序", "把{head}反映的情况记下来，报镇民政办核查",
               "建议村里下次评议时请{grp}群众代表全程参加", "帮{head}补齐医疗费票据和收入证明"],
      resolved=["镇民政办核查后已将{head}家纳入低保，从下月起发放", "核查发现该户条件变化，已按程序退出，结果已公示"],
      explained=["核查后该户家庭收入超过标准，不符合条件，已当面解释并告知可申请临时救助",
                 "停发原因为年度复核时家庭人均收入超标，已把复核结果给{head}看过"],
      escalate=["镇民政办", "县民政局", "镇党政联席会议"],
      progress=["镇民政办已入户核查，结果要在村里公示{n}天", "补充材料已送镇民政办"]),
    T(cat="democracy", slug="cunwu", tags=["村务公开"],
      title=["{grp}村务公开问题", "{grp}群众要求公开{project}账目", "{head}反映村务公开问题", "{project}资金公开"],
      summary=["要求公开{project}的资金使用情况", "村务公开栏{n}个月没有更新", "对{project}工程量有疑问"],
      problem=["{head}说{project}花了{wan}万元，群众不知道钱是怎么花的",
               "村委会门口的公开栏上次更新还是{md}，{grp}的群众有意见",
               "{head}和{name}一起量过，{project}实际长度比公示的短了{m}米",
               "{grp}有{n}户联名写了意见，交给了村监委会主任{name}"],
      quote=["钱是大家的，就应该让大家看明白", "不是不相信干部，就是想心里有个数"],
      cause=["村务公开不及时、不具体，只公开了总数", "工程验收时没有请群众代表参加"],
      measure=["请村文书{name}把{project}的预算、决算和票据整理出来", "建议召开村民代表会，逐项说明资金使用",
               "请村监委会对{project}工程量进行复核", "把村务公开栏按季度更新的要求跟村“两委”再强调"],
      resolved=["村里已在公开栏和微信群公布{project}明细，群众代表复核无异议", "村民代表会上逐项说明，{head}表示认可"],
      explained=["{project}由县交通部门直接实施，资金不经过村里，已把县里的公示文件给{head}看"],
      escalate=["镇纪委", "镇党政联席会议", "镇财政所"],
      progress=["村文书正在整理票据，定于{md}召开村民代表会", "村监委会已去现场复核"]),
    T(cat="democracy", slug="liuzhuan", tags=["土地流转"],
      title=["{head}家土地流转问题", "{head}家土地流转租金", "{grp}流转土地租金拖欠", "{head}不愿流转土地"],
      summary=["流转给{name}的{mu}亩地租金{n}个月没给", "对土地流转合同条款有异议", "不愿把地流转给业主"],
      problem=["{head}家{mu}亩地流转给{name}种{crop}，合同写的每亩每年{money}元",
               "租金本该{md}前付清，业主{name}只付了一半",
               "{grp}流转出去的地有{n}户都没拿到全款",
               "{head}说合同是十几年前签的，租金一直没涨过"],
      quote=["地给了人家，钱却拿不到，心里不踏实", "我家就这点地，流转出去以后靠什么"],
      cause=["业主经营亏损，资金周转困难", "合同约定不清，没有违约条款", "流转时没有经过村里统一协调"],
      measure=["约业主{name}到村委会当面谈付款计划", "把合同复印件拿到镇农经站请专业人员看",
               "召集{grp}流转户开会，统一意见后跟业主协商"],
      resolved=["业主已分两次付清租金{money}元", "双方重新签订合同，租金调整为每亩{money}元"],
      explained=["合同未到期，租金标准按合同执行，已解释合同条款及到期后可重新协商"],
      escalate=["镇农经站", "镇司法所", "县农业农村局"],
      progress=["业主答应{md}前先付一半", "镇农经站已看过合同，建议补签协议"]),
    T(cat="disputes", slug="zhaijidi", tags=["纠纷", "宅基地"],
      title=["{head}家宅基地纠纷", "{head}与{name}宅基地纠纷", "{grp}宅基地界线纠纷", "调解{head}家宅基地争议"],
      summary=["与邻居{name}因宅基地界线发生争执", "邻居建房占了自家{m}米宅基地", "老宅基地归属有争议"],
      problem=["{head}说邻居{name}家新修的围墙往自家这边占了{m}米多",
               "两家为这事{md}吵过一架，差点动手", "{head}拿出了{year}年的宅基地证，上面画的界线和现在不一样",
               "{name}说那块地是他父亲在世时就用着的"],
      quote=["一寸都不能让，这是祖上留下来的", "都是几十年的邻居，闹成这样也不好"],
      cause=["老证四至描述不清，界址没有实测", "双方都有情绪，缺少中间人沟通"],
      measure=["请组长{name}和两家的老人一起到现场指认界址", "联系镇自然资源所到现场测量",
               "分别到两家做工作，先把围墙停建"],
      resolved=["经现场测量和调解，双方签订调解协议，围墙后退{m}米", "两家在组长见证下重新确认界址，握手言和"],
      explained=["该地块属于集体土地，双方均无确权，已解释待房地一体确权时统一处理"],
      escalate=["镇司法所", "镇自然资源所", "镇综治中心"],
      progress=["两家同意先停工，等测量结果", "镇自然资源所定于{md}来测量"]),
    T(cat="disputes", slug="paishui", tags=["纠纷"],
      title=["{head}家排水纠纷", "{head}与{name}排水纠纷", "{grp}排水沟堵塞引发矛盾", "调解{head}家排水问题"],
      summary=["邻居堵了排水沟，雨水倒灌进屋", "生活污水排到自家田里", "排水沟改道引发邻里矛盾"],
      problem=["{md}下大雨，{head}家堂屋进水{cm}厘米深", "{head}说是{name}家修院坝把原来的排水沟堵了",
               "{name}家的生活污水顺着沟流进{head}家{mu}亩秧田", "两家已经{n}天没说话了"],
      quote=["水往低处流，总得给条路吧", "天一下雨我就睡不着觉"],
      cause=["修建房屋时没有统一规划排水", "双方沟通不畅，积怨较深"],
      measure=["和组长{name}一起到现场看了排水沟走向", "分别做两家的工作，提出改道方案",
               "请村里出工出料，重新开挖一段{m}米的排水沟"],
      resolved=["新开挖排水沟{m}米，两家均签字认可", "{name}家拆除了堵沟的石块，排水恢复"],
      explained=["改道需占用第三方土地，对方不同意，已解释并请两家各退一步维持现状"],
      escalate=["镇综治中心", "镇司法所"],
      progress=["方案两家原则同意，等天晴施工", "组长正在做{name}家工作"]),
    T(cat="disputes", slug="shanyang", tags=["纠纷", "赡养"],
      title=["{head}家赡养纠纷", "{head}的子女不尽赡养义务", "调解{head}家老人赡养问题"],
      summary=["{age}岁老人无人赡养，几个子女互相推诿", "儿子不给生活费", "老人生病住院费用无人承担"],
      problem=["{head}今年{age}岁，有{n}个子女，都说自己困难", "老人一个人住在{place}的老房子里，吃饭有一顿没一顿",
               "{md}老人摔了一跤，住院花了{money}元，到现在没人结账", "大儿子{son}说家产分给了老二，应该老二管"],
      quote=["养儿防老，老了却没人管", "我不要他们的钱，只要常回来看看"],
      cause=["分家时没有写明赡养责任", "子女经济条件一般，相互攀比推诿"],
      measure=["召集{head}的{n}个子女到村委会开家庭会议", "请镇司法所干部{name}讲解赡养法律义务",
               "先由村里联系镇卫生院，协调医疗费分期"],
      resolved=["子女签订赡养协议，每人每月给{money}元，轮流照顾", "住院费用由子女平摊，已结清"],
      explained=["子女中{n}人在外地联系不上，已告知老人可通过司法所申请法律援助起诉"],
      escalate=["镇司法所", "镇综治中心", "镇妇联"],
      progress=["已联系上{n}个子女，定于{md}开家庭会议", "司法所已出具法律意见"]),
    T(cat="disputes", slug="gongzi", tags=["纠纷", "欠薪"],
      title=["{head}被拖欠工资", "{grp}{n}名村民工资被拖欠", "帮{head}追讨工钱"],
      summary=["在{project}干活的工钱{money}元没拿到", "包工头{name}拖欠工资{n}个月", "外出务工被拖欠工资"],
      problem=["{head}在{project}干了{n}个月，工钱一共{money}元，包工头{name}一直拖着",
               "{grp}一起去干活的还有{n2}个人，都没拿到钱", "{head}{md}打电话给{name}，对方说等上面拨款"],
      quote=["辛辛苦苦干了几个月，一分钱没见到", "快过年了，家里等着这笔钱用"],
      cause=["工程层层转包，资金拨付不到位", "没有签劳动合同，维权证据不足"],
      measure=["帮{head}整理考勤记录和证人名单", "联系镇劳动保障所，了解工程的总包单位",
               "陪{head}到县人社局劳动监察大队反映情况"],
      resolved=["经劳动监察介入，总包单位已代付工资{money}元", "包工头{name}已付清欠款"],
      explained=["用工方在外省，已帮其联系当地劳动监察部门并告知法律援助途径"],
      escalate=["县人社局劳动监察大队", "镇劳动保障所", "县信访局"],
      progress=["劳动监察已立案，要求{md}前付清", "包工头已付一部分"]),
    T(cat="livelihood", slug="yinshui", tags=["饮水安全"],
      title=["{head}家吃水问题", "{head}家饮水管道{pipe}", "{grp}{n}户吃水困难", "{place}水源不足"],
      summary=["入户饮水管道{pipe}，全家靠邻居挑水", "{grp}集中供水点水压不足", "水池渗漏，旱季吃水困难"],
      problem=["{head}家的入户管道{md}前后{pipe}，到现在已经{n}天没通水",
               "{head}每天要到{place}{name}家挑{n2}担水", "{grp}的蓄水池修了{n}年，池底有一道裂缝在渗水",
               "上游{n2}户把水管接得比较低，{head}家在坡上，水压上不来"],
      quote=["水是命根子，一天都离不得", "年轻人都出去了，挑水的只剩我们这些老的"],
      cause=["管道埋得太浅，寒潮一来就冻裂", "供水管网老化，没有专人管护", "旱季水源流量减少"],
      measure=["和村主任{name}一起沿管道查看，初步确定{pipe}的位置", "村里先垫付材料费{money}元，组织党员志愿者修复",
               "联系镇水务站{name}来看蓄水池", "建议把{grp}管网维修纳入明年一事一议项目"],
      resolved=["管道已修复并加埋保温层，{md}通水", "蓄水池已做防渗处理，水压恢复"],
      explained=["水源地流量确实不足，需等县里集中供水工程延伸，已告知预计时间并安排临时送水"],
      escalate=["镇水务站", "县水务局"],
      progress=["材料已买回，等天晴开工", "镇水务站来看过，要报县水务局立项"]),
    T(cat="livelihood", slug="weifang", tags=["住房安全"],
      title=["{head}家房屋安全", "{head}申请危房改造", "{grp}{head}家住房问题"],
      summary=["老房墙体开裂，担心雨季垮塌", "申请农村危房改造补助", "房屋漏雨严重"],
      problem=["{head}家的{housetype}老房是{year}年修的，{house_cond}", "后墙有一道{cm}厘米宽的裂缝，从屋顶一直到地面",
               "下雨天屋里要摆{n}个盆接水", "{head}说晚上听到房梁响就不敢睡"],
      quote=["住了一辈子的房子，舍不得也没钱修", "就怕哪天夜里塌下来"],
      cause=["房屋年久失修，属于土木结构", "家庭缺乏劳动力和资金，无力维修"],
      measure=["拍照留存，请镇规划建设办来鉴定房屋等级", "帮{head}准备危房改造申请材料",
               "动员{head}雨季暂住到儿子{son}家"],
      resolved=["经鉴定为C级危房，已纳入改造计划，补助{money}元，{md}完工入住", "村里组织志愿者帮忙翻修了屋顶"],
      explained=["鉴定为B级，不符合危改补助条件，已解释并帮助联系维修加固"],
      escalate=["镇规划建设办", "县住建局"],
      progress=["镇规划建设办已来鉴定，等结果", "改造方案已确定，{md}开工"]),
    T(cat="livelihood", slug="yibao", tags=["医疗保障"],
      title=["{head}医疗费报销问题", "{head}家{illness}病人医保报销", "帮{head}办理慢病卡"],
      summary=["住院费用报销比例低，负担重", "慢性病门诊卡办不下来", "异地就医报销手续不清楚"],
      problem=["{head}{md}在县医院住了{n}天，{bill}",
               "{head}患{illness}多年，每月药费{drugs}元，一直没有办慢病门诊卡",
               "{head}的儿子在{city}住院，不知道怎么办异地备案"],
      quote=["病看好了，钱却欠了一屁股", "跑了几趟，材料总是不对"],
      cause=["对医保报销政策不了解", "慢病卡需要专科医院诊断证明，材料不全"],
      measure=["帮{head}把发票和清单整理好，送镇社保所审核", "联系镇卫生院{name}医生，帮忙开具诊断证明",
               "教{head}的家人在手机上办理异地就医备案"],
      resolved=["已完成二次报销，补报{money}元", "慢病门诊卡已办好，每月可报销{pct}成药费"],
      explained=["该费用属于目录外药品，按政策不予报销，已逐项解释并告知医疗救助申请办法"],
      escalate=["镇社保所", "县医保局"],
      progress=["材料已送县医保局，要{n}个工作日", "诊断证明已开好"]),
    T(cat="livelihood", slug="yanglao", tags=["养老"],
      title=["{head}家养老保障问题", "{head}养老金问题", "{head}领不到养老金", "帮{head}办理养老保险"],
      summary=["养老金{n}个月没到账", "想补缴养老保险", "高龄补贴没有领到"],
      problem=["{head}说养老金从{md}以后就没到账了，问了好几次都说不清",
               "{head}今年{age}岁，年轻时没交养老保险，现在想补交", "{head}满{age}岁了，高龄补贴一直没领到"],
      quote=["就靠这点钱买油买盐", "不识字，不会用手机查"],
      cause=["社保卡过期没有及时换领", "本人未完成年度资格认证", "对补缴政策不了解"],
      measure=["带{head}到镇上做了资格认证", "帮{head}申请换领社保卡", "查询后把补缴政策和标准给{head}讲清楚"],
      resolved=["资格认证后养老金已恢复发放并补发{n}个月", "高龄补贴已申请，{md}到账"],
      explained=["补缴政策窗口期已过，按规定不能补缴，已解释并告知可申请的其他补贴"],
      escalate=["镇社保所", "县社保局"],
      progress=["社保卡已申请换领，等制卡", "认证已提交，等县里审核"]),
    T(cat="livelihood", slug="canji", tags=["残疾"],
      title=["{head}家残疾人帮扶", "{head}家残疾人补贴", "帮{head}办理残疾证", "{head}申请辅助器具"],
      summary=["残疾证过期，补贴停发", "想申请轮椅等辅助器具", "残疾等级评定有疑问"],
      problem=["{head}的{relation}{name}{disability}，残疾证{md}过期后补贴就停了",
               "{head}家里有{n}个残疾人，生活基本靠{head}一人照顾", "{name}腿脚不便，出门要靠人背"],
      quote=["有个轮椅就能推出去晒晒太阳", "去县里评残要跑好几趟，实在走不动"],
      cause=["残疾证换证不及时", "行动不便，无法到县里办理"],
      measure=["联系县残联上门评残", "帮{head}填写辅助器具申请表", "把残疾人两项补贴政策讲给{head}听"],
      resolved=["县残联已上门评定，新证办好，补贴恢复", "轮椅已送到{head}家"],
      explained=["评定等级未达到重度，不符合护理补贴条件，已说明评定标准"],
      escalate=["县残联", "镇民政办"],
      progress=["已约县残联{md}上门", "申请表已交镇民政办"]),
    T(cat="livelihood", slug="ruxue", tags=["教育", "留守儿童"],
      title=["{head}家孩子上学问题", "{grp}留守儿童{kid}", "{head}家学生资助"],
      summary=["孩子上学路远，接送困难", "留守儿童学习跟不上，情绪低落", "学生资助没有落实"],
      problem=["{head}的孙子{kid}{kid_school}，每天要走{km}公里山路",
               "{kid}的父母都在{city}打工，一年回来{n}次", "老师反映{kid}最近上课走神，作业常常不交",
               "{head}说家里申请的学生资助今年没有到账"],
      quote=["孩子懂事，就是太想爸妈了", "只要孩子能读书，再苦也值得"],
      cause=["父母长期不在身边，缺少关爱", "家校沟通不畅", "资助申请材料没有及时提交"],
      measure=["和{school}的{name}老师沟通孩子的情况", "联系村妇女主任{name}定期上门陪伴",
               "帮{head}补交资助申请材料", "安排{kid}周末到村里的儿童之家参加活动"],
      resolved=["资助已到账{money}元", "学校安排了校车接送", "{kid}的父母每周和老师视频一次，学习有起色"],
      explained=["寄宿名额已满，学校无法安排住校，已帮助联系同村家长轮流接送"],
      escalate=["镇中心校", "县教育局"],
      progress=["已和班主任见过面，约定每月沟通", "资助材料已补交"]),
    T(cat="livelihood", slug="daolu", tags=["道路"],
      title=["{grp}道路问题", "{grp}道路坑洼难行", "{place}便道需要硬化", "{head}反映入户路问题"],
      summary=["{grp}到主路的{km}公里道路坑洼，雨天无法通行", "入户路没有硬化，老人出行不便", "路边挡墙垮塌"],
      problem=["{grp}到村道的那段{road}有{m}米长，下雨天全是烂泥", "{head}说上个月{name}骑摩托车在这里摔了一跤",
               "{md}的大雨把{place}的挡墙冲垮了{m}米", "{grp}{n}户人家{n2}多口人都走这条路"],
      quote=["晴天一身灰，雨天一身泥", "路修好了，{crop}才拉得出去"],
      cause=["道路修建年代久，没有硬化", "排水不畅，路基被水冲毁"],
      measure=["和组长{name}一起丈量了路面，初步估算要{wan}万元", "建议纳入一事一议项目，群众投工投劳",
               "先组织{grp}群众用碎石把最烂的{m}米填平"],
      resolved=["{road}已硬化{m}米，{md}通车", "挡墙已重建，道路恢复通行"],
      explained=["该路段不在今年硬化计划内，已解释并纳入村里明年的项目库"],
      escalate=["镇规划建设办", "县交通运输局"],
      progress=["测量完成，方案报镇里", "碎石已拉到，{md}组织群众铺设"]),
    T(cat="livelihood", slug="yongdian", tags=["用电"],
      title=["{head}家用电问题", "{grp}电压不稳", "{head}家用电安全", "{place}电线老化"],
      summary=["电压低，电器带不动", "入户电线老化，有安全隐患", "电线杆倾斜"],
      problem=["{grp}一到晚上电压就低，{head}家的冰箱都启动不了",
               "{head}家的入户线是{year}年拉的，绝缘皮都裂了", "{place}有一根电线杆往路边斜了{n}度左右"],
      quote=["一到做饭的时候灯就闪", "怕哪天电线起火"],
      cause=["台区变压器容量小，负荷增加", "线路老化，没有改造"],
      measure=["拍照发给县供电公司{town}供电所", "提醒{head}家暂时不要同时用大功率电器",
               "请电工{name}先帮忙更换入户线"],
      resolved=["供电所已更换变压器，电压恢复正常", "入户线已更换"],
      explained=["台区改造已列入明年计划，今年无法实施，已告知并加强巡查"],
      escalate=["县供电公司{town}供电所", "镇应急办"],
      progress=["供电所来测过电压，要报改造计划", "电工约好{md}来"]),
    T(cat="organization", slug="dangyuan", tags=["党建"],
      title=["{grp}党员管理", "{grp}党员学习情况", "流动党员{name}联系", "入党积极分子{name}培养"],
      summary=["年老党员参加组织生活不便", "流动党员长期联系不上", "积极分子培养考察"],
      problem=["{grp}有党员{n}名，{n2}名年过七十，腿脚不便参加不了支部活动",
               "党员{name}在{city}打工{n}年，组织关系还在村里", "入党积极分子{name}今年{age}岁，在村里搞{crop}种植"],
      quote=["老了不中用了，但党员的身份不能忘", "在外面也想过组织生活，就是找不到门"],
      cause=["年老党员行动不便", "流动党员联系方式变更，管理脱节"],
      measure=["建议支部给老党员送学上门", "通过{name}的家人重新联系上本人，拉进支部微信群",
               "安排党员{name}作为积极分子{name2}的培养联系人"],
      resolved=["已送学上门{n}次，老党员按时参加组织生活", "流动党员已联系上并按时交纳党费"],
      explained=["该党员已在务工地参加流动党员党支部，按规定由当地管理，已向家属说明"],
      escalate=["镇党建办", "镇党委组织委员"],
      progress=["已联系上家属，等本人回电", "送学计划已排好"]),
    T(cat="organization", slug="zuofeng", tags=["干部作风"],
      title=["{head}反映村干部办事拖拉", "{grp}群众对网格员有意见", "村干部作风问题"],
      summary=["办证明跑了{n}趟没办成", "网格员很少入户", "村委会上班时间找不到人"],
      problem=["{head}说为开一个证明跑了{n}趟村委会，每次都说负责的人不在",
               "{grp}的群众说网格员{name}一年没来过几回", "{head}{md}上午去村委会，大门是锁着的"],
      quote=["我们老百姓办事难，跑一趟就是半天", "干部要常来走走，不然谁都不认识"],
      cause=["村干部兼职多，坐班制度落实不好", "代办服务没有公示联系方式"],
      measure=["向村支书{name}反映，要求落实坐班值班", "建议在公开栏公示村干部分工和代办事项",
               "当场帮{head}联系村文书把证明开好"],
      resolved=["村里已公示值班表，{head}的证明已办好", "网格员已入户走访，{grp}群众表示认可"],
      explained=["该证明需要派出所出具，村里无权开具，已解释并陪同到派出所办理"],
      escalate=["镇纪委", "包村领导"],
      progress=["村“两委”会已研究坐班制度", "已约谈网格员"]),
    T(cat="civility", slug="yifeng", tags=["移风易俗"],
      title=["{grp}移风易俗", "{grp}办酒风气", "{head}家办事大操大办", "劝导{head}家简办丧事"],
      summary=["办酒名目多，人情负担重", "丧事准备大操大办", "村规民约落实不好"],
      problem=["{head}说今年光{grp}的人情钱就出了{money}元", "{name}家准备给孩子办升学宴，要摆{n2}桌",
               "{head}家老人去世，亲戚主张请{n}天坝坝宴", "村规民约规定婚丧以外不办酒，但执行不严"],
      quote=["不去不好意思，去了又负担不起", "面子上过不去"],
      cause=["攀比之风，面子观念重", "红白理事会作用发挥不够"],
      measure=["和红白理事会会长{name}一起上门劝导", "把村规民约和县里的倡议书送到{head}家",
               "建议在院坝会上宣传简办的好做法"],
      resolved=["{head}家丧事简办，节约{money}元", "升学宴取消，改为家庭聚餐"],
      explained=["群众自愿办酒，村里只能劝导不能强制，已讲清楚规定和倡导"],
      escalate=["镇文化站", "镇党政联席会议"],
      progress=["已上门劝导一次，{head}说要和家人商量", "红白理事会下周开会"]),
    T(cat="civility", slug="wenhua", tags=["文化活动"],
      title=["{grp}文化活动", "{grp}群众想要活动场地", "{place}文化广场", "{head}提议组建广场舞队"],
      summary=["没有活动场地", "文化室设备损坏", "想组建文艺队"],
      problem=["{grp}的妇女晚上想跳广场舞，只能在{place}的公路边", "村文化室的音响坏了{n}个月",
               "{head}召集了{n2}个姐妹，想组建一支腰鼓队"],
      quote=["有个地方活动活动，身体好了病也少", "年轻人不在家，我们自己找点乐子"],
      cause=["公共空间不足", "文化设施管护经费少"],
      measure=["和村里商量把{place}的空坝子平整出来", "联系镇文化站{name}申请设备维修",
               "帮{head}的腰鼓队联系镇上的老师指导"],
      resolved=["{place}的场地已平整，安装了{n}盏路灯", "音响已修好，文化室每天开放"],
      explained=["该场地为私人承包地，业主不同意，已解释并另寻场地"],
      escalate=["镇文化站", "县文化馆"],
      progress=["场地方案已定，等资金", "镇文化站答应支持{n}套服装"]),
    T(cat="environment", slug="laji", tags=["环境整治"],
      title=["{grp}垃圾问题", "{grp}垃圾清运不及时", "{place}垃圾乱倒", "{head}反映垃圾池满溢"],
      summary=["垃圾池满了{n}天没人清运", "河边有人乱倒垃圾", "垃圾收集点离家太远"],
      problem=["{place}的垃圾池满出来了，{head}说已经{n}天没人来拉", "{grp}靠河的那段有人把建筑垃圾倒在河坎上",
               "天一热垃圾池就臭，{head}家离得只有{m}米"],
      quote=["苍蝇蚊子多得很，娃娃都不敢开窗", "我们愿意交点钱，只要有人拉"],
      cause=["清运车辆班次少，{grp}在线路末端", "保洁员年龄大，工作不到位", "群众环保意识不强"],
      measure=["联系镇环卫所加派车辆", "和保洁员{name}约定每周清运{n}次", "在{place}立警示牌，发动{grp}群众监督"],
      resolved=["清运频次已调为每周{n}次，垃圾池已清理", "河坎上的垃圾已清除，{grp}订了门前三包公约"],
      explained=["清运线路由县里统一招标，短期无法增加班次，已安排村保洁员临时转运"],
      escalate=["镇环卫所", "县综合执法局"],
      progress=["镇环卫所答应调整线路", "警示牌已立"]),
    T(cat="environment", slug="gaice", tags=["厕所革命"],
      title=["{head}家改厕问题", "{grp}改厕补助", "{head}家厕所渗漏"],
      summary=["改厕后化粪池渗漏", "改厕补助没有到位", "旱厕改造施工拖延"],
      problem=["{head}家{year}年改的厕所，化粪池有渗漏，后院全是臭味", "{head}说改厕补助{money}元到现在没见到",
               "施工队{md}来挖了坑就走了，{n}天没再来"],
      quote=["改了还不如不改", "坑挖在那里，老人小孩都怕掉进去"],
      cause=["施工质量不过关，验收不严", "补助资金拨付流程长"],
      measure=["拍照发给镇规划建设办，请施工队返工", "查询补助发放台账，核实{head}家是否在名单上",
               "先用彩条布把坑围起来，防止有人掉下去"],
      resolved=["施工队已返工，化粪池重新做了防渗", "补助{money}元已打到一卡通"],
      explained=["该户改厕未通过验收，按规定需整改合格后才能拨付补助，已说明整改要求"],
      escalate=["镇规划建设办", "县农业农村局"],
      progress=["施工队答应{md}前返工", "补助名单已核实"]),
    T(cat="environment", slug="yangzhi", tags=["环境", "养殖"],
      title=["{grp}养殖污染问题", "{name}家养殖场污染", "{grp}养殖粪污问题", "{head}反映猪场臭味"],
      summary=["养殖场粪污直排，臭味大", "粪水流进灌溉渠", "养殖场离住户太近"],
      problem=["{name}家的猪场存栏{n2}头，粪水顺着沟流到{place}", "{head}说夏天根本不敢开窗",
               "灌溉渠里的水发黑，{grp}有{n}户的田受影响"],
      quote=["人家赚钱，我们闻臭", "不是不让他养，是要把粪污处理好"],
      cause=["粪污处理设施不配套", "养殖规模扩大后未办理环评"],
      measure=["到{name}家的猪场现场查看", "联系镇农业服务中心指导建设沼气池和干湿分离",
               "召集两边坐下来谈，约定整改时限"],
      resolved=["猪场已建成{area}立方米沼气池，粪污还田", "养殖户已减少存栏，臭味明显减轻"],
      explained=["养殖场手续齐全、排放达标，已解释并请养殖户加强日常管理"],
      escalate=["县生态环境局", "镇农业服务中心"],
      progress=["养殖户同意整改，{md}前建好沼气池", "镇农业服务中心已来指导"]),
    T(cat="other", slug="hukou", tags=["户籍证件"],
      title=["{head}家户口问题", "帮{head}补办身份证", "{kid}上户口"],
      summary=["孩子没上户口，影响入学", "身份证丢失需要补办", "户口信息有误"],
      problem=["{head}的孙子{kid}今年{kid_age}岁了，还没上户口", "{head}的身份证{md}赶场时丢了，取不了钱",
               "户口本上{head}的出生年份写错了，和社保对不上"],
      quote=["孩子马上要读书了，没户口不行", "为这事跑了好几趟派出所"],
      cause=["出生医学证明遗失", "早年登记错误"],
      measure=["帮{head}联系镇派出所户籍室", "陪{head}到县医院补办出生医学证明", "把补办所需材料清单写给{head}"],
      resolved=["户口已办好", "身份证已补办，{md}领到"],
      explained=["更正出生日期需要原始档案佐证，档案缺失无法更正，已说明并帮其申请社保信息核对"],
      escalate=["镇派出所", "县公安局户政科"],
      progress=["材料已交派出所", "出生证明已补办"]),
    T(cat="other", slug="fangxun", tags=["安全", "防汛"], urgent=True,
      title=["{head}家地质灾害隐患", "{place}山体滑坡隐患", "{head}家屋后边坡垮塌", "{grp}防汛隐患排查"],
      summary=["屋后边坡出现裂缝，有滑坡危险", "河堤冲毁，威胁{n}户房屋", "暴雨后道路塌方"],
      problem=["{md}连下了{n}天大雨，{head}家屋后的边坡裂了一条{m}米长的缝",
               "{place}的河堤冲毁了{m}米，离最近的房子只有{m2}米", "{grp}有{n}户住在坡脚"],
      quote=["晚上下雨都不敢睡", "再下一场雨，怕是要出事"],
      cause=["连续强降雨，土体饱和", "坡脚开挖建房，破坏了坡体"],
      measure=["当即组织{head}一家撤离到{name}家暂住", "拉警戒线，安排组长{name}每天巡查",
               "报告镇应急办，请地质灾害专业人员来查看"],
      resolved=["已完成边坡排危，{head}一家{md}搬回", "河堤已临时加固，隐患消除"],
      explained=["需整体搬迁，短期无法治理，已安置到过渡房，并说明搬迁政策"],
      escalate=["镇应急办", "县自然资源局", "县应急管理局"],
      progress=["专业人员已来看过，要做监测", "群众已转移，每天巡查"]),
    T(cat="other", slug="xiaofang", tags=["安全", "消防"], urgent=True,
      title=["{head}家火灾隐患", "{grp}消防安全检查", "{head}家电线私拉乱接"],
      summary=["厨房柴草堆放，电线私拉乱接", "独居老人用火用电不安全", "房屋间没有防火间距"],
      problem=["{head}家厨房灶台边堆了{n}捆柴草，电线就从上面拉过", "{head}一个人住，冬天用电热毯和烤火炉",
               "{grp}{n}户木房连在一起，通道只有{m}米宽"],
      quote=["用了几十年都没出过事", "知道危险，就是不知道怎么改"],
      cause=["安全意识薄弱", "房屋老旧，线路不规范"],
      measure=["当场帮{head}把柴草挪到屋外", "请电工{name}重新布线", "给{grp}每户发放灭火器并教会使用"],
      resolved=["线路已整改，柴草已清理", "已安装独立式烟感报警器"],
      explained=["木房整体改造需要较大资金，已纳入村里计划，期间加强巡查"],
      escalate=["镇应急办", "县消防救援大队"],
      progress=["电工已改了一半", "灭火器已配发"]),
]

GENERAL_TOPICS = [  # entries that raise no issue: meetings, visits, work notes
    T(cat="organization", slug="huiyi", title=["参加{meeting}", "{meeting}记录"],
      problem=["{md}{tod}在村委会召开{meeting}，到会{n2}人", "会上{role}{name}通报了{month}份的工作",
               "大家围绕{topic}讨论了{n}个多小时", "会议确定由{name}牵头，{md}前拿出方案"]),
    T(cat="economy", slug="chanye", title=["{grp}产业调研", "{crop}基地走访"],
      problem=["{grp}今年新发展{crop}{mu}亩，涉及{n}户", "{crop}基地负责人{name}说用工{n2}人，日工资{money}元",
               "基地今年预计产值{wan}万元", "{head}在基地务工，一个月能挣{money2}元"]),
    T(cat="livelihood", slug="zoufang", title=["走访{head}家", "{grp}入户走访"],
      problem=["{head}家近况总体平稳", "{head}说{crop}长势不错，今年打算多种{mu}亩",
               "{head}的孙子{kid}在{school}读{grade}，成绩排在班上前{n}名", "家里养了{herd}，准备年底出栏"]),
    T(cat="environment", slug="zhengzhi", title=["{grp}环境整治", "{place}院落整治"],
      problem=["组织{grp}群众{n2}人清理沟渠{m}米", "拆除{place}的旱厕和乱搭乱建{n}处",
               "{head}家主动把院坝打扫得干干净净", "评出{grp}“清洁庭院”{n}户，每户奖励{money}元的生活用品"]),
    T(cat="civility", slug="xuanjiang", title=["{grp}院坝宣讲", "{place}政策宣讲"],
      problem=["在{place}召开院坝会，宣讲{policy}", "到会群众{n2}人，现场提问{n}个", "{head}问到{policy}的申请条件",
               "会后发放宣传资料{n2}份"]),
]

DISEASES = ["叶斑病", "炭疽病", "根腐病", "溃疡病", "蚜虫危害", "红蜘蛛", "霜霉病", "白粉病", "病毒病"]
SHOPS = ["生鲜超市", "农贸市场门市", "餐饮公司", "电商服务站", "蔬菜配送中心", "酒店"]
PROJECTS = ["组道硬化工程", "村集体茶园项目", "蓄水池修建", "文化广场建设", "产业路建设", "路灯安装工程",
            "河道整治项目", "村级活动阵地改造", "高标准农田建设", "人饮工程"]
SKILLS = ["电焊", "叉车驾驶", "家政服务", "厨师", "电工", "电商直播", "挖掘机操作", "育婴", "果树修剪"]
PIPES = ["冻裂", "被挖断", "老化漏水", "接头松脱", "被压破"]
RELATIONS = ["儿子", "女儿", "老伴", "孙子", "弟弟", "妻子"]
DISABILITY = ["小时候患病落下腿疾", "双眼视力残疾", "智力残疾", "听力残疾", "肢体残疾"]
POLICIES = ["医保缴费政策", "小额信贷政策", "防返贫监测政策", "耕地保护政策", "雨露计划", "产业奖补政策",
            "临时救助政策", "森林防火规定", "秸秆禁烧规定", "养老保险政策", "低保政策", "危房改造政策"]
DISCUSS = ["明年的产业发展", "环境整治", "防汛准备", "医保收缴", "道路维护", "集体经济", "矛盾纠纷排查",
           "村规民约修订", "低保动态调整", "党员积分管理", "秋收秋种", "森林防火"]
FEEDBACK = ["{fd}上门告知{head}本人", "{fd}在{head}家当面反馈", "{fd}电话告知{head}", "{fd}电话告知{head}的家人{son}",
            "{fd}在院坝会上向{head}一家说明", "{fd}和{role}{name}一起上门告知", "{fd}通过村微信群告知，并上门说明",
            "{fd}入户回访时告知{head}"]
UPD_NOTE = ["{fd}回访，{progress}", "{fd}电话询问，{progress}", "{progress}，{head}表示理解", "{progress}"]

# ---------------------------------------------------------------------------------------------
# Body sentence pools (slotted); each returns one sentence without the final 。
# ---------------------------------------------------------------------------------------------

OPENING = [
    "{md}{tod}，{weather}，我和{comp}一起来到{grp}{head}家走访",
    "{tod}，{weather}，我骑摩托车走了{km}公里{road}，到{place}看望{head}一家",
    "今天是{md}，按照包户联系安排，我到{vil}{grp}走访{head}家",
    "{md}，{weather}，吃过早饭我约上{comp}，沿着{place}那条{road}去{head}家",
    "接到{comp}的电话后，我{tod}赶到{vil}{grp}{head}家",
    "{tod}，我在{vil}参加完{meeting}，顺路到{grp}{head}家坐了坐",
    "{md}{tod}，{head}专门到村委会找我，说有件事想请村里帮忙",
    "{weather}，{tod}我和{comp}到{grp}入户，第一家就是{head}家",
    "这周按计划走访{grp}，{md}{tod}来到{head}家",
    "{md}，我陪同{role2}{name}到{vil}调研，{tod}走进{grp}{head}家",
]
OPENING_GENERAL = [
    "{md}{tod}，{weather}",
    "今天是{md}，{weather}，{tod}我在{vil}",
    "{md}，我在{vil}{grp}",
]
ARRIVE = [
    "{head}正在院坝里{chore}，见我们来了，赶紧搬出{n}根板凳",
    "{head}家的狗叫了几声，{head}从屋里出来把我们迎进堂屋",
    "一进门，{head}就给我们每人倒了一碗{drink}",
    "{head}刚从{crop}地里回来，裤腿上还沾着泥",
    "到{head}家时，{head}和老伴{spouse}正在灶屋里{chore2}",
    "{head}家的院子收拾得干干净净，墙上贴着{kid}的{n}张奖状",
    "屋里光线有些暗，{head}说电费一个月{money3}块钱，舍不得多开灯",
    "{head}不在家，邻居{name}帮着打电话，{n}分钟后{head}从{place}赶了回来",
]
CHORES = ["剥玉米", "晒谷子", "劈柴", "喂猪", "摘菜", "编竹筐", "补渔网", "择豆子", "晒辣椒", "修锄头",
          "切猪草", "缝衣服", "晒被子", "磨刀"]
CHORES2 = ["烧火做饭", "煮猪食", "熏腊肉", "推豆腐", "洗碗", "包饺子"]
DRINKS = ["开水", "老鹰茶", "糖开水", "自家炒的茶", "米汤", "菊花茶"]
BACKGROUND = [
    "{head}今年{hage}岁，家里{members}口人",
    "老伴{spouse}患{illness}已经{n}年了，每个月吃药要{drugs}元左右",
    "儿子{son}在{city}{job}，一年回来{n}次",
    "儿媳在{city}{job}，孩子留给{head}带",
    "孙子{kid}{kid_school}",
    "家里种了{mu}亩{crop}，还养了{herd}",
    "去年{crop}卖了{money2}元，{animal_out}",
    "房子是{year}年修的{housetype}，{house_cond}",
    "{head}是{tag}，{tag_detail}",
    "女儿{dau}嫁到了{town2}，逢年过节才回来",
    "{head}年轻时在{city}打过{n}年工，后来{reason_back}回了老家",
    "一家人的主要收入靠{income}，一年下来{money2}元左右",
    "{head}说今年{crop}比去年少收了{pct}成",
]
REASON_BACK = ["腰受了伤", "父亲病重", "孩子要上学", "厂子倒闭", "年纪大了", "老伴身体不好"]
INCOMES = ["{crop}和外出务工", "务工收入", "{animal}养殖", "种{crop}", "低保和养老金", "打零工和种地"]
TAG_DETAIL = ["村里每个季度都要走访", "去年按政策享受了{n}项帮扶", "属于重点关注对象", "{md}刚做过动态监测",
              "帮扶责任人就是我", "帮扶措施去年落实了{n}项"]
QUOTE_WRAP = ["“{q}。”{head}{say}", "{head}{say}：“{q}。”", "“{q}，”{head}{say}，“{q2}。”"]
QUOTE_GENERIC = ["{name}书记上回来也说过这事", "我们也不想给政府添麻烦", "这几年日子是一年比一年好了",
                 "有你们常来看看，心里就踏实", "我岁数大了，就盼着儿女平安", "今年{crop}价钱要是好就好了",
                 "村里的路修好了，出门方便多了", "我们{grp}的事，就拜托你们了"]
CAUSE_WRAP = ["究其原因，{c}", "我分析，{c}", "从{head}家的情况看，{c}", "和{comp}交流后，我们认为{c}",
              "一是{c}；二是{c2}", "问题主要在两方面，一是{c}，二是{c2}"]
CAUSE_GENERIC = ["{grp}离村委会有{km}公里，消息传递慢", "群众对相关政策了解不多", "这件事拖了{n}个月，矛盾越积越深",
                 "村里可用的资金只有{wan}万元左右", "{head}家缺少劳动力，自己办不了", "前期沟通不够，群众有误解"]
MEASURE_WRAP = ["针对这一情况，我{m}", "我当场{m}", "下一步，我们打算{m}", "我和{comp}商量后决定，{m}",
                "回到村委会，我{m}", "我先{m}，再{m2}", "这周之内，要{m}"]
MEASURE_GENERIC = ["把情况在{md2}的村“两委”会上通报", "每隔{n}天回访一次，直到事情办完",
                   "把这件事登记进民情台账，明确责任人和时限", "向包村领导{name}汇报", "请{role}{name}协助跟进",
                   "把{head}的诉求整理成书面材料"]
FOLLOW_OPEN = [
    "{md}，我再次来到{head}家，了解{sum}的进展",
    "今天专门到{grp}回访{head}家{sum}的事",
    "{tod}，我和{comp}到{head}家回访，这是第{nth}次为这件事上门",
    "接着{prev_md}的走访，今天继续跟进{head}家{sum}的事",
    "{md}，{weather}，我到{grp}回访，重点看{head}家{sum}办得怎么样了",
]
FOLLOW_STATUS = {
    "in-progress": ["事情正在办，{progress}", "{progress}，但还没有最终结果", "目前{progress}，我请{head}再耐心等{n}天"],
    "escalated": ["这件事村里解决不了，我已经报到{esc}，等上面答复", "经村“两委”研究，决定上报{esc}",
                  "{md}我把书面材料送到{esc}，{name}答应尽快研究"],
    "resolved": ["现在{res}", "经过{n}次协调，{res}", "{res}，{head}专门打电话来说谢谢"],
    "explained": ["经过核实，{exp}", "这件事确实办不了，{exp}", "我把情况一五一十跟{head}讲了，{exp}"],
    "open": ["这件事又出现了反复，{head}说{reopen}", "{head}反映{reopen}，需要重新办理"],
}
REOPEN = ["问题又出现了", "上次处理后没多久又和以前一样了", "答应的事没有兑现", "{n}天前又坏了", "情况又变了"]
CLOSING_EXTRA = [
    "走的时候，{head}一直把我们送到{place}",
    "回去的路上，{comp}说{grp}像这样的情况还有{n}户",
    "我在民情日记本上把{head}家的情况记了{n}页",
    "{head}说下个月{kid}放假回来，让我到时候再来坐坐",
    "这次走访还顺带看了{name}和{name2}两家，情况都还平稳",
    "临走时看到{head}家院坝边的{crop}长得很好，估计能收{jin}斤",
    "{grp}今年已经有{n}户盖了新房，和{year}年我刚来时相比变化很大",
]

DETAIL = [
    "{head}从柜子里翻出{n}张单据给我看，最早的一张是{year}年的",
    "说到这里，{head}停了一会儿，半天没说话",
    "邻居{name}听说我们来了，也端着碗过来听",
    "老伴{spouse}在旁边插话，说{head}为这事{n}个晚上没睡好",
    "我把{head}说的一条条记在本子上，记了满满{n}页",
    "屋外{weather}，{head}家圈里的{animal}叫个不停",
    "{head}的手机里存着{n2}张照片，都是{md3}以后拍的",
    "{head}给我算了一笔账，一年光这一项就要多花{money}元",
    "旁边的{name}说，{grp}像{head}家这种情况不止一户",
    "{head}说这件事已经跟{role}{name}提过{n}次",
    "我问{head}有什么打算，{head}想了想说先听村里的安排",
    "{head}专门把邻居{name}叫来作证，两人说的情况基本一致",
    "为了弄清楚情况，我又到隔壁{name}家问了问",
    "{head}指着{place}方向说，问题就出在那一段",
    "谈话中{head}几次提到{month2}的那场{disaster}",
    "{head}的儿子{son}从{city}打视频电话回来，也说了几句",
    "{comp}在一旁补充，说{md3}村里已经登记过这件事",
    "看得出来，{head}对这件事憋了{n}个多月的气",
]
ASIDE = [
    "从{head}家出来，我又去了{name}家，{aside}",
    "回来的路上碰到{grp}的{name}，{aside}",
    "路过{place}时，看到{n}个村民正在{farm_work}，{crop}长势还不错",
    "在村委会门口遇到{role}{name}，顺便商量了{topic}的事",
    "下午还去了{grp}的{name}家，{aside}",
    "{grp}组长{name}打来电话，说{place}那边{farm_work}需要人手",
    "晚上在村委会整理台账，{grp}本月走访了{n2}户，登记诉求{n}件",
]
ASIDES = ["老两口身体还好，{crop}收了{jin}斤", "他家{kid}{kid_school}，成绩不错", "问了问{crop}的行情，说每斤{price}元",
          "他说{place}的路灯坏了{n}盏，我记了下来", "他家新买了一台{machine}，准备把{mu}亩地都种上{crop}",
          "他想问问{policy}的事，我答应下次带资料来", "他的{illness}好些了，已经能下地干活"]
POLICY_TALK = [
    "我把{policy}给{head}详细讲了一遍，{head}说以前只听说过没弄明白",
    "临走给{head}留了村委会的值班电话和我的微信，{head}让{kid}存进了手机",
    "顺便核实了{head}家{members}口人的信息和收入情况，和台账上的一致",
    "给{head}家发了一份{policy}的明白卡，{head}把它贴在了堂屋墙上",
    "我跟{head}讲，有事直接到村委会找{role}{name}或者找我",
    "我提醒{head}，{month3}开始收缴下一年度的医保，{members}口人都要记得交",
    "{head}问起{policy}，我把申请条件和要带的材料一条条讲清楚",
]
NEXT = ["计划{md2}再来一趟，看看落实情况", "把{head}家列入{month3}的重点回访名单", "{md2}前后再打电话问一问进展",
        "把今天走访的{n}户情况整理好，报镇上备案", "下次来的时候把{policy}的资料带上",
        "请{comp}这几天多留意{head}家的情况，有变化及时告诉我"]
FARM_WORK = ["插秧", "收玉米", "挖土豆", "摘茶叶", "打药", "犁地", "割油菜", "晒谷子", "栽红薯", "修剪果树", "除草", "施肥"]
DISASTERS = ["暴雨", "冰雹", "干旱", "倒春寒", "洪水", "大风", "连阴雨"]
MACHINES = ["微耕机", "旋耕机", "收割机", "三轮车", "抽水机", "打药机", "烘干机"]
HERDS = {"猪": (2, 40, "头"), "牛": (1, 12, "头"), "羊": (5, 60, "只"), "鸡": (10, 300, "只"), "鸭": (10, 200, "只"),
         "鹅": (5, 80, "只"), "兔": (10, 150, "只"), "蜜蜂": (3, 90, "箱"), "黄牛": (1, 15, "头"), "山羊": (4, 80, "只"),
         "肉兔": (20, 300, "只"), "土鸡": (20, 500, "只")}
KID_SCHOOL = [(3, 5, ["镇幼儿园", "村幼儿园"], ["小班", "中班", "大班"]),
              (6, 11, ["镇中心小学", "村小", "县实验小学"], ["一年级", "二年级", "三年级", "四年级", "五年级", "六年级"]),
              (12, 14, ["镇初中", "县二中"], ["初一", "初二", "初三"]),
              (15, 17, ["县一中", "县职业中学", "县二中"], ["高一", "高二", "高三"])]


def kid_school(r: Random) -> str:
    age = r.randint(3, 17)
    for lo, hi, schools, grades in KID_SCHOOL:
        if lo <= age <= hi:
            grade = grades[min(len(grades) - 1, (age - lo) * len(grades) // (hi - lo + 1))]
            return f"今年{age}岁，在{r.choice(schools)}读{grade}"
    return f"今年{age}岁"


def herd_text(r: Random, form: str) -> str:
    """A number of animals with the right counting word: 12头猪, 300只土鸡, 40箱蜜蜂."""
    animal = r.choice(ANIMALS)
    lo, hi, unit = HERDS[animal]
    return form.format(animal=animal, n=r.randint(lo, hi), unit=unit)


# ---------------------------------------------------------------------------------------------
# Templates: compiled once into (literal, slot) pairs; slots are functions of the Ctx.
# ---------------------------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")


def compile_tpl(text: str) -> tuple:
    parts = _SLOT.split(text)
    out = []
    for i in range(0, len(parts), 2):
        lit = parts[i]
        name = parts[i + 1] if i + 1 < len(parts) else None
        out.append((lit, name))
    return tuple(out)


_COMPILED: dict[str, tuple] = {}


def tpl(text: str) -> tuple:
    c = _COMPILED.get(text)
    if c is None:
        c = _COMPILED[text] = compile_tpl(text)
    return c


def cn_num(n: int) -> str:
    if n <= 10:
        return CN_NUM[n]
    if n < 20:
        return "十" + (CN_NUM[n - 10] if n > 10 else "")
    if n < 100:
        return CN_NUM[n // 10] + "十" + (CN_NUM[n % 10] if n % 10 else "")
    return str(n)


@dataclass
class Household:
    id: str
    head: str
    female: bool
    village: int
    group: str
    members: int
    age: int
    spouse: str | None
    son: str
    daughter: str
    kid: str
    tags: list[str]
    causes: list[str]
    phone: str | None
    cadre: str | None
    crops: list[str]


@dataclass
class Cadre:
    name: str
    email: str
    role: str
    village: int
    start: dt.date | None = None
    end: dt.date | None = None
    leave: list[tuple[dt.date, dt.date, str]] = field(default_factory=list)

    def active(self, d: dt.date) -> bool:
        if self.start and d < self.start or self.end and d > self.end:
            return False
        return not any(a <= d <= b for a, b, _ in self.leave)


@dataclass
class Issue:
    id: str
    village: int
    raised: dt.date
    author: str
    households: list[str]
    topic: dict
    summary: str
    status: str
    stem: str
    updates: int = 0
    last: dt.date | None = None
    closed_at: dt.date | None = None
    reopened: int = 0


class Ctx:
    """What the slots of one entry's body draw on."""

    __slots__ = ("cadre", "comp", "crop", "date", "esc", "fd", "gen", "hh", "issue",
                 "md_cache", "nth", "r", "topic", "town", "village", "vname")

    def __init__(self, r: Random, gen: Generator, date: dt.date, hh: Household | None, village: int,
                 cadre: Cadre) -> None:
        self.r = r
        self.gen = gen
        self.date = date
        self.hh = hh
        self.village = village
        self.vname = gen.villages[village]
        self.cadre = cadre
        self.comp = None
        self.topic = None
        self.crop = r.choice(hh.crops) if hh else r.choice(CROPS)
        self.issue = None
        self.town = gen.town_of(village)
        self.md_cache = None
        self.esc = ""
        self.nth = 2
        self.fd = None


def _name(r: Random, female: bool | None = None) -> str:
    s = r.choices(SURNAMES, SURNAME_WEIGHTS)[0][0]
    if female is None:
        female = r.random() < 0.45
    pool = GIVEN_F if female else GIVEN_M
    if r.random() < 0.18:
        return s + r.choice(pool)[0]
    return s + r.choice(pool)[0] + r.choice(pool)[0]


def _given(r: Random, female: bool | None) -> str:
    if female is None:
        female = r.random() < 0.45
    pool = GIVEN_F if female else GIVEN_M
    return r.choice(pool)[0] + (r.choice(pool)[0] if r.random() < 0.8 else "")


def _md(d: dt.date) -> str:
    return f"{d.month}月{d.day}日"


def _rel_date(c: Ctx, lo: int, hi: int) -> str:
    d = c.date + dt.timedelta(days=c.r.randint(lo, hi))
    if d.year != YEAR:
        d = c.date
    return _md(d)


def _num(c: Ctx, lo: int, hi: int) -> str:
    n = c.r.randint(lo, hi)
    return cn_num(n) if n <= 20 and c.r.random() < 0.5 else str(n)


SLOTS = {
    "head": lambda c: c.hh.head if c.hh else _name(c.r),
    "spouse": lambda c: (c.hh.spouse if c.hh and c.hh.spouse else _name(c.r, True)),
    "son": lambda c: c.hh.son if c.hh else _name(c.r, False),
    "dau": lambda c: c.hh.daughter if c.hh else _name(c.r, True),
    "kid": lambda c: c.hh.kid if c.hh else _name(c.r),
    "name": lambda c: _name(c.r),
    "name2": lambda c: _name(c.r),
    "comp": lambda c: c.comp or (c.r.choice(COMPANY) + _name(c.r)),
    "role": lambda c: c.r.choice(ROLES),
    "role2": lambda c: c.r.choice(["镇党委副书记", "镇长", "包村领导", "县乡村振兴局副局长", "镇人大主席", "镇纪委书记"]),
    "vil": lambda c: c.vname,
    "town": lambda c: c.town,
    "town2": lambda c: c.r.choice(["邻村", "镇上", "县城", "隔壁乡", c.gen.villages[c.r.randrange(len(c.gen.villages))]]),
    "grp": lambda c: c.hh.group if c.hh and c.r.random() < 0.8 else f"{cn_num(c.r.randint(1, 14))}组",
    "place": lambda c: c.gen.place(c.r),
    "md": lambda c: c.md_cache or _md(c.date),
    "md2": lambda c: _rel_date(c, 2, 20),
    "prev_md": lambda c: _rel_date(c, -30, -3),
    "fd": lambda c: c.fd or _md(c.date),
    "month": lambda c: f"{max(1, c.date.month - 1)}月",
    "tod": lambda c: c.r.choice(TIMES),
    "weather": lambda c: c.r.choice(WEATHER),
    "road": lambda c: c.r.choice(ROADS),
    "km": lambda c: (str(c.r.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 15])) if c.r.random() < 0.7
                     else f"{c.r.randint(1, 9)}.{c.r.randint(1, 9)}"),
    "n": lambda c: _num(c, 2, 9),
    "n2": lambda c: _num(c, 3, 60),
    "n3": lambda c: str(c.r.randint(180, 2600)),
    "n4": lambda c: str(c.r.randint(600, 9000)),
    "nth": lambda c: cn_num(c.nth),
    "alt": lambda c: str(c.r.randint(4, 19) * 100),
    "age": lambda c: str(c.r.randint(52, 91)),
    "kid_age": lambda c: str(c.r.randint(4, 17)),
    "members": lambda c: cn_num(c.hh.members) if c.hh else cn_num(c.r.randint(1, 7)),
    "mu": lambda c: (c.r.choice(["一", "两", "三", "四", "五", "半", "一亩多", "三分"]) if c.r.random() < 0.3
                     else f"{c.r.randint(1, 30)}.{c.r.randint(1, 9)}"),
    "jin": lambda c: str(c.r.randint(3, 400) * 10),
    "price": lambda c: f"{c.r.randint(0, 9)}.{c.r.randint(1, 9)}",
    "money": lambda c: str(c.r.randint(12, 990) * 10),
    "money2": lambda c: str(c.r.randint(15, 600) * 100),
    "money3": lambda c: str(c.r.randint(11, 99)),
    "wan": lambda c: str(c.r.randint(1, 30)) if c.r.random() < 0.7 else f"{c.r.randint(1, 30)}.{c.r.randint(1, 9)}",
    "pct": lambda c: cn_num(c.r.randint(2, 8)),
    "year": lambda c: str(c.r.randint(1978, 2019)),
    "m": lambda c: str(c.r.randint(2, 380)),
    "m2": lambda c: str(c.r.randint(3, 60)),
    "cm": lambda c: str(c.r.randint(2, 40)),
    "area": lambda c: str(c.r.randint(2, 60) * 10),
    "clock": lambda c: cn_num(c.r.randint(4, 10)),
    "crop": lambda c: c.crop,
    "crop2": lambda c: c.r.choice(CROPS),
    "animal": lambda c: c.r.choice(ANIMALS),
    "unit": lambda c: c.r.choice(["头", "只", "口"]),
    "city": lambda c: c.r.choice(CITIES),
    "job": lambda c: c.r.choice(JOBS),
    "job2": lambda c: c.r.choice(JOBS),
    "illness": lambda c: c.r.choice(ILLNESS),
    "housetype": lambda c: c.r.choice(HOUSES),
    "house_cond": lambda c: c.r.choice(HOUSE_STATE),
    "school": lambda c: c.r.choice(SCHOOLS),
    "grade": lambda c: c.r.choice(GRADES),
    "meeting": lambda c: c.r.choice(MEETINGS),
    "tag": lambda c: c.r.choice(c.hh.tags) if c.hh and c.hh.tags else c.r.choice(TAGS_HH),
    "tag_detail": lambda c: fill(c.r.choice(TAG_DETAIL), c),
    "chore": lambda c: c.r.choice(CHORES),
    "chore2": lambda c: c.r.choice(CHORES2),
    "drink": lambda c: c.r.choice(DRINKS),
    "say": lambda c: c.r.choice(SAY),
    "reason_back": lambda c: c.r.choice(REASON_BACK),
    "income": lambda c: fill(c.r.choice(INCOMES), c),
    "disease": lambda c: c.r.choice(DISEASES),
    "shop": lambda c: c.r.choice(SHOPS),
    "project": lambda c: c.r.choice(PROJECTS),
    "skill": lambda c: c.r.choice(SKILLS),
    "pipe": lambda c: c.r.choice(PIPES),
    "relation": lambda c: c.r.choice(RELATIONS),
    "disability": lambda c: c.r.choice(DISABILITY),
    "policy": lambda c: c.r.choice(POLICIES),
    "topic": lambda c: c.r.choice(DISCUSS),
    "dept": lambda c: c.r.choice(DEPTS),
    "esc": lambda c: c.esc or c.r.choice(DEPTS),
    "sum": lambda c: short_summary(c),
    "tail": lambda c: fill(c.r.choice(REFLECT_TAIL), c),
    "progress": lambda c: fill(c.r.choice(c.topic["progress"]), c) if c.topic and "progress" in c.topic else "正在协调",
    "res": lambda c: fill(c.r.choice(c.topic["resolved"]), c),
    "exp": lambda c: fill(c.r.choice(c.topic["explained"]), c),
    "reopen": lambda c: fill(c.r.choice(REOPEN), c),
    "herd": lambda c: herd_text(c.r, "{n}{unit}{animal}"),
    "animal_out": lambda c: herd_text(c.r, "{animal}出栏{n}{unit}"),
    "hage": lambda c: str(c.hh.age) if c.hh else str(c.r.randint(40, 85)),
    "kid_school": lambda c: kid_school(c.r),
    "md3": lambda c: _rel_date(c, -60, -5),
    "month2": lambda c: f"{c.r.randint(1, 12)}月" if c.r.random() < 0.5 else "去年" + c.r.choice("春夏秋冬") + "天",
    "month3": lambda c: f"{min(12, c.date.month + 1)}月",
    "disaster": lambda c: c.r.choice(DISASTERS),
    "farm_work": lambda c: c.r.choice(FARM_WORK),
    "machine": lambda c: c.r.choice(MACHINES),
    "aside": lambda c: fill(c.r.choice(ASIDES), c),
    "bill": lambda c: bill(c.r),
    "drugs": lambda c: str(c.r.randint(8, 150) * 10),
}


def bill(r: Random) -> str:
    total = r.randint(30, 900) * 100
    own = int(total * r.uniform(0.08, 0.45)) // 10 * 10
    return f"总费用{total}元，报销后自付{own}元"


def fill(text: str, c: Ctx) -> str:
    out = []
    for lit, name in tpl(text):
        out.append(lit)
        if name is not None:
            out.append(SLOTS[name](c))
    return "".join(out)


def short_summary(c: Ctx) -> str:
    """A few words naming the matter of the current issue, for follow-up narratives."""
    t = c.topic
    if t is None:
        return "反映问题"
    return {"zhixiao": "卖{crop}", "jishu": "{crop}技术指导", "daikuan": "贷款", "jiuye": "就业",
            "dibao": "低保", "cunwu": "村务公开", "liuzhuan": "土地流转租金", "zhaijidi": "宅基地纠纷",
            "paishui": "排水", "shanyang": "老人赡养", "gongzi": "讨薪", "yinshui": "吃水",
            "weifang": "房屋安全", "yibao": "医保报销", "yanglao": "养老金", "canji": "残疾人补贴",
            "ruxue": "孩子上学", "daolu": "修路", "yongdian": "用电", "dangyuan": "党员管理",
            "zuofeng": "干部作风", "yifeng": "移风易俗", "wenhua": "活动场地", "laji": "垃圾清运",
            "gaice": "改厕", "yangzhi": "养殖污染", "hukou": "户口", "fangxun": "边坡隐患",
            "xiaofang": "消防隐患"}.get(t["slug"], "反映问题").replace("{crop}", c.crop)


# ---------------------------------------------------------------------------------------------
# YAML writing by hand
# ---------------------------------------------------------------------------------------------

_PLAIN_OK = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9][^\n\"'#:\[\]{},&*!|>%@`]*$")
_YAML_SPECIAL = re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|"
                           r"null|Null|NULL|~|[-+]?[0-9][0-9_.:eE+-]*)$")


def yq(value: str) -> str:
    """A YAML scalar for text: plain when that reads back as the same text, else double-quoted."""
    if value and _PLAIN_OK.match(value) and not _YAML_SPECIAL.match(value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def ylist(values: list[str]) -> str:
    return "[" + ", ".join(yq(v) for v in values) + "]"


ZH = {"date": "日期", "author": "记录人", "village": "村", "households": "农户", "category": "类别", "title": "标题",
      "urgent": "紧急", "issues": "诉求", "updates": "跟踪", "tags": "标签", "id": "编号", "summary": "摘要",
      "status": "状态", "due": "期限", "escalated_to": "上报", "result": "结果", "feedback": "反馈",
      "satisfaction": "满意度", "issue": "问题", "note": "进展", "head": "户主", "group": "村民小组",
      "members": "人口", "phone": "电话", "cadre": "联系干部", "causes": "致贫原因"}
CATEGORY_ZH = {"economy": "农村经济发展", "organization": "村级组织建设", "democracy": "村务民主管理",
               "disputes": "农村矛盾纠纷", "livelihood": "群众关注的热点难点", "civility": "精神文明建设",
               "environment": "村容村貌整治", "other": "其他"}
STATUS_ZH = {"open": "待办", "in-progress": "办理中", "escalated": "已上报", "resolved": "已解决", "explained": "已解释"}


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------


class Generator:
    def __init__(self, size: str, households: int, entries: int, seed: int) -> None:
        spec = SIZES[size]
        self.size = size
        self.n_villages = spec["villages"]
        self.n_households = households
        self.n_entries = entries
        self.n_cadres = spec["cadres"]
        self.seed = seed
        self.r = Random(f"minqing-county-{seed}")
        self.villages: list[str] = []
        self.vcodes: list[str] = []
        self.cadres: list[Cadre] = []
        self.households: list[Household] = []
        self.by_village: list[list[Household]] = []
        self.cadres_by_village: list[list[Cadre]] = []
        self.places: list[list[str]] = []
        self.towns: list[str] = []

    # -- world ---------------------------------------------------------------------------------

    def town_of(self, village: int) -> str:
        return self.towns[village % len(self.towns)]

    def place(self, r: Random) -> str:
        s = r.choices(SURNAMES, SURNAME_WEIGHTS)[0][0]
        k = r.random()
        if k < 0.45:
            return s + r.choice(["家湾", "家沟", "家坪", "家坝", "家岭", "家院子", "家寨", "家嘴", "家梁"])
        if k < 0.8:
            return r.choice("上下大小老新前后") + r.choice(["河坝", "沟", "坡", "塘", "湾", "垭口", "坪", "石桥", "林盘", "堰塘"])
        return r.choice(["水井湾", "学校旁边", "村道转角", "老村小", "桥头", "河边", "大榕树下", "晒坝", "磨房沟", "竹林盘"])

    def make_world(self) -> None:
        r = self.r
        seen_names: set[str] = set()
        seen_codes: set[str] = set()
        while len(self.villages) < self.n_villages:
            a, b = r.choice(VILLAGE_A), r.choice(VILLAGE_B)
            name = a[0] + b[0] + "村"
            if name in seen_names or a[0] == b[0]:
                continue
            if not self.villages:  # the first village is the one of the README
                a, b, name = ("群", "qun"), ("安", "an"), "群安村"
                if name in seen_names:
                    continue
            seen_names.add(name)
            code = a[1][0] + b[1][0]
            base, k = code, 2
            while code in seen_codes:
                code = f"{base}{k}"
                k += 1
            seen_codes.add(code)
            self.villages.append(name)
            self.vcodes.append(code)
        self.towns = [TOWNSHIP_NAME] if self.n_villages <= 10 else [
            TOWNSHIP_NAME, "青溪镇", "石门乡", "龙泉镇", "安平镇", "白沙乡", "金桥镇", "太和镇", "东岳乡", "双河镇",
            "高峰乡", "新场镇"]
        # cadres: home villages round robin; emails from pinyin
        emails: set[str] = set()
        names: set[str] = set()
        for i in range(self.n_cadres):
            while True:
                female = r.random() < 0.4
                s = r.choices(SURNAMES, SURNAME_WEIGHTS)[0]
                pool = GIVEN_F if female else GIVEN_M
                g = [r.choice(pool)] if r.random() < 0.3 else [r.choice(pool), r.choice(pool)]
                name = s[0] + "".join(x[0] for x in g)
                if name not in names:
                    break
            names.add(name)
            local = s[1] + "".join(x[1] for x in g)
            email, k = local, 2
            while email in emails:
                email = f"{local}{k}"
                k += 1
            emails.add(email)
            domain = "qiquan.gov.example" if self.n_villages <= 10 else "qingxi.gov.example"
            role = CADRE_ROLES[i % len(CADRE_ROLES)] if i else "镇干部"
            self.cadres.append(Cadre(name, f"{email}@{domain}", role, i % self.n_villages))
        # a few cadres join late, leave early, or take leave
        n = self.n_cadres
        specials = r.sample(range(1, n), min(n - 1, max(3, n // 12)))
        for j, i in enumerate(specials):
            c = self.cadres[i]
            kind = j % 3
            if kind == 0:
                c.start = dt.date(YEAR, 1, 1) + dt.timedelta(days=r.randint(30, 200))
            elif kind == 1:
                c.end = dt.date(YEAR, 1, 1) + dt.timedelta(days=r.randint(200, 330))
            for _ in range(1 if kind == 2 else r.randint(0, 1)):
                start = dt.date(YEAR, 1, 1) + dt.timedelta(days=r.randint(20, 330))
                length = r.choice([3, 5, 7, 10, 14, 21])
                c.leave.append((start, start + dt.timedelta(days=length - 1), r.choice(LEAVE_REASONS)))
        # make sure a village never loses all of its cadres: a village with one cadre keeps him all year
        by_village: list[list[Cadre]] = [[] for _ in range(self.n_villages)]
        for c in self.cadres:
            by_village[c.village].append(c)
        for cs in by_village:
            if len(cs) == 1:
                cs[0].start = cs[0].end = None
        self.cadres_by_village = by_village
        self.village_facts = []
        for name in self.villages:
            hh, people = r.randint(260, 1900), 0
            people = int(hh * r.uniform(2.8, 3.9))
            land, km = r.randint(900, 7000), r.randint(2, 35)
            self.village_facts.append([
                f"{name}共有{hh}户{people}人，常年在外务工的有{int(people * r.uniform(0.25, 0.45))}人",
                f"{name}距镇上{km}公里，海拔{r.randint(4, 19) * 100}米左右",
                f"{name}有耕地{land}亩，人均{land / people:.1f}亩左右",
                f"今年{name}村集体经济收入预计{r.randint(5, 80)}万元",
                "{grp}常住的只有{n2}户，大多是老人和孩子",
                f"{name}下辖{r.randint(6, 16)}个村民小组，" + "{grp}在最远的山上",
            ])
        # households
        weights = [r.uniform(0.6, 1.4) for _ in range(self.n_villages)]
        total = sum(weights)
        counts = [max(1, int(self.n_households * w / total)) for w in weights]
        counts[0] += self.n_households - sum(counts)
        heads_seen: set[str] = set()
        for v, count in enumerate(counts):
            vh = []
            for k in range(1, count + 1):
                female = r.random() < 0.22
                head = _name(r, female)
                while head in heads_seen and r.random() < 0.9:  # a few namesakes, as in life
                    head = _name(r, female)
                heads_seen.add(head)
                age = r.randint(28, 92)
                members = r.choices([1, 2, 3, 4, 5, 6, 7], [8, 18, 20, 24, 16, 9, 5])[0]
                tags = []
                if r.random() < 0.55:
                    tags = r.sample(TAGS_HH, r.choice([1, 1, 1, 2, 2, 3]))
                causes = r.sample(CAUSES, r.choice([1, 1, 2])) if "建档立卡贫困户" in tags or "监测户" in tags else []
                phone = None
                if r.random() < 0.6:
                    phone = f"1{r.choice('3578')}{r.randint(0, 9)}{r.randint(10000000, 99999999)}"
                cadres = by_village[v]
                spouse = _name(r, not female) if members > 1 and r.random() < 0.8 else None
                family = spouse[0] if female and spouse else head[0]  # children take the father's surname
                hh = Household(
                    id=f"{self.vcodes[v]}-{k:03d}", head=head, female=female, village=v,
                    group=f"{cn_num(r.randint(1, 14))}组" if r.random() < 0.7 else f"{r.randint(1, 14)}组",
                    members=members, age=age, spouse=spouse,
                    son=family + _given(r, False), daughter=family + _given(r, True), kid=family + _given(r, None),
                    tags=tags, causes=causes, phone=phone,
                    cadre=r.choice(cadres).name if cadres and r.random() < 0.85 else None,
                    crops=r.sample(CROPS, 3),
                )
                vh.append(hh)
                self.households.append(hh)
            self.by_village.append(vh)

    # -- schedule --------------------------------------------------------------------------------

    def schedule(self) -> list[tuple[dt.date, int]]:
        """(date, cadre index) of every entry: about one a week per cadre, topped up to the total."""
        r = self.r
        jan1 = dt.date(YEAR, 1, 1)  # a Monday: 2024-W01 starts here
        weeks = []
        for ci, c in enumerate(self.cadres):
            for w in range(53):
                monday = jan1 + dt.timedelta(weeks=w)
                days = [monday + dt.timedelta(days=k) for k in range(7)]
                days = [d for d in days if d.year == YEAR and c.active(d)]
                if not days:
                    continue
                if w + 1 == EXEMPT_WEEK and r.random() < 0.8:  # Spring Festival: most write nothing
                    continue
                if r.random() < 0.04:  # a missed week
                    continue
                weeks.append((ci, days))
        r.shuffle(weeks)
        if self.n_entries < len(weeks):
            weeks = weeks[: self.n_entries]
        per = [1] * len(weeks)
        for i in r.choices(range(len(weeks)), k=self.n_entries - len(weeks)) if weeks else []:
            per[i] += 1
        out = []
        for (ci, days), k in zip(weeks, per, strict=True):
            wts = [1.0 if d.weekday() < 5 else (0.35 if d.weekday() == 5 else 0.15) for d in days]
            for d in r.choices(days, wts, k=k):
                out.append((d, ci))
        out.sort(key=lambda x: (x[0], x[1]))
        return out

    # -- entries ---------------------------------------------------------------------------------

    def generate(self, out: str) -> dict:
        t0 = time.perf_counter()
        self.make_world()
        os.makedirs(os.path.join(out, "households"), exist_ok=True)
        with open(os.path.join(out, "minqing.yaml"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(self.config_text())
        hh_rng = Random(f"households-{self.seed}")
        for hh in self.households:
            with open(os.path.join(out, "households", hh.id + ".md"), "w", encoding="utf-8", newline="\n") as fh:
                fh.write(self.household_text(hh, hh_rng))
        sched = self.schedule()
        r = Random(f"entries-{self.seed}")
        self.pending: list[list[Issue]] = [[] for _ in range(self.n_villages)]
        self.closed: list[list[Issue]] = [[] for _ in range(self.n_villages)]
        self.issue_seq = [0] * self.n_villages
        stems: set[str] = set()
        made_dirs: set[str] = set()
        commits = []
        stats = {"entries": 0, "issues": 0, "updates": 0, "reopened": 0, "english": 0,
                 "status_raised": {}, "status_updates": {}}
        today = [""]

        def reserve(slug: str) -> str:
            stem = f"{today[0]}-{slug}"
            base, k = stem, 2
            while stem in stems:
                stem = f"{base}-{k}"
                k += 1
            stems.add(stem)
            return stem

        for date, ci in sched:
            cadre = self.cadres[ci]
            today[0] = date.isoformat()
            text, stem, title = self.entry_text(r, date, cadre, stats, reserve)
            folder = f"entries/{date.year:04d}/{date.month:02d}"
            if folder not in made_dirs:
                os.makedirs(os.path.join(out, folder), exist_ok=True)
                made_dirs.add(folder)
            rel = f"{folder}/{stem}.md"
            with open(os.path.join(out, rel), "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            commits.append((date, ci, rel, title))
            stats["entries"] += 1
        stats["households"] = len(self.households)
        stats["seconds"] = round(time.perf_counter() - t0, 2)
        self.commits = commits
        return stats

    def config_text(self) -> str:
        many = self.n_villages > 10
        lines = [
            "# 民情日记仓库配置（由 scripts/make_county.py 生成）",
            f"name: {COUNTY_NAME + '民情日记' if many else TOWNSHIP_NAME + '民情日记'}",
            f"township: {COUNTY_NAME if many else TOWNSHIP_NAME}",
            "villages:",
        ]
        lines += [f"  - {v}" for v in self.villages]
        lines.append("cadres:")
        for c in self.cadres:
            lines.append(f"  - name: {c.name}")
            lines.append(f"    role: {c.role}")
            lines.append(f"    email: {c.email}")
            if c.start:
                lines.append(f"    start: {c.start.isoformat()}")
            if c.end:
                lines.append(f"    end: {c.end.isoformat()}")
            if c.leave:
                lines.append("    leave:")
                for a, b, why in c.leave:
                    lines.append(f"      - {{from: {a.isoformat()}, to: {b.isoformat()}, reason: {why}}}")
        lines += [
            "quota:",
            "  per_week: 1",
            "  grace_days: 7",
            f"  exempt_weeks: [{YEAR}-W{EXEMPT_WEEK:02d}]    # 春节",
            "deadlines:",
            "  normal_days: 30",
            "  urgent_days: 3",
            "  by_category:",
            "    disputes: 15",
            "    livelihood: 20",
            "  working_days: false",
            "min_body_chars: 50",
        ]
        return "\n".join(lines) + "\n"

    def household_text(self, hh: Household, r: Random) -> str:
        en = r.random() < ENGLISH_SHARE
        k = (lambda key: key) if en else (lambda key: ZH[key])
        fm = ["---", f"{k('id')}: {hh.id}", f"{k('head')}: {yq(hh.head)}"]
        if self.n_villages > 1 or r.random() < 0.5:
            fm.append(f"{k('village')}: {yq(self.villages[hh.village])}")
        fm.append(f"{k('group')}: {yq(hh.group)}")
        fm.append(f"{k('members')}: {hh.members}")
        if hh.phone:
            fm.append(f"{k('phone')}: {hh.phone}" if r.random() < 0.7 else f"{k('phone')}: \"{hh.phone}\"")
        if hh.cadre:
            fm.append(f"{k('cadre')}: {yq(hh.cadre)}")
        if hh.tags or r.random() < 0.5:
            fm.append(f"{k('tags')}: {ylist(hh.tags)}")
        if hh.causes:
            fm.append(f"{k('causes')}: {ylist(hh.causes)}")
        fm.append("---")
        c = Ctx(r, self, dt.date(YEAR, 1, 1), hh, hh.village, self.cadres[0])
        situation = [f"{hh.head}，{hh.age}岁，{hh.group}村民，家里{cn_num(hh.members)}口人"]
        for t in r.sample(BACKGROUND[1:], r.randint(2, 5)):
            situation.append(fill(t, c))
        if hh.tags:
            situation.append(f"属于{'、'.join(hh.tags)}" + fill("，{tag_detail}", c))
        if hh.causes:
            situation.append(f"致贫原因主要是{'、'.join(hh.causes)}")
        plan = []
        for t in r.sample(MEASURE_GENERIC + [
                "帮助{head}家发展{crop}{mu}亩，争取产业奖补{money}元",
                "推荐{son}参加{skill}培训，争取在{city}稳定就业",
                "落实医保参保和家庭医生签约，每季度随访一次",
                "协调{dept}解决{head}家{sum2}的问题",
                "每月至少入户一次，了解{head}家生产生活情况"], r.randint(2, 4)):
            plan.append("- " + fill(t.replace("{sum2}", r.choice(["饮水", "住房", "就医", "孩子上学", "产业发展"])), c))
        body = ["", "## 家庭情况", "", "，".join(situation) + "。", "", "## 帮扶计划", "", *plan, ""]
        return "\n".join(fm + body)

    # -- one entry -------------------------------------------------------------------------------

    def entry_text(self, r: Random, date: dt.date, cadre: Cadre, stats: dict,
                   reserve) -> tuple[str, str, str]:
        """One entry's text, its stem (reserved through `reserve(slug)`) and title."""
        v = cadre.village
        vh = self.by_village[v]
        en = r.random() < ENGLISH_SHARE
        # follow-ups: issues raised before today in this village, not touched for a few days
        pending = self.pending[v]
        updates: list[tuple[Issue, str]] = []
        if pending and r.random() < 0.42:
            cands = [i for i in pending[-200:] if i.raised < date and (i.last is None or (date - i.last).days >= 4)]
            mine = [i for i in cands if i.author == cadre.name]
            pool = mine if mine and r.random() < 0.7 else cands
            if pool:
                first = r.choice(pool)
                chosen = [first]
                if r.random() < 0.15:
                    same = [i for i in pool if i is not first and i.households == first.households]
                    if same:
                        chosen.append(r.choice(same))
                for iss in chosen:
                    updates.append((iss, self.next_status(r, iss.status)))
        if not updates and self.closed[v] and r.random() < 0.03:
            cands = [i for i in self.closed[v][-100:] if i.closed_at and i.closed_at < date and not i.reopened]
            if cands:
                iss = r.choice(cands)
                updates.append((iss, r.choice(["open", "in-progress", "in-progress"])))
        # the matter of the entry
        general = None
        n_new = 0
        if updates:
            topic = updates[0][0].topic
            hh_ids = list(updates[0][0].households)
            hh = self.hh_by_id(hh_ids[0]) if hh_ids else r.choice(vh)
            n_new = 1 if r.random() < 0.2 else 0
        else:
            hh = r.choice(vh)
            hh_ids = [hh.id]
            if r.random() < 0.12:
                extra = r.sample(vh, min(len(vh), r.randint(1, 2)))
                hh_ids += [x.id for x in extra if x.id not in hh_ids]
            k = r.random()
            if k < 0.18:
                general = topic = r.choice(GENERAL_TOPICS)
            else:
                n_new = 2 if k > 0.93 else 1
                topic = r.choice(TOPICS)
        cat = topic["cat"]
        slug = topic["slug"] + ("-huifang" if updates else "")
        stem = reserve(f"{slug}-{hh.id}" if r.random() < 0.7 else slug)
        c = Ctx(r, self, date, hh, v, cadre)
        c.topic = topic
        others = [x.name for x in self.cadres_by_village[v] if x is not cadre]
        c.comp = (r.choice(COMPANY) + _name(r)) if not others or r.random() < 0.6 else r.choice(others)
        urgent = (bool(topic.get("urgent")) and not updates and r.random() < 0.7) or (not updates and r.random() < 0.02)
        # new issues (raised before the updates are applied: an update never refers to today's issue)
        new_issues: list[tuple[Issue, dict]] = []
        for n in range(n_new):
            t = topic if n == 0 and not updates else r.choice(TOPICS)
            new_issues.append(self.raise_issue(r, c, t, cat, date, cadre, hh_ids, stem, n, stats))
        # title
        c.topic = topic
        if updates:
            title = fill(r.choice(["回访{head}家{sum}的事", "{head}家{sum}问题跟踪", "跟进{head}家{sum}的事",
                                   "再访{head}家", "{grp}{head}家{sum}办理情况"]), c)
        elif new_issues and r.random() < 0.6:  # the matter itself, with the household
            title = new_issues[0][0].summary.split("，")[0] + f"（{hh.head}家）"
        elif new_issues:
            title = fill(topic["title"][0], c)
        else:
            title = fill(r.choice(topic["title"]), c)
        upd_items = self.apply_updates(r, c, updates, date, stats) if updates else []
        body = self.body(r, c, topic, updates, new_issues, general is not None)
        # front matter
        k = (lambda key: key) if en else (lambda key: ZH[key])
        fm = ["---"]
        if not en and r.random() < 0.01:
            fm.append(f"{k('date')}: {date.year}年{date.month}月{date.day}日")
        else:
            fm.append(f"{k('date')}: {date.isoformat()}")
        fm.append(f"{k('author')}: {yq(cadre.name)}")
        if self.n_villages > 1 or r.random() < 0.3:
            fm.append(f"{k('village')}: {yq(self.villages[v])}")
        if hh_ids and (updates or not general or r.random() < 0.5):
            fm.append(f"{k('households')}: {ylist(hh_ids)}")
        fm.append(f"{k('category')}: {cat if en else CATEGORY_ZH[cat]}")
        fm.append(f"{k('title')}: {yq(title)}")
        if urgent:
            fm.append(f"{k('urgent')}: {'true' if en else '是'}")
        for key, items in (("issues", new_issues), ("updates", upd_items)):
            if not items:
                continue
            fm.append(f"{k(key)}:")
            for _, item in items:
                first = True
                for name, value in item.items():
                    fm.append(("  - " if first else "    ") + f"{k(name)}: {self.yval(name, value, en)}")
                    first = False
        tags = list(topic.get("tags", [])) if r.random() < 0.6 else []
        if tags or r.random() < 0.3:
            fm.append(f"{k('tags')}: {ylist(tags)}")
        fm.append("---")
        stats["english"] += en
        return "\n".join(fm) + "\n\n" + body, stem, title

    def hh_by_id(self, hid: str) -> Household:
        if not hasattr(self, "_hh_index"):
            self._hh_index = {h.id: h for h in self.households}
        return self._hh_index[hid]

    @staticmethod
    def yval(key: str, value, en: bool) -> str:
        if key == "status":
            return value if en else STATUS_ZH[value]
        if key == "households":
            return ylist(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return yq(str(value))

    @staticmethod
    def next_status(r: Random, status: str) -> str:
        table = {
            "open": (["in-progress", "escalated", "resolved", "explained"], [45, 15, 30, 10]),
            "in-progress": (["in-progress", "resolved", "escalated", "explained"], [25, 50, 15, 10]),
            "escalated": (["escalated", "in-progress", "resolved", "explained"], [25, 20, 45, 10]),
        }
        choices, weights = table[status]
        return r.choices(choices, weights)[0]

    def raise_issue(self, r: Random, c: Ctx, topic: dict, entry_cat: str, date: dt.date, cadre: Cadre,
                    hh_ids: list[str], stem: str, n: int, stats: dict) -> tuple[Issue, dict]:
        v = cadre.village
        c.topic = topic
        summary = fill(r.choice(topic["summary"]), c).replace("：", "，")
        status = r.choices(["open", "in-progress", "resolved", "escalated", "explained"], [55, 25, 10, 6, 4])[0]
        item: dict = {}
        if r.random() < 0.04:
            iid = f"{stem}#{n + 1}"  # the default id: <file stem>#<position>
        else:
            self.issue_seq[v] += 1
            iid = f"{self.vcodes[v].upper()}-{YEAR}-{self.issue_seq[v]:03d}"
            item["id"] = iid
        item["summary"] = summary
        if topic["cat"] != entry_cat or r.random() < 0.05:
            item["category"] = topic["cat"]
        hh_list = list(hh_ids)
        if len(hh_ids) > 1 and r.random() < 0.4:
            hh_list = hh_ids[:1]
            item["households"] = hh_list
        item["status"] = status
        if r.random() < 0.3 and status not in ("resolved", "explained"):
            item["due"] = date + dt.timedelta(days=r.randint(7, 60))
        self.status_fields(r, c, topic, status, item)
        iss = Issue(iid, v, date, cadre.name, hh_list, topic, summary, status, "")
        stats["issues"] += 1
        stats["status_raised"][status] = stats["status_raised"].get(status, 0) + 1
        if status in ("resolved", "explained"):
            iss.closed_at = date
            self.closed[v].append(iss)
        else:
            self.pending[v].append(iss)
        c.issue = iss
        return iss, item

    def status_fields(self, r: Random, c: Ctx, topic: dict, status: str, item: dict) -> None:
        if status == "escalated":
            c.esc = fill(r.choice(topic["escalate"]), c)
            item["escalated_to"] = c.esc
        elif status in ("resolved", "explained"):
            item["result"] = fill(r.choice(topic[status]), c).replace("：", "，")
            item["feedback"] = fill(r.choice(FEEDBACK), c).replace("：", "，")
            if r.random() < 0.5:
                item["satisfaction"] = r.choice(SATISFACTION)

    def apply_updates(self, r: Random, c: Ctx, updates: list[tuple[Issue, str]], date: dt.date,
                      stats: dict) -> list[tuple[Issue, dict]]:
        out = []
        for iss, status in updates:
            c.topic = iss.topic
            item: dict = {"issue": iss.id, "status": status}
            if status in ("in-progress", "open") or r.random() < 0.5:
                item["note"] = fill(r.choice(UPD_NOTE if status != "open" else ["{reopen}"]), c).replace("：", "，")
            self.status_fields(r, c, iss.topic, status, item)
            if status in ("in-progress", "escalated", "open") and r.random() < 0.15:
                item["due"] = date + dt.timedelta(days=r.randint(10, 45))
            was_closed = iss.status in ("resolved", "explained")
            iss.status = status
            iss.last = date
            iss.updates += 1
            stats["updates"] += 1
            stats["status_updates"][status] = stats["status_updates"].get(status, 0) + 1
            v = iss.village
            if was_closed:  # a reopening
                iss.reopened += 1
                stats["reopened"] += 1
                self.closed[v].remove(iss)
                self.pending[v].append(iss)
            elif status in ("resolved", "explained"):
                iss.closed_at = date
                self.pending[v].remove(iss)
                self.closed[v].append(iss)
            out.append((iss, item))
        return out

    # -- body ----------------------------------------------------------------------------------

    def body(self, r: Random, c: Ctx, topic: dict, updates: list, new_issues: list, general: bool) -> str:
        """The narrative: visit, the matter (or its follow-up), analysis, measures, asides, a closing line.

        No template is used twice in one body; the body grows with more distinct material until it
        reaches a length drawn for it (about 200 to 1,500 characters).
        """
        target = int(min(1500, max(240, r.lognormvariate(6.25, 0.5))))
        used: set[str] = set()

        def pick(pool: list[str]) -> str | None:
            free = [t for t in pool if t not in used]
            if not free:
                return None
            t = r.choice(free)
            used.add(t)
            return fill(t, c)

        def pick_raw(pool: list[str]) -> str | None:
            free = [t for t in pool if t not in used]
            if not free:
                return None
            t = r.choice(free)
            used.add(t)
            return t

        visit: list[str] = []
        follow: list[list[str]] = []
        matter: list[str] = []
        analysis: list[str] = []
        measures: list[str] = []
        aside: list[str] = []
        v_facts = self.village_facts[c.village]
        if general:
            visit.append(fill(r.choice(OPENING_GENERAL), c))
            for _ in range(r.randint(2, len(topic["problem"]))):
                visit.append(pick(topic["problem"]) or "")
        elif updates:
            iss = updates[0][0]
            c.topic = iss.topic
            c.nth = min(9, iss.updates + 2)
            visit.append(pick(FOLLOW_OPEN) or "")
            if r.random() < 0.5:
                visit.append(pick(ARRIVE) or "")
            visit.append(f"{_md(iss.raised)}{c.hh.head if c.hh else ''}反映{iss.summary.replace('，', '、')}的事")
            for u_iss, status in updates:
                c.topic = u_iss.topic
                if status == "escalated":
                    c.esc = fill(r.choice(u_iss.topic["escalate"]), c)
                q = [fill(r.choice(FOLLOW_STATUS[status]), c)]
                for _ in range(r.randint(1, 2)):
                    q.append(pick(u_iss.topic["problem"]) or "")
                if r.random() < 0.5:
                    q.append(self.quote(r, c, u_iss.topic, used))
                follow.append(q)
        else:
            visit.append(pick(OPENING) or "")
            if r.random() < 0.7:
                visit.append(pick(ARRIVE) or "")
            for _ in range(r.randint(1, 3)):
                visit.append(pick(BACKGROUND) or "")
        for iss, _ in new_issues:
            t = iss.topic
            c.topic = t
            for _ in range(r.randint(2, 4)):
                matter.append(pick(t["problem"]) or "")
            if r.random() < 0.8:
                matter.insert(r.randint(0, len(matter)), self.quote(r, c, t, used))
            cause_pool = t["cause"] + CAUSE_GENERIC
            a1, a2 = pick_raw(cause_pool), pick_raw(cause_pool)
            wrap = r.choice(CAUSE_WRAP)
            analysis.append(fill(wrap.replace("{c}", a1 or "").replace("{c2}", a2 or ""), c))
            for _ in range(r.randint(1, 3)):
                m1, m2 = pick_raw(t["measure"] + MEASURE_GENERIC), pick_raw(t["measure"] + MEASURE_GENERIC)
                if m1 and m2:
                    w = pick_raw(MEASURE_WRAP) or MEASURE_WRAP[0]
                    measures.append(fill(w.replace("{m}", m1).replace("{m2}", m2), c))
        c.topic = topic if not updates else updates[0][0].topic
        # grow to the target length
        sections = [(visit, BACKGROUND), (visit, DETAIL), (matter if matter else visit, DETAIL),
                    (measures, POLICY_TALK), (measures, NEXT), (aside, ASIDE), (aside, CLOSING_EXTRA),
                    (aside, v_facts), (matter if matter else visit, c.topic.get("problem", DETAIL))]
        length = sum(len(x) for part in (visit, matter, analysis, measures) for x in part) + \
            sum(len(x) for q in follow for x in q)
        tries = 0
        while length < target and tries < 60:
            tries += 1
            where, pool = r.choice(sections)
            s = pick(pool)
            if s is None:
                continue
            if where is matter and r.random() < 0.12:
                s = self.quote(r, c, c.topic, used) if "quote" in c.topic else s
            where.append(s)
            length += len(s) + 1
        closing = pick(REFLECT_SLOT) if r.random() < 0.7 else pick(REFLECT)
        headed = r.random() < 0.08  # a few write headed sections
        paras: list[list[str]] = [visit, *follow]
        if matter:
            paras += [["**情况**"], matter] if headed else [matter]
        if analysis:
            paras += [["**分析**"], analysis] if headed else [analysis]
        if measures:
            paras += [["**措施**"], measures] if headed else [measures]
        if aside:
            # asides come as one or two paragraphs
            cut = r.randint(1, len(aside)) if len(aside) > 1 else 1
            paras += [aside[:cut], aside[cut:]]
        paras.append([closing or ""])
        out = []
        for p in paras:
            if p and p[0].startswith("**"):
                out.append(p[0])
                continue
            text = "".join(x if x.endswith(("。", "”", "！", "？")) else x + "。" for x in p if x)
            if text:
                out.append(text)
        return "\n\n".join(out) + "\n"

    def quote(self, r: Random, c: Ctx, topic: dict, used: set[str]) -> str:
        qs = [q for q in topic.get("quote", []) + QUOTE_GENERIC if q not in used]
        if len(qs) < 2:
            qs = topic.get("quote", []) + QUOTE_GENERIC
        q, q2 = r.sample(qs, 2)
        used.update((q, q2))
        return fill(r.choice(QUOTE_WRAP).replace("{q}", q).replace("{q2}", q2), c)

    # -- git ---------------------------------------------------------------------------------------

    def write_git(self, out: str) -> float:
        """One commit for config and households, then one per entry, via a single fast-import stream."""
        t0 = time.perf_counter()
        r = Random(f"git-{self.seed}")
        git = ["git", "-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-C", out]
        env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"})
        subprocess.run([*git, "init", "-q", "-b", "main"], check=True, env=env)
        tz = 8 * 3600
        rows = []
        for date, ci, rel, title in self.commits:
            k = r.random()
            delay = r.randint(8, 20) if k < 0.02 else r.choices([0, 1, 2, 3], [50, 28, 14, 8])[0]
            secs = r.randint(7 * 3600 + 1800, 22 * 3600 + 1800)
            day = date + dt.timedelta(days=delay)
            ts = (day - dt.date(1970, 1, 1)).days * 86400 + secs - tz
            rows.append((ts, rel, ci, title))
        rows.sort(key=lambda x: (x[0], x[1]))
        first = self.cadres[0]
        p = subprocess.Popen([*git, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE, env=env)
        assert p.stdin is not None
        w = p.stdin.write

        def data(b: bytes) -> None:
            w(b"data %d\n" % len(b))
            w(b)
            w(b"\n")

        ts0 = (dt.date(YEAR - 1, 12, 29) - dt.date(1970, 1, 1)).days * 86400 + 10 * 3600 - tz
        ident = f"{first.name} <{first.email}> {ts0} +0800".encode()
        w(b"commit refs/heads/main\nauthor " + ident + b"\ncommitter " + ident + b"\n")
        data("建立民情日记仓库：配置和农户档案".encode())
        paths = ["minqing.yaml"] + [f"households/{h.id}.md" for h in self.households]
        for rel in paths:
            with open(os.path.join(out, rel), "rb") as fh:
                blob = fh.read()
            w(b"M 100644 inline " + rel.encode() + b"\n")
            data(blob)
        for ts, rel, ci, title in rows:
            c = self.cadres[ci]
            ident = f"{c.name} <{c.email}> {ts} +0800".encode()
            with open(os.path.join(out, rel), "rb") as fh:
                blob = fh.read()
            w(b"commit refs/heads/main\nauthor " + ident + b"\ncommitter " + ident + b"\n")
            data(f"民情日记：{title}".encode())
            w(b"M 100644 inline " + rel.encode() + b"\n")
            data(blob)
        w(b"done\n")
        p.stdin.close()
        if p.wait() != 0:
            raise SystemExit("git fast-import failed")
        # the work tree already holds exactly these bytes: build the index from HEAD and refresh it
        subprocess.run([*git, "reset", "-q"], check=True, env=env)
        return time.perf_counter() - t0


def split_workspace(g: "Generator", single: str, out: str, townships: int) -> dict:
    """Move a generated repository's records into one repository per village, grouped into township
    workspaces under one county workspace (minqing.yaml files naming their members)."""
    import math

    per = max(1, math.ceil(g.n_villages / townships))
    names = [f"{TOWNSHIP_NAME[:-1]}{t + 1:02d}镇" for t in range(math.ceil(g.n_villages / per))]
    base = g.config_text()
    head, _, rest = base.partition("villages:\n")
    tail = rest[rest.index("quota:"):]
    folders = []
    for v, village in enumerate(g.villages):
        folder = os.path.join(out, names[v // per], village)
        os.makedirs(os.path.join(folder, "households"), exist_ok=True)
        folders.append(folder)
        cadres = [c for c in g.cadres if c.village == v]
        lines = [f"name: {village}民情日记", f"township: {names[v // per]}", "villages:", f"  - {village}", "cadres:"]
        for c in cadres:
            lines += [f"  - name: {c.name}", f"    role: {c.role}", f"    email: {c.email}"]
            if c.start:
                lines.append(f"    start: {c.start.isoformat()}")
            if c.end:
                lines.append(f"    end: {c.end.isoformat()}")
            if c.leave:
                lines.append("    leave:")
                lines += [f"      - {{from: {a.isoformat()}, to: {b.isoformat()}, reason: {why}}}" for a, b, why in c.leave]
        with open(os.path.join(folder, "minqing.yaml"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines) + "\n" + tail)
    for hh in g.households:
        os.replace(os.path.join(single, "households", hh.id + ".md"),
                   os.path.join(folders[hh.village], "households", hh.id + ".md"))
    for _, ci, rel, _ in g.commits:
        target = os.path.join(folders[g.cadres[ci].village], rel)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(os.path.join(single, rel), target)
    for t, name in enumerate(names):
        members = [v for i, v in enumerate(g.villages) if i // per == t]
        with open(os.path.join(out, name, "minqing.yaml"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(f"name: {name}民情日记\ntownship: {name}\nmembers:\n" + "".join(f"  - {m}\n" for m in members))
    with open(os.path.join(out, "minqing.yaml"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"name: {COUNTY_NAME}民情日记\ncounty: {COUNTY_NAME}\nmembers:\n" + "".join(f"  - {n}\n" for n in names))
    shutil.rmtree(single)
    return {"townships": len(names), "repositories": g.n_villages}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="the folder to create (must be empty or absent)")
    ap.add_argument("--size", choices=sorted(SIZES), default="small")
    ap.add_argument("--households", type=int, default=None)
    ap.add_argument("--entries", type=int, default=None)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--git", action="store_true", help="make a git repository with one commit per entry")
    ap.add_argument("--force", action="store_true", help="replace a repository generated here before")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--workspace", type=int, default=None, metavar="TOWNSHIPS",
                    help="one repository per village instead of one repository, grouped into this many township "
                         "workspaces under a county workspace (no git)")
    a = ap.parse_args(argv)
    spec = SIZES[a.size]
    households = a.households or spec["households"]
    entries = a.entries if a.entries is not None else spec["entries"]
    if os.path.exists(a.out) and os.listdir(a.out):
        if not (a.force and os.path.exists(os.path.join(a.out, "minqing.yaml"))):
            print(f"make_county: {a.out} is not empty (use --force to replace a generated repository)", file=sys.stderr)
            return 2
        for name in ("entries", "households", ".git", "minqing.yaml", ".minqing-cache"):
            path = os.path.join(a.out, name)
            if os.path.isdir(path):
                shutil.rmtree(path)
            elif os.path.exists(path):
                os.remove(path)
    os.makedirs(a.out, exist_ok=True)
    g = Generator(a.size, households, entries, a.seed)
    if a.workspace:
        if a.git:
            print("make_county: --workspace makes folders without git", file=sys.stderr)
            return 2
        single = os.path.join(a.out, ".single")
        stats = g.generate(single)
        stats.update(split_workspace(g, single, a.out, a.workspace))
        if not a.quiet:
            print(json.dumps(stats, ensure_ascii=False))
        return 0
    stats = g.generate(a.out)
    if a.git:
        stats["git_seconds"] = round(g.write_git(a.out), 2)
    if not a.quiet:
        print(json.dumps(stats, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
