"""The demo mediation cases as data: one `Case` spec per case, played by `desktop.demo.mediation`.

Days are counted back from today ("day 25": 25 days ago), so the reminders (a case running past a
month, a judicial-confirmation window closing, a return visit due) always show on the mediation page.
"{town}" and "{village}" in any text stand for the town's name and its 桃源村. Names include rare
characters (赟, 堃, 昇) and organisations carry valid unified social credit codes.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services import mediation

AREA6 = "330127"  # 临江县: where most parties were born

# --- the spec's vocabulary ---------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """A person; the resident ID is built from `area6`, `born` and `seq` with its check character."""

    name: str
    born: str  # YYYYMMDD
    seq: int
    phone: str
    address: str
    ethnicity: str = "汉族"
    area6: str = AREA6


@dataclass(frozen=True)
class Org:
    name: str
    credit17: str  # the unified social credit code without its check character
    legal_rep: str
    address: str
    phone: str = ""


@dataclass(frozen=True)
class Party:
    side: int  # 1: applicant, 2: respondent
    who: Who | None = None  # a person, or
    org: Org | None = None  # an organisation
    occupation: str = ""
    employer: str = ""
    agent: Who | None = None
    agent_kind: str = ""


# Steps, in the order a case goes through them. `day`: days before today; `at`: (day, hour, minute).


@dataclass(frozen=True)
class Accept:
    day: int
    note: str = ""


@dataclass(frozen=True)
class Refuse:
    day: int
    reason: str
    note: str


@dataclass(frozen=True)
class Investigate:
    at: tuple[int, int, int]
    place: str
    record: str
    recorder: str
    participants: str = ""
    subject_other: str = ""


@dataclass(frozen=True)
class Mediate:
    at: tuple[int, int, int]
    place: str
    record: str
    result: str
    recorder: str
    subject: str = ""
    participants: str = ""
    parties_present: str = ""
    result_note: str = ""


@dataclass(frozen=True)
class Agree:
    day: int
    facts: str
    disputed_matters: str
    responsibility: str
    terms: str
    performance_manner: str
    deadline: int | None = None  # days before today
    oral: bool = False


@dataclass(frozen=True)
class Fail:
    day: int
    reason: str
    routes: tuple[str, ...]


@dataclass(frozen=True)
class Perform:
    status: str
    note: str


@dataclass(frozen=True)
class Revisit:
    """A return visit to the first party of `side`."""

    day: int
    reason: str
    performance: str
    satisfaction: str
    visitor: str
    measures: str = ""
    side: int = 1


@dataclass(frozen=True)
class Archive:
    day: int
    retention: str


Step = Accept | Refuse | Investigate | Mediate | Agree | Fail | Perform | Revisit | Archive


@dataclass(frozen=True)
class Case:
    dispute_type: str
    received: int  # days before today
    summary: str
    parties: tuple[Party, ...]
    mediators: tuple[int, ...]  # places in ROSTER
    source: str = mediation.SOURCE_APPLICATION
    requests: str = ""
    amount_cents: int | None = None
    steps: tuple[Step, ...] = ()


# --- the data --------------------------------------------------------------------------------------

ROSTER_SINCE = 900  # days before today
ROSTER_NOTE = "经县司法局培训合格"
ROSTER: tuple[tuple[str, Who], ...] = (
    ("主任", Who("周国平", "19680315", 31, "13905710104", "{town}清溪路 12 号")),
    ("副主任", Who("吴赟", "19750822", 53, "13867120931", "{town}文昌街 45 号")),
    ("委员", Who("郑堃", "19800109", 17, "13758102264", "{town}江滨路 7 号")),
    ("专职调解员", Who("林昇", "19881127", 95, "15157183302", "{town}新安街 21 号")),
    ("兼职调解员", Who("钱淑芬", "19720604", 42, "13588217745", "{town}桃源村 3 组 16 号")),
)
HALL = "{town}人民调解委员会调解室"


def _farmer(name: str, born: str, seq: int, phone: str, address: str, ethnicity: str = "汉族") -> Party:
    return Party(1, Who(name, born, seq, phone, "{town}" + address, ethnicity), occupation="农民")


CASES: tuple[Case, ...] = (
    # 1. 土地承包: six villagers against the village's economic cooperative; agreement 25 days ago, so the
    #    judicial-confirmation window closes within the week and a return visit is due.
    Case(
        dispute_type="土地承包",
        received=52,
        summary=(
            "申请人黄德胜等六户系桃源村二、三组村民，于 1998 年第二轮土地承包时取得村南“下畈”地块承包经营权，"
            "共计 23.6 亩，持有农村土地承包经营权证。2024 年村股份经济合作社为建设高标准农田，将该地块统一流转"
            "给种植大户，约定每亩每年流转费 680 元，由合作社统一收取后分配。申请人称 2025 年度流转费至今未足额"
            "发放，且合作社在未征得申请人同意的情况下，将其中 4.2 亩调整给新增人口户，双方多次协商未果，"
            "矛盾有激化趋势，申请人曾两次到镇信访办反映。"
        ),
        requests=(
            "一、请求被申请人补发 2025 年度土地流转费共计 16,048 元；"
            "二、请求被申请人恢复申请人对 4.2 亩承包地的承包经营权，或按同等面积、同等质量另行调整；"
            "三、请求被申请人今后按季度公开流转费收支明细。"
        ),
        amount_cents=1604800,
        parties=(
            _farmer("黄德胜", "19590312", 19, "13957120316", "桃源村 2 组 8 号"),
            _farmer("黄秀英", "19620718", 24, "13957120471", "桃源村 2 组 8 号"),
            _farmer("许永福", "19660201", 37, "13666712058", "桃源村 2 组 11 号"),
            _farmer("许玉凤", "19700925", 48, "13666712927", "桃源村 2 组 11 号"),
            _farmer("韦志强", "19780430", 55, "18857120634", "桃源村 3 组 2 号", "畲族"),
            _farmer("曹桂香", "19830614", 62, "15067128815", "桃源村 3 组 5 号"),
            Party(
                2,
                org=Org(
                    "{village}股份经济合作社",
                    "N2330127MF0832157",
                    "潘建平",
                    "{village}村委会办公楼",
                    "0571-64815021",
                ),
                agent=Who("潘建平", "19710308", 73, "13805718842", "{town}桃源村 1 组 1 号"),
                agent_kind="委托代理人",
            ),
        ),
        mediators=(0, 1, 2),
        steps=(
            Accept(51, "双方同意调解，告知权利义务"),
            Investigate(
                at=(45, 9, 30),
                place="{village}村委会会议室",
                participants="吴赟、郑堃",
                subject_other="{village}股份经济合作社（会计 何丽萍）",
                record=(
                    "经查阅合作社 2024、2025 年度流转费台账，2025 年度流转费已由种植大户全额支付至合作社账户，"
                    "合作社以“预留村集体提留”名义扣留 30%，未经村民代表会议讨论。4.2 亩调整系 2024 年 12 月村两委"
                    "会议决定，会议记录显示未召开村民会议，也未报镇农业农村办公室备案。调查人员当场向会计说明"
                    "《农村土地承包法》第二十八条关于承包期内不得调整承包地的规定。"
                ),
                recorder="郑堃",
            ),
            Mediate(
                at=(30, 14, 0),
                place=HALL,
                subject="土地流转费发放及承包地调整",
                participants="周国平（主持）、吴赟、郑堃；特邀：镇农业农村办公室 马文杰",
                parties_present="黄德胜、黄秀英、许永福、许玉凤、韦志强、曹桂香；被申请人委托代理人潘建平",
                record=(
                    "调解员告知双方权利义务及调解的自愿原则。申请人陈述流转费被扣及承包地被调整的经过；"
                    "被申请人代理人称扣留款项用于机耕路维修，承认未经民主程序。特邀人员解释了土地承包法关于"
                    "承包期内承包地调整须经村民会议三分之二以上成员同意并报乡镇政府批准的规定。双方各自让步。"
                ),
                result="继续调解",
                result_note="被申请人需回村两委研究补发方案。",
                recorder="林昇",
            ),
            Mediate(
                at=(25, 9, 0),
                place=HALL,
                subject="土地流转费发放及承包地调整",
                participants="周国平（主持）、吴赟、郑堃",
                parties_present="全体申请人；被申请人法定代表人潘建平",
                record="被申请人提出补发方案，申请人表示接受；关于 4.2 亩承包地，双方同意恢复原承包关系。",
                result="达成协议",
                recorder="林昇",
            ),
            Agree(
                day=25,
                facts=(
                    "申请人黄德胜等六户依法取得村南“下畈”地块 23.6 亩的承包经营权。被申请人 2024 年将该地块统一流转后，"
                    "2025 年度扣留流转费 30% 共 16,048 元未发放，并在未经村民会议讨论的情况下将其中 4.2 亩调整给他人。"
                ),
                disputed_matters="一、2025 年度流转费是否应当足额发放；二、4.2 亩承包地调整是否有效。",
                responsibility=(
                    "被申请人扣留流转费及调整承包地均未经民主议定程序，应承担主要责任；申请人在协商未果后多次上访，"
                    "方式欠妥，今后应通过合法途径反映诉求。"
                ),
                terms=(
                    "一、被申请人于本协议签订之日起十五日内，向六户申请人补发 2025 年度流转费共计 16,048 元，"
                    "按各户承包面积分配（明细见附表），通过银行转账支付至各户“一卡通”账户；\n"
                    "二、被申请人撤销 2024 年 12 月关于调整 4.2 亩承包地的决定，自 2026 年度起恢复申请人原承包关系，"
                    "新增人口户的用地问题由村两委另行依法研究解决；\n"
                    "三、被申请人自本协议签订之日起，每季度在村务公开栏公布土地流转费收支明细；\n"
                    "四、申请人不再就本纠纷上访，双方今后发生争议通过协商或人民调解解决；\n"
                    "五、本协议履行完毕后，双方就本纠纷再无其他争议。"
                ),
                performance_manner="银行转账；村两委会议决议书面送达申请人",
                deadline=10,
            ),
        ),
    ),
    # 2. 邻里 (own initiative): drainage ditch between neighbours; written agreement, visited, archived.
    Case(
        dispute_type="邻里",
        source=mediation.SOURCE_INITIATIVE,
        received=120,
        summary=(
            "网格员巡查发现石门村 4 组吴昇华、郑喆两户因房前排水沟堵塞发生争吵，郑喆家翻建院墙时将排水沟"
            "填埋约 6 米，致吴家雨季院内积水，双方互相指责并发生推搡。村调委会主动介入调解。"
        ),
        parties=(
            Party(
                1,
                Who("吴昇华", "19650403", 15, "13706712248", "{town}石门村 4 组 22 号"),
                occupation="个体户",
            ),
            Party(
                2,
                Who("郑喆", "19790917", 36, "13819427765", "{town}石门村 4 组 23 号"),
                occupation="教师",
                employer="{town}中心小学",
            ),
        ),
        mediators=(3,),
        steps=(
            Accept(119),
            Mediate(
                at=(115, 15, 30),
                place="石门村村委会",
                record="双方到现场查看排水沟，郑喆同意恢复排水沟，吴昇华同意分担一半材料费。",
                result="达成协议",
                parties_present="吴昇华、郑喆",
                participants="林昇；石门村网格员",
                recorder="林昇",
            ),
            Agree(
                day=115,
                facts="郑喆翻建院墙时填埋公共排水沟约 6 米，致吴昇华家院内积水，双方因此发生争执。",
                disputed_matters="排水沟的恢复及费用承担。",
                responsibility="郑喆未经协商填埋排水沟，负主要责任；吴昇华推搡对方，亦有过错。",
                terms=(
                    "一、郑喆于十日内按原走向恢复排水沟，采用直径 300 毫米水泥管；二、材料费由双方各承担一半；"
                    "三、双方互相赔礼道歉，今后和睦相处。"
                ),
                performance_manner="郑喆负责施工，吴昇华现金支付材料费的一半",
                deadline=105,
            ),
            Perform("已履行", "排水沟已恢复，材料费已结清。"),
            Revisit(
                day=95,
                reason="协议履行期满回访",
                performance="排水沟已按约恢复，雨季未再积水。",
                satisfaction="满意",
                visitor="林昇",
            ),
            Archive(90, "长期"),
        ),
    ),
    # 3. 婚姻家庭: oral agreement recorded by the mediator, visited.
    Case(
        dispute_type="婚姻家庭",
        received=44,
        summary="何淑珍与马俊杰系夫妻，因马俊杰长期酗酒、家务及子女接送分工发生争吵，何淑珍回娘家居住已两周。",
        requests="请求调解家庭矛盾，明确子女接送及家务分工。",
        parties=(
            Party(
                1, Who("何淑珍", "19860521", 28, "15958123467", "{town}文昌街 66 号"), occupation="超市收银员"
            ),
            Party(
                2, Who("马俊杰", "19840214", 71, "13588019923", "{town}文昌街 66 号"), occupation="货车司机"
            ),
        ),
        mediators=(4,),
        steps=(
            Accept(44),
            Mediate(
                at=(40, 19, 0),
                place="文昌社区调解室",
                record="双方各自陈述，马俊杰承认酗酒问题并表示愿意改正。",
                result="达成协议",
                parties_present="何淑珍、马俊杰",
                recorder="钱淑芬",
            ),
            Agree(
                day=40,
                facts="夫妻因马俊杰酗酒及家务分工产生矛盾，何淑珍离家居住。",
                disputed_matters="家务分工与子女接送。",
                responsibility="",
                terms="马俊杰保证戒酒，工作日由何淑珍接送子女，周末由马俊杰负责；何淑珍当日返家居住。",
                performance_manner="双方自觉履行，社区调解员每月回访",
                oral=True,
            ),
            Revisit(
                day=20,
                reason="口头协议履行情况回访",
                performance="马俊杰基本戒酒，分工按约执行。",
                satisfaction="基本满意",
                measures="提醒双方遇事多沟通，必要时再次申请调解。",
                visitor="钱淑芬",
            ),
        ),
    ),
    # 4. 劳动争议: workers against a firm; failed, referred to arbitration and the courts.
    Case(
        dispute_type="劳动争议",
        source="派出所移送",
        received=75,
        summary=(
            "蒋海军等三人原在浙江清溪竹木制品有限公司从事竹筷生产，公司以订单不足为由停工两个月，"
            "拖欠三人 2025 年 9 月至 10 月工资共计 48,600 元。三人到厂区聚集讨薪，派出所出警后移送调解。"
        ),
        requests="请求支付拖欠工资 48,600 元及经济补偿。",
        amount_cents=4860000,
        parties=(
            Party(
                1,
                Who("蒋海军", "19900707", 13, "18768120045", "{town}工业大道 8 号宿舍"),
                occupation="竹筷生产工",
            ),
            Party(
                1,
                Who("潘金花", "19951212", 26, "18685120378", "贵州省黎平县德凤街道", "侗族", area6="522631"),
                occupation="竹筷生产工",
            ),
            Party(
                1,
                Who("袁振华", "19870318", 59, "13777120882", "{town}石门村 1 组 9 号"),
                occupation="竹筷生产工",
            ),
            Party(
                2,
                org=Org(
                    "浙江清溪竹木制品有限公司",
                    "91330127MA2H7K3P1",
                    "宋立新",
                    "{town}工业园区竹溪路 18 号",
                    "0571-64830077",
                ),
            ),
        ),
        mediators=(0, 2),
        steps=(
            Accept(74),
            Mediate(
                at=(70, 10, 0),
                place=HALL,
                record="公司同意分期支付工资，但不同意支付经济补偿；三名工人坚持一次性付清并补偿，双方分歧较大。",
                result="未达成协议",
                parties_present="蒋海军、潘金花、袁振华；公司人事主管",
                recorder="郑堃",
            ),
            Fail(68, "双方对经济补偿及支付方式分歧较大，经两次调解仍未达成一致。", ("仲裁", "司法")),
        ),
    ),
    # 5. 交通事故: accepted 44 days ago and still running (past a month: a reminder).
    Case(
        dispute_type="交通事故",
        received=45,
        summary=(
            "唐子豪驾驶电动三轮车在江滨路与徐佳怡驾驶的电动自行车相撞，徐佳怡左腿骨折，住院 12 天。"
            "交警认定唐子豪负主要责任。"
        ),
        requests="请求赔偿医疗费、误工费、护理费等共计 62,000 元。",
        amount_cents=6200000,
        parties=(
            Party(
                1, Who("徐佳怡", "19991030", 40, "17758120913", "{town}江滨路 31 号"), occupation="网店店主"
            ),
            Party(
                2, Who("唐子豪", "19930216", 57, "13355712670", "{town}竹溪村 2 组 4 号"), occupation="农民"
            ),
        ),
        mediators=(1,),
        steps=(
            Accept(44),
            Investigate(
                at=(40, 10, 0),
                place="{town}人民医院",
                subject_other="县人民医院骨科",
                record="查阅病历及费用清单，医疗费 38,420.56 元，医嘱休息三个月。",
                recorder="吴赟",
            ),
            Mediate(
                at=(35, 14, 30),
                place=HALL,
                record="双方对医疗费无异议，对误工费计算标准存在分歧，唐子豪称经济困难，请求分期。",
                result="继续调解",
                parties_present="徐佳怡、唐子豪",
                recorder="吴赟",
            ),
        ),
    ),
    # 6. 物业: applied two days ago, waiting for acceptance.
    Case(
        dispute_type="物业",
        received=2,
        summary=(
            "江滨花园部分业主认为物业公司擅自将小区公共停车位出租且收益未公开，拒交 2025 年物业费，"
            "物业公司停止为其刷卡开通门禁。"
        ),
        requests="请求物业公司公开公共收益并恢复门禁。",
        parties=(
            Party(1, Who("叶丹凤", "19770812", 20, "13867183354", "{town}江滨花园 3 幢 2 单元 501 室")),
            Party(1, Who("苏卫东", "19690125", 33, "13706719082", "{town}江滨花园 3 幢 1 单元 302 室")),
            Party(1, Who("魏雪梅", "19820506", 44, "15988124461", "{town}江滨花园 5 幢 1 单元 1101 室")),
            Party(
                2,
                org=Org(
                    "临江县安居物业服务有限公司",
                    "91330127MA27QXL50",
                    "丁立新",
                    "{town}江滨花园物业服务中心",
                    "0571-64819900",
                ),
            ),
        ),
        mediators=(1, 3),
    ),
    # 7. 房屋宅基地: the respondent refused mediation (art. 17); archived.
    Case(
        dispute_type="房屋宅基地",
        received=60,
        summary="蔡永福称邓春兰家新建厨房越过宅基地界址约 0.8 米，占用其通道。",
        requests="请求拆除越界部分。",
        parties=(
            Party(1, Who("蔡永福", "19560907", 51, "13067128853", "{town}上坪村 1 组 6 号")),
            Party(2, Who("邓春兰", "19610330", 68, "13157120436", "{town}上坪村 1 组 7 号")),
        ),
        mediators=(2,),
        steps=(
            Refuse(
                58,
                mediation.REFUSAL_REASONS[0],
                "被申请人邓春兰明确表示不同意调解，已告知申请人可向镇政府申请确权或向法院起诉。",
            ),
            Archive(55, "短期"),
        ),
    ),
    # 8. 损害赔偿: dog bite, accepted nine days ago, investigated.
    Case(
        dispute_type="损害赔偿",
        received=10,
        summary="未成年人丁小红放学途中被陆建华饲养的犬只咬伤右小腿，注射狂犬疫苗并缝合。",
        requests="请求赔偿医疗费、交通费、营养费共 5,860 元。",
        amount_cents=586000,
        parties=(
            Party(
                1,
                Who("丁小红", "20120613", 82, "13906719241", "{town}清溪路 101 号"),
                occupation="学生",
                agent=Who("丁春梅", "19850111", 88, "13906719241", "{town}清溪路 101 号"),
                agent_kind="法定代理人",
            ),
            Party(2, Who("陆建华", "19740426", 11, "13516712208", "{town}清溪路 99 号"), occupation="个体户"),
        ),
        mediators=(3,),
        steps=(
            Accept(9),
            Investigate(
                at=(7, 16, 0),
                place="清溪路 99 号门前",
                subject_other="清溪社区网格员、邻居",
                record="现场查看，陆建华家犬只未拴绳，未办理犬只登记。邻居证实事发时犬只在路边游荡。",
                recorder="林昇",
            ),
        ),
    ),
    # 9. 合同: written agreement performed, visited and archived.
    Case(
        dispute_type="合同",
        received=100,
        summary=(
            "宋志强向韩立新购买毛竹 30 吨，约定每吨 620 元，货到付款。韩立新交货 26 吨后，"
            "宋志强以质量问题为由拒付余款 9,120 元。"
        ),
        requests="请求宋志强支付剩余货款 9,120 元。",
        amount_cents=912000,
        parties=(
            Party(
                1,
                Who("韩立新", "19760116", 39, "13757182273", "{town}枫林村 5 组 3 号"),
                occupation="毛竹经营户",
            ),
            Party(
                2,
                Who("宋志强", "19810802", 35, "13967125580", "{town}枫林村 2 组 14 号"),
                occupation="竹制品加工户",
            ),
        ),
        mediators=(0,),
        steps=(
            Accept(99),
            Mediate(
                at=(95, 9, 30),
                place="枫林村村委会",
                record="经双方核对，其中 2 吨毛竹存在虫蛀，双方同意按 24 吨结算。",
                result="达成协议",
                parties_present="宋志强、韩立新",
                recorder="周国平",
            ),
            Agree(
                day=95,
                facts="双方口头约定买卖毛竹 30 吨，实际交付 26 吨，其中 2 吨质量不合格。",
                disputed_matters="剩余货款数额。",
                responsibility="韩立新交付部分货物不合格，应承担相应责任；宋志强未及时提出质量异议，亦有不当。",
                terms="宋志强按 24 吨结算，于五日内支付剩余货款 7,880 元；不合格的 2 吨毛竹由韩立新自行运回。",
                performance_manner="微信转账",
                deadline=90,
            ),
            Perform("已履行", "货款已于约定期限内付清。"),
            Revisit(
                day=80,
                reason="协议履行期满回访",
                performance="货款已付清，双方仍有业务往来。",
                satisfaction="满意",
                visitor="周国平",
            ),
            Archive(78, "长期"),
        ),
    ),
)
