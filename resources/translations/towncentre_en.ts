<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name></name>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="51"/>
        <source>每日自动</source>
        <translation>daily</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="52"/>
        <source>计划任务</source>
        <translation>scheduled task</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="53"/>
        <source>手动</source>
        <translation>manual</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="54"/>
        <source>升级前</source>
        <translation>before upgrade</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="55"/>
        <source>恢复前</source>
        <translation>before restore</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="63"/>
        <source>无法读取：{why}</source>
        <translation>Unreadable: {why}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="65"/>
        <source>数据库有损坏</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="67"/>
        <source>附件有 {n} 处问题</source>
        <translation>{n} attachment problems</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="68"/>
        <source>完好</source>
        <translation>Good</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="155"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="159"/>
        <source>将用这份备份替换现在的全部数据：
文件：{name}
乡镇：{town}
制作时间：{made}（{kind}）
事件：{events} 条

{made} 以后登记或修改的事件、案件、人员等，恢复后都不在了（它们保存在自动生成的“恢复前”备份里，可以再恢复回来）。恢复时窗口会关闭，完成后请重新登录。</source>
        <translation>This backup will replace all current data:
File: {name}
Town: {town}
Made at: {made} ({kind})
Events: {events}

Events, cases, people and anything else registered or changed after {made} will be gone after the restore (they are kept in the automatic “before restore” backup, which can be restored again). The window closes during the restore; log in again afterwards.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="174"/>
        <source>例如：误删了一批事件，恢复到昨天的备份</source>
        <translation>e.g. a batch of events was deleted by mistake; back to yesterday&apos;s backup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="175"/>
        <source>恢复原因</source>
        <translation>Reason for the restore</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="175"/>
        <source>记入审计日志。</source>
        <translation>Recorded in the audit log.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/daily_backup.py" line="103"/>
        <source>备份：还没有备份</source>
        <translation>Backup: none yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/daily_backup.py" line="103"/>
        <source>系统管理 → 备份与恢复</source>
        <translation>Administration → Backup and restore</translation>
    </message>
    <message>
        <location filename="../../desktop/views/daily_backup.py" line="107"/>
        <source>备份：今天 {time}</source>
        <translation>Backup: today {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/daily_backup.py" line="109"/>
        <source>备份：最近一次 {when}</source>
        <translation>Backup: last {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/daily_backup.py" line="124"/>
        <source>备份：发现数据库损坏</source>
        <translation>Backup: the database is damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/views/daily_backup.py" line="126"/>
        <source>备份：今天 {time} 已完成</source>
        <translation>Backup: done today at {time}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="40"/>
        <source>正在恢复，请不要关闭电脑…</source>
        <translation>Restoring; do not switch the computer off…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="155"/>
        <location filename="../../desktop/views/restore_flow.py" line="42"/>
        <source>从备份恢复</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="71"/>
        <location filename="../../desktop/views/restore_flow.py" line="75"/>
        <source>未能恢复</source>
        <translation>Not restored</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="76"/>
        <source>读写文件时出错：{error}
数据库保持原样。</source>
        <translation>A file could not be read or written: {error}
The database is as it was.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="86"/>
        <source>已从 {name}（{made} 制作）恢复，用时 {seconds:.0f} 秒。</source>
        <translation>Restored from {name} (made {made}) in {seconds:.0f} s.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="90"/>
        <source>原来的数据库已另存为：{path}</source>
        <translation>The previous database was kept as: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="92"/>
        <source>备份来自旧版本，已自动升级。</source>
        <translation>The backup came from an older version and was upgraded.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="93"/>
        <source>请重新登录。备份之后录入的内容需要重新录入。</source>
        <translation>Please log in again. Anything entered after the backup was made must be entered again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="104"/>
        <source>数据库文件已损坏，程序无法打开它。这通常是电脑在保存时断电或被强行关机造成的。

数据库文件：{path}</source>
        <translation>The database file is damaged and cannot be opened. This usually happens when the power fails or the computer is switched off while saving.

Database file: {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="111"/>
        <source>最新的完好备份：{made}（{kind}，事件 {events} 条）。
用它恢复后，损坏的文件会改名保存在原处，不会删除；备份之后录入的内容需要重新录入。</source>
        <translation>Newest good backup: {made} ({kind}, {events} events).
After restoring it, the damaged file is kept in place under a new name, not deleted; anything entered after the backup must be entered again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="114"/>
        <source>用最新的备份恢复</source>
        <translation>Restore the newest backup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="116"/>
        <source>备份文件夹中没有找到完好的备份。请联系技术人员，不要删除或移动数据库文件。</source>
        <translation>No good backup was found in the backups folder. Ask for support; do not delete or move the database file.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="117"/>
        <source>选择备份文件…</source>
        <translation>Choose a backup file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="118"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="139"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="151"/>
        <source>确实要用其他乡镇的数据吗？</source>
        <translation>Really use another town&apos;s data?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="131"/>
        <source>确定用 {name} 恢复吗？损坏的数据库文件会改名保留。</source>
        <translation>Restore from {name}? The damaged database file is kept under a new name.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/restore_flow.py" line="125"/>
        <source>启动时发现数据库损坏</source>
        <translation>Damaged database found at start-up</translation>
    </message>
</context>
<context>
    <name>AdjustDialog</name>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="43"/>
        <source>加减分调整</source>
        <translation>Adjust the score</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="43"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="45"/>
        <source>{name}，{period}：按扣分规则计次，或直接加减分；都须写明原因。</source>
        <translation>{name}, {period}: apply a deduction rule a number of times, or add or take points directly; either way give the reason.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="50"/>
        <source>扣分规则</source>
        <translation>Deduction rule</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="51"/>
        <source>直接加减分</source>
        <translation>Points directly</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="55"/>
        <source>{label}（每次 {points} 分，上限 {cap} 分）</source>
        <translation>{label} ({points} per occurrence, cap {cap})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="60"/>
        <source>次数</source>
        <translation>Times</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="62"/>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="66"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../desktop/views/admin/page.py" line="37"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/page.py" line="40"/>
        <source>角色与权限</source>
        <translation>Roles and permissions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/page.py" line="43"/>
        <source>乡镇信息</source>
        <translation>Town profile</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/page.py" line="46"/>
        <source>系统设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/page.py" line="48"/>
        <source>节假日</source>
        <translation>Holidays</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/page.py" line="50"/>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/page.py" line="53"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="78"/>
        <source>第二步：系统管理员账号</source>
        <translation>Step 2: administrator account</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="79"/>
        <source>系统管理员负责建立其他人员的账号。请牢记密码。</source>
        <translation>The administrator creates everyone else&apos;s accounts. Keep the password safe.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="88"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="91"/>
        <source>英文字母开头，例如 admin 或 zhangsan。</source>
        <translation>Starts with a letter, e.g. admin or zhangsan.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="93"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="96"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="99"/>
        <source>至少 8 位，同时包含字母和数字。</source>
        <translation>At least 8 characters, with letters and digits.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="101"/>
        <source>再输一次密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="104"/>
        <source>点击“完成”后即可用这个账号登录。</source>
        <translation>Click “Finish”, then log in with this account.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/views/i18n.py" line="77"/>
        <source>综治工作台</source>
        <translation>Town Centre Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="103"/>
        <source>这台电脑的屏幕在大字模式下放不下程序的窗口，有些按钮会看不到。要关闭大字模式吗？（重新启动程序后恢复正常大小）</source>
        <translation>With large text, this screen cannot hold the program&apos;s windows and some buttons would be out of sight. Turn large text off? (The normal size returns at the next start.)</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="251"/>
        <source>今天的自动备份检查发现数据库文件有损坏：{problem}

请尽快联系技术人员。在此之前请不要删除任何备份；最近一次完好的备份在“系统管理 → 备份与恢复”中。</source>
        <translation>Today&apos;s automatic backup found the database file damaged: {problem}

Ask for support soon. Until then do not delete any backup; the newest good one is listed under “Administration → Backup and restore”.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="260"/>
        <source>备份：正在进行今天的自动备份…</source>
        <translation>Backup: today&apos;s automatic backup is running…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="265"/>
        <source>备份：今天的自动备份未成功</source>
        <translation>Backup: today&apos;s automatic backup failed</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="344"/>
        <source>无法在数据库所在的文件夹中写入文件：{folder}
请让电脑管理员给这个文件夹加上写入权限，或把数据库放到可以写入的文件夹。</source>
        <translation>Cannot write files in the database&apos;s folder: {folder}
Ask the IT administrator to give this folder write permission, or move the database to a folder you can write in.</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="359"/>
        <source>综治工作台已经打开，请在任务栏中找到它的窗口。</source>
        <translation>The Workbench is already open: find its window on the taskbar.</translation>
    </message>
</context>
<context>
    <name>AppealDecisionDialog</name>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="115"/>
        <source>处理申诉</source>
        <translation>Decide the appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="115"/>
        <source>支持申诉</source>
        <translation>Uphold</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="117"/>
        <source>申诉项目：{item}（{points} 分）。理由：{reason}</source>
        <translation>Appealed: {item} ({points} points). Grounds: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="122"/>
        <source>处理意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="124"/>
        <source>驳回申诉</source>
        <translation>Reject</translation>
    </message>
</context>
<context>
    <name>AppealDialog</name>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="91"/>
        <source>考核申诉</source>
        <translation>Appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="91"/>
        <source>提交申诉</source>
        <translation>Submit appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="92"/>
        <source>{name}对以下扣分提出申诉，由中心负责人处理。</source>
        <translation>{name} appeals against the deduction below; a manager decides.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="94"/>
        <source>申诉的扣分项</source>
        <translation>Deduction appealed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="102"/>
        <source>申诉理由</source>
        <translation>Grounds</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="170"/>
        <source>计算</source>
        <translation>Compute</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="171"/>
        <source>确认</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="172"/>
        <source>重新开启…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="173"/>
        <source>打印排名表…</source>
        <translation>Print ranking…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="174"/>
        <source>打印通报…</source>
        <translation>Print bulletin…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="175"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="176"/>
        <source>考核方案…</source>
        <translation>Scheme…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="194"/>
        <source>人员排名</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="196"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="198"/>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="210"/>
        <source>双击一项，查看计分所依据的记录</source>
        <translation>Double-click an item to see the records it was scored from</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="219"/>
        <source>查看依据记录…</source>
        <translation>Records behind it…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="220"/>
        <source>加减分…</source>
        <translation>Adjust…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="221"/>
        <source>申诉…</source>
        <translation>Appeal…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="222"/>
        <source>处理申诉…</source>
        <translation>Decide appeal…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="223"/>
        <source>打印考核表…</source>
        <translation>Print sheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="264"/>
        <source>{month}月</source>
        <translation>Month {month}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="266"/>
        <source>第一季度</source>
        <translation>First quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="266"/>
        <source>第二季度</source>
        <translation>Second quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="266"/>
        <source>第三季度</source>
        <translation>Third quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="266"/>
        <source>第四季度</source>
        <translation>Fourth quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="268"/>
        <source>上半年</source>
        <translation>First half</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="268"/>
        <source>下半年</source>
        <translation>Second half</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="270"/>
        <source>全年</source>
        <translation>Whole year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="287"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="306"/>
        <source>{period}尚未计算考核。</source>
        <translation>{period} has not been assessed yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="309"/>
        <source>{period}：{state}，{count} 人，{scheme}</source>
        <translation>{period}: {state}, {count} people, {scheme}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="322"/>
        <source>本月考核通报（未确认时印作草稿）</source>
        <translation>This month&apos;s assessment bulletin (printed as a draft until confirmed)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="324"/>
        <source>考核通报按月印发：请选择已计算的月份</source>
        <translation>The bulletin is monthly: choose a month that has been assessed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="366"/>
        <source>在左侧选择一人，查看考核表。</source>
        <translation>Choose a person on the left to see their sheet.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="370"/>
        <source>{name}（{grid}，{post}）：{score} 分，{grade}，第 {rank} 名</source>
        <translation>{name} ({grid}, {post}): {score} points, {grade}, rank {rank}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="376"/>
        <source>调整：{label} {points}（{reason}，{who}）</source>
        <translation>Adjustment: {label} {points} ({reason}, {who})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="381"/>
        <source>申诉：{item} {state}{note}</source>
        <translation>Appeal: {item} {state}{note}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="408"/>
        <source>请先选择</source>
        <translation>Select first</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="408"/>
        <source>请先在考核表中选择一项。</source>
        <translation>Choose an item on the sheet first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="424"/>
        <source>无法查看</source>
        <translation>Cannot show</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="428"/>
        <source>这一项没有依据记录（{shown}）。</source>
        <translation>No records behind this item ({shown}).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="433"/>
        <source>{label}：{shown}</source>
        <translation>{label}: {shown}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="446"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="446"/>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="449"/>
        <source>考核周期尚未结束</source>
        <translation>Period not over yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="451"/>
        <source>{period}尚未结束（还有 {n} 天），现在计算的结果只到今天，在确认考核之前仍可重新计算。继续吗？</source>
        <translation>{period} is not over yet ({n} days to go): computing now counts only up to today. It can be computed again until the assessment is confirmed. Continue?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="460"/>
        <source>考核方案已更新</source>
        <translation>The scheme has changed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="462"/>
        <source>本期按第 {old} 版方案计算。重新计算时改用当前的第 {new} 版吗？（选“否”仍按第 {old} 版）</source>
        <translation>This period was computed with scheme version {old}. Recompute with the current version {new}? (No keeps version {old})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="467"/>
        <source>正在计算…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="482"/>
        <source>无法完成</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="490"/>
        <source>确认考核</source>
        <translation>Confirm the assessment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="490"/>
        <source>确认后本期考核结果冻结，需负责人重新开启才能修改。确认？</source>
        <translation>Once confirmed the period&apos;s scores are frozen until a manager reopens it. Confirm?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="518"/>
        <source>考核申诉</source>
        <translation>Appeal</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="518"/>
        <source>这张考核表没有可以申诉的扣分项。</source>
        <translation>This sheet has no deduction to appeal.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="553"/>
        <source>考核排名{period}.xlsx</source>
        <translation>assessment-ranking-{period}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="554"/>
        <source>导出考核排名</source>
        <translation>Export the ranking</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="554"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="560"/>
        <source>已导出 {count} 人。</source>
        <translation>Exported {count} people.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="566"/>
        <source>已保存新版本的考核方案，之后计算的考核周期按新版本计分。</source>
        <translation>A new version of the scheme is saved; periods computed from now on use it.</translation>
    </message>
</context>
<context>
    <name>AttachmentList</name>
    <message>
        <location filename="../../desktop/views/events/common.py" line="124"/>
        <source>添加照片或文件…</source>
        <translation>Add photos or files…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/common.py" line="125"/>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/common.py" line="142"/>
        <source>选择附件</source>
        <translation>Choose attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/common.py" line="144"/>
        <source>照片和文档 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.pdf *.doc *.docx *.xls *.xlsx *.txt);;所有文件 (*)</source>
        <translation>Photos and documents (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.pdf *.doc *.docx *.xls *.xlsx *.txt);;All files (*)</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="144"/>
        <source>摘要或对象中包含的文字</source>
        <translation>Text in the summary or object</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="148"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="149"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="150"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="151"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="152"/>
        <source>对象类型</source>
        <translation>Object type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="153"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="154"/>
        <source>关键字</source>
        <translation>Keyword</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="166"/>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="167"/>
        <source>逐条核对审计记录的哈希链，发现被改动或删除的记录</source>
        <translation>Checks the hash chain row by row to find altered or deleted records</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="200"/>
        <location filename="../../desktop/views/admin/audit_tab.py" line="203"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="224"/>
        <source>共 {n} 条记录</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="236"/>
        <source>审计记录 #{seq}</source>
        <translation>Audit record #{seq}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="265"/>
        <source>审计链完整</source>
        <translation>Audit chain intact</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="266"/>
        <source>已核对 {n} 条记录，没有发现改动。</source>
        <translation>{n} records checked; nothing was altered.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="271"/>
        <source>审计链被破坏</source>
        <translation>Audit chain broken</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="273"/>
        <source>第 {seq} 条记录与前后记录对不上，审计日志可能被改动或删除过，请报告信息化负责人。</source>
        <translation>Record {seq} does not match its neighbours: the audit log may have been altered or cut. Report this to the IT officer.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="276"/>
        <source>{findings}

请报告信息化负责人。</source>
        <translation>{findings}

Report this to the person in charge of IT.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="55"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="56"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="57"/>
        <source>工作站</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="58"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="59"/>
        <source>对象类型</source>
        <translation>Object type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="60"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="61"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="62"/>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="97"/>
        <source>{name}
编号：{id}</source>
        <translation>{name}
ID: {id}</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="131"/>
        <source>无法写入或读取文件：{error}</source>
        <translation>Cannot write or read the file: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="195"/>
        <source>程序每天第一次运行时自动备份一次，保留最近 14 天的每日备份和 12 个月的月备份；手动备份和升级前、恢复前的备份不会自动删除。每份备份包含数据库和全部附件，写完后逐项核对。建议每月另备份一份到 U 盘或其他电脑。</source>
        <translation>The program backs up once a day when it first runs and keeps the daily copies of the last 14 days and one per month for 12 months; manual backups and those made before an upgrade or a restore are never removed automatically. Each backup holds the database and every attachment and is checked item by item once written. Copy one to a USB drive or another computer every month.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="205"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="207"/>
        <source>备份到 backups 文件夹（Ctrl+B）</source>
        <translation>Back up to the backups folder (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="208"/>
        <source>备份到 U 盘或其他位置…</source>
        <translation>Back up to a USB drive or elsewhere…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="209"/>
        <source>检验所选备份</source>
        <translation>Check the selected backup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="210"/>
        <source>用所选备份恢复…</source>
        <translation>Restore the selected backup…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="211"/>
        <source>从备份文件恢复…</source>
        <translation>Restore from a backup file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="212"/>
        <source>打开备份文件夹</source>
        <translation>Open the backups folder</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="213"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="215"/>
        <source>选择 U 盘或其他文件夹，另存一份备份</source>
        <translation>Choose a USB drive or another folder for an extra copy</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="216"/>
        <source>重新读出所选备份的每一项，与制作时的校验值核对</source>
        <translation>Reads every item of the selected backup back against its checksums</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="217"/>
        <source>先在列表中选中一份完好的备份</source>
        <translation>Select a good backup in the list first</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="218"/>
        <source>从 U 盘等位置选择一个 .tcbak 备份文件恢复</source>
        <translation>Restore a .tcbak backup file from a USB drive or elsewhere</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="219"/>
        <source>重新读取备份文件夹（F5）</source>
        <translation>Read the backups folder again (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="228"/>
        <source>制作时间</source>
        <translation>Made at</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="228"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="228"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="228"/>
        <source>检验结果</source>
        <translation>Check result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="228"/>
        <source>乡镇</source>
        <translation>Town</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="229"/>
        <source>事件数</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="229"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="300"/>
        <source>共 {n} 份备份，其中 {good} 份完好。备份文件夹：{folder}</source>
        <translation>{n} backups, {good} of them good. Backups folder: {folder}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="326"/>
        <source>已备份到：
{path}
大小 {size}，用时 {seconds:.1f} 秒，已逐项核对。</source>
        <translation>Backed up to:
{path}
Size {size}, {seconds:.1f} s, checked item by item.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="332"/>
        <source>数据库有损坏</source>
        <translation>Database damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="335"/>
        <source>但完整性检查发现数据库有损坏：{problem}
请尽快联系技术人员。</source>
        <translation>But the integrity check found the database damaged: {problem}
Ask for support soon.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="340"/>
        <source>备份完成</source>
        <translation>Backup done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="353"/>
        <source>备份</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="354"/>
        <source>正在备份数据库和附件…</source>
        <translation>Backing up the database and attachments…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="362"/>
        <source>备份到</source>
        <translation>Back up to</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="362"/>
        <location filename="../../desktop/views/admin/backups_tab.py" line="402"/>
        <location filename="../../desktop/views/restore_flow.py" line="139"/>
        <source>综治工作台备份 (*.tcbak)</source>
        <translation>Workbench backups (*.tcbak)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="374"/>
        <location filename="../../desktop/views/admin/backups_tab.py" line="382"/>
        <source>检验备份</source>
        <translation>Check backup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="375"/>
        <source>{name} 完好：数据库和 {n} 个附件与制作时的校验值一致。</source>
        <translation>{name} is good: the database and {n} attachments match their checksums.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="383"/>
        <source>正在逐项核对备份文件…</source>
        <translation>Checking the backup file item by item…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="402"/>
        <source>选择备份文件</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="417"/>
        <source>其他乡镇的备份</source>
        <translation>Another town&apos;s backup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="418"/>
        <source>确实要用其他乡镇的数据替换本镇的数据吗？</source>
        <translation>Really replace this town&apos;s data with another town&apos;s?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="427"/>
        <source>不能恢复</source>
        <translation>Cannot restore</translation>
    </message>
</context>
<context>
    <name>BehindHouseholdModel</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="306"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="306"/>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="306"/>
        <source>户别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="306"/>
        <source>走访标准</source>
        <translation>Visit norm</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="306"/>
        <source>本期已走访</source>
        <translation>Visits this period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="307"/>
        <source>应走访</source>
        <translation>Visits due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="307"/>
        <source>最近走访</source>
        <translation>Last visit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="314"/>
        <source>无</source>
        <translation>None</translation>
    </message>
</context>
<context>
    <name>BehindWorkerModel</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="288"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="288"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="288"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="288"/>
        <source>巡查天数</source>
        <translation>Patrol days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="288"/>
        <source>应巡查</source>
        <translation>Days due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="289"/>
        <source>少巡查</source>
        <translation>Days short</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="289"/>
        <source>未达标住户</source>
        <translation>Households behind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="289"/>
        <source>本月走访</source>
        <translation>Visits this month</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desktop/views/login.py" line="138"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="150"/>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="153"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="156"/>
        <source>至少 8 位，同时包含字母和数字，不能包含用户名。</source>
        <translation>At least 8 characters with letters and digits, not containing the user name.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="158"/>
        <source>再输一次新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="160"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>ChartBox</name>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="81"/>
        <location filename="../../desktop/views/analysis/page.py" line="94"/>
        <source>导出图片</source>
        <translation>Export picture</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="82"/>
        <location filename="../../desktop/views/analysis/page.py" line="101"/>
        <source>导出数据</source>
        <translation>Export data</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="94"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="101"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="118"/>
        <location filename="../../desktop/views/analysis/page.py" line="120"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="120"/>
        <source>无法写入文件：{e}</source>
        <translation>Cannot write the file: {e}</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="41"/>
        <source>处理被拒收的记录：{label}</source>
        <translation>Settle a refused record: {label}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="41"/>
        <source>处理同步冲突：{label}</source>
        <translation>Settle a sync conflict: {label}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="47"/>
        <source>{type}“{label}”，{when} 发现。</source>
        <translation>{type} “{label}”, found {when}. </translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="52"/>
        <source>县级中心拒收了本镇的这条记录：{reason}。可以重新发送（例如已在本镇改正后），或不再发送。</source>
        <translation>The county hub refused this record: {reason}. Send it again (for example after correcting it here), or do not send it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="56"/>
        <source>本镇和县级中心都改动了这条记录。请对照两边的内容，决定保留哪一边；另一边的内容不会丢失，仍记录在本冲突中。</source>
        <translation>Both the town and the county hub changed this record. Compare the two and decide which to keep; the other is not lost, it stays on record with this conflict.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="58"/>
        <source>（未说明原因）</source>
        <translation>(no reason given)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="65"/>
        <source>有 {n} 个字段不同，已用底色标出并排在前面。</source>
        <translation>{n} field(s) differ; they are highlighted and listed first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="72"/>
        <source>例如：已电话核实，县级的更正为准</source>
        <translation>e.g. checked by phone: the county&apos;s correction stands</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="74"/>
        <source>处理理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="84"/>
        <source>重新发送</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="84"/>
        <source>不再发送</source>
        <translation>Do not send</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="86"/>
        <source>保留本镇的</source>
        <translation>Keep the town&apos;s</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="86"/>
        <source>采用县级的</source>
        <translation>Take the county&apos;s</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="94"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="108"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="109"/>
        <source>本镇的（版本 {v}）</source>
        <translation>Town&apos;s (version {v})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="110"/>
        <source>县级的（版本 {v}）</source>
        <translation>County&apos;s (version {v})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/conflict_dialog.py" line="114"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="94"/>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="95"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="96"/>
        <source>记录类型</source>
        <translation>Record type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="97"/>
        <source>不同之处或拒收原因</source>
        <translation>Differences or reason refused</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="98"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../desktop/views/crash.py" line="32"/>
        <source>程序出现意外错误</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../desktop/views/crash.py" line="37"/>
        <source>很抱歉，程序遇到了一个意外错误。您刚才保存的数据不会丢失，未保存的内容可能需要重新填写。
请把下面的日志文件发给信息化人员：</source>
        <translation>Sorry, the program met an unexpected error. What you saved is safe; unsaved input may need to be entered again.
Please send the log file below to your IT staff:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/crash.py" line="52"/>
        <source>复制错误详情</source>
        <translation>Copy error details</translation>
    </message>
    <message>
        <location filename="../../desktop/views/crash.py" line="55"/>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/crash.py" line="56"/>
        <source>继续使用</source>
        <translation>Continue</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="176"/>
        <source>本月</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="177"/>
        <source>上月</source>
        <translation>Last month</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="178"/>
        <source>本季度</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="179"/>
        <location filename="../../desktop/views/analysis/page.py" line="390"/>
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="180"/>
        <source>自定义时段</source>
        <translation>Custom range</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="197"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="203"/>
        <source>统计时段</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="222"/>
        <source>本时段没有事件</source>
        <translation>No events in this period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="233"/>
        <source>月度趋势（同比）</source>
        <translation>Monthly trend (year on year)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="234"/>
        <source>按状态</source>
        <translation>By state</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="235"/>
        <source>按来源渠道</source>
        <translation>By channel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="236"/>
        <source>按事项类别（前 {n} 项）</source>
        <translation>By category (top {n})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="237"/>
        <source>矛盾调解结果</source>
        <translation>Mediation outcomes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="240"/>
        <location filename="../../desktop/views/analysis/page.py" line="425"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="240"/>
        <location filename="../../desktop/views/analysis/page.py" line="343"/>
        <location filename="../../desktop/views/analysis/page.py" line="425"/>
        <source>事项类别</source>
        <translation>Matter category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="240"/>
        <location filename="../../desktop/views/analysis/page.py" line="425"/>
        <source>本期</source>
        <translation>This period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="240"/>
        <location filename="../../desktop/views/analysis/page.py" line="425"/>
        <source>上期</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="240"/>
        <location filename="../../desktop/views/analysis/page.py" line="425"/>
        <source>增减</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="254"/>
        <source>热点研判（网格 × 事项类别）</source>
        <translation>Hot spots (grid × category)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="287"/>
        <location filename="../../desktop/views/analysis/page.py" line="301"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="335"/>
        <source>{start} 至 {end}，与 {p_start} 至 {p_end} 比较</source>
        <translation>{start} to {end}, compared with {p_start} to {p_end}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="341"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="342"/>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="350"/>
        <source>本期事件</source>
        <translation>Events this period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="350"/>
        <source>{n} 件（上期 {p} 件，{c:+d}）</source>
        <translation>{n} (previous period {p}, {c:+d})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="354"/>
        <source>当前已超期</source>
        <translation>Overdue now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="355"/>
        <source>当前临期预警</source>
        <translation>Near the limit now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="356"/>
        <source>当前督办中</source>
        <translation>Supervised now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="363"/>
        <source>{n} 件</source>
        <translation>{n}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="369"/>
        <source>无结案</source>
        <translation>None concluded</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="370"/>
        <source>调解成功率</source>
        <translation>Mediation success rate</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="381"/>
        <source>单击查看这些事件</source>
        <translation>Click to see these events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="383"/>
        <source>调解案件不是事件，请在“矛盾调解”中查看</source>
        <translation>Mediation cases are not events: see them under Mediation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="390"/>
        <source>上年同月</source>
        <translation>Same month last year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="401"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="401"/>
        <source>同比增减</source>
        <translation>Change on last year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="412"/>
        <source>事件数</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="435"/>
        <source>书面协议</source>
        <translation>Written agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="436"/>
        <source>口头协议</source>
        <translation>Oral agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="437"/>
        <source>调解不成</source>
        <translation>No agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="443"/>
        <source>调解结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/views/analysis/page.py" line="443"/>
        <source>案件数</source>
        <translation>Cases</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="214"/>
        <source>批准</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="216"/>
        <source>审批意见</source>
        <translation>Comment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="217"/>
        <source>驳回</source>
        <translation>Refuse</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="39"/>
        <source>新增部门</source>
        <translation>New department</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="39"/>
        <source>修改部门</source>
        <translation>Edit department</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="53"/>
        <source>部门编码</source>
        <translation>Department code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="53"/>
        <source>例如 ZJ20，保存后不能修改。</source>
        <translation>e.g. ZJ20; cannot change once saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="55"/>
        <source>部门名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="56"/>
        <source>部门类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="57"/>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="58"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="59"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="61"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>DepartmentsTab</name>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="85"/>
        <source>全部类型</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="89"/>
        <source>部门名称、联系人或编码</source>
        <translation>Department name, contact or code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="93"/>
        <source>新增部门</source>
        <translation>New department</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="94"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="102"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="103"/>
        <source>部门名称</source>
        <translation>Department name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="104"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="105"/>
        <source>联系人</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="106"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="107"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="108"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/departments_tab.py" line="150"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="52"/>
        <source>导入前核对：事项清单 {version}</source>
        <translation>Check before import: matter list {version}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="56"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="58"/>
        <source>当前版本 {current} → 新版本 {new}（{date} {publisher}）。{summary}。</source>
        <translation>Current version {current} → new version {new} ({date} {publisher}). {summary}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="74"/>
        <source>点击“{apply}”后以上变化一次性生效；停用的事项不会删除，已有事件的分类保持不变。</source>
        <translation>“{apply}” makes all the changes above at once; retired items are not deleted and existing events keep their classification.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="97"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="116"/>
        <location filename="../../desktop/views/matters/import_dialog.py" line="140"/>
        <location filename="../../desktop/views/matters/import_dialog.py" line="158"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="117"/>
        <location filename="../../desktop/views/matters/import_dialog.py" line="140"/>
        <location filename="../../desktop/views/matters/import_dialog.py" line="158"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="118"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="119"/>
        <source>层级</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="120"/>
        <source>时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="121"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="124"/>
        <source>新增 {n}</source>
        <translation>Added {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="128"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="140"/>
        <location filename="../../desktop/views/matters/import_dialog.py" line="158"/>
        <source>变化</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="144"/>
        <source>变更 {n}</source>
        <translation>Changed {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="149"/>
        <source>停用 {n}</source>
        <translation>Retired {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="153"/>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="154"/>
        <source>变更</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="158"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="160"/>
        <source>部门 {n}</source>
        <translation>Departments {n}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="75"/>
        <location filename="../../desktop/views/matters/import_dialog.py" line="83"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="85"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../../desktop/views/events/duplicates_dialog.py" line="34"/>
        <source>可能是重复上报</source>
        <translation>Possibly a repeated report</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/duplicates_dialog.py" line="39"/>
        <source>以下事件与本次反映的可能是同一件事（同一网格、同一事项 7 日内，或标题相似）。请核对地址、反映人和时间：如果是同一件事，选中后点“关联到所选事件”（Alt+L），不再新建事件；不是的，按回车仍然登记为新事件。</source>
        <translation>These events may be the same matter as this report (same grid and matter item within 7 days, or a similar title). Compare address, reporter and time: if it is the same, select it and click “Link to the selected event” (Alt+L) instead of registering a new event; if not, press Enter to register it as a new event.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/duplicates_dialog.py" line="56"/>
        <source>关联到所选事件(&amp;L)</source>
        <translation>&amp;Link to the selected event</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/duplicates_dialog.py" line="57"/>
        <source>仍然登记为新事件</source>
        <translation>Register as a new event anyway</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/duplicates_dialog.py" line="58"/>
        <source>返回修改</source>
        <translation>Go back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/duplicates_dialog.py" line="75"/>
        <source>{number}&#x3000;{title}
上报时间：{reported}&#x3000;状态：{state}&#x3000;事项：{matter}
地址：{address}&#x3000;反映人：{reporter}
（{reason}）</source>
        <translation>{number}  {title}
Reported: {reported}  State: {state}  Matter: {matter}
Address: {address}  Reporter: {reporter}
({reason})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/duplicates_dialog.py" line="83"/>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/duplicates_dialog.py" line="84"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
</context>
<context>
    <name>DutyPage</name>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="164"/>
        <source>◀ 上月</source>
        <translation>◀ Previous month</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="169"/>
        <source>下月 ▶</source>
        <translation>Next month ▶</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="183"/>
        <source>值班表</source>
        <translation>Duty rota</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="184"/>
        <source>考勤</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="185"/>
        <source>请假</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="187"/>
        <source>巡查走访</source>
        <translation>Patrols &amp; visits</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="213"/>
        <source>生成值班表…</source>
        <translation>Generate rota…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="214"/>
        <source>新增值班…</source>
        <translation>Add duty…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="215"/>
        <source>换人…</source>
        <translation>Change person…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="216"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="217"/>
        <source>申请调班…</source>
        <translation>Request swap…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="218"/>
        <source>审批调班…</source>
        <translation>Decide swap…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="219"/>
        <source>打印值班表…</source>
        <translation>Print rota…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="231"/>
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="233"/>
        <location filename="../../desktop/views/duty/page.py" line="312"/>
        <source>全镇</source>
        <translation>Whole town</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="243"/>
        <source>导入打卡文件…</source>
        <translation>Import punch file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="244"/>
        <source>手工打卡…</source>
        <translation>Punch at the desk…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="245"/>
        <source>补签申请…</source>
        <translation>Request correction…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="246"/>
        <source>审批补签…</source>
        <translation>Decide correction…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="247"/>
        <source>作息时间…</source>
        <translation>Work schedule…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="248"/>
        <source>考勤号码…</source>
        <translation>Attendance number…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="249"/>
        <source>打卡文件列对应…</source>
        <translation>Punch file columns…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="250"/>
        <source>打印考勤表…</source>
        <translation>Print attendance sheet…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="251"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="265"/>
        <source>请假申请…</source>
        <translation>Request leave…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="266"/>
        <source>审批…</source>
        <translation>Decide…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="267"/>
        <source>销假…</source>
        <translation>Report back…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="284"/>
        <source>{year}年{month}月</source>
        <translation>{year}-{month}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="285"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="320"/>
        <source>本月尚未开始。</source>
        <translation>This month has not begun.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="322"/>
        <source>统计至 {day}。</source>
        <translation>Counted up to {day}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="324"/>
        <source>本月超出节假日表，按周末计算。</source>
        <translation>This month is beyond the holiday table; weekends only are counted as days off.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="341"/>
        <source>请先选择</source>
        <translation>Choose first</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="341"/>
        <source>请先在列表中选择一行。</source>
        <translation>Choose a row in the list first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="362"/>
        <source>有日子无人值班</source>
        <translation>Days without anyone on duty</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="363"/>
        <source>这些日子没有可排的人员：{days}</source>
        <translation>Nobody was free on these days: {days}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="382"/>
        <source>删除值班</source>
        <translation>Delete duty</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="383"/>
        <source>删除 {day} {name} 的值班？</source>
        <translation>Delete {name}&apos;s duty on {day}?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="389"/>
        <source>无法完成</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="403"/>
        <location filename="../../desktop/views/duty/page.py" line="411"/>
        <source>审批调班</source>
        <translation>Decide swap</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="403"/>
        <source>这个班次没有待审批的调班申请。</source>
        <translation>This duty has no swap awaiting approval.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="405"/>
        <source>{day} {shift}：{a} 调给 {b}。理由：{reason}</source>
        <translation>{day} {shift}: {a} hands over to {b}. Reason: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="432"/>
        <source>导入打卡文件</source>
        <translation>Import punch file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="433"/>
        <source>考勤机文件 (*.dat *.txt *.csv *.xlsx *.xls);;所有文件 (*)</source>
        <translation>Attendance machine files (*.dat *.txt *.csv *.xlsx *.xls);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="438"/>
        <source>正在读取文件…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="459"/>
        <source>正在检查文件…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="479"/>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="490"/>
        <source>文件 {rows} 条：新增 {added} 条</source>
        <translation>{rows} punches in the file: {added} new</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="492"/>
        <source>，其余 {count} 条已导入过</source>
        <translation>, {count} imported before</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="494"/>
        <source>，跳过未登记号码 {numbers} 的 {skipped} 条</source>
        <translation>, {skipped} of unregistered numbers {numbers} skipped</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="497"/>
        <source>。</source>
        <translation>.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="499"/>
        <source>新登记：{list}</source>
        <translation>Newly registered: {list}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="502"/>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="509"/>
        <source>考勤表{year}-{month:02d}.xlsx</source>
        <translation>attendance-{year}-{month:02d}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="510"/>
        <source>导出考勤表</source>
        <translation>Export attendance sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="510"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="518"/>
        <source>已导出 {count} 人。</source>
        <translation>Exported {count} people.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="539"/>
        <source>补签申请已提交。</source>
        <translation>Correction request submitted.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="539"/>
        <location filename="../../desktop/views/duty/page.py" line="571"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="545"/>
        <location filename="../../desktop/views/duty/page.py" line="556"/>
        <source>审批补签</source>
        <translation>Decide correction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="545"/>
        <source>没有待审批的补签申请。</source>
        <translation>No correction awaits approval.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="548"/>
        <source>{name} {at}：{reason}（还有 {more} 条待审批）</source>
        <translation>{name} {at}: {reason} ({more} more awaiting approval)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="584"/>
        <source>{name} {kind} {start} 至 {end}，共 {days} 天（{level}审批）。{reason}</source>
        <translation>{name} {kind} {start} to {end}, {days} days (approved by {level}). {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="590"/>
        <source>审批请假</source>
        <translation>Decide leave</translation>
    </message>
</context>
<context>
    <name>EndDialog</name>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="190"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="192"/>
        <source>最后在岗日期</source>
        <translation>Last day in post</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="159"/>
        <source>修改值班</source>
        <translation>Change duty</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="159"/>
        <source>新增值班</source>
        <translation>Add duty</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="159"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="162"/>
        <source>值班人员</source>
        <translation>On duty</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="165"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="168"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="169"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="171"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
</context>
<context>
    <name>EventDetailDialog</name>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="151"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="151"/>
        <source>环节</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="151"/>
        <source>办理人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="151"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="151"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="167"/>
        <source>双击打开附件</source>
        <translation>Double-click to open an attachment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="175"/>
        <source>事件详情 — {number}</source>
        <translation>Event — {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="180"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="181"/>
        <source>临期预警（已过 80% 时限）</source>
        <translation>Due soon (80% of the limit passed)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="182"/>
        <source>督办中</source>
        <translation>Under supervision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="217"/>
        <source>尚未交办</source>
        <translation>Not dispatched yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="250"/>
        <source>（超出节假日表，按正常周计算）</source>
        <translation> (beyond the holiday table; counted as normal weeks)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="200"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="204"/>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="205"/>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="206"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="207"/>
        <source>发生时间</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="208"/>
        <source>登记时间</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="209"/>
        <source>村（社区）/ 网格</source>
        <translation>Village / grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="210"/>
        <source>详细地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="211"/>
        <source>事项</source>
        <translation>Matter item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="212"/>
        <source>领域 / 类别</source>
        <translation>Domain / category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="213"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="214"/>
        <source>涉及人数</source>
        <translation>People involved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="215"/>
        <source>处置层级</source>
        <translation>Loop</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="216"/>
        <source>事情经过</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="217"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="218"/>
        <source>交办时间</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="219"/>
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="220"/>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="221"/>
        <source>回访满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="222"/>
        <source>返工 / 退回</source>
        <translation>Rework / returned</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="222"/>
        <source>{r} 次 / {b} 次</source>
        <translation>{r} / {b}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="223"/>
        <source>结案时间</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="244"/>
        <source>交办给 {target}</source>
        <translation>Dispatched to {target}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="246"/>
        <source>，时限 {days} 个工作日</source>
        <translation>, limit {days} working days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="248"/>
        <source>，期限 {deadline}</source>
        <translation>, due {deadline}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="252"/>
        <source>申请延期 {days} 个工作日</source>
        <translation>Asked for {days} more working days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="255"/>
        <source>同意延期 {days} 个工作日，新期限 {deadline}</source>
        <translation>Extension of {days} working days granted, now due {deadline}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="259"/>
        <source>不同意延期</source>
        <translation>Extension refused</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="262"/>
        <source>批准人：{name}</source>
        <translation>Approved by {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="264"/>
        <source>期限顺延 {days} 个工作日</source>
        <translation>Deadline moved by {days} working days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="267"/>
        <source>，原因：{r}</source>
        <translation>, reason: {r}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="270"/>
        <source>核查通过</source>
        <translation>Verification passed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="270"/>
        <source>核查不通过，退回返工</source>
        <translation>Verification failed, sent back for rework</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="272"/>
        <source>满意度：{s}</source>
        <translation>Satisfaction: {s}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="274"/>
        <source>反映人：{who}</source>
        <translation>Reporter: {who}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="279"/>
        <source>办理过程（{n}）</source>
        <translation>Timeline ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="305"/>
        <source>附件（{n}，双击打开）</source>
        <translation>Attachments ({n}, double-click to open)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="307"/>
        <source>附件：无</source>
        <translation>Attachments: none</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="314"/>
        <source>{name}
{kind}，{size} KB
SHA-256：{sha}</source>
        <translation>{name}
{kind}, {size} KB
SHA-256: {sha}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="324"/>
        <source>找不到附件</source>
        <translation>Attachment missing</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="324"/>
        <source>附件文件不在数据文件夹中：
{p}</source>
        <translation>The attachment file is not in the data folder:
{p}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="364"/>
        <source>转人民调解</source>
        <translation>Refer to mediation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="395"/>
        <source>本事件已办结，无需再办理。</source>
        <translation>This event is finished; nothing more to do.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="378"/>
        <source>打印交办单</source>
        <translation>Print dispatch sheet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="381"/>
        <source>打印督办通知</source>
        <translation>Print supervision notice</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="387"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="401"/>
        <source>您的角色（{roles}）不能办理此事件：需要“{permissions}”权限。</source>
        <translation>Your role ({roles}) cannot handle this event: it needs the permission “{permissions}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="402"/>
        <source>无角色</source>
        <translation>no role</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="405"/>
        <source>事件处于“{state}”状态，当前没有可办理的环节。</source>
        <translation>The event is “{state}”: there is no step to take now.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/detail_dialog.py" line="449"/>
        <source>无法显示</source>
        <translation>Cannot show the event</translation>
    </message>
</context>
<context>
    <name>EventPage</name>
    <message>
        <location filename="../../desktop/views/events/page.py" line="272"/>
        <source>编号，或标题、经过、地址中的字词</source>
        <translation>Number, or words from title, account, address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="274"/>
        <source>输入事件编号（可从单据复制），或标题、经过、地址中的字词，如：漏水、消防通道</source>
        <translation>Type an event number (copy it from a slip), or words from the title, account or address, e.g. leak, fire lane</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="278"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="287"/>
        <source>全部渠道</source>
        <translation>All channels</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="290"/>
        <source>全部紧急程度</source>
        <translation>All urgencies</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="293"/>
        <source>全部督办颜色</source>
        <translation>All colours</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="294"/>
        <source>红色（已超期）</source>
        <translation>Red (overdue)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="295"/>
        <source>黄色（临期）</source>
        <translation>Yellow (due soon)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="296"/>
        <source>人工督办</source>
        <translation>Supervised by hand</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="297"/>
        <source>只看超期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="305"/>
        <source>全部事项类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="623"/>
        <source>全部村（社区）</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="314"/>
        <source>清空条件</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="280"/>
        <source>未结案</source>
        <translation>Not closed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="281"/>
        <source>已结案、不予受理以外的全部事件</source>
        <translation>Every event except closed and not accepted ones</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="282"/>
        <source>处置阶段</source>
        <translation>Being handled</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="283"/>
        <source>已分拨、处置中、已退回</source>
        <translation>Dispatched, in progress or returned</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="317"/>
        <source>事项类别、村（社区）、网格和上报日期</source>
        <translation>Matter category, village (community), grid and report dates</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="324"/>
        <source>上报日期</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="342"/>
        <source>登记事件</source>
        <translation>New event</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="346"/>
        <source>查看/办理</source>
        <translation>Open / handle</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="347"/>
        <source>在列表中按回车或双击</source>
        <translation>Enter or double-click in the list</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="348"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="351"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="352"/>
        <source>按当前的筛选条件和排序导出全部结果</source>
        <translation>Exports every row of the current filter, in the current order</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="356"/>
        <source>取消待办筛选</source>
        <translation>Clear to-do filter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="408"/>
        <source>清空条件，显示全部事件</source>
        <translation>Clear the filters and show every event</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="475"/>
        <source>收起条件</source>
        <translation>Fewer filters</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="479"/>
        <source>更多条件（已选 {n} 项）</source>
        <translation>More filters ({n} set)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="479"/>
        <source>更多条件</source>
        <translation>More filters</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="506"/>
        <source>不限</source>
        <translation>Any</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="545"/>
        <location filename="../../desktop/views/events/page.py" line="843"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="548"/>
        <source>共 {n} 条</source>
        <translation>{n} events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="554"/>
        <source>「{title}」现在没有事件。</source>
        <translation>No events under “{title}” now.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="556"/>
        <source>没有找到符合条件的事件。可以换个说法搜索，或减少筛选条件。</source>
        <translation>No event matches. Try other words, or fewer filters.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="558"/>
        <source>还没有事件。按 Ctrl+N 登记第一件事件。</source>
        <translation>No events yet. Press Ctrl+N to register the first one.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="631"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="750"/>
        <source>待办：{title}</source>
        <translation>To do: {title}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="750"/>
        <source>统计：{title}</source>
        <translation>Statistics: {title}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="832"/>
        <source>导出事件</source>
        <translation>Export events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="832"/>
        <source>事件列表-{day}.xlsx</source>
        <translation>events-{day}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="833"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="843"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="844"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="859"/>
        <source>正在导出：{done} / {total} 条</source>
        <translation>Exporting: {done} / {total}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="870"/>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="870"/>
        <source>已导出 {n} 条事件到：
{path}</source>
        <translation>Exported {n} events to:
{path}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="875"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="877"/>
        <source>无法导出</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="879"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="879"/>
        <source>无法写入文件：{e}</source>
        <translation>Cannot write the file: {e}</translation>
    </message>
</context>
<context>
    <name>EventSteps</name>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="54"/>
        <source>尚未交办</source>
        <translation>Not dispatched yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="55"/>
        <source>{date}（{days} 个工作日）</source>
        <translation>{date} ({days} working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="59"/>
        <source>，延期申请待审批</source>
        <translation>, extension request pending</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="61"/>
        <source>（超出节假日表，按正常周计算）</source>
        <translation> (beyond the holiday table; counted as normal weeks)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="76"/>
        <source>受理事件</source>
        <translation>Accept the event</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="76"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="76"/>
        <location filename="../../desktop/views/events/step_dialogs.py" line="89"/>
        <location filename="../../desktop/views/events/step_dialogs.py" line="110"/>
        <location filename="../../desktop/views/events/step_dialogs.py" line="243"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="82"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="82"/>
        <location filename="../../desktop/views/events/step_dialogs.py" line="103"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="84"/>
        <source>不属于本中心受理范围或不构成事件的，写明理由后办结。</source>
        <translation>Not the centre&apos;s business or not an event: give the reason and it is finished.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="89"/>
        <source>签收</source>
        <translation>Sign for</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="91"/>
        <source>承办单位签收后进入“处置中”。不属于本单位职责的，请用“退回”并写明理由。</source>
        <translation>Once signed for, the event is in progress. If it is not your unit&apos;s business, use “Send back” with the grounds.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="96"/>
        <source>退回</source>
        <translation>Send back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="96"/>
        <source>退回理由</source>
        <translation>Grounds</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="98"/>
        <source>退回后由中心重新分拨。</source>
        <translation>The centre dispatches it again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="103"/>
        <source>挂账缓办</source>
        <translation>Postpone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="103"/>
        <source>挂账</source>
        <translation>Postpone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="105"/>
        <source>挂账期间办理时限停止计算，恢复办理后期限顺延。</source>
        <translation>The time limit stops while postponed; the deadline moves on when handling resumes.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="110"/>
        <source>恢复办理</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="116"/>
        <source>结案</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="116"/>
        <source>结案说明</source>
        <translation>Closing note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="122"/>
        <source>上报县级</source>
        <translation>Escalate to the county</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="122"/>
        <source>上报</source>
        <translation>Escalate</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="122"/>
        <source>需县级解决的问题</source>
        <translation>What the county must solve</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="124"/>
        <source>乡镇无法解决的，上报县级中心协调（大循环），等待县级交办或退回。</source>
        <translation>What the town cannot solve goes to the county centre (large loop); it waits for the county&apos;s assignment or return.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="129"/>
        <source>督办</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="129"/>
        <source>督办要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="135"/>
        <source>催办</source>
        <translation>Remind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="135"/>
        <source>催办内容</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="137"/>
        <source>期限：{deadline}</source>
        <translation>Deadline: {deadline}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="141"/>
        <source>请抓紧办理，按期反馈。</source>
        <translation>Please handle it promptly and report back in time.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="145"/>
        <source>分拨交办</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="145"/>
        <source>交办</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="147"/>
        <source>事项“{item}”，紧急程度：{urgency}。办理期限按工作日从今天起算。</source>
        <translation>Matter item “{item}”, urgency: {urgency}. The deadline counts working days from today.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="159"/>
        <location filename="../../desktop/views/events/step_dialogs.py" line="167"/>
        <source>部门：{name}</source>
        <translation>Department: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="163"/>
        <source>网格：{grid}（{community}）</source>
        <translation>Grid: {grid} ({community})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="170"/>
        <source>承办单位</source>
        <translation>Handling unit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="171"/>
        <source>可输入文字查找部门或网格。</source>
        <translation>Type to find a department or grid.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="171"/>
        <source>已按事项预选牵头部门。</source>
        <translation> The item&apos;s lead department is preselected.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="178"/>
        <source>另定时限</source>
        <translation>Set another limit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="182"/>
        <location filename="../../desktop/views/events/step_dialogs.py" line="222"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="192"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="193"/>
        <source>默认 {n} 个工作日（按事项时限和紧急程度，0 表示当日办结）。</source>
        <translation>Default {n} working days (from the item&apos;s limit and the urgency; 0 means the same day).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="195"/>
        <source>交办意见</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="217"/>
        <source>申请延期</source>
        <translation>Request extension</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="217"/>
        <source>提交申请</source>
        <translation>Submit request</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="218"/>
        <source>当前期限：{deadline}</source>
        <translation>Current deadline: {deadline}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="219"/>
        <source>延期天数</source>
        <translation>Extra days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="223"/>
        <source>延期理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="230"/>
        <source>延期审批</source>
        <translation>Decide extension</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="230"/>
        <location filename="../../desktop/views/events/step_dialogs.py" line="272"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="234"/>
        <source>{who} 申请延期 {days} 个工作日：{reason}
当前期限：{deadline}</source>
        <translation>{who} asks for {days} more working days: {reason}
Current deadline: {deadline}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="240"/>
        <source>审批意见</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="241"/>
        <source>同意延期</source>
        <translation>Grant the extension</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="241"/>
        <source>不同意延期</source>
        <translation>Extension refused</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="250"/>
        <source>办结反馈</source>
        <translation>Report done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="250"/>
        <source>提交反馈</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="252"/>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="255"/>
        <source>办理情况</source>
        <translation>What was done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="257"/>
        <source>未解决原因</source>
        <translation>Why not solved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="258"/>
        <source>“已办结未解决”的必须写明原因，统计时单独计算。</source>
        <translation>“Completed but not solved” needs the reason; statistics count it separately.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="263"/>
        <source>处置前后照片</source>
        <translation>Before/after photos</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="272"/>
        <source>核查</source>
        <translation>Verify</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="274"/>
        <source>承办单位反馈：{outcome}</source>
        <translation>The handling unit reports: {outcome}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="277"/>
        <source>核查结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="278"/>
        <source>核查通过</source>
        <translation>Verification passed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="278"/>
        <source>不通过，退回返工</source>
        <translation>Failed, send back for rework</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="281"/>
        <source>核查情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="281"/>
        <source>不通过的，写明存在的问题。</source>
        <translation>If it failed, say what is wrong.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="289"/>
        <source>回访</source>
        <translation>Call back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="289"/>
        <source>保存回访</source>
        <translation>Save call-back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="291"/>
        <source>回访反映人：{name}&#x3000;{phone}</source>
        <translation>Call the reporter: {name}  {phone}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="293"/>
        <source>满意程度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="296"/>
        <source>回访记录</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/step_dialogs.py" line="297"/>
        <source>“不满意”的记录群众意见，事件退回重新办理。</source>
        <translation>For “dissatisfied”, record the complaint; the event goes back for handling.</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="118"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="118"/>
        <source>上报时间</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="118"/>
        <source>渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="118"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="118"/>
        <source>村（社区）</source>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="119"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="119"/>
        <source>事项类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="119"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="119"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="119"/>
        <source>办理期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="120"/>
        <source>督办</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/event_model.py" line="123"/>
        <source>{name}（这一列不能排序）</source>
        <translation>{name} (this column cannot be sorted)</translation>
    </message>
</context>
<context>
    <name>FieldForm</name>
    <message>
        <location filename="../../desktop/views/forms.py" line="282"/>
        <source>最多 {limit} 字，现有 {count} 字，请删减。</source>
        <translation>At most {limit} characters; this has {count}. Please shorten it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/forms.py" line="314"/>
        <source>Tab 离开此项；← → 在年、月、日、时、分之间移动，↑ ↓ 调整。</source>
        <translation>Tab leaves this box; ← → move between year, month, day, hour and minute, ↑ ↓ change the value.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/forms.py" line="349"/>
        <source>Tab 离开此项；← → 在年、月、日之间移动，↑ ↓ 调整。</source>
        <translation>Tab leaves this box; ← → move between year, month and day, ↑ ↓ change the value.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/forms.py" line="421"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/forms.py" line="474"/>
        <source>改动不会保存，确定放弃吗？</source>
        <translation>The changes will not be saved. Discard them?</translation>
    </message>
</context>
<context>
    <name>FileErrorsDialog</name>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="169"/>
        <source>文件有错误，未导入</source>
        <translation>The file has errors; nothing imported</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="173"/>
        <source>“{file}”中有 {n} 处错误，没有导入任何内容。请改正后重新导入：</source>
        <translation>“{file}” has {n} error(s); nothing was imported. Correct them and import again:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/import_dialog.py" line="183"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/views/first_run.py" line="125"/>
        <source>综治工作台 — 首次使用设置</source>
        <translation>Town Centre Workbench — first-run setup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="136"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="137"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="138"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="139"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GenerateDialog</name>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="102"/>
        <source>生成值班表</source>
        <translation>Generate rota</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="102"/>
        <source>生成</source>
        <translation>Generate</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="104"/>
        <source>按轮换排班：每人值班次数相差不超过一次，已批准请假的日子不排。请勾选值班员和带班领导。</source>
        <translation>Duties rotate: nobody gets more than one duty above anyone else, and nobody is put on a day of approved leave. Tick the officers and the leaders on duty.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="109"/>
        <source>

目前没有可排班的人员：值班人员是“网格与人员”中岗位为“中心工作人员”的人员，请先在那里添加。</source>
        <translation>

Nobody can be put on duty yet: the rota takes the people whose post is “centre staff” under Grids and people; add them there first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="113"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="114"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="115"/>
        <source>排班日期</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="117"/>
        <source>每天</source>
        <translation>Every day</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="118"/>
        <source>仅工作日</source>
        <translation>Working days only</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="119"/>
        <source>仅休息日和节假日</source>
        <translation>Days off and holidays only</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="122"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="124"/>
        <source>白班和夜班各排一人</source>
        <translation>One person for the day shift and one for the night</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="127"/>
        <source>值班员</source>
        <translation>Duty officers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="129"/>
        <source>带班领导</source>
        <translation>Leaders on duty</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="130"/>
        <source>替换这段时间已有的值班安排</source>
        <translation>Replace the duties already in this period</translation>
    </message>
</context>
<context>
    <name>GridDialog</name>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="59"/>
        <source>修改网格</source>
        <translation>Edit grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="59"/>
        <source>新增网格</source>
        <translation>New grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="59"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="63"/>
        <source>网格序号</source>
        <translation>Grid number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="67"/>
        <source>网格代码由村（社区）代码加 3 位序号组成，停用后不再使用。</source>
        <translation>A grid&apos;s code is the village/community code plus a 3-digit number; a retired grid&apos;s code is never reused.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="72"/>
        <source>网格名称</source>
        <translation>Grid name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="74"/>
        <source>网格类型</source>
        <translation>Grid kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="76"/>
        <source>专属网格类别</source>
        <translation>Dedicated grid type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="77"/>
        <source>（不适用）</source>
        <translation>(not applicable)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="79"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="80"/>
        <source>人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="84"/>
        <source>四至范围</source>
        <translation>Boundaries</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="89"/>
        <source>覆盖区域</source>
        <translation>Places covered</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="91"/>
        <source>小区、楼栋、村民小组、市场等，每行一处。</source>
        <translation>Compounds, buildings, villagers&apos; groups, markets…, one per line.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="63"/>
        <source>事项变更历史 — {code} {name}</source>
        <translation>Item history — {code} {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="69"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="69"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="69"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="69"/>
        <source>变化</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="74"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="84"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HolidaysTab</name>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="44"/>
        <source>事件的办理期限按工作日计算：周末和法定节假日不计，调休上班的周末计入。节假日表来自国家公布的安排，县级中心可同步更新；这里可以逐日修改。</source>
        <translation>Event deadlines count working days: weekends and public holidays are off, make-up working weekends count. The table follows the official schedule, the county centre can update it through sync, and it can be edited day by day here.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="68"/>
        <source>年份</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="86"/>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="108"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="86"/>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="86"/>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="109"/>
        <source>安排</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="86"/>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="110"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="95"/>
        <source>修改某一天</source>
        <translation>Change a day</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="103"/>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="134"/>
        <source>放假（休）</source>
        <translation>Holiday (休)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="104"/>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="134"/>
        <source>调休上班（班）</source>
        <translation>Make-up workday (班)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="105"/>
        <source>恢复为普通日（周一至周五上班，周末休息）</source>
        <translation>Normal day (Mon–Fri work, weekends off)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="107"/>
        <source>如：国庆节、春节调休上班</source>
        <translation>e.g. 国庆节, 春节调休上班</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="110"/>
        <source>周末放假的必须写明节日名称。</source>
        <translation>A weekend holiday needs the holiday&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="113"/>
        <source>保存这一天</source>
        <translation>Save this day</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="114"/>
        <source>删除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="128"/>
        <source>周一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="128"/>
        <source>周二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="128"/>
        <source>周三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="128"/>
        <source>周四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="128"/>
        <source>周五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="128"/>
        <source>周六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="129"/>
        <source>周日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="152"/>
        <source>{year} 年：放假 {h} 天，调休上班 {w} 天</source>
        <translation>{year}: {h} holidays, {w} make-up workdays</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="158"/>
        <source>{year} 年不在节假日表中：该年的办理期限按正常周（周一至周五上班）计算，并在事件中标注“超出节假日表”。国家公布安排后，请在此录入或等待县级中心同步。</source>
        <translation>{year} is not in the holiday table: its deadlines count normal weeks (Mon–Fri) and events are flagged “beyond the holiday table”. Enter the official schedule here once published, or wait for the county&apos;s sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="193"/>
        <source>已保存：{day}</source>
        <translation>Saved: {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="207"/>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="208"/>
        <source>把 {day} 恢复为普通日（按星期几决定上班或休息）？</source>
        <translation>Make {day} a normal day again (work or rest by its weekday)?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="215"/>
        <source>无法完成</source>
        <translation>Cannot complete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/holidays_tab.py" line="217"/>
        <source>已恢复为普通日：{day}</source>
        <translation>Back to a normal day: {day}</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="191"/>
        <source>新增住户</source>
        <translation>Add household</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="191"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="192"/>
        <source>走访按户别的走访标准计算；户主姓名和电话按个人信息保护显示。</source>
        <translation>Visits are counted against the norm of the household&apos;s category; the head&apos;s name and phone are shown as personal-data rules allow.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="194"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="198"/>
        <source>户名或门牌</source>
        <translation>Household or house number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="200"/>
        <source>户别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="202"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="203"/>
        <source>户主</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="204"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="205"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="72"/>
        <source>登记事件</source>
        <translation>Register an event</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="110"/>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="113"/>
        <location filename="../../desktop/views/events/intake_dialog.py" line="143"/>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="115"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="115"/>
        <source>匿名反映（不留姓名和电话）</source>
        <translation>Anonymous report (no name or phone)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="120"/>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="123"/>
        <location filename="../../desktop/views/events/intake_dialog.py" line="282"/>
        <source>匿名反映可不填。</source>
        <translation>Not needed for an anonymous report.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="126"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="128"/>
        <source>手机号或固定电话</source>
        <translation>Mobile or landline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="131"/>
        <source>发生时间</source>
        <translation>Occurred</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="132"/>
        <source>默认为现在。</source>
        <translation>Defaults to now.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="138"/>
        <source>村（社区）</source>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="144"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="145"/>
        <source>详细地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="146"/>
        <source>路名门牌、小区楼幢或村民小组</source>
        <translation>Street and number, building, or villagers&apos; group</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="148"/>
        <source>事项</source>
        <translation>Matter item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="154"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="156"/>
        <source>一句话说明什么事，如“3 幢楼道堆物堵塞消防通道”</source>
        <translation>One line saying what it is, e.g. “stairwell of block 3 blocked by clutter”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="158"/>
        <source>事情经过</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="159"/>
        <source>时间、地点、人物、起因和诉求。在此框内按 Ctrl+Enter 保存。</source>
        <translation>When, where, who, why, and what is asked. Press Ctrl+Enter here to save.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="161"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="163"/>
        <source>涉及人数</source>
        <translation>People involved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="165"/>
        <source> 人</source>
        <translation> people</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="166"/>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="168"/>
        <source>微循环</source>
        <translation>Micro loop</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="168"/>
        <source>现场已解决（微循环）</source>
        <translation>Solved on the spot (micro loop)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="171"/>
        <source>处置情况</source>
        <translation>What was done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="172"/>
        <source>网格员已在现场解决的，写明怎么解决的；登记后直接结案。</source>
        <translation>If the grid worker solved it on the spot, say how; the event is closed on saving.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="188"/>
        <source>登记（Ctrl+Enter）</source>
        <translation>Register (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="191"/>
        <source>单行框里按 Enter 跳到下一个没填的必填项，必填项都填好后按 Enter 登记；任何时候 Ctrl+Enter 登记。</source>
        <translation>In a one-line box, Enter goes to the next required field still empty; once all required fields are filled, Enter registers. Ctrl+Enter registers at any time.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="195"/>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="269"/>
        <source>（不指定网格）</source>
        <translation>(no grid)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="284"/>
        <source>网格员上报：先选村（社区）和网格，再填网格员姓名。</source>
        <translation>Grid worker report: choose the village (community) and grid first, then the grid worker&apos;s name.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="288"/>
        <source>✓ 本网格在岗人员（{posts}），计入其上报考核。</source>
        <translation>✓ A worker of this grid ({posts}): the report counts in their assessment.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="292"/>
        <source>本网格有 {n} 人同名，此上报不能计入某一人的考核。</source>
        <translation>{n} people of this grid share the name: the report cannot count for one of them.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="294"/>
        <source>⚠ 不是本网格在岗的网格人员，此上报不计入网格员考核；请核对姓名和网格。</source>
        <translation>⚠ Not a worker of this grid: the report will not count in a grid worker&apos;s assessment. Check the name and the grid.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="345"/>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="367"/>
        <source>事件已登记，编号：{number}</source>
        <translation>Event registered, number: {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="369"/>
        <source>
已按“现场已解决（微循环）”直接结案。</source>
        <translation>
Closed at once as solved on the spot (micro loop).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="370"/>
        <source>登记成功</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="392"/>
        <source>已关联</source>
        <translation>Linked</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="393"/>
        <source>本次反映已记入事件 {number} 的办理过程，没有新建事件。</source>
        <translation>This report was added to the timeline of event {number}; no new event was created.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="418"/>
        <source>放弃登记</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/intake_dialog.py" line="419"/>
        <source>已填写的内容不会保存，确定放弃吗？</source>
        <translation>What you entered will not be saved. Discard it?</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="43"/>
        <source>新增本镇事项</source>
        <translation>New town item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="43"/>
        <source>修改本镇事项</source>
        <translation>Edit town item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="120"/>
        <source> 个工作日</source>
        <translation> working days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="134"/>
        <source>准入网格（网格员可承担）</source>
        <translation>Admitted to the grid (grid workers may take it on)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="138"/>
        <source>有退出日期</source>
        <translation>Has an exit date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="80"/>
        <source>所属类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="83"/>
        <source>事项编码</source>
        <translation>Item code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="86"/>
        <source>已按类别自动编号，可修改；保存后不能再改。</source>
        <translation>Numbered from the category; you may change it before saving, not after.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="88"/>
        <source>事项名称</source>
        <translation>Item name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="91"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="93"/>
        <source>用顿号或空格分隔，如：噪音、吵闹</source>
        <translation>Separate with 、 or spaces, e.g. 噪音、吵闹</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="96"/>
        <source>事项说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="96"/>
        <source>包括哪些情形，网格员做什么。</source>
        <translation>Which situations it covers and what the grid worker does.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="98"/>
        <source>处置层级</source>
        <translation>Handling level</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="124"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="127"/>
        <source>可输入文字查找。</source>
        <translation>Type to search.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="129"/>
        <source>协办部门</source>
        <translation>Co-operating departments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="129"/>
        <source>勾选，可多选。</source>
        <translation>Tick one or more.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="130"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="154"/>
        <source>准入</source>
        <translation>Admitted</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="155"/>
        <source>准入日期</source>
        <translation>Admitted from</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="156"/>
        <source>退出日期</source>
        <translation>Exit date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="157"/>
        <source>准入说明</source>
        <translation>Admission note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="158"/>
        <source>法律政策依据</source>
        <translation>Legal or policy basis</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_dialog.py" line="55"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>ItemTableModel</name>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="21"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="21"/>
        <source>事项名称</source>
        <translation>Item name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="21"/>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="21"/>
        <source>处置层级</source>
        <translation>Handling level</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="21"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="22"/>
        <source>时限(日)</source>
        <translation>Limit (days)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="22"/>
        <source>准入</source>
        <translation>Admitted</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="22"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="22"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="28"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/item_model.py" line="28"/>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop/views/labels.py" line="27"/>
        <source>待受理</source>
        <translation>Pending acceptance</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="28"/>
        <source>已受理</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="29"/>
        <source>已分拨</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="30"/>
        <source>处置中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="31"/>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="32"/>
        <source>挂账缓办</source>
        <translation>Postponed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="33"/>
        <source>上报县级</source>
        <translation>Escalated to county</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="34"/>
        <source>已办结</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="35"/>
        <source>已核查</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="36"/>
        <source>已回访</source>
        <translation>Called back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="37"/>
        <source>已结案</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="38"/>
        <source>不予受理</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="40"/>
        <source>网格员上报</source>
        <translation>Grid worker report</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="41"/>
        <source>群众来访</source>
        <translation>Walk-in visit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="42"/>
        <source>来电</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="43"/>
        <source>12345热线转办</source>
        <translation>12345 hotline referral</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="44"/>
        <source>上级交办</source>
        <translation>Assigned from above</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="45"/>
        <source>部门移交</source>
        <translation>Department referral</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="46"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="48"/>
        <source>一般</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="49"/>
        <source>较急</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="50"/>
        <source>紧急</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="52"/>
        <source>红</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="53"/>
        <source>黄</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="54"/>
        <source>督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="56"/>
        <source>已解决</source>
        <translation>Solved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="57"/>
        <source>已办结未解决</source>
        <translation>Completed but not solved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="58"/>
        <source>满意</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="59"/>
        <source>基本满意</source>
        <translation>Mostly satisfied</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="60"/>
        <source>不满意</source>
        <translation>Dissatisfied</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="62"/>
        <source>现场照片</source>
        <translation>On-site photo</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="63"/>
        <source>处置前</source>
        <translation>Before</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="64"/>
        <source>处置后</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="65"/>
        <source>文档</source>
        <translation>Document</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="67"/>
        <source>现场处置</source>
        <translation>Handled on the spot</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="68"/>
        <source>重复上报</source>
        <translation>Repeat report</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="69"/>
        <source>转人民调解</source>
        <translation>Referred to mediation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="71"/>
        <source>微循环</source>
        <translation>Solved on the spot (micro loop)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="72"/>
        <source>小循环</source>
        <translation>Town departments (small loop)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="73"/>
        <source>大循环</source>
        <translation>County level (large loop)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="75"/>
        <source>待分拨</source>
        <translation>To dispatch</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="76"/>
        <source>已超期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="77"/>
        <source>临期预警</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="78"/>
        <source>待核查</source>
        <translation>To verify</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="79"/>
        <source>待回访</source>
        <translation>To call back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="80"/>
        <source>待结案</source>
        <translation>To close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="81"/>
        <source>上报县级待答复</source>
        <translation>Awaiting the county</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="82"/>
        <source>延期待审批</source>
        <translation>Extensions to decide</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="83"/>
        <source>督办中</source>
        <translation>Under supervision</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="84"/>
        <source>新上报、尚未受理</source>
        <translation>Newly reported, not yet accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="85"/>
        <source>已受理或被退回，需要交办</source>
        <translation>Accepted or returned; needs dispatching</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="86"/>
        <source>超过办理时限仍未办结</source>
        <translation>Past the time limit and not completed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="87"/>
        <source>已用去 80% 的时限</source>
        <translation>80% of the time limit used</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="88"/>
        <source>承办单位已反馈办结</source>
        <translation>The handling unit reported it completed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="89"/>
        <source>核查通过，需回访反映人</source>
        <translation>Verified; call the reporter back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="90"/>
        <source>回访完毕</source>
        <translation>Called back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="91"/>
        <source>等待县级交办或退回</source>
        <translation>Waiting for the county to assign or return it</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="92"/>
        <source>承办单位申请延期</source>
        <translation>The handling unit asked for more time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="93"/>
        <source>已挂账，定期跟进</source>
        <translation>Postponed; follow up regularly</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="94"/>
        <source>人工督办、尚未结案</source>
        <translation>Supervised by hand, not closed yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="96"/>
        <source>困难家庭</source>
        <translation>Difficult family</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="97"/>
        <source>特殊人群</source>
        <translation>Special group</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="98"/>
        <source>一般住户</source>
        <translation>Ordinary household</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="99"/>
        <source>入户</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="100"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="102"/>
        <source>成功</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="103"/>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="104"/>
        <source>拒绝</source>
        <translation>Denied</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="106"/>
        <source>全天</source>
        <translation>All day</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="107"/>
        <source>白班</source>
        <translation>Day shift</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="108"/>
        <source>夜班</source>
        <translation>Night shift</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="109"/>
        <source>值班员</source>
        <translation>Duty officer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="110"/>
        <source>带班领导</source>
        <translation>Leader on duty</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="111"/>
        <source>星期一</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="112"/>
        <source>星期二</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="113"/>
        <source>星期三</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="114"/>
        <source>星期四</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="115"/>
        <source>星期五</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="116"/>
        <source>星期六</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="117"/>
        <source>星期日</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="119"/>
        <source>申请</source>
        <translation>Requested</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="120"/>
        <source>批准</source>
        <translation>Approved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="121"/>
        <source>驳回</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="122"/>
        <source>销假</source>
        <translation>Reported back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="123"/>
        <source>支持</source>
        <translation>Upheld</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="125"/>
        <source>事假</source>
        <translation>Personal leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="126"/>
        <source>病假</source>
        <translation>Sick leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="127"/>
        <source>年休假</source>
        <translation>Annual leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="128"/>
        <source>婚假</source>
        <translation>Marriage leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="129"/>
        <source>产假</source>
        <translation>Maternity leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="130"/>
        <source>丧假</source>
        <translation>Bereavement leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="131"/>
        <source>探亲假</source>
        <translation>Family-visit leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="132"/>
        <source>调休</source>
        <translation>Time off in lieu</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="133"/>
        <source>公出/外勤</source>
        <translation>Official business/field work</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="134"/>
        <source>网格管理员</source>
        <translation>Grid administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="135"/>
        <source>中心负责人</source>
        <translation>Centre manager</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="137"/>
        <source>机器</source>
        <translation>Machine</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="138"/>
        <source>手工</source>
        <translation>At the desk</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="139"/>
        <source>补签</source>
        <translation>Correction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="140"/>
        <source>打卡</source>
        <translation>Punch</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="141"/>
        <source>巡查</source>
        <translation>Patrol</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="142"/>
        <source>书面协议</source>
        <translation>Written agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="143"/>
        <source>口头协议</source>
        <translation>Oral agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="144"/>
        <source>调解不成</source>
        <translation>No agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="146"/>
        <source>村</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="147"/>
        <source>社区</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="148"/>
        <source>综合网格</source>
        <translation>General grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="149"/>
        <source>专属网格</source>
        <translation>Dedicated grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="150"/>
        <source>市场</source>
        <translation>Market</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="151"/>
        <source>学校</source>
        <translation>School</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="152"/>
        <source>工业园区</source>
        <translation>Industrial park</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="153"/>
        <source>医院</source>
        <translation>Hospital</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="154"/>
        <source>机关</source>
        <translation>Government office</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="155"/>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="156"/>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="157"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="158"/>
        <source>撤销</source>
        <translation>Retired</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="159"/>
        <source>网格长</source>
        <translation>Grid leader</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="160"/>
        <source>网格指导员</source>
        <translation>Grid instructor</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="161"/>
        <source>专职网格员</source>
        <translation>Full-time grid worker</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="162"/>
        <source>兼职网格员</source>
        <translation>Part-time grid worker</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="163"/>
        <source>网格协管员</source>
        <translation>Grid assistant</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="164"/>
        <source>中心工作人员</source>
        <translation>Centre staff</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="165"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="166"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="168"/>
        <source>主任</source>
        <translation>Director</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="169"/>
        <source>副主任</source>
        <translation>Deputy director</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="170"/>
        <source>委员</source>
        <translation>Member</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="171"/>
        <source>专职调解员</source>
        <translation>Full-time mediator</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="172"/>
        <source>兼职调解员</source>
        <translation>Part-time mediator</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="174"/>
        <source>优秀</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="175"/>
        <source>合格</source>
        <translation>Competent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="176"/>
        <source>基本合格</source>
        <translation>Basically competent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="177"/>
        <source>不合格</source>
        <translation>Not competent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="178"/>
        <source>月度</source>
        <translation>Monthly</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="179"/>
        <source>季度</source>
        <translation>Quarterly</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="180"/>
        <source>半年</source>
        <translation>Half-year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="181"/>
        <source>年度</source>
        <translation>Annual</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="182"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="183"/>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="184"/>
        <source>事件上报</source>
        <translation>Event reporting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="185"/>
        <source>事件办理</source>
        <translation>Event handling</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="186"/>
        <source>巡查走访</source>
        <translation>Patrols &amp; visits</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="187"/>
        <source>考勤纪律</source>
        <translation>Attendance discipline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="188"/>
        <source>群众满意度</source>
        <translation>Public satisfaction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="189"/>
        <source>专项工作</source>
        <translation>Special tasks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="190"/>
        <source>加分项</source>
        <translation>Bonus points</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="191"/>
        <source>比率</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="192"/>
        <source>计次</source>
        <translation>Per occurrence</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="387"/>
        <source>请假申请</source>
        <translation>Leave request</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="387"/>
        <source>提交申请</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="389"/>
        <source>三天以内由网格管理员或中心负责人审批，三天以上由中心负责人审批。年休假不计节假日。</source>
        <translation>Up to three days: approved by the grid administrator or the centre manager; longer: by the centre manager. Holidays do not count against annual leave.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="392"/>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="393"/>
        <source>假别</source>
        <translation>Kind of leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="395"/>
        <source>开始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="396"/>
        <source>结束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="397"/>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>LeaveModel</name>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="101"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="101"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="101"/>
        <source>假别</source>
        <translation>Kind of leave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="101"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="101"/>
        <source>结束</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="101"/>
        <source>天数</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="102"/>
        <source>审批层级</source>
        <translation>Approval level</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="102"/>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>LineModel</name>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="95"/>
        <source>考核项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="95"/>
        <source>考核情况</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="95"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="101"/>
        <source>{group}：{label}，{shown}，{points} 分</source>
        <translation>{group}: {label}, {shown}, {points} points</translation>
    </message>
</context>
<context>
    <name>LinkSettingsTab</name>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="48"/>
        <source>以下设置只有具有“{permission}”权限的人员（系统管理员）可以修改。</source>
        <translation>Only people with the permission “{permission}” (administrators) can change these settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="60"/>
        <source>县级中心地址</source>
        <translation>County hub address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="60"/>
        <source>在“系统管理 → 乡镇信息”中修改。</source>
        <translation>Change it in System → Town profile.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="64"/>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="67"/>
        <source>同步间隔</source>
        <translation>Sync interval</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="69"/>
        <source>程序打开期间每隔这么久同步一次（{lo}–{hi} 分钟）。</source>
        <translation>While the program is open it syncs this often ({lo}–{hi} minutes).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="73"/>
        <source>县级发布新的事项清单后立即应用，不等人确认</source>
        <translation>Apply a new matter list from the county at once, without waiting for confirmation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="74"/>
        <source>事项清单</source>
        <translation>Matter list</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="76"/>
        <source>留空：使用本机的系统证书</source>
        <translation>Empty: use this PC&apos;s system certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="77"/>
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="86"/>
        <source>证书文件</source>
        <translation>CA file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="88"/>
        <source>县级中心使用内网证书时，选择县级提供的 CA 证书文件（PEM 格式）。</source>
        <translation>If the county hub uses an intranet certificate, choose the CA certificate file (PEM) the county gave.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="93"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="101"/>
        <source>同步口令</source>
        <translation>Sync token</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="108"/>
        <source>粘贴县级中心提供的口令</source>
        <translation>Paste the token the county gave</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="111"/>
        <source>新口令</source>
        <translation>New token</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="114"/>
        <source>口令只保存在本机的密钥环（Windows 凭据管理器）中，不会再显示出来，也不写入数据库。</source>
        <translation>The token is kept only in this PC&apos;s keyring (Windows Credential Manager); it is never shown again and never written to the database.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="119"/>
        <source>保存口令</source>
        <translation>Save token</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="121"/>
        <source>删除口令</source>
        <translation>Delete token</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="143"/>
        <source>离线包公钥</source>
        <translation>Offline package keys</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="149"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="158"/>
        <source>本镇公钥</source>
        <translation>This town&apos;s key</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="160"/>
        <source>交给县级中心登记（set-town-key）。签名用的私钥只在本机的密钥环中。</source>
        <translation>Give it to the county hub to register (set-town-key). The private signing key stays in this PC&apos;s keyring.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="163"/>
        <source>粘贴县级中心提供的公钥（show-key）</source>
        <translation>Paste the public key the county hub gave you (show-key)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="166"/>
        <source>县级中心公钥</source>
        <translation>County hub&apos;s key</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="168"/>
        <source>用来核对县级中心发来的离线包。</source>
        <translation>Checks the packages the county hub sends.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="172"/>
        <source>保存县级中心公钥</source>
        <translation>Save the county hub&apos;s key</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="196"/>
        <source>（尚未填写）</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="211"/>
        <source>尚未生成：点“复制”生成，或在第一次导出离线包时生成</source>
        <translation>Not made yet: click “Copy” to make it, or it is made at the first package export</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="237"/>
        <source>本镇公钥已复制。</source>
        <translation>This town&apos;s key was copied.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="248"/>
        <source>县级中心公钥已保存。</source>
        <translation>The county hub&apos;s key was saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="252"/>
        <source>本机已保存同步口令。如县级中心更换了口令，在下面填写新口令。</source>
        <translation>A sync token is saved on this PC. If the county issues a new one, enter it below.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="259"/>
        <source>选择县级中心的 CA 证书</source>
        <translation>Choose the county hub&apos;s CA certificate</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="259"/>
        <source>证书文件 (*.pem *.crt *.cer);;所有文件 (*)</source>
        <translation>Certificates (*.pem *.crt *.cer);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="276"/>
        <source>同步设置已保存。</source>
        <translation>Sync settings saved.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="288"/>
        <source>口令已保存到本机密钥环。</source>
        <translation>Token saved in this PC&apos;s keyring.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/settings_tab.py" line="300"/>
        <source>口令已从本机删除，同步将暂停，直到填写新口令。</source>
        <translation>Token deleted from this PC; sync pauses until a new token is entered.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/views/login.py" line="47"/>
        <source>综治工作台</source>
        <translation>Town Centre Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="51"/>
        <source>乡镇（街道）综治中心</source>
        <translation>Town integrated governance centre</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="58"/>
        <source>例如 zhangsan</source>
        <translation>e.g. zhangsan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="60"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="61"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="65"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="67"/>
        <source>较长时间没有操作，屏幕已锁定。请输入 {name} 的密码继续。</source>
        <translation>The screen locked after a period without use. Enter {name}&apos;s password to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="77"/>
        <source>登录 — 综治工作台</source>
        <translation>Log in — Town Centre Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="80"/>
        <source>忘记密码请联系本中心的系统管理员重置。</source>
        <translation>Forgot your password? Ask the centre&apos;s administrator to reset it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="85"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="85"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="88"/>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="85"/>
        <source>综治工作台 — {town}</source>
        <translation>Town Centre Workbench — {town}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="108"/>
        <source>您的角色不能使用此功能</source>
        <translation>Your role cannot use this feature</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="118"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="221"/>
        <source>事件中心</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="224"/>
        <source>受理网格员上报、群众来访、12345 转办等事件，分拨、督办、核查、回访直至结案。</source>
        <translation>Register events from grid workers, walk-ins and the 12345 hotline; dispatch, supervise, verify, call back and close them.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="228"/>
        <source>事项清单</source>
        <translation>Matter list</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="231"/>
        <source>县级发布、乡镇细化的网格事项清单（准入清单），决定事件的分类、承办部门和办理时限。</source>
        <translation>The grid matter list published by the county and refined by the town: it sets each event&apos;s category, department and time limit.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="235"/>
        <source>网格与人员</source>
        <translation>Grids and workers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="238"/>
        <source>村（社区）、网格划分和一长三员队伍。</source>
        <translation>Villages and communities, grids, and the grid-worker roster.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="242"/>
        <source>值班考勤</source>
        <translation>Duty and attendance</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="245"/>
        <source>中心值班表、网格员考勤和请销假。</source>
        <translation>The centre&apos;s duty rota, grid-worker attendance and leave.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="249"/>
        <source>矛盾调解</source>
        <translation>Mediation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="252"/>
        <source>人民调解案件从申请到归档，打印调解协议书等文书。</source>
        <translation>People&apos;s mediation cases from application to archive, with printed documents.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="256"/>
        <source>考核评估</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="259"/>
        <source>月度、季度、年度考核评分与排名。</source>
        <translation>Monthly, quarterly and annual assessment scores and rankings.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="263"/>
        <source>统计分析</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="266"/>
        <source>按期办结率、满意率等指标的统计和同比环比。</source>
        <translation>Indicators such as on-time closure and satisfaction, year on year and period on period.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="270"/>
        <source>数据同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="273"/>
        <source>与县级中心定时交换数据，网络中断时用离线数据包。</source>
        <translation>Scheduled data exchange with the county centre; offline packages when the network is down.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="287"/>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="322"/>
        <source>账号(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="323"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="326"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="330"/>
        <source>注销（换人登录）</source>
        <translation>Log out (switch user)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="334"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="339"/>
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="347"/>
        <source>查看(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="348"/>
        <source>大字模式（文字、图标整体放大）</source>
        <translation>Large text (text and icons larger)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="354"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="355"/>
        <location filename="../../desktop/views/main_window.py" line="502"/>
        <source>关于综治工作台</source>
        <translation>About Town Centre Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="365"/>
        <source>用户：{name}</source>
        <translation>User: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="366"/>
        <source>角色：{roles}</source>
        <translation>Role: {roles}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="366"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="367"/>
        <source>乡镇：{town}</source>
        <translation>Town: {town}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="368"/>
        <source>同步：…</source>
        <translation>Sync: …</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="375"/>
        <source>同步：正在同步…</source>
        <translation>Sync: syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="411"/>
        <location filename="../../desktop/views/main_window.py" line="431"/>
        <source>同步：{time} 成功</source>
        <translation>Sync: {time} OK</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="414"/>
        <source>同步：尚未同步</source>
        <translation>Sync: not yet synced</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="426"/>
        <source>同步：{time} 失败</source>
        <translation>Sync: {time} failed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="369"/>
        <source>备份：…</source>
        <translation>Backup: …</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="418"/>
        <source>同步：未设置同步</source>
        <translation>Sync: not set up</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="419"/>
        <source>县级中心地址在“系统管理 → 乡镇信息”中填写，同步口令在“数据同步 → 同步设置”中填写。</source>
        <translation>Enter the county hub address in System → Town profile and the sync token in Data sync → Sync settings.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="459"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="460"/>
        <source>无法保存显示设置：{error}</source>
        <translation>The display setting could not be saved: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="465"/>
        <source>大字模式</source>
        <translation>Large text</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="466"/>
        <source>已开启大字模式。</source>
        <translation>Large text is on.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="466"/>
        <source>已关闭大字模式。</source>
        <translation>Large text is off.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="467"/>
        <source>请退出并重新启动综治工作台，新的大小才会生效。</source>
        <translation> Quit and start the Workbench again for the new size to take effect.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="504"/>
        <source>综治工作台 {version}
乡镇（街道）综治中心 / 网格化服务管理中心工作平台
数据库：{path}</source>
        <translation>Town Centre Workbench {version}
Workbench for town integrated governance / grid service centres
Database: {path}</translation>
    </message>
</context>
<context>
    <name>MappingDialog</name>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="55"/>
        <source>对应打卡文件的各列</source>
        <translation>Map the file&apos;s columns</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="55"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="58"/>
        <source>请对照下面的前几行，确认文件 {name} 各列的内容：程序已按列名和内容选好能认出的列。导入后程序记住这个对应：同样的文件以后直接导入。</source>
        <translation>Check what each column of {name} holds against the first rows below: the columns the program recognised by name or content are already chosen. The program keeps this mapping on import, and later files of the same kind go straight in.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="66"/>
        <source>第{n}列 {name}</source>
        <translation>Column {n} {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="76"/>
        <source>第一行就是打卡数据（文件没有表头）</source>
        <translation>The first row is a punch (the file has no header row)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="80"/>
        <source>（请选择）</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="81"/>
        <source>工号（考勤号码）</source>
        <translation>Machine number (工号)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="82"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="82"/>
        <source>（文件中没有）</source>
        <translation>(not in the file)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="84"/>
        <source>日期（或日期时间）</source>
        <translation>Date (or date and time)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="86"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="86"/>
        <source>（与日期在同一列）</source>
        <translation>(in the date column)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="95"/>
        <source>日期写法</source>
        <translation>Date format</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="97"/>
        <source>年在前，如 2026-05-06、2026/5/6</source>
        <translation>Year first, e.g. 2026-05-06, 2026/5/6</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="98"/>
        <source>日在前，如 06/05/2026</source>
        <translation>Day first, e.g. 06/05/2026</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="99"/>
        <source>月在前，如 05/06/2026</source>
        <translation>Month first, e.g. 05/06/2026</translation>
    </message>
</context>
<context>
    <name>MatterListTab</name>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="109"/>
        <source>搜索：事项名称、编码或拼音首字母（如 lljf = 邻里纠纷）</source>
        <translation>Search: item name, code or pinyin initials (e.g. lljf = 邻里纠纷)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="112"/>
        <source>全部层级</source>
        <translation>All levels</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="116"/>
        <source>全部来源</source>
        <translation>All sources</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="119"/>
        <source>显示已停用</source>
        <translation>Show retired</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="128"/>
        <source>新增本镇事项</source>
        <translation>New town item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="129"/>
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="130"/>
        <source>停用</source>
        <translation>Retire</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="131"/>
        <source>恢复</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="132"/>
        <source>变更历史</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="133"/>
        <source>导入新版本…</source>
        <translation>Import new version…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="134"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="135"/>
        <source>空白模板…</source>
        <translation>Blank template…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="214"/>
        <source>当前清单版本：{v}（{d}，{p}）</source>
        <translation>Current list version: {v} ({d}, {p})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="218"/>
        <source>尚未载入事项清单</source>
        <translation>No matter list loaded yet</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="223"/>
        <source>全部事项</source>
        <translation>All items</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="240"/>
        <source>全部事项（{n}）</source>
        <translation>All items ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="263"/>
        <source>共 {n} 个事项</source>
        <translation>{n} items</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="279"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="279"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="282"/>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="283"/>
        <source>领域 / 类别</source>
        <translation>Domain / category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="284"/>
        <source>事项说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="285"/>
        <source>关键词</source>
        <translation>Keywords</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="286"/>
        <source>处置层级</source>
        <translation>Handling level</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="287"/>
        <source>牵头部门</source>
        <translation>Lead department</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="288"/>
        <source>协办部门</source>
        <translation>Co-operating departments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="288"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="289"/>
        <source>办理时限</source>
        <translation>Time limit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="289"/>
        <source>{n} 个工作日</source>
        <translation>{n} working days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="290"/>
        <source>准入网格</source>
        <translation>Admitted to grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="291"/>
        <source>法律政策依据</source>
        <translation>Legal or policy basis</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="292"/>
        <source>来源 / 状态</source>
        <translation>Source / status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="292"/>
        <source>（清单版本 {v}）</source>
        <translation>(list version {v})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="307"/>
        <source>县级发布的事项只能查看</source>
        <translation>County items are read-only</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="313"/>
        <source>无法完成</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="330"/>
        <source>停用事项</source>
        <translation>Retire item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="330"/>
        <source>停用原因（如“阶段性任务结束”）：</source>
        <translation>Reason for retiring (e.g. “task finished”):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="358"/>
        <source>选择事项清单文件</source>
        <translation>Choose a matter-list file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="395"/>
        <source>无需导入</source>
        <translation>Nothing to import</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="395"/>
        <source>文件与当前清单完全一致，没有需要导入的内容。</source>
        <translation>The file matches the current list exactly; there is nothing to import.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="414"/>
        <source>导入完成</source>
        <translation>Import done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="415"/>
        <source>事项清单已更新为 {v}：{s}。</source>
        <translation>The matter list is now {v}: {s}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="419"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="423"/>
        <source>事项清单-{version}.xlsx</source>
        <translation>matter-list-{version}.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="424"/>
        <source>导出事项清单</source>
        <translation>Export matter list</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="434"/>
        <source>导出完成</source>
        <translation>Export done</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="434"/>
        <source>已导出 {n} 个事项到：
{path}</source>
        <translation>Exported {n} items to:
{path}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="439"/>
        <location filename="../../desktop/views/matters/page.py" line="460"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="439"/>
        <location filename="../../desktop/views/matters/page.py" line="460"/>
        <source>无法写入文件：{e}</source>
        <translation>Cannot write the file: {e}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="454"/>
        <source>保存空白模板</source>
        <translation>Save blank template</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="454"/>
        <source>事项清单模板.xlsx</source>
        <translation>matter-list-template.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="463"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="463"/>
        <source>空白模板已保存，填写说明见其中的“填写说明”工作表。</source>
        <translation>Blank template saved; its “填写说明” sheet explains each column.</translation>
    </message>
</context>
<context>
    <name>MatterPage</name>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="516"/>
        <source>事项清单</source>
        <translation>Matter list</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="517"/>
        <source>部门通讯录</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="518"/>
        <source>版本记录</source>
        <translation>Versions</translation>
    </message>
</context>
<context>
    <name>MatterPicker</name>
    <message>
        <location filename="../../desktop/views/events/matter_picker.py" line="36"/>
        <source>输入事项名称、编码、拼音首字母或常用说法（如 lljf、噪音）</source>
        <translation>Type an item&apos;s name, code, pinyin initials or an everyday word (e.g. lljf, 噪音)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/matter_picker.py" line="101"/>
        <source>常用</source>
        <translation>Frequent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/matter_picker.py" line="103"/>
        <source>{name}&#x3000;{code}&#x3000;（{category}，{days} 个工作日）</source>
        <translation>{name}  {code}  ({category}, {days} working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/matter_picker.py" line="120"/>
        <source>没有找到匹配的事项，请换个说法或用拼音首字母。</source>
        <translation>No matching item; try other words or pinyin initials.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/matter_picker.py" line="140"/>
        <source>按名称、编码、拼音首字母或常用说法查找，用方向键选择、回车确定。</source>
        <translation>Search by name, code, pinyin initials or an everyday word; choose with the arrow keys and confirm with Enter.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/matter_picker.py" line="143"/>
        <source>类别：{category}&#x3000;办理时限：{days} 个工作日&#x3000;牵头部门：{lead}</source>
        <translation>Category: {category}  Limit: {days} working days  Lead: {lead}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/matter_picker.py" line="144"/>
        <source>未指定</source>
        <translation>not set</translation>
    </message>
</context>
<context>
    <name>MediationPage</name>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="122"/>
        <source>矛盾调解</source>
        <translation>Mediation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="126"/>
        <source>登记案件</source>
        <translation>Register a case</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="138"/>
        <source>搜索文号、案件名称、当事人…</source>
        <translation>Search file number, title, party…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="140"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="142"/>
        <source>全部类型</source>
        <translation>All types</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="145"/>
        <source>全部年份</source>
        <translation>All years</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="147"/>
        <source>只看需提醒的</source>
        <translation>Reminders only</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="160"/>
        <source>文号</source>
        <translation>File number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="161"/>
        <source>案件名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="162"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="163"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="164"/>
        <location filename="../../desktop/views/mediation/page.py" line="397"/>
        <source>收案日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="165"/>
        <location filename="../../desktop/views/mediation/page.py" line="192"/>
        <source>提醒</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="198"/>
        <source>月度统计</source>
        <translation>Monthly figures</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="208"/>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="210"/>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="106"/>
        <source>请在左侧选择一个案件</source>
        <translation>Choose a case on the left</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="227"/>
        <location filename="../../desktop/views/mediation/page.py" line="568"/>
        <source>受理</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="228"/>
        <location filename="../../desktop/views/mediation/page.py" line="579"/>
        <source>不予受理</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="229"/>
        <location filename="../../desktop/views/mediation/page.py" line="591"/>
        <location filename="../../desktop/views/mediation/page.py" line="606"/>
        <source>调查记录</source>
        <translation>Investigation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="230"/>
        <location filename="../../desktop/views/mediation/page.py" line="625"/>
        <source>调解记录</source>
        <translation>Session</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="231"/>
        <source>达成协议</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="232"/>
        <source>调解不成</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="233"/>
        <location filename="../../desktop/views/mediation/page.py" line="429"/>
        <location filename="../../desktop/views/mediation/page.py" line="736"/>
        <location filename="../../desktop/views/mediation/page.py" line="738"/>
        <source>履行情况</source>
        <translation>Performance</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="234"/>
        <source>回访</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="235"/>
        <location filename="../../desktop/views/mediation/page.py" line="431"/>
        <location filename="../../desktop/views/mediation/page.py" line="831"/>
        <source>归档</source>
        <translation>Archive</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="236"/>
        <location filename="../../desktop/views/mediation/page.py" line="853"/>
        <source>重新启用</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="242"/>
        <source>请先在左侧选择一个案件</source>
        <translation>Choose a case on the left first</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="255"/>
        <source>预览 / 打印…</source>
        <translation>Preview / print…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="259"/>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="258"/>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="260"/>
        <source>经过</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="261"/>
        <source>文书</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="268"/>
        <source>增加材料…</source>
        <translation>Add a paper…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="269"/>
        <source>删除所选材料</source>
        <translation>Remove the selected paper</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="276"/>
        <source>归入卷宗的纸质材料（身份证明、证据材料、履行凭证等），列入卷内目录并计入本卷页数。</source>
        <translation>Papers filed with the case (proof of identity, evidence, proof of performance…): listed in the file index and counted in the file&apos;s pages.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="282"/>
        <source>卷内材料</source>
        <translation>Filed papers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="363"/>
        <location filename="../../desktop/views/mediation/page.py" line="774"/>
        <location filename="../../desktop/views/mediation/page.py" line="781"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="366"/>
        <source>收案 &lt;b&gt;{received}&lt;/b&gt; 件，受理 {accepted} 件；调解成功 &lt;b&gt;{agreements}&lt;/b&gt; 件（书面 {written}、口头 {oral}），调解不成 {failed} 件，不予受理 {refused} 件；调解成功率 &lt;b&gt;{rate}&lt;/b&gt;&lt;br&gt;按类型：{types}</source>
        <translation>Received &lt;b&gt;{received}&lt;/b&gt;, accepted {accepted}; agreements &lt;b&gt;{agreements}&lt;/b&gt; (written {written}, oral {oral}), failed {failed}, refused {refused}; success rate &lt;b&gt;{rate}&lt;/b&gt;&lt;br&gt;By type: {types}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="389"/>
        <source>无法打开</source>
        <translation>Cannot open</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="395"/>
        <source>纠纷来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="396"/>
        <source>纠纷类型</source>
        <translation>Dispute type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="398"/>
        <source>调解员</source>
        <translation>Mediators</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="399"/>
        <source>争议金额</source>
        <translation>Amount in dispute</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="400"/>
        <source>纠纷简要情况</source>
        <translation>Summary of the dispute</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="401"/>
        <source>申请事项</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="406"/>
        <location filename="../../desktop/views/mediation/page.py" line="645"/>
        <source>调解结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="411"/>
        <source>不予受理理由</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="415"/>
        <source>调解不成原因</source>
        <translation>Why it failed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="420"/>
        <location filename="../../desktop/views/mediation/page.py" line="681"/>
        <source>协议内容</source>
        <translation>Agreed terms</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="423"/>
        <source>已于 {day} 申请</source>
        <translation>applied on {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="425"/>
        <source>截至 {day}</source>
        <translation>until {day}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="427"/>
        <source>司法确认申请期限</source>
        <translation>Judicial-confirmation window</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="472"/>
        <source>{kind}&#x3000;{title}（{pages} 页）</source>
        <translation>{kind}  {title} ({pages} pages)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="497"/>
        <source>案件已归档，不能再办理；需要时先“重新启用”。</source>
        <translation>The case is archived and cannot be handled; reopen it first if needed.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="501"/>
        <source>卷内还没有材料。</source>
        <translation>The file holds no papers yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="507"/>
        <source>只有已归档的案件才需要重新启用。</source>
        <translation>Only archived cases need reopening.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="518"/>
        <source>先保存至少一次调解记录，才能登记达成协议。</source>
        <translation>Save at least one mediation session before recording an agreement.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="520"/>
        <source>案件处于“{status}”状态，不能进行此操作。</source>
        <translation>The case is “{status}”: this action is not available.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="528"/>
        <source>您的角色（{roles}）没有“{permission}”权限。</source>
        <translation>Your role ({roles}) lacks the permission “{permission}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="529"/>
        <source>无角色</source>
        <translation>no role</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="536"/>
        <source>无法完成</source>
        <translation>Cannot complete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="547"/>
        <source>案件：{number}&#x3000;{title}（{status}）</source>
        <translation>Case: {number}  {title} ({status})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="568"/>
        <source>受理案件</source>
        <translation>Accept the case</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="570"/>
        <source>受理日期</source>
        <translation>Acceptance date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="572"/>
        <location filename="../../desktop/views/mediation/page.py" line="740"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="579"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="580"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="581"/>
        <location filename="../../desktop/views/mediation/page.py" line="854"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="582"/>
        <source>具体情况</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="591"/>
        <location filename="../../desktop/views/mediation/page.py" line="625"/>
        <location filename="../../desktop/views/mediation/page.py" line="667"/>
        <location filename="../../desktop/views/mediation/page.py" line="714"/>
        <location filename="../../desktop/views/mediation/page.py" line="736"/>
        <location filename="../../desktop/views/mediation/page.py" line="749"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="593"/>
        <source>调查时间</source>
        <translation>Time of investigation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="595"/>
        <source>调查地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="597"/>
        <source>参加人</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="602"/>
        <source>被调查人（单位）</source>
        <translation>Person or unit investigated</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="627"/>
        <source>调解时间</source>
        <translation>Time of session</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="629"/>
        <source>调解地点</source>
        <translation>Place</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="633"/>
        <source>参加人（含邀请人员）</source>
        <translation>Participants (incl. invited helpers)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="639"/>
        <source>到场当事人</source>
        <translation>Parties present</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="643"/>
        <source>调解情况</source>
        <translation>Record of the session</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="647"/>
        <source>请选择</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="667"/>
        <source>达成调解协议</source>
        <translation>Record the agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="669"/>
        <source>协议形式</source>
        <translation>Form of agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="674"/>
        <source>签订（生效）日期</source>
        <translation>Signed (effective) on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="678"/>
        <source>纠纷主要事实</source>
        <translation>Main facts</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="679"/>
        <source>争议事项</source>
        <translation>Matters in dispute</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="680"/>
        <source>各方责任</source>
        <translation>Responsibilities</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="685"/>
        <source>履行方式</source>
        <translation>Manner of performance</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="689"/>
        <source>有履行期限</source>
        <translation>Has a deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="692"/>
        <source>履行期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="714"/>
        <source>调解不成，终止调解</source>
        <translation>Mediation failed: end it</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="716"/>
        <source>终止日期</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="718"/>
        <source>调解不成的原因</source>
        <translation>Why it failed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="723"/>
        <source>已告知的其他途径</source>
        <translation>Routes the parties were told of</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="726"/>
        <source>人民调解法第二十六条</source>
        <translation>People&apos;s Mediation Law, art. 26</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="749"/>
        <source>回访记录</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="751"/>
        <source>回访对象</source>
        <translation>Party visited</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="755"/>
        <source>回访日期</source>
        <translation>Visited on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="762"/>
        <source>回访事由</source>
        <translation>Reason for the visit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="763"/>
        <source>协议履行情况回访</source>
        <translation>Visit on the agreement&apos;s performance</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="766"/>
        <source>协议履行情况</source>
        <translation>Performance of the agreement</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="768"/>
        <source>当事人满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="773"/>
        <source>是否另行起诉、信访</source>
        <translation>New lawsuits or petitions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="780"/>
        <source>有无激化迹象</source>
        <translation>Signs of flare-up</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="784"/>
        <source>采取的措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="807"/>
        <source>增加卷内材料</source>
        <translation>Add a filed paper</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="807"/>
        <source>增加</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="808"/>
        <source>材料类别</source>
        <translation>Kind of paper</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="810"/>
        <source>材料名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="814"/>
        <source>页数</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="831"/>
        <source>归档结案</source>
        <translation>Archive the case</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="833"/>
        <source>归档日期</source>
        <translation>Archived on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="836"/>
        <source>保管期限</source>
        <translation>Retention period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="841"/>
        <source>备注</source>
        <translation>Remarks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="843"/>
        <source>归档后案件不能再修改，需中心负责人重新启用。</source>
        <translation>An archived case cannot be changed until a centre manager reopens it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/page.py" line="853"/>
        <source>重新启用已归档案件</source>
        <translation>Reopen an archived case</translation>
    </message>
</context>
<context>
    <name>MediatorDialog</name>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="230"/>
        <source>新增调解员</source>
        <translation>Add mediator</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="230"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="234"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="236"/>
        <source>身份证号码</source>
        <translation>Resident ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="238"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="239"/>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="241"/>
        <source>任职日期</source>
        <translation>Start date</translation>
    </message>
</context>
<context>
    <name>MediatorModel</name>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="88"/>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="88"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="88"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="88"/>
        <source>任职日期</source>
        <translation>Start date</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="208"/>
        <source>合并重复人员</source>
        <translation>Merge duplicate persons</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="208"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="212"/>
        <source>“{drop}”（{drop_id}）将并入“{keep}”（{keep_id}），原来指向前者的记录改为指向后者。此操作记入审计日志。</source>
        <translation>“{drop}” ({drop_id}) will be merged into “{keep}” ({keep_id}); records pointing at the former will point at the latter. This is recorded in the audit log.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="221"/>
        <source>合并理由</source>
        <translation>Reason for merging</translation>
    </message>
</context>
<context>
    <name>MergeGridsDialog</name>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="294"/>
        <source>合并网格</source>
        <translation>Merge grids</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="294"/>
        <source>合并</source>
        <translation>Merge</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="296"/>
        <source>勾选要合并的网格（至少两个）；它们于所选日期停用，已有事件仍属于原网格。</source>
        <translation>Tick the grids to merge (at least two); they are retired on the chosen date and their events stay theirs.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="298"/>
        <source>要合并的网格</source>
        <translation>Grids to merge</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="306"/>
        <source>合并日期</source>
        <translation>Merge date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="308"/>
        <source>新网格名称</source>
        <translation>New grid&apos;s name</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../desktop/views/tasks.py" line="218"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="224"/>
        <source>登记调解案件</source>
        <translation>Register a mediation case</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="239"/>
        <source>元，可不填</source>
        <translation>yuan, optional</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="269"/>
        <source>转人民调解 — {number}</source>
        <translation>Refer to mediation — {number}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="294"/>
        <source>一方</source>
        <translation>Side</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="294"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="294"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="300"/>
        <source>添加当事人…</source>
        <translation>Add a party…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="301"/>
        <source>移除所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="243"/>
        <source>纠纷来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="244"/>
        <source>纠纷类型</source>
        <translation>Dispute type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="245"/>
        <source>收案日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="248"/>
        <source>当事人</source>
        <translation>Parties</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="251"/>
        <source>双方各至少一名；自然人按身份证号与人员库关联。</source>
        <translation>At least one on each side; people are matched to the person registry by resident ID.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="253"/>
        <source>纠纷简要情况</source>
        <translation>Summary of the dispute</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="254"/>
        <source>申请事项</source>
        <translation>Requests</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="254"/>
        <source>当事人申请调解时必填。</source>
        <translation>Required when a party applied.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="255"/>
        <source>争议金额</source>
        <translation>Amount in dispute</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="258"/>
        <source>调解员</source>
        <translation>Mediators</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="261"/>
        <source>从名册中勾选 1 至 3 名。</source>
        <translation>Tick 1 to 3 from the roster.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="265"/>
        <source>登记</source>
        <translation>Register</translation>
    </message>
</context>
<context>
    <name>NormDialog</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="219"/>
        <source>走访标准</source>
        <translation>Visit norm</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="219"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="221"/>
        <source>现行标准：{norms}。选择户别（或输入新的户别）设定走访次数。</source>
        <translation>Current norms: {norms}. Choose a category (or type a new one) and set its visits.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="226"/>
        <source>户别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="230"/>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="233"/>
        <source>至少次数</source>
        <translation>At least</translation>
    </message>
</context>
<context>
    <name>PartyDialog</name>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="105"/>
        <source>添加当事人</source>
        <translation>Add a party</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="114"/>
        <source>18 位，系统会核对校验位</source>
        <translation>18 characters; the check digit is verified</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="115"/>
        <source>汉族</source>
        <translation>汉族</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="122"/>
        <source>18 位统一社会信用代码</source>
        <translation>18-character unified social credit code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="131"/>
        <source>所属一方</source>
        <translation>Side</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="132"/>
        <source>当事人类型</source>
        <translation>Kind of party</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="133"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="134"/>
        <source>身份证号</source>
        <translation>Resident ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="135"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="136"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="137"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="138"/>
        <source>职业或职务</source>
        <translation>Occupation or post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="139"/>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="140"/>
        <source>单位名称</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="141"/>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="142"/>
        <source>法定代表人（负责人）</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="143"/>
        <source>单位住所</source>
        <translation>Organisation&apos;s address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="144"/>
        <source>单位电话</source>
        <translation>Organisation&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="145"/>
        <source>代理人类型</source>
        <translation>Agent&apos;s kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="146"/>
        <source>代理人姓名</source>
        <translation>Agent&apos;s name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="147"/>
        <source>代理人身份证号</source>
        <translation>Agent&apos;s resident ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="148"/>
        <source>代理人电话</source>
        <translation>Agent&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/dialogs.py" line="150"/>
        <source>添加</source>
        <translation>Add</translation>
    </message>
</context>
<context>
    <name>PatrolDialog</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="99"/>
        <source>登记巡查</source>
        <translation>Record patrol</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="99"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="101"/>
        <source>专职网格员每个工作日巡查一次；巡查中上报的事件在事件登记中录入，渠道选“网格员上报”。</source>
        <translation>Full-time grid workers patrol every working day; register events found on patrol in event intake with the channel “Reported by grid worker”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="104"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="105"/>
        <source>巡查日期</source>
        <translation>Patrol date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="106"/>
        <source>开始时间</source>
        <translation>Start time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="107"/>
        <source>结束时间</source>
        <translation>End time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="109"/>
        <source>路线和地点</source>
        <translation>Route and places</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="113"/>
        <source>发现情况</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="116"/>
        <source>发现问题数</source>
        <translation>Problems found</translation>
    </message>
</context>
<context>
    <name>PatrolModel</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="255"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="255"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="255"/>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="255"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="255"/>
        <source>发现问题</source>
        <translation>Problems found</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="256"/>
        <source>路线和地点</source>
        <translation>Route and places</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="256"/>
        <source>发现情况</source>
        <translation>Findings</translation>
    </message>
</context>
<context>
    <name>PatrolTab</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="357"/>
        <source>登记巡查…</source>
        <translation>Record patrol…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="358"/>
        <source>登记走访…</source>
        <translation>Record visit…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="359"/>
        <location filename="../../desktop/views/duty/patrols.py" line="480"/>
        <source>删除巡查</source>
        <translation>Delete patrol</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="360"/>
        <source>新增住户…</source>
        <translation>Add household…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="361"/>
        <source>走访标准…</source>
        <translation>Visit norms…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="369"/>
        <location filename="../../desktop/views/duty/patrols.py" line="412"/>
        <source>全部网格</source>
        <translation>All grids</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="386"/>
        <source>巡查记录</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="386"/>
        <source>走访记录</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="386"/>
        <source>未达标人员</source>
        <translation>Workers behind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="386"/>
        <source>未达标住户</source>
        <translation>Households behind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="400"/>
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="438"/>
        <source>本月巡查 {patrols} 次，走访 {visits} 户次；未达标网格员 {workers} 人，未达标住户 {homes} 户。</source>
        <translation>This month: {patrols} patrols, {visits} visits; {workers} workers and {homes} households behind the norm.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="477"/>
        <source>请先选择</source>
        <translation>Select first</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="477"/>
        <source>请先在巡查记录中选择一行。</source>
        <translation>Select a row in the patrol list first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="481"/>
        <source>删除 {day} {name} 的巡查记录？</source>
        <translation>Delete the patrol of {name} on {day}?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="488"/>
        <source>无法完成</source>
        <translation>Could not complete</translation>
    </message>
</context>
<context>
    <name>Patrols</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="65"/>
        <source>每月</source>
        <translation>a month</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="66"/>
        <source>每季度</source>
        <translation>a quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="67"/>
        <source>每半年</source>
        <translation>every half-year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="68"/>
        <source>每年</source>
        <translation>a year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="74"/>
        <source>{period}至少 {times} 次</source>
        <translation>at least {times} {period}</translation>
    </message>
</context>
<context>
    <name>PersonModel</name>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="73"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="74"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="75"/>
        <source>身份证号码</source>
        <translation>Resident ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="76"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="77"/>
        <source>住址</source>
        <translation>Address</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="342"/>
        <source>考勤号码</source>
        <translation>Attendance number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="342"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="343"/>
        <source>考勤机上的号码（工号）。导入的打卡文件按此号码对应人员。</source>
        <translation>The number on the attendance machine (staff number). Imported punch files are matched to people by it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="347"/>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="350"/>
        <source>现号码</source>
        <translation>Current number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="351"/>
        <source>新号码</source>
        <translation>New number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="359"/>
        <source>（未登记）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="375"/>
        <source>更改考勤号码</source>
        <translation>Change attendance number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="376"/>
        <source>{name}现号码 {old}，改为 {new}？</source>
        <translation>{name} has number {old}. Change it to {new}?</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../desktop/views/placeholder.py" line="24"/>
        <source>此功能尚未完成，将在后续版本中提供。</source>
        <translation>This feature is not built yet; it will come in a later version.</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="179"/>
        <source>打印预览 — {title}</source>
        <translation>Print preview — {title}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="183"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="185"/>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="186"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="187"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="188"/>
        <location filename="../../desktop/views/mediation/preview.py" line="257"/>
        <source>正在生成文书…</source>
        <translation>Rendering the document…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="203"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="233"/>
        <source>{label}，共 {pages} 页，事件版本 {ver}</source>
        <translation>{label}, {pages} pages, event version {ver}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="239"/>
        <source>{label}，共 {pages} 页</source>
        <translation>{label}, {pages} pages</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="234"/>
        <source>{label}，共 {pages} 页，案件版本 {ver}</source>
        <translation>{label}, {pages} pages, case version {ver}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="235"/>
        <source>{label}，共 {pages} 页，考核结果版本 {ver}</source>
        <translation>{label}, {pages} pages, result version {ver}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="236"/>
        <source>{label}，共 {pages} 页，考核周期版本 {ver}</source>
        <translation>{label}, {pages} pages, period version {ver}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="243"/>
        <source>（仅供查阅副本：身份证号和出生日期已隐去）</source>
        <translation>(Reference copy: ID numbers and dates of birth are hidden)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="245"/>
        <source>（草稿：考核尚未确认）</source>
        <translation> (draft: the assessment is not confirmed yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="268"/>
        <source>缺少字体</source>
        <translation>Missing font</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="271"/>
        <source>是否仍然打印，把该字印作“{mark}”？</source>
        <translation>Print anyway, with the character written as “{mark}”?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="306"/>
        <location filename="../../desktop/views/mediation/preview.py" line="324"/>
        <source>打印 — {title}</source>
        <translation>Print — {title}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="320"/>
        <location filename="../../desktop/views/mediation/preview.py" line="367"/>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="320"/>
        <source>所选页码不在本文书的页数之内。</source>
        <translation>The pages chosen are not in this document.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="323"/>
        <source>正在打印…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="323"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="339"/>
        <source>已打印 {done} 页，共 {total} 页…</source>
        <translation>{done} of {total} pages printed…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="350"/>
        <source>已取消打印，送出 {n} 页。</source>
        <translation>Printing cancelled; {n} pages sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="352"/>
        <source>已送出 {n} 页。</source>
        <translation>{n} pages sent.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="385"/>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="385"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="402"/>
        <location filename="../../desktop/views/mediation/preview.py" line="405"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/mediation/preview.py" line="405"/>
        <source>文件无法写入：{error}</source>
        <translation>The file cannot be written: {error}</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="333"/>
        <source>人员档案：{name}</source>
        <translation>Worker file: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="333"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="336"/>
        <source>照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="339"/>
        <source>选择照片…</source>
        <translation>Choose photo…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="342"/>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="344"/>
        <source>培训记录</source>
        <translation>Training records</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="349"/>
        <source>培训日期</source>
        <translation>Training date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="353"/>
        <source>培训名称</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="355"/>
        <source>填写后保存即新增一条培训记录。</source>
        <translation>Fill this in and save to add a training record.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="357"/>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="380"/>
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="385"/>
        <source>选择照片</source>
        <translation>Choose photo</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="385"/>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>PublicationModel</name>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="124"/>
        <source>收到时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="125"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="126"/>
        <source>版本或年度</source>
        <translation>Version or year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="127"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="128"/>
        <source>处理人</source>
        <translation>Decided by</translation>
    </message>
</context>
<context>
    <name>PunchDialog</name>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="242"/>
        <source>补签申请</source>
        <translation>Correction request</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="242"/>
        <source>手工打卡</source>
        <translation>Punch at the desk</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="243"/>
        <source>提交申请</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="243"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="247"/>
        <source>人员</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="249"/>
        <source>打卡时间</source>
        <translation>Punch time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="251"/>
        <source>补签经审批后计入考勤。</source>
        <translation>A correction counts once it is approved.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="255"/>
        <source>补签理由</source>
        <translation>Reason for the correction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="283"/>
        <source>签到（当天最早的打卡）</source>
        <translation>Sign-in (the day&apos;s first punch)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="284"/>
        <source>签退（当天最晚的打卡）</source>
        <translation>Sign-out (the day&apos;s last punch)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="285"/>
        <source>当天中间的打卡（不改变签到、签退）</source>
        <translation>A punch within the day (changes neither sign-in nor sign-out)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="288"/>
        <source>将保存以下打卡，保存后不能修改，只能通过补签更正：

人员：{name}
日期：{day}
时间：{time}
记为：{kind}

确认保存吗？（Enter 确认，Esc 返回修改）</source>
        <translation>This punch will be stored and cannot be changed afterwards, only corrected by a 补签:

Worker: {name}
Date: {day}
Time: {time}
Counts as: {kind}

Save it? (Enter saves, Esc goes back)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="298"/>
        <source>确认手工打卡</source>
        <translation>Confirm desk punch</translation>
    </message>
</context>
<context>
    <name>RankModel</name>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="54"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="54"/>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="54"/>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="54"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="54"/>
        <source>村/社区</source>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="58"/>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="55"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="55"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="67"/>
        <source>{name}：{community}，{grid}，{post}</source>
        <translation>{name}: {community}, {grid}, {post}</translation>
    </message>
</context>
<context>
    <name>RecordModel</name>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="157"/>
        <source>计入</source>
        <translation>Counted</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="157"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="157"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="157"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>RecordsDialog</name>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="182"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="142"/>
        <source>重新开启考核</source>
        <translation>Reopen the assessment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="142"/>
        <source>重新开启</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="144"/>
        <source>{period}的考核已确认。重新开启后可重新计算、调整和处理申诉，原因记入审计日志。</source>
        <translation>The assessment of {period} is confirmed. Once reopened it can be recomputed, adjusted and its appeals decided; the reason goes to the audit log.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="149"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="148"/>
        <source>重置密码 — {name}</source>
        <translation>Reset password — {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="156"/>
        <source>临时密码</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="159"/>
        <source>告诉本人后，对方登录时须改成自己的密码。</source>
        <translation>Tell the person; they must choose their own password when they log in.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="161"/>
        <source>再输一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="163"/>
        <source>重置</source>
        <translation>Reset</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="409"/>
        <source>销假</source>
        <translation>Report back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="411"/>
        <source>{name} {kind} {start} 至 {end}</source>
        <translation>{name} {kind} {start} to {end}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="415"/>
        <source>返岗日期</source>
        <translation>Back on</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="126"/>
        <source>分配角色 — {name}</source>
        <translation>Roles — {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="130"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="132"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>RolesTab</name>
    <message>
        <location filename="../../desktop/views/admin/roles_tab.py" line="38"/>
        <source>勾选这个角色可以做的事：</source>
        <translation>Tick what this role may do:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/roles_tab.py" line="47"/>
        <source>保存权限</source>
        <translation>Save permissions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/roles_tab.py" line="84"/>
        <source>无法保存</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/roles_tab.py" line="88"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/roles_tab.py" line="88"/>
        <source>权限已保存，相关人员重新登录后生效。</source>
        <translation>Permissions saved; they apply when the people concerned log in again.</translation>
    </message>
</context>
<context>
    <name>RollupModel</name>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="80"/>
        <source>名次</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="80"/>
        <source>平均得分</source>
        <translation>Mean score</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="80"/>
        <source>等次</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="80"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="80"/>
        <location filename="../../desktop/views/assessment/page.py" line="81"/>
        <source>村/社区</source>
        <translation>Village/community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="83"/>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="81"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/page.py" line="81"/>
        <source>网格数</source>
        <translation>Grids</translation>
    </message>
</context>
<context>
    <name>RotaModel</name>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="65"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="65"/>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="65"/>
        <source>班次</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="65"/>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="65"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="65"/>
        <source>调班</source>
        <translation>Swap</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="66"/>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="70"/>
        <source>待审批</source>
        <translation>Awaiting approval</translation>
    </message>
</context>
<context>
    <name>RoundModel</name>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="64"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="65"/>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="66"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="67"/>
        <source>上传</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="68"/>
        <source>接收</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="69"/>
        <source>冲突/拒收</source>
        <translation>Conflicts/refused</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="70"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>SavedMappingsDialog</name>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="223"/>
        <source>记住的打卡文件列对应</source>
        <translation>Kept column mappings of punch files</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="227"/>
        <source>表头不是常见列名的打卡文件，第一次导入时对应的各列。忘记后，下一个同样表头的文件需重新对应。</source>
        <translation>Column mappings chosen when a punch file without the usual column names was first imported. Once forgotten, the next file with that header is mapped again.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="234"/>
        <source>记住于</source>
        <translation>Kept on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="234"/>
        <source>操作人</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="234"/>
        <source>对应（列号）</source>
        <translation>Mapping (column numbers)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="234"/>
        <source>表头</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="240"/>
        <source>忘记所选</source>
        <translation>Forget selected</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="242"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="260"/>
        <source>（无表头，{n} 列）</source>
        <translation>(no header, {n} columns)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="273"/>
        <source>工号</source>
        <translation>Machine number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="273"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="273"/>
        <source>日期时间</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="274"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="274"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="281"/>
        <source>请先选择</source>
        <translation>Select first</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="281"/>
        <source>请先在列表中选择一行。</source>
        <translation>Choose a row in the list first.</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="315"/>
        <source>作息时间</source>
        <translation>Work schedule</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="315"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="316"/>
        <source>上班时间之后打卡算迟到（可设宽限），下班时间之前离开算早退。</source>
        <translation>A punch after the start time is late (a grace may be set); leaving before the end time is early.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="318"/>
        <source>起用日期</source>
        <translation>Valid from</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="319"/>
        <source>上班时间</source>
        <translation>Start time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="320"/>
        <source>下班时间</source>
        <translation>End time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="321"/>
        <source>迟到宽限（分钟）</source>
        <translation>Grace for lateness (minutes)</translation>
    </message>
</context>
<context>
    <name>SchemeDialog</name>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="194"/>
        <source>考核方案</source>
        <translation>Assessment scheme</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="194"/>
        <source>保存为新版本</source>
        <translation>Save as a new version</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="197"/>
        <source>当前为第 {version} 版。保存后成为新版本，已计算的考核周期仍按原版本计分。</source>
        <translation>This is version {version}. Saving makes a new version; periods already computed keep theirs.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="203"/>
        <source>方案名称</source>
        <translation>Scheme name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="205"/>
        <source>基础分</source>
        <translation>Base score</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="206"/>
        <source>优秀（≥）</source>
        <translation>Excellent (≥)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="207"/>
        <source>合格（≥）</source>
        <translation>Pass (≥)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="208"/>
        <source>基本合格（≥）</source>
        <translation>Basic pass (≥)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="212"/>
        <source>年度考核中上半年占比</source>
        <translation>Weight of the first half in the year</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="218"/>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="218"/>
        <source>考核项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="218"/>
        <source>计分方式</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="218"/>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="218"/>
        <source>上限</source>
        <translation>Cap</translation>
    </message>
    <message>
        <location filename="../../desktop/views/assessment/dialogs.py" line="230"/>
        <source>考核项</source>
        <translation>Items</translation>
    </message>
</context>
<context>
    <name>SettingsTab</name>
    <message>
        <location filename="../../desktop/views/admin/settings_tab.py" line="39"/>
        <source>重新启动程序后生效。</source>
        <translation>Takes effect after restarting the program.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/settings_tab.py" line="43"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/settings_tab.py" line="64"/>
        <source>设置已保存。</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>SheetModel</name>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="81"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="81"/>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="81"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="81"/>
        <source>应出勤</source>
        <translation>Days due</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="81"/>
        <source>考勤号码</source>
        <translation>Attendance number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="82"/>
        <source>实出勤</source>
        <translation>Days present</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="82"/>
        <source>出勤率</source>
        <translation>Attendance rate</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="82"/>
        <source>迟到</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="82"/>
        <source>早退</source>
        <translation>Left early</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="82"/>
        <source>缺勤</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="83"/>
        <source>请假天数</source>
        <translation>Leave days</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/page.py" line="89"/>
        <source>中心</source>
        <translation>Centre</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="260"/>
        <source>拆分网格</source>
        <translation>Split grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="260"/>
        <source>拆分</source>
        <translation>Split</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="263"/>
        <source>“{name}”将于所选日期停用，其在岗人员的岗位同日结束；已有事件仍属于原网格。</source>
        <translation>“{name}” is retired on the chosen date and its current posts end that day; its events stay with it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="268"/>
        <source>拆分日期</source>
        <translation>Split date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="270"/>
        <source>新网格一</source>
        <translation>First new grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="273"/>
        <source>新网格二</source>
        <translation>Second new grid</translation>
    </message>
</context>
<context>
    <name>SwapDialog</name>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="192"/>
        <source>申请调班</source>
        <translation>Request swap</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="192"/>
        <source>提交申请</source>
        <translation>Submit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="194"/>
        <source>{day} {shift} {name}：调班经负责人批准后生效。</source>
        <translation>{day} {shift} {name}: the swap takes effect once a manager approves it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="199"/>
        <source>接班人</source>
        <translation>Taken over by</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/dialogs.py" line="201"/>
        <source>调班理由</source>
        <translation>Reason for the swap</translation>
    </message>
</context>
<context>
    <name>SyncNames</name>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="15"/>
        <location filename="../../desktop/views/sync/names.py" line="35"/>
        <source>村（社区）</source>
        <translation>Community</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="16"/>
        <location filename="../../desktop/views/sync/names.py" line="37"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="17"/>
        <source>事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="18"/>
        <source>事件办理记录</source>
        <translation>Event action</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="19"/>
        <source>调解案件</source>
        <translation>Mediation case</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="20"/>
        <source>县级答复</source>
        <translation>County answer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="21"/>
        <source>县级交办</source>
        <translation>County assignment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="22"/>
        <source>事项清单</source>
        <translation>Matter list</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="23"/>
        <source>节假日表</source>
        <translation>Holiday table</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="28"/>
        <source>编号</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="29"/>
        <source>来源渠道</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="30"/>
        <source>反映人</source>
        <translation>Reporter</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="31"/>
        <source>反映人电话</source>
        <translation>Reporter&apos;s phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="32"/>
        <source>匿名</source>
        <translation>Anonymous</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="33"/>
        <source>发生时间</source>
        <translation>Occurred at</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="34"/>
        <source>上报时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="36"/>
        <source>村（社区）代码</source>
        <translation>Community code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="38"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="39"/>
        <source>事项类别</source>
        <translation>Matter category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="40"/>
        <source>事项编码</source>
        <translation>Matter code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="41"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="42"/>
        <source>情况描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="43"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="44"/>
        <source>涉及人数</source>
        <translation>People involved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="45"/>
        <source>处置层级</source>
        <translation>Loop</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="46"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="47"/>
        <location filename="../../desktop/views/sync/names.py" line="48"/>
        <source>承办部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="49"/>
        <source>分拨时间</source>
        <translation>Dispatched at</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="50"/>
        <source>办理时限（天）</source>
        <translation>Time limit (days)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="51"/>
        <source>办结期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="52"/>
        <source>督办</source>
        <translation>Supervised</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="53"/>
        <source>办理结果</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="54"/>
        <source>满意度</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="55"/>
        <source>返工次数</source>
        <translation>Reworks</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="56"/>
        <source>退回次数</source>
        <translation>Returns</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="57"/>
        <source>结案时间</source>
        <translation>Closed at</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="58"/>
        <source>重复于</source>
        <translation>Duplicate of</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="59"/>
        <source>登记时间</source>
        <translation>Registered at</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="60"/>
        <source>删除时间</source>
        <translation>Deleted at</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="61"/>
        <source>交办单位</source>
        <translation>Assigned by</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="62"/>
        <source>答复人</source>
        <translation>Answered by</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="63"/>
        <source>答复时间</source>
        <translation>Answered at</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="65"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="66"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="67"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="68"/>
        <source>细分类型</source>
        <translation>Subtype</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="69"/>
        <source>户数</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="70"/>
        <source>人口</source>
        <translation>Population</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="71"/>
        <source>撤销日期</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="72"/>
        <source>撤销原因</source>
        <translation>Reason ended</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="73"/>
        <source>排序</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="75"/>
        <source>所属事件</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="76"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="77"/>
        <source>办理人</source>
        <translation>Handled by</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="78"/>
        <source>原状态</source>
        <translation>From state</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="79"/>
        <source>新状态</source>
        <translation>To state</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="80"/>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="81"/>
        <source>详情</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="83"/>
        <source>案号</source>
        <translation>File number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="84"/>
        <source>案件来源</source>
        <translation>Case source</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="85"/>
        <source>纠纷类型</source>
        <translation>Dispute type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="86"/>
        <source>涉及金额（分）</source>
        <translation>Amount (fen)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="87"/>
        <source>收案日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="88"/>
        <source>案件状态</source>
        <translation>Case status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="89"/>
        <source>受理日期</source>
        <translation>Accepted on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="90"/>
        <source>结果日期</source>
        <translation>Outcome date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="91"/>
        <source>履行情况</source>
        <translation>Performance</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="92"/>
        <source>归档日期</source>
        <translation>Archived on</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="97"/>
        <source>定时</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="98"/>
        <source>手动</source>
        <translation>Manual</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="99"/>
        <source>命令行</source>
        <translation>Command line</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="100"/>
        <source>离线包</source>
        <translation>Offline package</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="101"/>
        <source>成功</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="102"/>
        <source>失败</source>
        <translation>Failed</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="103"/>
        <source>进行中</source>
        <translation>Running</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="104"/>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="105"/>
        <source>拒收</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="106"/>
        <source>待确认</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="107"/>
        <source>已应用</source>
        <translation>Applied</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="108"/>
        <source>已忽略</source>
        <translation>Ignored</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="109"/>
        <source>保留本地</source>
        <translation>Kept the town&apos;s</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="110"/>
        <source>采用县级</source>
        <translation>Took the county&apos;s</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="111"/>
        <source>重新发送</source>
        <translation>Send again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="112"/>
        <source>不再发送</source>
        <translation>Do not send</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="114"/>
        <source>正在连接县级中心…</source>
        <translation>Connecting to the county hub…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="115"/>
        <source>正在上传本镇数据…</source>
        <translation>Sending the town&apos;s data…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="116"/>
        <source>正在接收县级数据…</source>
        <translation>Receiving from the county…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="139"/>
        <source>（空）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="141"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/names.py" line="143"/>
        <source>否</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="173"/>
        <location filename="../../desktop/views/sync/page.py" line="203"/>
        <source>数据同步</source>
        <translation>Data sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="178"/>
        <source>数据同步把本镇的事件和案件情况送往县级中心，并处理两边不一致的记录，只对具有“{permission}”权限的人员（中心负责人、系统管理员）开放。同步在后台自动进行，您不需要做任何事；如有疑问，请联系中心负责人。</source>
        <translation>Data sync sends the town&apos;s events and case summaries to the county hub and settles records the two sides disagree on; it is open to people with the permission “{permission}” (centre managers, administrators). Sync runs by itself in the background; you need not do anything. Ask your centre manager if in doubt.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="209"/>
        <source>正在读取同步状态…</source>
        <translation>Reading the sync state…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="225"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="231"/>
        <source>导出离线包…</source>
        <translation>Export offline package…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="232"/>
        <source>把待上传的数据写成离线包，带到县级中心导入</source>
        <translation>Write the data waiting to be sent into an offline package for the county hub to import</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="234"/>
        <source>导入离线包…</source>
        <translation>Import offline package…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="235"/>
        <source>导入县级中心发来的离线包</source>
        <translation>Import an offline package from the county hub</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="271"/>
        <source>同步记录</source>
        <translation>Rounds</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="280"/>
        <source>处理…</source>
        <translation>Settle…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="283"/>
        <source>两边都改过的记录，或县级中心拒收的记录：对照两边内容，决定保留哪一边。</source>
        <translation>Records changed on both sides, or refused by the county hub: compare the two and decide which to keep.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="297"/>
        <source>查看差异…</source>
        <translation>Show differences…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="299"/>
        <location filename="../../desktop/views/sync/page.py" line="586"/>
        <source>不应用此版本</source>
        <translation>Do not apply this version</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="309"/>
        <source>应用县级发布的事项清单需要“{permission}”权限。</source>
        <translation>Applying the county&apos;s matter list needs the permission “{permission}”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="318"/>
        <source>县级发布</source>
        <translation>From county</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="323"/>
        <source>同步设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="360"/>
        <source>上次成功同步：{when}</source>
        <translation>Last successful sync: {when}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="361"/>
        <source>从未成功</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="364"/>
        <source>待上传 {n} 条</source>
        <translation>{n} to send</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="366"/>
        <source>县级发布 {n} 份待确认</source>
        <translation>{n} county publication(s) to confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="369"/>
        <source>县级中心地址尚未填写（在“系统管理 → 乡镇信息”中填写）。</source>
        <translation>The county hub address is not set (System → Town profile).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="372"/>
        <source>同步口令不可用（见“同步设置”）。</source>
        <translation>The sync token is not available (see Sync settings).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="373"/>
        <source>未设置同步：</source>
        <translation>Sync not set up: </translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="378"/>
        <source>上次同步失败：{error}</source>
        <translation>Last sync failed: {error}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="381"/>
        <source>本机时钟与县级中心相差约 {minutes} 分钟，请校准本机时间。</source>
        <translation>This PC&apos;s clock is about {minutes} minutes off the county hub&apos;s; please correct it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="288"/>
        <location filename="../../desktop/views/sync/page.py" line="404"/>
        <source>冲突和拒收</source>
        <translation>Conflicts and refusals</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="365"/>
        <source>冲突和拒收 {n} 条待处理</source>
        <translation>{n} conflicts or refusals to settle</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="402"/>
        <source>冲突和拒收（{n}）</source>
        <translation>Conflicts and refusals ({n})</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="415"/>
        <source>正在同步，请稍候…</source>
        <translation>Syncing, please wait…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="419"/>
        <source>正在同步…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="433"/>
        <source>同步中断：{reason}</source>
        <translation>Sync stopped: {reason}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="450"/>
        <source>导出离线包</source>
        <translation>Export offline package</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="450"/>
        <source>离线包 (*.zip)</source>
        <translation>Offline packages (*.zip)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="456"/>
        <location filename="../../desktop/views/sync/page.py" line="461"/>
        <source>正在导出离线包…</source>
        <translation>Exporting the offline package…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="468"/>
        <source>已导出离线包：{batches} 批，{changes} 条变更。请带到县级中心导入。</source>
        <translation>Offline package exported: {batches} batches, {changes} changes. Take it to the county hub to import.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="475"/>
        <source>导入离线包</source>
        <translation>Import offline package</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="475"/>
        <source>离线包 (*.zip);;所有文件 (*)</source>
        <translation>Offline packages (*.zip);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="480"/>
        <location filename="../../desktop/views/sync/page.py" line="485"/>
        <source>正在导入离线包…</source>
        <translation>Importing the offline package…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="492"/>
        <source>这个离线包已经导入过，未作改动。</source>
        <translation>This package was imported before; nothing changed.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="494"/>
        <source>离线包已导入：县级确认 {acknowledged} 条，接收 {pulled} 条。</source>
        <translation>Package imported: the county confirmed {acknowledged} changes, {pulled} received.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="498"/>
        <source>冲突 {conflicts} 条，被拒收 {rejected} 条，请在“冲突和拒收”中处理。</source>
        <translation>{conflicts} conflicts and {rejected} refused: settle them under “Conflicts and refusals”.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="553"/>
        <source>县级发布的事项清单 {version}：应用前核对</source>
        <translation>County matter list {version}: check before applying</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="554"/>
        <source>应用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="554"/>
        <source>暂不应用</source>
        <translation>Not now</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="574"/>
        <source>已应用</source>
        <translation>Applied</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="575"/>
        <source>县级发布的事项清单 {version} 已应用：{summary}。</source>
        <translation>The county&apos;s matter list {version} is applied: {summary}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/sync/page.py" line="587"/>
        <source>不应用县级发布的“{label}”？它将标为“已忽略”，以后不能再从这里应用。</source>
        <translation>Not apply the county&apos;s “{label}”? It will be marked as ignored and can no longer be applied from here.</translation>
    </message>
</context>
<context>
    <name>TownPage</name>
    <message>
        <location filename="../../desktop/views/first_run.py" line="20"/>
        <source>第一步：本乡镇（街道）信息</source>
        <translation>Step 1: your town</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="21"/>
        <source>这些信息会印在文书上，也用于和县级中心交换数据。带 * 的必须填写。</source>
        <translation>This is printed on documents and used to exchange data with the county centre. Fields marked * are required.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="25"/>
        <source>例如 清溪镇</source>
        <translation>e.g. 清溪镇</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="33"/>
        <source>乡镇（街道）名称</source>
        <translation>Town name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="36"/>
        <source>统计用区划代码</source>
        <translation>Statistical area code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="39"/>
        <source>12 位数字，可向县级中心或统计部门询问；设置后不能修改。</source>
        <translation>12 digits; ask the county centre or the statistics office. It cannot change later.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="41"/>
        <source>所属县（市、区）</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="44"/>
        <source>县级中心地址</source>
        <translation>County centre address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="46"/>
        <source>可以暂不填写，以后在“系统管理”中补充。</source>
        <translation>May be left empty and added later under Administration.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="48"/>
        <source>中心联系电话</source>
        <translation>Centre phone</translation>
    </message>
</context>
<context>
    <name>TownTab</name>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="32"/>
        <source>乡镇（街道）名称</source>
        <translation>Town name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="34"/>
        <source>统计用区划代码</source>
        <translation>Statistical area code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="34"/>
        <source>初始设置后不能修改。</source>
        <translation>Cannot change after setup.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="36"/>
        <source>所属县（市、区）</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="37"/>
        <source>县级中心地址</source>
        <translation>County centre address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="38"/>
        <source>中心联系电话</source>
        <translation>Centre phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="39"/>
        <source>中心地址</source>
        <translation>Centre address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="41"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="79"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>TrainingModel</name>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="414"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="414"/>
        <source>学时</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="414"/>
        <source>培训名称</source>
        <translation>Training</translation>
    </message>
</context>
<context>
    <name>UnknownNumbersDialog</name>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="155"/>
        <source>未登记的考勤号码</source>
        <translation>Unknown machine numbers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="155"/>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="159"/>
        <source>文件中有 {numbers} 个考勤号码没有登记给任何人。新来的人员请在“登记给”中选择，号码随即登记；保持“跳过”的号码，其打卡不导入，导入后报告跳过的条数并记入审计日志。</source>
        <translation>{numbers} machine number(s) in the file belong to nobody. For a new worker choose them under &quot;Enrol to&quot; and the number is enrolled; punches of numbers left at &quot;Skip&quot; are not imported, and the skipped count is reported after the import and written to the audit log.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="164"/>
        <source>考勤号码</source>
        <translation>Attendance number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="164"/>
        <source>打卡条数</source>
        <translation>Punches</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="164"/>
        <source>文件中的姓名</source>
        <translation>Name in the file</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="164"/>
        <source>登记给</source>
        <translation>Enrol to</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="170"/>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="175"/>
        <source>，现号码 {pin}</source>
        <translation>, now number {pin}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="201"/>
        <source>将跳过 {numbers} 个号码的 {punches} 条打卡。</source>
        <translation>{punches} punch(es) of {numbers} number(s) will be skipped.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/punch_files.py" line="206"/>
        <source>所有号码都将登记，不跳过任何打卡。</source>
        <translation>Every number will be enrolled; no punch is skipped.</translation>
    </message>
</context>
<context>
    <name>UpgradeNotice</name>
    <message>
        <location filename="../../desktop/views/upgrade_notice.py" line="34"/>
        <source>已用时 {m} 分 {s} 秒</source>
        <translation>{m} min {s} s so far</translation>
    </message>
    <message>
        <location filename="../../desktop/views/upgrade_notice.py" line="37"/>
        <source>已用时 {s} 秒</source>
        <translation>{s} s so far</translation>
    </message>
    <message>
        <location filename="../../desktop/views/upgrade_notice.py" line="73"/>
        <source>正在升级数据库：先备份原来的数据，再升级到新版本。
数据较多时需要一两分钟，请不要关闭程序或电脑。</source>
        <translation>Upgrading the database: the data is backed up first, then upgraded to the new version.
With much data this takes a minute or two; please do not close the program or turn off the computer.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/upgrade_notice.py" line="79"/>
        <source>正在整理数据（更新查询索引），完成后自动打开登录窗口。
数据较多时需要几分钟，请不要关闭程序或电脑。</source>
        <translation>Tidying the data (updating the search index); the login window opens when it is done.
With much data this takes a few minutes: do not close the program or switch off the computer.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="60"/>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="60"/>
        <source>修改用户资料</source>
        <translation>Edit user</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="69"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="72"/>
        <source>登录时使用，英文字母开头，例如 zhangsan。</source>
        <translation>Used to log in; starts with a letter, e.g. zhangsan.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="74"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="75"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="80"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="83"/>
        <source>初始密码</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="86"/>
        <source>至少 8 位，含字母和数字。用户首次登录时须修改。</source>
        <translation>At least 8 characters with letters and digits; the user must change it at first login.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="88"/>
        <source>再输一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="90"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="185"/>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="187"/>
        <source>修改资料</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="188"/>
        <source>分配角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="189"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="190"/>
        <source>停用/启用</source>
        <translation>Disable/enable</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="191"/>
        <source>解除锁定</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="203"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="204"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="205"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="206"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="207"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="208"/>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="234"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="236"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="238"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="262"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="262"/>
        <source>请先在列表中选中一个用户。</source>
        <translation>Select a user in the list first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="270"/>
        <source>无法完成</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="292"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="292"/>
        <source>密码已重置，对方下次登录时须修改密码。</source>
        <translation>Password reset; the user must change it at next login.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="302"/>
        <source>停用账号</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="303"/>
        <source>停用后 {name} 将不能登录，已有的记录不受影响。确定停用吗？</source>
        <translation>{name} will no longer be able to log in; existing records stay. Disable?</translation>
    </message>
</context>
<context>
    <name>VersionsTab</name>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="475"/>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="476"/>
        <source>发布日期</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="477"/>
        <source>发布单位</source>
        <translation>Publisher</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="478"/>
        <source>导入时间</source>
        <translation>Imported at</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="479"/>
        <source>导入人</source>
        <translation>Imported by</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="480"/>
        <source>变化</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location filename="../../desktop/views/matters/page.py" line="486"/>
        <source>新增 {a}，变更 {c}，停用 {r}</source>
        <translation>added {a}, changed {c}, retired {r}</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="144"/>
        <source>登记走访</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="144"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="148"/>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="153"/>
        <source>走访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="154"/>
        <source>走访日期</source>
        <translation>Visit date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="155"/>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="157"/>
        <source>走访情况</source>
        <translation>Visit notes</translation>
    </message>
</context>
<context>
    <name>VisitModel</name>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="273"/>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="273"/>
        <source>网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="273"/>
        <source>住户</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="273"/>
        <source>户别</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="273"/>
        <source>走访人</source>
        <translation>Visited by</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="273"/>
        <source>方式</source>
        <translation>How</translation>
    </message>
    <message>
        <location filename="../../desktop/views/duty/patrols.py" line="274"/>
        <source>走访情况</source>
        <translation>Visit notes</translation>
    </message>
</context>
<context>
    <name>WorkPanel</name>
    <message>
        <location filename="../../desktop/views/events/page.py" line="108"/>
        <location filename="../../desktop/views/events/page.py" line="118"/>
        <source>我的待办</source>
        <translation>My work</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="113"/>
        <source>收起我的待办，让列表更宽</source>
        <translation>Fold My work away to widen the list</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="122"/>
        <location filename="../../desktop/views/events/page.py" line="198"/>
        <source>展开我的待办</source>
        <translation>Show My work</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="139"/>
        <source>正在统计…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="186"/>
        <source>单击一项，列表只显示这些事件</source>
        <translation>Click one to list just those events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="200"/>
        <source>名称下的红色数字：已超期的事件数</source>
        <translation>The red number under the name: overdue events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/events/page.py" line="201"/>
        <source>{name}：{count}</source>
        <translation>{name}: {count}</translation>
    </message>
</context>
<context>
    <name>WorkerDialog</name>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="142"/>
        <source>新增人员岗位</source>
        <translation>Add post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="142"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="144"/>
        <source>已在人员库中的人按身份证号自动对应，不会重复登记。</source>
        <translation>People already in the registry are matched by resident ID and not registered twice.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="147"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="149"/>
        <source>身份证号码</source>
        <translation>Resident ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="151"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="152"/>
        <source>（按身份证号）</source>
        <translation>(from the resident ID)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="154"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="155"/>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="156"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="158"/>
        <source>所属网格</source>
        <translation>Grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="159"/>
        <source>（中心工作人员不选）</source>
        <translation>(none for centre staff)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/dialogs.py" line="166"/>
        <source>入职日期</source>
        <translation>Start date</translation>
    </message>
</context>
<context>
    <name>WorkerModel</name>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="58"/>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="58"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="58"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="58"/>
        <source>身份证号码</source>
        <translation>Resident ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="58"/>
        <source>手机号码</source>
        <translation>Mobile number</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="59"/>
        <source>入职日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="59"/>
        <source>离任日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="59"/>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
</context>
<context>
    <name>WorkforcePage</name>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="110"/>
        <source>网格与人员</source>
        <translation>Grids and workers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="112"/>
        <source>人员库</source>
        <translation>Person registry</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="114"/>
        <source>调解组织</source>
        <translation>Mediation committee</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="122"/>
        <source>村（社区）与网格</source>
        <translation>Villages/communities and grids</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="122"/>
        <source>在岗</source>
        <translation>In post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="130"/>
        <source>请在左侧选择一个网格</source>
        <translation>Choose a grid on the left</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="141"/>
        <source>新增网格</source>
        <translation>New grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="142"/>
        <source>修改网格</source>
        <translation>Edit grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="143"/>
        <source>拆分网格</source>
        <translation>Split grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="144"/>
        <source>合并网格</source>
        <translation>Merge grids</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="145"/>
        <location filename="../../desktop/views/workforce/page.py" line="324"/>
        <source>撤销网格</source>
        <translation>Retire grid</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="146"/>
        <source>新增人员岗位</source>
        <translation>Add post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="147"/>
        <location filename="../../desktop/views/workforce/page.py" line="350"/>
        <source>结束岗位</source>
        <translation>End post</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="148"/>
        <source>人员档案…</source>
        <translation>Worker file…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="149"/>
        <source>查看完整身份证号</source>
        <translation>Show full resident ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="150"/>
        <source>含历任人员</source>
        <translation>Include former workers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="151"/>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="152"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="153"/>
        <source>下载模板…</source>
        <translation>Download template…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="184"/>
        <location filename="../../desktop/views/workforce/page.py" line="259"/>
        <source>中心工作人员</source>
        <translation>Centre staff</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="239"/>
        <source>代码：{code}&#x3000;类型：{kind}{subtype}</source>
        <translation>Code: {code}  Kind: {kind}{subtype}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="244"/>
        <source>户数：{h}&#x3000;人口：{p}</source>
        <translation>Households: {h}  Population: {p}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="247"/>
        <source>四至：{b}</source>
        <translation>Boundaries: {b}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="249"/>
        <source>覆盖：{p}</source>
        <translation>Covers: {p}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="252"/>
        <source>由 {names} 调整而来</source>
        <translation>Formed from {names}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="265"/>
        <source>请选择其下的网格查看人员。</source>
        <translation>Choose one of its grids to see the workers.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="274"/>
        <source>无法完成</source>
        <translation>Could not complete</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="325"/>
        <source>撤销后网格不再接收新事件，其在岗人员的岗位同日结束；已有事件仍属于该网格。</source>
        <translation>A retired grid takes no new events and its current posts end that day; its events stay with it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="370"/>
        <source>完整身份证号</source>
        <translation>Full resident ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="371"/>
        <source>{name}：{number}（此次查看已记入审计日志）</source>
        <translation>{name}: {number} (this view has been recorded in the audit log)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="379"/>
        <source>导出网格人员</source>
        <translation>Export grid workers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="379"/>
        <source>网格人员.xlsx</source>
        <translation>grid-workers.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="379"/>
        <location filename="../../desktop/views/workforce/page.py" line="398"/>
        <location filename="../../desktop/views/workforce/page.py" line="404"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="393"/>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="393"/>
        <source>已导出 {count} 条记录。</source>
        <translation>Exported {count} records.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="398"/>
        <source>保存模板</source>
        <translation>Save template</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="398"/>
        <source>网格人员导入模板.xlsx</source>
        <translation>grid-workers-template.xlsx</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="404"/>
        <source>导入网格人员</source>
        <translation>Import grid workers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="412"/>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="413"/>
        <source>新增 {posts} 个岗位、{people} 名人员；{same} 行已在册未变。</source>
        <translation>Added {posts} posts and {people} people; {same} rows were already on the roster.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="433"/>
        <source>姓名、手机号或身份证号</source>
        <translation>Name, mobile or resident ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="436"/>
        <source>查找</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="439"/>
        <source>合并所选两人…</source>
        <translation>Merge the two selected…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="440"/>
        <source>先选保留的一条，再按住 Ctrl 选要并入的一条</source>
        <translation>Select the record to keep, then Ctrl-click the one to merge into it</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="464"/>
        <source>合并重复人员</source>
        <translation>Merge duplicate persons</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="464"/>
        <source>请选中两条记录：保留的一条和要并入的一条。</source>
        <translation>Select two records: the one to keep and the one to merge into it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="488"/>
        <source>调解委员会名称</source>
        <translation>Committee name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="489"/>
        <source>文号前缀</source>
        <translation>File-number prefix</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="490"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="491"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="498"/>
        <source>保存调解委员会</source>
        <translation>Save committee</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="499"/>
        <source>新增调解员</source>
        <translation>Add mediator</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="500"/>
        <location filename="../../desktop/views/workforce/page.py" line="540"/>
        <source>调解员离任</source>
        <translation>Mediator leaves</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="528"/>
        <source>已保存</source>
        <translation>Saved</translation>
    </message>
    <message>
        <location filename="../../desktop/views/workforce/page.py" line="528"/>
        <source>调解委员会信息已保存。</source>
        <translation>The committee&apos;s details have been saved.</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="99"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/backups_tab.py" line="124"/>
        <source>已取消</source>
        <translation>Cancelled</translation>
    </message>
</context>
</TS>
