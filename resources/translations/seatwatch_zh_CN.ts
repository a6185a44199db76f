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
        <location filename="../../views/main_window.py" line="113" />
        <source>Monitor</source>
        <translation>监听</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="114" />
        <source>Whisper</source>
        <translation>耳语</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="115" />
        <source>Barge in</source>
        <translation>强插</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="116" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="117" />
        <source>Force release</source>
        <translation>强拆</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="118" />
        <source>Intercept</source>
        <translation>拦截</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="119" />
        <source>Force ready</source>
        <translation>强制就绪</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="120" />
        <source>Force away</source>
        <translation>强制离席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="121" />
        <source>Force logout</source>
        <translation>强制签出</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="126" />
        <source>monitoring</source>
        <translation>监听中</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="127" />
        <source>whispering</source>
        <translation>耳语中</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="128" />
        <source>barged in</source>
        <translation>已强插</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="129" />
        <source>took over</source>
        <translation>已拦截</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/main_window.py" line="340" />
        <source>Seatwatch — shift leader console</source>
        <translation>坐席值班长控制台 — Seatwatch</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="341" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="342" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="343" />
        <source>&amp;Controls</source>
        <translation>班长功能(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="344" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="345" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="348" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="349" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="350" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="351" />
        <source>Supervisor controls</source>
        <translation>班长功能</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="359" />
        <source>All groups</source>
        <translation>全部班组</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="369" />
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="374" />
        <source>Search ID or name</source>
        <translation>搜索工号或姓名</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="375" />
        <source>Only agents past a limit</source>
        <translation>只看超时坐席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="376" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="377" />
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="378" />
        <source>Supervisors</source>
        <translation>班长介入</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="379" />
        <source>Today's states</source>
        <translation>今日状态</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="380" />
        <source>Today's calls</source>
        <translation>今日通话</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="381" />
        <source>Today's tickets</source>
        <translation>今日工单</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="382" />
        <source>My sessions:</source>
        <translation>我的介入:</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="383" />
        <source>My controls:</source>
        <translation>我的操作:</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="384" />
        <source>Operator: {name} ({id})</source>
        <translation>操作员:{name}({id})</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="460" />
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="461" />
        <location filename="../../views/main_window.py" line="463" />
        <source>Data updated at {t}</source>
        <translation>数据更新于 {t}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="466" />
        <source>Not live</source>
        <translation>数据中断</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="469" />
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="513" />
        <source>{t}  {caller}  talk {talk}</source>
        <translation>{t}  {caller}  通话 {talk}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="518" />
        <source>[URGENT] </source>
        <translation>【急件】</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="525" />
        <source>Select an agent</source>
        <translation>请选择坐席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="569" />
        <source>Stop {mode} {agent}</source>
        <translation>停止{mode} {agent}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="579" />
        <source>pending</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="579" />
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="580" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="590" />
        <source>{shown} of {total} agents</source>
        <translation>显示 {shown} / 共 {total} 名坐席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="625" />
        <source>{action} on {id} {name}?</source>
        <translation>确定对 {id} {name} {action}?</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="635" />
        <source>Reason for {action} on {id} {name}</source>
        <translation>请填写对 {id} {name} {action}的原因</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="658" />
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="664" />
        <location filename="../../views/main_window.py" line="671" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="670" />
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