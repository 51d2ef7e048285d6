<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Cli</name>
    <message>
        <source>a .csv (UTF-8) or .xlsx file</source>
        <translation>要导入的 .csv（UTF-8）或 .xlsx 文件</translation>
    </message>
    <message>
        <source>FILE.csv or FILE.xlsx</source>
        <translation>要写入的文件：FILE.csv 或 FILE.xlsx</translation>
    </message>
    <message>
        <source>exported {count} customer(s) to {file}</source>
        <translation>已导出 {count} 位客户到 {file}</translation>
    </message>
    <message>
        <source>the customer's number</source>
        <translation>客户编号</translation>
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
        <source>customers from CSV/XLSX</source>
        <translation>从 CSV/XLSX 导入客户</translation>
    </message>
    <message>
        <source>customers to CSV/XLSX</source>
        <translation>将客户导出为 CSV/XLSX</translation>
    </message>
    <message>
        <source>a customer's archive card (PDF)</source>
        <translation>客户档案卡（PDF）</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <source>Customer No.</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>On file since</source>
        <translation>建档日期</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>新客户加入</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Installations</source>
        <translation>设备安装</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Agreed date</source>
        <translation>约定安装时间</translation>
    </message>
    <message>
        <source>Installed on</source>
        <translation>实际安装时间</translation>
    </message>
    <message>
        <source>Installer</source>
        <translation>安装人员</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>待安装</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>产品报修</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Loaner</source>
        <translation>备用机</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>factory return</source>
        <translation>返厂</translation>
    </message>
    <message>
        <source>in the knowledge base</source>
        <translation>已录入知识库</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉记录</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>投诉时间</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>投诉内容</translation>
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
        <source>Callbacks</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应回访日期</translation>
    </message>
    <message>
        <source>Opinions</source>
        <translation>意见和建议</translation>
    </message>
    <message>
        <source>Customer archive card</source>
        <translation>客户档案卡</translation>
    </message>
    <message>
        <source>{name} · printed {date}</source>
        <translation>{name} · 打印于 {date}</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>Several phones separated by ;</source>
        <translation>多个电话用分号（;）分隔</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>e.g. VIP; 优质客户</source>
        <translation>例如：VIP; 优质客户</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Save anyway (shared phone)</source>
        <translation>仍然保存（共用电话）</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Open {name} (No. {id})</source>
        <translation>打开 {name}（编号 {id}）</translation>
    </message>
    <message>
        <source>Saved by someone else</source>
        <translation>已被他人保存</translation>
    </message>
    <message>
        <source>{message}

Reload the customer now and keep your changes in the form?</source>
        <translation>{message}

现在重新载入该客户，并保留您在表单中的修改吗？</translation>
    </message>
    <message>
        <source>Reloaded with the other desk's changes; your changes are back in the form. Check them and save again.</source>
        <translation>已载入其他坐席的修改，您的修改仍在表单中。请检查后再次保存。</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
</context>
<context>
    <name>CustomerListTab</name>
    <message>
        <source>Filter by phone, name or organisation…</source>
        <translation>按电话、姓名或单位筛选…</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <source>Incoming call (F2)</source>
        <translation>来电查询（F2）</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
</context>
<context>
    <name>CustomerTableModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
</context>
<context>
    <name>CustomerView</name>
    <message>
        <source>← Customer list</source>
        <translation>← 客户列表</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <source>New repair</source>
        <translation>新建报修</translation>
    </message>
    <message>
        <source>Schedule a callback</source>
        <translation>安排回访</translation>
    </message>
    <message>
        <source>New installation</source>
        <translation>新建安装</translation>
    </message>
    <message>
        <source>Onboarding…</source>
        <translation>新客户加入…</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <source>Print archive card…</source>
        <translation>打印档案卡…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>No data: no complaint, contact, callback, repair or installation yet.</source>
        <translation>暂无数据：还没有投诉、来电、回访、维修或安装记录。</translation>
    </message>
    <message>
        <source>No. {id}</source>
        <translation>编号 {id}</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>Installation of {product} late since {date}: call to apologise.</source>
        <translation>{product} 的安装自 {date} 起已逾期：请先致电客户致歉。</translation>
    </message>
    <message>
        <source>{n} complaint(s) still being handled.</source>
        <translation>有 {n} 个投诉正在处理中。</translation>
    </message>
    <message>
        <source>{n} repair(s) open.</source>
        <translation>有 {n} 个报修未结案。</translation>
    </message>
    <message>
        <source>Loaner {unit} out since {date}.</source>
        <translation>备用机 {unit} 自 {date} 借出，尚未归还。</translation>
    </message>
    <message>
        <source>Next onboarding step…</source>
        <translation>记录下一步…</translation>
    </message>
    <message>
        <source>Start onboarding…</source>
        <translation>开始新客户加入…</translation>
    </message>
    <message>
        <source>Record change</source>
        <translation>档案变更</translation>
    </message>
    <message>
        <source>Archive card of {name}</source>
        <translation>{name}的客户档案卡</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>Person</source>
        <translation>个人</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>The phone {phone} is already on file for {name} (No. {id}).</source>
        <translation>电话 {phone} 已登记在客户 {name}（编号 {id}）名下。</translation>
    </message>
    <message>
        <source>The customer's name is required.</source>
        <translation>请填写客户名称。</translation>
    </message>
    <message>
        <source>A customer is a person or an organisation.</source>
        <translation>客户类型只能是个人或单位。</translation>
    </message>
    <message>
        <source>Unknown gender: {g}.</source>
        <translation>未知的性别：{g}。</translation>
    </message>
    <message>
        <source>An organisation has no gender.</source>
        <translation>单位客户不填写性别。</translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation>最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>This e-mail address is not valid.</source>
        <translation>邮箱地址格式不正确。</translation>
    </message>
    <message>
        <source>This customer was merged into {name} (No. {id}): make the changes there.</source>
        <translation>该客户已合并到 {name}（编号 {id}），请在那条记录中修改。</translation>
    </message>
    <message>
        <source>No customer with the number {id}.</source>
        <translation>没有编号为 {id} 的客户。</translation>
    </message>
    <message>
        <source>Choose two different customers.</source>
        <translation>请选择两个不同的客户。</translation>
    </message>
    <message>
        <source>One of these records was already merged.</source>
        <translation>其中一条档案已被合并过。</translation>
    </message>
    <message>
        <source>One of the records changed meanwhile; look at it again.</source>
        <translation>其中一条档案刚被修改，请重新查看后再合并。</translation>
    </message>
    <message>
        <source>Not a phone number: {text}. A mobile has 11 digits starting with 1; a landline needs its area code, e.g. 010-12345678.</source>
        <translation>不是有效的电话号码：{text}。手机号为 1 开头的 11 位数字；固定电话需带区号，例如 010-12345678。</translation>
    </message>
    <message>
        <source>A tag has at most {n} characters.</source>
        <translation>每个标签最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Merged from No.</source>
        <translation>合并自编号</translation>
    </message>
    <message>
        <source>Merged into No.</source>
        <translation>合并到编号</translation>
    </message>
</context>
<context>
    <name>CustomersImport</name>
    <message>
        <source>{n} customer(s) imported.</source>
        <translation>已导入 {n} 位客户。</translation>
    </message>
    <message>
        <source>{n} invalid row(s) skipped, listed in {file}.</source>
        <translation>跳过 {n} 行无效数据，已列在 {file} 中。</translation>
    </message>
    <message>
        <source>Use 个人 or 单位.</source>
        <translation>请填写“个人”或“单位”。</translation>
    </message>
    <message>
        <source>Use 男, 女 or leave it empty.</source>
        <translation>请填写“男”“女”或留空。</translation>
    </message>
    <message>
        <source>{phone} is already on file for {name}.</source>
        <translation>{phone} 已登记在客户 {name} 名下。</translation>
    </message>
    <message>
        <source>{phone} is also in row {row} of this file.</source>
        <translation>{phone} 与本文件第 {row} 行重复。</translation>
    </message>
    <message>
        <source>imported from {file}</source>
        <translation>从 {file} 导入</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Stuck onboarding</source>
        <translation>停滞的加入申请</translation>
    </message>
    <message>
        <source>Late installations</source>
        <translation>逾期安装</translation>
    </message>
    <message>
        <source>Open repairs</source>
        <translation>未结报修</translation>
    </message>
    <message>
        <source>Loaners out</source>
        <translation>借出的备用机</translation>
    </message>
    <message>
        <source>Knowledge base to do</source>
        <translation>待录入知识库</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Import customers</source>
        <translation>导入客户</translation>
    </message>
    <message>
        <source>Tables (*.csv *.xlsx)</source>
        <translation>表格文件 (*.csv *.xlsx)</translation>
    </message>
    <message>
        <source>Import the valid rows and set the invalid ones aside in a reject file?
No: import nothing if any row is invalid.</source>
        <translation>是否导入有效行，并把无效行另存到退回文件？
选“否”：只要有一行无效，就全部不导入。</translation>
    </message>
    <message>
        <source>Import its rows once more?</source>
        <translation>仍要再导入一次吗？</translation>
    </message>
    <message>
        <source>Importing customers…</source>
        <translation>正在导入客户…</translation>
    </message>
    <message>
        <source>Export customers</source>
        <translation>导出客户</translation>
    </message>
    <message>
        <source>Tables (*.xlsx *.csv)</source>
        <translation>表格文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>{n} customer(s) exported.</source>
        <translation>已导出 {n} 位客户。</translation>
    </message>
    <message>
        <source>Exporting customers…</source>
        <translation>正在导出客户…</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>customers: {done}/{total}</source>
        <translation>客户：{done}/{total}</translation>
    </message>
</context>
<context>
    <name>InstallationDialog</name>
    <message>
        <source>Installation — {name}</source>
        <translation>设备安装 — {name}</translation>
    </message>
    <message>
        <source>Record installation</source>
        <translation>登记实际安装</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Agreed date</source>
        <translation>约定安装时间</translation>
    </message>
    <message>
        <source>Installer</source>
        <translation>安装人员</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Installed on</source>
        <translation>实际安装时间</translation>
    </message>
    <message>
        <source>Save first, then record the installation when done.</source>
        <translation>请先保存，安装完成后再登记实际安装时间。</translation>
    </message>
    <message>
        <source>Installed.</source>
        <translation>已安装。</translation>
    </message>
    <message>
        <source>Late by {n} day(s): call the customer to apologise.</source>
        <translation>已逾期 {n} 天：请致电客户致歉。</translation>
    </message>
</context>
<context>
    <name>Installations</name>
    <message>
        <source>The product is required.</source>
        <translation>请填写产品。</translation>
    </message>
    <message>
        <source>At most 120 characters.</source>
        <translation>最多 120 个字符。</translation>
    </message>
    <message>
        <source>The agreed date is required.</source>
        <translation>请填写约定安装时间。</translation>
    </message>
    <message>
        <source>At most 60 characters.</source>
        <translation>最多 60 个字符。</translation>
    </message>
    <message>
        <source>This installation is already done.</source>
        <translation>该设备已经安装完成。</translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
</context>
<context>
    <name>KnowledgeBaseList</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭日期</translation>
    </message>
    <message>
        <source>Days since</source>
        <translation>已过天数</translation>
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
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>{n} solved repair(s) not yet in the knowledge base; double-click opens the repair.</source>
        <translation>{n} 条已解决的报修尚未录入知识库；双击打开报修。</translation>
    </message>
</context>
<context>
    <name>LateInstallationsList</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Agreed date</source>
        <translation>约定安装时间</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <source>Installer</source>
        <translation>安装人员</translation>
    </message>
    <message>
        <source>{n} installation(s) past the agreed date: call the customer first to apologise.</source>
        <translation>{n} 个安装已过约定时间：请先致电客户致歉。</translation>
    </message>
</context>
<context>
    <name>LoanersOutList</name>
    <message>
        <source>Loaner unit</source>
        <translation>备用机</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Lent on</source>
        <translation>借出日期</translation>
    </message>
    <message>
        <source>Days out</source>
        <translation>借出天数</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Product under repair</source>
        <translation>维修中的产品</translation>
    </message>
    <message>
        <source>closed: collect the loaner</source>
        <translation>已结案：请收回备用机</translation>
    </message>
    <message>
        <source>open</source>
        <translation>处理中</translation>
    </message>
</context>
<context>
    <name>LookupDialog</name>
    <message>
        <source>Find a customer</source>
        <translation>查找客户</translation>
    </message>
    <message>
        <source>Part of a phone number, a name or an organisation…</source>
        <translation>输入部分电话号码、姓名或单位名称…</translation>
    </message>
    <message>
        <source>Type to search; Enter opens the customer.</source>
        <translation>输入即查找；按回车打开客户档案。</translation>
    </message>
    <message>
        <source>Register a complaint (Ctrl+N)</source>
        <translation>登记投诉（Ctrl+N）</translation>
    </message>
    <message>
        <source>Register a complaint for the chosen customer (or for the number typed)</source>
        <translation>为选中的客户登记投诉（没有匹配时用输入的号码）</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <source>{n} customer(s) found; Enter opens the selected one.</source>
        <translation>找到 {n} 位客户；按回车打开选中的客户。</translation>
    </message>
    <message>
        <source>No customer found. Add a new one?</source>
        <translation>没有找到客户。要新建客户吗？</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge customer records</source>
        <translation>合并客户档案</translation>
    </message>
    <message>
        <source>Find the other record of the same customer. All complaints, callbacks, repairs, installations, onboarding requests, phones and tags move to the record kept.</source>
        <translation>请找到同一客户的另一条档案。所有投诉、回访、报修、安装、加入申请、电话和标签都将转移到保留的档案中。</translation>
    </message>
    <message>
        <source>Phone, name or organisation of the other record</source>
        <translation>另一条档案的电话、姓名或单位</translation>
    </message>
    <message>
        <source>Keep this record: {name} (No. {id})</source>
        <translation>保留本档案：{name}（编号 {id}）</translation>
    </message>
    <message>
        <source>Keep the other record</source>
        <translation>保留另一条档案</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>No. {id}</source>
        <translation>编号 {id}</translation>
    </message>
    <message>
        <source>Move everything of {drop} (No. {did}) to {keep} (No. {kid})? This cannot be undone.</source>
        <translation>将 {drop}（编号 {did}）的全部记录转移到 {keep}（编号 {kid}）？此操作无法撤销。</translation>
    </message>
</context>
<context>
    <name>Onboarding</name>
    <message>
        <source>Request received</source>
        <translation>收到申请</translation>
    </message>
    <message>
        <source>Details recorded</source>
        <translation>登记资料</translation>
    </message>
    <message>
        <source>Passed to operations</source>
        <translation>转交运营部</translation>
    </message>
    <message>
        <source>Contract signed</source>
        <translation>签订合同</translation>
    </message>
    <message>
        <source>Delivered and installed</source>
        <translation>发货安装</translation>
    </message>
    <message>
        <source>Device demonstrated</source>
        <translation>设备演示</translation>
    </message>
    <message>
        <source>Usage callback done</source>
        <translation>使用情况回访</translation>
    </message>
    <message>
        <source>Onboarding step: {stage}</source>
        <translation>新客户加入步骤：{stage}</translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <source>The date cannot be before the previous step ({date}).</source>
        <translation>日期不能早于上一步（{date}）。</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Record the customer's details first; missing: {fields}.</source>
        <translation>请先在客户档案中登记资料，还缺少：{fields}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Unknown step.</source>
        <translation>未知的步骤。</translation>
    </message>
    <message>
        <source>This request is complete.</source>
        <translation>该申请已全部完成。</translation>
    </message>
    <message>
        <source>The request is already at “{stage}”; choose a later step.</source>
        <translation>该申请已处于“{stage}”，请选择之后的步骤。</translation>
    </message>
    <message>
        <source>From the installation of {product}.</source>
        <translation>由 {product} 的安装记录自动记入。</translation>
    </message>
    <message>
        <source>Onboarding complete since {date}.</source>
        <translation>新客户加入已于 {date} 完成。</translation>
    </message>
    <message>
        <source>Onboarding: “{stage}” since {date} ({days} days); next: “{next}”.</source>
        <translation>新客户加入：自 {date} 起处于“{stage}”（{days} 天）；下一步：“{next}”。</translation>
    </message>
    <message>
        <source>Stuck: chase it today.</source>
        <translation>已停滞：请今天跟进。</translation>
    </message>
</context>
<context>
    <name>OnboardingDialog</name>
    <message>
        <source>Onboarding — {name}</source>
        <translation>新客户加入 — {name}</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>A new onboarding request starts at its first step.</source>
        <translation>新的加入申请从第一步“收到申请”开始。</translation>
    </message>
</context>
<context>
    <name>OpenRepairsList</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <source>Days open</source>
        <translation>已处理天数</translation>
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
        <source>Handling</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
</context>
<context>
    <name>RepairDialog</name>
    <message>
        <source>Repair for {name}</source>
        <translation>{name} 的报修</translation>
    </message>
    <message>
        <source>Repair No. {id} — {name}</source>
        <translation>报修 {id} — {name}</translation>
    </message>
    <message>
        <source>(not yet)</source>
        <translation>（尚未判断）</translation>
    </message>
    <message>
        <source>Returned to the factory</source>
        <translation>已返厂</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Reported fault</source>
        <translation>故障描述</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Service order No.</source>
        <translation>服务派单号</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>Diagnosis</source>
        <translation>故障判断</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Solution entered in the knowledge base</source>
        <translation>解决方案已录入知识库</translation>
    </message>
    <message>
        <source>The last step of a repair: tick it when you close the repair, or later when the solution has been written up.</source>
        <translation>报修的最后一步：关闭报修时勾选，或在解决方案整理好后再勾选。</translation>
    </message>
    <message>
        <source>Loaner unit</source>
        <translation>备用机</translation>
    </message>
    <message>
        <source>Lend</source>
        <translation>借出</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已归还</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Close repair</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>状态：{state}</translation>
    </message>
    <message>
        <source>reported {at}</source>
        <translation>报修于 {at}</translation>
    </message>
    <message>
        <source>{unit} lent on {out}</source>
        <translation>{unit} 于 {out} 借出</translation>
    </message>
    <message>
        <source>, returned on {back}</source>
        <translation>，{back} 已归还</translation>
    </message>
    <message>
        <source>, still out</source>
        <translation>，尚未归还</translation>
    </message>
    <message>
        <source>No loaner lent.</source>
        <translation>未借出备用机。</translation>
    </message>
    <message>
        <source>Solution entered in the knowledge base on {date}</source>
        <translation>解决方案已于 {date} 录入知识库</translation>
    </message>
</context>
<context>
    <name>Repairs</name>
    <message>
        <source>Solved on the phone</source>
        <translation>电话解决</translation>
    </message>
    <message>
        <source>Service order</source>
        <translation>服务派单</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>软件</translation>
    </message>
    <message>
        <source>Hardware</source>
        <translation>硬件</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结案</translation>
    </message>
    <message>
        <source>Describe the reported fault.</source>
        <translation>请描述客户报修的故障。</translation>
    </message>
    <message>
        <source>Unknown handling.</source>
        <translation>未知的处理方式。</translation>
    </message>
    <message>
        <source>Unknown diagnosis.</source>
        <translation>未知的故障判断。</translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation>最多 {n} 个字符。</translation>
    </message>
    <message>
        <source>Only a hardware fault goes back to the factory.</source>
        <translation>只有硬件故障才需要返厂。</translation>
    </message>
    <message>
        <source>The time cannot be in the future.</source>
        <translation>时间不能晚于现在。</translation>
    </message>
    <message>
        <source>Which unit is lent?</source>
        <translation>请填写借出的备用机。</translation>
    </message>
    <message>
        <source>A loaner is already out for this repair.</source>
        <translation>本报修已借出一台备用机。</translation>
    </message>
    <message>
        <source>The date cannot be in the future.</source>
        <translation>日期不能晚于今天。</translation>
    </message>
    <message>
        <source>No loaner is out for this repair.</source>
        <translation>本报修没有借出的备用机。</translation>
    </message>
    <message>
        <source>The return date must be between the lending date and today.</source>
        <translation>归还日期必须在借出日期与今天之间。</translation>
    </message>
    <message>
        <source>This repair is already closed.</source>
        <translation>该报修已结案。</translation>
    </message>
    <message>
        <source>Record the result first.</source>
        <translation>请先填写处理结果。</translation>
    </message>
    <message>
        <source>Only a solved (closed) repair goes into the knowledge base.</source>
        <translation>只有已解决（已关闭）的报修才能录入知识库。</translation>
    </message>
    <message>
        <source>This repair is already in the knowledge base.</source>
        <translation>这条报修已录入知识库。</translation>
    </message>
</context>
<context>
    <name>StuckOnboardingList</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Waiting at</source>
        <translation>停留步骤</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始日期</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>{n} request(s) waiting at one step longer than {days} days; double-click opens the request.</source>
        <translation>{n} 个申请在同一步骤停留超过 {days} 天；双击打开申请。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>Onboarding</source>
        <translation>新客户加入</translation>
    </message>
    <message>
        <source>Record change</source>
        <translation>档案变更</translation>
    </message>
    <message>
        <source>Complaint {number} ({status})</source>
        <translation>投诉 {number}（{status}）</translation>
    </message>
    <message>
        <source>{channel}: {topic} ({result})</source>
        <translation>{channel}：{topic}（{result}）</translation>
    </message>
    <message>
        <source>{kind} ({status})</source>
        <translation>{kind}（{status}）</translation>
    </message>
    <message>
        <source>Repair reported: {product} ({status})</source>
        <translation>报修：{product}（{status}）</translation>
    </message>
    <message>
        <source>Repair closed: {product}</source>
        <translation>报修结案：{product}</translation>
    </message>
    <message>
        <source>Repair solution entered in the knowledge base</source>
        <translation>维修解决方案已录入知识库</translation>
    </message>
    <message>
        <source>Loaner {unit} lent</source>
        <translation>借出备用机 {unit}</translation>
    </message>
    <message>
        <source>returned {date}</source>
        <translation>{date} 已归还</translation>
    </message>
    <message>
        <source>still out</source>
        <translation>尚未归还</translation>
    </message>
    <message>
        <source>Installed: {product}</source>
        <translation>已安装：{product}</translation>
    </message>
    <message>
        <source>agreed {agreed}, installed {actual}</source>
        <translation>约定 {agreed}，实际 {actual}</translation>
    </message>
    <message>
        <source>Installation late: {product}</source>
        <translation>安装逾期：{product}</translation>
    </message>
    <message>
        <source>agreed {agreed}, {days} days late</source>
        <translation>约定 {agreed}，已逾期 {days} 天</translation>
    </message>
    <message>
        <source>Installation agreed: {product}</source>
        <translation>约定安装：{product}</translation>
    </message>
    <message>
        <source>agreed {agreed}</source>
        <translation>约定 {agreed}</translation>
    </message>
    <message>
        <source>Record created</source>
        <translation>建立档案</translation>
    </message>
    <message>
        <source>Record changed</source>
        <translation>修改档案</translation>
    </message>
    <message>
        <source>Records merged</source>
        <translation>合并档案</translation>
    </message>
</context>
<context>
    <name>WorkList</name>
    <message>
        <source>{n} row(s); double-click opens the record.</source>
        <translation>共 {n} 行；双击打开记录。</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Saved by someone else</source>
        <translation>已被他人保存</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
</TS>