"""What the 数据同步 page calls the record types and fields that travel (desktop/sync/records.py's
names), and how it shows a field's value. Context "SyncNames" of towncentre_en.ts."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "SyncNames"

# QT_TRANSLATE_NOOP only marks a text for lupdate; name()/record_type() translate.
RECORD_TYPES: dict[str, object] = {  # object: what the stubs say QT_TRANSLATE_NOOP returns
    "community": QT_TRANSLATE_NOOP("SyncNames", "村（社区）"),
    "grid": QT_TRANSLATE_NOOP("SyncNames", "网格"),
    "event": QT_TRANSLATE_NOOP("SyncNames", "事件"),
    "event_action": QT_TRANSLATE_NOOP("SyncNames", "事件办理记录"),
    "mediation_case": QT_TRANSLATE_NOOP("SyncNames", "调解案件"),
    "escalation_answer": QT_TRANSLATE_NOOP("SyncNames", "县级答复"),
    "assignment": QT_TRANSLATE_NOOP("SyncNames", "县级交办"),
    "matter_list": QT_TRANSLATE_NOOP("SyncNames", "事项清单"),
    "holidays": QT_TRANSLATE_NOOP("SyncNames", "节假日表"),
}

FIELDS: dict[str, object] = {
    # events
    "number": QT_TRANSLATE_NOOP("SyncNames", "编号"),
    "channel": QT_TRANSLATE_NOOP("SyncNames", "来源渠道"),
    "reporter_name": QT_TRANSLATE_NOOP("SyncNames", "反映人"),
    "reporter_phone": QT_TRANSLATE_NOOP("SyncNames", "反映人电话"),
    "anonymous": QT_TRANSLATE_NOOP("SyncNames", "匿名"),
    "occurred_at": QT_TRANSLATE_NOOP("SyncNames", "发生时间"),
    "reported_at": QT_TRANSLATE_NOOP("SyncNames", "上报时间"),
    "community_id": QT_TRANSLATE_NOOP("SyncNames", "村（社区）"),
    "community_code": QT_TRANSLATE_NOOP("SyncNames", "村（社区）代码"),
    "grid_id": QT_TRANSLATE_NOOP("SyncNames", "网格"),
    "address": QT_TRANSLATE_NOOP("SyncNames", "地址"),
    "category_code": QT_TRANSLATE_NOOP("SyncNames", "事项类别"),
    "matter_code": QT_TRANSLATE_NOOP("SyncNames", "事项编码"),
    "title": QT_TRANSLATE_NOOP("SyncNames", "标题"),
    "description": QT_TRANSLATE_NOOP("SyncNames", "情况描述"),
    "urgency": QT_TRANSLATE_NOOP("SyncNames", "紧急程度"),
    "people_involved": QT_TRANSLATE_NOOP("SyncNames", "涉及人数"),
    "loop": QT_TRANSLATE_NOOP("SyncNames", "处置层级"),
    "state": QT_TRANSLATE_NOOP("SyncNames", "状态"),
    "target_department_code": QT_TRANSLATE_NOOP("SyncNames", "承办部门"),
    "department_code": QT_TRANSLATE_NOOP("SyncNames", "承办部门"),
    "dispatched_at": QT_TRANSLATE_NOOP("SyncNames", "分拨时间"),
    "time_limit_days": QT_TRANSLATE_NOOP("SyncNames", "办理时限（天）"),
    "deadline": QT_TRANSLATE_NOOP("SyncNames", "办结期限"),
    "supervised": QT_TRANSLATE_NOOP("SyncNames", "督办"),
    "outcome": QT_TRANSLATE_NOOP("SyncNames", "办理结果"),
    "satisfaction": QT_TRANSLATE_NOOP("SyncNames", "满意度"),
    "rework_count": QT_TRANSLATE_NOOP("SyncNames", "返工次数"),
    "return_count": QT_TRANSLATE_NOOP("SyncNames", "退回次数"),
    "closed_at": QT_TRANSLATE_NOOP("SyncNames", "结案时间"),
    "duplicate_of_id": QT_TRANSLATE_NOOP("SyncNames", "重复于"),
    "created_at": QT_TRANSLATE_NOOP("SyncNames", "登记时间"),
    "deleted_at": QT_TRANSLATE_NOOP("SyncNames", "删除时间"),
    "assigned_by": QT_TRANSLATE_NOOP("SyncNames", "交办单位"),
    "answered_by": QT_TRANSLATE_NOOP("SyncNames", "答复人"),
    "answered_at": QT_TRANSLATE_NOOP("SyncNames", "答复时间"),
    # communities and grids
    "code": QT_TRANSLATE_NOOP("SyncNames", "编码"),
    "name": QT_TRANSLATE_NOOP("SyncNames", "名称"),
    "kind": QT_TRANSLATE_NOOP("SyncNames", "类型"),
    "subtype": QT_TRANSLATE_NOOP("SyncNames", "细分类型"),
    "households": QT_TRANSLATE_NOOP("SyncNames", "户数"),
    "population": QT_TRANSLATE_NOOP("SyncNames", "人口"),
    "ended_on": QT_TRANSLATE_NOOP("SyncNames", "撤销日期"),
    "end_reason": QT_TRANSLATE_NOOP("SyncNames", "撤销原因"),
    "sort_order": QT_TRANSLATE_NOOP("SyncNames", "排序"),
    # an event's timeline entries
    "event_id": QT_TRANSLATE_NOOP("SyncNames", "所属事件"),
    "at": QT_TRANSLATE_NOOP("SyncNames", "时间"),
    "actor_name": QT_TRANSLATE_NOOP("SyncNames", "办理人"),
    "from_state": QT_TRANSLATE_NOOP("SyncNames", "原状态"),
    "to_state": QT_TRANSLATE_NOOP("SyncNames", "新状态"),
    "note": QT_TRANSLATE_NOOP("SyncNames", "说明"),
    "detail": QT_TRANSLATE_NOOP("SyncNames", "详情"),
    # mediation case summaries
    "file_number": QT_TRANSLATE_NOOP("SyncNames", "案号"),
    "source": QT_TRANSLATE_NOOP("SyncNames", "案件来源"),
    "dispute_type": QT_TRANSLATE_NOOP("SyncNames", "纠纷类型"),
    "amount_cents": QT_TRANSLATE_NOOP("SyncNames", "涉及金额（分）"),
    "received_on": QT_TRANSLATE_NOOP("SyncNames", "收案日期"),
    "status": QT_TRANSLATE_NOOP("SyncNames", "案件状态"),
    "accepted_on": QT_TRANSLATE_NOOP("SyncNames", "受理日期"),
    "outcome_on": QT_TRANSLATE_NOOP("SyncNames", "结果日期"),
    "performance_status": QT_TRANSLATE_NOOP("SyncNames", "履行情况"),
    "archived_on": QT_TRANSLATE_NOOP("SyncNames", "归档日期"),
}

# Words the sync tables store (sync_round.trigger and result, sync_conflict.kind, publication state).
_WORDS = (
    QT_TRANSLATE_NOOP("SyncNames", "定时"),
    QT_TRANSLATE_NOOP("SyncNames", "手动"),
    QT_TRANSLATE_NOOP("SyncNames", "命令行"),
    QT_TRANSLATE_NOOP("SyncNames", "离线包"),
    QT_TRANSLATE_NOOP("SyncNames", "成功"),
    QT_TRANSLATE_NOOP("SyncNames", "失败"),
    QT_TRANSLATE_NOOP("SyncNames", "进行中"),
    QT_TRANSLATE_NOOP("SyncNames", "冲突"),
    QT_TRANSLATE_NOOP("SyncNames", "拒收"),
    QT_TRANSLATE_NOOP("SyncNames", "待确认"),
    QT_TRANSLATE_NOOP("SyncNames", "已应用"),
    QT_TRANSLATE_NOOP("SyncNames", "已忽略"),
    QT_TRANSLATE_NOOP("SyncNames", "保留本地"),
    QT_TRANSLATE_NOOP("SyncNames", "采用县级"),
    QT_TRANSLATE_NOOP("SyncNames", "重新发送"),
    QT_TRANSLATE_NOOP("SyncNames", "不再发送"),
    # what a round reports while it runs (desktop/sync/rounds.py)
    QT_TRANSLATE_NOOP("SyncNames", "正在连接县级中心…"),
    QT_TRANSLATE_NOOP("SyncNames", "正在上传本镇数据…"),
    QT_TRANSLATE_NOOP("SyncNames", "正在接收县级数据…"),
)
WORDS = frozenset(map(str, _WORDS))


def word(text: str) -> str:
    """A stored word as the user reads it (English in English mode); other text as it is."""
    return QCoreApplication.translate(CONTEXT, text) if text in WORDS else text


def record_type(name: str) -> str:
    caption = RECORD_TYPES.get(name)
    return QCoreApplication.translate(CONTEXT, str(caption)) if caption else name


def field_name(name: str) -> str:
    caption = FIELDS.get(name)
    return QCoreApplication.translate(CONTEXT, str(caption)) if caption else name


def value_text(value: Any) -> str:
    """A field's value as sent on the wire (protocol.encode_value), readable: 是/否, （空）."""
    if value is None or value == "":
        return QCoreApplication.translate("SyncNames", "（空）")
    if value is True:
        return QCoreApplication.translate("SyncNames", "是")
    if value is False:
        return QCoreApplication.translate("SyncNames", "否")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
