<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../views/help/about.py" line="111" />
        <source>could not be read (the database is not answering)</source>
        <extracomment>already rendered without a password (models.db.engine.safe)</extracomment>
        <translation>无法读取（数据库没有响应）</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="113" />
        <source>reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="115" />
        <source>no floor host has started</source>
        <translation>现场主机尚未启动</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="119" />
        <source>{holder}, since {since}</source>
        <translation>{holder}，自 {since} 起</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="124" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="125" />
        <source>Seatwatch shift leader console</source>
        <translation>坐席值班长控制台</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="126" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="127" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="128" />
        <source>Floor host</source>
        <translation>现场主机</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="129" />
        <source>Signed in</source>
        <translation>当前登录</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="133" />
        <source>Qt {qt} · Python {py}</source>
        <translation>Qt {qt} · Python {py}</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="135" />
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/help/about.py" line="136" />
        <source>Copy these details, to paste into a message to IT</source>
        <translation>复制以上信息，粘贴发给 IT</translation>
    </message>
</context>
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
        <location filename="../../views/agent_model.py" line="83" />
        <location filename="../../views/table_fit.py" line="58" />
        <source>{talk} (hold {hold})</source>
        <extracomment>a cell's text margins and the focus frame; a header's padding and its sort arrow</extracomment>
        <translation>{talk}（保持 {hold}）</translation>
    </message>
    <message>
        <location filename="../../views/agent_model.py" line="223" />
        <source>Limit {limit} ({rule})</source>
        <translation>上限 {limit}({rule})</translation>
    </message>
</context>
<context>
    <name>AlertHistory</name>
    <message>
        <location filename="../../views/alerts/models.py" line="240" />
        <source>Raised at</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="241" />
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="242" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="243" />
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="244" />
        <source>Acknowledged</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="245" />
        <source>Resolved</source>
        <translation>解除</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="246" />
        <source>Note</source>
        <translation>处理说明</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="264" />
        <source>open</source>
        <translation>未解除</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="265" />
        <source>cleared</source>
        <translation>自动解除</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="276" />
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="277" />
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="330" />
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="542" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="548" />
        <source>{n} alert(s) that day</source>
        <translation>当日共 {n} 条告警</translation>
    </message>
</context>
<context>
    <name>AlertRules</name>
    <message>
        <location filename="../../views/kit/texts.py" line="35" />
        <source>Short break pre-warning</source>
        <translation>小休预警</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="37" />
        <source>Logged in, not rostered</source>
        <translation>未排班却已签入</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="40" />
        <source>Short break during the peak plan</source>
        <translation>高峰预案期间小休</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="42" />
        <source>Callback during the peak plan</source>
        <translation>高峰预案期间回拨</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="44" />
        <source>Next week's training plan due</source>
        <translation>下周培训计划待提交</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="46" />
        <source>Phone left ringing unanswered</source>
        <translation>示闲未接（电话置闲）</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="48" />
        <source>Short break over limit</source>
        <translation>小休超时</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="49" />
        <source>Too many on short break</source>
        <translation>小休超员</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="50" />
        <source>Away too long</source>
        <translation>离席超时</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="51" />
        <source>Hold too long</source>
        <translation>保持超时</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="52" />
        <source>Ringing too long</source>
        <translation>振铃超时</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="53" />
        <source>After-call work too long</source>
        <translation>话后处理超时</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="54" />
        <source>Left seat soon after login</source>
        <translation>签入后离席</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="55" />
        <source>Peak plan level 1</source>
        <translation>高峰预案一级</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="56" />
        <source>Peak plan level 2</source>
        <translation>高峰预案二级</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="57" />
        <source>Ticket for review</source>
        <translation>工单待审核</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="58" />
        <source>Ticket not completed</source>
        <translation>工单超时未办结</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="59" />
        <source>Urgent ticket</source>
        <translation>急件</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="60" />
        <source>Urgent ticket escalated</source>
        <translation>急件升级</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="61" />
        <source>Rostered, not logged in</source>
        <translation>排班未签入</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="62" />
        <source>Morning meeting</source>
        <translation>早会提醒</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="63" />
        <source>24-hour line unstaffed</source>
        <translation>24小时热线无人值守</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="64" />
        <source>Delayed reply overdue</source>
        <translation>延时答复超时</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="65" />
        <source>Call without a ticket</source>
        <translation>来电未建工单</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="66" />
        <source>Ticket key facts missing</source>
        <translation>工单要素不全</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="67" />
        <source>Ticket changed hands unannounced</source>
        <translation>首问负责未移交</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="68" />
        <source>Too many on callbacks in a peak</source>
        <translation>可预见高峰回拨超员</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="69" />
        <source>Monthly attendance summary due</source>
        <translation>考勤月汇总待确认</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="70" />
        <source>Next month's roster due</source>
        <translation>下月排班待完成</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="150" />
        <source>On short break since {since}; the limit of {limit} is near</source>
        <translation>{since} 起小休,即将达到 {limit} 上限</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="154" />
        <source>On short break since {since}, over the limit of {limit}</source>
        <translation>{since} 起小休,已超过 {limit}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="158" />
        <source>Away ({reason}) since {since}, over the limit of {limit}</source>
        <translation>{since} 起离席({reason}),已超过 {limit}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="162" />
        <source>Caller on hold since {since}, over the limit of {limit}</source>
        <translation>{since} 起保持通话,已超过 {limit}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="166" />
        <source>Ringing since {since}, not answered within {limit}</source>
        <translation>{since} 起振铃,{limit}内未接听</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="170" />
        <source>In after-call work since {since}, over the limit of {limit}</source>
        <translation>{since} 起话后处理,已超过 {limit}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="177" />
        <source>Went away ({reason}) {after} after logging in at {login}; nobody leaves the seat within {settle} of logging in</source>
        <translation>{login} 签入,{after}后即离席({reason});签入后 {settle}内不得离席</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="186" />
        <source>{n} on short break at once, more than {max}: {agents}</source>
        <translation>同时小休 {n} 人,超过 {max} 人:{agents}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="192" />
        <source>Went on a short break at {since} while peak plan level {level} suspends breaks</source>
        <translation>{since} 开始小休，而高峰预案 {level} 级暂停小休</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="195" />
        <source>Went on a callback at {since} while peak plan level {level} stops callbacks</source>
        <translation>{since} 开始回拨，而高峰预案 {level} 级停止回拨</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="205" />
        <source>At least {threshold} callers waiting for {window}: callbacks stopped, short breaks suspended</source>
        <translation>排队 ≥ {threshold} 人持续 {window}:暂停回拨,暂停小休</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="208" />
        <source>At least {threshold} callers waiting for {window}: all hands — shift leaders and every agent take calls</source>
        <translation>排队 ≥ {threshold} 人持续 {window}:全员接线,值班长与全体坐席接听电话</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="212" />
        <source>{category} ticket between categories, reviewed as a complaint or request for help: {title}</source>
        <translation>{category}工单界于两类之间，按投诉/求助审核：{title}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="217" />
        <source>{category} ticket for the shift leader's review: {title}</source>
        <translation>{category}工单待值班长审核:{title}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="222" />
        <source>{n} calls in a row rang unanswered while ready (the first at {since}): the phone is left unattended</source>
        <translation>示闲时连续 {n} 个来电振铃未接（第一个在 {since}）：电话无人接听</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="229" />
        <source>No agent ready or on a call for {queue} since {since}, longer than {limit}: the 24-hour line must stay open</source>
        <translation>{queue} 自 {since} 起无坐席示闲或通话，超过 {limit}：24小时热线须保持畅通</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="234" />
        <source>Consultation {ticket} promised a reply later: no reply {limit} after {since}</source>
        <translation>咨询工单 {ticket} 承诺延时答复：自 {since} 起 {limit} 仍未答复</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="239" />
        <source>A call that ended at {since} has no ticket after {limit}</source>
        <translation>{since} 结束的来电 {limit} 后仍未建工单</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="245" />
        <source>Ticket {ticket} lacks: {missing}</source>
        <translation>工单 {ticket} 缺少：{missing}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="252" />
        <source>Ticket {ticket} completed by {by}, not by its first owner {owner}, without a hand-on</source>
        <translation>工单 {ticket} 由 {by} 办结，而非首问负责人 {owner}，且未经移交</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="255" />
        <source>Ticket {ticket} changed by {by}, not by its first owner {owner}, without a hand-on</source>
        <translation>工单 {ticket} 由 {by} 修改，而非首问负责人 {owner}，且未经移交</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="264" />
        <source>{n} on callbacks at once during the predictable peak {period}, more than {max}: {agents}</source>
        <translation>可预见高峰「{period}」期间同时回拨 {n} 人，超过 {max} 人：{agents}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="271" />
        <source>The attendance summary of {month} is due on {due}: {n} person-days of the register are not confirmed yet</source>
        <translation>{month} 考勤月汇总须于 {due} 前确认：尚有 {n} 人次登记未确认</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="277" />
        <source>The training plan of the week from {week} is due on {due}: not entered yet</source>
        <translation>{week} 起一周的培训计划应于 {due} 前提交：尚未录入</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="282" />
        <source>The roster and per-slot staffing of {month} are due on {due}: no roster entered yet</source>
        <translation>{month} 的排班与分时段人力应于 {due} 前完成：尚未录入排班</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="288" />
        <source>Ticket {ticket} not completed {limit} after its call ended at {ended}</source>
        <translation>工单 {ticket} 通话于 {ended} 结束,{limit}后仍未办结</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="294" />
        <source>Urgent ticket, to the shift leader at once: {title}</source>
        <translation>急件,须立即报值班长:{title}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="298" />
        <source>Escalated to the director and the unit heads ({why}): {title}</source>
        <translation>已升级至主任及承办单位负责人({why}):{title}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="306" />
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="307" />
        <source>place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="308" />
        <source>course of events</source>
        <translation>经过</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="309" />
        <source>caller's request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="310" />
        <source>the place in the title</source>
        <translation>标题中的地点</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="311" />
        <source>a summary in the title</source>
        <translation>标题中的摘要</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="318" />
        <source>no shift leader on duty</source>
        <translation>无值班长在岗</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="320" />
        <source>not acknowledged within {wait}</source>
        <translation>{wait}内无人确认</translation>
    </message>
</context>
<context>
    <name>Alerts</name>
    <message>
        <location filename="../../views/kit/texts.py" line="26" />
        <source>Critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="27" />
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="28" />
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="33" />
        <source>Complaint/help ticket review</source>
        <extracomment>R-URGENT-1 and its escalation R-URGENT-2: the banner, the urgent tab, the tray R-TICKET-3: complaint / help tickets waiting for the shift leader's review</extracomment>
        <translation>投诉/求助工单复核</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="52" />
        <source>{category} ticket {ticket}: {title}</source>
        <translation>{category}工单 {ticket}：{title}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="60" />
        <source>Caller's request: {request}</source>
        <translation>来电人诉求：{request}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="66" />
        <source>What was done? The note is kept with the alert.</source>
        <translation>做了哪些处理？此说明将与告警一同保存。</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="86" />
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="88" />
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="89" />
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="95" />
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="96" />
        <source>Request for help</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="97" />
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="98" />
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="104" />
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="105" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="106" />
        <source>Group robot</source>
        <translation>群机器人</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="107" />
        <source>Nobody reachable</source>
        <translation>无人可通知</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="108" />
        <source>Handling step</source>
        <translation>处理步骤</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="114" />
        <source>Pending</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="115" />
        <source>Sent</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="116" />
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="117" />
        <source>Recorded</source>
        <translation>已记录</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="130" />
        <location filename="../../views/audit_view.py" line="235" />
        <source>Whole floor</source>
        <translation>全场</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="155" />
        <location filename="../../views/alerts/describe.py" line="189" />
        <location filename="../../views/alerts/describe.py" line="248" />
        <location filename="../../views/alerts/describe.py" line="269" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="39" />
        <source>Severity</source>
        <extracomment>the alert's id, for tests and tools</extracomment>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="40" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="41" />
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="42" />
        <source>Raised at</source>
        <translation>发生时间</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="43" />
        <source>Age</source>
        <translation>持续</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="44" />
        <source>Acknowledged by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="45" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="46" />
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="47" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="48" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="124" />
        <source>{who} at {time}</source>
        <translation>{who}({time})</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="194" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="195" />
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="196" />
        <source>Who</source>
        <translation>通知对象</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="197" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="198" />
        <source>Delivered at</source>
        <translation>送达时间</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="199" />
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location filename="../../views/alerts/models.py" line="200" />
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="266" />
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="267" />
        <source>Acknowledge the selected alert: it is yours; every console sees it</source>
        <translation>确认所选告警:由你负责,所有控制台同步可见</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="269" />
        <source>Resolve…</source>
        <translation>处理完毕…</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="270" />
        <source>Resolve the selected alert with a note saying what was done</source>
        <translation>填写处理说明并解除所选告警</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="272" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="273" />
        <source>Record a step…</source>
        <translation>记录处理步骤…</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="274" />
        <source>Record what was done about this ticket (a call made, the reply given)</source>
        <translation>记录对该工单所做的处理(已联系谁、如何答复)</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="324" />
        <source>Active alerts ({n})</source>
        <extracomment>columns that grow to their contents (up to this many pixels) as alerts arrive</extracomment>
        <translation>当前告警({n})</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="326" />
        <source>Review list ({n})</source>
        <translation>待审工单({n})</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="328" />
        <source>Urgent tickets ({n})</source>
        <translation>急件({n})</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="452" />
        <source>Acknowledging…</source>
        <translation>正在确认…</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="469" />
        <source>Resolving an alert needs a note saying what was done.</source>
        <translation>解除告警须填写处理说明。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="473" />
        <source>Resolving…</source>
        <translation>正在解除…</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="482" />
        <source>Acknowledged.</source>
        <translation>已确认。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="487" />
        <source>Resolved.</source>
        <translation>已解除。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="493" />
        <source>Refused: {reason}</source>
        <translation>未能执行:{reason}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="34" />
        <source>Resolve alert</source>
        <translation>解除告警</translation>
    </message>
    <message>
        <location filename="../../views/alerts/describe.py" line="63" />
        <source>What did the review find, and what was done? The note is kept with the ticket.</source>
        <translation>复核结果与处理情况？此说明将与工单一同保存。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="562" />
        <source>What was done about ticket {ticket}?</source>
        <translation>工单 {ticket} 做了哪些处理?</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="567" />
        <source>A handling step needs a text.</source>
        <translation>处理步骤不能为空。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="575" />
        <source>Step recorded.</source>
        <translation>已记录处理步骤。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="598" />
        <source>Loading the escalation trail…</source>
        <translation>正在读取升级记录…</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="619" />
        <source>The escalation trail cannot be read: {error}</source>
        <translation>无法读取升级记录:{error}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="628" />
        <source>Select an urgent ticket to see its escalation trail.</source>
        <translation>选择一个急件,查看其升级通知记录。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="636" />
        <source>{title}: not escalated</source>
        <translation>{title}:未升级</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="639" />
        <source>{title}: escalated at {time} ({why})</source>
        <translation>{title}:{time} 已升级({why})</translation>
    </message>
    <message>
        <location filename="../../views/alerts/panel.py" line="644" />
        <source>no notification recorded yet</source>
        <translation>尚无通知记录</translation>
    </message>
    <message>
        <location filename="../../console/alerts_cli.py" line="223" />
        <location filename="../../models/db/alerts_db.py" line="143" />
        <source>There is no alert {alert}</source>
        <translation>告警 {alert} 不存在</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="132" />
        <source>Resolving an alert needs a note saying what was done</source>
        <extracomment>longest resolve note kept (a note is a sentence or two, not a report)</extracomment>
        <translation>解除告警须填写处理说明</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="135" />
        <source>A note is at most {max} characters</source>
        <translation>处理说明最多 {max} 字</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="150" />
        <source>The alert is resolved already</source>
        <translation>告警已解除</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="155" />
        <source>The alert is not active</source>
        <translation>告警未在进行中</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="157" />
        <source>The alert was acknowledged already by {operator}</source>
        <translation>告警已由 {operator} 确认</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="169" />
        <source>The floor refused to acknowledge the alert</source>
        <translation>告警无法确认：现场拒绝了该操作</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="171" />
        <source>The floor refused to resolve the alert</source>
        <translation>告警无法解除：现场拒绝了该操作</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="231" />
        <source>Contact {n}: needs a unit, a head and a phone</source>
        <translation>第 {n} 个联系人：须有单位、负责人和电话</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="235" />
        <source>Contact {n}: the unit is empty</source>
        <translation>第 {n} 个联系人：承办单位为空</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="238" />
        <source>Contact {n}: the head is empty</source>
        <translation>第 {n} 个联系人：负责人为空</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="241" />
        <source>Contact {n}: the unit is longer than 100 characters</source>
        <translation>第 {n} 个联系人：单位名称最多 100 字</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="244" />
        <source>Contact {n}: the head's name is longer than 60 characters</source>
        <translation>第 {n} 个联系人：负责人姓名最多 60 字</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="249" />
        <source>Contact {n}: the phone must be digits with optional +, - and spaces: “{phone}”</source>
        <translation>第 {n} 个联系人：电话只能包含数字，可带 +、- 和空格：“{phone}”</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="254" />
        <source>Contact {n}: the same unit and phone as contact {other}</source>
        <translation>第 {n} 个联系人：与第 {other} 个联系人重复</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="315" />
        <source>A handling step needs a text</source>
        <translation>处理步骤不能为空</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="317" />
        <source>A step is at most {max} characters</source>
        <translation>处理步骤最多 {max} 字</translation>
    </message>
    <message>
        <location filename="../../models/db/alerts_db.py" line="323" />
        <source>Ticket {ticket} raised no alert</source>
        <translation>工单 {ticket} 没有告警</translation>
    </message>
</context>
<context>
    <name>Announcements</name>
    <message>
        <location filename="../../views/announcements_view.py" line="97" />
        <source>30 minutes</source>
        <extracomment>the floor's time zone until the first snapshot says otherwise (the default policy's) the announcement's id, for tests and tools how long an announcement stays, as offered (the shift's end and a custom time too)</extracomment>
        <translation>30 分钟</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="98" />
        <source>1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="99" />
        <source>2 hours</source>
        <translation>2 小时</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="100" />
        <source>4 hours</source>
        <translation>4 小时</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="101" />
        <source>Until the end of this shift</source>
        <translation>至本班次结束</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="102" />
        <source>Until a date and time…</source>
        <translation>至指定时间…</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="109" />
        <source>{who} · morning meeting</source>
        <translation>{who} · 早会</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="180" />
        <source>Announcement</source>
        <translation>公告内容</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="181" />
        <source>Published by</source>
        <translation>发布人</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="182" />
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="183" />
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="377" />
        <source>An announcement runs along the bottom of the wall display until it expires or is withdrawn. Publishing and withdrawing are recorded in the audit log.</source>
        <translation>公告在大屏底部滚动显示,到期或撤下后消失。发布和撤下均记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="381" />
        <source>&amp;Text</source>
        <translation>内容(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="382" />
        <source>e.g. 15:00 system upgrade: write tickets on paper for 10 minutes</source>
        <translation>例如:15:00 系统升级,约 10 分钟内请先手写工单</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="385" />
        <source>&amp;Show for</source>
        <translation>显示时长(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="386" />
        <source>On the wall</source>
        <translation>大屏显示</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="390" />
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="391" />
        <source>On the wall display now</source>
        <translation>大屏当前公告</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="393" />
        <source>No announcement is on the wall display.</source>
        <translation>大屏当前没有公告。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="395" />
        <source>&amp;Withdraw</source>
        <translation>撤下(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="396" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="443" />
        <source>The floor data is not live: this list may be out of date.</source>
        <translation>数据未实时更新:此列表可能不是最新的。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="475" />
        <source>At most {n} characters; line breaks become spaces.</source>
        <translation>最多 {n} 字;换行将变为空格。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="491" />
        <source>Phone numbers are masked on the wall display to protect callers' privacy.</source>
        <translation>为保护来电人隐私，电话号码在大屏上会被遮挡。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="526" />
        <source>Waiting for the floor data…</source>
        <translation>正在等待现场数据…</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="528" />
        <source>That time has passed.</source>
        <translation>该时间已过。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="530" />
        <source>At most {n} days ahead.</source>
        <translation>最长 {n} 天。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="561" />
        <source>until {time}</source>
        <translation>至 {time}</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="600" />
        <source>Write the announcement first.</source>
        <translation>请先填写公告内容。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="602" />
        <source>The announcement is {n} characters long; at most {max} fit on the wall display.</source>
        <translation>公告共 {n} 字,大屏最多显示 {max} 字。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="612" />
        <source>Publishing…</source>
        <translation>正在发布…</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="622" />
        <source>Published.</source>
        <translation>已发布。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="624" />
        <source>Published: on the wall display until {time}.</source>
        <translation>已发布:大屏显示至 {time}。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="641" />
        <source>Take “{text}” off the wall display now?</source>
        <translation>确定将“{text}”从大屏撤下吗?</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="646" />
        <source>Withdrawing…</source>
        <translation>正在撤下…</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="654" />
        <source>Withdrawn: it leaves the wall display.</source>
        <translation>已撤下:公告将从大屏消失。</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="376" />
        <location filename="../../views/announcements_view.py" line="667" />
        <source>Publish announcement</source>
        <extracomment>an answer to Publish (done or refused) is on screen an answer to Withdraw (done or refused) is on screen the id being withdrawn, until the answer comes</extracomment>
        <translation>发布公告</translation>
    </message>
    <message>
        <location filename="../../views/announcements_view.py" line="674" />
        <source>Close without publishing the text you wrote?</source>
        <translation>已填写的内容尚未发布,确定关闭吗?</translation>
    </message>
    <message>
        <location filename="../../models/db/announcements_db.py" line="96" />
        <source>The floor refused the announcement</source>
        <translation>公告未能发布：现场拒绝了该公告</translation>
    </message>
    <message>
        <location filename="../../models/db/announcements_db.py" line="129" />
        <source>This announcement is not on the wall display (withdrawn already?)</source>
        <translation>大屏上没有这条公告（可能已撤下）</translation>
    </message>
    <message>
        <location filename="../../models/db/announcements_db.py" line="132" />
        <source>The announcement expired at {time}</source>
        <translation>公告已于 {time} 过期</translation>
    </message>
    <message>
        <location filename="../../models/db/announcements_db.py" line="139" />
        <source>The floor refused to withdraw the announcement</source>
        <translation>公告未能撤下：现场拒绝了撤下</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="84" />
        <source>The text must be a string, got {value}</source>
        <extracomment>how far ahead an announcement may expire: a week-old notice on the wall is forgotten, not current who publishes: the shift leader from the console, or a morning-meeting notice operator 工号 the operator's name at the time of publishing tz-aware UTC tz-aware UTC, after ``published_at`` "leader" | "meeting"</extracomment>
        <translation>公告内容须为文字，收到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="88" />
        <source>An announcement needs a text</source>
        <translation>公告内容不能为空</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="90" />
        <source>An announcement is at most {max} characters ({n} given)</source>
        <translation>公告最多 {max} 字（现为 {n} 字）</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="95" />
        <source>The text holds the control character {char}</source>
        <translation>公告内容含控制字符 {char}</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="105" />
        <source>{field} needs a time zone</source>
        <translation>{field} 须带时区</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="108" />
        <source>The expiry ({expires}) must be after the time of publishing ({published})</source>
        <translation>到期时间（{expires}）须晚于发布时间（{published}）</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="112" />
        <source>An announcement expires at most {days} days after it is published</source>
        <translation>公告最长保留 {days} 天</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="119" />
        <source>Unknown announcement source {source} ({known})</source>
        <translation>未知公告来源 {source}（可用：{known}）</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="140" />
        <source>Field {field} is missing</source>
        <translation>缺少字段 {field}</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="142" />
        <location filename="../../models/domain/announcements.py" line="156" />
        <source>{field} must be a string, got {value}</source>
        <translation>{field} 须为文字，收到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="151" />
        <source>{field} is not an ISO time: {value}</source>
        <translation>{field} 不是时间：{value}</translation>
    </message>
    <message>
        <location filename="../../models/domain/announcements.py" line="161" />
        <source>The announcement id is longer than 100 characters</source>
        <translation>公告编号超过 100 个字符</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../console/ui.py" line="54" />
        <location filename="../../views/main_window.py" line="579" />
        <source>Seatwatch</source>
        <extracomment>the administration dialogs and the right each needs (roles.py) the shift's paperwork (issue #6, DOMAIN §5/§6), each with the right that opens it: 早会记录, 考勤 (the register for those who keep it, the summary for managers), 排班, 交接班, 月度考核 发布公告 (the wall display's ticker): in the Controls menu, beside the leader's other floor actions; Ctrl+Shift+A is the audit log's 趋势: the director's window (issue #17) "operators" | "floor_setup" | "audit" | "contacts" | "announcements" | "meeting" | "attendance" | "roster" | "handover" | "training" | "qa" | "assessment" | "reports" | "my_extension" each snapshot applied, handed on to the dialogs that render the floor (the announcements dialog): the floor state and whether it is stale acknowledge, resolve, escalation trail, contacts (issue #4); None: view only</extracomment>
        <translation>坐席值班长控制台</translation>
    </message>
</context>
<context>
    <name>Assessment</name>
    <message>
        <location filename="../../models/db/assessment_db.py" line="98" />
        <source>The month must be YYYY-MM, got {month}</source>
        <extracomment>attendance types that excuse a missed meeting (the agent was not at work)</extracomment>
        <translation>月份应为 YYYY-MM 格式，实为 {month}</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="136" />
        <source>Another assessment policy was applied meanwhile: run the command again to apply on top of it</source>
        <translation>其间已有人应用了另一份考核办法：请再次运行命令，在其基础上应用</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="164" />
        <source>No assessment policy applied yet: apply one first (seatwatch assess policy apply resources/policies/assessment-000.toml)</source>
        <translation>尚未应用考核办法：请先应用一份（seatwatch assess policy apply resources/policies/assessment-000.toml）</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="202" />
        <source>The sheet of {month} is confirmed: a change needs a reason</source>
        <translation>{month} 的考核表已确认：修改须填写原因</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="213" />
        <source>{item}: not a part scored by the leader and the recorded calls in this policy</source>
        <translation>{item}：现行考核办法中没有由班长评分和录音评分组成的此项</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="217" />
        <source>{item}: a score from 0 to {max}</source>
        <translation>{item}：评分应在 0 到 {max} 之间</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="223" />
        <source>{item}: no such item in the applied policy ({items})</source>
        <translation>{item}：现行考核办法中没有此项（{items}）</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="228" />
        <source>{item}: choose the points, {range}</source>
        <translation>{item}：请选定分值，{range}</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="233" />
        <source>{item}: the points must be {range}, got {points}</source>
        <translation>{item}：分值应为 {range}，实为 {points}</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="249" />
        <source>{agent}: no such agent in the floor setup</source>
        <translation>{agent}：坐席设置中没有此坐席</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="253" />
        <source>The kind of score is leader or call, got {kind}</source>
        <translation>评分类别应为 leader（班长评分）或 call（录音评分），实为 {kind}</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="285" />
        <source>Withdrawing an entry needs a reason</source>
        <translation>撤销登记须填写原因</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="291" />
        <source>Entry {id} does not exist or was withdrawn already</source>
        <translation>登记 {id} 不存在或已撤销</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="411" />
        <location filename="../../models/db/assessment_db.py" line="446" />
        <source>{key}: no such open proposal in {month}</source>
        <translation>{key}：{month} 没有这条待确认的建议</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="422" />
        <location filename="../../models/db/assessment_db.py" line="467" />
        <source>Someone confirmed one of these proposals meanwhile; nothing was confirmed: list them again</source>
        <translation>其间已有人确认了其中的建议项，本次未确认任何一项：请重新列出</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="435" />
        <source>Dismissing a proposal needs a reason</source>
        <translation>驳回建议项须填写原因</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="550" />
        <source>Someone drafted {month} meanwhile: run the command again</source>
        <translation>其间已有人拟定了 {month} 的考核表：请再次运行命令</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="562" />
        <source>The sheet of {month} is confirmed: drafting it again needs a reason</source>
        <translation>{month} 的考核表已确认：重新拟稿须填写原因</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="621" />
        <source>There is no sheet of {month} to confirm: draft it first</source>
        <translation>没有可确认的 {month} 考核表：请先拟稿</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="625" />
        <source>The sheet of {month} is confirmed already</source>
        <translation>{month} 的考核表已确认</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="629" />
        <source>The register of {month} changed after the draft ({n} entries): draft it again, then confirm</source>
        <translation>{month} 的扣分登记在拟稿后有变动（{n} 条）：请重新拟稿后再确认</translation>
    </message>
    <message>
        <location filename="../../models/db/assessment_db.py" line="636" />
        <source>The sheet of {month} cannot be confirmed: no total for {agents} (a leader's score or the recorded calls are missing)</source>
        <translation>{month} 的考核表无法确认：{agents} 没有总分（缺班长评分或录音评分）</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <location filename="../../console/assess_backend.py" line="189" />
        <location filename="../../console/assess_backend.py" line="193" />
        <source>Cannot write {path}: {error}</source>
        <extracomment>expected answers, shown to the person as they are the operator's rights, as the database has their roles now the policy in force (None: none applied yet; ``policy_error`` says so) the register, withdrawn entries included (marked) the floor's open proposals; empty without RECORD_ASSESSMENT 工号 → 姓名 of the floor's agents and the operators (who recorded, who confirmed) register entries recorded or withdrawn after the draft (draft again to count them) the floor's time zone: when a sheet was drafted, on the floor's clock</extracomment>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/dialog.py" line="34" />
        <source>Monthly assessment</source>
        <translation>月度考核</translation>
    </message>
    <message>
        <location filename="../../views/assessment/dialog.py" line="35" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/assessment/entry.py" line="54" />
        <source>Add a deduction or bonus</source>
        <extracomment>"" for an item's deduction or bonus, "leader" for a leader's score of a part</extracomment>
        <translation>添加扣分/加分</translation>
    </message>
    <message>
        <location filename="../../views/assessment/entry.py" line="79" />
        <source>{part} · leader's score (0 to {max})</source>
        <translation>{part} · 班长评分（0 至 {max}）</translation>
    </message>
    <message>
        <location filename="../../views/assessment/entry.py" line="91" />
        <source>Agent</source>
        <translation>坐席员</translation>
    </message>
    <message>
        <location filename="../../views/assessment/entry.py" line="92" />
        <location filename="../../views/assessment/models.py" line="194" />
        <location filename="../../views/assessment/models.py" line="259" />
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../views/assessment/entry.py" line="93" />
        <location filename="../../views/assessment/models.py" line="197" />
        <location filename="../../views/assessment/models.py" line="262" />
        <source>Item</source>
        <translation>考核项目</translation>
    </message>
    <message>
        <location filename="../../views/assessment/entry.py" line="94" />
        <location filename="../../views/assessment/models.py" line="198" />
        <location filename="../../views/assessment/models.py" line="263" />
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <location filename="../../views/assessment/entry.py" line="95" />
        <location filename="../../views/assessment/models.py" line="264" />
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../views/assessment/entry.py" line="107" />
        <source>Record</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../views/assessment/entry.py" line="110" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="75" />
        <location filename="../../views/assessment/models.py" line="319" />
        <source>Rank</source>
        <extracomment>"—" sorts below every figure</extracomment>
        <translation>名次</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="76" />
        <location filename="../../views/assessment/models.py" line="195" />
        <location filename="../../views/assessment/models.py" line="260" />
        <location filename="../../views/assessment/models.py" line="320" />
        <source>Agent ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="77" />
        <location filename="../../views/assessment/models.py" line="196" />
        <location filename="../../views/assessment/models.py" line="261" />
        <location filename="../../views/assessment/models.py" line="321" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="78" />
        <location filename="../../views/assessment/models.py" line="322" />
        <source>Group</source>
        <translation>班组</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="79" />
        <source>Calls handled</source>
        <translation>处理量</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="80" />
        <source>Average</source>
        <translation>对比平均</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="81" />
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="82" />
        <source>Reward (yuan)</source>
        <translation>奖励（元）</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="83" />
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="97" />
        <source>Out of {max}, weighted {weight} % in the total</source>
        <translation>满分 {max}，计入总分 {weight}%</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="101" />
        <source>The average of calls handled the agent was measured against (R-ASSESS-2)</source>
        <translation>与之对比的平均处理量（R-ASSESS-2）</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="160" />
        <location filename="../../views/assessment/page.py" line="635" />
        <source>{n} calls handled against an average of {avg} over {pool}</source>
        <translation>处理 {n} 件，对比平均 {avg}（{pool}）</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="169" />
        <location filename="../../views/assessment/page.py" line="645" />
        <source>Leader's score {leader}; recorded calls {calls}</source>
        <translation>班长评分 {leader}；录音评分 {calls}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="199" />
        <source>What the floor saw</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="250" />
        <source>Leader's score: {part}</source>
        <translation>班长评分：{part}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="252" />
        <source>Recorded call: {part}</source>
        <translation>录音评分：{part}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="265" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="266" />
        <source>Recorded by</source>
        <translation>登记人</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="267" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="282" />
        <source>Withdrawn</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="317" />
        <source>Month {m}</source>
        <translation>{m}月</translation>
    </message>
    <message>
        <location filename="../../views/assessment/models.py" line="323" />
        <source>Yearly score</source>
        <translation>年度得分</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="192" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="334" />
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="335" />
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="336" />
        <source>Draft / update</source>
        <translation>生成/更新草稿</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="338" />
        <source>Compute the month's sheet from the register and the calls, as a draft</source>
        <translation>按扣分登记和话务量计算本月考核表，存为草稿</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="343" />
        <source>Confirm sheet…</source>
        <translation>确认考核表…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="345" />
        <source>The department head confirms the draft; a change afterwards needs a reason</source>
        <translation>由部门负责人确认草稿；确认后再修改须填写原因</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="350" />
        <location filename="../../views/assessment/page.py" line="368" />
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="351" />
        <location filename="../../views/assessment/page.py" line="371" />
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="352" />
        <source>Landscape A4 with the status and the lines to sign, for filing</source>
        <translation>横向 A4，含状态与签字栏，供签字归档</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="356" />
        <source>Monthly sheet</source>
        <translation>月度考核表</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="357" />
        <source>Register</source>
        <translation>扣分登记</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="358" />
        <source>Year</source>
        <translation>年度汇总</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="359" />
        <source>Confirm selected</source>
        <translation>确认所选</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="360" />
        <source>Dismiss…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="362" />
        <source>Add deduction or bonus…</source>
        <translation>添加扣分/加分…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="364" />
        <source>Withdraw…</source>
        <translation>撤销…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="365" />
        <source>&amp;Year</source>
        <translation>年份(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="366" />
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="429" />
        <source>Reading the assessment of {month}…</source>
        <translation>正在读取 {month} 的考核…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="471" />
        <source>The assessment could not be read: {why}</source>
        <translation>无法读取考核：{why}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="491" />
        <source>No sheet for {month} yet.</source>
        <translation>{month} 尚未生成考核表。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="496" />
        <source>Draft it when the register is complete.</source>
        <translation>扣分登记齐全后请生成草稿。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="506" />
        <source>{status} · policy {policy} (version {version}) · drafted by {by} {at}</source>
        <translation>{status} · 考核办法 {policy}（第 {version} 版）· {by} 拟稿于 {at}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="517" />
        <source>confirmed by {by} {at}</source>
        <translation>{by} 确认于 {at}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="524" />
        <source>reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="529" />
        <source>the register changed after the draft ({n} entries): draft again</source>
        <translation>拟稿后扣分登记有变动（{n} 条）：请重新生成草稿</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="538" />
        <source>Proposals from the floor ({n})</source>
        <translation>系统建议项（{n}）</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="543" />
        <source>Late or early, missed meetings and alerts the floor recorded: each counts only when a person confirms it; dismissing one needs a reason.</source>
        <translation>系统记录的迟到早退、缺席会议和告警：经人工确认后才计分；驳回须填写原因。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="551" />
        <source>Register ({n} entries)</source>
        <translation>扣分登记（{n} 条）</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="610" />
        <source>Rank {rank} · total {total}</source>
        <translation>名次 {rank} · 总分 {total}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="615" />
        <source>reward {n} yuan</source>
        <translation>奖励 {n} 元</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="626" />
        <source>{part}: {score} of {max}, weighted {weight} %</source>
        <translation>{part}：{score} / {max}，计入总分 {weight}%</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="664" />
        <source>{source}, recorded by {by} {at}</source>
        <translation>{source}，{by} 登记于 {at}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="676" />
        <source>withdrawn after the draft</source>
        <translation>拟稿后已撤销</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="686" />
        <source>Select an agent to see every entry with its evidence.</source>
        <translation>选中一名坐席员，查看每条登记及其依据。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="703" />
        <source>Change a confirmed month</source>
        <translation>修改已确认的月份</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="704" />
        <source>The sheet of {month} is confirmed. Why {what}?</source>
        <translation>{month} 的考核表已确认。为什么要{what}？</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="748" />
        <source>confirm these proposals</source>
        <translation>确认这些建议项</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="754" />
        <source>Confirming {n} proposals…</source>
        <translation>正在确认 {n} 条建议项…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="761" />
        <source>Confirmed {n} proposals: draft the sheet again to count them.</source>
        <translation>已确认 {n} 条建议项：重新生成草稿后计入。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="773" />
        <source>Dismiss proposals</source>
        <translation>驳回建议项</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="774" />
        <source>Why do these {n} proposals not count? (kept in the register, withdrawn)</source>
        <translation>这 {n} 条建议项为什么不计分？（保留在登记中，标为已撤销）</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="782" />
        <source>Dismissing {n} proposals…</source>
        <translation>正在驳回 {n} 条建议项…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="789" />
        <source>Dismissed {n} proposals.</source>
        <translation>已驳回 {n} 条建议项。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="808" />
        <source>add this entry</source>
        <translation>添加这条登记</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="812" />
        <source>Recording…</source>
        <translation>正在登记…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="825" />
        <source>Recorded: draft the sheet again to count it.</source>
        <translation>已登记：重新生成草稿后计入。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="836" />
        <source>Withdraw an entry</source>
        <translation>撤销登记</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="837" />
        <source>Why withdraw {item} of {agent} on {day}?</source>
        <translation>为什么撤销 {agent} 在 {day} 的“{item}”？</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="843" />
        <source>Withdrawing…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="847" />
        <source>Withdrawn: draft the sheet again.</source>
        <translation>已撤销：请重新生成草稿。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="855" />
        <source>draft it again</source>
        <translation>重新生成草稿</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="861" />
        <source>Drafting the sheet of {month}…</source>
        <translation>正在生成 {month} 的考核表草稿…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="868" />
        <source>The draft of {month} is up to date.</source>
        <translation>{month} 的草稿已更新。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="879" />
        <source>Confirm the sheet</source>
        <translation>确认考核表</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="880" />
        <source>Confirm the assessment of {month} ({n} agents)? A change afterwards needs a reason.</source>
        <translation>确认 {month} 的考核（{n} 人）？确认后再修改须填写原因。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="888" />
        <source>Confirming the sheet of {month}…</source>
        <translation>正在确认 {month} 的考核表…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="895" />
        <source>The sheet of {month} is confirmed.</source>
        <translation>{month} 的考核表已确认。</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="929" />
        <source>Export the monthly assessment</source>
        <translation>导出月度考核表</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="930" />
        <source>assessment-{month}.xlsx</source>
        <translation>月度考核表-{month}.xlsx</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="920" />
        <source>Writing {path}…</source>
        <translation>正在写入 {path}…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="190" />
        <source>PDF document (*.pdf)</source>
        <extracomment>the director's window: this page has its own month, not the window's range the month's view arrived (or failed): tests and the screenshot wait on it a change was answered (done or refused) a read of the month under way (tests wait for it to end) the next read keeps the status line (the news of the change that caused it)</extracomment>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="947" />
        <source>Written: {path} ({n} agents)</source>
        <translation>已写入：{path}（{n} 人）</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="966" />
        <source>Reading the year {year}…</source>
        <translation>正在读取 {year} 年…</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="993" />
        <source>The year could not be read: {why}</source>
        <translation>无法读取年度汇总：{why}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="1009" />
        <source>{n} of 12 months confirmed; yearly score = sum of the months ÷ 12</source>
        <translation>12 个月中已确认 {n} 个；年度得分 = 各月得分之和 ÷ 12</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="1013" />
        <source>not confirmed: months {months}</source>
        <translation>未确认：{months} 月</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="1029" />
        <source>Export the year's assessment</source>
        <translation>导出年度考核汇总表</translation>
    </message>
    <message>
        <location filename="../../views/assessment/page.py" line="1030" />
        <source>assessment-{year}.xlsx</source>
        <translation>年度考核汇总表-{year}.xlsx</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="36" />
        <source>Public praise</source>
        <translation>通报表扬</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="37" />
        <source>Retraining</source>
        <translation>待岗培训</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="38" />
        <source>Incomplete</source>
        <translation>评分不全</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="39" />
        <source>Few calls scored</source>
        <translation>录音评分不足</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="40" />
        <source>Entries outside this policy</source>
        <translation>有本办法以外的登记</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="48" />
        <source>Top of the month: praised publicly, with the reward</source>
        <translation>本月前列：通报表扬并发放奖励</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="51" />
        <source>Total under the policy's line: retraining before returning to the phones</source>
        <translation>总分低于考核办法规定的分数线：待岗培训后再上岗</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="55" />
        <source>A leader's score or the recorded calls are missing: no total, and the sheet cannot be confirmed</source>
        <translation>缺班长评分或录音评分：不计总分，考核表不能确认</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="60" />
        <source>Fewer recorded calls scored than the policy asks for</source>
        <translation>录音评分数量少于考核办法的规定</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="63" />
        <source>Entries on items the policy in force does not have: not counted</source>
        <translation>有现行考核办法中没有的登记项目：未计分</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="71" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="72" />
        <source>Confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="79" />
        <source>By hand</source>
        <translation>手工登记</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="80" />
        <source>Attendance</source>
        <translation>考勤</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="81" />
        <source>Morning meeting</source>
        <translation>早会</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="82" />
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="96" />
        <source>Attendance register of {day}</source>
        <translation>{day} 考勤登记</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="102" />
        <source>late {n} min</source>
        <translation>迟到 {n} 分钟</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="108" />
        <source>left early {n} min</source>
        <translation>早退 {n} 分钟</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="116" />
        <source>Morning meeting of {day}, {shift}: absent</source>
        <translation>{day} {shift}早会：缺席</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="124" />
        <source>Alert {rule} raised {at}</source>
        <translation>告警 {rule}，{at}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="130" />
        <source>ticket {id}</source>
        <translation>工单 {id}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="136" />
        <source>resolved: {note}</source>
        <translation>处理：{note}</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="146" />
        <source>the floor's {n} agents</source>
        <translation>全场 {n} 名坐席员</translation>
    </message>
    <message>
        <location filename="../../views/assessment/texts.py" line="147" />
        <source>{n} agents of group {group}</source>
        <translation>{group} {n} 名坐席员</translation>
    </message>
</context>
<context>
    <name>Attendance</name>
    <message>
        <location filename="../../views/attendance/texts.py" line="20" />
        <source>Present</source>
        <translation>出勤</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="21" />
        <source>Sick leave</source>
        <translation>病假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="22" />
        <source>Personal leave</source>
        <translation>事假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="23" />
        <source>Maternity leave</source>
        <translation>产假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="24" />
        <source>Marriage leave</source>
        <translation>婚假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="25" />
        <source>Bereavement leave</source>
        <translation>丧假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="26" />
        <source>Family-visit leave</source>
        <translation>探亲假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="27" />
        <source>Late / left early</source>
        <translation>迟到早退</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="28" />
        <source>Absent without leave</source>
        <translation>旷工</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="35" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="49" />
        <location filename="../../views/attendance/texts.py" line="36" />
        <source>Minutes late</source>
        <translation>迟到分钟</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="50" />
        <location filename="../../views/attendance/texts.py" line="37" />
        <source>Minutes left early</source>
        <translation>早退分钟</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="38" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="44" />
        <source>Pending</source>
        <translation>待审批</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="45" />
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="46" />
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="47" />
        <source>Cancelled</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="68" />
        <source>late {n} min</source>
        <translation>迟到 {n} 分</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="71" />
        <source>left early {n} min</source>
        <translation>早退 {n} 分</translation>
    </message>
    <message>
        <location filename="../../views/attendance/texts.py" line="95" />
        <source>{role} pending</source>
        <translation>{role} 待批</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="72" />
        <location filename="../../views/attendance/register.py" line="120" />
        <location filename="../../views/attendance/summary.py" line="46" />
        <source>Agent ID</source>
        <extracomment>leave types in the order of DOMAIN §6 工号 → 姓名 (agents and operators)
----------
工号 → 姓名 of the people who saved records (operators), when known</extracomment>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="73" />
        <location filename="../../views/attendance/register.py" line="121" />
        <location filename="../../views/attendance/summary.py" line="47" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="122" />
        <source>Group</source>
        <translation>班组</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="123" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="124" />
        <source>Signed in</source>
        <translation>签入</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="125" />
        <source>Signed out</source>
        <translation>签出</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="126" />
        <source>Platform suggests</source>
        <translation>平台建议</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="127" />
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="78" />
        <location filename="../../views/attendance/leave.py" line="490" />
        <location filename="../../views/attendance/register.py" line="128" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="137" />
        <source>Shift not started</source>
        <translation>班次未开始</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="139" />
        <source>Shift under way</source>
        <translation>班次进行中</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="140" />
        <source>To confirm</source>
        <translation>待确认</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="143" />
        <source>Corrected by {who}</source>
        <translation>{who} 更正</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="145" />
        <source>Imported by {who}</source>
        <translation>{who} 导入</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="146" />
        <source>Confirmed by {who}</source>
        <translation>{who} 确认</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="161" />
        <source>Logged in</source>
        <translation>在线</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="165" />
        <source>Not due yet</source>
        <translation>未到班时间</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="167" />
        <source>{record} so far</source>
        <translation>{record}（暂定）</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="174" />
        <source>Unconfirmed</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="182" />
        <source>The shift has not reached its start plus the login grace: nothing is proposed yet.</source>
        <translation>班次尚未到开始时间（含签入宽限），暂不给出建议。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="186" />
        <source>The shift is under way: this may still change, and “Confirm all” leaves it until the shift is over.</source>
        <translation>班次进行中，结果可能变化；“全部确认”会等到班次结束后再确认此行。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="194" />
        <source>Saved by {who} at {when} (version {v})</source>
        <translation>{who} 于 {when} 保存（第 {v} 版）</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="48" />
        <source>Times late</source>
        <translation>迟到次数</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="51" />
        <source>Days counted absent</source>
        <translation>折算旷工天数</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="52" />
        <source>Notes</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="60" />
        <source>Charged as {type}: {n} days</source>
        <translation>计{type} {n} 天</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="74" />
        <location filename="../../views/attendance/leave.py" line="261" />
        <source>Leave type</source>
        <translation>假别</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="75" />
        <location filename="../../views/attendance/leave.py" line="264" />
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="76" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="77" />
        <source>Approval</source>
        <translation>审批流程</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="84" />
        <source>{start} to {end}</source>
        <translation>{start} 至 {end}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="100" />
        <source>Reason: {reason}</source>
        <translation>事由：{reason}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/dialog.py" line="65" />
        <location filename="../../views/attendance/register.py" line="418" />
        <source>Attendance</source>
        <extracomment>工号 → 姓名 of everyone the answers named (agents and operators)</extracomment>
        <translation>考勤</translation>
    </message>
    <message>
        <location filename="../../views/attendance/dialog.py" line="66" />
        <source>Daily register</source>
        <translation>考勤登记</translation>
    </message>
    <message>
        <location filename="../../views/attendance/dialog.py" line="67" />
        <source>Monthly summary</source>
        <translation>月考勤汇总</translation>
    </message>
    <message>
        <location filename="../../views/attendance/dialog.py" line="68" />
        <source>Leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/dialog.py" line="69" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="376" />
        <source>&amp;Date</source>
        <extracomment>the register of a day is on screen (or its load failed) an answer to a save (done, refused or conflict) is on screen "confirm all" has its answer on screen (all confirmed, or none) 工号 → 姓名 of everyone the answers named (the dialog's, shared)</extracomment>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="253" />
        <location filename="../../views/attendance/register.py" line="377" />
        <location filename="../../views/attendance/summary.py" line="158" />
        <source>Reload</source>
        <extracomment>an answer to a new request or a decision is on screen the list named people: the register's names may read better now 工号 → 姓名 of everyone the answers named (the dialog's, shared) agents offered for leave: 工号 → 姓名 (from the register, the summary, the list)</extracomment>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="378" />
        <source>Exceptions only</source>
        <translation>只看异常</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="379" />
        <source>Show only late, early, leave, absence and corrected rows.</source>
        <translation>只显示迟到、早退、请假、旷工和已更正的行。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="382" />
        <source>Confirm all unconfirmed</source>
        <translation>确认全部未确认项</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="387" />
        <source>&amp;Type</source>
        <translation>类型(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="390" />
        <source>Minutes &amp;late</source>
        <translation>迟到分钟(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="391" />
        <source>Minutes left &amp;early</source>
        <translation>早退分钟(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="392" />
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="393" />
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="394" />
        <source>Why the register departs from what the platform saw</source>
        <translation>登记与平台记录不同的原因</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="396" />
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="397" />
        <source>Save this row as the platform suggests it.</source>
        <translation>按平台建议保存此行。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="399" />
        <source>&amp;Save correction</source>
        <translation>保存更正(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="157" />
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="159" />
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="254" />
        <source>Decision note</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="256" />
        <source>Optional, kept with the decision</source>
        <translation>可选，随审批记录保存</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="257" />
        <source>&amp;Approve</source>
        <translation>批准(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="258" />
        <source>Re&amp;ject</source>
        <translation>驳回(&amp;J)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="259" />
        <source>New leave request</source>
        <translation>新建请假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="260" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="265" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="266" />
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="267" />
        <source>Submit request</source>
        <translation>提交请假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="169" />
        <source>Export the monthly summary</source>
        <translation>导出月考勤汇总表</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="170" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="383" />
        <source>Save the platform's suggestion as it is for every row not confirmed yet, in one save: all of them or none; rows of a shift not started or still under way wait until the shift is over.</source>
        <translation>按平台建议原样保存所有尚未确认的行，一次保存：要么全部确认，要么一条也不确认；未开始或进行中班次的行留待班次结束后确认。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="443" />
        <location filename="../../views/attendance/register.py" line="474" />
        <source>Loading the register…</source>
        <translation>正在加载考勤登记…</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="482" />
        <source>The register could not be loaded: {why}</source>
        <translation>考勤登记加载失败：{why}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="496" />
        <source>Unconfirmed: {n}</source>
        <translation>未确认 {n} 人</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="499" />
        <source>Shift not started: {n}</source>
        <translation>班次未开始 {n} 人</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="538" />
        <source>Late: {n} (limit {max})</source>
        <translation>迟到 {n} 人（上限 {max}）</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="540" />
        <source>Late: {n}</source>
        <translation>迟到 {n} 人</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="541" />
        <source>On leave: {n} (limit {max})</source>
        <translation>请假 {n} 人（上限 {max}）</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="543" />
        <source>On leave: {n}</source>
        <translation>请假 {n} 人</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="548" />
        <source>Above the daily limit.</source>
        <translation>超过每日上限。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="657" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="661" />
        <source>Select a row to confirm or correct it</source>
        <translation>选择一行以确认或更正</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="666" />
        <source>{agent} {name} · {day}</source>
        <translation>{agent} {name} · {day}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="671" />
        <source>{field}: platform “{platform}”, yours “{yours}”</source>
        <translation>{field}：平台为“{platform}”，您填写“{yours}”</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="674" />
        <source>A reason is required: this differs from what the platform saw ({what}).</source>
        <translation>须填写原因：与平台记录不同（{what}）。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="681" />
        <source>As the platform suggests: no reason needed.</source>
        <translation>与平台建议一致：无需填写原因。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="710" />
        <source>{agent}'s shift has not started: nothing to confirm yet.</source>
        <translation>{agent} 的班次尚未开始，暂无可确认的内容。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="725" />
        <source>Enter the minutes late or left early for “Late / left early”.</source>
        <translation>“迟到早退”须填写迟到或早退分钟数。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="733" />
        <source>Not saved: a correction needs a reason.</source>
        <translation>未保存：更正须填写原因。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="744" />
        <source>Saving {agent}…</source>
        <translation>正在保存 {agent}…</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="768" />
        <source>Saved: {agent} {record}.</source>
        <translation>已保存：{agent} {record}。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="775" />
        <source>Not saved ({agent}): {why}</source>
        <translation>未保存（{agent}）：{why}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="785" />
        <source>{agent} was saved by someone else first: the register has been reloaded. Your values are still in the form; save again if they are still right.</source>
        <translation>{agent} 已被他人先行保存：考勤登记已刷新。您填写的内容仍保留在表单中，如仍正确请再次保存。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="808" />
        <source>{k} rows of shifts not started or still under way are left until the shift is over.</source>
        <translation>另有 {k} 行属于未开始或进行中的班次，留待班次结束后确认。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="812" />
        <source>Nothing to confirm: every row is confirmed or being edited.</source>
        <translation>没有需要确认的行：均已确认或正在编辑。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="816" />
        <source>Confirm the platform's suggestion as it is for {n} agents?</source>
        <translation>按平台建议原样确认 {n} 人的考勤？</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="823" />
        <source>Confirming {n} rows…</source>
        <translation>正在确认 {n} 条…</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="861" />
        <source>Nothing was confirmed: {why}</source>
        <translation>一条也未确认：{why}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="872" />
        <source>Nothing was confirmed: {agent} had been saved by someone else meanwhile. The register was reloaded; confirm all again for the others.</source>
        <translation>一条也未确认：{agent} 已被他人先行保存。考勤登记已刷新；请再次“确认全部”以确认其余各条。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="846" />
        <source>Confirmed {ok} of {n}.</source>
        <translation>已确认 {ok} 条，共 {n} 条。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/register.py" line="833" />
        <source>Left out (the form has unsaved changes): {agents}.</source>
        <translation>未处理（表单有未保存的修改）：{agents}。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="195" />
        <source>Loading the summary of {month}…</source>
        <translation>正在加载 {month} 的月考勤汇总…</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="213" />
        <source>The summary could not be loaded: {why}</source>
        <translation>月考勤汇总加载失败：{why}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="224" />
        <source>Policy: {name} · {n} agents, {k} flagged</source>
        <translation>考勤制度：{name} · {n} 人，{k} 人有提示</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="229" />
        <source>due by {due}: every rostered day confirmed</source>
        <translation>须于 {due} 前确认：排班日已全部确认</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="231" />
        <source>due by {due}: {n} person-days not confirmed yet</source>
        <translation>须于 {due} 前确认：尚有 {n} 人次未确认</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="237" />
        <source>Days breaking the daily checks:</source>
        <translation>超出每日检查的日期：</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="242" />
        <source>No day broke the daily checks.</source>
        <translation>本月每日检查均未超限。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="255" />
        <source>attendance-{month}.xlsx</source>
        <translation>月考勤汇总表-{month}.xlsx</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="264" />
        <source>Writing {path}…</source>
        <translation>正在写入 {path}…</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="273" />
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/summary.py" line="280" />
        <source>Not written: {why}</source>
        <translation>未写入：{why}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="302" />
        <source>Leave requests from {first} to {last}</source>
        <translation>{first} 至 {last} 的请假</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="334" />
        <source>The leave requests could not be loaded: {why}</source>
        <translation>请假列表加载失败：{why}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="382" />
        <source>This step needs: {role}</source>
        <translation>此步须由{role}审批</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="398" />
        <location filename="../../views/attendance/leave.py" line="423" />
        <source>The leave ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="408" />
        <source>{n} days · approved by {chain}</source>
        <translation>{n} 天 · 审批：{chain}</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="410" />
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="419" />
        <source>Choose the agent first.</source>
        <translation>请先选择坐席。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="428" />
        <source>Filing the request…</source>
        <translation>正在提交请假…</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="438" />
        <source>Leave request #{id} filed for {agent}: {chain}.</source>
        <translation>已为 {agent} 提交第 {id} 号请假：{chain}。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="442" />
        <source>Leave request filed.</source>
        <translation>请假已提交。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="462" />
        <source>Sending…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="474" />
        <source>Approved #{id}: {chain}.</source>
        <translation>已批准第 {id} 号：{chain}。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="476" />
        <source>Rejected #{id}: {chain}.</source>
        <translation>已驳回第 {id} 号：{chain}。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="479" />
        <source>Approved.</source>
        <translation>已批准。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="480" />
        <source>Rejected.</source>
        <translation>已驳回。</translation>
    </message>
    <message>
        <location filename="../../views/attendance/leave.py" line="492" />
        <source>Someone else decided first: the list has been reloaded.</source>
        <translation>已有他人先行审批：列表已刷新。</translation>
    </message>
</context>
<context>
    <name>AuditAction</name>
    <message>
        <location filename="../../models/domain/texts.py" line="140" />
        <source>Monitor</source>
        <translation>监听</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="141" />
        <source>Whisper</source>
        <translation>耳语</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="142" />
        <source>Barge in</source>
        <translation>强插</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="143" />
        <source>Stop listening</source>
        <translation>退出监听</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="144" />
        <source>Force release</source>
        <translation>强拆</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="145" />
        <source>Intercept</source>
        <translation>拦截</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="146" />
        <source>Force ready</source>
        <translation>强制就绪</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="147" />
        <source>Force away</source>
        <translation>强制离席</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="148" />
        <source>Force logout</source>
        <translation>强制签出</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="129" />
        <source>Session ended</source>
        <extracomment>how many days back the "from" date starts when the dialog opens</extracomment>
        <translation>介入结束</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="130" />
        <source>Sign-in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="131" />
        <source>Operator created</source>
        <translation>新建操作员</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="132" />
        <source>Operator repaired</source>
        <translation>修复操作员</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="133" />
        <source>Roles changed</source>
        <translation>角色变更</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="134" />
        <source>Password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="135" />
        <source>Operator unlocked</source>
        <translation>解锁操作员</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="136" />
        <source>Operator disabled</source>
        <translation>停用操作员</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="137" />
        <source>Operator enabled</source>
        <translation>启用操作员</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="138" />
        <source>Floor setup changed</source>
        <translation>现场配置变更</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="139" />
        <source>Policy applied</source>
        <translation>应用策略</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="140" />
        <source>Telephony mapping applied</source>
        <translation>话务映射已应用</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="142" />
        <source>Audit log exported</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="143" />
        <source>Announcement published</source>
        <translation>发布公告</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="145" />
        <source>Announcement withdrawn</source>
        <translation>撤下公告</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="147" />
        <source>Alert acknowledged</source>
        <translation>确认告警</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="148" />
        <source>Alert resolved</source>
        <translation>解除告警</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="149" />
        <source>Handling step recorded</source>
        <translation>记录处理步骤</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="150" />
        <source>Escalation contacts changed</source>
        <translation>修改督办联系人</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="152" />
        <source>Group robot set</source>
        <translation>设置群机器人</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="153" />
        <source>Group robot removed</source>
        <translation>移除群机器人</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="154" />
        <source>Supervisor extension set</source>
        <translation>设置班长分机</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="155" />
        <source>Meeting minutes saved</source>
        <translation>保存班前会记录</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="156" />
        <source>Handover written</source>
        <translation>填写交接班</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="157" />
        <source>Handover acknowledged</source>
        <translation>签收交接班</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="159" />
        <source>Roster imported</source>
        <translation>导入排班</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="160" />
        <source>Roster edited</source>
        <translation>修改排班</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="161" />
        <source>Holidays imported</source>
        <translation>导入节假日</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="162" />
        <source>Leave requested</source>
        <translation>提交请假</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="163" />
        <source>Leave decided</source>
        <translation>审批请假</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="164" />
        <source>Shifts swapped</source>
        <translation>换班</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="165" />
        <source>Attendance confirmed</source>
        <translation>确认考勤</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="166" />
        <source>Attendance corrected</source>
        <translation>更正考勤</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="167" />
        <source>Attendance imported</source>
        <translation>导入考勤</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="169" />
        <source>Assessment policy applied</source>
        <translation>考核办法已应用</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="171" />
        <source>Assessment entry recorded</source>
        <translation>考核登记</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="173" />
        <source>Assessment entry withdrawn</source>
        <translation>考核登记已撤销</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="175" />
        <source>Monthly assessment drafted</source>
        <translation>月度考核表已拟稿</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="177" />
        <source>Monthly assessment confirmed</source>
        <translation>月度考核表已确认</translation>
    </message>
</context>
<context>
    <name>AuditDetail</name>
    <message>
        <location filename="../../views/audit_view.py" line="285" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="286" />
        <source>Away reason</source>
        <translation>离席原因</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="287" />
        <source>Session length</source>
        <translation>介入时长</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="288" />
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="289" />
        <source>Why</source>
        <translation>缘由</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="290" />
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="291" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="292" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="293" />
        <source>Before</source>
        <translation>变更前</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="294" />
        <source>After</source>
        <translation>变更后</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="295" />
        <source>Roles before</source>
        <translation>原角色</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="296" />
        <source>Disabled before</source>
        <translation>原为停用</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="297" />
        <source>Failed attempts</source>
        <translation>失败次数</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="298" />
        <source>Failed attempts before</source>
        <translation>原失败次数</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="299" />
        <source>Retry after</source>
        <translation>重试等待</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="300" />
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="301" />
        <source>Locked until (before)</source>
        <translation>原锁定至</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="302" />
        <source>Groups</source>
        <translation>班组</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="303" />
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="304" />
        <source>Agents</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="305" />
        <source>Replace all</source>
        <translation>整体替换</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="306" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="307" />
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="308" />
        <source>Rows</source>
        <translation>条数</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="309" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="310" />
        <location filename="../../views/audit_view.py" line="341" />
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="311" />
        <source>Until</source>
        <translation>止</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="312" />
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="313" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="314" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="315" />
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="316" />
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="317" />
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="318" />
        <source>Published by</source>
        <translation>发布人</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="319" />
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="320" />
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="321" />
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="322" />
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="323" />
        <source>Note</source>
        <translation>处理说明</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="324" />
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="325" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="326" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="327" />
        <source>First day</source>
        <translation>首日</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="328" />
        <source>Last day</source>
        <translation>末日</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="329" />
        <source>Replaced</source>
        <translation>替换条数</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="330" />
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="331" />
        <source>Approval chain</source>
        <translation>审批链</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="332" />
        <source>Needs</source>
        <translation>需审批角色</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="333" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="334" />
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="335" />
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="336" />
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="337" />
        <source>Approved</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="338" />
        <source>Changes</source>
        <translation>改动</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="339" />
        <source>Characters</source>
        <translation>字数</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="340" />
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="342" />
        <source>Gives up</source>
        <translation>让出</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="343" />
        <source>Items</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="344" />
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="345" />
        <source>Platform record</source>
        <translation>平台记录</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="346" />
        <source>Previous</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="347" />
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="348" />
        <source>Wrong quiz answers</source>
        <translation>抽问答错</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="349" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="350" />
        <source>Removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="351" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="352" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="353" />
        <source>Takes</source>
        <translation>接替</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="354" />
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="355" />
        <source>Was</source>
        <translation>原为</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="356" />
        <source>Endpoint</source>
        <translation>终端</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="357" />
        <source>Dial context</source>
        <translation>拨号上下文</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="358" />
        <source>Extension</source>
        <translation>分机号</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="359" />
        <source>Alert</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="360" />
        <source>Policy setting</source>
        <translation>策略项</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="386" />
        <source>yes</source>
        <extracomment>detail keys the compact text leaves out (machine ids; the tooltip and CSV keep them)</extracomment>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="386" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="401" />
        <source>shift leader</source>
        <translation>值班长</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="402" />
        <source>morning meeting</source>
        <translation>早会</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../console/audit_backend.py" line="50" />
        <source>The floor database cannot be reached: {error}</source>
        <extracomment>rows a search shows at most (the export has no limit)</extracomment>
        <translation>无法连接现场数据库:{error}</translation>
    </message>
    <message>
        <location filename="../../console/audit_backend.py" line="53" />
        <source>Cannot write {path}: {error}</source>
        <translation>无法写入 {path}:{error}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="680" />
        <source>Audit log</source>
        <extracomment>a search's answer (rows or an error) is on screen an export's answer (done or an error) is on screen the action filter's choices arrived</extracomment>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="681" />
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="682" />
        <source>&amp;To</source>
        <translation>至(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="683" />
        <source>&amp;Operator</source>
        <translation>操作员(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="684" />
        <source>Any (operator ID)</source>
        <translation>全部(操作员工号)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="685" />
        <source>A&amp;gent</source>
        <translation>坐席(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="686" />
        <source>Any (agent ID)</source>
        <translation>全部(坐席工号)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="687" />
        <source>&amp;Action</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="688" />
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="689" />
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="690" />
        <source>Every row matching the filter goes to the file, not only the rows shown; the export is recorded in the audit log</source>
        <translation>导出符合筛选条件的全部记录(不限于表中显示的);导出操作本身也记入审计日志</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="693" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="712" />
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="745" />
        <source>The “from” date is after the “to” date.</source>
        <translation>起始日期晚于结束日期。</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="763" />
        <source>Searching…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="786" />
        <source>Search failed: {error}</source>
        <translation>查询失败:{error}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="796" />
        <source>First {n} rows shown — narrow the filter</source>
        <translation>仅显示前 {n} 条 — 请缩小筛选范围</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="798" />
        <source>1 row</source>
        <translation>共 1 条</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="800" />
        <source>{n} rows</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="833" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="839" />
        <source>Exported 1 row to {path}</source>
        <translation>已导出 1 条记录到 {path}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="840" />
        <source>Exported {n} rows to {path}</source>
        <translation>已导出 {n} 条记录到 {path}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="847" />
        <source>Export failed: {error}</source>
        <translation>导出失败:{error}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="854" />
        <source>audit-log.csv</source>
        <translation>审计日志.csv</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="857" />
        <source>audit-log_{start}_{end}.csv</source>
        <translation>审计日志_{start}_{end}.csv</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="862" />
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="864" />
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV 文件(Excel 可打开)(*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="877" />
        <source>The list of actions could not be read: {error}</source>
        <translation>无法读取操作类型列表：{error}</translation>
    </message>
</context>
<context>
    <name>AuditTable</name>
    <message>
        <location filename="../../views/audit_view.py" line="188" />
        <location filename="../../views/audit_view.py" line="189" />
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="190" />
        <source>Refused</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="191" />
        <location filename="../../views/audit_view.py" line="194" />
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="193" />
        <source>Outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="207" />
        <source>{result}: {why}</source>
        <translation>{result}：{why}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="214" />
        <source>unknown operator ID</source>
        <translation>工号不存在</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="215" />
        <source>wrong password</source>
        <translation>密码错误</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="216" />
        <source>wrong password, account locked</source>
        <translation>密码错误，账号已锁定</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="217" />
        <source>account locked</source>
        <translation>账号已锁定</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="218" />
        <source>too many attempts</source>
        <translation>尝试过于频繁</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="219" />
        <source>account disabled</source>
        <translation>账号已停用</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="220" />
        <source>no role assigned</source>
        <translation>未分配角色</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="221" />
        <source>not this step's role</source>
        <translation>非本步骤审批角色</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="229" />
        <source>agent {id}</source>
        <translation>坐席 {id}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="231" />
        <source>group {id}</source>
        <translation>班组 {id}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="233" />
        <location filename="../../views/audit_view.py" line="258" />
        <source>ticket {id}</source>
        <translation>工单 {id}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="260" />
        <source>leave #{id}</source>
        <translation>请假 #{id}</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="266" />
        <source>Shift leader</source>
        <translation>值班长</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="267" />
        <source>Department head</source>
        <translation>部长</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="268" />
        <source>Director</source>
        <translation>主任</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="269" />
        <source>Wallboard viewer</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="270" />
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="484" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="484" />
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="485" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="485" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="486" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="486" />
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="487" />
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="487" />
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../views/audit_view.py" line="488" />
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../../console/admin_cli.py" line="45" />
        <source>The two passwords differ: nothing changed</source>
        <translation>两次输入的密码不一致，未作更改</translation>
    </message>
    <message>
        <location filename="../../console/admin_cli.py" line="47" />
        <source>Empty password: nothing changed</source>
        <translation>密码为空，未作更改</translation>
    </message>
    <message>
        <location filename="../../console/admin_cli.py" line="64" />
        <source>The floor already has an administrator ({names}): new operators are added by an administrator in the console</source>
        <translation>已有管理员（{names}）：新账号须由管理员在控制台中添加</translation>
    </message>
    <message>
        <location filename="../../console/admin_cli.py" line="68" />
        <source>--name: empty</source>
        <translation>--name：不能为空</translation>
    </message>
    <message>
        <location filename="../../console/admin_cli.py" line="72" />
        <source>Another administrator was created meanwhile: nothing changed</source>
        <translation>其间已有人创建了管理员，未作更改</translation>
    </message>
    <message>
        <location filename="../../console/alerts_cli.py" line="44" />
        <location filename="../../console/cli_common.py" line="120" />
        <source>--db is required (a SQLAlchemy URL or a saved profile name)</source>
        <translation>须指定 --db（SQLAlchemy 网址或已保存的配置名）</translation>
    </message>
    <message>
        <location filename="../../console/alerts_cli.py" line="113" />
        <source>Empty URL: nothing stored</source>
        <translation>网址为空，未保存</translation>
    </message>
    <message>
        <location filename="../../console/alerts_cli.py" line="122" />
        <location filename="../../console/assess_cli.py" line="108" />
        <location filename="../../console/cli_common.py" line="131" />
        <location filename="../../models/db/engine.py" line="144" />
        <location filename="../../models/domain/qa.py" line="156" />
        <source>{file}: cannot read: {error}</source>
        <translation>{file}：无法读取：{error}</translation>
    </message>
    <message>
        <location filename="../../models/domain/textfile.py" line="40" />
        <source>{file}: neither UTF-8 nor GBK text</source>
        <translation>{file}：既不是 UTF-8 也不是 GBK 文本</translation>
    </message>
    <message>
        <location filename="../../console/alerts_cli.py" line="132" />
        <source>{file}: not valid JSON at line {line}: {error}</source>
        <translation>{file}：第 {line} 行不是有效的 JSON：{error}</translation>
    </message>
    <message>
        <location filename="../../console/alerts_cli.py" line="135" />
        <source>{file}: must hold a JSON list of unit, head and phone</source>
        <translation>{file}：须为含单位、负责人、电话的 JSON 列表</translation>
    </message>
    <message>
        <location filename="../../console/alerts_cli.py" line="188" />
        <source>No group robot configured: nothing to test</source>
        <translation>未配置群机器人，无可测试</translation>
    </message>
    <message>
        <location filename="../../console/alerts_cli.py" line="194" />
        <source>{n} robot(s) failed</source>
        <translation>{n} 个群机器人发送失败</translation>
    </message>
    <message>
        <location filename="../../console/alerts_cli.py" line="201" />
        <source>--set needs --by with an operator ID (who changes the list)</source>
        <translation>--set 须用 --by 指定工号（谁修改名单）</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="164" />
        <location filename="../../console/cli_common.py" line="105" />
        <source>Cannot reach the database {url}: {error}</source>
        <extracomment>engines a command opened; main() disposes them so no connection outlives the command</extracomment>
        <translation>无法连接数据库 {url}：{error}</translation>
    </message>
    <message>
        <location filename="../../console/cli_common.py" line="110" />
        <source>Created a new floor database {path}</source>
        <translation>已新建楼层数据库 {path}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="141" />
        <source>{what}: not an ISO 8601 time: {value}</source>
        <translation>{what}：不是 ISO 8601 时间：{value}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="144" />
        <source>{what}: needs a UTC offset, e.g. 2026-03-02T08:00:00+08:00</source>
        <translation>{what}：须带时区偏移，例如 2026-03-02T08:00:00+08:00</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="173" />
        <source>Empty password: nothing stored</source>
        <translation>密码为空，未保存</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="210" />
        <source>Cannot apply the roles on {url}: {error}</source>
        <translation>无法在 {url} 上应用数据库角色：{error}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="216" />
        <source>Roles applied on {url}: {roles}. Set their passwords in psql (\password ROLE); each PC keeps its own with `seatwatch db set-password`.</source>
        <translation>已在 {url} 上应用数据库角色：{roles}。请在 psql 中设置各角色的密码（\password 角色名）；每台电脑用 `seatwatch db set-password` 保存自己的密码。</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="235" />
        <source>The audit log was altered: row {id} does not match ({why}); {n} rows before it are intact</source>
        <translation>审计日志已被改动：第 {id} 行校验不符（{why}）；此前 {n} 行完好</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="240" />
        <source>The audit log is intact: {n} rows chained; {old} older rows carry no hash</source>
        <translation>审计日志完好：{n} 行哈希链校验通过；{old} 行较早的记录没有哈希</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="247" />
        <source>its content was changed</source>
        <translation>该行内容被修改</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="248" />
        <source>the row before it was removed or changed</source>
        <translation>它前面的一行被删除或修改</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="250" />
        <source>it carries no hash</source>
        <translation>该行没有哈希</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="268" />
        <location filename="../../console/shift_cli.py" line="40" />
        <source>{bad} bad row(s): nothing imported (use --partial to import the {good} good ones)</source>
        <translation>{bad} 行有误，未导入任何内容（用 --partial 导入其余 {good} 条正确的）</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="273" />
        <source>{file}: no groups, queues or agents to import</source>
        <translation>{file}：没有可导入的班组、队列或坐席</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="278" />
        <source>Floor setup refused: {why}</source>
        <translation>坐席配置被拒绝：{why}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="51" />
        <source>invalid assessment policy: {why}</source>
        <translation>考核办法无效：{why}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="61" />
        <source>--out: the sheet is an Excel file ending in .xlsx, got {value}</source>
        <translation>--out：考核表是以 .xlsx 结尾的 Excel 文件，实为 {value}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="67" />
        <source>--pdf: the sheet is a PDF file ending in .pdf, got {value}</source>
        <translation>--pdf：考核表是以 .pdf 结尾的 PDF 文件，实为 {value}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="115" />
        <location filename="../../console/cli.py" line="299" />
        <location filename="../../console/cli_common.py" line="138" />
        <source>{file}: invalid policy: {why}</source>
        <translation>{file}：策略无效：{why}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="119" />
        <source>applied assessment policy {id} ({name}) as version {version}</source>
        <translation>已应用考核办法 {id}（{name}），为第 {version} 版</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="134" />
        <source>assessment policy {id} ({name}), version {version}, applied by {by}</source>
        <translation>考核办法 {id}（{name}），第 {version} 版，由 {by} 应用</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="157" />
        <source>nothing to propose for {month}</source>
        <translation>{month} 没有待确认的建议</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="164" />
        <source>{n} proposal(s): confirm with seatwatch assess deduct --month {month} --proposal KEY (or --all-proposals)</source>
        <translation>共 {n} 条建议：用 seatwatch assess deduct --month {month} --proposal 编号 确认（或 --all-proposals 全部确认）</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="174" />
        <source>--day: not a date of the form YYYY-MM-DD: {value}</source>
        <translation>--day：不是 YYYY-MM-DD 格式的日期：{value}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="183" />
        <source>--proposal confirms what the floor saw; --agent and --item record by hand: give one or the other</source>
        <translation>--proposal 用于确认系统发现的情况，--agent 和 --item 用于手工登记：二者只能选一</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="196" />
        <source>confirmed {n} proposal(s) of {month}</source>
        <translation>已确认 {month} 的 {n} 条建议</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="200" />
        <source>--agent, --day and --item are needed to record an entry by hand</source>
        <translation>手工登记须给出 --agent、--day 和 --item</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="204" />
        <source>--day {day} is not in --month {month}</source>
        <translation>--day {day} 不在 --month {month} 内</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="213" />
        <source>recorded entry {id}: {agent} {day} {item} {points}</source>
        <translation>已登记 {id}：{agent} {day} {item} {points}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="223" />
        <source>withdrew entry {id} ({agent} {day} {item})</source>
        <translation>已撤销登记 {id}（{agent} {day} {item}）</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="231" />
        <source>praise</source>
        <translation>通报表扬</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="232" />
        <source>retraining</source>
        <translation>待岗培训</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="233" />
        <source>incomplete</source>
        <translation>评分不全</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="234" />
        <source>too few calls scored</source>
        <translation>录音评分不足</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="235" />
        <source>entries on items not in this policy, not counted</source>
        <translation>有登记项不在本考核办法中，未计分</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="240" />
        <source>confirmed by {by}</source>
        <translation>已由 {by} 确认</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="242" />
        <source>draft by {by}, not confirmed</source>
        <translation>{by} 拟稿，未确认</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="244" />
        <source>assessment of {month}: {status}; policy {id} version {version}</source>
        <translation>{month} 月度考核：{status}；考核办法 {id} 第 {version} 版</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="247" />
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="247" />
        <source>Agent</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="248" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="249" />
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="249" />
        <source>Reward</source>
        <translation>奖励</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="250" />
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="295" />
        <source>no assessment sheet of {month} yet: seatwatch assess draft --month {month}</source>
        <translation>尚无 {month} 的考核表：seatwatch assess draft --month {month}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="304" />
        <location filename="../../console/assess_cli.py" line="311" />
        <source>wrote the assessment of {month} to {file}: {n} agents</source>
        <translation>已将 {month} 的考核表写入 {file}：{n} 名坐席</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="331" />
        <source>confirmed the assessment of {month}: {n} agents</source>
        <translation>已确认 {month} 的考核表：{n} 名坐席</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="338" />
        <source>--year: a year such as 2026, got {value}</source>
        <translation>--year：应为年份，如 2026，实为 {value}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="348" />
        <location filename="../../console/assess_cli.py" line="353" />
        <source>wrote the assessment of {year} to {file}: {n} agents</source>
        <translation>已将 {year} 年度考核表写入 {file}：{n} 名坐席</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="362" />
        <source>assessment of {year}: {n} of 12 months confirmed; yearly score = sum of the months / 12</source>
        <translation>{year} 年度考核：12 个月中已确认 {n} 个月；年度得分 = 各月得分之和 ÷ 12</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="399" />
        <source>The database already holds floor events: replay into an empty database, or pass --append</source>
        <translation>数据库中已有现场事件：请回放到空数据库，或加 --append</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="445" />
        <source>{file}: the database refused the scenario, nothing was written: {error}</source>
        <translation>{file}：数据库拒绝了该场景，未写入任何内容：{error}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="449" />
        <source>Replayed {n} events, {start} .. {until}; alerts as the floor host raises them</source>
        <translation>已回放 {n} 条事件，{start} 至 {until}；告警由值守主机按时产生</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="451" />
        <source>Replayed {n} events, {start} .. {until}; {raised} alert(s) raised</source>
        <translation>已回放 {n} 条事件，{start} 至 {until}；产生告警 {raised} 条</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="475" />
        <source>{file}: the events are written, but the rollups and reports of its virtual clock failed: {error} (`seatwatch rollup rebuild` and `seatwatch report daily|monthly --date D --store` make them)</source>
        <translation>{file}：事件已写入，但其虚拟时钟上的汇总与报表未能完成：{error}（可用 `seatwatch rollup rebuild` 与 `seatwatch report daily|monthly --date D --store` 补做）</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="483" />
        <source>virtual clock up to {until}: {n} 15-minute interval(s) closed; reports made at the time they fell due: {reports}</source>
        <translation>虚拟时钟至 {until}：已汇总 {n} 个 15 分钟时段；已按到期时刻生成报表：{reports}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="486" />
        <source>virtual clock up to {until}: {n} 15-minute interval(s) closed; no report fell due</source>
        <translation>虚拟时钟至 {until}：已汇总 {n} 个 15 分钟时段；期间无到期报表</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="503" />
        <source>{file}: {where}: {type}: {why}; nothing was written</source>
        <translation>{file}：{where}：{type}：{why}；未写入任何内容</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="530" />
        <source>the database already holds call {id}</source>
        <translation>数据库中已有来电 {id}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="532" />
        <source>the database already holds ticket {id}</source>
        <translation>数据库中已有工单 {id}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="550" />
        <source>The database refused {event} at {at}: {why} (with --append, the floor already in the database conflicts with the scenario)</source>
        <translation>数据库拒绝了 {at} 的 {event}：{why}（使用 --append 时，数据库中已有的现场与场景冲突）</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="567" />
        <source>{file}: cannot read the hourly profile: {error}</source>
        <translation>{file}：无法读取小时话务分布：{error}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="571" />
        <source>{file}: must be a JSON list of 24 non-negative weights</source>
        <translation>{file}：须为含 24 个非负权重的 JSON 列表</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="577" />
        <source>--patience: a number of seconds or none, got {value}</source>
        <translation>--patience：须为秒数或 none，收到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="617" />
        <source>No telephony mapping is applied on this floor database: run `seatwatch telephony apply --db URL FILE` first (`seatwatch telephony validate FILE` checks it)</source>
        <extracomment>``service --source ami`` on a floor database where no mapping was applied</extracomment>
        <translation>此现场数据库尚未应用话务映射：请先运行 `seatwatch telephony apply --db URL FILE`（可用 `seatwatch telephony validate FILE` 检查文件）</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="710" />
        <source>Unknown --source {value} (available: {known})</source>
        <translation>未知的 --source {value}（可用：{known}）</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="724" />
        <source>The floor host stopped working ({reason}) and gave up the floor; a standby host takes over. See the log file {log}</source>
        <translation>现场主机停止工作（{reason}），已让出现场；由备用主机接管。详见日志文件 {log}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="876" />
        <source>--size: WIDTHxHEIGHT, e.g. 1920x1080, got {value}</source>
        <extracomment>the demo's leaders after DEMO (who the console acts as): one per further shift</extracomment>
        <translation>--size：格式为 宽x高，例如 1920x1080，收到的是 {value}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="900" />
        <location filename="../../console/qa_cli.py" line="172" />
        <source>{what}: not a date (2026-03-02): {value}</source>
        <translation>{what}：不是日期（如 2026-03-02）：{value}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="920" />
        <source>Invalid layout file: {why}</source>
        <translation>布局文件有误：{why}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="930" />
        <source>--page: unknown page {value} (pages: {known})</source>
        <translation>--page：未知页面 {value}（可用：{known}）</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="1208" />
        <source>--db contains a password, which other users of this PC can see in the process list; keep it in the system keyring (seatwatch db save-profile, seatwatch db set-password) or in ~/.pgpass</source>
        <translation>--db 中含有密码,本机其他用户可在进程列表中看到;请把密码存入系统密钥环(seatwatch db save-profile、seatwatch db set-password)或 ~/.pgpass</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="1234" />
        <source>Cannot open the log file: {error}</source>
        <translation>无法打开日志文件：{error}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="1252" />
        <source>Database: {error}</source>
        <translation>数据库：{error}</translation>
    </message>
    <message>
        <location filename="../../console/cli.py" line="1261" />
        <source>{input}: unexpected error ({kind}); the details are in {log}</source>
        <translation>{input}：意外错误（{kind}），详情见 {log}</translation>
    </message>
    <message>
        <location filename="../../console/shift_cli.py" line="45" />
        <source>{file}: nothing to import ({what})</source>
        <translation>{file}：没有可导入的内容（{what}）</translation>
    </message>
    <message>
        <location filename="../../console/shift_cli.py" line="168" />
        <source>Bad date {value} (use YYYY-MM-DD)</source>
        <translation>日期有误 {value}（格式 YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="64" />
        <source>--db {value} is neither a URL nor a saved profile (profiles: {known})</source>
        <translation>--db {value} 既不是网址也不是已保存的配置（已保存：{known}）</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="78" />
        <source>The database file {path} does not exist (check the path; a new floor database is created only with --create)</source>
        <translation>数据库文件 {path} 不存在(请检查路径;只有加 --create 才会新建楼层数据库)</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="118" />
        <source>must not be empty</source>
        <extracomment>the longest profile name: a name is typed after ``--db`` and shown in a menu</extracomment>
        <translation>不能为空</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="120" />
        <source>must be at most {max} characters</source>
        <translation>不能超过 {max} 个字符</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="123" />
        <source>must not contain control or invisible characters</source>
        <translation>不能含有控制字符或不可见字符</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="125" />
        <source>must not begin or end with a space</source>
        <translation>首尾不能有空格</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="127" />
        <source>must not contain :// (--db would read it as a URL)</source>
        <translation>不能含有 ://（--db 会把它当作数据库 URL）</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="129" />
        <source>must not begin with - (it would read as an option)</source>
        <translation>不能以 - 开头（会被当作命令选项）</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="131" />
        <source>Profile name {name}: {reason}</source>
        <translation>连接名称 {name}：{reason}</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="150" />
        <source>{file} line {line}: not valid TOML ({error}); fix or delete that line, then save the profile again</source>
        <translation>{file} 第 {line} 行：不是有效的 TOML（{error}）；请改正或删除该行，然后重新保存连接</translation>
    </message>
    <message>
        <location filename="../../models/db/engine.py" line="265" />
        <source>Cannot store the password in the system keyring: {error}</source>
        <translation>无法把密码存入系统密钥环：{error}</translation>
    </message>
    <message>
        <location filename="../../console/screenshot.py" line="435" />
        <source>first_run: --page is choice, local or shared, not {value}</source>
        <extracomment>console: the floor; alerts: the same window with the alerts panel raised and its most urgent alert selected (issue #4) the shift dialogs (issue #6): the morning meeting, the attendance register, the monthly summary, leave requests, the roster, the handover; and 月度考核 and 培训计划 (issue #18; ``--day``: a day of the week to show, next week's by default) every other dialog of the console (issue #15: each one looked at in light and dark, Chinese and English): 公告, 账号管理, 坐席/队列设置, 审计日志, 我的分机…, the escalation contacts, a force action's dialog (强拆…), the sign-in and first-run dialogs and the start-up error window; first_run: the first-run wizard (issue #19), ``--page`` choice (default), local or shared the director's window (issue #17), seen by an operator with VIEW_TRENDS the right each dialog view is seen with: its real backend checks it in the database, so the dialog is rendered as an operator on record who holds it the force actions a force view tries, in this order, on the first agent it applies to</extracomment>
        <translation>first_run：--page 只能是 choice、local 或 shared，而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../console/screenshot.py" line="472" />
        <source>force: no force action applies to {agent} now</source>
        <translation>force：{agent} 当前没有可用的强制操作</translation>
    </message>
    <message>
        <location filename="../../console/screenshot.py" line="474" />
        <source>any agent</source>
        <translation>任何坐席</translation>
    </message>
    <message>
        <location filename="../../console/screenshot.py" line="481" />
        <source>force: {action} on {agent} opened no dialog</source>
        <translation>force：对 {agent} 执行 {action} 时没有打开对话框</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="44" />
        <source>{what}: not a date (2026-03-02) nor an ISO 8601 time: {value}</source>
        <translation>{what}：既不是日期（2026-03-02）也不是 ISO 8601 时间：{value}</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="48" />
        <source>{what}: a time needs a UTC offset, e.g. 2026-03-02T08:00:00+08:00</source>
        <translation>{what}：时间须带 UTC 偏移，例如 2026-03-02T08:00:00+08:00</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="58" />
        <location filename="../../console/rollup_cli.py" line="78" />
        <source>--to {to} is not after --from {frm}</source>
        <translation>--to {to} 不晚于 --from {frm}</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="70" />
        <source>no history: nothing to roll up</source>
        <translation>没有历史数据：无可汇总</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="84" />
        <source>rebuilt {n} 15-minute interval(s) from {start} to {end} ({tz})</source>
        <translation>已重建 {n} 个 15 分钟时段，{start} 至 {end}（{tz}）</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="130" />
        <source>no rollups in this range: run `seatwatch rollup rebuild` first</source>
        <translation>此范围内没有汇总数据：请先运行 `seatwatch rollup rebuild`</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="134" />
        <source>Start</source>
        <translation>起始</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="135" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="136" />
        <source>Offered</source>
        <translation>呼入</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="137" />
        <source>Answered</source>
        <translation>接听</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="138" />
        <source>Abandoned</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="139" />
        <source>Aband. &lt;5 s</source>
        <translation>5秒内放弃</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="140" />
        <source>SL</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="141" />
        <source>Answer rate</source>
        <translation>接通率</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="142" />
        <source>ASA (s)</source>
        <translation>平均应答(秒)</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="143" />
        <location filename="../../console/staffing_cli.py" line="99" />
        <source>AHT (s)</source>
        <translation>平均处理(秒)</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="144" />
        <source>Occupancy</source>
        <translation>占用率</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="149" />
        <source>total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="152" />
        <source>Off shift</source>
        <translation>班外</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="158" />
        <source>(per {by}, times in {tz}; SL = answered within {t} s; calls: {queue}; occupancy: {group})</source>
        <translation>（按{by}汇总，时间为 {tz}；服务水平 = {t} 秒内接听；来电：{queue}；占用率：{group}）</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="161" />
        <source>hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="161" />
        <source>day</source>
        <translation>天</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="162" />
        <source>week</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="163" />
        <source>month</source>
        <translation>月</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="164" />
        <source>shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="166" />
        <location filename="../../console/staffing_cli.py" line="123" />
        <source>every queue</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location filename="../../console/rollup_cli.py" line="167" />
        <location filename="../../console/staffing_cli.py" line="124" />
        <source>every agent</source>
        <translation>全部坐席</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="37" />
        <source>--month: not a month of the form YYYY-MM (e.g. 2026-12): {value}</source>
        <extracomment>``--days`` at most (the forecast's own limit is longer; a terminal is not)</extracomment>
        <translation>--month：不是 YYYY-MM 格式的月份（例如 2026-12）：{value}</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="50" />
        <source>Cannot make the staffing plan: {why}</source>
        <translation>无法生成人力配置计划：{why}</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="57" />
        <source>--out: the plan is an Excel file ending in .xlsx, got {value}</source>
        <translation>--out：计划须保存为以 .xlsx 结尾的 Excel 文件，而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../console/assess_cli.py" line="79" />
        <location filename="../../console/assess_cli.py" line="87" />
        <location filename="../../console/staffing_cli.py" line="64" />
        <source>{file}: cannot write: {error}</source>
        <translation>{file}：无法写入：{error}</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="67" />
        <source>wrote the staffing plan of {month} to {file}: {n} 15-minute slots, {short} of them short of agents</source>
        <translation>已将 {month} 的人力配置计划写入 {file}：共 {n} 个 15 分钟时段，其中 {short} 个缺员</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="77" />
        <source>note: the roster names shifts the policy does not define, not counted: {shifts}</source>
        <translation>注意：排班中有策略未定义的班次，未计入：{shifts}</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="90" />
        <source>--days: a whole number from 1 to {max}, got {value}</source>
        <translation>--days：须为 1 至 {max} 的整数，而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="97" />
        <source>Slot</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="98" />
        <source>Calls</source>
        <translation>话务量</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="100" />
        <source>Required</source>
        <translation>需求坐席</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="101" />
        <source>With shrinkage</source>
        <translation>含缺勤需求</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="102" />
        <source>Rostered</source>
        <translation>排班人数</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="103" />
        <source>Gap</source>
        <translation>缺口</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="114" />
        <source>no calls forecast and nobody rostered in these days (no history in the rollups yet?)</source>
        <translation>这几天没有预测话务，也没有排班（汇总中还没有历史数据？）</translation>
    </message>
    <message>
        <location filename="../../console/staffing_cli.py" line="117" />
        <source>({model}: {target}% of calls answered within {t} s; shrinkage {shrink}%; forecast: the same weekday's slot over {weeks} weeks; calls: {queue}; rostered: {group}; times in {tz})</source>
        <translation>（{model}：{target}% 的来电在 {t} 秒内接起；缺勤系数 {shrink}%；预测：前 {weeks} 周同星期同时段均值；话务：{queue}；排班：{group}；时间为 {tz}）</translation>
    </message>
    <message>
        <location filename="../../console/crashlog.py" line="148" />
        <source>unexpected error ({kind}); the details are in {log}</source>
        <extracomment>log files (with their rotated backups and native-crash files) kept in the logs folder; older ones are deleted when a program starts. A constant, not a policy: enough for a few days of a PC's consoles, walls and commands. the programs with a window: a crash there shows the crash dialog</extracomment>
        <translation>意外错误（{kind}），详情见 {log}</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../console/adapters.py" line="99" />
        <source>The floor host stopped while carrying out this control; whether it took effect is unknown: check the agent before trying again</source>
        <extracomment>R-PEAK-1 (issue #16): the source can take an agent off a break by itself (``force_ready`` un-pauses it), so the host may refuse a break begun during the peak plan when the policy says so (``peak.refuse_breaks``) the floor host stopped between claiming a control and recording its result, and the telephony source cannot tell whether it took effect (issue #13 item 5)</extracomment>
        <translation>值班主机在执行本操作时停止，无法确定是否已生效：请先查看该坐席再决定是否重试</translation>
    </message>
    <message>
        <location filename="../../console/adapters.py" line="103" />
        <source>The floor host stopped before this control reached the floor; it was not carried out</source>
        <extracomment>... and the source can tell that it never reached the floor</extracomment>
        <translation>值班主机在本操作送达现场前停止，操作未执行</translation>
    </message>
    <message>
        <location filename="../../console/adapters.py" line="107" />
        <source>Carried out (confirmed on the floor after the floor host stopped)</source>
        <extracomment>... and the floor shows the control's effect (the source restarted since)</extracomment>
        <translation>已执行（值班主机停止后经现场确认）</translation>
    </message>
    <message>
        <location filename="../../console/adapters.py" line="204" />
        <source>This floor host has no telephony source (--source none): controls cannot be carried out</source>
        <extracomment>``seatwatch demo`` (issue #12): the agents keep the demo roster (rest days), and a fresh floor starts before the shifts running now (models.sim.simulator .demo_start), so their agents have signed in on time, not when the demo began when the running simulator started: a control claimed after that was seen by it if it was carried out at all (issue #13 item 5) why a control fails on a host without a telephony source (R-CTRL-2: say so clearly)</extracomment>
        <translation>本值守主机未接入话务平台（--source none），无法执行控制</translation>
    </message>
    <message>
        <location filename="../../console/host.py" line="58" />
        <source>Expired: not started by the floor host within {seconds} s</source>
        <extracomment>a host whose heartbeat is this old is gone: the controls it claimed are resolved by asking the adapter, never by acting again (longer than the SQLite lease's lapse) a control still pending after the policy's expiry (issue #13 item 5)</extracomment>
        <translation>已过期：值班主机未在 {seconds} 秒内执行</translation>
    </message>
    <message>
        <location filename="../../console/host.py" line="393" />
        <source>The control carries no valid sign-in session of {operator}</source>
        <extracomment>who refuses a short break begun during the peak plan (R-PEAK-1, issue #16): the policy, not a person; the audit log and the floor log name it so the reason the agent is made ready again, as a leader's force-ready carries one set after the first tick: the floor has caught up with the source (the alert scheduler starts then, so it never judges a floor still catching up) None: retention is pruned elsewhere (the scheduler's events.prune job) R-PEAK-1 break alerts this host has refused already (issue #16) controls acted on whose result is not recorded yet (issue #13 item 5) this start's run number (issue #13 item 1); None before :meth:`start` monotonic time the loop last made progress: a tick that went through, or an outage it is waiting out (issue #13 item 3: the lease is renewed only while this is recent)</extracomment>
        <translation>该控制指令未附带操作员 {operator} 的有效登录会话</translation>
    </message>
    <message>
        <location filename="../../console/host.py" line="401" />
        <location filename="../../console/host.py" line="419" />
        <source>Unknown control {action}</source>
        <translation>未知操作 {action}</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="219" />
        <location filename="../../models/domain/commands.py" line="58" />
        <location filename="../../models/sim/simulator.py" line="1325" />
        <source>Agent {agent} does not exist</source>
        <extracomment>the call the supervisor saw on the agent when deciding (R-CTRL-2)
----------
Relative call volume per local hour (0..23) of a city 12345 hotline: a quiet night, a morning peak 9–11, a lunch dip, an afternoon peak 14–16. with ``SimConfig.rest_days`` every agent has two rest days (休) a week number of groups (班组); None: one per 15 agents, named 一班 二班 … share of (non-IVR and IVR) arrivals per queue; None or a length mismatch: equal arrivals per hour at the profile's busiest hour (flat rate without profile); None: derived so that occupancy is about 80 % at the peak 24 hourly weights in floor local time; None: flat, and everyone works the whole run share of after-call work that runs 15–20 min (R-ACW-1); only when acw_mean_s &gt; 0 chance that an agent whose break is due goes even when the group is full consult / suggest / complaint / help (R-TICKET-2) put before call and ticket ids, so that several runs can share one database the demo roster (issue #12): agents rest two days a week (:func:`works_on`) an agent whose shift is already under way at ``start`` signs in at once (a restarted floor); False: it waits for its next shift (a run that starts before the shifts it is meant to show, see :func:`demo_start`) calls arrive from this many seconds after ``start`` on (a demo floor that begins hours back for its agents' sign-ins need not replay those hours' calls) seeded surges of one queue's arrivals (issue #17); none by default occasional aways per agent-hour: (reason, rate per hour) meal windows in local time: (earliest start, spread of starts in minutes) agents whose break is due but who wait for a free slot (R-BREAK-2), in order the caller's request (诉求, R-TICKET-4) by category; chosen by the ticket's number, not the random streams, so a seed's floor stays the floor it was every control this floor carried out or refused, by command id: the switch's own memory, asked by a host that finds a control claimed by a host that died before recording it (issue #13 item 5)</extracomment>
        <translation>坐席 {agent} 不存在</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="62" />
        <source>No call was given</source>
        <translation>未指定通话</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="65" />
        <location filename="../../models/sim/simulator.py" line="1331" />
        <source>Call {call} has ended or is no longer on agent {agent}</source>
        <translation>通话 {call} 已结束或已不在坐席 {agent}</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="69" />
        <source>Agent {agent} is now on another call</source>
        <translation>坐席 {agent} 当前通话已变化</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="72" />
        <source>Call {call} is not connected</source>
        <translation>通话 {call} 未接通</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="76" />
        <location filename="../../models/sim/simulator.py" line="1335" />
        <source>You are not in this call</source>
        <translation>您不在该通话中</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="80" />
        <location filename="../../models/sim/simulator.py" line="1338" />
        <source>You are already in this call in this mode</source>
        <translation>您已以该方式在该通话中</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="85" />
        <source>Agent {agent} is {state} and cannot be forced ready</source>
        <translation>坐席 {agent} 当前为{state}，不能强制就绪</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="90" />
        <source>Forcing an agent away needs a reason</source>
        <translation>强制离席需要原因</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="94" />
        <source>Agent {agent} is {state} and cannot be forced away</source>
        <translation>坐席 {agent} 当前为{state}，不能强制离席</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="99" />
        <source>Agent {agent} is {state} and cannot be signed out</source>
        <translation>坐席 {agent} 当前为{state}，不能强制签出</translation>
    </message>
    <message>
        <location filename="../../models/domain/commands.py" line="104" />
        <location filename="../../models/sim/simulator.py" line="1350" />
        <source>Agent {agent}'s call has changed</source>
        <translation>坐席 {agent} 的通话已变化</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1346" />
        <source>Agent {agent}'s state has changed</source>
        <translation>坐席 {agent} 的状态已变化</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1360" />
        <location filename="../../models/telephony/controls.py" line="410" />
        <source>Monitoring call {call}</source>
        <translation>已开始监听通话 {call}</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1361" />
        <location filename="../../models/telephony/controls.py" line="412" />
        <source>Whispering on call {call}</source>
        <translation>已开始耳语通话 {call}</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1362" />
        <location filename="../../models/telephony/controls.py" line="414" />
        <source>Barged into call {call}</source>
        <translation>已强插通话 {call}</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1370" />
        <location filename="../../models/telephony/controls.py" line="416" />
        <source>Left call {call}</source>
        <translation>已退出通话 {call}</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1381" />
        <location filename="../../models/telephony/controls.py" line="418" />
        <source>Call {call} released</source>
        <translation>已强拆通话 {call}</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1397" />
        <location filename="../../models/telephony/controls.py" line="420" />
        <source>Call {call} taken over by {supervisor}</source>
        <translation>通话 {call} 已由 {supervisor} 拦截</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1419" />
        <location filename="../../models/telephony/controls.py" line="423" />
        <source>Agent {agent} set ready</source>
        <translation>坐席 {agent} 已强制就绪</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1427" />
        <location filename="../../models/telephony/controls.py" line="426" />
        <source>Agent {agent} set away ({reason})</source>
        <translation>坐席 {agent} 已强制离席（{reason}）</translation>
    </message>
    <message>
        <location filename="../../models/sim/simulator.py" line="1434" />
        <location filename="../../models/telephony/controls.py" line="428" />
        <source>Agent {agent} signed out</source>
        <translation>坐席 {agent} 已强制签出</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="63" />
        <source>The link to the phone system is down: the control was not carried out</source>
        <extracomment>how long a force release waits, after the agent's channel is gone, for the queue's own AgentComplete (the translator ends the call from it)</extracomment>
        <translation>话务平台连接中断:该操作未执行</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="65" />
        <source>Supervisor {supervisor} has no extension for this control: set it in the console (File, My extension…) or in the telephony mapping's [[supervisors]]</source>
        <translation>班长 {supervisor} 没有可用于此操作的分机:请在控制台(文件 → 我的分机…)或话务映射文件的 [[supervisors]] 中设置</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="68" />
        <source>Call {call} is not known on the phone system (no channel of agent {agent})</source>
        <translation>话务平台上找不到通话 {call}(坐席 {agent} 没有通道)</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="70" />
        <source>Call {call} is no longer on agent {agent}'s channel in Asterisk ({detail}): nothing was done</source>
        <translation>通话 {call} 已不在坐席 {agent} 的 Asterisk 通道上({detail}):未执行任何操作</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="73" />
        <source>Asterisk refused {action}: {message}</source>
        <translation>Asterisk 拒绝了 {action}:{message}</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="74" />
        <source>Asterisk did not answer {action} within {seconds} s</source>
        <translation>Asterisk 未在 {seconds} 秒内响应 {action}</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="75" />
        <source>Asterisk did not confirm {action} within {seconds} s; check the agent before trying again</source>
        <translation>Asterisk 未在 {seconds} 秒内确认 {action};请先查看该坐席再重试</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="78" />
        <source>No listening leg of supervisor {supervisor} on call {call} was found in Asterisk</source>
        <translation>在 Asterisk 中找不到班长 {supervisor} 在通话 {call} 上的监听线路</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="81" />
        <source>Agent {agent} has no queue member interface in the telephony mapping</source>
        <translation>话务映射中没有坐席 {agent} 的队列成员接口</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="83" />
        <source>Agent {agent} is a member of no queue in Asterisk</source>
        <translation>坐席 {agent} 在 Asterisk 中不属于任何队列</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="84" />
        <source>Agent {agent} is a static member of queue {queue} (a member line in queues.conf): Asterisk cannot sign it out; nothing was done</source>
        <translation>坐席 {agent} 是队列 {queue} 的静态成员(queues.conf 中的 member 行):Asterisk 无法将其签出;未执行任何操作</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="88" />
        <source>Asterisk: {message}: {channel}</source>
        <extracomment>Asterisk's own words about a channel</extracomment>
        <translation>Asterisk:{message}:{channel}</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="89" />
        <source>The floor host stopped while carrying out this control; Asterisk does not show its effect ({detail})</source>
        <translation>现场主机在执行此操作时停止;Asterisk 上未见其效果({detail})</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="491" />
        <source>still a member of {queues}</source>
        <extracomment>the floor events the adapter translated while this control waited floor events a failed control still owes the floor (a change of mode that lost the old listening leg before the new one failed)</extracomment>
        <translation>仍是 {queues} 的成员</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="498" />
        <source>still paused</source>
        <translation>仍处于暂停</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="501" />
        <source>not paused with {reason}</source>
        <translation>未以“{reason}”暂停</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="511" />
        <source>no listening leg on channel {channel}</source>
        <translation>通道 {channel} 上没有监听线路</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="522" />
        <source>listening leg {channel} still running</source>
        <translation>监听线路 {channel} 仍在运行</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="526" />
        <source>{channel} still up</source>
        <translation>{channel} 仍在通话</translation>
    </message>
    <message>
        <location filename="../../console/ami_controls.py" line="536" />
        <source>the caller is in context {context}, not {expected}</source>
        <translation>来电方位于 {context},而不是 {expected}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="208" />
        <location filename="../../models/telephony/controls.py" line="214" />
        <source>The supervisor's phone {endpoint} could not be reached (Asterisk: {reason})</source>
        <extracomment>ChanSpy's mode letters (app_chanspy.c): quiet for all; whisper, barge ChanSpy options every supervisor leg gets: only a bridged channel (b), end with the spied-on channel (E), stop when there is nothing to spy on (S), exact channel (u) the Uniqueid of a spy leg this host originates starts so (outcome(), stop) Asterisk's AST_MAX_PUBLIC_UNIQUEID is 149 the Chinese label of an away reason, the pause text when the mapping names none (the alerts' own words, one list: models/domain/rules.py)</extracomment>
        <translation>无法接通班长的话机 {endpoint}(Asterisk:{reason})</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="220" />
        <source>The listening leg ended before it reached the call: the agent's channel {channel} is gone or not in a call (Asterisk: {cause})</source>
        <translation>监听线路在接入通话前已结束:坐席通道 {channel} 已不存在或不在通话中(Asterisk:{cause})</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="256" />
        <source>The caller hung up before the call was taken over</source>
        <translation>拦截前来电方已挂机</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="304" />
        <source>the endpoint does not exist or failed</source>
        <translation>该分机不存在或呼叫失败</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="305" />
        <source>hung up</source>
        <translation>已挂机</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="306" />
        <source>no answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="307" />
        <source>busy</source>
        <translation>忙</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="308" />
        <source>congestion</source>
        <translation>线路拥塞</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="333" />
        <source>no channel {channel}</source>
        <translation>没有通道 {channel}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="337" />
        <source>{channel} is in no call</source>
        <translation>{channel} 不在通话中</translation>
    </message>
    <message>
        <location filename="../../models/telephony/controls.py" line="340" />
        <source>{channel} is not in a call with {caller}</source>
        <translation>{channel} 与 {caller} 不在同一通话中</translation>
    </message>
</context>
<context>
    <name>Conflict</name>
    <message>
        <location filename="../../views/conflict.py" line="26" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../views/conflict.py" line="27" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../views/conflict.py" line="38" />
        <source>Your change was not saved: someone deleted this record meanwhile.</source>
        <translation>您的修改未保存：此记录已被他人删除。</translation>
    </message>
    <message>
        <location filename="../../views/conflict.py" line="45" />
        <source>Your change was not saved: {who} saved this record at {when}, after you opened it.</source>
        <translation>您的修改未保存：{who} 在您打开此记录之后（{when}）保存了它。</translation>
    </message>
    <message>
        <location filename="../../views/conflict.py" line="50" />
        <source>What they saved:</source>
        <translation>对方保存的内容：</translation>
    </message>
    <message>
        <location filename="../../views/conflict.py" line="52" />
        <source>• {field}: now “{theirs}” (you had “{mine}”)</source>
        <translation>• {field}：现为“{theirs}”（您看到的是“{mine}”）</translation>
    </message>
    <message>
        <location filename="../../views/conflict.py" line="56" />
        <source>The record has been reloaded with their change. Make your edit again if it is still needed.</source>
        <translation>记录已按对方的修改重新载入。如仍需修改，请在此基础上重新编辑。</translation>
    </message>
    <message>
        <location filename="../../views/conflict.py" line="74" />
        <source>Saved by someone else</source>
        <extracomment>how a dialog shows the box; tests replace it to read the text without a modal loop</extracomment>
        <translation>记录已被他人修改</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <location filename="../../console/ops.py" line="223" />
        <source>The floor database cannot be reached or refused the request: {error}</source>
        <translation>无法连接值班数据库或请求被拒绝:{error}</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="706" />
        <source>the console of operator {id} is already open on this PC: brought it to the front</source>
        <translation>操作员 {id} 的控制台已在本机打开，已切换到该窗口</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <location filename="../../views/alerts/contacts.py" line="92" />
        <source>Escalation contacts</source>
        <translation>急件升级联系人</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="93" />
        <source>When an urgent ticket is not acknowledged in time, or no shift leader is on duty, the director and these unit heads are notified at once, in this order (R-URGENT-2).</source>
        <translation>急件未在规定时间内确认,或无值班长在岗时,立即按以下顺序通知主任及各承办单位负责人(R-URGENT-2)。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="98" />
        <source>Unit</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="99" />
        <source>Head</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="100" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="101" />
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="102" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="103" />
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="104" />
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="105" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="106" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="183" />
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="189" />
        <source>{n} contacts.</source>
        <translation>共 {n} 位联系人。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="202" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="209" />
        <source>Saved: {n} contacts.</source>
        <translation>已保存:共 {n} 位联系人。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="222" />
        <source>Unsaved changes</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location filename="../../views/alerts/contacts.py" line="227" />
        <source>Close without saving the changes to the contact list?</source>
        <translation>联系人的修改尚未保存,确定关闭吗?</translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <location filename="../../views/main_window.py" line="141" />
        <source>Monitor</source>
        <translation>监听</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="142" />
        <source>Whisper</source>
        <translation>耳语</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="143" />
        <source>Barge in</source>
        <translation>强插</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="144" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="145" />
        <source>Force release</source>
        <translation>强拆</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="146" />
        <source>Intercept</source>
        <translation>拦截</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="147" />
        <source>Force ready</source>
        <translation>强制就绪</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="148" />
        <source>Force away</source>
        <translation>强制离席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="149" />
        <source>Force logout</source>
        <translation>强制签出</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="154" />
        <source>monitoring</source>
        <translation>监听中</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="155" />
        <source>whispering</source>
        <translation>耳语中</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="156" />
        <source>barged in</source>
        <translation>已强插</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="157" />
        <source>took over</source>
        <translation>已拦截</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="163" />
        <source>End monitoring {agent}</source>
        <translation>结束监听 {agent}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="164" />
        <source>End whisper {agent}</source>
        <translation>结束耳语 {agent}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="165" />
        <source>End barge-in {agent}</source>
        <translation>结束强插 {agent}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="166" />
        <source>End takeover {agent}</source>
        <translation>结束拦截 {agent}</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <location filename="../../views/kit/crash.py" line="23" />
        <source>Unexpected error</source>
        <translation>程序出错</translation>
    </message>
    <message>
        <location filename="../../views/kit/crash.py" line="26" />
        <source>An unexpected error happened and was logged. The program keeps running; if something looks wrong, close it and start it again.</source>
        <translation>程序发生了一个意外错误，已记入日志。程序仍在运行；如有显示不对，请关闭后重新打开。</translation>
    </message>
    <message>
        <location filename="../../views/kit/crash.py" line="33" />
        <source>(no log file)</source>
        <translation>（没有日志文件）</translation>
    </message>
    <message>
        <location filename="../../views/kit/crash.py" line="34" />
        <source>The details are in the log file:
{log}</source>
        <translation>详情见日志文件：
{log}</translation>
    </message>
</context>
<context>
    <name>Director</name>
    <message>
        <location filename="../../console/director_app.py" line="96" />
        <source>SL heat map</source>
        <translation>服务水平热力图</translation>
    </message>
    <message>
        <location filename="../../console/director_app.py" line="98" />
        <source>Agent league</source>
        <translation>坐席排名</translation>
    </message>
    <message>
        <location filename="../../console/director_app.py" line="100" />
        <source>Staffing</source>
        <translation>人力配置</translation>
    </message>
    <message>
        <location filename="../../console/director_app.py" line="103" />
        <source>Quality</source>
        <translation>质检</translation>
    </message>
    <message>
        <location filename="../../console/director_app.py" line="107" />
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <location filename="../../console/director_app.py" line="111" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../console/director_app.py" line="186" />
        <location filename="../../views/director/window.py" line="114" />
        <source>Trends</source>
        <extracomment>"guide" or "about" (issue #19): Help in the toolbar, F1; the console opens them</extracomment>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../../console/director_backend.py" line="39" />
        <source>The floor database cannot be reached: {error}</source>
        <translation>无法连接现场数据库：{error}</translation>
    </message>
    <message>
        <location filename="../../console/director_backend.py" line="43" />
        <location filename="../../views/director/window.py" line="238" />
        <source>Cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="241" />
        <source>{n}k</source>
        <extracomment>the plots, in the grid's order (row by row, two columns), and what each draws what a plot draws as a percentage (0 … 100, the y range fixed) the plots of the staffing figures (not read for a long range: they say so) the smallest height of a plot row (title, plot, axis): at 1366×768 the charts scroll rather than squeeze four rows below readable the figures that are counters, and kpi's formula of each other figure (the ones ``Bucket.figures`` applies through ``kpi.as_dict``) the value axes' width (room for "35000" and "100") more buckets than this and the plots draw lean (see TrendsPage._feed): the volume as step curves instead of bars, the lines without dots how far past the plot's edge a bucket label may reach (the window's margin) the bucket steps an axis labels at, coarsest last (hours: whole days and weeks) from this many calls on, ticks count in thousands (万 in Chinese): pyqtgraph writes "1e+06", and seven digits do not fit the axis</extracomment>
        <translation>{n}万</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="451" />
        <source>Calls</source>
        <extracomment>called with each answer drawn (tests and the screenshot wait on it) dense ranges: each volume figure as one step curve (filled; the compared period's dashed), shown and hidden with its bars (the legend's entry) the staffing plots' line saying why they are empty (a range too long)</extracomment>
        <translation>话务量</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="455" />
        <source>ASA (s)</source>
        <translation>平均应答时间（秒）</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="456" />
        <source>AHT (s)</source>
        <translation>平均处理时长（秒）</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="457" />
        <source>Staffed vs required (agents, average per 15-minute slot)</source>
        <translation>在席与需要（人数，每 15 分钟时段平均）</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="476" />
        <source>Staffing is shown for ranges of up to {days} days</source>
        <translation>在席与需要仅显示不超过 {days} 天的范围</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="488" />
        <source>{figure}, {period}</source>
        <translation>{figure}（{period}）</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="505" />
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="543" />
        <source>No figures for {first} to {last}: the floor has no history there, or its rollups have not been built yet (seatwatch rollup rebuild).</source>
        <translation>{first} 至 {last} 没有数据：该时段没有话务记录，或尚未生成统计汇总（seatwatch rollup rebuild）。</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="716" />
        <source>Whole range</source>
        <translation>整个时段</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="724" />
        <source>{bucket}: {figures}</source>
        <translation>{bucket}：{figures}</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="729" />
        <source>{period} ({when}): </source>
        <translation>{period}（{when}）：</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="735" />
        <source>(point at a shift for its figures; click it to see its hours)</source>
        <translation>（鼠标指向某一班次查看数值；单击该班次查看各小时明细）</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="738" />
        <source>(point at a bucket for its figures; click a month or a day to open it)</source>
        <translation>（鼠标指向某一时段查看数值；单击某月或某天查看明细）</translation>
    </message>
    <message>
        <location filename="../../views/director/charts.py" line="749" />
        <source>agents per slot on average: {staffed} logged in, {rostered} rostered, {required} required</source>
        <translation>时段平均人数：在席 {staffed}、排班 {rostered}、需要 {required}</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="97" />
        <source>Dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="98" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="99" />
        <source>Show</source>
        <translation>粒度</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="100" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="101" />
        <source>Group</source>
        <translation>坐席组</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="102" />
        <source>Compare with</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="105" />
        <source>Quick pick…</source>
        <translation>快速选择…</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="120" />
        <location filename="../../views/director/filterbar.py" line="140" />
        <source>Every queue</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="122" />
        <location filename="../../views/director/filterbar.py" line="142" />
        <source>Every agent</source>
        <translation>全部坐席</translation>
    </message>
    <message>
        <location filename="../../views/director/filterbar.py" line="155" />
        <source>Dates: the range ends ({last}) before it starts ({first})</source>
        <translation>日期：结束日期（{last}）早于开始日期（{first}）</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="13" />
        <source>Offered</source>
        <translation>呼入量</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="14" />
        <source>Answered</source>
        <translation>接听量</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="15" />
        <source>Abandoned</source>
        <translation>放弃量</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="16" />
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="17" />
        <source>Answer rate</source>
        <translation>接通率</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="18" />
        <source>ASA</source>
        <translation>平均应答时间</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="19" />
        <source>AHT</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="20" />
        <source>Occupancy</source>
        <translation>占用率</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="21" />
        <source>Logged in</source>
        <translation>在席</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="22" />
        <source>Rostered</source>
        <translation>排班</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="23" />
        <source>Required</source>
        <translation>需要</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="24" />
        <source>Schedule fit</source>
        <translation>排班契合度</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="29" />
        <source>By hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="30" />
        <source>By day</source>
        <translation>按天</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="31" />
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="32" />
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="33" />
        <source>By shift</source>
        <translation>按班次</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="37" />
        <source>No comparison</source>
        <translation>不对比</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="38" />
        <source>Previous period</source>
        <translation>上一周期</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="39" />
        <location filename="../../views/director/texts.py" line="47" />
        <source>Last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="40" />
        <location filename="../../views/director/texts.py" line="49" />
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="41" />
        <source>Same period last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="46" />
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="48" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="50" />
        <source>Last 12 months</source>
        <translation>最近 12 个月</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="56" />
        <source>Off shift</source>
        <translation>班外</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="64" />
        <source>{month:02d}-{day:02d} {shift}</source>
        <translation>{month:02d}-{day:02d} {shift}</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="67" />
        <source>{hour:02d}:00</source>
        <translation>{hour:02d}时</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="70" />
        <source>{month}/{day} {hour}</source>
        <translation>{month}月{day}日 {hour}</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="73" />
        <source>{month}/{day}</source>
        <translation>{month}月{day}日</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="76" />
        <source>week of {month}/{day}</source>
        <translation>{month}月{day}日起一周</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="78" />
        <source>{year}-{month:02d}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="89" />
        <source>{label} {start}–{end}</source>
        <translation>{label} {start}–{end}</translation>
    </message>
    <message>
        <location filename="../../views/director/texts.py" line="103" />
        <source>{seconds:.1f} s</source>
        <translation>{seconds:.1f} 秒</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="124" />
        <source>Director's trends</source>
        <extracomment>the export dialogs' seam (tests answer it)</extracomment>
        <translation>主任趋势分析</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="125" />
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="126" />
        <source>Back to the range before (Alt+Left)</source>
        <translation>回到上一个时段（Alt+←）</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="128" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="129" />
        <source>Read the figures again (the newest intervals close every 15 minutes)</source>
        <translation>重新读取数据（最新时段每 15 分钟汇总一次）</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="133" />
        <source>Save chart as PNG…</source>
        <translation>图表另存为 PNG…</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="134" />
        <source>Save numbers as Excel…</source>
        <translation>数据导出为 Excel…</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="135" />
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="136" />
        <source>User's guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="137" />
        <source>About…</source>
        <translation>关于…</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="223" />
        <source>trends_{span}</source>
        <translation>趋势_{span}</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="229" />
        <source>Save chart as PNG</source>
        <translation>图表另存为 PNG</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="231" />
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="242" />
        <location filename="../../views/director/window.py" line="270" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="255" />
        <source>This page has no numbers to save.</source>
        <translation>此页没有可导出的数据。</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="258" />
        <source>Save numbers as Excel</source>
        <translation>数据导出为 Excel</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="260" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../views/director/window.py" line="266" />
        <source>Nothing to save: this range has no figures.</source>
        <translation>无可保存内容：该时段没有数据。</translation>
    </message>
</context>
<context>
    <name>Endpoint</name>
    <message>
        <location filename="../../models/domain/endpoints.py" line="75" />
        <source>Endpoint: it is needed (e.g. PJSIP/9001): monitor, whisper and barge ring it</source>
        <extracomment>the longest values (the columns of ``supervisor_endpoint``) ``TECH/resource``: a channel technology (PJSIP, SIP, IAX2, Local, DAHDI …) and a resource of letters, digits and ``@ . _ - + # * /`` (``Local/9001@sup/n``)</extracomment>
        <translation>终端：必须填写（如 PJSIP/9001），监听、耳语和强插时呼叫它</translation>
    </message>
    <message>
        <location filename="../../models/domain/endpoints.py" line="79" />
        <source>Endpoint: at most {max} characters, got {n}</source>
        <translation>终端：最多 {max} 个字符，现为 {n} 个</translation>
    </message>
    <message>
        <location filename="../../models/domain/endpoints.py" line="83" />
        <source>Endpoint “{value}”: write it as TECHNOLOGY/resource (PJSIP/9001, SIP/9001, Local/9001@sup), with letters, digits and @ . _ - + # * / only</source>
        <translation>终端“{value}”：应写成“技术/资源”（如 PJSIP/9001、SIP/9001、Local/9001@sup），只能含字母、数字和 @ . _ - + # * /</translation>
    </message>
    <message>
        <location filename="../../models/domain/endpoints.py" line="88" />
        <source>Context: at most {max} characters, got {n}</source>
        <translation>上下文：最多 {max} 个字符，现为 {n} 个</translation>
    </message>
    <message>
        <location filename="../../models/domain/endpoints.py" line="92" />
        <source>Context “{value}”: letters, digits, _ and - only</source>
        <translation>上下文“{value}”：只能含字母、数字、_ 和 -</translation>
    </message>
    <message>
        <location filename="../../models/domain/endpoints.py" line="96" />
        <source>Extension: at most {max} characters, got {n}</source>
        <translation>分机号：最多 {max} 个字符，现为 {n} 个</translation>
    </message>
    <message>
        <location filename="../../models/domain/endpoints.py" line="100" />
        <source>Extension “{value}”: digits, letters, * # and + only</source>
        <translation>分机号“{value}”：只能含数字、字母、* # 和 +</translation>
    </message>
    <message>
        <location filename="../../models/domain/endpoints.py" line="105" />
        <source>Context and extension go together: give both for intercept, or leave both empty</source>
        <translation>上下文和分机号须同时填写（用于拦截），或同时留空</translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="114" />
        <source>My extension</source>
        <translation>我的分机</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="115" />
        <source>Where the phone system reaches you, operator {id}, when you use the supervisor controls.</source>
        <translation>使用班长功能时，话务平台通过这里呼叫您（工号 {id}）。</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="118" />
        <source>&amp;Endpoint</source>
        <translation>终端(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="119" />
        <source>C&amp;ontext</source>
        <translation>上下文(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="120" />
        <source>E&amp;xtension</source>
        <translation>分机号(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="124" />
        <source>Monitor, whisper and barge ring this endpoint (your phone).</source>
        <translation>监听、耳语和强插时呼叫此终端（您的话机）。</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="126" />
        <source>Intercept sends the caller to extension@context; leave both empty if you do not take calls over.</source>
        <translation>拦截时把来电转到“分机号@上下文”；不接管来电则两项都留空。</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="129" />
        <source>The extension in that context that rings you.</source>
        <translation>该上下文中呼叫您的分机号。</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="131" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="132" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="182" />
        <source>Set by {by} at {when}.</source>
        <translation>由 {by} 于 {when} 设置。</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="185" />
        <source>No intercept target: intercept is not possible.</source>
        <translation>未设拦截目标：无法拦截。</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="206" />
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="213" />
        <source>No extension set yet: the supervisor controls cannot reach you on the phone system.</source>
        <translation>尚未设置分机：班长功能无法通过话务平台呼叫您。</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="236" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../views/endpoint_dialog.py" line="243" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>Feed</name>
    <message>
        <location filename="../../console/feed.py" line="47" />
        <source>no floor host has started</source>
        <extracomment>why the data is not live (the banner's reason), translated where it is shown</extracomment>
        <translation>没有值守主机在运行</translation>
    </message>
    <message>
        <location filename="../../console/feed.py" line="48" />
        <source>the floor host has been silent for {seconds} s</source>
        <translation>值守主机心跳已中断 {seconds} 秒</translation>
    </message>
    <message>
        <location filename="../../console/feed.py" line="49" />
        <source>the database cannot be reached: {error}</source>
        <translation>数据库不可达：{error}</translation>
    </message>
    <message>
        <location filename="../../models/domain/records.py" line="178" />
        <source>connecting</source>
        <extracomment>id of the ``alert_raised`` floor event: a short handle for the command line None when the condition cleared by itself escalation order (lower first) the feed's state before its first read</extracomment>
        <translation>正在连接</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <location filename="../../console/first_run.py" line="51" />
        <source>Check the server and the port (usually 5432), or ask IT whether the database server is running.</source>
        <extracomment>console.app's open_floor(db, create): this module is called by the composition root and may not import it (tests/test_layers.py) console.app's describe_failure(db, e): its .reason is the start-up window's line</extracomment>
        <translation>请检查服务器和端口（通常为 5432），或请信息科确认数据库服务已启动。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="56" />
        <source>Check the server name and the network; ask IT whether a firewall blocks the port.</source>
        <translation>请检查服务器名称和网络，并请信息科确认防火墙没有拦截该端口。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="60" />
        <source>Check the user and the password (IT gives them).</source>
        <translation>请检查用户名和密码（由信息科提供）。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="63" />
        <source>Check the database name (IT gives it).</source>
        <translation>请检查数据库名称（由信息科提供）。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="66" />
        <source>Check the server name, or type the server's IP address.</source>
        <translation>请检查服务器名称，或改填服务器的 IP 地址。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="69" />
        <source>Check what you typed, or ask IT.</source>
        <translation>请检查填写的内容，或联系信息科。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="76" />
        <source>The password cannot be kept in the Windows credential store: ask IT to check the credential store of this PC, then click Finish again. Nothing was saved.</source>
        <translation>密码无法存入 Windows 凭据管理器：请信息科检查本机的凭据管理器，然后再点“完成”。本次未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="84" />
        <source>This database holds no Seatwatch floor yet: ask IT to run seatwatch db upgrade on it (see the README), then test again.</source>
        <translation>该数据库中还没有值班数据：请信息科先对它执行 seatwatch db upgrade（见 README），然后再测试。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="90" />
        <source>The database was set up by a newer Seatwatch (schema {found}; this program knows {needed}): install the Seatwatch version the floor's other PCs use.</source>
        <translation>该数据库由更新版本的程序建立（结构版本 {found}，本程序为 {needed}）：请安装与全场其他电脑相同的版本。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="96" />
        <source>The database is at an older schema ({found}; this program needs {needed}): ask IT to run seatwatch db upgrade (after a backup).</source>
        <translation>该数据库的结构版本较旧（{found}，本程序需要 {needed}）：请信息科先备份，再执行 seatwatch db upgrade。</translation>
    </message>
    <message>
        <location filename="../../console/first_run.py" line="107" />
        <source>{reason}. {what}</source>
        <translation>{reason}。{what}</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="72" />
        <source>Which floor database does this PC use?</source>
        <extracomment>answer(None) on success, answer(one translated line) on failure (answer) — creates the SQLite floor in the user data folder (what was typed, answer) — test the shared connection / test it again and save it</extracomment>
        <translation>这台电脑使用哪个值班数据库？</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="75" />
        <source>Seatwatch keeps the floor (agents, queues, alerts, shift records) in one database. Choose once; IT can change it later.</source>
        <translation>坐席、队列、告警和班务记录都保存在一个值班数据库中。这里只需选择一次，以后可由信息科更改。</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="82" />
        <source>This PC only</source>
        <translation>只在这台电脑上使用</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="85" />
        <source>A shared floor database</source>
        <translation>连接全场共用的数据库</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="93" />
        <source>For one PC: the console, the floor host and the wall screen all run here. The floor is kept in a file on this PC:
{path}</source>
        <translation>适合只有一台电脑的情况：控制台、值班主机和大屏都在这台电脑上运行。数据保存在本机的文件中：
{path}</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="103" />
        <source>For several PCs on a floor (consoles, wall screens, the floor host): they all use one PostgreSQL database. IT sets it up first (seatwatch db upgrade and seatwatch db roles, see the README) and gives you the server, database, user and password.</source>
        <translation>适合全场有多台电脑（控制台、大屏、值班主机）的情况：它们共用一个 PostgreSQL 数据库。须先由信息科建好数据库（seatwatch db upgrade 和 seatwatch db roles，见 README），并告诉您服务器、数据库名、用户名和密码。</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="129" />
        <source>A floor database on this PC</source>
        <translation>在这台电脑上新建值班数据库</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="131" />
        <source>Finish creates it; then you create the first administrator and sign in.</source>
        <translation>点“完成”即创建；随后创建第一位管理员并登录。</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="138" />
        <source>The floor database file:
{path}</source>
        <translation>值班数据库文件：
{path}</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="147" />
        <source>Only programs on this PC can use it. Never put this file on a network share: several PCs need the shared database.</source>
        <translation>只有这台电脑上的程序能使用它。切勿把该文件放到网络共享文件夹中：多台电脑请使用全场共用的数据库。</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="168" />
        <source>The shared floor database</source>
        <translation>全场共用的数据库</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="170" />
        <source>Type what IT gave you, then test the connection. The password is kept in the Windows credential store, never in a file.</source>
        <translation>请填写信息科提供的信息，然后测试连接。密码保存在 Windows 凭据管理器中，不会写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="180" />
        <source>e.g. dbhost or 192.168.1.20</source>
        <translation>例如 dbhost 或 192.168.1.20</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="197" />
        <source>The name this PC saves the connection under (used as --db NAME on the command line)</source>
        <translation>本机保存此连接所用的名称（命令行中写作 --db 名称）</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="203" />
        <location filename="../../views/first_run.py" line="242" />
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="204" />
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="205" />
        <location filename="../../views/first_run.py" line="243" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="206" />
        <location filename="../../views/first_run.py" line="244" />
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="207" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="208" />
        <location filename="../../views/first_run.py" line="245" />
        <source>Connection name</source>
        <translation>连接名称</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="211" />
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="249" />
        <source>Fill in: {field}</source>
        <translation>请填写：{field}</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="270" />
        <source>Connecting to {target}…</source>
        <translation>正在连接 {target}…</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="284" />
        <source>Connected: the floor database answers. Click Finish to save the connection.</source>
        <translation>连接成功：值班数据库已响应。点“完成”保存此连接。</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="309" />
        <source>First start</source>
        <translation>首次启动</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="323" />
        <source>Next &gt;</source>
        <translation>下一步 &gt;</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="326" />
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="329" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="332" />
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="358" />
        <source>Testing and saving the connection {target}…</source>
        <translation>正在测试并保存连接 {target}…</translation>
    </message>
    <message>
        <location filename="../../views/first_run.py" line="367" />
        <source>Creating the floor database…</source>
        <translation>正在创建值班数据库…</translation>
    </message>
</context>
<context>
    <name>FloorAdmin</name>
    <message>
        <location filename="../../models/db/floor_admin.py" line="153" />
        <source>Agent(s) {agents} still signed in: remove them after they sign out</source>
        <extracomment>everything :func:`save_setup` refuses with a message meant for the person id of the ``floor_setup`` event; None when there was nothing to change the floor as it is after the save (read back from the reducer's state)</extracomment>
        <translation>坐席 {agents} 仍在签入状态，签出后才能删除</translation>
    </message>
    <message>
        <location filename="../../models/db/floor_admin.py" line="159" />
        <source>Group {group} still has agent(s) {agents} and cannot be removed</source>
        <translation>班组 {group} 仍有坐席 {agents}，不能删除</translation>
    </message>
    <message>
        <location filename="../../models/db/floor_admin.py" line="166" />
        <source>Queue {queue} has live call(s) {calls} and cannot be removed</source>
        <translation>队列 {queue} 有进行中的通话 {calls}，不能删除</translation>
    </message>
    <message>
        <location filename="../../models/db/floor_admin.py" line="182" />
        <source>The floor setup has errors and was not saved: {errors}</source>
        <translation>坐席配置有误，未保存：{errors}</translation>
    </message>
    <message>
        <location filename="../../models/db/floor_admin.py" line="202" />
        <location filename="../../models/db/floor_admin.py" line="211" />
        <source>The floor setup was not saved: {why}</source>
        <translation>坐席配置未保存：{why}</translation>
    </message>
</context>
<context>
    <name>FloorFile</name>
    <message>
        <location filename="../../models/domain/textfile.py" line="43" />
        <source>{file}: the text reads as garbled characters (Big5 or another encoding?): save the file as UTF-8 or GBK</source>
        <translation>{file}：文字读出来是乱码（Big5 或其他编码？）：请把文件另存为 UTF-8 或 GBK</translation>
    </message>
    <message>
        <location filename="../../models/domain/floorsetup.py" line="82" />
        <source>{file}: the file is empty; expected a CSV with the header kind,id,name,group (or 类型,工号,姓名,班组) or a JSON object</source>
        <extracomment>an ID in a floor file (group, queue, agent 工号): letters, digits, _ - . ; 1 to 40 the longest group, queue or agent name: the ``name`` columns (String(100)) — SQLite stores any length, PostgreSQL refused the import with no file or line</extracomment>
        <translation>{file}：文件是空的；应为表头为 kind,id,name,group（或 类型,工号,姓名,班组）的 CSV，或一个 JSON 对象</translation>
    </message>
</context>
<context>
    <name>FloorSetup</name>
    <message>
        <location filename="../../views/floor_setup_view.py" line="122" />
        <source>Empty agent ID</source>
        <extracomment>the row's problem (str) or None, for tests and tools as models.domain.floorsetup: what a 工号 / group or queue id may hold</extracomment>
        <translation>工号为空</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="123" />
        <source>Empty ID</source>
        <translation>编号为空</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="125" />
        <source>ID {id} may only hold 1–40 letters, digits, '_', '-' or '.'</source>
        <translation>编号 {id} 只能由 1–40 个字母、数字、'_'、'-' 或 '.' 组成</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="129" />
        <source>Duplicate agent ID {id}</source>
        <translation>工号 {id} 重复</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="131" />
        <source>Duplicate ID {id}</source>
        <translation>编号 {id} 重复</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="133" />
        <source>Empty agent name</source>
        <translation>姓名为空</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="134" />
        <source>Empty name</source>
        <translation>名称为空</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="136" />
        <source>Name longer than {n} characters</source>
        <translation>名称超过 {n} 个字符</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="139" />
        <source>No group chosen</source>
        <translation>未选择班组</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="141" />
        <source>Unknown group {group}</source>
        <translation>班组 {group} 不存在</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="179" />
        <source>Groups: {added} added, {renamed} renamed, {removed} removed</source>
        <translation>班组:新增 {added},改名 {renamed},删除 {removed}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="182" />
        <source>Queues: {added} added, {renamed} renamed, {removed} removed</source>
        <translation>队列:新增 {added},改名 {renamed},删除 {removed}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="185" />
        <source>Agents: {added} added, {renamed} renamed, {moved} moved to another group, {removed} removed</source>
        <translation>坐席:新增 {added},改名 {renamed},调整班组 {moved},删除 {removed}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="195" />
        <source>Agents removed: {agents}</source>
        <translation>将删除的坐席:{agents}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="204" />
        <source>line {n}</source>
        <translation>第 {n} 行</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="340" />
        <source>Agent ID</source>
        <extracomment>how an agent's group is shown (the dialog passes "G1 一班")</extracomment>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="341" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="342" />
        <source>Group</source>
        <translation>班组</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="344" />
        <source>Group ID</source>
        <translation>班组编号</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="345" />
        <source>Group name</source>
        <translation>班组名称</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="346" />
        <source>Queue ID</source>
        <translation>队列编号</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="347" />
        <source>Queue name</source>
        <translation>队列名称</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="526" />
        <source>Floor setup</source>
        <extracomment>the floor as saved (after a successful Save)</extracomment>
        <translation>坐席配置</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="527" />
        <source>Editing as {id}. Nothing changes until you save; then every console sees the change.</source>
        <translation>操作员:{id}。保存之前不会有任何改动;保存后所有控制台同时生效。</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="530" />
        <source>Groups</source>
        <translation>班组</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="531" />
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="532" />
        <source>Agents</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="533" />
        <source>Add</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="534" />
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="535" />
        <source>Import file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="536" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="538" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="589" />
        <source>Loading the floor setup…</source>
        <translation>正在读取坐席配置…</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="602" />
        <source>{groups} groups, {queues} queues, {agents} agents.</source>
        <translation>共 {groups} 个班组、{queues} 个队列、{agents} 名坐席。</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="609" />
        <source>The floor setup could not be loaded: {error}</source>
        <translation>无法读取坐席配置:{error}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="630" />
        <source>{tab}, row {row}: {problem}</source>
        <translation>{tab}第 {row} 行:{problem}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="634" />
        <location filename="../../views/floor_setup_view.py" line="706" />
        <source>… and {n} more</source>
        <translation>…… 另有 {n} 处</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="678" />
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="686" />
        <source>The file was not imported: {error}</source>
        <translation>文件未导入:{error}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="693" />
        <source>{where}: {reason}</source>
        <translation>{where}:{reason}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="701" />
        <source>{file}: no good rows; nothing was merged.</source>
        <translation>{file}:没有可用的行,未合并任何内容。</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="708" />
        <source>{file} has {n} bad rows, which will be left out:</source>
        <translation>{file} 有 {n} 行有误,将被跳过:</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="711" />
        <source>Merge the {good} good rows into the editor?</source>
        <translation>是否将其余 {good} 行合并到编辑内容中?</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="715" />
        <source>Nothing was merged from {file}.</source>
        <translation>未从 {file} 合并任何内容。</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="724" />
        <source>Merged from {file}: {added} added, {updated} updated, {bad} bad rows left out. Nothing is saved until you press Save.</source>
        <translation>已从 {file} 合并:新增 {added},更新 {updated},跳过有误的行 {bad}。点击“保存”之前不会写入数据库。</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="736" />
        <source>Save these changes to the floor setup?</source>
        <translation>是否保存以下坐席配置改动?</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="743" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="754" />
        <source>Saved. {summary}</source>
        <translation>已保存。{summary}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="762" />
        <source>Not saved: {reason}</source>
        <translation>未保存:{reason}</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="769" />
        <source>Discard the changes that were not saved?</source>
        <translation>是否放弃未保存的改动?</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="777" />
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="781" />
        <source>Import floor file</source>
        <translation>导入坐席配置文件</translation>
    </message>
    <message>
        <location filename="../../views/floor_setup_view.py" line="782" />
        <source>Floor files (*.csv *.json);;All files (*)</source>
        <translation>坐席配置文件 (*.csv *.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>ForceDialog</name>
    <message>
        <location filename="../../views/force_dialog.py" line="48" />
        <source>The call is hung up for the caller and the agent.</source>
        <extracomment>the audit log keeps the reason; a sentence, not an essay</extracomment>
        <translation>通话将被挂断，来电人和坐席都会断开。</translation>
    </message>
    <message>
        <location filename="../../views/force_dialog.py" line="50" />
        <source>You take the call over; the agent leaves it.</source>
        <translation>由您接管该通话，坐席退出通话。</translation>
    </message>
    <message>
        <location filename="../../views/force_dialog.py" line="52" />
        <source>The agent is signed out and takes no more calls.</source>
        <translation>坐席将被签出，不再接听来电。</translation>
    </message>
    <message>
        <location filename="../../views/force_dialog.py" line="68" />
        <source>{action}: {id} {name}</source>
        <translation>{action}：{id} {name}</translation>
    </message>
    <message>
        <location filename="../../views/force_dialog.py" line="90" />
        <source>Away as</source>
        <translation>离席类型</translation>
    </message>
    <message>
        <location filename="../../views/force_dialog.py" line="106" />
        <location filename="../../views/force_dialog.py" line="114" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/force_dialog.py" line="110" />
        <source>Choose a reason above or type one</source>
        <translation>选择上方的原因，或输入其他原因</translation>
    </message>
    <message>
        <location filename="../../views/force_dialog.py" line="113" />
        <source>Other reason</source>
        <translation>其他原因</translation>
    </message>
    <message>
        <location filename="../../views/force_dialog.py" line="134" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../views/force_dialog.py" line="159" />
        <source>Give a reason: choose one above or type one. Every force action is recorded with its reason.</source>
        <translation>请填写原因：选择上方的原因或自行输入。每次强制操作都会连同原因记入审计日志。</translation>
    </message>
</context>
<context>
    <name>Guide</name>
    <message>
        <location filename="../../views/help/guide.py" line="23" />
        <source>guide_en.html</source>
        <extracomment>the guide, in Chinese (the floor's language); its images are the project's screenshots the same guide for an English interface (IT, a visiting auditor), its own screenshots</extracomment>
        <translation>guide_zh_CN.html</translation>
    </message>
    <message>
        <location filename="../../views/help/guide.py" line="48" />
        <source>User's guide</source>
        <extracomment>a given file stays; else the guide follows the interface's language</extracomment>
        <translation>使用说明</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <location filename="../../views/handover_view.py" line="110" />
        <source>Urgent ticket not closed</source>
        <extracomment>the handover's id (history rows) or the item's kind (item rows), for tests and tools</extracomment>
        <translation>急件未办结</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="111" />
        <source>Complaint/help ticket not reviewed</source>
        <translation>投诉求助未复核</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="112" />
        <source>Alert not acknowledged</source>
        <translation>告警未确认</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="131" />
        <source>{n} at {time}</source>
        <translation>{n} 人（{time}）</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="134" />
        <source>{shift} until {time}: {offered} calls offered, {answered} answered, {abandoned} abandoned; service level {sl} (within {t} s), answer rate {ar}, average wait {asa}; most callers waiting: {peak}.</source>
        <translation>{shift}截至 {time}：来电 {offered} 个，接通 {answered} 个，放弃 {abandoned} 个；服务水平 {sl}（{t} 秒内接通），接通率 {ar}，平均等待 {asa}；排队最多 {peak}。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="138" />
        <source>Between shifts</source>
        <translation>班次间隙</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="142" />
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="151" />
        <source>{item} — request: {request}</source>
        <translation>{item} —— 诉求：{request}</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="159" />
        <location filename="../../views/handover_view.py" line="735" />
        <source>{day} {shift} · handed over by {who} at {time}</source>
        <translation>{day} {shift} · {who} 于 {time} 交班</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="165" />
        <source>Signed by {who} at {time}</source>
        <translation>{who} 于 {time} 签收</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="168" />
        <source>Note: {note}</source>
        <translation>备注：{note}</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="171" />
        <source>Not signed yet.</source>
        <translation>尚未签收。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="176" />
        <source>Open items ({n}):</source>
        <translation>未结事项（{n} 项）：</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="180" />
        <source>No open items.</source>
        <translation>无待办事项。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="204" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="205" />
        <source>Item</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="206" />
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="250" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="251" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="252" />
        <source>From → to</source>
        <translation>交班人 → 接班人</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="253" />
        <source>Handed over</source>
        <translation>交班时间</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="254" />
        <source>Signed</source>
        <translation>签收时间</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="269" />
        <source>not signed yet</source>
        <translation>尚未签收</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="474" />
        <source>Shift handover</source>
        <extracomment>the handovers arrived (or loading them failed) an answer to "submit" arrived (done, refused or conflict) an answer to "sign" arrived (done, refused or conflict) (day, shift) of the shift being handed over the record whose text the editor was filled from (id, version)</extracomment>
        <translation>交接班</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="475" />
        <source>Hand over</source>
        <translation>交班</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="476" />
        <source>Take over</source>
        <translation>接班</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="477" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="478" />
        <source>&amp;What the next shift needs to know</source>
        <translation>交接内容(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="480" />
        <source>e.g. queue 12345 busy since 19:00; agent 1003 went home ill; the printer in row B is out of paper</source>
        <translation>例如：12345 队列 19 点后排队较多；1003 身体不适提前离岗；B 排打印机缺纸</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="483" />
        <source>Open items carried over automatically from the floor:</source>
        <translation>自动带入的未结事项：</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="485" />
        <source>Nothing open: no urgent ticket, review or alert waits.</source>
        <translation>无未结事项：没有待办急件、待复核工单或未确认告警。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="487" />
        <source>Refresh items</source>
        <translation>刷新事项</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="489" />
        <source>Submit handover</source>
        <translation>提交交班</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="490" />
        <source>&amp;Note</source>
        <translation>备注(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="491" />
        <source>optional, e.g. urgent ticket 2031 taken over by me</source>
        <translation>选填，例如：急件 2031 由我跟进</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="493" />
        <source>Sign</source>
        <translation>签收</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="494" />
        <source>No handover waits to be signed.</source>
        <translation>没有待签收的交班记录。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="496" />
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="497" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="526" />
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="551" />
        <source>The handovers could not be loaded: {error}</source>
        <translation>无法读取交班记录：{error}</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="605" />
        <source>Handing over: {day} {shift}</source>
        <translation>交班：{day} {shift}</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="607" />
        <source>No shift is running now ({day}).</source>
        <translation>当前不在任何班次内（{day}）。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="614" />
        <source>This shift's handover was signed by {who} at {time}: it is history now and cannot be changed.</source>
        <translation>本班次的交班记录已由 {who} 于 {time} 签收，已归档，不能再修改。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="621" />
        <source>{who} handed this shift over at {time}; submitting again replaces that handover until it is signed.</source>
        <translation>{who} 已于 {time} 提交本班次交班记录；签收前再次提交将替换该记录。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="660" />
        <source>No shift is running now.</source>
        <translation>当前不在任何班次内。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="662" />
        <source>Write the handover first.</source>
        <translation>请先填写交接内容。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="664" />
        <source>The handover is {n} characters long; at most {max}.</source>
        <translation>交接内容共 {n} 字，最多 {max} 字。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="672" />
        <source>Submitting…</source>
        <translation>正在提交…</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="682" />
        <source>Handed over at {time}. The incoming leader signs it under “Take over”.</source>
        <translation>已于 {time} 交班，由接班值班长在“接班”中签收。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="693" />
        <source>Not handed over: {error}</source>
        <translation>未交班：{error}</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="701" />
        <source>Not handed over: someone else wrote this shift's handover first. Your text is still here; read theirs and submit again.</source>
        <translation>未交班：他人已先提交本班次的交班记录。您的内容仍保留在此，请查看对方内容后重新提交。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="710" />
        <source>handover text</source>
        <translation>交接内容</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="711" />
        <source>signed by</source>
        <translation>签收人</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="744" />
        <source>The outgoing leader cannot sign their own handover — switch operator (File › Switch operator) to sign in as the incoming leader.</source>
        <translation>交班人不能自己签收 — 请切换操作员（文件 › 切换操作员），以接班值班长身份登录后签收。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="762" />
        <source>Signing…</source>
        <translation>正在签收…</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="772" />
        <source>Signed at {time}: the shift is yours.</source>
        <translation>已于 {time} 签收，本班由您负责。</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="781" />
        <source>Not signed: {error}</source>
        <translation>未签收：{error}</translation>
    </message>
    <message>
        <location filename="../../views/handover_view.py" line="789" />
        <source>Not signed: the handover changed after you opened it. It has been read again.</source>
        <translation>未签收：交班记录在您打开后已被更改，已重新读取。</translation>
    </message>
</context>
<context>
    <name>Heatmap</name>
    <message>
        <location filename="../../views/director/heatmap.py" line="37" />
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="38" />
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="39" />
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="40" />
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="41" />
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="42" />
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="43" />
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="130" />
        <source>Hour of day</source>
        <translation>时段（时）</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="133" />
        <source>Service level:</source>
        <translation>服务水平：</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="145" />
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="156" />
        <source>No calls reached the queue in this range.</source>
        <translation>此期间无来电进入队列。</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="206" />
        <source>Share of calls answered within {t} s, per weekday and hour (floor time), {first} to {last}; the numbers are percentages. Target {target}.</source>
        <translation>{t} 秒内接听的来电占比，按星期 × 小时（现场时间），{first} 至 {last}；格中数字为百分比。目标 {target}。</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="213" />
        <source>Share of calls answered within the threshold, per weekday and hour.</source>
        <translation>按星期 × 小时统计的限时内接听来电占比。</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="217" />
        <source>at or over the target {target}</source>
        <translation>达到目标 {target}</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="219" />
        <source>{amber} to under {target}</source>
        <translation>{amber} 至 {target} 以下</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="221" />
        <source>under {amber}</source>
        <translation>低于 {amber}</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="222" />
        <source>no calls (no data)</source>
        <translation>无来电（无数据）</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="230" />
        <source>{day} {start}:00–{end}:00</source>
        <translation>{day} {start}:00–{end}:00</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="233" />
        <source>{where}: no calls</source>
        <translation>{where}：无来电</translation>
    </message>
    <message>
        <location filename="../../views/director/heatmap.py" line="235" />
        <source>{where}: service level {sl}; offered {offered}, answered {answered} ({in_sl} within the threshold), abandoned {abandoned}</source>
        <translation>{where}：服务水平 {sl}；呼入 {offered}，接听 {answered}（限时内 {in_sl}），放弃 {abandoned}</translation>
    </message>
</context>
<context>
    <name>Host</name>
    <message>
        <location filename="../../console/scheduler.py" line="901" />
        <source>its host thread has died</source>
        <extracomment>job-id namespaces this module owns (reconcile removes unknown ids in them) R-MEET-1: the meeting is held 10 minutes before the shift; remind then R-ATT-6: the summary reminder's minute past every hour (floor time) issue #17: how often the host looks for 15-minute intervals to close issue #18: how often the host looks for a due report (and the roster reminder) a host that made no progress for this long has wedged: its lease is given up the first start may replay a long warm-up before its first tick</extracomment>
        <translation>其主机线程已停止</translation>
    </message>
    <message>
        <location filename="../../console/scheduler.py" line="906" />
        <source>it made no progress for {seconds} s</source>
        <translation>已 {seconds} 秒没有进展</translation>
    </message>
</context>
<context>
    <name>Kit</name>
    <message>
        <location filename="../../views/kit/dialogs.py" line="43" />
        <source>A reason is needed.</source>
        <translation>请填写原因。</translation>
    </message>
</context>
<context>
    <name>League</name>
    <message>
        <location filename="../../console/league_backend.py" line="41" />
        <source>The floor database cannot be reached: {error}</source>
        <translation>无法连接现场数据库：{error}</translation>
    </message>
    <message>
        <location filename="../../console/league_backend.py" line="45" />
        <source>Cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="71" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="72" />
        <source>Agent ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="73" />
        <source>Group</source>
        <translation>班组</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="74" />
        <source>Calls handled</source>
        <translation>接听量</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="75" />
        <source>AHT</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="76" />
        <source>Occupancy</source>
        <translation>占用率</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="77" />
        <source>Logged in (h)</source>
        <translation>登录时长(小时)</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="78" />
        <source>Breaks</source>
        <translation>休息次数</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="79" />
        <source>Breaks over limit</source>
        <translation>超时小休</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="80" />
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="81" />
        <source>Adherence</source>
        <translation>遵从率</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="86" />
        <source>Average handle time: talk (hold included) and after-call work per call handled, minutes:seconds</source>
        <translation>平均处理时长：每通已处理来电的通话（含保持）与话后处理时间，分:秒</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="89" />
        <source>Time on calls and after-call work ÷ (that time + time ready)</source>
        <translation>通话与话后处理时间 ÷（该时间 + 就绪时间）</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="91" />
        <source>Short breaks and meals begun in the range</source>
        <translation>期间内开始的小休与用餐次数</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="93" />
        <source>Short breaks past the limit (R-BREAK-1)</source>
        <translation>超过时限的小休次数（R-BREAK-1）</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="95" />
        <source>Alerts raised about the agent; point at a number for the rules</source>
        <translation>针对该坐席的告警；鼠标指向数字可查看各规则次数</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="97" />
        <source>Share of the rostered shift time logged in and not away; breaks count, except a short break past its limit. “—”: no rostered shift in the range</source>
        <translation>排班时段内已签入且未离席的时间占比；休息计入，小休超时部分不计入。“—”：期间内无排班</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="143" />
        <source>{rule}: {n}</source>
        <translation>{rule}：{n}</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="146" />
        <source>Rostered {rostered} h, in the expected states {adherent} h</source>
        <translation>排班 {rostered} 小时，符合排班状态 {adherent} 小时</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="203" />
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="204" />
        <source>The table as sorted, one row per agent, to an .xlsx workbook</source>
        <translation>按当前排序导出为 .xlsx 工作簿，每位坐席一行</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="206" />
        <source>The queue filter does not apply here: agents answer every queue they are skilled for.</source>
        <translation>队列筛选不适用于坐席排名：坐席接听其技能范围内的所有队列。</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="225" />
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="238" />
        <source>No agent was logged in or rostered in this range.</source>
        <translation>此期间无坐席签入或排班。</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="259" />
        <source>{n} agents, {first} to {last}</source>
        <translation>{n} 名坐席，{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="276" />
        <source>agent-league.xlsx</source>
        <translation>坐席排名.xlsx</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="277" />
        <source>agent-league_{first}_{last}.xlsx</source>
        <translation>坐席排名_{first}_{last}.xlsx</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="281" />
        <source>Export the agent league</source>
        <translation>导出坐席排名</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="283" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="297" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="303" />
        <source>Exported {n} agents to {path}</source>
        <translation>已导出 {n} 名坐席到 {path}</translation>
    </message>
    <message>
        <location filename="../../views/director/league.py" line="308" />
        <source>Export failed: {error}</source>
        <translation>导出失败：{error}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../views/main_window.py" line="580" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="581" />
        <source>&amp;Switch operator…</source>
        <translation>切换操作员(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="582" />
        <source>My extension…</source>
        <translation>我的分机…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="583" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="584" />
        <source>&amp;Controls</source>
        <translation>班长功能(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="586" />
        <source>&amp;Publish announcement…</source>
        <translation>发布公告(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="589" />
        <source>&amp;Morning meeting…</source>
        <translation>早会记录(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="591" />
        <source>&amp;Attendance…</source>
        <translation>考勤(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="592" />
        <source>&amp;Roster…</source>
        <translation>排班(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="594" />
        <source>&amp;Handover…</source>
        <translation>交接班(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="596" />
        <source>&amp;Training plan…</source>
        <translation>培训计划(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="598" />
        <source>&amp;Quality inspection…</source>
        <translation>质量监控(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="600" />
        <source>Monthly a&amp;ssessment…</source>
        <translation>月度考核(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="602" />
        <source>Re&amp;ports…</source>
        <translation>报表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="603" />
        <source>&amp;Administration</source>
        <translation>管理(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="605" />
        <source>&amp;Operators and roles…</source>
        <translation>操作员与角色(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="607" />
        <source>&amp;Floor setup…</source>
        <translation>班组、队列与坐席(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="608" />
        <source>&amp;Audit log…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="610" />
        <source>&amp;Escalation contacts…</source>
        <translation>急件升级联系人(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="611" />
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="612" />
        <source>&amp;Alerts panel</source>
        <translation>告警面板(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="613" />
        <source>Alert &amp;sounds</source>
        <translation>告警提示音(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="615" />
        <source>This computer cannot play sounds</source>
        <translation>本机无法播放声音</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="617" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="618" />
        <source>&amp;Trends…</source>
        <translation>趋势(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="619" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="622" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="623" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="624" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="625" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="626" />
        <source>&amp;User's guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="627" />
        <source>&amp;About…</source>
        <translation>关于(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="628" />
        <source>Supervisor controls</source>
        <translation>班长功能</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="636" />
        <source>All groups</source>
        <translation>全部班组</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="646" />
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="651" />
        <source>Search ID or name</source>
        <translation>搜索工号或姓名</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="652" />
        <source>Only agents past a limit</source>
        <translation>只看超时坐席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="653" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="654" />
        <source>Call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="655" />
        <source>Supervisors</source>
        <translation>班长介入</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="656" />
        <source>Today's states</source>
        <translation>今日状态</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="659" />
        <source>Show signed-out agents</source>
        <translation>显示已签出坐席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="660" />
        <source>Today's calls</source>
        <translation>今日通话</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="661" />
        <source>Today's tickets</source>
        <translation>今日工单</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="662" />
        <source>My sessions:</source>
        <translation>我的介入:</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="663" />
        <source>My controls:</source>
        <translation>我的操作:</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="664" />
        <source>Send again</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="665" />
        <source>Send the selected control again, as a new control, once the floor database is back</source>
        <translation>现场数据库恢复后，把选中的操作作为一条新操作重新发送</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="681" />
        <source>Operator: {name} ({id}) · {roles}</source>
        <translation>操作员:{name}({id})· {roles}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="883" />
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="884" />
        <location filename="../../views/main_window.py" line="886" />
        <source>Data updated at {t}</source>
        <translation>数据更新于 {t}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="889" />
        <source>Not live</source>
        <translation>数据中断</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="892" />
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="970" />
        <source>The agent's day could not be read: {why}</source>
        <translation>无法读取该坐席今日记录：{why}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="995" />
        <source>{t}  {caller}  talk {talk}</source>
        <translation>{t}  {caller}  通话 {talk}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1000" />
        <source>[URGENT] </source>
        <translation>【急件】</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1007" />
        <source>Select an agent</source>
        <translation>请选择坐席</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1072" />
        <source>not sent</source>
        <translation>未发出</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1073" />
        <source>outcome unknown</source>
        <translation>结果未知</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1081" />
        <source>{what}: {status}</source>
        <translation>{what}：{status}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1087" />
        <source> (double-click to send again)</source>
        <translation>（双击可重新发送）</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1231" />
        <source>call {id}</source>
        <translation>通话 {id}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1232" />
        <source>Now: {state}</source>
        <translation>当前：{state}</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1069" />
        <source>pending</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="587" />
        <source>&amp;Shift</source>
        <translation>班务(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1070" />
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1071" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1079" />
        <source> ({reason})</source>
        <translation>（{reason}）</translation>
    </message>
    <message>
        <location filename="../../views/main_window.py" line="1110" />
        <source>{shown} of {total} agents</source>
        <translation>显示 {shown} / 共 {total} 名坐席</translation>
    </message>
    <message>
        <location filename="../../views/widgets.py" line="105" />
        <source>Data is not live since {since}: {reason}. Controls are disabled until it recovers.</source>
        <translation>数据自 {since} 起中断:{reason}。恢复前班长功能不可用。</translation>
    </message>
</context>
<context>
    <name>Mapping</name>
    <message>
        <location filename="../../models/telephony/mapping.py" line="82" />
        <source>{source}: {key}: {reason}</source>
        <extracomment>the floor's id rule (models/domain/floorsetup.py): queue ids and 工号 an AMI user name: it is also part of the keyring entry ``ami:&lt;user&gt;@&lt;host&gt;`` a host name, an IPv4 or an IPv6 address what a PausedReason may map to: an away reason, or after-call work</extracomment>
        <translation>{source}：{key}：{reason}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="301" />
        <location filename="../../models/telephony/mapping.py" line="366" />
        <source>is required</source>
        <translation>必须填写</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="305" />
        <source>must be a table, got {value}</source>
        <translation>应为表，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="312" />
        <source>must be a list of [[{name}]] tables</source>
        <translation>应为若干 [[{name}]] 表</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="315" />
        <location filename="../../models/telephony/mapping.py" line="489" />
        <location filename="../../models/telephony/mapping.py" line="535" />
        <source>at most {limit} entries, got {count}</source>
        <translation>最多 {limit} 项，现有 {count} 项</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="324" />
        <source>unknown key (known: {known})</source>
        <translation>未知的键（可用的键：{known}）</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="334" />
        <source>must be a number, got {value}</source>
        <translation>应为数字，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="337" />
        <source>must be a finite number, got {value}</source>
        <translation>应为有限的数字，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="340" />
        <source>must be more than {low} and at most {high}, got {value}</source>
        <translation>应大于 {low} 且不超过 {high}，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="342" />
        <location filename="../../models/telephony/mapping.py" line="356" />
        <source>must be between {low} and {high}, got {value}</source>
        <translation>应在 {low} 到 {high} 之间，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="353" />
        <source>must be a whole number, got {value}</source>
        <translation>应为整数，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="370" />
        <location filename="../../models/telephony/mapping.py" line="495" />
        <source>must be a text, got {value}</source>
        <translation>应为文本，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="378" />
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="380" />
        <source>must be at most {limit} characters, got {count}</source>
        <translation>最多 {limit} 个字符，现有 {count} 个</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="384" />
        <source>must not contain control characters</source>
        <translation>不能含有控制字符</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="387" />
        <source>must not contain spaces</source>
        <translation>不能含有空格</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="392" />
        <source>must be an id of at most 40 letters, digits, _ - or ., got {value}</source>
        <translation>应为不超过 40 个字母、数字、_、- 或 . 组成的编号，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="405" />
        <source>a secret is never kept in the mapping file: store it in the system keyring with `seatwatch telephony set-secret`</source>
        <translation>映射文件中不得保存密码：请用 `seatwatch telephony set-secret` 存入系统密钥环</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="418" />
        <location filename="../../models/telephony/mapping.py" line="504" />
        <source>duplicate of {other}</source>
        <translation>与 {other} 重复</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="426" />
        <source>must be a table of settings, got {value}</source>
        <translation>应为一张设置表，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="436" />
        <source>must be a host name or an IP address, got {value}</source>
        <translation>应为主机名或 IP 地址，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="441" />
        <source>must be a user name of at most 80 letters, digits, _ - or ., got {value}</source>
        <translation>应为不超过 80 个字母、数字、_、- 或 . 组成的用户名，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="499" />
        <source>must be one of {known}, got {value}</source>
        <translation>应为 {known} 之一，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="519" />
        <source>context and exten go together (the intercept target): give both or neither</source>
        <translation>context 与 exten（拦截的转接目标）须同时填写或同时不填</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="532" />
        <source>must be a list of texts, got {value}</source>
        <translation>应为文本列表，现为 {value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="547" />
        <source>is not the queue of any [[queues]] entry: {value}</source>
        <translation>不是任何 [[queues]] 中的队列：{value}</translation>
    </message>
    <message>
        <location filename="../../models/telephony/mapping.py" line="561" />
        <source>not valid TOML: {error}</source>
        <translation>不是有效的 TOML：{error}</translation>
    </message>
</context>
<context>
    <name>Meeting</name>
    <message>
        <location filename="../../views/meeting_view.py" line="125" />
        <location filename="../../views/meeting_view.py" line="573" />
        <location filename="../../views/meeting_view.py" line="1353" />
        <source>Morning meeting</source>
        <extracomment>how far back the list of minutes reaches a shift starting within this time is the one the dialog opens on (R-MEET-1: the meeting is held 10 minutes before it); otherwise the shift running now notices table quiz table attendance table item data: a notice's announcement id; whether an attendance row was added here the history list's (day, shift)
----------
a meeting's minutes are on screen (loaded, saved or the other leader's) an answer to Save (done, refused or conflict) is on screen the list of minutes has been refreshed the minutes the form was loaded from (None until the first answer) what the form holds that was not saved (after a conflict)</extracomment>
        <translation>早会</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="138" />
        <location filename="../../views/meeting_view.py" line="176" />
        <location filename="../../views/meeting_view.py" line="583" />
        <source>Notices to pass on</source>
        <translation>需传达的通知</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="139" />
        <location filename="../../views/meeting_view.py" line="182" />
        <source>Problems from quality inspection</source>
        <translation>质检问题</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="140" />
        <location filename="../../views/meeting_view.py" line="185" />
        <location filename="../../views/meeting_view.py" line="579" />
        <source>Spot quiz</source>
        <translation>现场抽查</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="141" />
        <location filename="../../views/meeting_view.py" line="188" />
        <location filename="../../views/meeting_view.py" line="580" />
        <source>Attendance</source>
        <translation>签到</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="148" />
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="149" />
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="150" />
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="155" />
        <source>Right</source>
        <translation>答对</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="156" />
        <source>Wrong</source>
        <translation>答错</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="161" />
        <source>Present {p} · Late {l} · Absent {a}</source>
        <translation>出席 {p} · 迟到 {l} · 缺席 {a}</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="171" />
        <location filename="../../views/meeting_view.py" line="1324" />
        <source>Morning meeting {day} {shift}</source>
        <translation>早会记录 {day} {shift}</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="178" />
        <source>[on the wall ticker]</source>
        <translation>[上大屏滚动]</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="193" />
        <source>Late {n} min</source>
        <translation>迟到 {n} 分钟</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="574" />
        <source>&amp;Minutes by date</source>
        <translation>按日期查看记录(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="575" />
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="576" />
        <source>S&amp;hift</source>
        <translation>班次(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="577" />
        <source>Agenda</source>
        <translation>议程</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="578" />
        <source>Notices and problems</source>
        <translation>通知与质检问题</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="584" />
        <source>A ticked notice goes on the wall display's ticker when the minutes are saved, until the end of the shift. A notice already on the wall stays as it is: withdraw it under Announcements.</source>
        <translation>勾选的通知在保存记录时发布到大屏滚动条，直到本班结束。已上屏的通知在此不能更改：如需撤下，请在“发布公告”中撤回。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="589" />
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="590" />
        <source>Show on the wall ticker</source>
        <translation>上大屏滚动</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="591" />
        <source>Add notice</source>
        <translation>添加通知</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="592" />
        <source>Remove notice</source>
        <translation>删除通知</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="593" />
        <source>Problems from quality inspection to study</source>
        <translation>需学习的质检问题</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="595" />
        <source>Add problem</source>
        <translation>添加问题</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="596" />
        <source>Remove problem</source>
        <translation>删除问题</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="599" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="600" />
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="601" />
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="602" />
        <source>Add question</source>
        <translation>添加抽查</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="603" />
        <source>Remove question</source>
        <translation>删除抽查</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="605" />
        <source>Agent ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="606" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="607" />
        <source>Presence</source>
        <translation>签到情况</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="608" />
        <source>Minutes late</source>
        <translation>迟到分钟</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="609" />
        <source>Add person</source>
        <translation>添加人员</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="610" />
        <source>Someone who attended but is not on this shift's roster</source>
        <translation>参会但不在本班排班表上的人员</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="612" />
        <source>Remove person</source>
        <translation>删除人员</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="614" />
        <source>Only people added here can be removed; mark a rostered agent absent</source>
        <translation>只能删除在此添加的人员；排班表上的坐席请标为缺席</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="616" />
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="617" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="618" />
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="619" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="620" />
        <source>Your version was not saved. It is kept here: copy what is still needed into the form.</source>
        <translation>您的版本未保存，已保留在这里：请把仍需要的内容复制到表单中。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="623" />
        <source>Copy to clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="624" />
        <source>Dismiss</source>
        <translation>关闭此栏</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="687" />
        <source>Drop your unsaved changes to these minutes?</source>
        <translation>放弃对这份记录未保存的修改吗？</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="700" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="719" />
        <source>Could not load the minutes: {why}</source>
        <translation>无法加载早会记录：{why}</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="766" />
        <source>New minutes, not saved yet. Attendance is filled in from the roster ({n} people): mark who was late or absent.</source>
        <translation>新的早会记录，尚未保存。签到已按排班表填好（{n} 人）：请标出迟到或缺席的人员。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="771" />
        <source>New minutes, not saved yet. Nobody is on the roster for this shift: add the people who attended.</source>
        <translation>新的早会记录，尚未保存。本班排班表上没有人员：请添加参会人员。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="780" />
        <source>Saved by {who} at {when} · version {version}</source>
        <translation>{who} 于 {when} 保存 · 第 {version} 版</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="799" />
        <source>Could not list the minutes: {why}</source>
        <translation>无法列出早会记录：{why}</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="829" />
        <source>No minutes saved</source>
        <translation>没有保存的记录</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="833" />
        <source>Saved by {who} at {when}</source>
        <translation>{who} 于 {when} 保存</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="898" />
        <source>on the wall</source>
        <translation>已上屏</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="899" />
        <source>Published to the wall ticker when the minutes were saved</source>
        <translation>保存记录时已发布到大屏滚动条</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="979" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1129" />
        <source>Attendance row {row}: enter the agent ID.</source>
        <translation>签到第 {row} 行：请填写工号。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1132" />
        <source>Attendance row {row}: {agent} is already in row {first}.</source>
        <translation>签到第 {row} 行：{agent} 已在第 {first} 行。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1136" />
        <source>Attendance row {row} ({who}): someone late needs the minutes late, 1–{max}.</source>
        <translation>签到第 {row} 行（{who}）：迟到须填写迟到分钟数，1–{max}。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1147" />
        <source>Spot quiz row {row}: choose the agent who was asked.</source>
        <translation>现场抽查第 {row} 行：请选择被抽查的坐席。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1151" />
        <source>Spot quiz row {row}: write the question.</source>
        <translation>现场抽查第 {row} 行：请填写问题。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1187" />
        <source>Wrong answers: {n}</source>
        <translation>答错：{n} 题</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1237" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1247" />
        <source>Saved at {time} (version {version}).</source>
        <translation>已于 {time} 保存（第 {version} 版）。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1252" />
        <source>{n} notice(s) now on the wall display's ticker.</source>
        <translation>{n} 条通知已发布到大屏滚动条。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1282" />
        <source>Not saved: someone else saved these minutes first. Their version is shown; yours is kept under “Your unsaved text”.</source>
        <translation>未保存：有人先保存了这份记录。现在显示的是对方的版本；您的内容保留在“您未保存的内容”中。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1302" />
        <source>Your unsaved text</source>
        <translation>您未保存的内容</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1303" />
        <source>Show your unsaved text</source>
        <translation>显示您未保存的内容</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1309" />
        <source>Your unsaved text is on the clipboard.</source>
        <translation>您未保存的内容已复制到剪贴板。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1338" />
        <source>Could not write the PDF: {why}</source>
        <translation>无法写入 PDF：{why}</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1341" />
        <source>Exported to {path} ({pages} page(s)).</source>
        <translation>已导出到 {path}（共 {pages} 页）。</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1347" />
        <source>Export the minutes as PDF</source>
        <translation>将早会记录导出为 PDF</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1348" />
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../views/meeting_view.py" line="1359" />
        <source>Close without saving your changes to the minutes?</source>
        <translation>不保存修改就关闭早会记录吗？</translation>
    </message>
</context>
<context>
    <name>MinutesPdf</name>
    <message>
        <location filename="../../views/minutes_pdf.py" line="49" />
        <location filename="../../views/minutes_pdf.py" line="89" />
        <location filename="../../views/minutes_pdf.py" line="184" />
        <source>Morning meeting minutes</source>
        <extracomment>the floor's time zone for the save time (the default policy's) between the items of the heading line and of the closing line</extracomment>
        <translation>早会记录</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="54" />
        <source>Late {min} min</source>
        <translation>迟到 {min} 分钟</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="56" />
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="57" />
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="86" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="95" />
        <source>Date: {day}</source>
        <translation>日期：{day}</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="97" />
        <source>Shift: {shift}</source>
        <translation>班次：{shift}</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="99" />
        <source>Chair: {chair}</source>
        <translation>主持人：{chair}</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="109" />
        <source>Notices</source>
        <translation>通知</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="111" />
        <source>[published to the wall]</source>
        <translation>（已发布到大屏）</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="117" />
        <source>Quality-inspection problems</source>
        <translation>质检问题</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="124" />
        <source>Spot quiz</source>
        <translation>抽查提问</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="126" />
        <source>Correct</source>
        <translation>正确</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="127" />
        <source>Wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="132" />
        <location filename="../../views/minutes_pdf.py" line="151" />
        <source>Agent ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="133" />
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="134" />
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="137" />
        <source>Wrong answers: {wrong} of {total} questions</source>
        <translation>回答错误：{wrong} 人次（共 {total} 题）</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="144" />
        <source>Attendance</source>
        <translation>参会情况</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="152" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="153" />
        <source>Presence</source>
        <translation>到会情况</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="157" />
        <source>Expected {total}: {present} present, {late} late, {absent} absent</source>
        <translation>应到 {total} 人：出席 {present} 人，迟到 {late} 人，缺席 {absent} 人</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="169" />
        <source>not saved yet</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="171" />
        <source>Recorded by: {who}</source>
        <translation>记录人：{who}</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="172" />
        <source>Saved: {when}</source>
        <translation>保存时间：{when}</translation>
    </message>
    <message>
        <location filename="../../views/minutes_pdf.py" line="188" />
        <source>Page {page} of {pages}</source>
        <translation>第 {page} 页，共 {pages} 页</translation>
    </message>
</context>
<context>
    <name>Notify</name>
    <message>
        <location filename="../../console/notify.py" line="101" />
        <source>This is not a valid URL</source>
        <extracomment>seconds to wait before retry n (1-based); then every RETRY_EVERY_S</extracomment>
        <translation>不是有效的网址</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="103" />
        <source>The robot URL must be an http(s) URL with a host</source>
        <translation>群机器人地址须为带主机名的 http(s) 网址</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="105" />
        <source>The URL must not contain spaces</source>
        <translation>网址中不能有空格</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="134" />
        <location filename="../../console/notify.py" line="402" />
        <source>Unknown robot kind {kind} (wecom or dingtalk)</source>
        <translation>未知的群机器人类型 {kind}（可用 wecom 或 dingtalk）</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="143" />
        <source>Cannot store the URL in the system keyring: {why}</source>
        <translation>无法写入系统密钥环：{why}</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="146" />
        <source>The system keyring did not keep the URL (is a keyring service available on this PC?)</source>
        <translation>系统密钥环未保存该地址（本机是否有密钥环服务？）</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="165" />
        <source>No {kind} robot is configured</source>
        <translation>未配置 {kind} 群机器人</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="354" />
        <source>No group robot is configured: phone them</source>
        <extracomment>the URL with its secrets replaced by ***, or None when not in this PC's keyring a mobile (138 0013 8000), a landline (010-12345678) or any run of 7+ digits (an ID card); a date (2026-03-02) is left alone</extracomment>
        <translation>未配置群机器人，请电话通知</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="359" />
        <source>Nobody to notify: no director, group robot or unit contact</source>
        <translation>无人可通知：没有主任、群机器人或承办单位联系人</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="385" />
        <source>The alert is not in the history</source>
        <translation>告警记录不存在</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="404" />
        <source>The robot URL is not in this PC's keyring: run “seatwatch notify set-webhook” on this PC</source>
        <translation>本机密钥环中没有该群机器人地址，请在本机运行“seatwatch notify set-webhook”</translation>
    </message>
    <message>
        <location filename="../../console/notify.py" line="427" />
        <source>{kind}: {error}</source>
        <translation>{kind}：{error}</translation>
    </message>
</context>
<context>
    <name>Operators</name>
    <message>
        <location filename="../../views/operators_view.py" line="105" />
        <source>At least {n} characters.</source>
        <extracomment>longest operator ID and name the database takes (models.db.operators checks the same)</extracomment>
        <translation>至少 {n} 位。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="115" />
        <source>The password needs at least {n} characters.</source>
        <translation>密码至少 {n} 位。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="118" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="124" />
        <source>Choose at least one role (to stop someone signing in, disable the account).</source>
        <translation>请至少选择一个角色(如需禁止其登录,请停用账号)。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="135" />
        <source>Enter the operator ID (工号).</source>
        <translation>请输入工号。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="137" />
        <source>An operator ID is 1–{n} characters without spaces.</source>
        <translation>工号须为 1–{n} 个字符且不含空格。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="140" />
        <source>Operator ID {id} already exists.</source>
        <translation>工号 {id} 已存在。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="143" />
        <source>Enter the name (at most {n} characters).</source>
        <translation>请输入姓名(最多 {n} 个字符)。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="217" />
        <source>Disabled</source>
        <extracomment>data(index, OPERATOR_ROLE) is the row's Operator</extracomment>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="220" />
        <source>Locked until {t}</source>
        <translation>锁定至 {t}</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="223" />
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="224" />
        <source>; </source>
        <translation>;</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="240" />
        <location filename="../../views/operators_view.py" line="357" />
        <source>ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="241" />
        <location filename="../../views/operators_view.py" line="358" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="242" />
        <location filename="../../views/operators_view.py" line="327" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="243" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="244" />
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="272" />
        <source>{n} failed sign-in attempts in a row</source>
        <translation>连续 {n} 次登录失败</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="346" />
        <source>New operator</source>
        <translation>新建操作员</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="359" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="360" />
        <location filename="../../views/operators_view.py" line="406" />
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="385" />
        <source>Roles of {id} {name}</source>
        <translation>{id} {name} 的角色</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="402" />
        <source>Reset the password of {id} {name}</source>
        <translation>重置 {id} {name} 的密码</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="405" />
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="491" />
        <source>Operators and roles</source>
        <extracomment>the list loaded and the backend let us read it (the right to administer) a lock lapses while the dialog is open: refresh the status column and Unlock</extracomment>
        <translation>操作员与角色</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="492" />
        <source>New operator…</source>
        <translation>新建操作员…</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="493" />
        <source>Roles…</source>
        <translation>角色…</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="494" />
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="495" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="496" />
        <source>Reload</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="497" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="541" />
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="543" />
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="564" />
        <location filename="../../views/operators_view.py" line="571" />
        <location filename="../../views/operators_view.py" line="583" />
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="593" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="618" />
        <source>Operator {id} {name} created.</source>
        <translation>已新建操作员 {id} {name}。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="630" />
        <source>Nothing changed.</source>
        <translation>没有更改。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="634" />
        <source>Roles of {id} {name}: {roles}.</source>
        <translation>{id} {name} 的角色:{roles}。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="647" />
        <source>Password of {id} {name} reset; any lock is cleared.</source>
        <translation>已重置 {id} {name} 的密码,锁定同时解除。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="657" />
        <source>{id} {name} unlocked.</source>
        <translation>已解锁 {id} {name}。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="665" />
        <source>Disable {id} {name}? They can no longer sign in.</source>
        <translation>停用 {id} {name}?停用后将无法登录。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="671" />
        <source>{id} {name} disabled.</source>
        <translation>已停用 {id} {name}。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="673" />
        <source>{id} {name} enabled.</source>
        <translation>已启用 {id} {name}。</translation>
    </message>
    <message>
        <location filename="../../views/operators_view.py" line="703" />
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <location filename="../../console/admin_cli.py" line="115" />
        <location filename="../../models/db/endpoints_db.py" line="70" />
        <location filename="../../models/db/operators.py" line="240" />
        <source>Operator {operator} does not exist</source>
        <translation>工号 {operator} 不存在</translation>
    </message>
    <message>
        <location filename="../../models/db/audit_query.py" line="92" />
        <location filename="../../models/db/operators.py" line="223" />
        <source>No permission: “{operator}” is not an operator on record</source>
        <extracomment>the action of the row an export leaves in the audit log</extracomment>
        <translation>无权限：“{operator}”不是已登记的账号</translation>
    </message>
    <message>
        <location filename="../../models/db/audit_query.py" line="96" />
        <location filename="../../models/db/operators.py" line="227" />
        <source>Operator {operator} is disabled</source>
        <translation>账号 {operator} 已停用</translation>
    </message>
    <message>
        <location filename="../../models/db/audit_query.py" line="99" />
        <location filename="../../models/db/operators.py" line="230" />
        <source>No permission: operator {operator} (roles: {roles}) may not {right}</source>
        <translation>无权限：账号 {operator}（角色：{roles}）不能{right}</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="131" />
        <source>The password needs at least {n} characters</source>
        <extracomment>scrypt needs 128·N·r bytes; room for N = 2^18 at r = 8 (a stored hash's own cost)</extracomment>
        <translation>密码至少 {n} 位</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="138" />
        <source>An operator ID is 1–40 characters without spaces: “{id}”</source>
        <translation>工号须为 1–40 个字符且不含空格：“{id}”</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="248" />
        <source>The floor must keep at least one enabled administrator</source>
        <translation>至少保留一名管理员（须为启用状态）</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="261" />
        <source>A name is 1–100 characters</source>
        <translation>姓名须为 1–100 个字符</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="270" />
        <source>Operator {operator} already exists</source>
        <translation>工号 {operator} 已存在</translation>
    </message>
</context>
<context>
    <name>PeakBanner</name>
    <message>
        <location filename="../../views/alerts/banners.py" line="157" />
        <source> and {n} more</source>
        <translation>、另 {n} 人</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="205" />
        <source>Peak plan level 1 — {n} callers waiting</source>
        <translation>高峰预案一级 — 排队 {n} 人</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="207" />
        <source>Callbacks stopped, short breaks suspended: agents on break come back.</source>
        <translation>暂停回拨,暂停小休:小休坐席立即返回。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="212" />
        <source>Still on short break: {names}</source>
        <translation>仍在小休:{names}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="214" />
        <source>Nobody is on short break.</source>
        <translation>无人小休。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="216" />
        <source>Still on callbacks: {names}</source>
        <translation>仍在回拨:{names}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="220" />
        <source>Peak plan level 2, all hands — {n} callers waiting</source>
        <translation>高峰预案二级 · 全员接线 — 排队 {n} 人</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="223" />
        <source>Shift leaders and every agent take calls.</source>
        <translation>值班长与全体坐席接听电话。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="227" />
        <source>Not taking calls: {names}</source>
        <translation>未接线:{names}</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="229" />
        <source>Every logged-in agent is taking calls.</source>
        <translation>签入坐席均在接线。</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="232" />
        <source>In after-call work: {n}</source>
        <translation>话后处理:{n} 人</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../views/paths.py" line="15" />
        <source>&amp;Look in:</source>
        <translation>查看(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../views/paths.py" line="16" />
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>Qa</name>
    <message>
        <location filename="../../console/qa_cli.py" line="30" />
        <source>{file} {where}: {reason}</source>
        <translation>{file} {where}：{reason}</translation>
    </message>
    <message>
        <location filename="../../console/qa_backend.py" line="65" />
        <location filename="../../console/qa_cli.py" line="41" />
        <source>{file}: no scores to import</source>
        <extracomment>expected answers (shown to the person as one line, not logged as faults)</extracomment>
        <translation>{file}：没有可导入的质检分</translation>
    </message>
    <message>
        <location filename="../../console/qa_backend.py" line="106" />
        <source>Cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="52" />
        <location filename="../../views/qa/panel.py" line="193" />
        <source>{file}: {bad} bad row(s), nothing imported</source>
        <translation>{file}：{bad} 行有误，未导入任何数据</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="57" />
        <location filename="../../views/qa/panel.py" line="203" />
        <source>{file}: checked {rows} score(s), nothing imported (dry run): {added} would be new, {replaced} would replace earlier ones, {unchanged} unchanged; {linked} linked to a call</source>
        <translation>{file}：已检查 {rows} 条质检分，未导入（试运行）：新增 {added} 条，替换 {replaced} 条，未变 {unchanged} 条；关联通话 {linked} 条</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="62" />
        <location filename="../../views/qa/panel.py" line="209" />
        <source>{file}: imported {rows} score(s): {added} new, {replaced} replaced, {unchanged} unchanged; {linked} linked to a call</source>
        <translation>{file}：已导入 {rows} 条质检分：新增 {added} 条，替换 {replaced} 条，未变 {unchanged} 条；关联通话 {linked} 条</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="73" />
        <source>--week: not an ISO week (2026-W50) or a date (2026-12-09): {value}</source>
        <translation>--week：不是 ISO 周（2026-W50）或日期（2026-12-09）：{value}</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="89" />
        <source>{week} ({first} to {last}, times in {tz})</source>
        <translation>{week}（{first} 至 {last}，时区 {tz}）</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="115" />
        <source>every agent has {n} or more calls scored this week: nothing to propose</source>
        <translation>本周每名坐席都已质检 {n} 通及以上：无需抽取</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="118" />
        <location filename="../../console/qa_cli.py" line="152" />
        <location filename="../../views/qa/models.py" line="49" />
        <location filename="../../views/qa/models.py" line="73" />
        <source>Agent</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="118" />
        <location filename="../../console/qa_cli.py" line="152" />
        <location filename="../../views/qa/models.py" line="50" />
        <location filename="../../views/qa/models.py" line="74" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="119" />
        <location filename="../../console/qa_cli.py" line="153" />
        <location filename="../../views/qa/models.py" line="52" />
        <source>Scored</source>
        <translation>已评</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="119" />
        <location filename="../../views/qa/models.py" line="75" />
        <source>Call</source>
        <translation>通话编号</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="120" />
        <location filename="../../views/qa/models.py" line="76" />
        <source>Answered at</source>
        <translation>接听时间</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="120" />
        <location filename="../../views/qa/models.py" line="77" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="130" />
        <location filename="../../views/qa/panel.py" line="381" />
        <source>{agent} {name}: {missing} more needed, only {n} unscored answered call(s) this week</source>
        <translation>{agent} {name}：还需 {missing} 通，本周只有 {n} 通接听且未质检的电话</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="135" />
        <source>{calls} call(s) proposed for {agents} agent(s); the same week always proposes the same calls</source>
        <translation>为 {agents} 名坐席抽取 {calls} 通电话；同一周每次抽取的结果相同</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="149" />
        <location filename="../../views/qa/panel.py" line="373" />
        <source>every agent has {n} or more calls scored this week</source>
        <translation>本周每名坐席都已质检 {n} 通及以上</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="153" />
        <location filename="../../views/qa/models.py" line="51" />
        <source>Group</source>
        <translation>班组</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="154" />
        <location filename="../../views/qa/models.py" line="53" />
        <source>Missing</source>
        <translation>尚缺</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="155" />
        <location filename="../../views/qa/models.py" line="54" />
        <source>Answered</source>
        <translation>接听数</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="160" />
        <location filename="../../views/qa/panel.py" line="376" />
        <source>{n} of {all} agent(s) have fewer than {min} calls scored this week</source>
        <translation>{all} 名坐席中有 {n} 名本周质检不足 {min} 通</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="214" />
        <source>daily means</source>
        <translation>按日均值</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="215" />
        <source>weekly means</source>
        <translation>按周均值</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="217" />
        <source>QA scores of agent {agent} {name}, {per}, {first} to {last}</source>
        <translation>坐席 {agent} {name} 的质检分，{per}，{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="222" />
        <source>QA scores of group {group} {name}, {per}, {first} to {last}</source>
        <translation>班组 {group} {name} 的质检分，{per}，{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="226" />
        <location filename="../../models/db/qa_db.py" line="336" />
        <location filename="../../views/qa/panel.py" line="680" />
        <source>group {group}</source>
        <translation>班组 {group}</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="228" />
        <location filename="../../models/db/qa_db.py" line="337" />
        <location filename="../../views/qa/panel.py" line="681" />
        <source>agent {agent}</source>
        <translation>坐席 {agent}</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="229" />
        <location filename="../../views/qa/panel.py" line="682" />
        <source>baseline: {n} scores of {whose} from {first} to {last}: X̄ = {mean}, σ of one score = MR̄/1.128 = {sigma}; limits X̄ ± 3σ/√n for a mean of n scores</source>
        <translation>基准：{whose} 在 {first} 至 {last} 的 {n} 个质检分：X̄ = {mean}，单个分数的 σ = MR̄/1.128 = {sigma}；n 个分数的均值，控制限为 X̄ ± 3σ/√n</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="235" />
        <location filename="../../views/qa/panel.py" line="689" />
        <source>no scores in this range</source>
        <translation>该时段没有质检分</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="237" />
        <location filename="../../views/qa/models.py" line="91" />
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="238" />
        <location filename="../../views/qa/models.py" line="92" />
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="239" />
        <source>Rules broken</source>
        <translation>违反判异规则</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="247" />
        <location filename="../../views/qa/panel.py" line="691" />
        <source>no point breaks a run rule: the series is in control</source>
        <translation>没有点违反判异规则：过程受控</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="251" />
        <location filename="../../views/qa/texts.py" line="25" />
        <source>above</source>
        <translation>偏高</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="252" />
        <location filename="../../views/qa/texts.py" line="26" />
        <source>below</source>
        <translation>偏低</translation>
    </message>
    <message>
        <location filename="../../console/qa_cli.py" line="253" />
        <source>{start}: mean {mean} ({side}), rule {rule}: {text}</source>
        <translation>{start}：均值 {mean}（{side}），规则 {rule}：{text}</translation>
    </message>
    <message>
        <location filename="../../models/db/qa_db.py" line="145" />
        <source>call {call} is not in the call records: kept, not linked to a call</source>
        <translation>通话 {call} 不在通话记录中：已保留，未关联通话</translation>
    </message>
    <message>
        <location filename="../../models/db/qa_db.py" line="149" />
        <source>call {call} was answered by agent {other}, not by {agent}</source>
        <translation>通话 {call} 由坐席 {other} 接听，不是 {agent}</translation>
    </message>
    <message>
        <location filename="../../models/db/qa_db.py" line="301" />
        <source>Name one agent (--agent) or one group (--group)</source>
        <translation>请指定一名坐席（--agent）或一个班组（--group）</translation>
    </message>
    <message>
        <location filename="../../models/db/qa_db.py" line="303" />
        <source>The chart's range ends ({last}) before it starts ({first})</source>
        <translation>控制图的结束日期（{last}）早于开始日期（{first}）</translation>
    </message>
    <message>
        <location filename="../../models/db/qa_db.py" line="308" />
        <source>The baseline ends ({last}) before it starts ({first})</source>
        <translation>基准期的结束日期（{last}）早于开始日期（{first}）</translation>
    </message>
    <message>
        <location filename="../../models/db/qa_db.py" line="317" />
        <source>Agent {agent} is not in the floor setup</source>
        <translation>工号 {agent} 不在楼层设置中</translation>
    </message>
    <message>
        <location filename="../../models/db/qa_db.py" line="324" />
        <source>Group {group} is not in the floor setup</source>
        <translation>班组 {group} 不在楼层设置中</translation>
    </message>
    <message>
        <location filename="../../models/db/qa_db.py" line="338" />
        <source>No baseline: {whose} has {n} score(s) from {first} to {last}, a control chart needs at least 2</source>
        <translation>没有基准：{whose} 在 {first} 至 {last} 只有 {n} 个质检分，控制图至少需要 2 个</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="138" />
        <source>line {line}</source>
        <extracomment>the ``qa_score`` columns' lengths (call_record.call_id is String(60)) an item's header at most (the items are kept as JSON; a longer one is a mistake) the largest item score taken (a score sheet's items are a few dozen points) the most rows one file may hold (a center of 300 agents scores ~1,000 calls a week) the recorded-call scores the 12333 policy averages (002: 提取三个电话，算取平均分)</extracomment>
        <translation>第 {line} 行</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="142" />
        <source>expected the columns 日期, 工号, 通话编号, 质检员, 总分 (or date, agent, call, inspector, total), then one column per item</source>
        <translation>应有列 日期、工号、通话编号、质检员、总分（或 date、agent、call、inspector、total），其后每个评分项一列</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="174" />
        <source>{file}: not an Excel workbook (.xlsx): {error}</source>
        <translation>{file}：不是 Excel 工作簿（.xlsx）：{error}</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="191" />
        <source>{file}: contains NUL characters (saved as UTF-16?); save it as CSV (UTF-8 or GBK) or .xlsx</source>
        <translation>{file}：含有 NUL 字符（是否存成了 UTF-16？），请另存为 CSV（UTF-8 或 GBK）或 .xlsx</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="204" />
        <source>{file} line {line}: not valid CSV: {error}</source>
        <translation>{file} 第 {line} 行：不是有效的 CSV：{error}</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="257" />
        <source>{file} line {line}: the item {item} is longer than {max} characters</source>
        <translation>{file} 第 {line} 行：评分项 {item} 超过 {max} 个字符</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="263" />
        <source>{file} line {line}: the column {column} appears twice in the header</source>
        <translation>{file} 第 {line} 行：表头中列 {column} 出现了两次</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="269" />
        <source>{file} line {line}: the header has no column {column}; {expected}</source>
        <translation>{file} 第 {line} 行：表头缺少列 {column}；{expected}</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="295" />
        <source>{file}: more than {max} rows; split the file</source>
        <translation>{file}：超过 {max} 行，请拆分文件</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="305" />
        <source>{value} in column {column}, which has no header</source>
        <translation>第 {column} 列没有表头，却有内容 {value}</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="314" />
        <source>the same agent, call and inspector as line {first} ({agent}, {call}, {inspector})</source>
        <translation>与第 {first} 行的工号、通话编号和质检员相同（{agent}、{call}、{inspector}）</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="322" />
        <source>{file}: the file is empty; {expected}</source>
        <translation>{file}：文件为空；{expected}</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="331" />
        <source>{first}; {then}</source>
        <translation>{first}；{then}</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="340" />
        <source>the date {value} is not a date (use YYYY-MM-DD)</source>
        <translation>日期 {value} 无法识别（格式 YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="343" />
        <source>the date is empty (use YYYY-MM-DD)</source>
        <translation>日期为空（格式 YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="346" />
        <source>the agent (工号) is empty</source>
        <translation>工号为空</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="348" />
        <source>agent {agent} is not in the floor setup</source>
        <translation>工号 {agent} 不在楼层设置中</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="352" />
        <source>the call id is empty</source>
        <translation>通话编号为空</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="354" />
        <source>the call id is longer than {max} characters</source>
        <translation>通话编号超过 {max} 个字符</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="358" />
        <source>the inspector (质检员) is empty</source>
        <translation>质检员为空</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="360" />
        <source>the inspector is longer than {max} characters</source>
        <translation>质检员超过 {max} 个字符</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="365" />
        <source>the total (总分) is empty</source>
        <translation>总分为空</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="367" />
        <source>the total {value} is not a number</source>
        <translation>总分 {value} 不是数字</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="370" />
        <source>the total {value} is not between 0 and 100</source>
        <translation>总分 {value} 不在 0 到 100 之间</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa.py" line="381" />
        <source>the score {value} of item {item} is not a number of points</source>
        <translation>评分项 {item} 的得分 {value} 不是分数</translation>
    </message>
    <message>
        <location filename="../../views/qa/chart.py" line="175" />
        <source>Mean of the period</source>
        <extracomment>the zones shaded, as σ multiples (1σ–2σ lighter, 2σ–3σ darker) the ±kσ step lines, k in ZONES: only the 3σ ones are drawn as lines</extracomment>
        <translation>期间均值</translation>
    </message>
    <message>
        <location filename="../../views/qa/chart.py" line="176" />
        <source>Centre line X̄</source>
        <translation>中心线 X̄</translation>
    </message>
    <message>
        <location filename="../../views/qa/chart.py" line="177" />
        <source>Control limits ±3σ</source>
        <translation>控制限 ±3σ</translation>
    </message>
    <message>
        <location filename="../../views/qa/chart.py" line="178" />
        <source>Breaks a run rule</source>
        <translation>判异点</translation>
    </message>
    <message>
        <location filename="../../views/qa/chart.py" line="181" />
        <source>Score</source>
        <translation>质检分</translation>
    </message>
    <message>
        <location filename="../../views/qa/chart.py" line="258" />
        <source>{n} point(s), {flagged} of them in red (a run rule broken); point at a point for its figures</source>
        <translation>{n} 个点，其中 {flagged} 个为红色（违反判异规则）；鼠标指向一个点可看其数值</translation>
    </message>
    <message>
        <location filename="../../views/qa/chart.py" line="265" />
        <source>{period}: mean {mean} of {n} score(s), limits {lcl} to {ucl}</source>
        <translation>{period}：{n} 个质检分的均值 {mean}，控制限 {lcl} 至 {ucl}</translation>
    </message>
    <message>
        <location filename="../../views/qa/models.py" line="22" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../views/qa/models.py" line="23" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../views/qa/models.py" line="24" />
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../views/qa/models.py" line="25" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/qa/models.py" line="31" />
        <source>Bad row</source>
        <translation>错误行</translation>
    </message>
    <message>
        <location filename="../../views/qa/models.py" line="32" />
        <source>Warning</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../views/qa/models.py" line="93" />
        <source>Rule broken</source>
        <translation>违反的规则</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="142" />
        <source>The inspectors' score sheet, .xlsx or CSV: 日期, 工号, 通话编号, 质检员, 总分, then one column per item. It is checked first; it can be imported only when every row is good, and then all at once.</source>
        <extracomment>the baseline by default: the group's scores of the weeks before the chart's first day the chart's range by default: this week and the eleven before it the file dialog: a seam a test replaces</extracomment>
        <translation>质检员的评分表，.xlsx 或 CSV：日期、工号、通话编号、质检员、总分，其后每列一个评分项。选择文件后先检查；每一行都无误才能导入，并且一次全部导入。</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="147" />
        <source>Score sheet:</source>
        <translation>评分表：</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="148" />
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="149" />
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="150" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="154" />
        <source>Import QA scores</source>
        <translation>导入质检评分</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="155" />
        <source>Score sheets (*.xlsx *.csv);;All files (*)</source>
        <translation>评分表 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="170" />
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="180" />
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="291" />
        <source>Week:</source>
        <extracomment>the save dialog: a seam a test replaces</extracomment>
        <translation>周：</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="292" />
        <source>‹ Previous week</source>
        <translation>‹ 上一周</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="293" />
        <source>Next week ›</source>
        <translation>下一周 ›</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="294" />
        <source>Register: agents with fewer than {min} calls scored this week</source>
        <translation>登记：本周质检不足 {min} 通的坐席</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="297" />
        <source>Calls proposed to score (random, the same every time for this week, spread over the shifts each agent worked)</source>
        <translation>建议抽检的通话（随机抽取，同一周每次结果相同，分布在坐席上过的各个班次）</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="301" />
        <source>Copy list</source>
        <translation>复制清单</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="302" />
        <source>Save as CSV…</source>
        <translation>另存为 CSV…</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="337" />
        <source>{week}, {first} to {last}</source>
        <translation>{week}，{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="344" />
        <location filename="../../views/qa/panel.py" line="653" />
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="386" />
        <source>{n} of them answered too few unscored calls to propose them all (point here for who)</source>
        <translation>其中 {n} 人本周未质检的已接通话不足，无法全部抽取（鼠标指向此处查看名单）</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="418" />
        <source>{n} call(s) copied: paste them into the inspectors' sheet</source>
        <translation>已复制 {n} 通电话，可粘贴到质检员的表格中</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="422" />
        <source>qa-sample_{week}.csv</source>
        <translation>质检抽样_{week}.csv</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="424" />
        <source>Save the calls to score</source>
        <translation>保存待质检的通话</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="425" />
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV，可用 Excel 打开 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="440" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="531" />
        <source>By group</source>
        <translation>按班组</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="532" />
        <source>By agent</source>
        <translation>按坐席</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="535" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="536" />
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="537" />
        <source>Baseline:</source>
        <translation>基准：</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="538" />
        <source>previous </source>
        <translation>前 </translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="539" />
        <source> weeks</source>
        <translation> 周</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="540" />
        <source>the chart's own range</source>
        <translation>图表本身的时段</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="541" />
        <source>X̄ and σ come from the scores of the whole group (the agent's group) in the weeks before the chart's first day; 0: from the chart's own range</source>
        <translation>X̄ 和 σ 取自整个班组（坐席所在班组）在图表起始日之前这几周的质检分；0：取图表本身的时段</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="544" />
        <source>Signals (run rules broken)</source>
        <translation>判异信号（违反的判异规则）</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="648" />
        <source>The floor setup has no agents or groups to chart.</source>
        <translation>楼层设置中没有可绘图的坐席或班组。</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="693" />
        <source>{n} point(s) break a run rule: the series is not in control; see the list beside the chart</source>
        <translation>{n} 个点违反判异规则：序列失控，详见图表旁的列表</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="758" />
        <source>Control chart</source>
        <translation>控制图</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="759" />
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="760" />
        <source>Import scores</source>
        <translation>导入评分</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="814" />
        <source>Quality inspection</source>
        <translation>质量监控</translation>
    </message>
    <message>
        <location filename="../../views/qa/panel.py" line="815" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/qa/texts.py" line="15" />
        <source>rule {rule}: {text}</source>
        <translation>规则 {rule}：{text}</translation>
    </message>
    <message>
        <location filename="../../views/qa/texts.py" line="20" />
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../views/qa/texts.py" line="21" />
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <location filename="../../views/qa/texts.py" line="37" />
        <source>week of {monday}</source>
        <translation>{monday} 起的一周</translation>
    </message>
</context>
<context>
    <name>QaChart</name>
    <message>
        <location filename="../../models/domain/qa_chart.py" line="48" />
        <source>one point beyond 3σ</source>
        <extracomment>d₂ for moving ranges of two consecutive values</extracomment>
        <translation>1 个点超出 3σ</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa_chart.py" line="49" />
        <source>2 of 3 points beyond 2σ on the same side</source>
        <translation>连续 3 点中有 2 点在同侧超出 2σ</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa_chart.py" line="50" />
        <source>4 of 5 points beyond 1σ on the same side</source>
        <translation>连续 5 点中有 4 点在同侧超出 1σ</translation>
    </message>
    <message>
        <location filename="../../models/domain/qa_chart.py" line="51" />
        <source>8 points in a row on one side of the centre</source>
        <translation>连续 8 点落在中心线同侧</translation>
    </message>
</context>
<context>
    <name>QueueTable</name>
    <message>
        <location filename="../../views/queue_model.py" line="132" />
        <source>Queue</source>
        <extracomment>queue (and FLOOR) -&gt; (callers waiting, when the longest-waiting one queued)</extracomment>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="132" />
        <source>Waiting</source>
        <translation>排队</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="133" />
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="134" />
        <source>Today answered / abandoned / IVR</source>
        <translation>今日 接听/放弃/IVR</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="135" />
        <source>Shift answered / abandoned / IVR</source>
        <translation>本班 接听/放弃/IVR</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="136" />
        <source>Service level ({t} s)</source>
        <translation>服务水平({t}秒)</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="137" />
        <source>Interval service level</source>
        <translation>本时段服务水平</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="138" />
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="139" />
        <source>Answer rate</source>
        <translation>接通率</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="139" />
        <source>ASA</source>
        <translation>平均应答</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="141" />
        <source>(IVR-only + answered) / offered (R-KPI-1)</source>
        <translation>(IVR完成 + 人工接听)÷ 呼入总量(R-KPI-1)</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="143" />
        <source>Service level of the current 15-minute interval so far</source>
        <translation>当前15分钟时段到目前为止的服务水平</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="146" />
        <source>The interval's service level expected at its end, from the callers waiting now, the last 15 minutes' calls and the agents ready or about to be free</source>
        <translation>按当前排队来电、近15分钟来电量和就绪及即将空闲的坐席，预计本时段结束时的服务水平</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="159" />
        <location filename="../../views/table_fit.py" line="104" />
        <source>{pct} · lost</source>
        <translation>{pct} · 无法保住</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="162" />
        <source>{pct} · recovering</source>
        <translation>{pct} · 回升中</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="164" />
        <location filename="../../views/table_fit.py" line="103" />
        <source>{pct} · {n} more</source>
        <translation>{pct} · 差 {n} 人</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="181" />
        <source>Target {target}; from {waiting} callers waiting, {calls} calls in the last 15 minutes</source>
        <translation>目标 {target}；依据：排队 {waiting} 人，近15分钟来电 {calls} 通</translation>
    </message>
    <message>
        <location filename="../../views/queue_model.py" line="200" />
        <source>Floor total</source>
        <translation>全场合计</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <location filename="../../models/domain/texts.py" line="128" />
        <source>Short break</source>
        <translation>小休</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="129" />
        <source>Meal</source>
        <translation>用餐</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="130" />
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="131" />
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="132" />
        <source>Callback</source>
        <translation>回拨</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="133" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../console/report_cli.py" line="28" />
        <source>being made</source>
        <translation>生成中</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="29" />
        <source>done</source>
        <translation>已生成</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="30" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="57" />
        <source>--date: not a day (2026-03-02) nor, for a monthly report, a month (2026-03): {value}</source>
        <translation>--date：不是日期（2026-03-02），月报也不是月份（2026-03）：{value}</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="79" />
        <location filename="../../console/report_cli.py" line="137" />
        <source>cannot write into {dir}: {why}</source>
        <translation>无法写入 {dir}：{why}</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="85" />
        <source>{title}: written and stored in place of the floor's copy</source>
        <translation>{title}：已写出，并替换楼层数据库中存档的一份</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="87" />
        <source>{title}: written (the floor's stored copy is unchanged)</source>
        <translation>{title}：已写出（楼层数据库中存档的一份未改动）</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="107" />
        <source>no report stored yet</source>
        <translation>尚无已存档的报表</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="109" />
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="110" />
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="111" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="112" />
        <source>Made at</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="113" />
        <source>By</source>
        <translation>生成者</translation>
    </message>
    <message>
        <location filename="../../console/report_cli.py" line="130" />
        <source>no {kind} report of {period} is stored: `seatwatch report {kind} --date {period} --out DIR` makes one</source>
        <translation>{period} 的 {kind} 报表尚未存档：可用 `seatwatch report {kind} --date {period} --out 目录` 生成</translation>
    </message>
    <message>
        <location filename="../../console/report_pdf.py" line="72" />
        <source>the PDF took more than {s} s to lay out</source>
        <extracomment>a report's layout takes about a second; a child that hangs is killed after this the body text's size (a report's tables are dense) Windows: the child is a console program; started from the windowed console it must not flash a console window (0 elsewhere: no such flag)</extracomment>
        <translation>PDF 排版超过 {s} 秒，已中止</translation>
    </message>
    <message>
        <location filename="../../console/report_pdf.py" line="76" />
        <source>the PDF could not be made: {why}</source>
        <translation>无法生成 PDF：{why}</translation>
    </message>
</context>
<context>
    <name>ReportsDialog</name>
    <message>
        <location filename="../../console/reports_backend.py" line="44" />
        <source>This report is not stored (yet): refresh the list</source>
        <translation>该报表尚未存档：请刷新列表</translation>
    </message>
    <message>
        <location filename="../../console/reports_backend.py" line="59" />
        <source>The floor database cannot be reached: {error}</source>
        <translation>无法连接楼层数据库：{error}</translation>
    </message>
    <message>
        <location filename="../../console/reports_backend.py" line="63" />
        <source>Cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="42" />
        <source>Daily report</source>
        <translation>日报</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="43" />
        <source>Monthly report</source>
        <translation>月报</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="48" />
        <source>Made</source>
        <translation>已生成</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="49" />
        <source>Being made</source>
        <translation>生成中</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="50" />
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="70" />
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="71" />
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="72" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="73" />
        <source>Made at</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="74" />
        <source>Offered</source>
        <translation>呼入量</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="75" />
        <source>Answer rate</source>
        <translation>接通率</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="76" />
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="77" />
        <source>Urgent tickets</source>
        <translation>急件</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="78" />
        <source>Made by</source>
        <translation>生成者</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="264" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="161" />
        <source>The daily and monthly operations reports the floor host made and stored (R-REPORT-1): download one as Excel and PDF.</source>
        <extracomment>the director's window: the page lists what is stored, whatever the window's range nor has it a chart to save as a picture, nor numbers of its own as Excel (the reports' own workbooks are what 下载… writes) the folder 下载… asks; a test sets it to skip the file dialog</extracomment>
        <translation>楼层主机按时生成并存档的运营日报与月报（R-REPORT-1）：选中一份即可下载 Excel 与 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="164" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="165" />
        <source>&amp;Download…</source>
        <translation>下载(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="265" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="197" />
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="205" />
        <source>No report stored yet: the floor host makes yesterday's report every morning.</source>
        <translation>尚无存档的报表：楼层主机每天上午生成前一天的日报。</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="215" />
        <source>Save the report's files in</source>
        <translation>报表文件保存到</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="218" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="222" />
        <source>Saved: {files}</source>
        <translation>已保存：{files}</translation>
    </message>
    <message>
        <location filename="../../views/reports_view.py" line="224" />
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>Rights</name>
    <message>
        <location filename="../../models/db/audit_query.py" line="102" />
        <location filename="../../models/db/operators.py" line="195" />
        <source>view the audit log</source>
        <translation>查看审计日志</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="193" />
        <source>administer operators</source>
        <extracomment>every column but the password hash, which consoles and walls may not read what each right lets one do, for refusals ("operator X may not …")</extracomment>
        <translation>管理账号</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="194" />
        <source>edit the floor setup</source>
        <translation>修改坐席配置</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="196" />
        <source>apply a floor policy</source>
        <translation>应用现场策略</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="197" />
        <source>use supervisor controls</source>
        <translation>使用班长控制</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="198" />
        <source>view the floor</source>
        <translation>查看现场</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="199" />
        <source>acknowledge or resolve alerts</source>
        <translation>确认或解除告警</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="200" />
        <source>edit the escalation contact list</source>
        <translation>修改督办联系人</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="201" />
        <source>publish or withdraw announcements</source>
        <translation>发布或撤下公告</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="203" />
        <source>keep the meeting minutes, attendance register or handover</source>
        <translation>记录班前会、考勤或交接班</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="205" />
        <source>edit the roster</source>
        <translation>编辑排班</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="206" />
        <source>view attendance</source>
        <translation>查看考勤</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="207" />
        <source>view trends and staffing</source>
        <translation>查看趋势与人力配置</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="208" />
        <source>keep quality inspection scores</source>
        <translation>管理质检分</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="209" />
        <source>record assessment deductions or draft the month's assessment</source>
        <translation>登记考核扣分或拟定月度考核表</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="211" />
        <source>confirm the month's assessment</source>
        <translation>确认月度考核表</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="212" />
        <source>view the assessment</source>
        <translation>查看考核</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../models/db/shiftops.py" line="395" />
        <location filename="../../models/domain/texts.py" line="165" />
        <location filename="../../views/kit/texts.py" line="144" />
        <source>Shift leader</source>
        <extracomment>the names of views/kit/texts.py (context "Roles")</extracomment>
        <translation>值班长</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="396" />
        <location filename="../../models/domain/texts.py" line="166" />
        <location filename="../../views/kit/texts.py" line="145" />
        <source>Department head</source>
        <translation>部长</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="397" />
        <location filename="../../models/domain/texts.py" line="167" />
        <location filename="../../views/kit/texts.py" line="146" />
        <source>Director</source>
        <translation>主任</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="168" />
        <location filename="../../views/kit/texts.py" line="147" />
        <source>Wallboard viewer</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="169" />
        <location filename="../../views/kit/texts.py" line="148" />
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <location filename="../../views/kit/texts.py" line="155" />
        <location filename="../../views/msg.py" line="32" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../models/domain/roles.py" line="107" />
        <source>Unknown role {role} (roles: {known})</source>
        <extracomment>DOMAIN §2 controls: monitor, whisper, barge, release, intercept, force … (R-CTRL-1) create operators, set roles, reset passwords, unlock, disable not named by the issue; DOMAIN's vocabulary has the director set policy, and IT applies it on the director's word acknowledge and resolve alerts (issue #4): the people the alerts are for the units' contact list for urgent escalation (R-URGENT-2): kept by the people who escalate, and by IT as part of setting up the floor the wall display's announcement ticker (发布公告): the shift leader runs the floor and chairs the morning meeting (R-MEET-1/2), the director oversees it the daily paperwork of DOMAIN §5/§6 (issue #6): morning-meeting minutes, the attendance register, handover; the shift leader keeps them (R-MEET-3, R-ATT-6) who works which shift: made by the leaders and their managers (R-REPORT-1) read the register and the monthly summary (月考勤汇总表) the director's window: trends, staffing, the agent league table (issue #17); checked where the history is read, not only by the menu the monthly assessment (考核, DOMAIN §8, issue #18): the shift leader records deductions and drafts the month's sheet; the department head confirms it (the director may do both); everyone who leads the floor reads it quality inspection (质量监控, issue #18): import scores, propose the week's sample</extracomment>
        <translation>未知角色 {role}（可用角色：{known}）</translation>
    </message>
    <message>
        <location filename="../../models/domain/roles.py" line="165" />
        <source>Operator {operator} is unknown and may not use {action}</source>
        <translation>无权限：账号 {operator} 不存在，不能使用“{action}”</translation>
    </message>
    <message>
        <location filename="../../models/domain/roles.py" line="171" />
        <source>Operator {operator} is disabled and may not use {action}</source>
        <translation>账号 {operator} 已停用，不能使用“{action}”</translation>
    </message>
    <message>
        <location filename="../../models/domain/roles.py" line="175" />
        <source>Operator {operator} (roles: {roles}) may not use {action}</source>
        <translation>无权限：账号 {operator}（角色：{roles}）不能使用“{action}”</translation>
    </message>
    <message>
        <location filename="../../models/db/roles.py" line="90" />
        <source>--db: database roles are for PostgreSQL; a SQLite floor (one PC) has one user</source>
        <extracomment>issue #18: the monthly assessment is the leaders' and the department head's, from their consoles and terminals; the floor host never needs it and a wall never sees it. Nothing is deleted: an entry is withdrawn with a reason, a sheet redrafted. issue #18 (R-REPORT-1): the scheduled reports are the host's to make (and ``seatwatch report`` as the owner or host); consoles read and download them issue #18 (R-REPORT-1): the week's training plan is the leaders' to write from their consoles (like the meeting minutes); the host reads it for its reminder only; a wall never sees it tables whose rights are set one by one below; every other table is floor data the operator's columns anyone may read (everything but ``password_hash``) what a console writes at sign-in (the failure count and the lock, R-SIGNIN) the control's columns a console may read back (never another's session token)</extracomment>
        <translation>--db：数据库角色只用于 PostgreSQL；SQLite 现场（单台电脑）只有一个用户</translation>
    </message>
    <message>
        <location filename="../../models/db/roles.py" line="96" />
        <source>--prefix: a role name prefix is lower-case letters, digits and _, starting with a letter: “{prefix}”</source>
        <translation>--prefix：角色名前缀只能由小写字母、数字和 _ 组成，并以字母开头：“{prefix}”</translation>
    </message>
    <message>
        <location filename="../../models/db/roles.py" line="118" />
        <source>--db: the database is not at this program's schema: run `seatwatch db upgrade` first</source>
        <translation>--db：数据库结构与本程序版本不符：请先运行 `seatwatch db upgrade`</translation>
    </message>
</context>
<context>
    <name>Rollup</name>
    <message>
        <location filename="../../models/db/rollup_db.py" line="282" />
        <source>times need a UTC offset</source>
        <extracomment>at most this many intervals per ``close_due`` run (a floor catching up on a year closes it a day per run instead of holding the job for minutes) calls recorded since the last run are looked for among those queued this long before it (a longer call recorded late waits for ``rollup rebuild``) records committed while the last run was reading are looked at again ``close_due`` further behind than this reads old states as a rebuild does a rebuild commits per this many intervals (one day) the reasons that make an away period a break (R-BREAK-1) the advisory lock of rollup builds (the floor log's is another key)</extracomment>
        <translation>时间须带 UTC 偏移</translation>
    </message>
    <message>
        <location filename="../../models/db/rollup_db.py" line="284" />
        <source>the range is empty: --to is not after --from</source>
        <translation>范围为空：--to 不晚于 --from</translation>
    </message>
    <message>
        <location filename="../../models/db/rollup_db.py" line="438" />
        <source>--by: one of hour, day, week, month, shift</source>
        <extracomment>the shift's name of a shift bucket ("" between shifts); None for the others the rollup_queue columns a bucket sums, in :class:`KpiCounts`' order, then the extras</extracomment>
        <translation>--by：须为 hour、day、week、month 或 shift 之一</translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <location filename="../../views/roster_view.py" line="158" />
        <source>Mon</source>
        <extracomment>the first column names the row; the days follow a cell's state for tests and tools: True while its save is under way the row's kind: "leader", "agent" or "total" the row's key: the shift of a leader row, the 工号 of an agent row the value a cell's editor offers for "off" (休) or "no leader" a saved change the leader may undo: (kind, key) of the row it was made on, the day, the person, and what that person had before (shift or None, role)</extracomment>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="159" />
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="160" />
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="161" />
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="162" />
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="163" />
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="164" />
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="168" />
        <source>Off</source>
        <translation>休</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="180" />
        <source>line {n}: {reason}</source>
        <translation>第 {n} 行：{reason}</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="186" />
        <source>CSV columns: date,shift,agent,role (or 日期,班次,工号,角色). The date is YYYY-MM-DD (a night shift counts on the day it starts); the shift is a shift name of the policy; agent is the 工号 (an operator ID on a leader row); role is agent or leader (empty: agent). Saved as UTF-8 or GBK (Excel). The days in the file replace those days' roster.</source>
        <translation>CSV 列：日期,班次,工号,角色（或 date,shift,agent,role）。日期格式 YYYY-MM-DD（夜班按上班当天计）；班次为制度中的班次名称；工号为坐席工号（值班长行填操作员编号）；角色为 agent（坐席）或 leader（值班长），留空按坐席。文件可为 UTF-8 或 GBK（Excel）编码。文件中出现的日期将整体替换当天的排班。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="333" />
        <source>— no leader —</source>
        <extracomment>(row, column, value): the person chose ``value`` for that cell (kind, key) per row: ("leader", shift), ("agent", 工号), ("total", "") (day, person) → slots (kind, key, day) → (requests under way, the text to show meanwhile) (kind, key, day) → (the value chosen, its label): changes not saved yet</extracomment>
        <translation>— 无值班长 —</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="434" />
        <location filename="../../views/roster_view.py" line="889" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="473" />
        <source>{value} (unsaved)</source>
        <translation>{value}（未保存）</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="503" />
        <location filename="../../views/roster_view.py" line="516" />
        <source>{value} (saving…)</source>
        <translation>{value}（保存中…）</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="530" />
        <source>Leader · {shift}</source>
        <translation>值班长 · {shift}</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="532" />
        <source>On duty</source>
        <translation>在岗人数</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="550" />
        <source>{person}: {shift}, last changed by {by}</source>
        <translation>{person}：{shift}，最后由 {by} 修改</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="876" />
        <location filename="../../views/roster_view.py" line="1208" />
        <source>Roster</source>
        <extracomment>a week's roster arrived (or its loading failed) an answer to a cell's save arrived (done, refused or conflict) an answer to an import arrived an answer to a swap arrived the cells of the last save, as they were before it (what "undo" restores) the save (or undo) under way: what each request changed, once answered saves under way; a conflict reloads the week once they are all answered</extracomment>
        <translation>排班表</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="877" />
        <source>◀ Previous week</source>
        <translation>◀ 上一周</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="878" />
        <source>Next week ▶</source>
        <translation>下一周 ▶</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="879" />
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="880" />
        <source>Import roster CSV…</source>
        <translation>导入排班 CSV…</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="881" />
        <source>Swap shifts…</source>
        <translation>调班…</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="882" />
        <source>Double-click a cell to change it: a shift or Off for an agent, the leader for a leader row.</source>
        <translation>双击单元格修改：坐席选择班次或休息，值班长行选择值班长。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="886" />
        <source>Import nothing</source>
        <translation>不导入</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="887" />
        <source>Rows with problems</source>
        <translation>有问题的行</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="888" />
        <source>Swap shifts</source>
        <translation>调班</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="890" />
        <source>gives the shift on</source>
        <translation>让出的班次日期</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="891" />
        <source>With</source>
        <translation>与</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="892" />
        <source>who gives the shift on</source>
        <translation>对方让出的班次日期</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="894" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="895" />
        <source>e.g. family matter, agreed by both</source>
        <translation>例如：家中有事，双方同意</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="897" />
        <source>Swap</source>
        <translation>调班</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="898" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="899" />
        <source>Save changes…</source>
        <translation>保存修改…</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="900" />
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="901" />
        <source>Undo last save</source>
        <translation>撤销上次保存</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="933" />
        <source>{first} – {last} (week {week})</source>
        <translation>{first} – {last}（第 {week} 周）</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="936" />
        <source>this week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="959" />
        <location filename="../../views/roster_view.py" line="970" />
        <source>Loading the roster…</source>
        <translation>正在读取排班…</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="979" />
        <source>The roster could not be loaded: {error}</source>
        <translation>无法读取排班：{error}</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1053" />
        <source>Unsaved: {n} shift changes for {m} people.</source>
        <translation>未保存：{m} 人的 {n} 处排班修改。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1065" />
        <source>Put back the {n} shift changes for {m} people of the last save.</source>
        <translation>恢复上次保存所改的 {m} 人 {n} 处排班。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1075" />
        <source>Discard the unsaved changes ({n} shift changes for {m} people)?</source>
        <translation>放弃未保存的修改（{m} 人的 {n} 处排班）？</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1088" />
        <source>Changes discarded.</source>
        <translation>已放弃修改。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1098" />
        <source>Save {n} shift changes for {m} people?</source>
        <translation>保存 {m} 人的 {n} 处排班修改？</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1103" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1123" />
        <source>Undo the last save ({n} shift changes for {m} people)?</source>
        <translation>撤销上次保存（{m} 人的 {n} 处排班修改）？</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1129" />
        <source>Undoing…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1160" />
        <source>Undone: {n} shift changes put back.</source>
        <translation>已撤销：{n} 处排班已恢复。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1162" />
        <source>Saved: {n} shift changes.</source>
        <translation>已保存：{n} 处排班修改。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1181" />
        <source>Not saved: {error}</source>
        <translation>未保存：{error}</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1195" />
        <source>Not saved: someone else changed this cell. The week is read again.</source>
        <translation>未保存：此单元格已被他人修改，已重新读取本周排班。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1201" />
        <source>shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1240" />
        <source>Import roster CSV</source>
        <translation>导入排班 CSV</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1241" />
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1259" />
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1266" />
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1281" />
        <source>{file}: imported {rows} rows for {days} days.</source>
        <translation>{file}：已导入 {rows} 行，共 {days} 天。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1285" />
        <source>{n} bad rows were left out.</source>
        <translation>{n} 行有问题，未导入。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1292" />
        <source>{file} has rows with problems: nothing was imported.</source>
        <translation>{file} 有问题行：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1298" />
        <source>{file} has no roster rows: nothing was imported.</source>
        <translation>{file} 没有排班行：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1307" />
        <source>Not imported: {error}</source>
        <translation>未导入：{error}</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1320" />
        <source>{file}: {bad} rows have problems, {good} rows are fine. Nothing has been imported: correct the file and import it again, or import the good rows only.</source>
        <translation>{file}：{bad} 行有问题，{good} 行无误。尚未导入任何内容：请修改文件后重新导入，或只导入无误的行。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1326" />
        <source>Import the {n} good rows only</source>
        <translation>只导入无误的 {n} 行</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1399" />
        <source>{agent} works {other}'s {other_shift} on {other_day}; {other} works {agent}'s {shift} on {day}.</source>
        <translation>{agent} 于 {other_day} 顶替 {other} 的{other_shift}；{other} 于 {day} 顶替 {agent} 的{shift}。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1410" />
        <source>Choose two different agents.</source>
        <translation>请选择两名不同的坐席。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1415" />
        <source>Swapping…</source>
        <translation>正在调班…</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1426" />
        <source>Swapped.</source>
        <translation>已调班。</translation>
    </message>
    <message>
        <location filename="../../views/roster_view.py" line="1433" />
        <source>Not swapped: {reason}</source>
        <translation>未调班：{reason}</translation>
    </message>
</context>
<context>
    <name>ShiftOps</name>
    <message>
        <location filename="../../models/db/attendance_db.py" line="163" />
        <source>A correction needs a reason</source>
        <extracomment>how far before a shift a login still counts as coming to that shift</extracomment>
        <translation>更正考勤须填写原因</translation>
    </message>
    <message>
        <location filename="../../models/db/attendance_db.py" line="229" />
        <source>{row}: {why}; nothing was confirmed</source>
        <translation>{row}：{why}；一条也未确认</translation>
    </message>
    <message>
        <location filename="../../models/db/attendance_db.py" line="289" />
        <source>Minutes late and early must be 0–1440</source>
        <translation>迟到/早退分钟须在 0–1440 之间</translation>
    </message>
    <message>
        <location filename="../../models/db/attendance_db.py" line="291" />
        <source>Minutes late or early need the type “late or early”</source>
        <translation>有迟到/早退分钟时类型应为迟到早退</translation>
    </message>
    <message>
        <location filename="../../models/db/attendance_db.py" line="293" />
        <source>“Late or early” needs the minutes late or early</source>
        <translation>迟到早退须填写分钟数</translation>
    </message>
    <message>
        <location filename="../../models/db/attendance_db.py" line="340" />
        <source>The month must be YYYY-MM, got {month}</source>
        <translation>月份格式应为 YYYY-MM，收到的是 {month}</translation>
    </message>
    <message>
        <location filename="../../models/db/meetings_db.py" line="82" />
        <source>One part is longer than {max} characters</source>
        <translation>单项内容超过 {max} 字</translation>
    </message>
    <message>
        <location filename="../../models/db/meetings_db.py" line="86" />
        <source>{agent}: minutes late must be 1–600</source>
        <translation>{agent} 迟到分钟须在 1–600 之间</translation>
    </message>
    <message>
        <location filename="../../models/db/meetings_db.py" line="90" />
        <source>A quiz entry needs an agent and a question</source>
        <translation>抽查须填写工号和问题</translation>
    </message>
    <message>
        <location filename="../../models/db/meetings_db.py" line="237" />
        <source>The minutes are saved, but a notice could not go on the wall: {why}</source>
        <translation>记录已保存，但通知未能上屏：{why}</translation>
    </message>
    <message>
        <location filename="../../models/db/meetings_db.py" line="287" />
        <source>The handover is longer than {max} characters</source>
        <translation>交接内容超过 {max} 字</translation>
    </message>
    <message>
        <location filename="../../models/db/meetings_db.py" line="301" />
        <source>The handover {day} {shift} was acknowledged by {operator} and cannot be changed</source>
        <translation>交接班 {day} {shift} 已由 {operator} 签收，不能再改</translation>
    </message>
    <message>
        <location filename="../../models/db/meetings_db.py" line="338" />
        <source>There is no handover #{id}</source>
        <translation>交接记录 {id} 不存在</translation>
    </message>
    <message>
        <location filename="../../models/db/meetings_db.py" line="348" />
        <source>The outgoing leader cannot acknowledge their own handover</source>
        <translation>交班人不能自己签收</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="135" />
        <source>The role must be agent or leader, got {role}</source>
        <translation>角色无效：须为坐席或班长，收到的是 {role}</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="213" />
        <source>{type} is not a kind of leave</source>
        <translation>{type} 不是假别</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="215" />
        <source>The leave ends before it starts</source>
        <translation>结束日期早于开始日期</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="225" />
        <source>This overlaps leave request #{id}</source>
        <translation>与第 {id} 号请假重叠</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="344" />
        <source>No permission: “{operator}” is not an enabled operator</source>
        <translation>无权限：“{operator}”不是启用的账号</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="349" />
        <source>There is no leave request #{id}</source>
        <translation>请假 {id} 不存在</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="358" />
        <source>Leave request #{id} is already {status}</source>
        <translation>请假 #{id} 已{status}</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="370" />
        <source>This step needs the approval of the {role}</source>
        <translation>需由{role}审批</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="391" />
        <source>approved</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="392" />
        <source>rejected</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="393" />
        <source>cancelled</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="437" />
        <source>{agent} has no single shift on {day} to swap</source>
        <translation>{agent} 在 {day} 没有唯一的班次可换</translation>
    </message>
    <message>
        <location filename="../../models/db/shiftops.py" line="502" />
        <source>Unknown shift {shift} (the policy has: {known})</source>
        <translation>未知班次 {shift}（策略中的班次：{known}）</translation>
    </message>
    <message>
        <location filename="../../models/db/training_db.py" line="51" />
        <source>A training plan is for a week starting on a Monday, not {day}</source>
        <translation>培训计划按周（周一起）制定，{day} 不是周一</translation>
    </message>
    <message>
        <location filename="../../models/db/training_db.py" line="55" />
        <source>A week's training plan holds at most {max} topics</source>
        <translation>一周的培训计划最多 {max} 项</translation>
    </message>
    <message>
        <location filename="../../models/db/training_db.py" line="59" />
        <source>Training topic {n} needs a subject</source>
        <translation>第 {n} 项培训缺少主题</translation>
    </message>
    <message>
        <location filename="../../models/db/training_db.py" line="62" />
        <source>Training topic {n}: a field is longer than {max} characters</source>
        <translation>第 {n} 项培训：有一栏超过 {max} 个字</translation>
    </message>
</context>
<context>
    <name>SignIn</name>
    <message>
        <location filename="../../models/db/console_db.py" line="73" />
        <source>An administrator exists already: sign in with that account</source>
        <translation>已有管理员，请用其账号登录</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="168" />
        <source>The floor database cannot be reached: {error}</source>
        <extracomment>the sign-in session's token: every control carries it, and the host runs a control only under a live session of its operator (issue #13 item 6) the token of the session the last sign-in opened</extracomment>
        <translation>无法连接值班数据库:{error}</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="35" />
        <location filename="../../views/signin.py" line="107" />
        <source>Floor database: {target}</source>
        <translation>值班数据库:{target}</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="46" />
        <location filename="../../views/signin.py" line="123" />
        <source>Operator ID</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="47" />
        <location filename="../../views/signin.py" line="125" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="32" />
        <location filename="../../views/signin.py" line="56" />
        <source>Sign in</source>
        <extracomment>(operator id, password, answer) — answer(None) on success, answer(message) on refusal</extracomment>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="66" />
        <source>Enter your operator ID and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="70" />
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="103" />
        <source>First start — create the administrator</source>
        <extracomment>(operator id, name, password, answer) — answer(None) once created, answer(message) if not</extracomment>
        <translation>首次启动 — 创建管理员</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="105" />
        <source>This floor database has no administrator yet. Create the first one (IT): it creates the other operators and gives them their roles.</source>
        <translation>该值班数据库尚无管理员。请先创建第一位管理员(信息科),再由其创建其他操作员并分配角色。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="124" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="126" />
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="136" />
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="147" />
        <source>Enter an operator ID and a name.</source>
        <translation>请输入工号和姓名。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="150" />
        <source>The password needs at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="154" />
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../views/signin.py" line="159" />
        <source>Creating…</source>
        <translation>正在创建…</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="45" />
        <source>Wrong operator ID or password</source>
        <extracomment>what a person is told for a wrong 工号 or password: the same words for both, so the form does not reveal which 工号 exist</extracomment>
        <translation>工号或密码错误</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="408" />
        <source>Wrong operator ID or password; the account is locked for {minutes} min</source>
        <translation>工号或密码错误，账号已锁定 {minutes} 分钟</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="415" />
        <source>This account is disabled: ask an administrator</source>
        <translation>账号已停用，请联系管理员</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="418" />
        <source>No role is assigned to this account: ask an administrator</source>
        <translation>未分配角色，请联系管理员</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="551" />
        <source>The account is locked: try again in {minutes} min or ask an administrator</source>
        <extracomment>a sign-in session lasts a long shift; a control after that needs a new sign-in</extracomment>
        <translation>账号已锁定，请 {minutes} 分钟后再试或联系管理员</translation>
    </message>
    <message>
        <location filename="../../models/db/operators.py" line="554" />
        <source>Too many attempts: wait {seconds} s</source>
        <translation>尝试过于频繁，请 {seconds} 秒后再试</translation>
    </message>
</context>
<context>
    <name>SlForecast</name>
    <message>
        <location filename="../../models/sim/slforecast.py" line="55" />
        <source>{n} more agents would hold it</source>
        <extracomment>the handle time assumed before any call of the day has ended (seconds) agents taking calls (the pool): ready, ringing, on a call, in after-call work ready now or about to be: ready, rung by a call (answering it), in after-call work the hint of a queue whose projection falls under target (views translate it)</extracomment>
        <translation>再增加 {n} 名坐席可保住目标</translation>
    </message>
    <message>
        <location filename="../../models/sim/slforecast.py" line="56" />
        <source>Too many calls are already lost: no number of agents can hold it</source>
        <translation>已失分过多：增加坐席也无法保住目标</translation>
    </message>
    <message>
        <location filename="../../models/sim/slforecast.py" line="59" />
        <source>The warning clears once the forecast holds for a minute</source>
        <extracomment>the hint of a queue whose warning is held though its projection is back at target</extracomment>
        <translation>保持一分钟后解除预警</translation>
    </message>
</context>
<context>
    <name>Staffing</name>
    <message>
        <location filename="../../console/staffing_backend.py" line="42" />
        <source>The floor database cannot be reached: {error}</source>
        <translation>无法连接楼层数据库：{error}</translation>
    </message>
    <message>
        <location filename="../../console/staffing_backend.py" line="46" />
        <source>Cannot write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../console/staffing_backend.py" line="48" />
        <source>Cannot make the staffing plan: {why}</source>
        <translation>无法生成人力配置计划：{why}</translation>
    </message>
    <message>
        <location filename="../../models/db/staffing_db.py" line="283" />
        <source>A plan covers 1 to {max} days, not {days}</source>
        <extracomment>how many days the gap chart looks ahead when the filter's range is in the past past holidays are looked for this far back (a forecast of 国庆 reads last year's) the longest range the page reads per slot (a year and a bit)</extracomment>
        <translation>计划须覆盖 1 至 {max} 天，而不是 {days} 天</translation>
    </message>
    <message>
        <location filename="../../models/db/staffing_db.py" line="300" />
        <source>A range of at most {max} days, not {days}</source>
        <translation>日期范围最多 {max} 天，而不是 {days} 天</translation>
    </message>
    <message>
        <location filename="../../models/db/staffing_db.py" line="363" />
        <source>A month starts on its 1st, not {day}</source>
        <translation>月份须从 1 日开始，而不是 {day}</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="74" />
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="74" />
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="74" />
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="74" />
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="74" />
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="74" />
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="75" />
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="84" />
        <source>{year}-{month:02d}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="93" />
        <source>Required: {model}, {target}% of calls answered within {t} s</source>
        <translation>需求按 {model} 计算：{target}% 的来电在 {t} 秒内接起</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="96" />
        <source> (callers' mean patience {p} s)</source>
        <translation>（来电者平均耐心 {p} 秒）</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="97" />
        <source>; shrinkage {s}% (people to roster = required ÷ (1 − shrinkage)); forecast: the mean of the same weekday's slot over the last {weeks} weeks, holidays from past holidays</source>
        <translation>；缺勤系数 {s}%（应排人数 = 需求 ÷ (1 − 缺勤系数)）；预测：前 {weeks} 周同星期同时段均值，节假日按往年节假日</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="101" />
        <source>Calls: {queue}; agents: {group}</source>
        <translation>话务：{queue}；坐席：{group}</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="102" />
        <source>every queue</source>
        <translation>全部队列</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="102" />
        <source>every group</source>
        <translation>全部班组</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="364" />
        <source>Per-slot staffing plan for</source>
        <extracomment>a past range longer than this is drawn per day, week or month (agent-hours), not per slot: a quarter of slots is a solid band at any window's width the slot the mouse points at (hidden until it does) emitted when an answer (or a refusal) has been shown</extracomment>
        <translation>分时段人力配置计划：</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="365" />
        <source>Export .xlsx…</source>
        <translation>导出 .xlsx…</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="366" />
        <source>Every 15-minute slot of the month: forecast calls, AHT, agents required, rostered and the gap; due by the 25th for next month (R-REPORT-1)</source>
        <translation>当月每个 15 分钟时段的预测话务量、平均处理时长、需求坐席、排班人数与缺口；下月计划须于 25 日前完成（R-REPORT-1）</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="369" />
        <source>Schedule fit = 1 − Σ|rostered − required| ÷ Σ required over the range's 15-minute slots (DOMAIN §7): 100% when the roster matches the need in every slot; short and surplus agents both count against it.</source>
        <translation>排班契合度 = 1 − Σ|排班人数 − 需求人数| ÷ Σ需求人数（按所选日期内各 15 分钟时段计，DOMAIN §7）：每个时段排班都与需求一致时为 100%；缺员和超配都会降低契合度。</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="373" />
        <source>Logged in</source>
        <translation>实际在岗</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="373" />
        <source>Rostered</source>
        <translation>排班人数</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="374" />
        <source>Required (with shrinkage)</source>
        <translation>需求（含缺勤）</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="379" />
        <location filename="../../views/director/staffing.py" line="547" />
        <source>Agents</source>
        <translation>坐席人数</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="380" />
        <source>Rostered − required</source>
        <translation>排班 − 需求</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="418" />
        <source>Computing the staffing need…</source>
        <translation>正在计算人力需求…</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="444" />
        <source>Rostered − required per 15 minutes</source>
        <translation>每 15 分钟排班缺口（排班 − 需求）</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="447" />
        <source>the next 7 days</source>
        <translation>未来 7 天</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="449" />
        <location filename="../../views/director/staffing.py" line="589" />
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="451" />
        <source>Rostered − required per 15 minutes, {span}</source>
        <translation>每 15 分钟排班缺口（排班 − 需求），{span}</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="456" />
        <source>Staffed vs required</source>
        <translation>实际在岗与需求</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="457" />
        <source>Staffed vs required, {first} to {last}</source>
        <translation>实际在岗与需求，{first} 至 {last}</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="494" />
        <source>Point at a bar to read its slot.</source>
        <translation>将鼠标指向柱条可查看该时段。</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="503" />
        <source>{n} slots short of agents; the largest gap is {gap} at {slot} (required {need}, rostered {rostered}).</source>
        <translation>{n} 个时段缺员；最大缺口 {gap} 人，在 {slot}（需求 {need} 人，排班 {rostered} 人）。</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="508" />
        <source>The roster covers the need in every slot.</source>
        <translation>每个时段的排班都满足需求。</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="511" />
        <source>Nobody is rostered on {n} day(s) ({first} to {last}): the roster is not made yet there.</source>
        <translation>{n} 天（{first} 至 {last}）无人排班：这些日期的排班表尚未编制。</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="516" />
        <source>{n} slots have no history to forecast from.</source>
        <translation>{n} 个时段没有可供预测的历史数据。</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="518" />
        <source>The roster uses shifts the policy does not define, not counted: {shifts}.</source>
        <translation>排班中有策略未定义的班次，未计入：{shifts}。</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="540" />
        <source>Agent-hours</source>
        <translation>人时</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="556" />
        <source>Schedule fit {fit}</source>
        <translation>排班契合度 {fit}</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="558" />
        <source>Point at the chart to read a slot.</source>
        <translation>将鼠标指向图表可查看该时段。</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="568" />
        <source>{slot}: no history to forecast from</source>
        <translation>{slot}：没有可供预测的历史数据</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="591" />
        <source>{span}: logged in {staffed} agent-hours, rostered {rostered}, required {need}; schedule fit {fit}</source>
        <translation>{span}：实际在岗 {staffed} 人时，排班 {rostered} 人时，需求 {need} 人时；排班契合度 {fit}</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="600" />
        <source>{slot}: not rolled up yet</source>
        <translation>{slot}：尚未汇总</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="601" />
        <source>{slot}: calls {calls}, AHT {aht} s, required {need} on the phones, {roster} to roster, rostered {rostered}, gap {gap}</source>
        <translation>{slot}：话务量 {calls}，平均处理时长 {aht} 秒，需在线 {need} 人，应排 {roster} 人，已排 {rostered} 人，缺口 {gap}</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="607" />
        <source>, logged in {staffed}</source>
        <translation>，实际在岗 {staffed}</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="617" />
        <source>Export the staffing plan</source>
        <translation>导出人力配置计划</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="618" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="622" />
        <source>staffing plan {month}.xlsx</source>
        <translation>人力配置计划_{month}.xlsx</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="629" />
        <source>Writing the staffing plan of {month}…</source>
        <translation>正在导出 {month} 的人力配置计划…</translation>
    </message>
    <message>
        <location filename="../../views/director/staffing.py" line="639" />
        <source>Saved the staffing plan of {month} ({n} slots, {short} short of agents) to {path}</source>
        <translation>已导出 {month} 的人力配置计划（{n} 个时段，其中 {short} 个缺员）：{path}</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../console/app.py" line="528" />
        <source>The database server refuses connections (it is not running, or the host or port is wrong)</source>
        <extracomment>the signed-in operator's context for every dialog's backend: one per sign-in what sign_in() shows when the operator switches; tests replace it one console per operator per PC (issue #19): listening at the operator's name</extracomment>
        <translation>数据库服务器拒绝连接（服务未运行，或主机、端口不对）</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="531" />
        <source>The database server does not answer (network, firewall or a wrong host)</source>
        <translation>数据库服务器没有响应（网络、防火墙或主机地址有误）</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="534" />
        <source>The database refused the user name or password</source>
        <translation>数据库拒绝了用户名或密码</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="536" />
        <source>The database does not exist on that server</source>
        <translation>该服务器上没有这个数据库</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="538" />
        <source>The server name is unknown</source>
        <translation>服务器名称无法识别</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="540" />
        <source>The file cannot be opened (permissions, or it is a folder)</source>
        <translation>文件无法打开（权限不足，或这是一个文件夹）</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="542" />
        <source>The file is not a floor database</source>
        <translation>该文件不是楼层数据库</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="543" />
        <source>The database cannot be reached: {error}</source>
        <translation>无法连接数据库：{error}</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="552" />
        <source>The file does not exist: {path}</source>
        <translation>文件不存在：{path}</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="555" />
        <source>none saved</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="556" />
        <source>Neither a database URL nor a saved connection (saved: {known})</source>
        <translation>既不是数据库地址，也不是已保存的连接（已保存：{known}）</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="561" />
        <source>The database holds no Seatwatch floor (a new PostgreSQL floor is set up with seatwatch db upgrade)</source>
        <translation>该数据库中没有 Seatwatch 楼层（新的 PostgreSQL 楼层需先执行 seatwatch db upgrade）</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="564" />
        <source>The database is at schema version {found}; this program needs {needed}</source>
        <translation>数据库结构版本为 {found}，本程序需要 {needed}</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="570" />
        <source>Not a database URL</source>
        <translation>不是有效的数据库地址</translation>
    </message>
    <message>
        <location filename="../../console/app.py" line="575" />
        <source>Unexpected error: {error}</source>
        <translation>意外错误：{error}</translation>
    </message>
</context>
<context>
    <name>StartupError</name>
    <message>
        <location filename="../../views/startup_error.py" line="48" />
        <source>The floor database cannot be opened</source>
        <extracomment>try the same database again (``--db`` value: a URL or a saved profile's name, create a new SQLite file)</extracomment>
        <translation>无法打开楼层数据库</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="49" />
        <source>Could not start</source>
        <translation>无法启动</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="55" />
        <source>The console cannot open the floor database.</source>
        <translation>控制台无法打开楼层数据库。</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="56" />
        <source>The console could not start.</source>
        <translation>控制台无法启动。</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="69" />
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="81" />
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="84" />
        <source>Choose another database…</source>
        <translation>选择其他数据库…</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="90" />
        <source>Saved connection: {name}</source>
        <translation>已保存的连接：{name}</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="98" />
        <source>Saved connections cannot be read: {reason}</source>
        <translation>无法读取已保存的连接：{reason}</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="103" />
        <source>SQLite floor file…</source>
        <translation>SQLite 楼层文件…</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="105" />
        <source>Type a database URL…</source>
        <translation>输入数据库地址…</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="108" />
        <source>New floor database…</source>
        <translation>新建楼层数据库…</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="110" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="126" />
        <location filename="../../views/startup_error.py" line="133" />
        <source>Database: {target}</source>
        <translation>数据库：{target}</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="127" />
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="134" />
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="145" />
        <source>Open a floor database</source>
        <translation>打开楼层数据库</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="146" />
        <source>Floor databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
        <translation>楼层数据库 (*.db *.sqlite *.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="150" />
        <source>New floor database</source>
        <translation>新建楼层数据库</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="151" />
        <source>Floor databases (*.db)</source>
        <translation>楼层数据库 (*.db)</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="155" />
        <source>Database URL</source>
        <translation>数据库地址</translation>
    </message>
    <message>
        <location filename="../../views/startup_error.py" line="156" />
        <source>A database URL, e.g. postgresql://seatwatch@dbhost/seatwatch</source>
        <translation>数据库地址，例如 postgresql://seatwatch@dbhost/seatwatch</translation>
    </message>
</context>
<context>
    <name>State</name>
    <message>
        <location filename="../../models/domain/texts.py" line="115" />
        <source>Logged out</source>
        <extracomment>what a field of a message may hold, so it survives JSON</extracomment>
        <translation>签出</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="116" />
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="117" />
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="118" />
        <source>Talking</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="119" />
        <source>On hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="120" />
        <source>After-call work</source>
        <translation>话后处理</translation>
    </message>
    <message>
        <location filename="../../models/domain/texts.py" line="121" />
        <source>Away</source>
        <translation>离席</translation>
    </message>
</context>
<context>
    <name>Summary</name>
    <message>
        <location filename="../../views/widgets.py" line="70" />
        <source>Away: {list}</source>
        <translation>离席:{list}</translation>
    </message>
    <message>
        <location filename="../../views/widgets.py" line="77" />
        <source>{group} short break {n} / {limit}</source>
        <translation>{group} 小休 {n}/{limit}</translation>
    </message>
</context>
<context>
    <name>Telephony</name>
    <message>
        <location filename="../../console/ami_secret.py" line="52" />
        <source>No AMI secret for {user}@{host}: run `seatwatch telephony set-secret --host {host} --user {user}` on this computer, or set {env} for the service</source>
        <translation>没有 {user}@{host} 的 AMI 密码：请在本机运行 `seatwatch telephony set-secret --host {host} --user {user}`，或为服务设置环境变量 {env}</translation>
    </message>
    <message>
        <location filename="../../console/ami_secret.py" line="63" />
        <source>Cannot store the AMI secret in the system keyring ({error}): on a computer without one, give the service the secret in {env}</source>
        <translation>无法把 AMI 密码存入系统密钥环（{error}）：没有密钥环的电脑请通过环境变量 {env} 把密码交给服务</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="70" />
        <source>{file}: cannot read: {error}</source>
        <translation>{file}：无法读取：{error}</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="87" />
        <source>{file}: valid: {queues} queue(s), {agents} agent(s), {reasons} pause reason(s), {supervisors} supervisor(s); AMI {user}@{host}:{port}</source>
        <translation>{file}：有效：{queues} 个队列、{agents} 名坐席、{reasons} 个暂停原因、{supervisors} 名值班长；AMI {user}@{host}:{port}</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="104" />
        <source>Telephony mapping version {version} applied by {who}</source>
        <translation>话务映射第 {version} 版已由 {who} 应用</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="106" />
        <source>(no changes)</source>
        <translation>（无变化）</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="121" />
        <location filename="../../console/telephony_cli.py" line="235" />
        <source>No telephony mapping has been applied to this floor: apply one with `seatwatch telephony apply --db URL FILE`</source>
        <translation>本楼层尚未应用话务映射：请用 `seatwatch telephony apply --db URL FILE` 应用</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="124" />
        <source>telephony mapping version {version}, applied {at} by {who}</source>
        <translation>话务映射第 {version} 版，{at} 由 {who} 应用</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="136" />
        <source>AMI secret for {user}@{host}: </source>
        <translation>{user}@{host} 的 AMI 密码：</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="138" />
        <source>AMI secret for {user}@{host} (again): </source>
        <translation>{user}@{host} 的 AMI 密码（再输一次）：</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="146" />
        <source>The two secrets differ: nothing stored</source>
        <translation>两次输入的密码不一致：未保存</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="148" />
        <source>Empty secret: nothing stored</source>
        <translation>密码为空：未保存</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="161" />
        <source>--host and --user are needed (or --db of a floor with an applied mapping)</source>
        <translation>须指定 --host 和 --user（或指定已应用话务映射的楼层的 --db）</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="165" />
        <location filename="../../console/telephony_cli.py" line="194" />
        <source>--host: not a host name or an IP address: {value}</source>
        <translation>--host：不是主机名或 IP 地址：{value}</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="168" />
        <location filename="../../console/telephony_cli.py" line="197" />
        <source>--user: an AMI user is letters, digits, _ - or . (at most 80): {value}</source>
        <translation>--user：AMI 用户名只能由字母、数字、_、- 或 . 组成（最多 80 个）：{value}</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="172" />
        <source>AMI secret for {user}@{host} stored in the system keyring</source>
        <translation>{user}@{host} 的 AMI 密码已存入系统密钥环</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="201" />
        <source>--port: must be 1 to 65535, not {value}</source>
        <translation>--port：须为 1 到 65535，而不是 {value}</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="205" />
        <source>{file}: exists; choose another --out or add --force</source>
        <translation>{file}：文件已存在；请换一个 --out，或加 --force 覆盖</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="217" />
        <source>{file}: cannot write: {error}</source>
        <translation>{file}：无法写入：{error}</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="219" />
        <source>{file}: {queues} queue(s), {agents} agent(s), {reasons} pause reason(s) found on {banner}; review it, then `seatwatch telephony apply`</source>
        <translation>{file}：在 {banner} 上发现 {queues} 个队列、{agents} 名坐席、{reasons} 个示忙原因；请核对后执行 `seatwatch telephony apply`</translation>
    </message>
    <message>
        <location filename="../../console/telephony_cli.py" line="240" />
        <source>mapping version {version}</source>
        <translation>映射版本 {version}</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="86" />
        <source>{where}: connection refused (nothing listens on that port)</source>
        <extracomment>bytes received without a first line end: no AMI peer greets like that</extracomment>
        <translation>{where}：连接被拒绝（该端口没有服务在监听）</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="90" />
        <source>{where}: timed out connecting after {seconds} s</source>
        <translation>{where}：连接超时（{seconds} 秒）</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="94" />
        <source>{where}: unknown host</source>
        <translation>{where}：未知主机</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="96" />
        <source>{where}: cannot connect: {error}</source>
        <translation>{where}：无法连接：{error}</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="116" />
        <location filename="../../console/ami_probe.py" line="156" />
        <source>{where}: the connection failed during {step}: {error}</source>
        <translation>{where}：{step}时连接出错：{error}</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="121" />
        <source>{where}: closed the connection without an AMI greeting: not an AMI port</source>
        <translation>{where}：对方未发送 AMI 问候信息就关闭了连接：这不是 AMI 端口</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="124" />
        <source>{where}: Asterisk closed the connection during {step}</source>
        <translation>{where}：Asterisk 在{step}时关闭了连接</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="132" />
        <source>the greeting</source>
        <translation>问候信息</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="137" />
        <source>{where}: not an AMI port: it answered "{answer}"</source>
        <translation>{where}：这不是 AMI 端口：对方回答“{answer}”</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="143" />
        <source>{where}: no AMI greeting within {seconds} s: not an AMI port</source>
        <translation>{where}：{seconds} 秒内没有收到 AMI 问候信息：这不是 AMI 端口</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="164" />
        <source>{where}: no answer to {action} within {seconds} s</source>
        <translation>{where}：{seconds} 秒内 {action} 没有应答</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="188" />
        <source>the login</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="190" />
        <source>{where}: login refused for user {user}: {reason}</source>
        <translation>{where}：用户 {user} 登录被拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="198" />
        <source>{where}: Asterisk refused {action}: {reason}</source>
        <translation>{where}：Asterisk 拒绝了 {action}：{reason}</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="239" />
        <source>Asterisk queue {queue}: not in the mapping</source>
        <translation>Asterisk 队列 {queue}：映射中没有</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="242" />
        <source>queue {queue} → {seatwatch} {name}: mapped</source>
        <translation>队列 {queue} → {seatwatch} {name}：已映射</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="253" />
        <source>Asterisk member {member} ({interface}) in queue {queue}: not in the mapping</source>
        <translation>Asterisk 队列 {queue} 的成员 {member}（{interface}）：映射中没有</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="258" />
        <source>member {member} ({interface}) in queue {queue} → agent {agent}: mapped</source>
        <translation>队列 {queue} 的成员 {member}（{interface}）→ 坐席 {agent}：已映射</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="265" />
        <source>mapped queue {queue} ({seatwatch}): Asterisk has no such queue</source>
        <translation>映射中的队列 {queue}（{seatwatch}）：Asterisk 没有这个队列</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="270" />
        <source>mapped agent {agent} ({interface}): not a member of any Asterisk queue</source>
        <translation>映射中的坐席 {agent}（{interface}）：不是任何 Asterisk 队列的成员</translation>
    </message>
    <message>
        <location filename="../../console/ami_probe.py" line="278" />
        <source>{where}: {banner}, {queues} queues, {members} members, {channels} channels</source>
        <translation>{where}：{banner}，{queues} 个队列，{members} 个队列成员，{channels} 个通道</translation>
    </message>
    <message>
        <location filename="../../models/telephony/translate.py" line="50" />
        <source>ended while the telephony link was down</source>
        <extracomment>the note of a call the resync closes: it ended while nobody was listening</extracomment>
        <translation>话务平台连接中断期间结束</translation>
    </message>
    <message>
        <location filename="../../models/telephony/translate.py" line="52" />
        <source>corrected from Asterisk after the link came back</source>
        <extracomment>the note of a state the resync corrected</extracomment>
        <translation>连接恢复后按话务平台状态校正</translation>
    </message>
</context>
<context>
    <name>TelephonyLink</name>
    <message>
        <location filename="../../views/alerts/panel.py" line="257" />
        <location filename="../../views/widgets.py" line="154" />
        <source>{title}. {note}</source>
        <extracomment>an acknowledge or resolve answer (done or refused) is on screen the escalation trail's answer is on screen the history's answer is on screen how long a done message ("已解除。") stays alert id -&gt; "ack" | "resolve" on its way from this console; kept after the answer until the feed shows the effect, so nobody clicks twice meanwhile</extracomment>
        <translation>{title}。{note}</translation>
    </message>
    <message>
        <location filename="../../views/widgets.py" line="114" />
        <source>Telephony link down since {time}</source>
        <translation>话务平台连接中断（自 {time}）</translation>
    </message>
    <message>
        <location filename="../../views/widgets.py" line="119" />
        <source>Alerts that depend on live telephony state may be incomplete.</source>
        <translation>依赖实时话务状态的告警可能不完整。</translation>
    </message>
</context>
<context>
    <name>TrainingPlan</name>
    <message>
        <location filename="../../views/training_view.py" line="66" />
        <source>Subject</source>
        <translation>培训主题</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="67" />
        <source>Trainer</source>
        <translation>培训人</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="68" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="69" />
        <source>Who attends</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="76" />
        <source>Everyone</source>
        <translation>全体</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="109" />
        <location filename="../../views/training_view.py" line="204" />
        <source>Training plan</source>
        <extracomment>a week's plan is on screen (loaded, saved or the other leader's) an answer to Save (done, refused or conflict) is on screen the plan the form was loaded from (None until the first answer) asks the leader before unsaved topics are dropped (tests answer it)
----------
the Monday of the week on screen (none until the first set_week)</extracomment>
        <translation>培训计划</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="205" />
        <source>Week of:</source>
        <translation>周次：</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="206" />
        <source>Previous week</source>
        <translation>上一周</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="207" />
        <source>Next week</source>
        <translation>下一周</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="208" />
        <source>&amp;Subject:</source>
        <translation>培训主题(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="209" />
        <source>&amp;Trainer:</source>
        <translation>培训人(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="210" />
        <source>W&amp;hen:</source>
        <translation>时间(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="211" />
        <source>Who &amp;attends:</source>
        <translation>参加人员(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="215" />
        <source>e.g. Tuesday 14:00–15:00</source>
        <translation>如：周二 14:00–15:00</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="217" />
        <source>Groups, or empty for everyone</source>
        <translation>填班组；不填即全体</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="218" />
        <source>A&amp;dd topic</source>
        <translation>添加(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="219" />
        <source>&amp;Change selected</source>
        <translation>修改所选(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="220" />
        <source>&amp;Remove selected</source>
        <translation>删除所选(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="221" />
        <source>Sa&amp;ve</source>
        <translation>保存(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="222" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="229" />
        <source>Close without saving your changes to the plan?</source>
        <translation>不保存对培训计划的修改就关闭吗？</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="252" />
        <source>Drop your unsaved changes to this week's plan?</source>
        <translation>放弃对这一周培训计划未保存的修改吗？</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="266" />
        <source>The unsaved changes of the other week were dropped.</source>
        <translation>另一周未保存的修改已放弃。</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="275" />
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="284" />
        <source>No plan for this week yet: add its topics and save.</source>
        <translation>本周还没有培训计划：添加培训项后保存。</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="304" />
        <source>Not saved yet.</source>
        <translation>尚未保存。</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="306" />
        <source>Saved by {who} at {when} (version {version}).</source>
        <translation>{who} 于 {when} 保存（第 {version} 版）。</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="345" />
        <source>Changed, not saved yet.</source>
        <translation>已修改，尚未保存。</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="352" />
        <location filename="../../views/training_view.py" line="364" />
        <source>Write the topic's subject first.</source>
        <translation>请先填写培训主题。</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="398" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="406" />
        <source>Saved: {n} topic(s) for the week of {week}.</source>
        <translation>已保存：{week} 起一周共 {n} 项培训。</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="420" />
        <source>Topics</source>
        <translation>培训项</translation>
    </message>
    <message>
        <location filename="../../views/training_view.py" line="426" />
        <source>Not saved: someone else saved this week's plan first; theirs is shown.</source>
        <translation>未保存：他人已先保存本周培训计划，现显示其版本。</translation>
    </message>
</context>
<context>
    <name>UrgentBanner</name>
    <message>
        <location filename="../../views/alerts/banners.py" line="132" />
        <source>URGENT TICKET ESCALATED ({why})</source>
        <extracomment>names listed in a banner before "and n more"</extracomment>
        <translation>急件已升级({why})</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="136" />
        <source>URGENT TICKET</source>
        <translation>急件</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="137" />
        <source>{what} · not acknowledged for {age} · {title} · {agent} · raised {time}</source>
        <translation>{what} · 已 {age} 无人确认 · {title} · {agent} · {time} 发生</translation>
    </message>
    <message>
        <location filename="../../views/alerts/banners.py" line="143" />
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
</context>
<context>
    <name>Wallboard</name>
    <message>
        <location filename="../../views/wallboard.py" line="118" />
        <source>Overview</source>
        <extracomment>the telephony-link band (issue #14): its own colour, apart from the red of the "data interrupted" overlay and darker than every state colour state colours of the wall: saturated, apart in lightness as well as hue</extracomment>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="119" />
        <source>Agents</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="120" />
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="121" />
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="125" />
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="126" />
        <source>On a call</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="127" />
        <source>After-call</source>
        <translation>话后</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="128" />
        <source>Short break</source>
        <translation>小休</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="129" />
        <source>Away</source>
        <translation>离席</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="130" />
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="131" />
        <source>Logged out</source>
        <translation>签出</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="138" />
        <source>Awaiting the shift leader</source>
        <translation>待值班长确认</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="140" />
        <source>Escalated to the director</source>
        <translation>已上报主任</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="170" />
        <source>Target {sign} {value}</source>
        <translation>目标 {sign} {value}</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="787" />
        <source>, </source>
        <extracomment>Qt draws a glyph larger than this (device pixels) as a path, every time: its glyph cache stops there (QT_MAX_CACHED_GLYPH_SIZE, kept at its default: raised, Qt drew no big glyph at all, issue #12 item 1) text up to Qt's glyph-cache size is drawn by QPainter at its place (its glyphs come from Qt's cache; only the rect layout is saved): an agents page's times change every second, and rendering 250 new pictures a second cost more than it saved (agents page CPU p50 21.6 ms against 14.6 ms, 4K, a clock ticking) None: every text laid out and drawn by QPainter as it comes (the reference the cached drawing is compared with) the telephony-link band under the header while the link is down (issue #14) the clock's zone until the floor's policy arrives (the layout's, or the one last seen from the floor); None: this PC's (issue #12 item 19) server time up to which the floor is known (last heartbeat seen) started without --db on a PC with no connection and no floor file (issue #19) issue #20: texts laid out (and big ones rendered) once, drawn every frame; False draws every text through QPainter as it comes (the reference) issue #20: the grid's order and surnames, sorted once per change of the floor's agents; and how many squares the grid has (its pages), on every page issue #17: the live SL forecast, computed at most once a second the warning band under the queue table, % of the screen height: read from 8 m</extracomment>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="790" />
        <source>Forecast back at the target {target}: {queues}</source>
        <translation>预测已回到目标 {target}：{queues}</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="794" />
        <source>Forecast under the target {target}: {queues}</source>
        <translation>服务水平预测低于目标 {target}：{queues}</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="841" />
        <source>{text} — {who}</source>
        <translation>{text} —— {who}</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="904" />
        <source>Waiting for the floor…</source>
        <translation>正在等待话务数据…</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="942" />
        <source>Call floor</source>
        <translation>坐席监控大屏</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="949" />
        <source>{page} {n}/{m}</source>
        <translation>{page} {n}/{m}</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="955" />
        <source>Between shifts</source>
        <translation>班次间隙</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="956" />
        <source>{shift} since {start}</source>
        <translation>{shift} {start} 起</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="963" />
        <source>Peak plan L{level}</source>
        <translation>高峰预案 {level} 级</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="989" />
        <source>Waiting now</source>
        <translation>排队等待</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="993" />
        <location filename="../../views/wallboard.py" line="1237" />
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="996" />
        <source>Service level ({t} s)</source>
        <translation>服务水平({t} 秒)</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1003" />
        <location filename="../../views/wallboard.py" line="1242" />
        <source>Answer rate</source>
        <translation>接通率</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1013" />
        <location filename="../../views/wallboard.py" line="1243" />
        <source>Answered</source>
        <translation>已接听</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1014" />
        <source>of {n} offered</source>
        <translation>呼入 {n} 通</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1018" />
        <location filename="../../views/wallboard.py" line="1244" />
        <source>Abandoned</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1019" />
        <source>{rate}% · target ≤ {target}%</source>
        <translation>放弃率 {rate}% · 目标 ≤ {target}%</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1023" />
        <location filename="../../views/wallboard.py" line="1245" />
        <source>IVR only</source>
        <translation>自助语音</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1024" />
        <source>self-service, this shift</source>
        <translation>本班次 IVR 自助完成</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1093" />
        <source>Nobody on a short break</source>
        <translation>当前无人小休</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1099" />
        <source>{group} short break {n}/{max}</source>
        <translation>{group} 小休 {n}/{max}</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1115" />
        <source>+{n} more</source>
        <translation>另有 {n} 个</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1143" />
        <source>{n} logged in</source>
        <translation>在线 {n} 人</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1146" />
        <source>No agent is logged in</source>
        <translation>当前无坐席签入</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1235" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1236" />
        <source>Waiting</source>
        <translation>等待</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1238" />
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1240" />
        <source>This interval</source>
        <translation>本时段</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1241" />
        <source>Forecast</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1267" />
        <source>No queues are set up</source>
        <translation>尚未配置队列</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1327" />
        <source>No active alerts</source>
        <translation>当前没有告警</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1344" />
        <source>URGENT</source>
        <translation>急件</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1354" />
        <source>Ticket {id} · {category}</source>
        <translation>工单 {id} · {category}</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1357" />
        <source>Whole floor</source>
        <translation>全场</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1363" />
        <source>Acknowledged: {who}</source>
        <translation>已确认:{who}</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1364" />
        <source>Not acknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1370" />
        <source>+{n} more alerts on the shift leader's console</source>
        <translation>另有 {n} 条告警,请看值班长控制台</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1390" />
        <source>Notice</source>
        <translation>公告</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1395" />
        <source>No announcements</source>
        <translation>暂无公告</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1467" />
        <source>Data interrupted</source>
        <translation>数据中断</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1470" />
        <source>since {time}</source>
        <translation>自 {time} 起</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1472" />
        <source>no data received yet</source>
        <translation>尚未收到数据</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1473" />
        <source>The figures are not current. The board reconnects by itself.</source>
        <translation>数据不是最新,大屏会自动重连。</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1478" />
        <source>This PC has no floor database yet</source>
        <translation>这台电脑还没有设置值班数据库</translation>
    </message>
    <message>
        <location filename="../../views/wallboard.py" line="1479" />
        <source>Set it up once with the shift leader console on this PC, or have IT save a connection; then start the wall screen again.</source>
        <translation>请在这台电脑上打开一次“值班长控制台”完成首次设置，或由信息科保存连接配置；然后重新打开大屏。</translation>
    </message>
    <message>
        <location filename="../../console/wallboard_app.py" line="83" />
        <source>Wallboard</source>
        <extracomment>the floor's time zone as last seen from the floor, kept on the wall PC</extracomment>
        <translation>大屏</translation>
    </message>
</context>
</TS>