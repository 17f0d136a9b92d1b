<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../desktop/views/admin/admin_page.py" line="32"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/admin_page.py" line="35"/>
        <source>角色与权限</source>
        <translation>Roles and permissions</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/admin_page.py" line="38"/>
        <source>乡镇信息</source>
        <translation>Town profile</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/admin_page.py" line="41"/>
        <source>系统设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/admin_page.py" line="44"/>
        <source>审计日志</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="73"/>
        <source>第二步：系统管理员账号</source>
        <translation>Step 2: administrator account</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="74"/>
        <source>系统管理员负责建立其他人员的账号。请牢记密码。</source>
        <translation>The administrator creates everyone else&apos;s accounts. Keep the password safe.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="83"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="86"/>
        <source>英文字母开头，例如 admin 或 zhangsan。</source>
        <translation>Starts with a letter, e.g. admin or zhangsan.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="88"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="91"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="94"/>
        <source>至少 8 位，同时包含字母和数字。</source>
        <translation>At least 8 characters, with letters and digits.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="96"/>
        <source>再输一次密码</source>
        <translation>Password again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="98"/>
        <source>点击“完成”后即可用这个账号登录。</source>
        <translation>Click “Finish”, then log in with this account.</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="146"/>
        <source>摘要或对象中包含的文字</source>
        <translation>Text in the summary or object</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="149"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="151"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="153"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="155"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="157"/>
        <source>对象类型</source>
        <translation>Object type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="159"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="161"/>
        <source>关键字</source>
        <translation>Keyword</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="173"/>
        <source>校验审计链</source>
        <translation>Verify audit chain</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="174"/>
        <source>逐条核对审计记录的哈希链，发现被改动或删除的记录</source>
        <translation>Checks the hash chain row by row to find altered or deleted records</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="211"/>
        <location filename="../../desktop/views/admin/audit_tab.py" line="214"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="236"/>
        <source>共 {n} 条记录</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="246"/>
        <source>审计记录 #{seq}</source>
        <translation>Audit record #{seq}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="273"/>
        <source>审计链完整</source>
        <translation>Audit chain intact</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="274"/>
        <source>已核对 {n} 条记录，没有发现改动。</source>
        <translation>{n} records checked; nothing was altered.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="279"/>
        <source>审计链被破坏</source>
        <translation>Audit chain broken</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="281"/>
        <source>第 {seq} 条记录与前后记录对不上，审计日志可能被改动或删除过，请报告信息化负责人。</source>
        <translation>Record {seq} does not match its neighbours: the audit log may have been altered or cut. Report this to the IT officer.</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="59"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="60"/>
        <source>用户</source>
        <translation>Users</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="61"/>
        <source>工作站</source>
        <translation>Workstation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="62"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="63"/>
        <source>对象类型</source>
        <translation>Object type</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="64"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="65"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/audit_tab.py" line="66"/>
        <source>摘要</source>
        <translation>Summary</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desktop/views/login.py" line="131"/>
        <source>修改密码</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="143"/>
        <source>原密码</source>
        <translation>Current password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="146"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="149"/>
        <source>至少 8 位，同时包含字母和数字，不能包含用户名。</source>
        <translation>At least 8 characters with letters and digits, not containing the user name.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="151"/>
        <source>再输一次新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="156"/>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="157"/>
        <source>取消</source>
        <translation>Cancel</translation>
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
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../desktop/views/first_run.py" line="119"/>
        <source>综治工作台 — 首次使用设置</source>
        <translation>Town Centre Workbench — first-run setup</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="126"/>
        <source>下一步</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="127"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="128"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="129"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/views/login.py" line="44"/>
        <source>综治工作台</source>
        <translation>Town Centre Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="48"/>
        <source>乡镇（街道）综治中心</source>
        <translation>Town integrated governance centre</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="55"/>
        <source>例如 zhangsan</source>
        <translation>e.g. zhangsan</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="57"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="58"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="62"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="64"/>
        <source>较长时间没有操作，屏幕已锁定。请输入 {name} 的密码继续。</source>
        <translation>The screen locked after a period without use. Enter {name}&apos;s password to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="74"/>
        <source>登录 — 综治工作台</source>
        <translation>Log in — Town Centre Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="77"/>
        <source>忘记密码请联系本中心的系统管理员重置。</source>
        <translation>Forgot your password? Ask the centre&apos;s administrator to reset it.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="82"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="82"/>
        <source>登录</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login.py" line="85"/>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="54"/>
        <source>综治工作台 — {town}</source>
        <translation>Town Centre Workbench — {town}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="76"/>
        <source>您的角色不能使用此功能</source>
        <translation>Your role cannot use this feature</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="86"/>
        <source>屏幕已锁定</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="117"/>
        <source>事件中心</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="120"/>
        <source>受理网格员上报、群众来访、12345 转办等事件，分拨、督办、核查、回访直至结案。</source>
        <translation>Register events from grid workers, walk-ins and the 12345 hotline; dispatch, supervise, verify, call back and close them.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="124"/>
        <source>事项清单</source>
        <translation>Matter list</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="127"/>
        <source>县级发布、乡镇细化的网格事项清单（准入清单），决定事件的分类、承办部门和办理时限。</source>
        <translation>The grid matter list published by the county and refined by the town: it sets each event&apos;s category, department and time limit.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="131"/>
        <source>网格与人员</source>
        <translation>Grids and workers</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="134"/>
        <source>村（社区）、网格划分和一长三员队伍。</source>
        <translation>Villages and communities, grids, and the grid-worker roster.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="138"/>
        <source>值班考勤</source>
        <translation>Duty and attendance</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="141"/>
        <source>中心值班表、网格员考勤和请销假。</source>
        <translation>The centre&apos;s duty rota, grid-worker attendance and leave.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="145"/>
        <source>矛盾调解</source>
        <translation>Mediation</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="148"/>
        <source>人民调解案件从申请到归档，打印调解协议书等文书。</source>
        <translation>People&apos;s mediation cases from application to archive, with printed documents.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="152"/>
        <source>考核评估</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="155"/>
        <source>月度、季度、年度考核评分与排名。</source>
        <translation>Monthly, quarterly and annual assessment scores and rankings.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="159"/>
        <source>统计分析</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="162"/>
        <source>按期办结率、满意率等指标的统计和同比环比。</source>
        <translation>Indicators such as on-time closure and satisfaction, year on year and period on period.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="166"/>
        <source>数据同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="169"/>
        <source>与县级中心定时交换数据，网络中断时用离线数据包。</source>
        <translation>Scheduled data exchange with the county centre; offline packages when the network is down.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="183"/>
        <source>系统管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="209"/>
        <source>账号(&amp;A)</source>
        <translation>&amp;Account</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="210"/>
        <source>修改密码…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="213"/>
        <source>锁定屏幕</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="217"/>
        <source>注销（换人登录）</source>
        <translation>Log out (switch user)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="221"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="226"/>
        <source>转到(&amp;G)</source>
        <translation>&amp;Go</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="234"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="235"/>
        <location filename="../../desktop/views/main_window.py" line="288"/>
        <source>关于综治工作台</source>
        <translation>About Town Centre Workbench</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="244"/>
        <source>用户：{name}</source>
        <translation>User: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="245"/>
        <source>角色：{roles}</source>
        <translation>Role: {roles}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="245"/>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="246"/>
        <source>乡镇：{town}</source>
        <translation>Town: {town}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="249"/>
        <source>同步：尚未同步</source>
        <translation>Sync: not yet synced</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="249"/>
        <source>同步：未配置县级中心</source>
        <translation>Sync: no county centre set</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="290"/>
        <source>综治工作台 {version}
乡镇（街道）综治中心 / 网格化服务管理中心工作平台
数据库：{path}</source>
        <translation>Town Centre Workbench {version}
Workbench for town integrated governance / grid service centres
Database: {path}</translation>
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
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="159"/>
        <source>重置密码 — {name}</source>
        <translation>Reset password — {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="167"/>
        <source>临时密码</source>
        <translation>Temporary password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="170"/>
        <source>告诉本人后，对方登录时须改成自己的密码。</source>
        <translation>Tell the person; they must choose their own password when they log in.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="172"/>
        <source>再输一次</source>
        <translation>Again</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="177"/>
        <source>重置</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="178"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RolesDialog</name>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="131"/>
        <source>分配角色 — {name}</source>
        <translation>Roles — {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="135"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="140"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="141"/>
        <source>取消</source>
        <translation>Cancel</translation>
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
    <name>SettingsTab</name>
    <message>
        <location filename="../../desktop/views/admin/settings_tab.py" line="41"/>
        <source>重新启动程序后生效。</source>
        <translation>Takes effect after restarting the program.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/settings_tab.py" line="45"/>
        <source>保存设置</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/settings_tab.py" line="66"/>
        <source>设置已保存。</source>
        <translation>Settings saved.</translation>
    </message>
</context>
<context>
    <name>TownPage</name>
    <message>
        <location filename="../../desktop/views/first_run.py" line="16"/>
        <source>第一步：本乡镇（街道）信息</source>
        <translation>Step 1: your town</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="17"/>
        <source>这些信息会印在文书上，也用于和县级中心交换数据。带 * 的必须填写。</source>
        <translation>This is printed on documents and used to exchange data with the county centre. Fields marked * are required.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="21"/>
        <source>例如 清溪镇</source>
        <translation>e.g. 清溪镇</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="29"/>
        <source>乡镇（街道）名称</source>
        <translation>Town name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="32"/>
        <source>统计用区划代码</source>
        <translation>Statistical area code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="35"/>
        <source>12 位数字，可向县级中心或统计部门询问；设置后不能修改。</source>
        <translation>12 digits; ask the county centre or the statistics office. It cannot change later.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="37"/>
        <source>所属县（市、区）</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="40"/>
        <source>县级中心地址</source>
        <translation>County centre address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="42"/>
        <source>可以暂不填写，以后在“系统管理”中补充。</source>
        <translation>May be left empty and added later under Administration.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_run.py" line="44"/>
        <source>中心联系电话</source>
        <translation>Centre phone</translation>
    </message>
</context>
<context>
    <name>TownTab</name>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="31"/>
        <source>乡镇（街道）名称</source>
        <translation>Town name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="33"/>
        <source>统计用区划代码</source>
        <translation>Statistical area code</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="33"/>
        <source>初始设置后不能修改。</source>
        <translation>Cannot change after setup.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="35"/>
        <source>所属县（市、区）</source>
        <translation>County</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="36"/>
        <source>县级中心地址</source>
        <translation>County centre address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="37"/>
        <source>中心联系电话</source>
        <translation>Centre phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="38"/>
        <source>中心地址</source>
        <translation>Centre address</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="40"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/town_tab.py" line="78"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="59"/>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="59"/>
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
        <location filename="../../desktop/views/admin/users_tab.py" line="93"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="94"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="202"/>
        <source>新建用户</source>
        <translation>New user</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="204"/>
        <source>修改资料</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="205"/>
        <source>分配角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="206"/>
        <source>重置密码</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="207"/>
        <source>停用/启用</source>
        <translation>Disable/enable</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="208"/>
        <source>解除锁定</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="221"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="222"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="223"/>
        <source>角色</source>
        <translation>Roles</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="224"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="225"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="226"/>
        <source>最近登录</source>
        <translation>Last login</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="256"/>
        <source>已停用</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="258"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="260"/>
        <source>正常</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="284"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="284"/>
        <source>请先在列表中选中一个用户。</source>
        <translation>Select a user in the list first.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="292"/>
        <source>无法完成</source>
        <translation>Cannot do that</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="314"/>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="314"/>
        <source>密码已重置，对方下次登录时须修改密码。</source>
        <translation>Password reset; the user must change it at next login.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="324"/>
        <source>停用账号</source>
        <translation>Disable account</translation>
    </message>
    <message>
        <location filename="../../desktop/views/admin/users_tab.py" line="325"/>
        <source>停用后 {name} 将不能登录，已有的记录不受影响。确定停用吗？</source>
        <translation>{name} will no longer be able to log in; existing records stay. Disable?</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../desktop/views/login.py" line="180"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
</context>
</TS>
