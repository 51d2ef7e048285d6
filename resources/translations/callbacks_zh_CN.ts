<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>AllCallbacks</name>
    <message>
        <source>All agents</source>
        <translation>全部客服</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open (pending or rescheduled)</source>
        <translation>未完成（待回访或已改期）</translation>
    </message>
    <message>
        <source>On-site visit needed</source>
        <translation>需要上门回访</translation>
    </message>
    <message>
        <source>Also overdue from earlier</source>
        <translation>含更早的逾期回访</translation>
    </message>
    <message>
        <source>Open callbacks whose due date passed before “Due from” are listed too: they still need calling.</source>
        <translation>应回访日期早于所选起始日期、仍未完成的回访也一并列出：它们仍需回访。</translation>
    </message>
    <message>
        <source>Due from</source>
        <translation>应回访日期从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Completion: callbacks done of those due in the period so far. Reach rate: calls that reached the customer of the calls made in the period. Both follow the agent, kind and on-site filters, but count every status, and leave out the overdue ones from earlier.</source>
        <translation>完成率：期间内已到期的回访中已完成的比例。接通率：期间内拨打的电话中接通客户的比例。两者都按所选客服、类型和上门筛选，但计入所有状态，也不含更早的逾期回访。</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Reassign selected to</source>
        <translation>将选中的回访转给</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Print list…</source>
        <translation>打印清单…</translation>
    </message>
    <message>
        <source>{n} callback(s) listed · rates over the period, every status: completion &lt;b&gt;{completion}&lt;/b&gt; ({done} done of {due} due) · reach rate &lt;b&gt;{reach}&lt;/b&gt; ({reached} reached of {attempts} calls)</source>
        <translation>列出 {n} 条回访 · 期间内所有状态的比率：完成率 &lt;b&gt;{completion}&lt;/b&gt;（应回访 {due} 条，已完成 {done} 条）· 接通率 &lt;b&gt;{reach}&lt;/b&gt;（拨打 {attempts} 次，接通 {reached} 次）</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Choose a callback first.</source>
        <translation>请先选择一条回访。</translation>
    </message>
    <message>
        <source>{n} callback(s) reassigned to {agent}.</source>
        <translation>已将 {n} 条回访转给 {agent}。</translation>
    </message>
    <message>
        <source>Export callbacks</source>
        <translation>导出回访</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exporting callbacks…</source>
        <translation>正在导出回访…</translation>
    </message>
    <message>
        <source>{n} callback(s) written to {path}.</source>
        <translation>已将 {n} 条回访写入 {path}。</translation>
    </message>
    <message>
        <source>Callback list as filtered</source>
        <translation>按当前筛选的回访清单</translation>
    </message>
</context>
<context>
    <name>CallbackScreen</name>
    <message>
        <source>← Back to the list</source>
        <translation>← 返回列表</translation>
    </message>
    <message>
        <source>Open complaint</source>
        <translation>查看投诉</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>查看客户档案</translation>
    </message>
    <message>
        <source>What we follow up</source>
        <translation>回访事由</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>拨打记录</translation>
    </message>
    <message>
        <source>Script — tick each step as you go</source>
        <translation>回访话术 — 每完成一步请勾选</translation>
    </message>
    <message>
        <source>Note on this call (optional)</source>
        <translation>本次通话备注（可选）</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已接通</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>未接通</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Call again at:</source>
        <translation>改期回访：</translation>
    </message>
    <message>
        <source>Record this call</source>
        <translation>记录本次拨打</translation>
    </message>
    <message>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <source>Opinions and suggestions in the customer's words</source>
        <translation>按客户原话记录意见和建议</translation>
    </message>
    <message>
        <source>On-site visit needed (for operations)</source>
        <translation>需要上门回访（转运营部）</translation>
    </message>
    <message>
        <source>Save outcome and close the callback</source>
        <translation>保存回访结果并结束回访</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>回访结果</translation>
    </message>
    <message>
        <source>Satisfaction:</source>
        <translation>满意度：</translation>
    </message>
    <message>
        <source>Opinions and suggestions:</source>
        <translation>意见和建议：</translation>
    </message>
    <message>
        <source>&lt;b&gt;{customer}&lt;/b&gt; {phone} · {kind} · due {due} · &lt;b&gt;{status}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{customer}&lt;/b&gt; {phone} · {kind} · 应回访 {due} · &lt;b&gt;{status}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>(no customer)</source>
        <translation>（无客户）</translation>
    </message>
    <message>
        <source>A score of {n} or more closes the complaint; a lower one reopens it with your notes as the reason.</source>
        <translation>评分 {n} 分及以上即结案；低于此分则重新处理，并以您的记录作为原因。</translation>
    </message>
    <message>
        <source>Outcome (after a call that reached the customer)</source>
        <translation>回访结果（接通客户后填写）</translation>
    </message>
    <message>
        <source>Unanswered: {n} of {max} (then the callback closes as unreachable)</source>
        <translation>未接通：{n} / {max} 次（达到后回访按“无法联系”结束）</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Call recorded.</source>
        <translation>通话已记录。</translation>
    </message>
    <message>
        <source>Callback finished: the outcome is recorded.</source>
        <translation>回访已完成，结果已记录。</translation>
    </message>
    <message>
        <source>{question}

Yes: reopen the complaint. No: record the score, the complaint stays closed.</source>
        <translation>{question}

“是”：重新处理该投诉。“否”：只记录评分，投诉保持已结案。</translation>
    </message>
    <message>
        <source>Complaint already closed</source>
        <translation>投诉已结案</translation>
    </message>
    <message>
        <source>{question}

{refusal}
Record the score and leave the complaint closed? Its timeline will say what the customer said.</source>
        <translation>{question}

{refusal}
是否只记录评分、投诉保持已结案？投诉的处理进程会记下客户的意见。</translation>
    </message>
</context>
<context>
    <name>CallbackTable</name>
    <message>
        <source>Due</source>
        <translation>应回访时间</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时效</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>回访原因</translation>
    </message>
    <message>
        <source>Related record</source>
        <translation>相关记录</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>拨打记录</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>On-site visit</source>
        <translation>上门回访</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>待到期</translation>
    </message>
    <message>
        <source>Needed</source>
        <translation>需要</translation>
    </message>
</context>
<context>
    <name>Callbacks</name>
    <message>
        <source>No user with the login {login}.</source>
        <translation>没有登录名为 {login} 的用户。</translation>
    </message>
    <message>
        <source>Print 1 to 31 days.</source>
        <translation>请打印 1 到 31 天的清单。</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>全部客服</translation>
    </message>
    <message>
        <source>Open (pending or rescheduled)</source>
        <translation>未完成（待回访或已改期）</translation>
    </message>
    <message>
        <source>On-site visit needed</source>
        <translation>需要上门回访</translation>
    </message>
    <message>
        <source>due {start} to {end}</source>
        <translation>应回访日期 {start} 至 {end}</translation>
    </message>
    <message>
        <source>due from {start}</source>
        <translation>应回访日期自 {start} 起</translation>
    </message>
    <message>
        <source>due until {end}</source>
        <translation>应回访日期截至 {end}</translation>
    </message>
    <message>
        <source>with the open ones overdue from earlier</source>
        <translation>含更早的逾期未完成回访</translation>
    </message>
    <message>
        <source>No callbacks match this filter.</source>
        <translation>没有符合筛选条件的回访。</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应回访时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reason / record</source>
        <translation>回访原因 / 相关记录</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>No callbacks in this period.</source>
        <translation>该期间没有回访任务。</translation>
    </message>
    <message>
        <source>{agent}: {n} callback(s)</source>
        <translation>{agent}：{n} 条回访</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>□ reached  □ no answer  □ wrong no.  □ later</source>
        <translation>□ 已接通  □ 未接通  □ 号码错误  □ 改期</translation>
    </message>
    <message>
        <source>Callback list</source>
        <translation>回访清单</translation>
    </message>
    <message>
        <source>New purchase</source>
        <translation>新购回访</translation>
    </message>
    <message>
        <source>Post-repair</source>
        <translation>维修回访</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉回访</translation>
    </message>
    <message>
        <source>Regular care</source>
        <translation>定期回访</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进回访</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Rescheduled</source>
        <translation>已改期</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>无法联系</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>已接通</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>未接通</translation>
    </message>
    <message>
        <source>Wrong number</source>
        <translation>号码错误</translation>
    </message>
    <message>
        <source>Call again later</source>
        <translation>改期</translation>
    </message>
    <message>
        <source>5 Very satisfied</source>
        <translation>5 非常满意</translation>
    </message>
    <message>
        <source>4 Satisfied</source>
        <translation>4 满意</translation>
    </message>
    <message>
        <source>3 Neutral</source>
        <translation>3 一般</translation>
    </message>
    <message>
        <source>2 Dissatisfied</source>
        <translation>2 不满意</translation>
    </message>
    <message>
        <source>1 Very dissatisfied</source>
        <translation>1 非常不满意</translation>
    </message>
    <message>
        <source>Callback call: {result}</source>
        <translation>回访通话：{result}</translation>
    </message>
    <message>
        <source>Complaint {number} resolved: is the customer satisfied?</source>
        <translation>投诉 {number} 已解决：客户是否满意处理结果？</translation>
    </message>
    <message>
        <source>Repair closed: is it working, is the customer satisfied?</source>
        <translation>维修已完成：设备是否正常，客户是否满意？</translation>
    </message>
    <message>
        <source>New {product}: is it working, does the user know how to use it?</source>
        <translation>新购{product}：是否正常使用，用户是否掌握使用方法？</translation>
    </message>
    <message>
        <source>Regular care call: how is everything going?</source>
        <translation>定期回访：了解客户近况及使用情况</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>该客户已不存在。</translation>
    </message>
    <message>
        <source>Choose regular care or follow-up.</source>
        <translation>请选择定期回访或跟进回访。</translation>
    </message>
    <message>
        <source>The callback time cannot be in the past.</source>
        <translation>回访时间不能早于现在。</translation>
    </message>
    <message>
        <source>Say what the callback is for.</source>
        <translation>请填写回访原因。</translation>
    </message>
    <message>
        <source>Only a manager can give a callback to someone else.</source>
        <translation>只有部门经理可以把回访分配给其他人。</translation>
    </message>
    <message>
        <source>Choose an active colleague.</source>
        <translation>请选择一位在职的同事。</translation>
    </message>
    <message>
        <source>This callback no longer exists.</source>
        <translation>该回访任务已不存在。</translation>
    </message>
    <message>
        <source>This callback is assigned to a colleague.</source>
        <translation>该回访已分配给其他同事。</translation>
    </message>
    <message>
        <source>This callback is already closed ({status}).</source>
        <translation>该回访已结束（{status}）。</translation>
    </message>
    <message>
        <source>Choose what happened on the call.</source>
        <translation>请选择本次拨打的结果。</translation>
    </message>
    <message>
        <source>Give the time to call again.</source>
        <translation>请填写改期回访的时间。</translation>
    </message>
    <message>
        <source>The time to call again must be later than now.</source>
        <translation>改期回访的时间必须晚于现在。</translation>
    </message>
    <message>
        <source>Complaint {number} is already closed. The customer now says {score}: reopen it, or record the score and leave the complaint closed?</source>
        <translation>投诉 {number} 已经结案，客户现在的评价是“{score}”：重新处理，还是只记录评分、保持已结案？</translation>
    </message>
    <message>
        <source>Choose a satisfaction score from 1 to 5.</source>
        <translation>请选择 1 到 5 的满意度评分。</translation>
    </message>
    <message>
        <source>Record the call that reached the customer before the outcome.</source>
        <translation>请先记录接通客户的那次通话，再填写回访结果。</translation>
    </message>
    <message>
        <source>Choose at least one callback.</source>
        <translation>请至少选择一条回访。</translation>
    </message>
    <message>
        <source>Complaint {number}</source>
        <translation>投诉 {number}</translation>
    </message>
    <message>
        <source>Repair #{id} {product}</source>
        <translation>报修 #{id} {product}</translation>
    </message>
    <message>
        <source>Installation #{id} {product}</source>
        <translation>安装 #{id} {product}</translation>
    </message>
    <message>
        <source>our company</source>
        <translation>我公司</translation>
    </message>
    <message>
        <source>Tell the customer how the complaint was resolved and ask whether they are satisfied with the result.</source>
        <translation>向客户说明投诉的处理结果，并询问客户对处理结果是否满意。</translation>
    </message>
    <message>
        <source>Ask whether the product works since the repair, whether they are satisfied, and whether they have suggestions.</source>
        <translation>询问维修后产品是否正常使用、对维修是否满意，以及有什么意见和建议。</translation>
    </message>
    <message>
        <source>Ask whether the new product works and whether the user knows how to use it.</source>
        <translation>询问新产品是否正常使用，用户是否已经掌握使用方法。</translation>
    </message>
    <message>
        <source>Ask the survey questions below.</source>
        <translation>依次询问以下问题。</translation>
    </message>
    <message>
        <source>1. Verify identity</source>
        <translation>1. 确认身份</translation>
    </message>
    <message>
        <source>Hello, may I speak with {name}?</source>
        <translation>您好，请问是{name}吗？</translation>
    </message>
    <message>
        <source>the customer</source>
        <translation>客户本人</translation>
    </message>
    <message>
        <source>2. Introduce yourself</source>
        <translation>2. 自我介绍</translation>
    </message>
    <message>
        <source>This is {company}, {department}, agent number {employee_no}.</source>
        <translation>我是{company}{department}的客服代表，工号 {employee_no}。</translation>
    </message>
    <message>
        <source>3. Is it a good time?</source>
        <translation>3. 询问是否方便</translation>
    </message>
    <message>
        <source>Is now a convenient time to talk for a few minutes? If not, agree a time and record 'Call again later'.</source>
        <translation>请问您现在方便占用几分钟时间吗？如不方便，请与客户约定时间并记录“改期”。</translation>
    </message>
    <message>
        <source>4. Answer or survey</source>
        <translation>4. 答复或调查</translation>
    </message>
    <message>
        <source>5. Close politely</source>
        <translation>5. 礼貌结束</translation>
    </message>
    <message>
        <source>Thank you for your time and your support. If anything comes up, call us any time. Goodbye!</source>
        <translation>感谢您抽出宝贵时间，也感谢您的支持！如有任何问题，欢迎随时来电。再见！</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Complaint number</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Complaint content</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>回访原因</translation>
    </message>
</context>
<context>
    <name>CallbacksPage</name>
    <message>
        <source>My callbacks</source>
        <translation>我的回访</translation>
    </message>
    <message>
        <source>All callbacks</source>
        <translation>全部回访</translation>
    </message>
    <message>
        <source>the callback being recorded</source>
        <translation>正在记录的回访</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>该客户已不存在。</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>not a date (YYYY-MM-DD): {text}</source>
        <translation>不是日期（格式为 YYYY-MM-DD）：{text}</translation>
    </message>
    <message>
        <source>the first day</source>
        <translation>第一天</translation>
    </message>
    <message>
        <source>how many days (7 for a week)</source>
        <translation>天数（一周为 7）</translation>
    </message>
    <message>
        <source>only this agent's callbacks (login)</source>
        <translation>只看此客服代表（登录名）的回访</translation>
    </message>
    <message>
        <source>the PDF to write</source>
        <translation>要写入的 PDF 文件</translation>
    </message>
    <message>
        <source>the output file must end in .pdf</source>
        <translation>输出文件须以 .pdf 结尾</translation>
    </message>
    <message>
        <source>{file}: {count} callback(s)</source>
        <translation>{file}：{count} 条回访</translation>
    </message>
    <message>
        <source>the first due day</source>
        <translation>应回访的第一天</translation>
    </message>
    <message>
        <source>how many days from --date (default: 1)</source>
        <translation>从 --date 起的天数（默认 1）</translation>
    </message>
    <message>
        <source>only this status: {values}</source>
        <translation>只看此状态：{values}</translation>
    </message>
    <message>
        <source>only this kind: {values}</source>
        <translation>只看此类回访：{values}</translation>
    </message>
    <message>
        <source>a .csv or .xlsx file</source>
        <translation>要写入的 .csv 或 .xlsx 文件</translation>
    </message>
    <message>
        <source>not finished ({pending} or {rescheduled})</source>
        <translation>未完成（{pending}或{rescheduled}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>--days needs --date</source>
        <translation>给出 --days 时须同时给出 --date</translation>
    </message>
    <message>
        <source>--days must be at least 1</source>
        <translation>--days 至少为 1</translation>
    </message>
    <message>
        <source>the callback list of a day or a week</source>
        <translation>一天或一周的回访清单</translation>
    </message>
    <message>
        <source>callback tasks with their outcomes</source>
        <translation>回访任务及其结果</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>upcoming</source>
        <translation>待到期</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>callbacks: {total} from events and agents' own follow-ups ({states}), {attempts} attempts, {care} regular-care; {seconds} s</source>
        <translation>回访：{total} 条，来自业务事件和客服代表自己安排的跟进（{states}），拨打 {attempts} 次，定期回访 {care} 条；用时 {seconds} 秒</translation>
    </message>
</context>
<context>
    <name>MyCallbacks</name>
    <message>
        <source>Work this callback</source>
        <translation>开始回访</translation>
    </message>
    <message>
        <source>Print my list…</source>
        <translation>打印我的清单…</translation>
    </message>
    <message>
        <source>{due} due now or overdue, {total} open in all; {done} closed today.</source>
        <translation>今日到期或已逾期 {due} 条，未完成共 {total} 条；今日已结束 {done} 条。</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Choose a callback first.</source>
        <translation>请先选择一条回访。</translation>
    </message>
    <message>
        <source>My callback list from {date}</source>
        <translation>我自 {date} 起的回访清单</translation>
    </message>
</context>
<context>
    <name>ScheduleDialog</name>
    <message>
        <source>Schedule a callback</source>
        <translation>安排回访</translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation>客户：</translation>
    </message>
    <message>
        <source>What the call is for</source>
        <translation>回访的目的</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Call at:</source>
        <translation>回访时间：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Agent:</source>
        <translation>客服：</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>安排</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
</context>
</TS>