<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Cli</name>
    <message>
        <source>the output must be a .pdf file: {file}</source>
        <translation>输出须为 .pdf 文件：{file}</translation>
    </message>
    <message>
        <source>the month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>FILE.pdf</source>
        <translation>要写入的 PDF 文件：FILE.pdf</translation>
    </message>
    <message>
        <source>wrote {file}</source>
        <translation>已写入 {file}</translation>
    </message>
    <message>
        <source>the swap&apos;s number</source>
        <translation>换班申请的编号</translation>
    </message>
    <message>
        <source>the month (default: every month)</source>
        <translation>月份（默认为所有月份）</translation>
    </message>
    <message>
        <source>FILE.csv or FILE.xlsx</source>
        <translation>要写入的文件：FILE.csv 或 FILE.xlsx</translation>
    </message>
    <message>
        <source>exported {count} swap(s) to {file}</source>
        <translation>已导出 {count} 条换班记录到 {file}</translation>
    </message>
    <message>
        <source>the duty roster of a month (PDF)</source>
        <translation>某月的排班表（PDF）</translation>
    </message>
    <message>
        <source>a shift swap registration form (PDF)</source>
        <translation>换班登记表（PDF）</translation>
    </message>
    <message>
        <source>shift swaps to CSV/XLSX</source>
        <translation>将换班记录导出为 CSV/XLSX</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <source>Describe the state of the equipment.</source>
        <translation>请填写设备情况。</translation>
    </message>
    <message>
        <source>The incoming agent is someone else.</source>
        <translation>接班人应是另一位同事。</translation>
    </message>
    <message>
        <source>This handover is already acknowledged.</source>
        <translation>这条交接已经确认过了。</translation>
    </message>
    <message>
        <source>Only {name}, the incoming agent, can acknowledge it.</source>
        <translation>只有接班人{name}可以确认这条交接。</translation>
    </message>
    <message>
        <source>You cannot acknowledge your own handover.</source>
        <translation>不能确认自己写的交接。</translation>
    </message>
    <message>
        <source>This issue is already closed.</source>
        <translation>这个问题已经关闭。</translation>
    </message>
    <message>
        <source>Say how the issue was settled.</source>
        <translation>请写明问题是如何解决的。</translation>
    </message>
    <message>
        <source>{shift}: {taker} works for {giver} (swap no. {id})</source>
        <translation>{shift}：{taker}替{giver}上班（换班单 {id} 号）</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <source>Only agents and managers work shifts, so only they write, acknowledge and close handovers.</source>
        <translation>只有坐席和主管上班值班，因此只有他们可以填写、确认交接班记录和关闭问题。</translation>
    </message>
    <message>
        <source>Open difficult issues (carried over until closed)</source>
        <translation>未关闭的疑难问题（关闭前每次交接都会延续）</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <source>Raised by</source>
        <translation>提出人</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Close the issue…</source>
        <translation>关闭问题…</translation>
    </message>
    <message>
        <source>Hand over my shift</source>
        <translation>我要交班</translation>
    </message>
    <message>
        <source>Computers, headsets, phones, systems…</source>
        <translation>电脑、耳麦、电话、系统…</translation>
    </message>
    <message>
        <source>One difficult open issue per line</source>
        <translation>每行一个未解决的疑难问题</translation>
    </message>
    <message>
        <source>Incoming agent</source>
        <translation>接班人</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Equipment status</source>
        <translation>设备情况</translation>
    </message>
    <message>
        <source>Staffing changes</source>
        <translation>人员调班</translation>
    </message>
    <message>
        <source>New difficult issues</source>
        <translation>新的疑难问题</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Save the handover</source>
        <translation>保存交接</translation>
    </message>
    <message>
        <source>Handover history</source>
        <translation>交接记录</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>交班人</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>接班人</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认接班</translation>
    </message>
    <message>
        <source>Show older entries</source>
        <translation>显示更早的记录</translation>
    </message>
    <message>
        <source>Acknowledge: I have taken over</source>
        <translation>确认接班</translation>
    </message>
    <message>
        <source>— not named —</source>
        <translation>— 未指定 —</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <source>the handover being written</source>
        <translation>正在填写的交接记录</translation>
    </message>
    <message>
        <source>Choose an issue in the list first.</source>
        <translation>请先在列表中选择一个问题。</translation>
    </message>
    <message>
        <source>Issues raised</source>
        <translation>本次提出的问题</translation>
    </message>
    <message>
        <source>Open issues carried over</source>
        <translation>延续的未解决问题</translation>
    </message>
    <message>
        <source>Handover log</source>
        <translation>交接日志</translation>
    </message>
    <message>
        <source>Close the issue</source>
        <translation>关闭问题</translation>
    </message>
    <message>
        <source>How was it settled?
{issue}</source>
        <translation>问题是如何解决的？
{issue}</translation>
    </message>
    <message>
        <source>{text} — closed {at} by {by}: {how}</source>
        <translation>{text} —— {at} 由{by}关闭：{how}</translation>
    </message>
    <message>
        <source>{text} — open</source>
        <translation>{text} —— 未解决</translation>
    </message>
</context>
<context>
    <name>HolidayDialog</name>
    <message>
        <source>Public holidays and adjusted working days</source>
        <translation>法定节假日与调休上班日</translation>
    </message>
    <message>
        <source>Public holiday</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <source>Adjusted working day (调休上班)</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>As the calendar says (remove my entry)</source>
        <translation>按日历（删除我的设定）</translation>
    </message>
    <message>
        <source>e.g. 春节</source>
        <translation>例如：春节</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>The calendar says</source>
        <translation>日历显示</translation>
    </message>
    <message>
        <source>Mark as</source>
        <translation>标记为</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>Holidays</name>
    <message>
        <source>Adjusted working day</source>
        <translation>调休上班</translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>At most 60 characters.</source>
        <translation>最多 60 个字符。</translation>
    </message>
    <message>
        <source>Public holiday</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <source>Weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>工作日</translation>
    </message>
</context>
<context>
    <name>Leave</name>
    <message>
        <source>Personal leave</source>
        <translation>事假</translation>
    </message>
    <message>
        <source>Sick leave</source>
        <translation>病假</translation>
    </message>
    <message>
        <source>Annual leave</source>
        <translation>年假</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Waiting for the manager</source>
        <translation>待经理审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Give the start of the leave.</source>
        <translation>请填写请假开始时间。</translation>
    </message>
    <message>
        <source>Give the end of the leave.</source>
        <translation>请填写请假结束时间。</translation>
    </message>
    <message>
        <source>The leave must end after it starts.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>You can only ask leave for yourself.</source>
        <translation>只能为自己请假。</translation>
    </message>
    <message>
        <source>Choose the kind of leave.</source>
        <translation>请选择请假类型。</translation>
    </message>
    <message>
        <source>Give a reason for the leave.</source>
        <translation>请填写请假原因。</translation>
    </message>
    <message>
        <source>You already asked leave for part of this time.</source>
        <translation>这段时间内已有你的请假申请。</translation>
    </message>
    <message>
        <source>Leave no. {id} is {state}: this step is not possible now.</source>
        <translation>请假单 {id} 号当前状态为“{state}”，现在不能进行这一步。</translation>
    </message>
    <message>
        <source>You cannot decide your own leave: another manager must.</source>
        <translation>不能审批自己的请假，须由其他经理审批。</translation>
    </message>
    <message>
        <source>No shift of {name} falls in the leave.</source>
        <translation>请假期间 {name} 没有排班。</translation>
    </message>
    <message>
        <source>{substitute} takes over: {shifts}.</source>
        <translation>由 {substitute} 顶班：{shifts}。</translation>
    </message>
    <message>
        <source>{shift} stays unstaffed: {why}</source>
        <translation>{shift} 无人值班：{why}</translation>
    </message>
    <message>
        <source>no substitute is named.</source>
        <translation>未指定顶班人。</translation>
    </message>
    <message>
        <source>{name} works {shift} then.</source>
        <translation>{name} 当时在上{shift}。</translation>
    </message>
    <message>
        <source>A rule is not met: approving needs a written reason for the exception.</source>
        <translation>有规则未满足：批准须写明特批理由。</translation>
    </message>
    <message>
        <source>stands in for {name} (leave no. {id})</source>
        <translation>替 {name} 顶班（请假单 {id}）</translation>
    </message>
    <message>
        <source>Say why the leave is rejected.</source>
        <translation>请写明驳回请假的理由。</translation>
    </message>
    <message>
        <source>Only the one who asked can withdraw the leave.</source>
        <translation>只有申请人本人可以撤回请假。</translation>
    </message>
    <message>
        <source>Leave no. {id} has begun: it can no longer be withdrawn.</source>
        <translation>请假 {id} 已开始，不能再撤回。</translation>
    </message>
</context>
<context>
    <name>LeaveRequestDialog</name>
    <message>
        <source>Ask for leave</source>
        <translation>请假申请</translation>
    </message>
    <message>
        <source>— none —</source>
        <translation>— 无 —</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Substitute</source>
        <translation>代班人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Leave of more than a day is asked a day ahead and names a substitute.</source>
        <translation>请假超过一天须提前一天申请，并指定代班人。</translation>
    </message>
    <message>
        <source>Send to the manager</source>
        <translation>提交经理审批</translation>
    </message>
    <message>
        <source>Checking the rules…</source>
        <translation>正在核对规则…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在提交…</translation>
    </message>
</context>
<context>
    <name>PatternDialog</name>
    <message>
        <source>Repeat a week across the month</source>
        <translation>按一周排班重复到整月</translation>
    </message>
    <message>
        <source>Every other week of {month} gets the shifts of the week starting on the chosen day, weekday by weekday, replacing what those days had; days already past keep their history. Weekday shifts are not copied onto public holidays: a holiday on a weekday gets the weekend duty, and an adjusted working day on a weekend gets weekday shifts. Shifts changed by approved swaps stay as the swaps left them.</source>
        <translation>{month} 的其他各周按所选日期开始的那一周逐日（按星期）排班，替换这些日期原有的班次；已过去的日期保留原记录。工作日班次不会复制到法定节假日：落在工作日的节假日安排周末值班，落在周末的调休上班日安排工作日班次。已批准换班所改动的班次保持换班后的样子。</translation>
    </message>
    <message>
        <source>Week starting on</source>
        <translation>起始日期</translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <source>Mon</source>
        <translation>一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>* changed by a swap or a leave substitute; ! shift during approved leave; # overlapping shifts</source>
        <translation>* 因换班或请假顶班而变动；! 已批准请假期间的班次；# 班次时间重叠</translation>
    </message>
    <message>
        <source>Red columns: public holidays; blue columns: adjusted working days (调休).</source>
        <translation>红色列：法定节假日；蓝色列：调休上班日。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Prepared by: ______________    Department manager: ______________    Date: ______________</source>
        <translation>制表人：______________    部门经理：______________    日期：______________</translation>
    </message>
    <message>
        <source>Duty roster</source>
        <translation>值班表</translation>
    </message>
    <message>
        <source>{name} cannot be put on the roster.</source>
        <translation>{name}不能排班。</translation>
    </message>
    <message>
        <source>The shift {shift} is no longer used.</source>
        <translation>班次“{shift}”已停用。</translation>
    </message>
    <message>
        <source>That shift is no longer in use; choose another one in the list.</source>
        <translation>该班次已停用，请在列表中另选一个。</translation>
    </message>
    <message>
        <source>Overlapping shifts</source>
        <translation>班次时间重叠</translation>
    </message>
    <message>
        <source>On approved leave during this shift</source>
        <translation>该班次处于已批准的请假期间</translation>
    </message>
</context>
<context>
    <name>RosterDemo</name>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>roster: {entries} shifts {first}..{last}, swaps ({states}), {leaves} leave requests, {handovers} handovers</source>
        <translation>排班：{first} 至 {last} 共 {entries} 个班次，换班（{states}），请假申请 {leaves} 条，交接记录 {handovers} 条</translation>
    </message>
</context>
<context>
    <name>RosterGrid</name>
    <message>
        <source>Mon</source>
        <translation>一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Hol</source>
        <translation>休</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>班</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <source>Duty roster</source>
        <translation>值班表</translation>
    </message>
    <message>
        <source>My swaps and leave</source>
        <translation>我的换班与请假</translation>
    </message>
    <message>
        <source>Approval inbox</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Previous month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>Next month</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Repeat a week…</source>
        <translation>按周重复…</translation>
    </message>
    <message>
        <source>Holidays…</source>
        <translation>节假日…</translation>
    </message>
    <message>
        <source>Shifts…</source>
        <translation>班次设置…</translation>
    </message>
    <message>
        <source>A click on a cell adds or removes:</source>
        <translation>单击格子添加或取消：</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Clear the day</source>
        <translation>清空当天</translation>
    </message>
    <message>
        <source>my shifts</source>
        <translation>我的班次</translation>
    </message>
    <message>
        <source>public holiday</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <source>adjusted working day</source>
        <translation>调休上班日</translation>
    </message>
    <message>
        <source>shift during approved leave</source>
        <translation>请假期间的班次</translation>
    </message>
    <message>
        <source>overlapping shifts</source>
        <translation>班次重叠</translation>
    </message>
    <message>
        <source>Loading the roster…</source>
        <translation>正在读取排班表…</translation>
    </message>
    <message>
        <source>{n} shifts were added to the month.</source>
        <translation>本月新增了 {n} 个班次。</translation>
    </message>
    <message>
        <source>Filling the month…</source>
        <translation>正在排班…</translation>
    </message>
    <message>
        <source>Edit roster</source>
        <translation>编辑排班</translation>
    </message>
    <message>
        <source>Turn on to add or remove shifts by clicking the cells; turn off when done.</source>
        <translation>按下后单击格子即可添加或取消班次；改完后再按一次结束编辑。</translation>
    </message>
    <message>
        <source>changed by a swap or a leave substitute</source>
        <translation>因换班或请假顶班而变动</translation>
    </message>
    <message>
        <source>To change the roster, first press “Edit roster”.</source>
        <translation>要修改排班，请先按“编辑排班”。</translation>
    </message>
    <message>
        <source>{n} shifts changed by approved swaps were kept as the swaps left them.</source>
        <translation>已保留 {n} 个经批准换班改动的班次，保持换班后的安排。</translation>
    </message>
    <message>
        <source>Adjusted working days got weekday shifts (Saturday those of Friday, Sunday those of Monday): {days}. Please check them.</source>
        <translation>调休上班日已安排工作日班次（周六按周五、周日按周一）：{days}。请核对。</translation>
    </message>
    <message>
        <source>Public holidays on weekdays got weekend duty (Monday and Tuesday that of Sunday, Wednesday to Friday that of Saturday): {days}. Please check them.</source>
        <translation>落在工作日的法定节假日已安排周末值班（周一、周二按周日，周三至周五按周六）：{days}。请核对。</translation>
    </message>
    <message>
        <source>Shift swaps</source>
        <translation>换班</translation>
    </message>
    <message>
        <source>Ask for a swap…</source>
        <translation>申请换班…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Print the form…</source>
        <translation>打印登记表…</translation>
    </message>
    <message>
        <source>Everyone&apos;s requests</source>
        <translation>所有人的申请</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>换班同事</translation>
    </message>
    <message>
        <source>Shift given</source>
        <translation>换出班次</translation>
    </message>
    <message>
        <source>Shift returned</source>
        <translation>还班班次</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Ask for leave…</source>
        <translation>申请请假…</translation>
    </message>
    <message>
        <source>Only agents and managers take shifts, so only they ask for swaps and leave.</source>
        <translation>只有坐席和主管上班值班，因此只有他们可以申请换班和请假。</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Substitute</source>
        <translation>代班人</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>值班</translation>
    </message>
    <message>
        <source>Accept the swap</source>
        <translation>同意换班</translation>
    </message>
    <message>
        <source>Some rules are not met (see the list). Accept all the same? The manager decides on them.</source>
        <translation>有些规则未满足（见列表）。仍然同意吗？这些问题将由经理决定。</translation>
    </message>
    <message>
        <source>Withdraw swap no. {id}?</source>
        <translation>撤回换班单 {id} 号？</translation>
    </message>
    <message>
        <source>Waiting for your decision</source>
        <translation>等待你审批</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Duty roster {year}-{month:02d}</source>
        <translation>{year}年{month:02d}月值班表</translation>
    </message>
    <message>
        <source>Swap form no. {id}</source>
        <translation>第 {id} 号换班登记表</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Rules not met</source>
        <translation>未满足的规则</translation>
    </message>
    <message>
        <source>Only when approving although a rule is not met: why the exception</source>
        <translation>仅在规则未满足仍要批准时填写：特批理由</translation>
    </message>
    <message>
        <source>Reason for the decision</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Exception to a failed rule</source>
        <translation>特批理由</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>驳回</translation>
    </message>
    <message>
        <source>Checking the rules…</source>
        <translation>正在核对规则…</translation>
    </message>
    <message>
        <source>Swap no. {id}</source>
        <translation>换班单 {id} 号</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Leave no. {id}</source>
        <translation>请假单 {id} 号</translation>
    </message>
    <message>
        <source>Nothing is waiting for a decision.</source>
        <translation>没有待审批的申请。</translation>
    </message>
    <message>
        <source>Swap no. {id}: {a} gives {give} to {b}, who returns {back}.</source>
        <translation>换班单 {id} 号：{a}把{give}换给{b}，{b}还{back}。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Leave no. {id}: {name}, {start} – {end}, substitute: {sub}.</source>
        <translation>请假单 {id} 号：{name}，{start} 至 {end}，代班人：{sub}。</translation>
    </message>
    <message>
        <source>If approved: {what}</source>
        <translation>批准后：{what}</translation>
    </message>
    <message>
        <source>Leave no. {id} approved. {what}</source>
        <translation>请假单 {id} 已批准。{what}</translation>
    </message>
    <message>
        <source>Swap request no. {id} approved.</source>
        <translation>换班单 {id} 号已批准。</translation>
    </message>
    <message>
        <source>Swap request no. {id} declined.</source>
        <translation>换班单 {id} 号已驳回。</translation>
    </message>
    <message>
        <source>Leave request no. {id} approved.</source>
        <translation>请假单 {id} 号已批准。</translation>
    </message>
    <message>
        <source>Leave request no. {id} declined.</source>
        <translation>请假单 {id} 号已驳回。</translation>
    </message>
    <message>
        <source>the decision being written</source>
        <translation>正在填写的审批意见</translation>
    </message>
    <message>
        <source>Family matters</source>
        <translation>家里有事</translation>
    </message>
</context>
<context>
    <name>Rules</name>
    <message>
        <source>met</source>
        <translation>满足</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>未满足</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Both parties agree</source>
        <translation>双方同意</translation>
    </message>
    <message>
        <source>You cannot swap a shift with yourself: name a colleague.</source>
        <translation>不能和自己换班，请选择一位同事。</translation>
    </message>
    <message>
        <source>{name} is not on the team any more.</source>
        <translation>{name}已不在团队中。</translation>
    </message>
    <message>
        <source>{name} declined the swap.</source>
        <translation>{name}拒绝了换班。</translation>
    </message>
    <message>
        <source>{name} has still to accept the swap.</source>
        <translation>还需{name}同意换班。</translation>
    </message>
    <message>
        <source>{requester} asked and {colleague} accepted.</source>
        <translation>{requester}提出，{colleague}已同意。</translation>
    </message>
    <message>
        <source>The manager approves</source>
        <translation>经部门经理批准</translation>
    </message>
    <message>
        <source>Approved by the department manager; the roster is changed.</source>
        <translation>部门经理已批准，值班表已调整。</translation>
    </message>
    <message>
        <source>The department manager rejected the swap.</source>
        <translation>部门经理驳回了换班。</translation>
    </message>
    <message>
        <source>Takes effect only when the department manager approves; the roster changes then.</source>
        <translation>经部门经理批准后方可生效，届时值班表才会调整。</translation>
    </message>
    <message>
        <source>At most {n} swaps a month</source>
        <translation>每人每月换班不超过 {n} 次</translation>
    </message>
    <message>
        <source>{name} already has {count} swap(s) in {month} (including {waiting} waiting for approval); at most {limit} a month are allowed.</source>
        <translation>{name} 在 {month} 已有 {count} 次换班（含待批 {waiting} 次），每月最多 {limit} 次。</translation>
    </message>
    <message>
        <source>Neither of you goes over {limit} swaps in the month.</source>
        <translation>双方本月换班均未超过 {limit} 次。</translation>
    </message>
    <message>
        <source>(Counting {n} swap(s) still waiting for approval.)</source>
        <translation>（已计入待批的 {n} 次换班。）</translation>
    </message>
    <message>
        <source>No consecutive swaps</source>
        <translation>不允许连续换班</translation>
    </message>
    <message>
        <source>{name} already has a swapped shift on {date} (swap no. {id}); swapped shifts may not follow one another.</source>
        <translation>{name}在 {date} 已有换班（换班单 {id} 号），换班不得连续。</translation>
    </message>
    <message>
        <source>No other swap of either of you falls next to these days.</source>
        <translation>双方在这两天前后都没有其他换班。</translation>
    </message>
    <message>
        <source>{name} would work {taken} and {other} at the same time.</source>
        <translation>{name}的{taken}与{other}时间冲突。</translation>
    </message>
    <message>
        <source>{name} would work {taken} and {other} with only {gap} minutes between them (at least {minimum} are needed).</source>
        <translation>{name}的{taken}与{other}之间只隔 {gap} 分钟（至少需要 {minimum} 分钟），构成连班。</translation>
    </message>
    <message>
        <source>No back-to-back shifts</source>
        <translation>换班者、还班者不得连班</translation>
    </message>
    <message>
        <source>Both of you keep a break of at least {minimum} minutes.</source>
        <translation>双方班次之间都至少间隔 {minimum} 分钟。</translation>
    </message>
    <message>
        <source>No leave on swapped shifts</source>
        <translation>换班和还班均不得请假</translation>
    </message>
    <message>
        <source>{name} has leave from {start} to {end}, over the {slot}; there is no leave on a swapped or returned shift.</source>
        <translation>{name}在 {start} 至 {end} 请假，覆盖了{slot}；换班和还班均不得请假。</translation>
    </message>
    <message>
        <source>Neither of you has leave on these shifts.</source>
        <translation>双方在这两个班次都没有请假。</translation>
    </message>
    <message>
        <source>No swap on a public holiday</source>
        <translation>节假日当班不得换班</translation>
    </message>
    <message>
        <source>{date} is a public holiday ({name}); whoever is on duty then may not swap.</source>
        <translation>{date} 是法定节假日（{name}），节假日当班人员不允许换班。</translation>
    </message>
    <message>
        <source>Neither day is a public holiday.</source>
        <translation>两天都不是法定节假日。</translation>
    </message>
    <message>
        <source>The shift is returned</source>
        <translation>须还班</translation>
    </message>
    <message>
        <source>The return shift must be a different shift from the one given.</source>
        <translation>还班班次不能与换出的班次相同。</translation>
    </message>
    <message>
        <source>{name} is not on the roster for {slot}, so it cannot be returned.</source>
        <translation>{name}没有排在{slot}，无法用来还班。</translation>
    </message>
    <message>
        <source>{name} returns the {slot}.</source>
        <translation>{name}以{slot}还班。</translation>
    </message>
    <message>
        <source>No shift left empty</source>
        <translation>不得出现空岗</translation>
    </message>
    <message>
        <source>Both hand over at the change of shift; an empty shift is an absence for both.</source>
        <translation>双方须交接清楚；换班后出现空岗，视为双方旷工。</translation>
    </message>
    <message>
        <source>{name} is not on the roster for {slot}.</source>
        <translation>{name}没有排在{slot}。</translation>
    </message>
    <message>
        <source>{name} is already on the {slot}: the swap would leave one post empty.</source>
        <translation>{name}已排在{slot}，换班后会出现空岗。</translation>
    </message>
    <message>
        <source>Every shift keeps its person. Both hand over at the change of shift; an empty shift is an absence for both.</source>
        <translation>每个班次都有人值守。双方须交接清楚；出现空岗视为双方旷工。</translation>
    </message>
    <message>
        <source>The {slot} is part of swap no. {id}; there is no leave on a swapped or returned shift.</source>
        <translation>{slot}属于换班单 {id} 号；换班和还班均不得请假。</translation>
    </message>
    <message>
        <source>No swapped or returned shift falls in the leave.</source>
        <translation>请假期间没有换班或还班的班次。</translation>
    </message>
    <message>
        <source>No leave from public-holiday duty</source>
        <translation>节假日当班不得请假</translation>
    </message>
    <message>
        <source>{name} is on duty on {slot}, a public holiday ({holiday}); holiday duty allows no leave.</source>
        <translation>{name}排在{slot}，当天是法定节假日（{holiday}），节假日当班人员不允许请假。</translation>
    </message>
    <message>
        <source>No public-holiday duty falls in the leave.</source>
        <translation>请假期间没有节假日值班。</translation>
    </message>
    <message>
        <source>Longer leave: asked ahead, with a substitute</source>
        <translation>超过一天的请假须提前申请并指定代班人</translation>
    </message>
    <message>
        <source>One day or less: no notice or substitute needed.</source>
        <translation>不超过一天，无需提前申请或代班人。</translation>
    </message>
    <message>
        <source>Leave of more than a day must be asked at least {days} day(s) before it starts.</source>
        <translation>请假超过一天，须至少提前 {days} 天申请。</translation>
    </message>
    <message>
        <source>Leave of more than a day needs a named substitute.</source>
        <translation>请假超过一天，须指定代班人。</translation>
    </message>
    <message>
        <source>The substitute must be another active colleague.</source>
        <translation>代班人须是另一位在职同事。</translation>
    </message>
    <message>
        <source>Asked in time; {name} stands in.</source>
        <translation>已按时申请，由{name}代班。</translation>
    </message>
</context>
<context>
    <name>Shifts</name>
    <message>
        <source>No shift with the code {code}.</source>
        <translation>没有代码为 {code} 的班次。</translation>
    </message>
    <message>
        <source>A code uses lower-case letters, digits and &apos;_&apos;.</source>
        <translation>代码只能使用小写字母、数字和“_”。</translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation>请填写名称。</translation>
    </message>
    <message>
        <source>Write the times as 08:00-12:00, several separated by commas, in order.</source>
        <translation>时间请写成 08:00-12:00，多段用逗号分隔，按先后顺序。</translation>
    </message>
    <message>
        <source>The code {code} is taken.</source>
        <translation>代码 {code} 已被使用。</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Row {row}, {field}: {reason}</source>
        <translation>第 {row} 行的{field}：{reason}</translation>
    </message>
    <message>
        <source>Row {row}: {reason}</source>
        <translation>第 {row} 行：{reason}</translation>
    </message>
    <message>
        <source>Another desk removed this shift.</source>
        <translation>另一个工作台已删除这个班次。</translation>
    </message>
</context>
<context>
    <name>ShiftsDialog</name>
    <message>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Weekend / holiday</source>
        <translation>周末/节假日班</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Add a shift</source>
        <translation>添加班次</translation>
    </message>
</context>
<context>
    <name>SwapRequestDialog</name>
    <message>
        <source>Ask for a shift swap</source>
        <translation>申请换班</translation>
    </message>
    <message>
        <source>Only this day</source>
        <translation>只看这一天</translation>
    </message>
    <message>
        <source>Click a suggestion to choose it.</source>
        <translation>单击一条建议即可选用。</translation>
    </message>
    <message>
        <source>My shift to give</source>
        <translation>我要换出的班次</translation>
    </message>
    <message>
        <source>Colleague who takes it</source>
        <translation>接班的同事</translation>
    </message>
    <message>
        <source>Date of the shift taken back</source>
        <translation>还班日期</translation>
    </message>
    <message>
        <source>Colleague&apos;s shift I take back (还班)</source>
        <translation>同事还给我的班次（还班）</translation>
    </message>
    <message>
        <source>Shifts that meet every rule</source>
        <translation>符合全部规则的班次</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>The regulation&apos;s rules for this swap:</source>
        <translation>本次换班的制度规则检查：</translation>
    </message>
    <message>
        <source>Send to the colleague</source>
        <translation>发送给同事</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>— any colleague —</source>
        <translation>— 任何同事 —</translation>
    </message>
    <message>
        <source>— no shift matches —</source>
        <translation>— 没有符合条件的班次 —</translation>
    </message>
    <message>
        <source>Looking for shifts that meet every rule…</source>
        <translation>正在查找符合全部规则的班次…</translation>
    </message>
    <message>
        <source>Choose your shift first.</source>
        <translation>请先选择您要让出的班次。</translation>
    </message>
    <message>
        <source>No colleague&apos;s shift within two weeks meets every rule.</source>
        <translation>前后两周内没有同事的班次符合全部规则。</translation>
    </message>
    <message>
        <source>Checking the rules…</source>
        <translation>正在核对规则…</translation>
    </message>
    <message>
        <source>Rule(s) {rules} are not met. Send all the same? The manager decides whether to make an exception.</source>
        <translation>第 {rules} 条规则未满足。仍要发送吗？是否特批由经理决定。</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在提交…</translation>
    </message>
</context>
<context>
    <name>Swaps</name>
    <message>
        <source>No swap with the number {id}.</source>
        <translation>没有编号为 {id} 的换班单。</translation>
    </message>
    <message>
        <source>Swap no.</source>
        <translation>换班单号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Requester</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation>换班同事</translation>
    </message>
    <message>
        <source>Shift given</source>
        <translation>换出班次</translation>
    </message>
    <message>
        <source>Shift returned</source>
        <translation>还班班次</translation>
    </message>
    <message>
        <source>Asked at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Accepted at</source>
        <translation>同事同意时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>by {name} at {at}</source>
        <translation>审批人：{name}，时间：{at}</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>审批结果</translation>
    </message>
    <message>
        <source>Decision reason</source>
        <translation>审批意见</translation>
    </message>
    <message>
        <source>Exception granted for a failed rule</source>
        <translation>规则未满足时的特批理由</translation>
    </message>
    <message>
        <source>Requester&apos;s signature:</source>
        <translation>申请人签字：</translation>
    </message>
    <message>
        <source>Colleague&apos;s signature:</source>
        <translation>换班人签字：</translation>
    </message>
    <message>
        <source>Department manager&apos;s signature:</source>
        <translation>部门经理签字：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Shift swap registration form</source>
        <translation>换班登记表</translation>
    </message>
    <message>
        <source>Rules of the regulation</source>
        <translation>制度规则检查</translation>
    </message>
    <message>
        <source>The swap takes effect only after the department manager signs. Both sides hand over clearly; a shift left empty counts as an absence for both.</source>
        <translation>换班经部门经理签字批准后方可生效。双方须交接清楚，出现空岗视为双方旷工。</translation>
    </message>
    <message>
        <source>Requester&apos;s employee no.</source>
        <translation>申请人工号</translation>
    </message>
    <message>
        <source>Colleague&apos;s employee no.</source>
        <translation>换班同事工号</translation>
    </message>
    <message>
        <source>Date given</source>
        <translation>换出日期</translation>
    </message>
    <message>
        <source>Date returned</source>
        <translation>还班日期</translation>
    </message>
    <message>
        <source>Rules not met</source>
        <translation>未满足的规则</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <source>Exception reason</source>
        <translation>特批理由</translation>
    </message>
    <message>
        <source>Waiting for the colleague</source>
        <translation>待同事确认</translation>
    </message>
    <message>
        <source>Waiting for the manager</source>
        <translation>待经理审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Declined by the colleague</source>
        <translation>同事已拒绝</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Swap no. {id} is {state}: this step is not possible now.</source>
        <translation>换班单 {id} 号当前状态为“{state}”，现在不能进行这一步。</translation>
    </message>
    <message>
        <source>Choose one of your shifts to give.</source>
        <translation>请选择你要换出的班次。</translation>
    </message>
    <message>
        <source>Choose the colleague who takes it.</source>
        <translation>请选择接班的同事。</translation>
    </message>
    <message>
        <source>Choose the colleague&apos;s shift that you take back.</source>
        <translation>请选择同事用来还班的班次。</translation>
    </message>
    <message>
        <source>You can only ask to swap your own shifts.</source>
        <translation>只能申请换自己的班。</translation>
    </message>
    <message>
        <source>Give a reason for the swap.</source>
        <translation>请填写换班原因。</translation>
    </message>
    <message>
        <source>That shift is in the past.</source>
        <translation>这个班次已经过去了。</translation>
    </message>
    <message>
        <source>You are not on the roster for that shift.</source>
        <translation>你没有排在这个班次。</translation>
    </message>
    <message>
        <source>Choose a colleague other than yourself.</source>
        <translation>请选择自己以外的同事。</translation>
    </message>
    <message>
        <source>{name} is not on the roster for that shift.</source>
        <translation>{name}没有排在这个班次。</translation>
    </message>
    <message>
        <source>You already asked to swap this shift.</source>
        <translation>这个班次你已经申请过换班了。</translation>
    </message>
    <message>
        <source>Only the colleague named in the swap answers it.</source>
        <translation>只有换班单上的同事可以答复。</translation>
    </message>
    <message>
        <source>Only the requester can withdraw a swap.</source>
        <translation>只有申请人可以撤回换班。</translation>
    </message>
    <message>
        <source>You take part in this swap: another manager must decide it.</source>
        <translation>你是这次换班的当事人，须由其他经理审批。</translation>
    </message>
    <message>
        <source>The shift on {date} has passed: a swap takes effect only from its approval, so it can no longer be approved. Reject it instead.</source>
        <translation>{date} 的班次已过：换班须经批准后方可生效，现已无法批准，请驳回。</translation>
    </message>
    <message>
        <source>Rule(s) {rules} not met: approving needs a written reason for the exception.</source>
        <translation>第 {rules} 条规则未满足：批准须写明特批理由。</translation>
    </message>
    <message>
        <source>The roster changed since the swap was asked: the shifts are no longer where the swap expects them. Reject it and ask again.</source>
        <translation>提出换班后值班表已有变动，相关班次已不在原位。请驳回后重新申请。</translation>
    </message>
    <message>
        <source>{name} is already on that shift; the swap cannot be applied.</source>
        <translation>{name}已排在这个班次，无法执行换班。</translation>
    </message>
    <message>
        <source>swap no. {id}</source>
        <translation>换班单 {id} 号</translation>
    </message>
    <message>
        <source>Say why the swap is rejected.</source>
        <translation>请写明驳回换班的理由。</translation>
    </message>
</context>
</TS>
