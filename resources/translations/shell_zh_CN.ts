<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/shell/about.py" line="20" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="23" />
        <source>FPA offline data collection</source>
        <translation>计生协离线数据采集</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="26" />
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="31" />
        <source>Data entry for county and township workers of the Family Planning Association: organisation, special families and visits, projects, campaigns. Works without a network; data goes up to the county and province as encrypted bundles.</source>
        <translation>供县、乡镇计生协工作人员录入数据：组织建设、计生特殊家庭及走访慰问、项目服务、宣传活动。无需联网即可使用，数据以加密同步文件报送县级和省级。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="41" />
        <source>This installation</source>
        <translation>本机安装</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="42" />
        <source>Device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="43" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="46" />
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="47" />
        <source>Log folder</source>
        <translation>日志文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="49" />
        <source>Built with</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="63" />
        <source>switch module</source>
        <translation>切换模块</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="64" />
        <source>new record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="65" />
        <source>save the form</source>
        <translation>保存表单</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="66" />
        <source>close a dialog (unsaved work is kept as a draft)</source>
        <translation>关闭窗口（未保存的内容会保留为草稿）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="67" />
        <source>search the list</source>
        <translation>在列表中搜索</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="68" />
        <source>refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="69" />
        <source>open another database</source>
        <translation>打开其他数据库</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="70" />
        <source>Alt+letter</source>
        <translation>Alt+字母</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="70" />
        <source>the button or field whose name has that letter underlined</source>
        <translation>名称中带下划线字母的按钮或栏目</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="71" />
        <source>a date field's calendar</source>
        <translation>在日期栏中打开日历</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="72" />
        <source>in a list: choose its columns</source>
        <translation>在列表中：选择显示的列</translation>
    </message>
    <message>
        <location filename="../../ui/shell/about.py" line="71" />
        <source>Keyboard</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Add an account</source>
        <translation>添加账户</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>letters and digits, e.g. zhangsan</source>
        <translation>英文字母和数字，如 zhangsan</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>&amp;Division:</source>
        <translation>所属区划(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>R&amp;epeat password:</source>
        <translation>再次输入密码(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>A township clerk works in one township; tell the user the password in person.</source>
        <translation>乡镇录入员只管理一个乡镇；请当面把密码告诉使用人。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/shell/welcome.py" line="98" />
        <source>The first administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="99" />
        <source>This account manages the installation: users, setup packages, backups.</source>
        <translation>此账户负责管理本机：用户、配置包和备份。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="102" />
        <source>letters and digits, e.g. admin</source>
        <translation>英文字母和数字，如 admin</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="104" />
        <source>your name, shown on the records you enter</source>
        <translation>您的姓名，显示在您录入的记录中</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="109" />
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="110" />
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="111" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="112" />
        <source>&amp;Repeat password:</source>
        <translation>确认密码(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="147" />
        <source>Setting up this computer…</source>
        <translation>正在建立本机数据库…</translation>
    </message>
</context>
<context>
    <name>AnalysisPage</name>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="85" />
        <source>Data analysis</source>
        <translation>数据分析</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="86" />
        <source>Figures across townships and years, to see where work lags behind and how it develops.</source>
        <translation>按乡镇、按年度对比各项数据，看清哪里工作滞后、工作如何发展。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="88" />
        <source>Special families by category, status and township, with the change from last year</source>
        <translation>计生特殊家庭按类别、状态、乡镇统计，并与上年对比</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="89" />
        <source>Visits by occasion and month; families not visited for a long time</source>
        <translation>走访慰问按时节、按月统计；长期未走访的家庭</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="90" />
        <source>Organisation census: associations, staff, members, volunteers, instructors</source>
        <translation>组织建设统计：协会、工作人员、会员、志愿者、家庭健康指导员</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="91" />
        <source>Activities and trainings by campaign: events, participants, people served</source>
        <translation>宣传活动与培训按主题统计：场次、参与人次、服务人次</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="92" />
        <source>Charts and tables exported to Excel for reports</source>
        <translation>图表和统计表可导出为 Excel，用于汇报</translation>
    </message>
</context>
<context>
    <name>ComingPage</name>
    <message>
        <location filename="../../ui/shell/main_window.py" line="101" />
        <source>%1: this module could not be opened.</source>
        <translation>“%1”模块无法打开。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="103" />
        <source>%1: this module is being built.</source>
        <translation>“%1”：该模块正在建设中，将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/shell/crash.py" line="81" />
        <source>The program met an unexpected error.</source>
        <translation>程序遇到意外错误。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/crash.py" line="85" />
        <source>Nothing you saved is lost: every save is written to the database at once, in a transaction of its own. A form you were filling in is kept as a draft and is offered back when you open it again.</source>
        <translation>已保存的数据不会丢失：每次保存都立即、独立地写入数据库。正在填写的表单已保留为草稿，下次打开时会提示恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/crash.py" line="91" />
        <source>Please send the log file below to your county's IT contact, and say what you were doing.</source>
        <translation>请把下面的日志文件发给县里的信息管理员，并说明出错时正在做什么。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/crash.py" line="103" />
        <source>Unexpected error</source>
        <translation>程序出错</translation>
    </message>
    <message>
        <location filename="../../ui/shell/crash.py" line="106" />
        <source>Log file: %1</source>
        <translation>日志文件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/crash.py" line="109" />
        <source>Open log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
</context>
<context>
    <name>DivisionDialog</name>
    <message>
        <location filename="../../ui/system/divisions.py" line="51" />
        <source>Add a division below %1</source>
        <translation>在“%1”下新增区划</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="52" />
        <source>Rename %1</source>
        <translation>更名“%1”</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="53" />
        <source>Retire %1</source>
        <translation>撤销“%1”</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="58" />
        <source>12 digits, under %1</source>
        <translation>12 位数字，属于 %1</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="66" />
        <source>&amp;Code:</source>
        <translation>区划代码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="68" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="70" />
        <source>In use &amp;from:</source>
        <translation>启用日期(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="71" />
        <source>New name &amp;from:</source>
        <translation>更名日期(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="72" />
        <source>Retired &amp;on:</source>
        <translation>撤销日期(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="77" />
        <source>Records stay with the retired division; it is no longer offered for new records.</source>
        <translation>已有记录仍归属该区划；撤销后新记录不能再选择它。</translation>
    </message>
</context>
<context>
    <name>DivisionsPanel</name>
    <message>
        <source>Resident po&amp;pulation…</source>
        <translation>常住人口(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="147" />
        <source>Divisions</source>
        <translation>行政区划</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="154" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="154" />
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="154" />
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="154" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="168" />
        <source>&amp;Add below…</source>
        <translation>新增下级(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="169" />
        <source>&amp;Rename…</source>
        <translation>更名(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="170" />
        <source>R&amp;etire…</source>
        <translation>撤销(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="205" />
        <source>retired %1</source>
        <translation>%1 撤销</translation>
    </message>
    <message>
        <location filename="../../ui/system/divisions.py" line="207" />
        <source>changed here</source>
        <translation>本地调整</translation>
    </message>
</context>
<context>
    <name>EvaluationPage</name>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="65" />
        <source>Performance evaluation</source>
        <translation>绩效评价</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="67" />
        <source>Indicator definitions and targets issued by the province, and each division's values computed from the records entered here.</source>
        <translation>省级下发的指标定义和目标值，以及根据本机录入的记录自动计算的各地指标值。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="71" />
        <source>Indicator sheet per year and division: value, target, completion rate</source>
        <translation>按年度、按区划的指标表：指标值、目标值、完成率</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="72" />
        <source>Three full coverages: contact persons, family doctors, green channels</source>
        <translation>三个全覆盖落实率：联系人、家庭医生签约、就医绿色通道</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="73" />
        <source>Visits and money handed out per family, against the annual plan</source>
        <translation>走访慰问户次和发放金额，与年度计划对照</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="75" />
        <source>Project funds: allocated, matched, paid by one-card, notices and final reports on time</source>
        <translation>项目资金：下拨、配套、一卡通发放，公示和终期报告是否按时</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="77" />
        <source>Printing and export of the evaluation sheet for the level above</source>
        <translation>打印和导出绩效评价表，报送上级</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/home/page.py" line="215" />
        <source>Registered special families</source>
        <translation>在册计生特殊家庭</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="118" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="131" />
        <source>To do</source>
        <translation>今日待办</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="133" />
        <source>Three full coverages: still missing</source>
        <translation>三个全覆盖：尚未落实</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="154" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="183" />
        <source>Festival visits</source>
        <translation>节日慰问</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="184" />
        <source>Changes not yet written to a bundle</source>
        <translation>尚未导出的更改（条）</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="185" />
        <location filename="../../ui/home/page.py" line="259" />
        <source>Drafts to finish</source>
        <translation>待完成的草稿</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="199" />
        <source>Families without both contact persons</source>
        <translation>未落实两名联系人</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="205" />
        <source>Families without a valid family-doctor contract</source>
        <translation>未签约家庭医生或签约已到期</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="211" />
        <source>Families without a hospital green channel</source>
        <translation>未落实就医绿色通道</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="226" />
        <source>Head of family</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="227" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="228" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="230" />
        <source>Last visit</source>
        <translation>上次走访</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="232" />
        <source>never</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="234" />
        <source>Follow-up</source>
        <translation>待跟进事项</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="240" />
        <source>Record &amp;visit</source>
        <translation>登记走访(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="243" />
        <source>Families due for a visit</source>
        <translation>待走访家庭</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="248" />
        <source>Unfinished form</source>
        <translation>未完成的表单</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="250" />
        <source>Saved at</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="257" />
        <source>&amp;Continue draft</source>
        <translation>继续填写(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="289" />
        <source>No festival in the coming months</source>
        <translation>近几个月没有慰问节日</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="293" />
        <source>%1 on %2, in %3 days</source>
        <translation>%1：%2，还有 %3 天</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="295" />
        <source>%1 on %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="298" />
        <source>Families not yet visited for %1</source>
        <translation>%1尚未慰问的家庭</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="309" />
        <source>%1 not yet confirmed by the level above</source>
        <translation>上级未确认收到 %1 条</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="318" />
        <source>%1 family members</source>
        <translation>家庭成员 %1 人</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="321" />
        <source>This year: %1 visits, %2 yuan in cash. Associations: %3. People: %4. Projects: %5.</source>
        <translation>本年走访慰问 %1 次，发放慰问金 %2 元。协会 %3 个，人员 %4 人，项目 %5 个。</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="330" />
        <source>%1 households</source>
        <translation>%1 户</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="344" />
        <source>Nothing left unfinished</source>
        <translation>没有未完成的表单</translation>
    </message>
    <message>
        <location filename="../../ui/home/page.py" line="181" />
        <source>Families not visited in six months</source>
        <translation>半年以上未走访的家庭</translation>
    </message>
</context>
<context>
    <name>JobProgress</name>
    <message>
        <location filename="../../ui/shell/progress.py" line="35" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/shell/progress.py" line="36" />
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <location filename="../../ui/shell/progress.py" line="56" />
        <source>Cancelling… the work done so far is being undone.</source>
        <translation>正在取消…已做的部分将被撤回，数据库保持原样。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/progress.py" line="57" />
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/shell/main_window.py" line="46" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="49" />
        <source>Organisation</source>
        <translation>组织建设</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="52" />
        <source>Special families</source>
        <translation>特殊家庭</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="53" />
        <source>Projects</source>
        <translation>项目服务</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="56" />
        <source>Campaigns and training</source>
        <translation>宣传活动与培训</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="61" />
        <source>Performance evaluation</source>
        <translation>绩效评价</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="64" />
        <source>Data analysis</source>
        <translation>数据分析</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="65" />
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="66" />
        <source>System</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="68" />
        <source>FPA offline data collection</source>
        <translation>计生协离线数据采集</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="124" />
        <source>Modules</source>
        <translation>功能模块</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="154" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="155" />
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="157" />
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="160" />
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="162" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="163" />
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="166" />
        <source>Open &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="169" />
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="170" />
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="185" />
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="268" />
        <source>No module reopens drafts of this kind.</source>
        <translation>没有模块能打开这类草稿。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="276" />
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <location filename="../../ui/shell/main_window.py" line="276" />
        <source>Databases (*.db);;All files (*)</source>
        <translation>数据库文件 (*.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>PlacePage</name>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="52" />
        <source>Where this computer works</source>
        <translation>所在地区</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="61" />
        <source>&amp;Province:</source>
        <translation>省(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="62" />
        <source>&amp;County:</source>
        <translation>县市区(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="63" />
        <source>&amp;Township:</source>
        <translation>乡镇街道(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="70" />
        <source>Use the &amp;division list shipped with the program</source>
        <translation>使用程序自带的行政区划表(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="71" />
        <source>Import a &amp;setup package from the level above (.fpas)</source>
        <translation>导入上级下发的配置包(&amp;S)（.fpas）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="91" />
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="92" />
        <source>Br&amp;owse…</source>
        <translation>浏览(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="102" />
        <source>I ha&amp;ve compared this key id with the one the level above gave me</source>
        <translation>我已与上级提供的密钥编号核对一致(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="113" />
        <source>Choose the province, county and township of this station.</source>
        <translation>请选择本录入站所在的省、县市区和乡镇街道。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="114" />
        <source>Choose the province and the county.</source>
        <translation>请选择省和县市区。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="115" />
        <source>Choose the province.</source>
        <translation>请选择省。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="162" />
        <source>The list shipped with the program has no townships for this county: ask the county for a setup package.</source>
        <translation>程序自带的区划表没有该县的乡镇：请向县里索取配置包。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="183" />
        <source>Setup package</source>
        <translation>配置包</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="183" />
        <source>Setup packages (*.fpas);;All files (*)</source>
        <translation>配置包 (*.fpas);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome_place.py" line="200" />
        <source>Signed by %1 with key id:</source>
        <translation>签发方：%1，密钥编号：</translation>
    </message>
</context>
<context>
    <name>PlannedPage</name>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="25" />
        <source>This module comes with the indicators work; until then this page shows what it will hold.</source>
        <translation>本模块将随绩效指标功能一起提供；在此之前，本页说明它将包含的内容。</translation>
    </message>
    <message>
        <location filename="../../ui/shell/placeholder.py" line="46" />
        <source>Everything entered in the other modules already counts: the indicators will be computed from those records, never typed in.</source>
        <translation>在其他模块录入的数据都会计入：指标值将根据这些记录自动计算，无需手工填报。</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Reset the password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>New &amp;password:</source>
        <translation>新密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>R&amp;epeat password:</source>
        <translation>再次输入密码(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Reactivate %1 with a new password</source>
        <translation>重新启用 %1（设置新密码）</translation>
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <location filename="../../ui/shell/welcome.py" line="45" />
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="46" />
        <source>This computer has no database yet. What will it be used for?</source>
        <translation>本机还没有数据库。这台电脑用于：</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="53" />
        <source>A &amp;township station: enter the township's records, send them to the county</source>
        <translation>乡镇录入站(&amp;T)：录入本乡镇的数据，报送县级</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="57" />
        <source>A &amp;county: set up townships, merge their bundles, report to the province</source>
        <translation>县级(&amp;C)：配置乡镇、合并乡镇报送的数据、向省级报送</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="61" />
        <source>The &amp;province: issue setup packages, merge the counties' bundles</source>
        <translation>省级(&amp;P)：下发配置包、合并各县报送的数据</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="70" />
        <source>Only &amp;trying the program: open the demo database (made-up data)</source>
        <translation>只是试用(&amp;D)：打开演示数据库（虚构数据）</translation>
    </message>
    <message>
        <location filename="../../ui/shell/welcome.py" line="71" />
        <source>The demo can be opened again at any time; it never mixes with real data.</source>
        <translation>演示数据库随时可以再打开，不会与真实数据混在一起。</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../ui/main.py" line="108" />
        <source>Creating the demo database (made-up families)…</source>
        <translation>正在生成演示数据库（虚构的家庭数据）…</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="158" />
        <location filename="../../ui/main.py" line="195" />
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>SystemPage</name>
    <message>
        <location filename="../../ui/system/page.py" line="47" />
        <location filename="../../ui/system/page.py" line="59" />
        <source>System</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="75" />
        <source>This installation</source>
        <translation>本机安装</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="79" />
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="80" />
        <source>Division:</source>
        <translation>区划：</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="81" />
        <source>Device id:</source>
        <translation>设备编号：</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="82" />
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="83" />
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="84" />
        <source>Schema revision:</source>
        <translation>结构版本：</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="85" />
        <source>Created:</source>
        <translation>建立时间：</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="86" />
        <source>Setup package:</source>
        <translation>配置包：</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="87" />
        <source>User accounts:</source>
        <translation>用户账户：</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="104" />
        <source>current</source>
        <translation>最新</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="104" />
        <source>older than this program</source>
        <translation>低于本程序版本</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="107" />
        <source>none imported yet</source>
        <translation>尚未导入</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="113" />
        <source>Backup</source>
        <translation>备份</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="117" />
        <source>A backup is a checked copy of the whole database. Keep one on a USB stick; the last %1 backups are kept in each folder.</source>
        <translation>备份是整个数据库经过校验的副本，建议在 U 盘上也保存一份。每个文件夹保留最近 %1 份备份。</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="124" />
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="127" />
        <source>Back up &amp;to…</source>
        <translation>备份到(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="141" />
        <source>Back up to (a folder or USB stick)</source>
        <translation>备份到（文件夹或 U 盘）</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="147" />
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="151" />
        <source>Writing the backup…</source>
        <translation>正在写入备份…</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="158" />
        <source>Backup cancelled; nothing was written.</source>
        <translation>备份已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../ui/system/page.py" line="164" />
        <source>Backup written and checked: %1</source>
        <translation>备份已完成并通过校验：%1</translation>
    </message>
</context>
<context>
    <name>UsersPanel</name>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>User accounts</source>
        <translation>用户账户</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Add a&amp;ccount…</source>
        <translation>添加账户(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Deacti&amp;vate…</source>
        <translation>停用(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Reset pass&amp;word…</source>
        <translation>重置密码(&amp;W)…</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Only system and county administrators manage user accounts.</source>
        <translation>只有系统管理员和县级管理员可以管理用户账户。</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Password of %1 reset.</source>
        <translation>已重置 %1 的密码。</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Deactivate account</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>Deactivate %1 (%2)? The account can no longer sign in; its records stay.</source>
        <translation>停用 %1（%2）？停用后该账户不能再登录，其录入的记录保留。</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>%1 can no longer sign in.</source>
        <translation>%1 已停用，不能再登录。</translation>
    </message>
    <message>
        <location filename="../../ui/system/users.py" line="1" />
        <source>%1 can sign in again.</source>
        <translation>%1 已重新启用，可以登录。</translation>
    </message>
</context>
<context>
    <name>WelcomeWizard</name>
    <message>
        <location filename="../../ui/shell/welcome.py" line="187" />
        <source>Set up FPA offline data collection</source>
        <translation>计生协离线数据采集 — 初次设置</translation>
    </message>
</context>
<context>
    <name>PopulationDialog</name>
    <message>
        <source>Resident population by township</source>
        <translation>各乡镇（街道）常住人口</translation>
    </message>
    <message>
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <source>Township</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>常住人口（人）</translation>
    </message>
    <message>
        <source>Latest earlier figure</source>
        <translation>此前最近一年</translation>
    </message>
    <message>
        <source>The per-10 000-residents figures divide by these numbers.</source>
        <translation>“每万常住人口”的各项指标以这里的人数为分母；某年未填的乡镇沿用此前最近一年的人数。</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: the residents must be a whole number</source>
        <translation>%1：常住人口应为整数</translation>
    </message>
    <message>
        <source>Saved: %1 townships changed.</source>
        <translation>已保存：%1 个乡镇有变化。</translation>
    </message>
</context>
</TS>
