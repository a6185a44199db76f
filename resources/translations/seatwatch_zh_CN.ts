<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentTable</name>
    <message>
        <location filename="../../views/agent_model.py" line="47" />
        <source>ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="47" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="47" />
        <source>Group</source>
        <translation>班组</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="48" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="48" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="49" />
        <source>Time in state</source>
        <translation>状态时长</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="49" />
        <source>Current call</source>
        <translation>当前通话</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="50" />
        <source>Calls today</source>
        <translation>今日接听</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="50" />
        <source>Breaks today</source>
        <translation>今日小休</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="51" />
        <source>Break time today</source>
        <translation>小休总时长</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="196" />
        <source>Limit {limit} ({rule})</source>
        <translation>上限 {limit}({rule})</translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <location filename="../../views/main_window.py" line="120" />
        <source>Monitor</source>
        <translation>监听</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="121" />
        <source>Whisper</source>
        <translation>耳语</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="122" />
        <source>Barge in</source>
        <translation>强插</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="123" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="124" />
        <source>Force release</source>
        <translation>强拆</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="125" />
        <source>Intercept</source>
        <translation>拦截</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="126" />
        <source>Force ready</source>
        <translation>强制就绪</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="127" />
        <source>Force away</source>
        <translation>强制离席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="128" />
        <source>Force logout</source>
        <translation>强制签出</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="133" />
        <source>monitoring</source>
        <translation>监听中</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="134" />
        <source>whispering</source>
        <translation>耳语中</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="135" />
        <source>barged in</source>
        <translation>已强插</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="136" />
        <source>took over</source>
        <translation>已拦截</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/main_window.py" line="381" />
        <source>Seatwatch — shift leader console</source>
        <extracomment>"operators" | "floor_setup" | "audit"</extracomment>
        <translation>坐席值班长控制台 — Seatwatch</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="382" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="383" />
        <source>&amp;Switch operator…</source>
        <translation>切换操作员(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="384" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="385" />
        <source>&amp;Controls</source>
        <translation>班长功能(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="386" />
        <source>&amp;Administration</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="388" />
        <source>&amp;Operators and roles…</source>
        <translation>操作员与角色(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="390" />
        <source>&amp;Floor setup…</source>
        <translation>班组、队列与坐席(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="391" />
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="392" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="393" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="396" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="397" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="398" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="399" />
        <source>Supervisor controls</source>
        <translation>班长功能</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="407" />
        <source>All groups</source>
        <translation>全部班组</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="417" />
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="422" />
        <source>Search ID or name</source>
        <translation>搜索工号或姓名</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="423" />
        <source>Only agents past a limit</source>
        <translation>只看超时坐席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="424" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="425" />
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="426" />
        <source>Supervisors</source>
        <translation>班长介入</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="427" />
        <source>Today's states</source>
        <translation>今日状态</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="428" />
        <source>Today's calls</source>
        <translation>今日通话</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="429" />
        <source>Today's tickets</source>
        <translation>今日工单</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="430" />
        <source>My sessions:</source>
        <translation>我的介入:</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="431" />
        <source>My controls:</source>
        <translation>我的操作:</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="443" />
        <source>Operator: {name} ({id}) · {roles}</source>
        <translation>操作员:{name}({id})· {roles}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="537" />
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="538" />
        <location filename="../../views/main_window.py" line="540" />
        <source>Data updated at {t}</source>
        <translation>数据更新于 {t}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="543" />
        <source>Not live</source>
        <translation>数据中断</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="546" />
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="599" />
        <source>{t}  {caller}  talk {talk}</source>
        <translation>{t}  {caller}  通话 {talk}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="604" />
        <source>[URGENT] </source>
        <translation>【急件】</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="611" />
        <source>Select an agent</source>
        <translation>请选择坐席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="656" />
        <source>Stop {mode} {agent}</source>
        <translation>停止{mode} {agent}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="666" />
        <source>pending</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="666" />
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="667" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="677" />
        <source>{shown} of {total} agents</source>
        <translation>显示 {shown} / 共 {total} 名坐席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="712" />
        <source>{action} on {id} {name}?</source>
        <translation>确定对 {id} {name} {action}?</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="722" />
        <source>Reason for {action} on {id} {name}</source>
        <translation>请填写对 {id} {name} {action}的原因</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="745" />
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="751" />
        <location filename="../../views/main_window.py" line="758" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="757" />
        <source>Away reason</source>
        <translation>离席原因</translation>
    </message>
    <message>
        <location filename="../../views/widgets.py" line="95" />
        <source>Data is not live since {since}: {reason}. Controls are disabled until it recovers.</source>
        <translation>数据自 {since} 起中断:{reason}。恢复前班长功能不可用。</translation>
    </message>
</context>
<context>
    <name>QueueTable</name>
    <message>
        <location filename="../../views/queue_model.py" line="77" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="77" />
        <source>Waiting</source>
        <translation>排队</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="78" />
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="79" />
        <source>Today answered / abandoned / IVR</source>
        <translation>今日 接听/放弃/IVR</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="80" />
        <source>Shift answered / abandoned / IVR</source>
        <translation>本班 接听/放弃/IVR</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="81" />
        <source>Service level ({t} s)</source>
        <translation>服务水平({t}秒)</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="82" />
        <source>Answer rate</source>
        <translation>接通率</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="82" />
        <source>ASA</source>
        <translation>平均应答</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="84" />
        <source>(IVR-only + answered) / offered (R-KPI-1)</source>
        <translation>(IVR完成 + 人工接听)÷ 呼入总量(R-KPI-1)</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="103" />
        <source>Floor total</source>
        <translation>全场合计</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../views/labels.py" line="24" />
        <source>Short break</source>
        <translation>小休</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="25" />
        <source>Meal</source>
        <translation>用餐</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="26" />
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="27" />
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="28" />
        <source>Callback</source>
        <translation>回拨</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="29" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../views/main_window.py" line="148" />
        <source>Shift leader</source>
        <extracomment>the administration dialogs and the right each needs (roles.py)</extracomment>
        <translation>值班长</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="149" />
        <source>Department head</source>
        <translation>部长</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="150" />
        <source>Director</source>
        <translation>主任</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="151" />
        <source>Wallboard viewer</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="152" />
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../../console/app.py" line="259" />
        <source>The floor database cannot be reached: {error}</source>
        <translation>无法连接值班数据库:{error}</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="29" />
        <source>Sign in — Seatwatch</source>
        <extracomment>(operator id, password, answer) — answer(None) on success, answer(message) on refusal</extracomment>
        <translation>登录 — 坐席值班长控制台</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="32" />
        <source>Floor database: {target}</source>
        <translation>值班数据库:{target}</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="43" />
        <location filename="../../views/signin.py" line="118" />
        <source>Operator ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="44" />
        <location filename="../../views/signin.py" line="120" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="53" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="63" />
        <source>Enter your operator ID and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="67" />
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="99" />
        <source>First start — create the administrator</source>
        <extracomment>(operator id, name, password, answer) — answer(None) once created, answer(message) if not</extracomment>
        <translation>首次启动 — 创建管理员</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="101" />
        <source>This floor database has no administrator yet. Create the first one (IT): it creates the other operators and gives them their roles.</source>
        <translation>该值班数据库尚无管理员。请先创建第一位管理员(信息科),再由其创建其他操作员并分配角色。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="119" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="121" />
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="131" />
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="142" />
        <source>Enter an operator ID and a name.</source>
        <translation>请输入工号和姓名。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="145" />
        <source>The password needs at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="149" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="154" />
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <location filename="../../views/labels.py" line="12" />
        <source>Logged out</source>
        <translation>签出</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="13" />
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="14" />
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="15" />
        <source>Talking</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="16" />
        <source>On hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="17" />
        <source>After-call work</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location filename="../../views/labels.py" line="18" />
        <source>Away</source>
        <translation>离席</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <location filename="../../views/widgets.py" line="64" />
        <source>Away: {list}</source>
        <translation>离席:{list}</translation>
    </message>
    <message>
        <location filename="../../views/widgets.py" line="71" />
        <source>{group} short break {n} / {limit}</source>
        <translation>{group} 小休 {n}/{limit}</translation>
    </message>
</context>
</TS>