<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HelpWindow</name>
    <message>
        <source>&amp;Quick start</source>
        <translation>快速入门(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Save as P&amp;DF…</source>
        <translation>另存为 PDF(&amp;D)…</translation>
    </message>
    <message>
        <source>Help: %1</source>
        <translation>帮助：%1</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Help for this &amp;page</source>
        <translation>本页帮助(&amp;P)</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>help for the page or form shown</source>
        <translation>当前页面或表单的帮助</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Nothing matches the search or filters. Clear the search box or choose All in the filters.</source>
        <translation>没有符合条件的记录。请清空搜索框，或在筛选中选“全部”。</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>Nothing here yet.</source>
        <translation>这里还没有记录。</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>Nothing here yet. Click “%1” (Ctrl+N) to add the first.</source>
        <translation>这里还没有记录。点“%1”（Ctrl+N）登记第一条。</translation>
    </message>
    <message>
        <source>Nothing here yet: records appear as they are entered or merged from bundles.</source>
        <translation>这里还没有记录：录入人员登记或合并同步文件后，记录会显示在这里。</translation>
    </message>
</context>
<context>
    <name>FamiliesPage</name>
    <message>
        <source>No special families yet. Click “New family” (Ctrl+N) to register the first, or “Import roster…” to read the county's Excel list.</source>
        <translation>还没有登记特殊家庭。点“新增家庭”（Ctrl+N）登记第一户，或点“导入花名册”导入县里的 Excel 名单。</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <source>Nobody on the list yet: “Add to list…” (Ctrl+B) puts people on it.</source>
        <translation>上报名单上还没有人。点“列入名单”（Ctrl+B）把要上报的人加进来。</translation>
    </message>
    <message>
        <source>No payments yet: put people on the list, then “Record payment…” (Ctrl+P).</source>
        <translation>还没有发放记录。先把人列入上报名单，再点“登记发放”（Ctrl+P）。</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Nothing unfinished. A form closed before it was saved waits here to be finished.</source>
        <translation>没有未完成的表单。表单没保存就关掉时会留在这里，可以继续填写。</translation>
    </message>
    <message>
        <source>No family is due for a visit: each was visited in the last six months.</source>
        <translation>没有待走访的家庭：每户在半年内都走访过了。</translation>
    </message>
    <message>
        <source>No families registered yet: register them on the Special families page (Ctrl+3).</source>
        <translation>还没有登记家庭：请到“特殊家庭”页（Ctrl+3）新增家庭，或导入县里的花名册。</translation>
    </message>
</context>
<context>
    <name>VisitsSection</name>
    <message>
        <source>No visits recorded yet. Click “Record a visit…” after each visit to this family.</source>
        <translation>这户还没有走访记录。每次走访后，点“登记走访”记下来。</translation>
    </message>
    <message>
        <source>Save the family first, then record its visits.</source>
        <translation>请先保存家庭信息，再登记走访。</translation>
    </message>
</context>
<context>
    <name>InsuranceSection</name>
    <message>
        <source>No policies yet. Click “Add policy…” to register one.</source>
        <translation>还没有保单。点“新增保单”登记。</translation>
    </message>
</context>
<context>
    <name>AssociationForm</name>
    <message>
        <source>Save the association first, then record its term elections.</source>
        <translation>请先保存协会，再登记换届。</translation>
    </message>
    <message>
        <source>No term elections yet: “Record term election (换届)…” adds one.</source>
        <translation>还没有换届记录。点“登记换届”登记。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>No merge yet. “Merge bundles…” reads the .fpab files brought in; each file's result is listed here.</source>
        <translation>还没有合并。点“合并同步文件”选择交来的 .fpab 文件，每个文件的合并结果会列在这里。</translation>
    </message>
    <message>
        <source>No bundle merged yet: every bundle merged here is listed, with its sender and number.</source>
        <translation>还没有合并过同步文件。本机合并过的每个文件都会列在这里，包括发送方和序号。</translation>
    </message>
</context>
<context>
    <name>EvaluationPage</name>
    <message>
        <source>Nothing to list here.</source>
        <translation>这里没有可列出的内容。</translation>
    </message>
    <message>
        <source>Nothing short of the target here: click a result marked 未达标 above.</source>
        <translation>这里没有未达标的项。请点上方指标表中标为“未达标”的达成情况。</translation>
    </message>
    <message>
        <source>No indicators for this period: choose another period above.</source>
        <translation>这一期间没有指标：请在上方选择其他统计期间。</translation>
    </message>
    <message>
        <source>No records counted in this value: click another value in the sheet above.</source>
        <translation>这个数值没有计入的记录。点上方指标表中的其他数值查看。</translation>
    </message>
    <message>
        <source>No division below reports to this one: their data come as bundles (同步).</source>
        <translation>还没有下级报送：下级的数据以同步文件送来（见“同步”页）。</translation>
    </message>
    <message>
        <source>No period is locked: once the data are checked, a lock keeps them.</source>
        <translation>还没有锁定的期间。数据核对无误后，锁定期间可防止数据再被修改。</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>No records behind this figure in the period.</source>
        <translation>这一时段没有与此数字相关的记录。</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>No activities this year: record them on the first tab.</source>
        <translation>这一年还没有宣传活动：请在“1 宣传活动”页签登记。</translation>
    </message>
    <message>
        <source>No trainings this year: record them on the second tab.</source>
        <translation>这一年还没有培训：请在“2 培训”页签登记。</translation>
    </message>
</context>
<context>
    <name>UsersPanel</name>
    <message>
        <source>No accounts yet: “Add account…” creates the first.</source>
        <translation>还没有用户账户：点“添加账户”新增第一个。</translation>
    </message>
</context>
<context>
    <name>InstructorGaps</name>
    <message>
        <source>Every village has at least two instructors.</source>
        <translation>每个村（社区）都已有至少两名家庭健康指导员。</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <source>No goods handed over? Leave it empty.</source>
        <translation>没有慰问物品？这里空着即可。</translation>
    </message>
</context>
</TS>
