<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name />
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Restored {file}.</source>
        <translation>已恢复 {file}。</translation>
    </message>
    <message>
        <source>The database as it was before is kept in {file}.</source>
        <translation>恢复前的数据库已保存在 {file}。</translation>
    </message>
    <message>
        <source>The check after the restore found problems:</source>
        <translation>恢复后的检查发现了问题：</translation>
    </message>
    <message>
        <source>The database check found nothing wrong. Please log in again.</source>
        <translation>数据库检查未发现问题。请重新登录。</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>Today's backup is made: {file}</source>
        <translation>今天的备份已完成：{file}</translation>
    </message>
    <message>
        <source>The automatic backup failed: {error}</source>
        <translation>自动备份失败：{error}</translation>
    </message>
    <message>
        <source>An export, a document or the database check is still being made from this database: try again when it has finished.</source>
        <translation>仍在从此数据库导出、生成文档或检查数据库：请在完成后再试。</translation>
    </message>
    <message>
        <source>The database is read-only: you can look things up, but nothing can be saved. Your login was not recorded.</source>
        <translation>数据库为只读：可以查询，但无法保存任何内容。本次登录未记录。</translation>
    </message>
    <message>
        <source>Another desk keeps the database busy: your login was not recorded.</source>
        <translation>另一台工作站正占用数据库：本次登录未记录。</translation>
    </message>
    <message>
        <source>Kefu Desk cannot open the database {where}. Check the address, or ask the administrator whether the server is running.</source>
        <translation>客服台无法打开数据库 {where}。请检查地址，或询问管理员服务器是否在运行。</translation>
    </message>
    <message>
        <source>The database is not set up: run `main.py init` first.</source>
        <translation>数据库尚未建立：请先运行 `main.py init`。</translation>
    </message>
    <message>
        <source>Kefu Desk</source>
        <translation>客服台</translation>
    </message>
    <message>
        <source>The database is not answering right now. Nothing you typed was lost: try again in a moment.</source>
        <translation>数据库暂时没有响应。您输入的内容没有丢失，请稍后再试。</translation>
    </message>
</context>
<context>
    <name>Areas</name>
    <message>
        <source>Complaints</source>
        <translation>投诉登记</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Contacts and work log</source>
        <translation>来电与工作日志</translation>
    </message>
    <message>
        <source>Roster and swaps</source>
        <translation>值班与换班</translation>
    </message>
    <message>
        <source>Handover log</source>
        <translation>交接日志</translation>
    </message>
    <message>
        <source>Phrases</source>
        <translation>话术库</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>Argparse</name>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>位置参数</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助并退出</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s</source>
        <translation>%(prog)s：错误：%(message)s</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>缺少必需的参数：%s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>须给出参数 %s 之一</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选项 %(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的值（%(type)s）：%(value)r</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个值</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>最多只能有一个值</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个值</translation>
    </message>
    <message>
        <source>expected %s argument</source>
        <translation>需要 %s 个值</translation>
    </message>
    <message>
        <source>expected %s arguments</source>
        <translation>需要 %s 个值</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>多余的值 %r</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>选项 %(option)s 不明确，可能是：%(matches)s</translation>
    </message>
    <message>
        <source>unexpected option string: %s</source>
        <translation>意外的选项：%s</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>Search the changes…</source>
        <translation>搜索变更内容…</translation>
    </message>
    <message>
        <source>Load more</source>
        <translation>加载更多</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Changes (old → new)</source>
        <translation>变更（旧值 → 新值）</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>{n} entries shown</source>
        <translation>已显示 {n} 条</translation>
    </message>
</context>
<context>
    <name>AuditTrail</name>
    <message>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>merged</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>logged in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>login failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <source>backed up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>(the program)</source>
        <translation>（系统）</translation>
    </message>
    <message>
        <source>user</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>customer's phone</source>
        <translation>客户电话</translation>
    </message>
    <message>
        <source>customer's tag</source>
        <translation>客户标签</translation>
    </message>
    <message>
        <source>complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>complaint step</source>
        <translation>投诉处理步骤</translation>
    </message>
    <message>
        <source>repair</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>installation</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>onboarding</source>
        <translation>新客户加入</translation>
    </message>
    <message>
        <source>onboarding step</source>
        <translation>建档步骤</translation>
    </message>
    <message>
        <source>callback</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>callback call</source>
        <translation>回访通话</translation>
    </message>
    <message>
        <source>shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>roster</source>
        <translation>值班表</translation>
    </message>
    <message>
        <source>holiday</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>shift swap</source>
        <translation>换班</translation>
    </message>
    <message>
        <source>leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>handover</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>handover issue</source>
        <translation>交接遗留问题</translation>
    </message>
    <message>
        <source>phrase</source>
        <translation>话术</translation>
    </message>
    <message>
        <source>contact record</source>
        <translation>来电记录</translation>
    </message>
    <message>
        <source>work log</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <source>work summary</source>
        <translation>工作总结</translation>
    </message>
    <message>
        <source>backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>acknowledged at</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>agent</source>
        <translation>客服</translation>
    </message>
    <message>
        <source>agreed date</source>
        <translation>约定日期</translation>
    </message>
    <message>
        <source>answered at</source>
        <translation>接听时间</translation>
    </message>
    <message>
        <source>assigned to</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>written by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>calls</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>arrived at</source>
        <translation>到岗时间</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>closed at</source>
        <translation>结案时间</translation>
    </message>
    <message>
        <source>closed by</source>
        <translation>结案人</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <source>colleague answered at</source>
        <translation>同事答复时间</translation>
    </message>
    <message>
        <source>comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <source>commented at</source>
        <translation>评语时间</translation>
    </message>
    <message>
        <source>commented by</source>
        <translation>评语人</translation>
    </message>
    <message>
        <source>complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>completed at</source>
        <translation>完成时间</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>created at</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>created by</source>
        <translation>创建人</translation>
    </message>
    <message>
        <source>customer's name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>decided at</source>
        <translation>审批时间</translation>
    </message>
    <message>
        <source>decided by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>reason for the decision</source>
        <translation>审批理由</translation>
    </message>
    <message>
        <source>diagnosis</source>
        <translation>诊断</translation>
    </message>
    <message>
        <source>due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <source>employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>end</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>ended at</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>back to the factory</source>
        <translation>返厂</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>rows imported</source>
        <translation>导入行数</translation>
    </message>
    <message>
        <source>rows rejected</source>
        <translation>拒收行数</translation>
    </message>
    <message>
        <source>first day</source>
        <translation>首日</translation>
    </message>
    <message>
        <source>gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>day given</source>
        <translation>让出日期</translation>
    </message>
    <message>
        <source>shift given</source>
        <translation>让出班次</translation>
    </message>
    <message>
        <source>handed on</source>
        <translation>移交</translation>
    </message>
    <message>
        <source>handler</source>
        <translation>处理人</translation>
    </message>
    <message>
        <source>handling</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>incoming agent</source>
        <translation>接班客服</translation>
    </message>
    <message>
        <source>installed on</source>
        <translation>安装日期</translation>
    </message>
    <message>
        <source>installer</source>
        <translation>安装人员</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>in the knowledge base since</source>
        <translation>录入知识库时间</translation>
    </message>
    <message>
        <source>label</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>last login</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>loaner returned on</source>
        <translation>备用机归还日期</translation>
    </message>
    <message>
        <source>loaner lent on</source>
        <translation>备用机借出日期</translation>
    </message>
    <message>
        <source>loaner unit</source>
        <translation>备用机</translation>
    </message>
    <message>
        <source>login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>made at</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>made by</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>merged into</source>
        <translation>合并到</translation>
    </message>
    <message>
        <source>merged from</source>
        <translation>合并自</translation>
    </message>
    <message>
        <source>moved over</source>
        <translation>转入</translation>
    </message>
    <message>
        <source>phones</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>repairs</source>
        <translation>报修</translation>
    </message>
    <message>
        <source>installations</source>
        <translation>安装</translation>
    </message>
    <message>
        <source>onboarding requests</source>
        <translation>新客户加入申请</translation>
    </message>
    <message>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>call again at</source>
        <translation>再次致电时间</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>visit needed</source>
        <translation>需上门</translation>
    </message>
    <message>
        <source>opened in</source>
        <translation>开始于</translation>
    </message>
    <message>
        <source>opinions</source>
        <translation>意见</translation>
    </message>
    <message>
        <source>order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>outgoing agent</source>
        <translation>交班客服</translation>
    </message>
    <message>
        <source>reason for the exception</source>
        <translation>例外理由</translation>
    </message>
    <message>
        <source>period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>handling principles</source>
        <translation>处理原则</translation>
    </message>
    <message>
        <source>product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>promised by</source>
        <translation>承诺时限</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>received at</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>recorded by</source>
        <translation>记录人</translation>
    </message>
    <message>
        <source>removed at</source>
        <translation>移除时间</translation>
    </message>
    <message>
        <source>reported at</source>
        <translation>报修时间</translation>
    </message>
    <message>
        <source>request</source>
        <translation>申请</translation>
    </message>
    <message>
        <source>requested by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>resolution</source>
        <translation>解决办法</translation>
    </message>
    <message>
        <source>resolved at</source>
        <translation>解决时间</translation>
    </message>
    <message>
        <source>result</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>day returned</source>
        <translation>换回日期</translation>
    </message>
    <message>
        <source>shift returned</source>
        <translation>换回班次</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>rule results</source>
        <translation>规则检查结果</translation>
    </message>
    <message>
        <source>satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>segments</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>service order</source>
        <translation>服务派单</translation>
    </message>
    <message>
        <source>severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>order</source>
        <translation>顺序</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>staffing</source>
        <translation>人员配置</translation>
    </message>
    <message>
        <source>stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>stage since</source>
        <translation>阶段开始</translation>
    </message>
    <message>
        <source>start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>substitute</source>
        <translation>代班人</translation>
    </message>
    <message>
        <source>suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>updated at</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>updated by</source>
        <translation>更新人</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>已核实</translation>
    </message>
    <message>
        <source>void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>weekend</source>
        <translation>周末</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>checked again</source>
        <translation>已重新检查</translation>
    </message>
    <message>
        <source>{record} (imported)</source>
        <translation>{record}（导入）</translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <source>Only {roles} may do this.</source>
        <translation>只有{roles}可以执行此操作。</translation>
    </message>
    <message>
        <source> or </source>
        <translation>或</translation>
    </message>
    <message>
        <source>Wrong login or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>The login is required.</source>
        <translation>请填写用户名。</translation>
    </message>
    <message>
        <source>A login uses letters, digits, '.' and '_' only.</source>
        <translation>用户名只能包含字母、数字、“.”和“_”。</translation>
    </message>
    <message>
        <source>The name is required.</source>
        <translation>请填写姓名。</translation>
    </message>
    <message>
        <source>The employee number is required.</source>
        <translation>请填写工号。</translation>
    </message>
    <message>
        <source>Unknown role: {role}.</source>
        <translation>未知角色：{role}。</translation>
    </message>
    <message>
        <source>A password needs at least {n} characters.</source>
        <translation>密码至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <source>The login {login} is taken.</source>
        <translation>用户名 {login} 已被使用。</translation>
    </message>
    <message>
        <source>The employee number {no} is taken.</source>
        <translation>工号 {no} 已被使用。</translation>
    </message>
    <message>
        <source>No user with the login {login}.</source>
        <translation>没有用户名为 {login} 的用户。</translation>
    </message>
    <message>
        <source>You cannot disable your own account.</source>
        <translation>不能停用自己的账号。</translation>
    </message>
    <message>
        <source>You cannot take the administrator role from yourself.</source>
        <translation>不能取消自己的管理员角色。</translation>
    </message>
    <message>
        <source>This user no longer exists.</source>
        <translation>该用户已不存在。</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Kefu Desk</source>
        <translation>客服台</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>A table holds binary data, which backups do not keep.</source>
        <translation>有数据表含有二进制数据，备份无法保存这类数据。</translation>
    </message>
    <message>
        <source>The folder for the backup does not exist: {folder}</source>
        <translation>备份要写入的文件夹不存在：{folder}</translation>
    </message>
    <message>
        <source>Could not copy the database: {error}</source>
        <translation>无法复制数据库：{error}</translation>
    </message>
    <message>
        <source>The database fails SQLite's integrity check, so no backup was made: {problem}</source>
        <translation>数据库没有通过 SQLite 完整性检查，因此没有备份：{problem}</translation>
    </message>
    <message>
        <source>The backup file is damaged ({member}).</source>
        <translation>备份文件已损坏（{member}）。</translation>
    </message>
    <message>
        <source>The backup lacks the table {table}.</source>
        <translation>备份中缺少数据表 {table}。</translation>
    </message>
    <message>
        <source>The backup's table {table} is damaged.</source>
        <translation>备份中的数据表 {table} 已损坏。</translation>
    </message>
    <message>
        <source>The backup's table {table} holds {found} rows, not {expected}.</source>
        <translation>备份中的数据表 {table} 有 {found} 行，应为 {expected} 行。</translation>
    </message>
    <message>
        <source>No backup file here: {path}</source>
        <translation>这里没有备份文件：{path}</translation>
    </message>
    <message>
        <source>Not a Kefu Desk backup: {path}</source>
        <translation>这不是客服台的备份文件：{path}</translation>
    </message>
    <message>
        <source>This backup was made by a newer Kefu Desk: upgrade this desk first.</source>
        <translation>这个备份由更新版本的客服台制作，请先升级本机的客服台。</translation>
    </message>
    <message>
        <source>The backup file is damaged: {error}</source>
        <translation>备份文件已损坏：{error}</translation>
    </message>
    <message>
        <source>This backup is of schema version {found}, newer than this desk's {latest}: upgrade this desk first.</source>
        <translation>这个备份的数据库结构版本为 {found}，比本机的 {latest} 新，请先升级本机的客服台。</translation>
    </message>
    <message>
        <source>This backup holds no Kefu Desk database.</source>
        <translation>这个备份里没有客服台数据库。</translation>
    </message>
    <message>
        <source>The backup fails SQLite's integrity check: {problem}</source>
        <translation>备份没有通过 SQLite 完整性检查：{problem}</translation>
    </message>
    <message>
        <source>The backup's row counts differ from its manifest.</source>
        <translation>备份中的记录数与其清单不符。</translation>
    </message>
    <message>
        <source>The backup file is damaged.</source>
        <translation>备份文件已损坏。</translation>
    </message>
    <message>
        <source>Another desk has the database open: close Kefu Desk on every other desk, then restore again.</source>
        <translation>其他电脑正在使用这个数据库：请先关闭其他电脑上的客服台，再重新恢复。</translation>
    </message>
    <message>
        <source>The folder for the database does not exist: {folder}</source>
        <translation>数据库所在的文件夹不存在：{folder}</translation>
    </message>
    <message>
        <source>{target} is not empty: a restore with --to goes into an empty database only.</source>
        <translation>{target} 不是空的：使用 --to 恢复时只能恢复到空数据库。</translation>
    </message>
    <message>
        <source>The restored database fails the check, so nothing was replaced: {check}</source>
        <translation>恢复出的数据库没有通过检查，因此没有替换任何内容：{check}</translation>
    </message>
    <message>
        <source>Could not write the backup {path}: {error}</source>
        <translation>无法写入备份 {path}：{error}</translation>
    </message>
    <message>
        <source>No backup folder is set for this PostgreSQL database: set one on the database screen, or give the file to write (-o FILE).</source>
        <translation>这个 PostgreSQL 数据库还没有设置备份文件夹：请在“数据库”页面设置，或用 -o FILE 指定要写入的文件。</translation>
    </message>
    <message>
        <source>Backups cannot be written to {folder}: {problem}</source>
        <translation>无法把备份写入 {folder}：{problem}</translation>
    </message>
    <message>
        <source>The database must be backed up before it is upgraded, and {folder} is not writable: {problem}</source>
        <translation>升级数据库前必须先备份，但 {folder} 无法写入：{problem}</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每日自动</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <source>Backup ({reason}): {file}</source>
        <translation>备份（{reason}）：{file}</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Callbacks</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Roster entries</source>
        <translation>排班记录</translation>
    </message>
    <message>
        <source>Shift swaps</source>
        <translation>换班申请</translation>
    </message>
    <message>
        <source>Leave requests</source>
        <translation>请假申请</translation>
    </message>
    <message>
        <source>Handover entries</source>
        <translation>交接记录</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>The database file {file} is damaged ({problem}).</source>
        <translation>数据库文件 {file} 已损坏（{problem}）。</translation>
    </message>
    <message>
        <source>No backup of it was found; ask whoever keeps copies of this file.</source>
        <translation>没有找到它的备份，请联系保存此文件副本的人。</translation>
    </message>
    <message>
        <source>The newest backup is {backup} ({when}); restore it with: {command}</source>
        <translation>最新的备份是 {backup}（{when}），恢复命令：{command}</translation>
    </message>
</context>
<context>
    <name>BackupNote</name>
    <message>
        <source>pg_dump: not on the PATH, not included</source>
        <translation>pg_dump：不在 PATH 中，备份中未包含其文件</translation>
    </message>
    <message>
        <source>pg_dump: failed, not included ({reason})</source>
        <translation>pg_dump：运行失败，备份中未包含其文件（{reason}）</translation>
    </message>
    <message>
        <source>pg_dump: included as {member} (restore with pg_restore)</source>
        <translation>pg_dump：其文件已作为 {member} 包含在备份中（可用 pg_restore 恢复）</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>Callbacks</name>
    <message>
        <source>Callback done</source>
        <translation>回访完成</translation>
    </message>
    <message>
        <source>Callback done: the complaint was closed</source>
        <translation>回访完成：投诉已结案</translation>
    </message>
    <message>
        <source>Callback given to {name}</source>
        <translation>回访改派给{name}</translation>
    </message>
</context>
<context>
    <name>CallsPage</name>
    <message>
        <source>Contacts</source>
        <translation>来电登记</translation>
    </message>
    <message>
        <source>Work log</source>
        <translation>工作日志</translation>
    </message>
    <message>
        <source>Weekly and monthly summaries</source>
        <translation>周报与月报</translation>
    </message>
    <message>
        <source>Open the summaries tab to print the month's work summaries.</source>
        <translation>请打开“周报与月报”标签页来打印本月的工作小结。</translation>
    </message>
    <message>
        <source>the work log's notes</source>
        <translation>工作日志中的记录</translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>{label}: {detail}</source>
        <translation>{label}：{detail}</translation>
    </message>
    <message>
        <source>integrity</source>
        <translation>完整性</translation>
    </message>
    <message>
        <source>references</source>
        <translation>关联记录</translation>
    </message>
    <message>
        <source>schema version</source>
        <translation>结构版本</translation>
    </message>
    <message>
        <source>complaint numbers</source>
        <translation>投诉编号</translation>
    </message>
    <message>
        <source>daily number sequences</source>
        <translation>每日编号序列</translation>
    </message>
    <message>
        <source> (and {n} more)</source>
        <translation>（另有 {n} 处）</translation>
    </message>
    <message>
        <source>SQLite's integrity check found nothing wrong</source>
        <translation>SQLite 完整性检查未发现问题</translation>
    </message>
    <message>
        <source>every table reads to the end</source>
        <translation>每张数据表都能完整读取</translation>
    </message>
    <message>
        <source>records point at records that do not exist: {list}</source>
        <translation>有记录指向不存在的记录：{list}</translation>
    </message>
    <message>
        <source>every reference points at a record</source>
        <translation>所有关联都指向存在的记录</translation>
    </message>
    <message>
        <source>version {found} is newer than this desk's {latest}: upgrade this desk</source>
        <translation>版本 {found} 比本机的 {latest} 新：请升级本机的客服台</translation>
    </message>
    <message>
        <source>version {found}, this desk's is {latest}: run main.py init</source>
        <translation>版本 {found}，本机为 {latest}：请运行 main.py init</translation>
    </message>
    <message>
        <source>tables missing: {tables}</source>
        <translation>缺少数据表：{tables}</translation>
    </message>
    <message>
        <source>version {found}</source>
        <translation>版本 {found}</translation>
    </message>
    <message>
        <source>numbers given twice: {numbers}</source>
        <translation>重复的编号：{numbers}</translation>
    </message>
    <message>
        <source>every number is given once</source>
        <translation>每个编号只用了一次</translation>
    </message>
    <message>
        <source>days whose sequence is behind the numbers in use (in use &gt; sequence): {list}</source>
        <translation>以下日期的序列落后于已用编号（已用 &gt; 序列）：{list}</translation>
    </message>
    <message>
        <source>{days} days, each sequence at or past its highest number</source>
        <translation>共 {days} 天，每天的序列都不低于当天的最大编号</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>not a month (use YYYY-MM): {text}</source>
        <translation>不是有效的月份（请写成 YYYY-MM）：{text}</translation>
    </message>
    <message>
        <source>{text!r} is not a size: write WIDTHxHEIGHT, e.g. 1366x768</source>
        <translation>{text!r} 不是尺寸：请写成 宽x高，例如 1366x768</translation>
    </message>
    <message>
        <source>import the valid rows; write the invalid ones to FILE.rejects.csv</source>
        <translation>导入有效的行，无效的行写入 FILE.rejects.csv</translation>
    </message>
    <message>
        <source>import a file that was imported before once more</source>
        <translation>再次导入以前导入过的文件</translation>
    </message>
    <message>
        <source>database: a file path, sqlite:///path or postgresql://user:pass@host:port/db (default: $KEFU_DB, else kefu.sqlite3 in the user's data folder)</source>
        <translation>数据库：文件路径、sqlite:///路径 或 postgresql://用户:密码@主机:端口/数据库（默认取 $KEFU_DB，否则为用户数据文件夹中的 kefu.sqlite3）</translation>
    </message>
    <message>
        <source>the language of messages: zh_CN (default) or en</source>
        <translation>提示语言：zh_CN（默认，简体中文）或 en（英文）</translation>
    </message>
    <message>
        <source>Kefu Desk: the window, or a command</source>
        <translation>客服台：不带命令时打开窗口，或执行下列命令之一</translation>
    </message>
    <message>
        <source>open the window logged in as $KEFU_USER/$KEFU_PASSWORD, print the start-up time, exit</source>
        <translation>以 $KEFU_USER/$KEFU_PASSWORD 登录并打开窗口，输出启动耗时后退出</translation>
    </message>
    <message>
        <source>create or upgrade the database schema</source>
        <translation>创建或升级数据库结构</translation>
    </message>
    <message>
        <source>company name (first run)</source>
        <translation>公司名称（首次运行时）</translation>
    </message>
    <message>
        <source>the administrator's login (first run)</source>
        <translation>管理员的登录名（首次运行时）</translation>
    </message>
    <message>
        <source>file holding the administrator's password</source>
        <translation>存放管理员密码的文件</translation>
    </message>
    <message>
        <source>fill the database with demo data</source>
        <translation>向数据库填入演示数据</translation>
    </message>
    <message>
        <source>the same seed makes the same data (default 1)</source>
        <translation>随机种子，相同的种子生成相同的数据（默认 1）</translation>
    </message>
    <message>
        <source>how many customers (default 500)</source>
        <translation>客户数（默认 500）</translation>
    </message>
    <message>
        <source>how many complaints (default 2000)</source>
        <translation>投诉条数（默认 2000）</translation>
    </message>
    <message>
        <source>over how many months (default 6)</source>
        <translation>覆盖的月数（默认 6）</translation>
    </message>
    <message>
        <source>how many agents (default 6)</source>
        <translation>客服代表人数（默认 6）</translation>
    </message>
    <message>
        <source>add the demo data even though the database already holds customers or complaints</source>
        <translation>即使数据库中已有客户或投诉，也添加演示数据</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>add a user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>the new user's login</source>
        <translation>新用户的登录名</translation>
    </message>
    <message>
        <source>agent: an agent; manager: a manager; admin: the administrator</source>
        <translation>角色：agent 客服代表，manager 部门经理，admin 系统管理员</translation>
    </message>
    <message>
        <source>the user's name</source>
        <translation>用户姓名</translation>
    </message>
    <message>
        <source>employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>file holding the new user's password (else it is typed)</source>
        <translation>存放新用户密码的文件（不给则在终端输入）</translation>
    </message>
    <message>
        <source>the figures of a month (the reports page's)</source>
        <translation>某月的统计数据（与报表页相同）</translation>
    </message>
    <message>
        <source>the month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>print one JSON object (rates as fractions, hours with two decimals)</source>
        <translation>输出一个 JSON 对象（比率为小数，小时数保留两位小数）</translation>
    </message>
    <message>
        <source>save one PNG per main screen</source>
        <translation>每个主要界面保存一张 PNG 截图</translation>
    </message>
    <message>
        <source>the folder to save the pictures in</source>
        <translation>保存截图的文件夹</translation>
    </message>
    <message>
        <source>the screen to render on, e.g. 1366x768 (default: a 1400x860 window)</source>
        <translation>按此屏幕尺寸绘制，如 1366x768（默认为 1400x860 的窗口）</translation>
    </message>
    <message>
        <source>import records from CSV or XLSX</source>
        <translation>从 CSV 或 XLSX 导入记录</translation>
    </message>
    <message>
        <source>export records to CSV or XLSX</source>
        <translation>将记录导出为 CSV 或 XLSX</translation>
    </message>
    <message>
        <source>print a document to PDF</source>
        <translation>将文档打印为 PDF</translation>
    </message>
    <message>
        <source>search records (reads only)</source>
        <translation>查找记录（只读）</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>no permission to read it</source>
        <translation>没有读取权限</translation>
    </message>
    <message>
        <source>it is a folder</source>
        <translation>这是一个文件夹</translation>
    </message>
    <message>
        <source>cannot read the password file {file}: {reason}</source>
        <translation>无法读取密码文件 {file}：{reason}</translation>
    </message>
    <message>
        <source>no password: give --password-file, or run in a terminal to type it</source>
        <translation>没有密码：请用 --password-file 给出，或在终端中运行以输入密码</translation>
    </message>
    <message>
        <source>Again: </source>
        <translation>再输入一次: </translation>
    </message>
    <message>
        <source>no password given</source>
        <translation>未输入密码</translation>
    </message>
    <message>
        <source>the two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <source>the database has no Kefu Desk schema: run `main.py init` first</source>
        <translation>该数据库还没有客服台的数据结构：请先运行 `main.py init`</translation>
    </message>
    <message>
        <source>the database schema is version {version}: run `main.py init` to upgrade</source>
        <translation>数据库结构为版本 {version}：请运行 `main.py init` 升级</translation>
    </message>
    <message>
        <source>Administrator password: </source>
        <translation>管理员密码: </translation>
    </message>
    <message>
        <source>building the search index: {done}/{total}</source>
        <translation>正在建立搜索索引：{done}/{total}</translation>
    </message>
    <message>
        <source>backups cannot be written to {folder}: {problem}</source>
        <translation>无法向 {folder} 写入备份：{problem}</translation>
    </message>
    <message>
        <source>PostgreSQL's pg_trgm extension could not be created in this database: a search for a word of three or more letters or digits reads every complaint (let the database's owner create it, or create it as a superuser, then run init again)</source>
        <translation>无法在此数据库中创建 PostgreSQL 的 pg_trgm 扩展：搜索三个及以上连续的文字或数字时将逐条读取所有投诉（请让数据库的所有者创建该扩展，或以超级用户身份创建，然后重新运行 init）</translation>
    </message>
    <message>
        <source>created the schema, version {version}</source>
        <translation>已创建数据库结构，版本 {version}</translation>
    </message>
    <message>
        <source>upgraded the schema from version {before} to {version}</source>
        <translation>已将数据库结构从版本 {before} 升级到 {version}</translation>
    </message>
    <message>
        <source>schema version {version}, nothing to do</source>
        <translation>数据库结构已是版本 {version}，无需操作</translation>
    </message>
    <message>
        <source>Password for {login}: </source>
        <translation>{login} 的密码: </translation>
    </message>
    <message>
        <source>added {login} ({role}, employee number {number})</source>
        <translation>已添加用户 {login}（{role}，工号 {number}）</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
    <message>
        <source>{title}:</source>
        <translation>{title}：</translation>
    </message>
    <message>
        <source>file not found: {file}</source>
        <translation>找不到文件：{file}</translation>
    </message>
    <message>
        <source>database: {problem}</source>
        <translation>数据库：{problem}</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>the window is started by main.py</source>
        <translation>窗口由 main.py 启动</translation>
    </message>
    <message>
        <source>act as this user, who types the password (default: $KEFU_USER, $KEFU_PASSWORD)</source>
        <translation>以此用户身份执行，并由其输入密码（默认取 $KEFU_USER 和 $KEFU_PASSWORD）</translation>
    </message>
    <message>
        <source>This command acts as a user: set KEFU_USER and KEFU_PASSWORD, or give --user LOGIN and type the password.</source>
        <translation>此命令须以用户身份执行：请设置 KEFU_USER 和 KEFU_PASSWORD，或用 --user 登录名 并输入密码。</translation>
    </message>
    <message>
        <source>No password: set KEFU_PASSWORD or run in a terminal to type it.</source>
        <translation>没有密码：请设置 KEFU_PASSWORD，或在终端中运行以输入密码。</translation>
    </message>
    <message>
        <source>No password was typed.</source>
        <translation>没有输入密码。</translation>
    </message>
    <message>
        <source>back up the database (verified; into the backup folder)</source>
        <translation>备份数据库（备份后校验；存入备份文件夹）</translation>
    </message>
    <message>
        <source>the file to write instead</source>
        <translation>改为写入此文件</translation>
    </message>
    <message>
        <source>restore a backup (the database is backed up first)</source>
        <translation>从备份恢复（先备份当前数据库）</translation>
    </message>
    <message>
        <source>a backup made by Kefu Desk</source>
        <translation>客服台生成的备份文件</translation>
    </message>
    <message>
        <source>restore into this other, empty database instead</source>
        <translation>改为恢复到这个空的数据库</translation>
    </message>
    <message>
        <source>check the database: integrity, references, numbering</source>
        <translation>检查数据库：完整性、记录间的引用、编号</translation>
    </message>
    <message>
        <source>backed up to {path}: {size} bytes, {rows} records in {tables} tables, verified</source>
        <translation>已备份到 {path}：{size} 字节，{tables} 张数据表共 {rows} 条记录，已验证</translation>
    </message>
    <message>
        <source>restoring {file}: made {when}, schema version {version}, {rows} records</source>
        <translation>正在恢复 {file}：制作于 {when}，结构版本 {version}，共 {rows} 条记录</translation>
    </message>
    <message>
        <source>the database as it was is kept in {file}</source>
        <translation>恢复前的数据库已保存在 {file}</translation>
    </message>
    <message>
        <source>restored into {target}, schema version {version}</source>
        <translation>已恢复到 {target}，结构版本 {version}</translation>
    </message>
    <message>
        <source>This database already holds customers or complaints: the demo would mix with them. Use an empty database, or give --force to add the demo data anyway.</source>
        <translation>此数据库已有客户或投诉记录，演示数据会与之混在一起。请使用空数据库，或加 --force 仍然添加演示数据。</translation>
    </message>
    <message>
        <source>a .csv or .xlsx file with the register's headers</source>
        <translation>要导入的 .csv 或 .xlsx 文件，表头与来电登记表一致</translation>
    </message>
    <message>
        <source>imported {count} contact(s)</source>
        <translation>已导入 {count} 条来电登记</translation>
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
        <source>exported {count} contact(s) to {file}</source>
        <translation>已导出 {count} 条来电登记到 {file}</translation>
    </message>
    <message>
        <source>import the contact register from CSV/XLSX</source>
        <translation>从 CSV/XLSX 导入来电登记</translation>
    </message>
    <message>
        <source>export the contact register to CSV/XLSX</source>
        <translation>将来电登记导出为 CSV/XLSX</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation>警告：{message}</translation>
    </message>
    <message>
        <source>not a whole number: {text}</source>
        <translation>不是整数：{text}</translation>
    </message>
    <message>
        <source>no display: the window needs a desktop session (DISPLAY is not set); commands such as init, demo, import, export and print run without one</source>
        <translation>没有图形界面：窗口需要桌面会话（未设置 DISPLAY）；init、demo、import、export、print 等命令无需图形界面即可运行</translation>
    </message>
    <message>
        <source>missing system libraries: the window needs {names}; on Debian or Ubuntu: sudo apt-get install {names}</source>
        <translation>缺少系统库：窗口需要 {names}；在 Debian 或 Ubuntu 上执行：sudo apt-get install {names}</translation>
    </message>
    <message>
        <source>cannot open the display {display}: is the desktop running?</source>
        <translation>无法连接显示器 {display}：桌面是否已启动？</translation>
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
        <source>the monthly complaint summary report (PDF)</source>
        <translation>投诉月度汇总报表（PDF）</translation>
    </message>
    <message>
        <source>Give --again to import it once more.</source>
        <translation>如确要再导入一次，请加 --again。</translation>
    </message>
    <message>
        <source>only this agent (login); default: every agent</source>
        <translation>只看此客服代表（登录名）；默认为全体客服代表</translation>
    </message>
    <message>
        <source>the output must be a .pdf file: {file}</source>
        <translation>输出须为 .pdf 文件：{file}</translation>
    </message>
    <message>
        <source>wrote {file}: {count} agent(s)</source>
        <translation>已写入 {file}：{count} 位客服代表</translation>
    </message>
    <message>
        <source>the month's work summary of one agent or of every agent</source>
        <translation>一位或全体客服代表的工作月报</translation>
    </message>
</context>
<context>
    <name>Connection</name>
    <message>
        <source>Choose the file on the shared folder.</source>
        <translation>请选择共享文件夹上的数据库文件。</translation>
    </message>
    <message>
        <source>The folder {folder} cannot be reached from this computer.</source>
        <translation>本机无法访问文件夹 {folder}。</translation>
    </message>
    <message>
        <source>Give the server's name or address.</source>
        <translation>请填写服务器名称或地址。</translation>
    </message>
    <message>
        <source>The port is a number from 1 to 65535.</source>
        <translation>端口应为 1 到 65535 之间的数字。</translation>
    </message>
    <message>
        <source>Give the database's name.</source>
        <translation>请填写数据库名称。</translation>
    </message>
    <message>
        <source>Give the user name.</source>
        <translation>请填写用户名。</translation>
    </message>
    <message>
        <source>The server did not accept the connection: {reason}</source>
        <translation>服务器拒绝了连接：{reason}</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>Edit a contact</source>
        <translation>修改来电记录</translation>
    </message>
    <message>
        <source>Log a contact</source>
        <translation>来电/咨询登记</translation>
    </message>
    <message>
        <source>mobile, landline with area code, e-mail or WeChat</source>
        <translation>手机、带区号的固话、邮箱或微信</translation>
    </message>
    <message>
        <source>(not in the archive)</source>
        <translation>（档案中没有）</translation>
    </message>
    <message>
        <source>What the customer wanted, in a few words</source>
        <translation>客户来电的事由，简要记下</translation>
    </message>
    <message>
        <source>Ended when saved</source>
        <translation>保存时结束</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Came in</source>
        <translation>来电时间</translation>
    </message>
    <message>
        <source>First answer</source>
        <translation>首次应答</translation>
    </message>
    <message>
        <source>Phone or contact</source>
        <translation>电话或联系方式</translation>
    </message>
    <message>
        <source>Archived customer</source>
        <translation>档案客户</translation>
    </message>
    <message>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Ctrl+Enter saves. Esc closes without saving.</source>
        <translation>Ctrl+Enter 保存，Esc 不保存关闭。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>(add to the customer archive)</source>
        <translation>（加入客户档案）</translation>
    </message>
</context>
<context>
    <name>ContactRegister</name>
    <message>
        <source>Answered</source>
        <translation>已解答</translation>
    </message>
    <message>
        <source>Order placed</source>
        <translation>已下单</translation>
    </message>
    <message>
        <source>Complaint registered</source>
        <translation>已登记投诉</translation>
    </message>
    <message>
        <source>Callback needed</source>
        <translation>需回访</translation>
    </message>
    <message>
        <source>Transferred</source>
        <translation>已转接</translation>
    </message>
    <message>
        <source>Not a date and time.</source>
        <translation>不是有效的日期时间。</translation>
    </message>
    <message>
        <source>This time cannot be in the future.</source>
        <translation>这个时间不能晚于现在。</translation>
    </message>
    <message>
        <source>The first answer cannot be before the contact came in.</source>
        <translation>首次应答时间不能早于来电时间。</translation>
    </message>
    <message>
        <source>The end cannot be before the contact came in or was answered.</source>
        <translation>结束时间不能早于来电或应答时间。</translation>
    </message>
    <message>
        <source>Choose a channel from the list.</source>
        <translation>请从列表中选择渠道。</translation>
    </message>
    <message>
        <source>Choose a topic from the list.</source>
        <translation>请从列表中选择主题。</translation>
    </message>
    <message>
        <source>Choose a result from the list.</source>
        <translation>请从列表中选择结果。</translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation>最多 {n} 个字。</translation>
    </message>
    <message>
        <source>An order placed needs its order number.</source>
        <translation>已下单需要填写订单编号。</translation>
    </message>
    <message>
        <source>This customer is not in the archive.</source>
        <translation>客户档案中没有这位客户。</translation>
    </message>
    <message>
        <source>A new customer needs a name and a phone number.</source>
        <translation>新客户需要填写名称和电话。</translation>
    </message>
    <message>
        <source>A callback needs the customer's name and phone number.</source>
        <translation>需回访时要填写客户名称和电话。</translation>
    </message>
    <message>
        <source>Call back about: {topic} {note}</source>
        <translation>回电：{topic} {note}</translation>
    </message>
    <message>
        <source>This contact is no longer in the register.</source>
        <translation>登记表中已没有这条来电记录。</translation>
    </message>
    <message>
        <source>Only the agent who took a contact edits it.</source>
        <translation>只有接待该来电的坐席可以修改。</translation>
    </message>
    <message>
        <source>This complaint is no longer in the registry.</source>
        <translation>投诉登记表中已没有这条投诉。</translation>
    </message>
</context>
<context>
    <name>ContactTransfer</name>
    <message>
        <source>Not a time: use YYYY-MM-DD HH:MM:SS (seconds may be left out).</source>
        <translation>不是有效时间：请写 YYYY-MM-DD HH:MM:SS（秒可省略）。</translation>
    </message>
    <message>
        <source>The time it came in is required.</source>
        <translation>来电时间必须填写。</translation>
    </message>
    <message>
        <source>Unknown value {value}.</source>
        <translation>无法识别的值 {value}。</translation>
    </message>
    <message>
        <source>Unknown result {value}: use 已解答, 已下单, 已登记投诉, 需回访 or 已转接.</source>
        <translation>无法识别的结果 {value}：请写 已解答、已下单、已登记投诉、需回访 或 已转接。</translation>
    </message>
    <message>
        <source>No user with this employee number, login or name.</source>
        <translation>没有这个工号、登录名或姓名的用户。</translation>
    </message>
</context>
<context>
    <name>Contacts</name>
    <message>
        <source>The contact is required.</source>
        <translation>请填写联系方式。</translation>
    </message>
    <message>
        <source>This e-mail address is not valid: {text}</source>
        <translation>邮箱地址无效：{text}</translation>
    </message>
    <message>
        <source>A mobile number has 11 digits starting with 1; this one has {n}.</source>
        <translation>手机号应为以 1 开头的 11 位数字，这里是 {n} 位。</translation>
    </message>
    <message>
        <source>Not a phone number: a mobile has 11 digits starting with 1; a landline needs its area code, e.g. 010-12345678.</source>
        <translation>不是有效的电话号码：手机号为以 1 开头的 11 位数字；座机需带区号，例如 010-12345678。</translation>
    </message>
    <message>
        <source>Give a mobile (11 digits), a landline with area code, an e-mail or a WeChat id.</source>
        <translation>请填写手机号（11 位）、带区号的座机、邮箱或微信号。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>WeChat {id}</source>
        <translation>微信 {id}</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <source>Log a contact (F3)</source>
        <translation>来电登记 (F3)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Came in</source>
        <translation>来电时间</translation>
    </message>
    <message>
        <source>Response (s)</source>
        <translation>应答（秒）</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>时长（分）</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
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
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Order / complaint</source>
        <translation>订单/投诉编号</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>No contacts logged on this day. F3 logs one from anywhere.</source>
        <translation>这一天还没有来电登记。在任何页面按 F3 即可登记。</translation>
    </message>
    <message>
        <source>{n} contact(s), {orders} order(s), {slow} answered after 15 s</source>
        <translation>共 {n} 条来电，成交 {orders} 单，{slow} 条超过 15 秒应答</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>{other} (No. {oid}) merged into {keep} (No. {kid})</source>
        <translation>{other}（编号 {oid}）已合并到 {keep}（编号 {kid}）</translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <source>Kefu Desk — the database is damaged</source>
        <translation>客服台 — 数据库已损坏</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>An administrator can restore this backup now:</source>
        <translation>管理员现在可以恢复这个备份：</translation>
    </message>
    <message>
        <source>Administrator login</source>
        <translation>管理员账号</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Restore the newest backup</source>
        <translation>恢复最新的备份</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>not a SQLite URL (use sqlite:///path): {url}</source>
        <translation>不是有效的 SQLite 地址（请写成 sqlite:///路径）：{url}</translation>
    </message>
    <message>
        <source>unknown database URL scheme: {scheme} (use a file path, sqlite:///path or postgresql://user:password@host:port/database)</source>
        <translation>不支持的数据库类型：{scheme}（可用文件路径、sqlite:///路径 或 postgresql://用户:密码@主机:端口/数据库）</translation>
    </message>
    <message>
        <source>the PostgreSQL URL names no database: {url}</source>
        <translation>PostgreSQL 地址中没有数据库名：{url}</translation>
    </message>
    <message>
        <source>not a valid port in the PostgreSQL URL: {url}</source>
        <translation>PostgreSQL 地址中的端口无效：{url}</translation>
    </message>
    <message>
        <source>not a valid schema name: {schema}</source>
        <translation>不是有效的 schema 名称：{schema}</translation>
    </message>
    <message>
        <source>the database path is a folder: {path}</source>
        <translation>数据库路径是一个文件夹：{path}</translation>
    </message>
    <message>
        <source>the folder for the database does not exist: {folder}</source>
        <translation>数据库所在的文件夹不存在：{folder}</translation>
    </message>
    <message>
        <source>cannot open the database {database}: {problem}</source>
        <translation>无法打开数据库 {database}：{problem}</translation>
    </message>
    <message>
        <source>the schema {schema} does not exist in {database}: create it first (CREATE SCHEMA {schema})</source>
        <translation>{database} 中没有 schema {schema}：请先创建（CREATE SCHEMA {schema}）</translation>
    </message>
</context>
<context>
    <name>DatabaseChoiceDialog</name>
    <message>
        <source>Kefu Desk — where the database lives</source>
        <translation>客服台 — 数据库位置</translation>
    </message>
    <message>
        <source>Every desk of the team works on one database. Choose where it lives; this computer remembers the choice.</source>
        <translation>团队所有坐席共用一个数据库。请选择它的位置，本机会记住这个选择。</translation>
    </message>
</context>
<context>
    <name>DatabaseChoiceForm</name>
    <message>
        <source>A file on this computer</source>
        <translation>本机文件</translation>
    </message>
    <message>
        <source>A file on a shared folder</source>
        <translation>共享文件夹上的文件</translation>
    </message>
    <message>
        <source>e.g. \\server\kefu\kefu.sqlite3</source>
        <translation>例如 \\server\kefu\kefu.sqlite3</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>A PostgreSQL server</source>
        <translation>PostgreSQL 服务器</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>连接测试</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>The database file on the shared folder</source>
        <translation>共享文件夹上的数据库文件</translation>
    </message>
    <message>
        <source>Kefu Desk database (*.sqlite3);;All files (*)</source>
        <translation>客服台数据库 (*.sqlite3);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Connected.</source>
        <translation>连接成功。</translation>
    </message>
    <message>
        <source>This computer has no credential store: the password is not kept and will be asked at the next start.</source>
        <translation>本机没有系统凭据存储，密码不会保存，下次启动时需要重新输入。</translation>
    </message>
</context>
<context>
    <name>DatabaseLocationBox</name>
    <message>
        <source>Where this computer finds the database</source>
        <translation>本机使用的数据库</translation>
    </message>
    <message>
        <source>Remembered on this computer only; the change takes effect the next time Kefu Desk starts here.</source>
        <translation>只保存在本机；更改在本机下次启动客服台时生效。</translation>
    </message>
    <message>
        <source>This desk was started with the database given by {how}, which comes before this computer's choice: the choice is used at a start without {how}.</source>
        <translation>本机这次启动使用的是 {how} 指定的数据库，它优先于本机的选择：不带 {how} 启动时才使用这里的选择。</translation>
    </message>
    <message>
        <source>Use from the next start</source>
        <translation>下次启动时使用</translation>
    </message>
    <message>
        <source>Saved: this desk uses the database {where} at a start without {how}.</source>
        <translation>已保存：不带 {how} 启动时，本机使用数据库 {where}。</translation>
    </message>
    <message>
        <source>Saved: from the next start this desk uses the database {where}.</source>
        <translation>已保存：本机下次启动时使用数据库 {where}。</translation>
    </message>
    <message>
        <source>Use the other database now?</source>
        <translation>现在就改用这个数据库吗？</translation>
    </message>
    <message>
        <source>Kefu Desk can go over to the database {where} now: the window closes (you are asked about anything not yet saved) and you log in there. Otherwise the change takes effect the next time Kefu Desk starts here.</source>
        <translation>客服台可以现在就改用数据库 {where}：窗口将关闭（尚未保存的内容会先询问您），然后在那里重新登录。否则，更改在本机下次启动客服台时生效。</translation>
    </message>
    <message>
        <source>Kefu Desk can go over to the database {where} now: the window closes (you are asked about anything not yet saved) and you log in there. A start with {how} uses that database again.</source>
        <translation>客服台可以现在就改用数据库 {where}：窗口将关闭（尚未保存的内容会先询问您），然后在那里重新登录。带 {how} 启动时仍会使用 {how} 指定的数据库。</translation>
    </message>
    <message>
        <source>Switch now</source>
        <translation>现在切换</translation>
    </message>
    <message>
        <source>At the next start</source>
        <translation>下次启动时</translation>
    </message>
</context>
<context>
    <name>DatabaseTab</name>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Schema version</source>
        <translation>结构版本</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>empty: the folder backups beside the database file</source>
        <translation>留空：使用数据库文件旁的 backups 文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>every backup for</source>
        <translation>全部备份保留</translation>
    </message>
    <message>
        <source>and one a month for</source>
        <translation>，另外每月留一个，保留</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Last verified backup</source>
        <translation>最近一次已验证的备份</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Check the database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>{version} (this desk: {latest})</source>
        <translation>{version}（本机：{latest}）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{file} (missing)</source>
        <translation>{file}（文件已不存在）</translation>
    </message>
    <message>
        <source>No backup folder: set one, or no automatic backups are made.</source>
        <translation>尚未设置备份文件夹：不设置就不会自动备份。</translation>
    </message>
    <message>
        <source>{folder} cannot be written to: {problem}</source>
        <translation>无法写入 {folder}：{problem}</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>还没有</translation>
    </message>
    <message>
        <source>{when} ({age}): {file}</source>
        <translation>{when}（{age}）：{file}</translation>
    </message>
    <message>
        <source>{n} min ago</source>
        <translation>{n} 分钟前</translation>
    </message>
    <message>
        <source>{n} h ago</source>
        <translation>{n} 小时前</translation>
    </message>
    <message>
        <source>{n} d ago</source>
        <translation>{n} 天前</translation>
    </message>
    <message>
        <source>Saved, but backups cannot be written there: {problem}</source>
        <translation>已保存，但无法在那里写入备份：{problem}</translation>
    </message>
    <message>
        <source>Backup made and verified: {file}</source>
        <translation>备份已完成并通过验证：{file}</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>正在备份数据库…</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Kefu Desk backups (*.zip *.sqlite3 *.bak);;All files (*)</source>
        <translation>客服台备份 (*.zip *.sqlite3 *.bak);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Replace the database {location} ({current}) with the backup of {when} ({restored})?

Everything entered since that backup is replaced. First a backup of the database as it is now is made in {folder}.

Kefu Desk must be closed on every other desk; this window closes and you log in again afterwards.</source>
        <translation>要用 {when} 的备份（{restored}）替换数据库 {location}（{current}）吗？

该备份之后录入的所有内容都会被替换。替换前，会先把当前数据库备份到 {folder}。

其他电脑上的客服台必须先关闭；本窗口会关闭，恢复后请重新登录。</translation>
    </message>
</context>
<context>
    <name>Demo</name>
    <message>
        <source>customers: {customers} ({organisations} organisations), {requests} onboarding requests, {installed} installations ({late} late), {repaired} repairs ({open} open, {loaners} loaners out) in {seconds} s</source>
        <translation>客户：{customers} 位（其中单位 {organisations} 个），建档申请 {requests} 条，安装 {installed} 次（逾期 {late} 次），报修 {repaired} 次（未结 {open} 次，借出备用机 {loaners} 台），用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>demo customers added: {count}</source>
        <translation>添加演示客户：{count} 位</translation>
    </message>
    <message>
        <source>complaints: {total} over {months} months ({overdue} overdue) in {seconds} s</source>
        <translation>投诉：{months} 个月共 {total} 条（已超期 {overdue} 条），用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>contacts: {total} ({orders} orders, {slow} answered after 15 s)</source>
        <translation>来电登记：{total} 条（成交 {orders} 条，超过 15 秒才接听 {slow} 条）</translation>
    </message>
    <message>
        <source>users: manager, agent1..agent{last} (password: {password})</source>
        <translation>用户：manager、agent1 至 agent{last}（密码：{password}）</translation>
    </message>
    <message>
        <source>phrases: {count}</source>
        <translation>话术库：{count} 条</translation>
    </message>
    <message>
        <source>done in {seconds} s</source>
        <translation>完成，用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>work logs: {arrivals} arrivals, {notes} days with notes, {summaries} monthly summaries</source>
        <translation>工作日志：到岗记录 {arrivals} 条，有备注的 {notes} 天，月度总结 {summaries} 份</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <source>Complaints received</source>
        <translation>收到投诉</translation>
    </message>
    <message>
        <source>Complaints received in the month (by their received time). Void ones are not counted here but under Void.</source>
        <translation>本月收到的投诉（按投诉时间）。作废的不计在此，另计入“作废”。</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Complaints received in the month and voided (filed by mistake). They count in no other figure.</source>
        <translation>本月收到后作废（误登记）的投诉，不计入其他任何指标。</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Of the complaints received in the month, those resolved (resolved, or closed after the callback) by the cut-off: the end of the month, or now while the month runs.</source>
        <translation>本月收到的投诉中，截止时点前已解决（已解决或已回访结案）的。截止时点为月末；本月尚未结束时为当前时间。</translation>
    </message>
    <message>
        <source>Resolution rate</source>
        <translation>解决率</translation>
    </message>
    <message>
        <source>Resolved ÷ complaints received.</source>
        <translation>已解决 ÷ 收到投诉。</translation>
    </message>
    <message>
        <source>Average handling time</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <source>Mean of (resolved time − received time) over the resolved complaints, in hours.</source>
        <translation>已解决投诉的（解决时间 − 投诉时间）的平均值，单位小时。</translation>
    </message>
    <message>
        <source>Resolved on time</source>
        <translation>按时解决</translation>
    </message>
    <message>
        <source>Resolved complaints resolved at or before the time promised to the customer. One without a promised time is neither on time nor late (counted under Without a promised time).</source>
        <translation>在向客户承诺的处理时间之前（含当时）解决的已解决投诉。没有承诺时间的既不算按时也不算超时，另计入“无承诺时间”。</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>按时解决率</translation>
    </message>
    <message>
        <source>Resolved on time ÷ resolved complaints that have a promised time.</source>
        <translation>按时解决 ÷ 有承诺时间的已解决投诉。</translation>
    </message>
    <message>
        <source>Without a promised time</source>
        <translation>无承诺时间</translation>
    </message>
    <message>
        <source>Resolved complaints that have no promised time: neither on time nor late.</source>
        <translation>没有承诺处理时间的已解决投诉：既不算按时，也不算超时。</translation>
    </message>
    <message>
        <source>Overdue at the cut-off</source>
        <translation>截止时超期未解决</translation>
    </message>
    <message>
        <source>Complaints received in the month whose promised time had passed at the cut-off (the end of the month, or now while it runs) and that were not resolved by then. The monthly sheet and the monthly summary show the same figure.</source>
        <translation>本月收到的投诉中，截止时点（月末；本月尚未结束时为当前时间）已过承诺处理时间而当时仍未解决的。月度登记表和月度汇总报告显示的是同一个数。</translation>
    </message>
    <message>
        <source>Overdue now (all months)</source>
        <translation>当前超期（所有月份）</translation>
    </message>
    <message>
        <source>Every complaint of any month that is past its promised time and not yet resolved, counted now (the number beside the complaint registry). Not a figure of the chosen month.</source>
        <translation>各月所有已过承诺处理时间、目前仍未解决的投诉，按此刻统计（即“投诉登记”旁的数字）。这不是所选月份的指标。</translation>
    </message>
    <message>
        <source>Satisfaction (mean of 1–5)</source>
        <translation>满意度（1–5 分平均）</translation>
    </message>
    <message>
        <source>Mean satisfaction score (5 very satisfied … 1 very dissatisfied) of the month's complaints that have one. Callbacks' own survey scores are reported apart.</source>
        <translation>本月有满意度评分的投诉的平均分（5 非常满意 … 1 非常不满意）。回访本身的调查评分另行统计。</translation>
    </message>
    <message>
        <source>Share satisfied</source>
        <translation>满意占比</translation>
    </message>
    <message>
        <source>Complaints scored {satisfied_from} or more ÷ complaints with a score. The same threshold (a team setting) decides whether a callback closes the complaint.</source>
        <translation>评分 {satisfied_from} 分及以上的投诉 ÷ 有评分的投诉。回访能否结案也按这一分数线（团队设置）判断。</translation>
    </message>
    <message>
        <source>Complaints with a score</source>
        <translation>有评分的投诉</translation>
    </message>
    <message>
        <source>The month's complaints that have a satisfaction score.</source>
        <translation>本月有满意度评分的投诉数。</translation>
    </message>
    <message>
        <source>Complaints by category</source>
        <translation>按类型统计投诉</translation>
    </message>
    <message>
        <source>Complaints received in the month by category.</source>
        <translation>本月收到的投诉按类型统计。</translation>
    </message>
    <message>
        <source>Complaints by channel</source>
        <translation>按渠道统计投诉</translation>
    </message>
    <message>
        <source>Complaints received in the month by channel.</source>
        <translation>本月收到的投诉按渠道统计。</translation>
    </message>
    <message>
        <source>Complaints by severity</source>
        <translation>按严重程度统计投诉</translation>
    </message>
    <message>
        <source>Complaints received in the month by severity.</source>
        <translation>本月收到的投诉按严重程度统计。</translation>
    </message>
    <message>
        <source>Complaints by handler</source>
        <translation>按受理人统计投诉</translation>
    </message>
    <message>
        <source>Complaints received in the month by handler (受理人).</source>
        <translation>本月收到的投诉按受理人统计。</translation>
    </message>
    <message>
        <source>Complaints by week</source>
        <translation>按周统计投诉</translation>
    </message>
    <message>
        <source>Complaints received in the month by ISO week of the received day (2026-W45: weeks start on Monday; a week at the month's edge counts only its days in the month).</source>
        <translation>本月收到的投诉按投诉日期所在的 ISO 周统计（如 2026-W45，每周从周一开始；跨月的周只计本月内的天数）。</translation>
    </message>
    <message>
        <source>Complaints by day</source>
        <translation>按日统计投诉</translation>
    </message>
    <message>
        <source>Complaints received on each day of the month.</source>
        <translation>本月每天收到的投诉数。</translation>
    </message>
    <message>
        <source>Callbacks due</source>
        <translation>应回访</translation>
    </message>
    <message>
        <source>Callback tasks due in the month whose due time has come by the cut-off.</source>
        <translation>本月到期、且截止时点前已到回访时间的回访任务。</translation>
    </message>
    <message>
        <source>Callbacks done</source>
        <translation>已完成回访</translation>
    </message>
    <message>
        <source>Of the callbacks due, those done (an outcome recorded).</source>
        <translation>应回访任务中已完成（已记录回访结果）的。</translation>
    </message>
    <message>
        <source>Callback completion</source>
        <translation>回访完成率</translation>
    </message>
    <message>
        <source>Callbacks done ÷ callbacks due.</source>
        <translation>已完成回访 ÷ 应回访。</translation>
    </message>
    <message>
        <source>Callback reach rate</source>
        <translation>回访接通率</translation>
    </message>
    <message>
        <source>Calls made in the month that reached the customer ÷ all calls made in the month.</source>
        <translation>本月回访电话中接通的次数 ÷ 本月回访电话总次数。</translation>
    </message>
    <message>
        <source>Callback survey score (mean of 1–5)</source>
        <translation>回访调查评分（1–5 分平均）</translation>
    </message>
    <message>
        <source>Mean survey score of the callbacks completed in the month other than complaint callbacks (a complaint callback's score is the complaint's own).</source>
        <translation>本月完成的回访（投诉回访除外）调查评分的平均值（投诉回访的评分就是该投诉的满意度）。</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>咨询量</translation>
    </message>
    <message>
        <source>Every contact logged in the contact register that came in during the month: calls, live-stream questions, WeChat, forms, e-mails and visits.</source>
        <translation>本月来电/咨询登记中的全部来访：电话、直播间提问、微信、在线表单、邮件和到访。</translation>
    </message>
    <message>
        <source>Contacts by channel</source>
        <translation>咨询量（按渠道）</translation>
    </message>
    <message>
        <source>The month's contacts by the channel they came in on.</source>
        <translation>本月咨询按来源渠道统计。</translation>
    </message>
    <message>
        <source>Contacts by topic</source>
        <translation>咨询量（按主题）</translation>
    </message>
    <message>
        <source>The month's contacts by topic (咨询, 售前, 售后, 投诉 …).</source>
        <translation>本月咨询按主题统计（咨询、售前、售后、投诉……）。</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>成交量</translation>
    </message>
    <message>
        <source>The month's contacts whose result is an order placed.</source>
        <translation>本月结果为“已下单”的咨询数。</translation>
    </message>
    <message>
        <source>Conversion rate</source>
        <translation>成交率</translation>
    </message>
    <message>
        <source>Orders ÷ the month's contacts on the topics 咨询 (enquiry) and 售前 (pre-sales).</source>
        <translation>成交量 ÷ 本月主题为“咨询”和“售前”的咨询数。</translation>
    </message>
    <message>
        <source>Average response time</source>
        <translation>平均响应时间</translation>
    </message>
    <message>
        <source>Mean of (first answer − came in) over the month's contacts that have both times, in seconds.</source>
        <translation>本月同时记有来电时间和首次应答时间的咨询，其（首次应答 − 来电）的平均值，单位秒。</translation>
    </message>
    <message>
        <source>Answered within 15 s</source>
        <translation>15 秒内应答率</translation>
    </message>
    <message>
        <source>Contacts first answered at most 15 seconds after they came in ÷ the month's contacts that have both times.</source>
        <translation>来电后 15 秒内首次应答的咨询数 ÷ 本月记有两个时间的咨询数。</translation>
    </message>
    <message>
        <source>Average contact length</source>
        <translation>平均接待时长</translation>
    </message>
    <message>
        <source>Mean of (ended − came in) over the month's contacts that have an end, in minutes.</source>
        <translation>本月记有结束时间的咨询，其（结束 − 来电）的平均值，单位分钟。</translation>
    </message>
    <message>
        <source>Complaint first response</source>
        <translation>投诉首次响应</translation>
    </message>
    <message>
        <source>Mean of (first handling step − received time) over the month's complaints that have a handling step (a status change is not one), in hours.</source>
        <translation>本月投诉中已有处理记录的（首条处理记录 − 投诉时间）的平均值，单位小时（状态变更不算处理记录）。</translation>
    </message>
    <message>
        <source>Counted to the end of the month.</source>
        <translation>统计至月末。</translation>
    </message>
    <message>
        <source>Counted to {time}: the month is not over.</source>
        <translation>统计至 {time}：本月尚未结束。</translation>
    </message>
    <message>
        <source>{h:.2f} h</source>
        <translation>{h:.2f} 小时</translation>
    </message>
    <message>
        <source>{s:.1f} s</source>
        <translation>{s:.1f} 秒</translation>
    </message>
    <message>
        <source>{m:.1f} min</source>
        <translation>{m:.1f} 分钟</translation>
    </message>
    <message>
        <source>(no handler)</source>
        <translation>（无受理人）</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>normal</source>
        <translation>一般</translation>
    </message>
    <message>
        <source>serious</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>major</source>
        <translation>重大</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>team settings</source>
        <translation>团队设置</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Kefu Desk — log in</source>
        <translation>客服台 — 登录</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Too many failed attempts: wait a few seconds…</source>
        <translation>失败次数过多，请稍候几秒…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kefu Desk</source>
        <translation>客服台</translation>
    </message>
    <message>
        <source>Kefu Desk — read-only</source>
        <translation>客服台 — 只读</translation>
    </message>
    <message>
        <source>The database is not answering; retrying…</source>
        <translation>数据库暂时无响应，正在重试…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>注销(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Register a complaint…</source>
        <translation>登记投诉(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Incoming call: find customer…</source>
        <translation>来电查找客户(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Log a contact…</source>
        <translation>来电登记(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Kefu Desk</source>
        <translation>关于客服台(&amp;A)</translation>
    </message>
    <message>
        <source>Nothing to print on this page.</source>
        <translation>这一页没有可打印的文档。</translation>
    </message>
    <message>
        <source>{name} ({employee_no}, {role})</source>
        <translation>{name}（{employee_no}，{role}）</translation>
    </message>
    <message>
        <source>About Kefu Desk</source>
        <translation>关于客服台</translation>
    </message>
    <message>
        <source>Kefu Desk — the customer-service department's desk.
Database: {db}</source>
        <translation>客服台 — 客服部的工作台。
数据库：{db}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>Not saved yet: {what}. Discard and go on?</source>
        <translation>尚未保存：{what}。放弃这些修改并继续吗？</translation>
    </message>
</context>
<context>
    <name>MonthPrintDialog</name>
    <message>
        <source>During the first {days} days of a month the month before is offered: its sheet is the one to print then.</source>
        <translation>每月前 {days} 天默认选上个月：这时要打印的是上个月的表。</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
</context>
<context>
    <name>NotAvailablePage</name>
    <message>
        <source>&lt;h2&gt;{title}&lt;/h2&gt;&lt;p&gt;This area is not available yet.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;{title}&lt;/h2&gt;&lt;p&gt;此功能尚未提供。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在读取…</translation>
    </message>
</context>
<context>
    <name>Output</name>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>no permission to write there</source>
        <translation>没有在该位置写入的权限</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <source>Cannot write {file}: {reason}. An earlier file is unchanged.</source>
        <translation>无法写入 {file}：{reason}。原有的同名文件未被改动。</translation>
    </message>
</context>
<context>
    <name>Pdf</name>
    <message>
        <source>No Chinese TrueType font found: set pdf_font_path in the settings.</source>
        <translation>找不到中文 TrueType 字体：请在设置中指定 PDF 字体文件。</translation>
    </message>
    <message>
        <source>The font {path} cannot be used for PDFs: {error}</source>
        <translation>字体 {path} 无法用于 PDF：{error}</translation>
    </message>
    <message>
        <source>(continued)</source>
        <translation>（续）</translation>
    </message>
    <message>
        <source>Page {page} of {total}</source>
        <translation>第 {page} 页 / 共 {total} 页</translation>
    </message>
</context>
<context>
    <name>PhraseDialog</name>
    <message>
        <source>Edit phrase</source>
        <translation>编辑话术</translation>
    </message>
    <message>
        <source>New phrase</source>
        <translation>新建话术</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>{company}, {department}, {no}, {agent} and {hours} are replaced by the company, the department, your number, your name and the promised hours.</source>
        <translation>{company}、{department}、{no}、{agent} 和 {hours} 会替换为公司名称、部门名称、您的工号、您的姓名和承诺处理时限（小时）。</translation>
    </message>
</context>
<context>
    <name>Phrases</name>
    <message>
        <source>Choose a category.</source>
        <translation>请选择分类。</translation>
    </message>
    <message>
        <source>The title is required.</source>
        <translation>请填写标题。</translation>
    </message>
    <message>
        <source>The text is required.</source>
        <translation>请填写内容。</translation>
    </message>
    <message>
        <source>This phrase was deleted by someone else.</source>
        <translation>此话术已被他人删除。</translation>
    </message>
</context>
<context>
    <name>PhrasesPage</name>
    <message>
        <source>Search titles and texts…</source>
        <translation>搜索标题和内容…</translation>
    </message>
    <message>
        <source>New… (Ctrl+Shift+N)</source>
        <translation>新建…（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Copy (Ctrl+Shift+C)</source>
        <translation>复制（Ctrl+Shift+C）</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
    <message>
        <source>Delete phrase</source>
        <translation>删除话术</translation>
    </message>
    <message>
        <source>Delete “{title}”?</source>
        <translation>删除“{title}”？</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>The printer could not be started: check that it is connected and on.</source>
        <translation>无法启动打印机：请检查打印机是否已连接并开机。</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>保存为 PDF…</translation>
    </message>
    <message>
        <source>Print {title}</source>
        <translation>打印{title}</translation>
    </message>
    <message>
        <source>Print preview: {title}</source>
        <translation>打印预览：{title}</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>{title} was saved as {file}</source>
        <translation>已将{title}保存为 {file}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <source>Preparing the print preview…</source>
        <translation>正在准备打印预览…</translation>
    </message>
    <message>
        <source>Print: {title}</source>
        <translation>打印：{title}</translation>
    </message>
    <message>
        <source>{title} sent to the printer.</source>
        <translation>{title}已发送到打印机。</translation>
    </message>
    <message>
        <source>Printing {title}…</source>
        <translation>正在打印{title}…</translation>
    </message>
    <message>
        <source>Save {title} as PDF</source>
        <translation>将{title}保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>{title} saved as {file}</source>
        <translation>已将{title}保存为 {file}</translation>
    </message>
    <message>
        <source>Saving {title}…</source>
        <translation>正在保存{title}…</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <source>someone</source>
        <translation>其他人</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{who} changed this record at {when} ({fields}) after you opened it. Reload it and apply your changes again.</source>
        <translation>您打开此记录后，{who} 于 {when} 修改了它（{fields}）。请重新加载后再次修改。</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>Monthly complaint summary</source>
        <translation>月度投诉汇总报告</translation>
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
        <source>Definitions</source>
        <translation>指标说明</translation>
    </message>
    <message>
        <source>Most frequent causes</source>
        <translation>最常见的投诉原因</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉数</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>By channel, severity and week</source>
        <translation>按渠道、严重程度和周统计</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Contacts and response times</source>
        <translation>咨询与响应</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>咨询量</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>客服代表</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>客服代表</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>{year}-{month:02d}</source>
        <translation>{year}年{month:02d}月</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Print monthly summary…</source>
        <translation>打印月度汇总报告…</translation>
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
        <source>Agent</source>
        <translation>客服代表</translation>
    </message>
    <message>
        <source>Employee no.</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <source>Complaints by category</source>
        <translation>按类型统计投诉</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Complaints by day</source>
        <translation>按日统计投诉</translation>
    </message>
    <message>
        <source>By channel, severity and week</source>
        <translation>按渠道、严重程度和周统计</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>客服代表</translation>
    </message>
    <message>
        <source>Print the monthly summary</source>
        <translation>打印月度汇总报告</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Agent</source>
        <translation>客服代表</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>部门经理</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>RosterDemo</name>
    <message>
        <source>roster: needs at least two agents</source>
        <translation>排班：至少需要两名客服代表</translation>
    </message>
</context>
<context>
    <name>Screenshots</name>
    <message>
        <source>The database has no users: run `main.py init` and `main.py demo` first.</source>
        <translation>数据库中还没有用户：请先运行 `main.py init` 和 `main.py demo`。</translation>
    </message>
    <message>
        <source>larger than the {width}x{height} screen (cut to it): {names}</source>
        <translation>超出 {width}x{height} 屏幕（已按屏幕裁剪）：{names}</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Department name</source>
        <translation>部门名称</translation>
    </message>
    <message>
        <source>Complaint categories (one per line)</source>
        <translation>投诉类型（每行一个）</translation>
    </message>
    <message>
        <source>Complaint channels (one per line)</source>
        <translation>投诉渠道（每行一个）</translation>
    </message>
    <message>
        <source>Promised handling time, hours</source>
        <translation>承诺处理时限（小时）</translation>
    </message>
    <message>
        <source>Satisfied from score (closes the complaint after the callback; counted as satisfied in the figures)</source>
        <translation>满意分数线（回访评分达到即结案，统计中计为满意）</translation>
    </message>
    <message>
        <source>Shift swaps per person per month, at most</source>
        <translation>每人每月换班次数上限</translation>
    </message>
    <message>
        <source>Break between two shifts, minutes at least</source>
        <translation>两个班次之间至少休息（分钟）</translation>
    </message>
    <message>
        <source>Leave of more than a day: days of notice</source>
        <translation>请假超过一天需提前（天）</translation>
    </message>
    <message>
        <source>New-purchase callback: days after installation</source>
        <translation>新购回访：安装后（天）</translation>
    </message>
    <message>
        <source>Post-repair callback: days after closing</source>
        <translation>维修回访：结案后（天）</translation>
    </message>
    <message>
        <source>Regular-care callback: every N months</source>
        <translation>定期回访：每隔（月）</translation>
    </message>
    <message>
        <source>Tags that get regular care (one per line)</source>
        <translation>享受定期回访的客户标签（每行一个）</translation>
    </message>
    <message>
        <source>Unanswered attempts before a callback is closed</source>
        <translation>未接通几次后关闭回访</translation>
    </message>
    <message>
        <source>Callback survey questions (one per line)</source>
        <translation>回访调查问题（每行一个）</translation>
    </message>
    <message>
        <source>Onboarding stuck after N days at one step</source>
        <translation>新客户加入在同一步骤停留超过（天）视为滞留</translation>
    </message>
    <message>
        <source>Phrase categories (one per line)</source>
        <translation>话术分类（每行一个）</translation>
    </message>
    <message>
        <source>Contact register topics (one per line)</source>
        <translation>来电登记主题（每行一个）</translation>
    </message>
    <message>
        <source>Font file for PDFs (empty: the shipped font)</source>
        <translation>PDF 字体文件（留空则使用自带字体）</translation>
    </message>
    <message>
        <source>Earliest date accepted (YYYY-MM-DD)</source>
        <translation>可录入的最早日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>Largest file an import reads, MB</source>
        <translation>导入文件大小上限（MB）</translation>
    </message>
    <message>
        <source>Most rows an import reads</source>
        <translation>导入行数上限</translation>
    </message>
    <message>
        <source>This setting has the wrong kind of value.</source>
        <translation>此设置的值类型不正确。</translation>
    </message>
    <message>
        <source>The number cannot be negative.</source>
        <translation>数值不能为负。</translation>
    </message>
    <message>
        <source>The list needs at least one entry.</source>
        <translation>列表至少需要一项。</translation>
    </message>
    <message>
        <source>The list has an entry twice.</source>
        <translation>列表中有重复项。</translation>
    </message>
    <message>
        <source>A date from 1900-01-01 to today, as YYYY-MM-DD.</source>
        <translation>请填写 1900-01-01 至今天之间的日期，格式 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Use a number from {low} to {high}.</source>
        <translation>请填写 {low} 到 {high} 之间的数字。</translation>
    </message>
    <message>
        <source>Unknown setting.</source>
        <translation>未知设置项。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Team settings</source>
        <translation>团队设置</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Only an administrator can change these settings.</source>
        <translation>只有管理员可以修改这些设置。</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <source>The administrator's password is required.</source>
        <translation>请设置管理员密码。</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Kefu Desk — first start</source>
        <translation>客服台 — 首次启动</translation>
    </message>
    <message>
        <source>Welcome. Name your company and create the administrator's account.</source>
        <translation>欢迎使用。请填写公司名称并创建管理员账号。</translation>
    </message>
    <message>
        <source>The database: {where}</source>
        <translation>数据库：{where}</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>公司名称</translation>
    </message>
    <message>
        <source>Administrator login</source>
        <translation>管理员用户名</translation>
    </message>
    <message>
        <source>Administrator name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The company name is required.</source>
        <translation>请填写公司名称。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Creating the database…</source>
        <translation>正在创建数据库…</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <source>Backups cannot be written to {folder} ({problem}). Choose a writable folder in Settings → Database.</source>
        <translation>无法把备份写入 {folder}（{problem}）。请在“设置 → 数据库”中选择一个可写入的文件夹。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>This database has schema version {found}, from a newer Kefu Desk; this desk knows version {latest} at most: upgrade this desk before using it.</source>
        <translation>此数据库的结构版本为 {found}，来自更新版本的客服台；本机最高只支持版本 {latest}：请先升级本机的客服台再使用。</translation>
    </message>
    <message>
        <source>An administrator is restoring this database right now: try again in a few minutes.</source>
        <translation>管理员正在恢复这个数据库，请几分钟后再试。</translation>
    </message>
</context>
<context>
    <name>SummariesTab</name>
    <message>
        <source>Print the month's work summaries…</source>
        <translation>打印本月工作月报…</translation>
    </message>
    <message>
        <source>containing</source>
        <translation>所在日期</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <source>Days on duty</source>
        <translation>值班天数</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Summary written</source>
        <translation>已写总结</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>评语</translation>
    </message>
    <message>
        <source>Summary and comment</source>
        <translation>总结与评语</translation>
    </message>
    <message>
        <source>The agent's summary</source>
        <translation>本人总结</translation>
    </message>
    <message>
        <source>The manager's comment</source>
        <translation>经理评语</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Print the work summaries</source>
        <translation>打印工作月报</translation>
    </message>
    <message>
        <source>Work summaries {month}</source>
        <translation>{month} 工作小结</translation>
    </message>
</context>
<context>
    <name>Tables</name>
    <message>
        <source>No data</source>
        <translation>暂无数据</translation>
    </message>
</context>
<context>
    <name>Tabular</name>
    <message>
        <source>row {row}, {column}: {reason}</source>
        <translation>第 {row} 行，{column}：{reason}</translation>
    </message>
    <message>
        <source>Nothing was imported: {n} invalid row(s).</source>
        <translation>未导入任何数据：有 {n} 行无效。</translation>
    </message>
    <message>
        <source>Use a .csv or .xlsx file, not {name}.</source>
        <translation>请使用 .csv 或 .xlsx 文件，而不是 {name}。</translation>
    </message>
    <message>
        <source>{name} is {size} MB; an import reads at most {limit} MB (team setting).</source>
        <translation>{name} 大小为 {size} MB，导入最多读取 {limit} MB（团队设置）。</translation>
    </message>
    <message>
        <source>{name} has more than {limit} rows; an import reads at most {limit} (team setting).</source>
        <translation>{name} 超过 {limit} 行，导入最多读取 {limit} 行（团队设置）。</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor GB18030 text.</source>
        <translation>该文件既不是 UTF-8 也不是 GB18030 编码的文本。</translation>
    </message>
    <message>
        <source>line {line}: a cell is longer than {limit} characters.</source>
        <translation>第 {line} 行：有一个单元格超过 {limit} 个字符。</translation>
    </message>
    <message>
        <source>line {line}: not readable as CSV ({error}).</source>
        <translation>第 {line} 行：无法按 CSV 读取（{error}）。</translation>
    </message>
    <message>
        <source>{name} is not an Excel workbook (.xlsx).</source>
        <translation>{name} 不是 Excel 工作簿（.xlsx）。</translation>
    </message>
    <message>
        <source>{name} would unpack to {size} MB; an import reads workbooks of at most {limit} MB unpacked.</source>
        <translation>{name} 解压后将达 {size} MB，导入只读取解压后不超过 {limit} MB 的工作簿。</translation>
    </message>
    <message>
        <source>This required column is missing.</source>
        <translation>缺少此必填列。</translation>
    </message>
    <message>
        <source>Two columns of the file mean this one; keep one of them.</source>
        <translation>文件中有两列都表示这一列，请只保留其中一列。</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>This file ({name}) was already imported on {at} by {user}; importing it again would add its rows a second time.</source>
        <translation>该文件（{name}）已于 {at} 由 {user} 导入过，再次导入会把其中的行重复加入。</translation>
    </message>
    <message>
        <source>The disk holding the database is full: nothing was imported.</source>
        <translation>数据库所在的磁盘已满：本次没有导入任何内容。</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>Edit user</source>
        <translation>编辑用户</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Add user…</source>
        <translation>添加用户…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Employee number</source>
        <translation>工号</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password for {name}:</source>
        <translation>{name} 的新密码：</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message>
        <source>{value} is before {earliest}: check the year (dates before it are refused).</source>
        <translation>{value} 早于 {earliest}：请检查年份（早于该日期的不予录入）。</translation>
    </message>
    <message>
        <source>Contains a control character (U+{code:04X}) that cannot be stored.</source>
        <translation>含有无法保存的控制字符（U+{code:04X}）。</translation>
    </message>
</context>
<context>
    <name>WorkLog</name>
    <message>
        <source>No user with the login {login}.</source>
        <translation>没有登录名为 {login} 的用户。</translation>
    </message>
    <message>
        <source>{name} ({no}) · {first} – {last}</source>
        <translation>{name}（{no}）· {first} 至 {last}</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Days on duty</source>
        <translation>值班天数</translation>
    </message>
    <message>
        <source>Days arrived late</source>
        <translation>迟到天数</translation>
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
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>到岗</translation>
    </message>
    <message>
        <source>Early / late</source>
        <translation>提前/迟到</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>来电</translation>
    </message>
    <message>
        <source>Complaints reg./res.</source>
        <translation>投诉 登记/解决</translation>
    </message>
    <message>
        <source>Callbacks done/unr.</source>
        <translation>回访 完成/未接通</translation>
    </message>
    <message>
        <source>Swaps</source>
        <translation>换班</translation>
    </message>
    <message>
        <source>Handovers</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>Notes of the days</source>
        <translation>每日记录</translation>
    </message>
    <message>
        <source>The agent's summary</source>
        <translation>本人总结</translation>
    </message>
    <message>
        <source>(not written)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <source>The manager's comment</source>
        <translation>经理评语</translation>
    </message>
    <message>
        <source>(no comment yet)</source>
        <translation>（暂无评语）</translation>
    </message>
    <message>
        <source>There is no manager or agent to print for.</source>
        <translation>没有可打印的经理或坐席。</translation>
    </message>
    <message>
        <source>No agents.</source>
        <translation>没有坐席。</translation>
    </message>
    <message>
        <source>Work summary</source>
        <translation>工作月报</translation>
    </message>
    <message>
        <source>{year}-{month:02d}</source>
        <translation>{year}年{month}月</translation>
    </message>
    <message>
        <source>Contacts taken</source>
        <translation>接待来电</translation>
    </message>
    <message>
        <source>Complaints registered</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <source>Complaints resolved</source>
        <translation>解决投诉</translation>
    </message>
    <message>
        <source>Callbacks done</source>
        <translation>完成回访</translation>
    </message>
    <message>
        <source>Callbacks unreachable</source>
        <translation>回访未接通</translation>
    </message>
    <message>
        <source>Shift swaps</source>
        <translation>换班</translation>
    </message>
    <message>
        <source>Handovers written</source>
        <translation>填写交接</translation>
    </message>
    <message>
        <source>Handovers acknowledged</source>
        <translation>确认接班</translation>
    </message>
    <message>
        <source>Problems met</source>
        <translation>遇到的问题</translation>
    </message>
    <message>
        <source>To hand on</source>
        <translation>需交接事项</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>建议</translation>
    </message>
    <message>
        <source>Weekly summary</source>
        <translation>周报</translation>
    </message>
    <message>
        <source>Monthly summary</source>
        <translation>月报</translation>
    </message>
    <message>
        <source>{n} min early</source>
        <translation>提前 {n} 分钟</translation>
    </message>
    <message>
        <source>{n} min early (less than {least})</source>
        <translation>提前 {n} 分钟（不足 {least} 分钟）</translation>
    </message>
    <message>
        <source>{n} min late</source>
        <translation>迟到 {n} 分钟</translation>
    </message>
    <message>
        <source>Only a manager sees another agent's work log.</source>
        <translation>只有经理可以查看其他坐席的工作日志。</translation>
    </message>
    <message>
        <source>The notes of a past day are closed: only the manager can change them now.</source>
        <translation>往日的记录已关闭，现在只有经理可以修改。</translation>
    </message>
    <message>
        <source>At most {n} characters.</source>
        <translation>最多 {n} 个字。</translation>
    </message>
    <message>
        <source>These notes are no longer there.</source>
        <translation>这条记录已不存在。</translation>
    </message>
    <message>
        <source>A summary is weekly or monthly.</source>
        <translation>总结只有周报和月报两种。</translation>
    </message>
    <message>
        <source>No such agent.</source>
        <translation>没有这位坐席。</translation>
    </message>
    <message>
        <source>An agent writes their own summary.</source>
        <translation>坐席只能填写自己的总结。</translation>
    </message>
    <message>
        <source>This summary is no longer there.</source>
        <translation>这份总结已不存在。</translation>
    </message>
</context>
<context>
    <name>WorkLogTab</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>What the day held (counted from the records)</source>
        <translation>当天工作量（根据记录统计）</translation>
    </message>
    <message>
        <source>My notes</source>
        <translation>我的记录</translation>
    </message>
    <message>
        <source>Save notes</source>
        <translation>保存记录</translation>
    </message>
    <message>
        <source>Shift: {shift}</source>
        <translation>班次：{shift}</translation>
    </message>
    <message>
        <source>not on duty</source>
        <translation>不值班</translation>
    </message>
    <message>
        <source>arrived {time}</source>
        <translation>{time} 到岗</translation>
    </message>
    <message>
        <source>A past day's notes are read-only; the manager can still change them.</source>
        <translation>往日记录只读，经理仍可修改。</translation>
    </message>
</context>
</TS>