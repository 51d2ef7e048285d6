<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Cli</name>
    <message>
        <source>a .csv or .xlsx file with the registry&apos;s headers</source>
        <translation>要导入的 .csv 或 .xlsx 文件，表头与投诉登记表一致</translation>
    </message>
    <message>
        <source>imported {count} complaint(s)</source>
        <translation>已导入 {count} 条投诉</translation>
    </message>
    <message>
        <source>numbers {first} … {last}</source>
        <translation>编号 {first} … {last}</translation>
    </message>
    <message>
        <source>skipped {count} invalid row(s); see {file}</source>
        <translation>跳过了 {count} 行无效数据，见 {file}</translation>
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
        <source>exported {count} complaint(s) to {file}</source>
        <translation>已导出 {count} 条投诉到 {file}</translation>
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
        <source>the output must be a .pdf file: {file}</source>
        <translation>输出须为 .pdf 文件：{file}</translation>
    </message>
    <message>
        <source>wrote {file}</source>
        <translation>已写入 {file}</translation>
    </message>
    <message>
        <source>words, a number or its beginning, a name, phone digits</source>
        <translation>要找的文字：词语、编号或其开头、姓名、电话号码</translation>
    </message>
    <message>
        <source>only this month&apos;s complaints</source>
        <translation>只查此月的投诉</translation>
    </message>
    <message>
        <source>how many numbers (default 20)</source>
        <translation>最多列出多少个编号（默认 20）</translation>
    </message>
    <message>
        <source>print {&quot;total&quot;: N, &quot;exact&quot;: true|false, &quot;numbers&quot;: [...], &quot;ms&quot;: T}</source>
        <translation>输出 JSON：{&quot;total&quot;: N, &quot;exact&quot;: true|false, &quot;numbers&quot;: [...], &quot;ms&quot;: T}</translation>
    </message>
    <message>
        <source>--limit must be 0 or more: {limit}</source>
        <translation>--limit 不能小于 0：{limit}</translation>
    </message>
    <message>
        <source>{total} complaint(s) in {ms} ms</source>
        <translation>{total} 条投诉（用时 {ms} ms）</translation>
    </message>
    <message>
        <source>import complaints from CSV/XLSX</source>
        <translation>从 CSV/XLSX 导入投诉</translation>
    </message>
    <message>
        <source>export complaints to CSV/XLSX</source>
        <translation>将投诉导出为 CSV/XLSX</translation>
    </message>
    <message>
        <source>print the monthly complaint sheet</source>
        <translation>打印投诉月度登记表</translation>
    </message>
    <message>
        <source>search the complaint registry</source>
        <translation>查找投诉登记</translation>
    </message>
</context>
<context>
    <name>ComplaintLabels</name>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Closed after callback</source>
        <translation>已回访结案</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>重新处理</translation>
    </message>
    <message>
        <source>Phone hotline</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Live-stream room</source>
        <translation>直播间</translation>
    </message>
    <message>
        <source>Online form</source>
        <translation>在线表单</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>到访</translation>
    </message>
    <message>
        <source>Product quality</source>
        <translation>产品质量</translation>
    </message>
    <message>
        <source>Delivery and logistics</source>
        <translation>配送物流</translation>
    </message>
    <message>
        <source>Service attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Price and billing</source>
        <translation>价格费用</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Serious</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Phone talk</source>
        <translation>电话沟通</translation>
    </message>
    <message>
        <source>Engineer callback</source>
        <translation>工程师回电</translation>
    </message>
    <message>
        <source>Remote assistance</source>
        <translation>远程协助</translation>
    </message>
    <message>
        <source>On-site visit</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Very satisfied</source>
        <translation>非常满意</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>Dissatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <source>Very dissatisfied</source>
        <translation>非常不满意</translation>
    </message>
    <message>
        <source>Confirmed the complaint&apos;s content</source>
        <translation>已确认投诉内容</translation>
    </message>
    <message>
        <source>Apologised for the inconvenience</source>
        <translation>已为给客户带来的不便致歉</translation>
    </message>
    <message>
        <source>Thanked the customer</source>
        <translation>已感谢客户</translation>
    </message>
    <message>
        <source>Proposed a solution</source>
        <translation>已提出解决方案</translation>
    </message>
    <message>
        <source>Filed it for analysis</source>
        <translation>已存档以便分析</translation>
    </message>
    <message>
        <source>Did not refuse, argue, lecture or blame the customer</source>
        <translation>未拒绝、争辩、说教或暗示客户有错</translation>
    </message>
    <message>
        <source>Kept calm and listened to the end</source>
        <translation>保持冷静，耐心听完</translation>
    </message>
    <message>
        <source>Told the customer of every change</source>
        <translation>如有变化已及时告知客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Live stream</source>
        <translation>直播间</translation>
    </message>
    <message>
        <source>Web form</source>
        <translation>在线表单</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>产品质量</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>配送物流</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格费用</translation>
    </message>
</context>
<context>
    <name>ComplaintSheet</name>
    <message>
        <source>{year}-{month:02d}</source>
        <translation>{year}年{month:02d}月</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>处理进程</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source> (void)</source>
        <translation>（已作废）</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已超期）</translation>
    </message>
    <message>
        <source>Monthly complaint sheet</source>
        <translation>月度投诉登记表</translation>
    </message>
    <message>
        <source>No complaints were received in this month.</source>
        <translation>本月没有收到投诉。</translation>
    </message>
    <message>
        <source>Totals</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉数</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>承诺处理时间</translation>
    </message>
    <message>
        <source>Resolved at</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>Complaint record</source>
        <translation>客户投诉登记单</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>By</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>No steps yet.</source>
        <translation>尚无处理记录。</translation>
    </message>
    <message>
        <source>Handling principles</source>
        <translation>处理原则</translation>
    </message>
    <message>
        <source>Customer satisfaction</source>
        <translation>客户满意度</translation>
    </message>
</context>
<context>
    <name>ComplaintTableModel</name>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>承诺处理时间</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>{status} (void)</source>
        <translation>{status}（已作废）</translation>
    </message>
    <message>
        <source>{status} · overdue</source>
        <translation>{status} · 已超期</translation>
    </message>
    <message>
        <source>On the sheet of {month}</source>
        <translation>在 {month} 的月度登记表中</translation>
    </message>
</context>
<context>
    <name>ComplaintTransfer</name>
    <message>
        <source>The received time is required.</source>
        <translation>请填写投诉时间。</translation>
    </message>
    <message>
        <source>Not a time: use YYYY-MM-DD HH:MM, YYYY/MM/DD HH:MM or a date.</source>
        <translation>时间格式不正确：请使用 YYYY-MM-DD HH:MM、YYYY/MM/DD HH:MM 或只写日期。</translation>
    </message>
    <message>
        <source>The received time cannot be in the future.</source>
        <translation>投诉时间不能晚于当前时间。</translation>
    </message>
    <message>
        <source>The complainant&apos;s name is required.</source>
        <translation>请填写投诉人姓名。</translation>
    </message>
    <message>
        <source>The name is too long (at most 120 characters).</source>
        <translation>姓名过长（最多 120 个字符）。</translation>
    </message>
    <message>
        <source>The complaint&apos;s content is required.</source>
        <translation>请填写投诉内容。</translation>
    </message>
    <message>
        <source>Unknown value {value}.</source>
        <translation>无法识别的值：{value}。</translation>
    </message>
    <message>
        <source>Write 是 or 否 (void or not).</source>
        <translation>请填写“是”或“否”（是否作废）。</translation>
    </message>
    <message>
        <source>The order number is too long (at most 60 characters).</source>
        <translation>订单编号过长（最多 60 个字符）。</translation>
    </message>
    <message>
        <source>Use 1 to 5 or a label such as 满意.</source>
        <translation>请填写 1 到 5，或“满意”等评价。</translation>
    </message>
    <message>
        <source>No user with this name, login or employee number.</source>
        <translation>没有这个姓名、登录名或工号的用户。</translation>
    </message>
    <message>
        <source>The promised time cannot be before the received time.</source>
        <translation>承诺处理时间不能早于投诉时间。</translation>
    </message>
    <message>
        <source>The resolved time cannot be before the received time.</source>
        <translation>解决时间不能早于投诉时间。</translation>
    </message>
    <message>
        <source>The resolved time cannot be in the future.</source>
        <translation>解决时间不能晚于现在。</translation>
    </message>
    <message>
        <source>A number looks like 20261125-001.</source>
        <translation>编号格式应为 20261125-001。</translation>
    </message>
    <message>
        <source>The number&apos;s date is not the received date.</source>
        <translation>编号中的日期与投诉日期不一致。</translation>
    </message>
    <message>
        <source>Cannot read this step: {line} (use: 2026-11-25 10:30 电话沟通（姓名）：内容)</source>
        <translation>无法识别这条处理记录：{line}（格式：2026-11-25 10:30 电话沟通（姓名）：内容）</translation>
    </message>
    <message>
        <source>A step&apos;s time must lie between the received time and now: {line}</source>
        <translation>处理进程的时间必须在投诉时间与现在之间：{line}</translation>
    </message>
    <message>
        <source>The number {n} is also in row {row}.</source>
        <translation>编号 {n} 与第 {row} 行重复。</translation>
    </message>
    <message>
        <source>The number {n} is already in the registry.</source>
        <translation>编号 {n} 已在登记表中。</translation>
    </message>
</context>
<context>
    <name>ComplaintView</name>
    <message>
        <source>Choose a complaint in the list, or press Ctrl+N to register one.</source>
        <translation>请在列表中选择一条投诉，或按 Ctrl+N 登记新投诉。</translation>
    </message>
    <message>
        <source>Print record…</source>
        <translation>打印登记单…</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Close the complaint: the list gets the room</source>
        <translation>关闭这条投诉，让列表占满宽度</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Promised by</source>
        <translation>承诺处理时间</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>受理人</translation>
    </message>
    <message>
        <source>Handling principles</source>
        <translation>处理原则</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>处理进程</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>By</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>What was done or said</source>
        <translation>做了什么、和客户说了什么</translation>
    </message>
    <message>
        <source>Add step</source>
        <translation>添加记录</translation>
    </message>
    <message>
        <source>Result and callback</source>
        <translation>处理结果与回访</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>标记已解决</translation>
    </message>
    <message>
        <source>Start handling</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>(not asked yet)</source>
        <translation>（尚未询问）</translation>
    </message>
    <message>
        <source>What the customer said on the callback</source>
        <translation>客户在回访中的反馈</translation>
    </message>
    <message>
        <source>Satisfied: close</source>
        <translation>客户满意：结案</translation>
    </message>
    <message>
        <source>Not satisfied: reopen</source>
        <translation>客户不满意：重新处理</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>客户满意度</translation>
    </message>
    <message>
        <source>Callback note</source>
        <translation>回访说明</translation>
    </message>
    <message>
        <source>VOID</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Reported to the manager</source>
        <translation>已上报部门经理</translation>
    </message>
    <message>
        <source>Customer archive: {name}</source>
        <translation>客户档案：{name}</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Your other changes are still in the form: save them.</source>
        <translation>您的其他修改仍保留在表单中，请保存。</translation>
    </message>
    <message>
        <source>Changed on another desk</source>
        <translation>其他坐席已修改</translation>
    </message>
    <message>
        <source>{message}

Reload the complaint now and keep your changes in the form?</source>
        <translation>{message}

现在重新载入这条投诉，并保留您在表单中的修改吗？</translation>
    </message>
    <message>
        <source>Reloaded with the other desk&apos;s changes; your changes are back in the form. Check them and save again.</source>
        <translation>已载入其他坐席的修改，您的修改已重新填回表单。请核对后再次保存。</translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Step added.</source>
        <translation>已添加处理记录。</translation>
    </message>
    <message>
        <source>The complaint is being handled.</source>
        <translation>投诉已进入处理。</translation>
    </message>
    <message>
        <source>Resolved. A callback to the customer is scheduled.</source>
        <translation>已解决，已安排对客户的回访。</translation>
    </message>
    <message>
        <source>Choose how satisfied the customer is.</source>
        <translation>请选择客户满意度。</translation>
    </message>
    <message>
        <source>Closed after the callback.</source>
        <translation>已回访结案。</translation>
    </message>
    <message>
        <source>Reopened: handle it again until the customer is satisfied.</source>
        <translation>已重新打开：请继续处理，直到客户满意为止。</translation>
    </message>
    <message>
        <source>Reassigned.</source>
        <translation>已改派。</translation>
    </message>
    <message>
        <source>Void the complaint</source>
        <translation>作废投诉</translation>
    </message>
    <message>
        <source>Why is this complaint void?</source>
        <translation>作废这条投诉的原因：</translation>
    </message>
    <message>
        <source>The complaint is void; its number stays in the registry.</source>
        <translation>投诉已作废，其编号保留在登记表中。</translation>
    </message>
</context>
<context>
    <name>Complaints</name>
    <message>
        <source>The complainant&apos;s name is required.</source>
        <translation>请填写投诉人姓名。</translation>
    </message>
    <message>
        <source>The name is too long (at most 120 characters).</source>
        <translation>姓名过长（最多 120 个字符）。</translation>
    </message>
    <message>
        <source>The received time is not a date and time.</source>
        <translation>投诉时间不是有效的日期时间。</translation>
    </message>
    <message>
        <source>The received time cannot be in the future.</source>
        <translation>投诉时间不能晚于当前时间。</translation>
    </message>
    <message>
        <source>Write down what the customer complains about.</source>
        <translation>请写下客户投诉的内容。</translation>
    </message>
    <message>
        <source>Choose a channel from the list.</source>
        <translation>请从列表中选择渠道。</translation>
    </message>
    <message>
        <source>Choose a category from the list.</source>
        <translation>请从列表中选择类型。</translation>
    </message>
    <message>
        <source>Choose a severity from the list.</source>
        <translation>请从列表中选择严重程度。</translation>
    </message>
    <message>
        <source>The order number is too long (at most 60 characters).</source>
        <translation>订单编号过长（最多 60 个字符）。</translation>
    </message>
    <message>
        <source>The promised time is not a date and time.</source>
        <translation>承诺处理时间不是有效的日期时间。</translation>
    </message>
    <message>
        <source>This customer is not in the archive.</source>
        <translation>客户档案中没有这位客户。</translation>
    </message>
    <message>
        <source>The handler must be an active agent or manager.</source>
        <translation>受理人必须是在职的客服代表或部门经理。</translation>
    </message>
    <message>
        <source>Satisfaction is a score from 1 to 5.</source>
        <translation>满意度为 1 到 5 分。</translation>
    </message>
    <message>
        <source>The promised time cannot be before the received time.</source>
        <translation>承诺处理时间不能早于投诉时间。</translation>
    </message>
    <message>
        <source>Complaint {id} does not exist (any more).</source>
        <translation>投诉 {id} 不存在（可能已被删除）。</translation>
    </message>
    <message>
        <source>This complaint is void; it cannot be changed.</source>
        <translation>这条投诉已作废，不能修改。</translation>
    </message>
    <message>
        <source>The received time is required.</source>
        <translation>请填写投诉时间。</translation>
    </message>
    <message>
        <source>The received date is part of the number; only the time can change.</source>
        <translation>投诉日期是编号的一部分，只能修改时间。</translation>
    </message>
    <message>
        <source>Choose the kind of step.</source>
        <translation>请选择处理方式。</translation>
    </message>
    <message>
        <source>Write what was done or said.</source>
        <translation>请写下做了什么或说了什么。</translation>
    </message>
    <message>
        <source>The step&apos;s time cannot be in the future.</source>
        <translation>处理记录的时间不能晚于当前时间。</translation>
    </message>
    <message>
        <source>The step&apos;s time cannot be before the complaint was received.</source>
        <translation>处理记录的时间不能早于投诉时间。</translation>
    </message>
    <message>
        <source>Only an open complaint can be taken into handling.</source>
        <translation>只有待处理的投诉才能开始处理。</translation>
    </message>
    <message>
        <source>This complaint is already resolved.</source>
        <translation>这条投诉已经解决。</translation>
    </message>
    <message>
        <source>Write down the result before resolving.</source>
        <translation>标记已解决前，请先填写处理结果。</translation>
    </message>
    <message>
        <source>Only a resolved complaint can be closed after the callback.</source>
        <translation>只有已解决的投诉才能在回访后结案。</translation>
    </message>
    <message>
        <source>The customer is not satisfied: reopen the complaint instead of closing it.</source>
        <translation>客户不满意：请重新处理，不要结案。</translation>
    </message>
    <message>
        <source>Say why the customer is not satisfied.</source>
        <translation>请说明客户不满意的原因。</translation>
    </message>
    <message>
        <source>Only a resolved or closed complaint can be reopened.</source>
        <translation>只有已解决或已结案的投诉才能重新处理。</translation>
    </message>
    <message>
        <source>Say why the complaint is reopened.</source>
        <translation>请说明重新处理的原因。</translation>
    </message>
    <message>
        <source>Complaint {number} is closed: only the manager can reopen it. Tell the manager why the customer is not satisfied.</source>
        <translation>投诉 {number} 已结案：只有部门经理可以重新处理。请把客户不满意的原因告诉经理。</translation>
    </message>
    <message>
        <source>Your role cannot reopen complaints.</source>
        <translation>您的角色不能重新处理投诉。</translation>
    </message>
    <message>
        <source>Choose the new handler.</source>
        <translation>请选择新的受理人。</translation>
    </message>
    <message>
        <source>Callback: the customer is not satisfied ({score}).</source>
        <translation>回访：客户不满意（{score}）。</translation>
    </message>
    <message>
        <source>{reason} The complaint stays closed.</source>
        <translation>{reason} 投诉保持已结案。</translation>
    </message>
    <message>
        <source>Reassigned: {old} → {new}</source>
        <translation>改派：{old} → {new}</translation>
    </message>
    <message>
        <source>Callback unreachable after {n} unanswered calls: for the manager to decide.</source>
        <translation>回访 {n} 次未接通：交由部门经理处理。</translation>
    </message>
    <message>
        <source>Say why the complaint is void.</source>
        <translation>请说明作废的原因。</translation>
    </message>
    <message>
        <source>Void: {reason}</source>
        <translation>作废：{reason}</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>Register complaint (Ctrl+N)</source>
        <translation>登记投诉（Ctrl+N）</translation>
    </message>
    <message>
        <source>Print monthly sheet…</source>
        <translation>打印月度登记表…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Not yet resolved</source>
        <translation>未解决</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <source>All handlers</source>
        <translation>全部受理人</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>仅看超期</translation>
    </message>
    <message>
        <source>Callback unreachable</source>
        <translation>回访未接通</translation>
    </message>
    <message>
        <source>Resolved complaints whose callback could not reach the customer: close or reopen them (every month)</source>
        <translation>已解决但回访一直未接通的投诉：请结案或重新处理（所有月份）</translation>
    </message>
    <message>
        <source>Search number, name, contact, order number, words in the content</source>
        <translation>搜索编号、姓名、联系方式、订单编号或投诉内容中的词语</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>This month and open ones</source>
        <translation>本月及未结</translation>
    </message>
    <message>
        <source>The complaints received this month, and those of earlier months that are still being handled</source>
        <translation>本月收到的投诉，以及以前各月仍在处理中的投诉</translation>
    </message>
    <message>
        <source>All months</source>
        <translation>全部月份</translation>
    </message>
    <message>
        <source>more than {n:,}</source>
        <translation>超过 {n:,}</translation>
    </message>
    <message>
        <source>{shown} complaint(s) in this view · {overdue} overdue in the registry</source>
        <translation>当前列表 {shown} 条投诉 · 登记表中共 {overdue} 条超期</translation>
    </message>
    <message>
        <source>searched in every month</source>
        <translation>已在所有月份中查找</translation>
    </message>
    <message>
        <source>by month: {months}</source>
        <translation>按月份：{months}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>{n} serious or major complaint(s) open</source>
        <translation>{n} 条严重或重大投诉未解决</translation>
    </message>
    <message>
        <source>{n} complaint(s) whose callback was unreachable</source>
        <translation>{n} 条投诉回访未接通</translation>
    </message>
    <message>
        <source>No data: no complaint in this view.</source>
        <translation>暂无数据：当前筛选下没有投诉。</translation>
    </message>
    <message>
        <source>No complaints yet. Press Ctrl+N to register the first one.</source>
        <translation>暂无投诉。按 Ctrl+N 登记第一条。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome. First steps:&lt;/b&gt;&lt;ol&gt;&lt;li&gt;Settings → Users: add the agents and the manager.&lt;/li&gt;&lt;li&gt;Customers → Import…: bring in the customer archive.&lt;/li&gt;&lt;li&gt;Settings → Team settings: the company, categories and callback rules.&lt;/li&gt;&lt;/ol&gt;Agents then register complaints here (Ctrl+N).</source>
        <translation>&lt;b&gt;欢迎使用。请先完成以下几步：&lt;/b&gt;&lt;ol&gt;&lt;li&gt;设置 → 用户：添加坐席和部门经理。&lt;/li&gt;&lt;li&gt;客户档案 → 导入…：导入客户档案。&lt;/li&gt;&lt;li&gt;设置 → 团队设置：公司名称、投诉类型和回访规则。&lt;/li&gt;&lt;/ol&gt;之后坐席即可在这里登记投诉（Ctrl+N）。</translation>
    </message>
    <message>
        <source>No data: no complaint has been registered yet.</source>
        <translation>暂无数据：还没有登记任何投诉。</translation>
    </message>
    <message>
        <source>complaint {number}</source>
        <translation>投诉 {number}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Complaint {number} has changes that are not saved. Leave it and discard them?</source>
        <translation>投诉 {number} 有尚未保存的修改。离开并放弃这些修改吗？</translation>
    </message>
    <message>
        <source>Complaint {number} saved.</source>
        <translation>投诉 {number} 已保存。</translation>
    </message>
    <message>
        <source>Complaint {number} registered.</source>
        <translation>投诉 {number} 已登记。</translation>
    </message>
    <message>
        <source>Print the monthly complaint sheet</source>
        <translation>打印月度投诉登记表</translation>
    </message>
    <message>
        <source>Export complaints</source>
        <translation>导出投诉</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 文件 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>{n} complaint(s) written to {file}.</source>
        <translation>已将 {n} 条投诉写入 {file}。</translation>
    </message>
    <message>
        <source>Import complaints</source>
        <translation>导入投诉</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>If some rows are invalid: import the valid ones and write the others to a reject file (Yes), or import nothing (No)?</source>
        <translation>如果有无效的行：导入有效的行并把无效的行写入拒收文件（是），还是全部不导入（否）？</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Import its rows once more?</source>
        <translation>仍要再导入一次吗？</translation>
    </message>
    <message>
        <source>{n} complaint(s) imported.</source>
        <translation>已导入 {n} 条投诉。</translation>
    </message>
    <message>
        <source>{n} invalid row(s) written to {file}.</source>
        <translation>{n} 行无效数据已写入 {file}。</translation>
    </message>
</context>
<context>
    <name>RegistrationDialog</name>
    <message>
        <source>Register a complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <source>mobile, landline with area code, e-mail or WeChat</source>
        <translation>手机、带区号的座机、电子邮箱或微信号</translation>
    </message>
    <message>
        <source>Use this customer</source>
        <translation>使用此客户</translation>
    </message>
    <message>
        <source>e.g. 11-30 14:05</source>
        <translation>例如 11-30 14:05</translation>
    </message>
    <message>
        <source>When the customer called or wrote: month-day hour:minute, e.g. 11-30 14:05</source>
        <translation>客户来电或来信的时间：月-日 时:分，例如 11-30 14:05</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>The customer&apos;s complaint in full</source>
        <translation>完整记录客户的投诉内容</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Register (Ctrl+Enter)</source>
        <translation>登记（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Registered. Read the complaint number to the customer:</source>
        <translation>登记成功。请向客户告知投诉编号：</translation>
    </message>
    <message>
        <source>Open the complaint</source>
        <translation>打开这条投诉</translation>
    </message>
    <message>
        <source>Register another</source>
        <translation>继续登记</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Linked to the archived customer {name}.</source>
        <translation>已关联客户档案：{name}。</translation>
    </message>
    <message>
        <source>This contact belongs to {name} in the customer archive.</source>
        <translation>客户档案中此联系方式属于：{name}。</translation>
    </message>
    <message>
        <source>Serious and major complaints are reported to the manager.</source>
        <translation>严重和重大投诉将上报部门经理。</translation>
    </message>
    <message>
        <source>Type the time as month-day hour:minute, e.g. 11-30 14:05.</source>
        <translation>请按“月-日 时:分”填写时间，例如 11-30 14:05。</translation>
    </message>
    <message>
        <source>Promised by {time}</source>
        <translation>承诺在 {time} 前处理</translation>
    </message>
</context>
</TS>
