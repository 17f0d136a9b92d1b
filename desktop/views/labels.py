"""Display texts for the words the database stores in Chinese: event states, channels, urgencies,
supervision colours, outcomes, satisfaction, attachment kinds, my-work buckets, household categories
and ways of visiting, audit results; duty shifts and roles, request states, leave kinds, punch sources,
grid kinds, posts, assessment grades, period kinds and states. Names, places, matter-list items and
scheme item labels are not words of this kind and are shown as stored.

The services store and compare these words as they are; the views show `label(word)`, which Qt's
translation turns into English in English mode (context "Labels" of towncentre_en.ts) and leaves
as it is in Chinese mode. A combo box shows the label and keeps the stored word as its data.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

from desktop.services.events import workflow as flow
from desktop.views.i18n import pick

CONTEXT = "Labels"

# QT_TRANSLATE_NOOP only marks a text for lupdate (it returns it untranslated); label() translates.
_MARKED = (
    # event states (desktop.services.events.State)
    QT_TRANSLATE_NOOP("Labels", "待受理"),
    QT_TRANSLATE_NOOP("Labels", "已受理"),
    QT_TRANSLATE_NOOP("Labels", "已分拨"),
    QT_TRANSLATE_NOOP("Labels", "处置中"),
    QT_TRANSLATE_NOOP("Labels", "已退回"),
    QT_TRANSLATE_NOOP("Labels", "挂账缓办"),
    QT_TRANSLATE_NOOP("Labels", "上报县级"),
    QT_TRANSLATE_NOOP("Labels", "已办结"),
    QT_TRANSLATE_NOOP("Labels", "已核查"),
    QT_TRANSLATE_NOOP("Labels", "已回访"),
    QT_TRANSLATE_NOOP("Labels", "已结案"),
    QT_TRANSLATE_NOOP("Labels", "不予受理"),
    # channels (CHANNELS)
    QT_TRANSLATE_NOOP("Labels", "网格员上报"),
    QT_TRANSLATE_NOOP("Labels", "群众来访"),
    QT_TRANSLATE_NOOP("Labels", "来电"),
    QT_TRANSLATE_NOOP("Labels", "12345热线转办"),
    QT_TRANSLATE_NOOP("Labels", "上级交办"),
    QT_TRANSLATE_NOOP("Labels", "部门移交"),
    QT_TRANSLATE_NOOP("Labels", "其他"),
    # urgencies (URGENCIES)
    QT_TRANSLATE_NOOP("Labels", "一般"),
    QT_TRANSLATE_NOOP("Labels", "较急"),
    QT_TRANSLATE_NOOP("Labels", "紧急"),
    # supervision colours (queries.RED, YELLOW, SUPERVISED)
    QT_TRANSLATE_NOOP("Labels", "红"),
    QT_TRANSLATE_NOOP("Labels", "黄"),
    QT_TRANSLATE_NOOP("Labels", "督办"),
    # outcomes and call-back satisfaction
    QT_TRANSLATE_NOOP("Labels", "已解决"),
    QT_TRANSLATE_NOOP("Labels", "已办结未解决"),
    QT_TRANSLATE_NOOP("Labels", "满意"),
    QT_TRANSLATE_NOOP("Labels", "基本满意"),
    QT_TRANSLATE_NOOP("Labels", "不满意"),
    # attachment kinds (ATTACHMENT_KINDS)
    QT_TRANSLATE_NOOP("Labels", "现场照片"),
    QT_TRANSLATE_NOOP("Labels", "处置前"),
    QT_TRANSLATE_NOOP("Labels", "处置后"),
    QT_TRANSLATE_NOOP("Labels", "文档"),
    # timeline entries that are not steps a user takes
    QT_TRANSLATE_NOOP("Labels", "现场处置"),
    QT_TRANSLATE_NOOP("Labels", "重复上报"),
    QT_TRANSLATE_NOOP("Labels", "转人民调解"),
    # handling loops (微循环 on the spot, 小循环 in the town, 大循环 up to the county)
    QT_TRANSLATE_NOOP("Labels", "微循环"),
    QT_TRANSLATE_NOOP("Labels", "小循环"),
    QT_TRANSLATE_NOOP("Labels", "大循环"),
    # my-work buckets (queries.my_work): titles, then hints
    QT_TRANSLATE_NOOP("Labels", "待分拨"),
    QT_TRANSLATE_NOOP("Labels", "已超期"),
    QT_TRANSLATE_NOOP("Labels", "临期预警"),
    QT_TRANSLATE_NOOP("Labels", "待核查"),
    QT_TRANSLATE_NOOP("Labels", "待回访"),
    QT_TRANSLATE_NOOP("Labels", "待结案"),
    QT_TRANSLATE_NOOP("Labels", "上报县级待答复"),
    QT_TRANSLATE_NOOP("Labels", "延期待审批"),
    QT_TRANSLATE_NOOP("Labels", "督办中"),
    QT_TRANSLATE_NOOP("Labels", "新上报、尚未受理"),
    QT_TRANSLATE_NOOP("Labels", "已受理或被退回，需要交办"),
    QT_TRANSLATE_NOOP("Labels", "超过办理时限仍未办结"),
    QT_TRANSLATE_NOOP("Labels", "已用去 80% 的时限"),
    QT_TRANSLATE_NOOP("Labels", "承办单位已反馈办结"),
    QT_TRANSLATE_NOOP("Labels", "核查通过，需回访反映人"),
    QT_TRANSLATE_NOOP("Labels", "回访完毕"),
    QT_TRANSLATE_NOOP("Labels", "等待县级交办或退回"),
    QT_TRANSLATE_NOOP("Labels", "承办单位申请延期"),
    QT_TRANSLATE_NOOP("Labels", "已挂账，定期跟进"),
    QT_TRANSLATE_NOOP("Labels", "人工督办、尚未结案"),
    # household categories and ways of visiting (services.workforce.visits)
    QT_TRANSLATE_NOOP("Labels", "困难家庭"),
    QT_TRANSLATE_NOOP("Labels", "特殊人群"),
    QT_TRANSLATE_NOOP("Labels", "一般住户"),
    QT_TRANSLATE_NOOP("Labels", "入户"),
    QT_TRANSLATE_NOOP("Labels", "电话"),
    # audit results
    QT_TRANSLATE_NOOP("Labels", "成功"),
    QT_TRANSLATE_NOOP("Labels", "失败"),
    QT_TRANSLATE_NOOP("Labels", "拒绝"),
    # duty shifts, duty roles and the rota's weekdays (services.workforce.duty)
    QT_TRANSLATE_NOOP("Labels", "全天"),
    QT_TRANSLATE_NOOP("Labels", "白班"),
    QT_TRANSLATE_NOOP("Labels", "夜班"),
    QT_TRANSLATE_NOOP("Labels", "值班员"),
    QT_TRANSLATE_NOOP("Labels", "带班领导"),
    QT_TRANSLATE_NOOP("Labels", "星期一"),
    QT_TRANSLATE_NOOP("Labels", "星期二"),
    QT_TRANSLATE_NOOP("Labels", "星期三"),
    QT_TRANSLATE_NOOP("Labels", "星期四"),
    QT_TRANSLATE_NOOP("Labels", "星期五"),
    QT_TRANSLATE_NOOP("Labels", "星期六"),
    QT_TRANSLATE_NOOP("Labels", "星期日"),
    # request states: swaps, 补签, leave (销假) and assessment appeals (支持)
    QT_TRANSLATE_NOOP("Labels", "申请"),
    QT_TRANSLATE_NOOP("Labels", "批准"),
    QT_TRANSLATE_NOOP("Labels", "驳回"),
    QT_TRANSLATE_NOOP("Labels", "销假"),
    QT_TRANSLATE_NOOP("Labels", "支持"),
    # leave kinds and approval levels (services.workforce.leave)
    QT_TRANSLATE_NOOP("Labels", "事假"),
    QT_TRANSLATE_NOOP("Labels", "病假"),
    QT_TRANSLATE_NOOP("Labels", "年休假"),
    QT_TRANSLATE_NOOP("Labels", "婚假"),
    QT_TRANSLATE_NOOP("Labels", "产假"),
    QT_TRANSLATE_NOOP("Labels", "丧假"),
    QT_TRANSLATE_NOOP("Labels", "探亲假"),
    QT_TRANSLATE_NOOP("Labels", "调休"),
    QT_TRANSLATE_NOOP("Labels", "公出/外勤"),
    QT_TRANSLATE_NOOP("Labels", "网格管理员"),
    QT_TRANSLATE_NOOP("Labels", "中心负责人"),
    # punch sources (services.workforce.attendance) and the records behind an assessment indicator
    QT_TRANSLATE_NOOP("Labels", "机器"),
    QT_TRANSLATE_NOOP("Labels", "手工"),
    QT_TRANSLATE_NOOP("Labels", "补签"),
    QT_TRANSLATE_NOOP("Labels", "打卡"),
    QT_TRANSLATE_NOOP("Labels", "巡查"),
    QT_TRANSLATE_NOOP("Labels", "书面协议"),
    QT_TRANSLATE_NOOP("Labels", "口头协议"),
    QT_TRANSLATE_NOOP("Labels", "调解不成"),
    # community kinds, grid kinds and subtypes, end reasons, posts (services.workforce.grids), sex
    QT_TRANSLATE_NOOP("Labels", "村"),
    QT_TRANSLATE_NOOP("Labels", "社区"),
    QT_TRANSLATE_NOOP("Labels", "综合网格"),
    QT_TRANSLATE_NOOP("Labels", "专属网格"),
    QT_TRANSLATE_NOOP("Labels", "市场"),
    QT_TRANSLATE_NOOP("Labels", "学校"),
    QT_TRANSLATE_NOOP("Labels", "工业园区"),
    QT_TRANSLATE_NOOP("Labels", "医院"),
    QT_TRANSLATE_NOOP("Labels", "机关"),
    QT_TRANSLATE_NOOP("Labels", "企业"),
    QT_TRANSLATE_NOOP("Labels", "拆分"),
    QT_TRANSLATE_NOOP("Labels", "合并"),
    QT_TRANSLATE_NOOP("Labels", "撤销"),
    QT_TRANSLATE_NOOP("Labels", "网格长"),
    QT_TRANSLATE_NOOP("Labels", "网格指导员"),
    QT_TRANSLATE_NOOP("Labels", "专职网格员"),
    QT_TRANSLATE_NOOP("Labels", "兼职网格员"),
    QT_TRANSLATE_NOOP("Labels", "网格协管员"),
    QT_TRANSLATE_NOOP("Labels", "中心工作人员"),
    QT_TRANSLATE_NOOP("Labels", "男"),
    QT_TRANSLATE_NOOP("Labels", "女"),
    # mediators' titles on the committee (services.mediation.MEDIATOR_TITLES)
    QT_TRANSLATE_NOOP("Labels", "主任"),
    QT_TRANSLATE_NOOP("Labels", "副主任"),
    QT_TRANSLATE_NOOP("Labels", "委员"),
    QT_TRANSLATE_NOOP("Labels", "专职调解员"),
    QT_TRANSLATE_NOOP("Labels", "兼职调解员"),
    # assessment grades, period kinds and states, item groups and scoring kinds (services.assessment)
    QT_TRANSLATE_NOOP("Labels", "优秀"),
    QT_TRANSLATE_NOOP("Labels", "合格"),
    QT_TRANSLATE_NOOP("Labels", "基本合格"),
    QT_TRANSLATE_NOOP("Labels", "不合格"),
    QT_TRANSLATE_NOOP("Labels", "月度"),
    QT_TRANSLATE_NOOP("Labels", "季度"),
    QT_TRANSLATE_NOOP("Labels", "半年"),
    QT_TRANSLATE_NOOP("Labels", "年度"),
    QT_TRANSLATE_NOOP("Labels", "草稿"),
    QT_TRANSLATE_NOOP("Labels", "已确认"),
    QT_TRANSLATE_NOOP("Labels", "事件上报"),
    QT_TRANSLATE_NOOP("Labels", "事件办理"),
    QT_TRANSLATE_NOOP("Labels", "巡查走访"),
    QT_TRANSLATE_NOOP("Labels", "考勤纪律"),
    QT_TRANSLATE_NOOP("Labels", "群众满意度"),
    QT_TRANSLATE_NOOP("Labels", "专项工作"),
    QT_TRANSLATE_NOOP("Labels", "加分项"),
    QT_TRANSLATE_NOOP("Labels", "比率"),
    QT_TRANSLATE_NOOP("Labels", "计次"),
)
WORDS: frozenset[str] = frozenset(map(str, _MARKED))


def label(word: str) -> str:
    """What the user reads for a stored word: its translation; any other text is shown as it is."""
    return QCoreApplication.translate(CONTEXT, word) if word in WORDS else word


def step_label(kind: str) -> str:
    """A timeline entry or step: the steps carry their English name; the rest are labels."""
    step = flow.STEP_BY_KIND.get(kind)
    return pick(kind, step.label_en) if step is not None else label(kind)


def add_words(combo: QComboBox, words: Iterable[str]) -> None:
    """One entry per stored word: its label shown, the word itself as the item's data."""
    for word in words:
        combo.addItem(label(word), word)
