<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChoiceField</name>
    <message>
        <location filename="../../ui/widgets/fields.py" line="207" />
        <source>Please choose %1</source>
        <translation>请选择%1</translation>
    </message>
</context>
<context>
    <name>CoverageSection</name>
    <message>
        <location filename="../../ui/families/sections.py" line="236" />
        <source>Township contact</source>
        <translation>乡镇联系人</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="239" />
        <source>Township contact phone</source>
        <translation>乡镇联系人电话</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="242" />
        <source>Village contact</source>
        <translation>村级联系人</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="245" />
        <source>Village contact phone</source>
        <translation>村级联系人电话</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="248" />
        <source>Institution</source>
        <translation>医疗机构</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="250" />
        <source>Family doctor</source>
        <translation>家庭医生</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="251" />
        <source>Signed on</source>
        <translation>签约日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="253" />
        <source>Expires on</source>
        <translation>到期日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="256" />
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="258" />
        <source>Open since</source>
        <translation>开通日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="260" />
        <source>Contact persons</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="262" />
        <source>&amp;Township cadre</source>
        <translation>乡镇干部(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="263" />
        <location filename="../../ui/families/sections.py" line="265" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="264" />
        <source>&amp;Village cadre</source>
        <translation>村干部(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="266" />
        <source>Family doctor contract</source>
        <translation>家庭医生签约</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="268" />
        <source>&amp;Institution</source>
        <translation>医疗机构(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="269" />
        <source>&amp;Doctor</source>
        <translation>医生(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="270" />
        <source>Si&amp;gned on</source>
        <translation>签约日期(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="271" />
        <source>&amp;Expires on</source>
        <translation>到期日期(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="272" />
        <source>Hospital green channel</source>
        <translation>就医绿色通道</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="274" />
        <source>&amp;Hospital</source>
        <translation>医院(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="275" />
        <source>O&amp;pen since</source>
        <translation>开通日期(&amp;P)</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <location filename="../../ui/widgets/value_fields.py" line="68" />
        <source>e.g. 2024-05-29</source>
        <translation>如 2024-05-29</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/value_fields.py" line="72" />
        <source>Pick from a calendar</source>
        <translation>从日历中选择</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/value_fields.py" line="87" />
        <source>%1 cannot be later than today</source>
        <translation>%1不能晚于今天</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="53" />
        <location filename="../../ui/widgets/draft_dialog.py" line="264" />
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="55" />
        <source>Enter or Ctrl+S</source>
        <translation>回车或 Ctrl+S</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="155" />
        <source>The draft of %1 was restored; save to keep it.</source>
        <translation>已恢复 %1 的草稿，请保存后才会存入数据库。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="162" />
        <source>Unsaved draft</source>
        <translation>未保存的草稿</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="163" />
        <source>A draft of this form from %1 was never saved. Restore it?</source>
        <translation>此表单有一份 %1 的草稿尚未保存，是否恢复？</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="175" />
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="225" />
        <source>Please confirm</source>
        <translation>请确认</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="226" />
        <source>Please check:
%1

Save anyway?</source>
        <translation>请核对以下提示：
%1

仍要保存吗？</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="262" />
        <source>This record has unsaved changes.</source>
        <translation>这条记录有未保存的修改。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="265" />
        <source>&amp;Discard</source>
        <translation>不保存(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="266" />
        <location filename="../../ui/widgets/draft_dialog.py" line="277" />
        <source>&amp;Keep editing</source>
        <translation>继续编辑(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="273" />
        <source>The changes are not saved. Kept as a draft, they are offered back next time.</source>
        <translation>修改尚未保存。关闭后会保留为草稿，下次打开时可以恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="275" />
        <source>Close, keep the &amp;draft</source>
        <translation>关闭并保留草稿(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/draft_dialog.py" line="276" />
        <source>Disca&amp;rd changes</source>
        <translation>放弃修改(&amp;R)</translation>
    </message>
</context>
<context>
    <name>ExportJob</name>
    <message>
        <location filename="../../ui/widgets/list_parts.py" line="239" />
        <source>Writing %1 rows to Excel…</source>
        <translation>正在导出 %1 行到 Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/list_parts.py" line="240" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/list_parts.py" line="241" />
        <location filename="../../ui/widgets/list_parts.py" line="259" />
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/list_parts.py" line="250" />
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/list_parts.py" line="256" />
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，没有写入文件。</translation>
    </message>
</context>
<context>
    <name>FamiliesPage</name>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>Printing visit forms…</source>
        <translation>正在打印走访表…</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>Printing cancelled.</source>
        <translation>已取消打印。</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>&amp;Print visit forms…</source>
        <translation>打印走访表(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>A visit form for each family in the list, to take along (first narrow the list)</source>
        <translation>为列表中的每户打印一份走访表，外出走访时带上（请先按村或条件缩小名单）</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>The list is still loading: print again in a moment.</source>
        <translation>列表仍在加载，请稍后再打印。</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>The list is empty: there is nothing to print.</source>
        <translation>列表为空，没有可打印的走访表。</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>Print visit forms</source>
        <translation>打印走访表</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>Print the visit form of the selected family, or of the whole list?</source>
        <translation>打印所选家庭的走访表，还是列表中全部家庭的走访表？</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>The selected family</source>
        <translation>所选家庭</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>The whole list (%1 families, those in the register)</source>
        <translation>整个列表（%1 户，仅在册家庭）</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>Print %1 visit forms, one page each? Choose a village or a filter to print fewer.</source>
        <translation>将打印 %1 份走访表，每户一页。是否继续？可先选择村或筛选条件以减少份数。</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="1" />
        <source>%1 visit forms printed.</source>
        <translation>已打印 %1 份走访表。</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="39" />
        <location filename="../../ui/families/page.py" line="50" />
        <source>Special families</source>
        <translation>特殊家庭</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="51" />
        <source>%1 families</source>
        <translation>共 %1 户</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="53" />
        <source>Search: name, pinyin initials (zs), ID number, phone (Ctrl+F)</source>
        <translation>搜索：姓名、拼音首字母、身份证号、电话</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="55" />
        <source>&amp;New family</source>
        <translation>新增家庭(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="57" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="58" />
        <source>Enter or double-click</source>
        <translation>回车或双击</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="59" />
        <source>Record &amp;visit</source>
        <translation>登记走访(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="61" />
        <source>&amp;Mark deleted</source>
        <translation>标记删除(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="87" />
        <source>File no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="88" />
        <source>Head</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="89" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="90" />
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="91" />
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="92" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="93" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="94" />
        <source>Township</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="95" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="96" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="98" />
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="102" />
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="104" />
        <location filename="../../ui/families/page.py" line="112" />
        <location filename="../../ui/families/page.py" line="120" />
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="105" />
        <location filename="../../ui/families/page.py" line="113" />
        <location filename="../../ui/families/page.py" line="121" />
        <source>Missing</source>
        <translation>缺</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="110" />
        <source>Doctor</source>
        <translation>医生</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="118" />
        <source>Green channel</source>
        <translation>绿色通道</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="124" />
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="125" />
        <source>Registered</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="127" />
        <source>Support (yuan/month)</source>
        <translation>特别扶助（元/月）</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="129" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="133" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="136" />
        <source>&amp;Status</source>
        <translation>状态(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="140" />
        <source>C&amp;ategory</source>
        <translation>类别(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="145" />
        <source>Covera&amp;ge</source>
        <translation>三个全覆盖(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="148" />
        <source>No contact persons</source>
        <translation>缺联系人</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="149" />
        <source>No family doctor</source>
        <translation>缺家庭医生</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="150" />
        <source>No green channel</source>
        <translation>缺绿色通道</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="151" />
        <source>Not visited in 6 months</source>
        <translation>半年未走访</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="262" />
        <source>Mark deleted</source>
        <translation>标记删除</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="264" />
        <source>Mark the family of %1 (%2) as deleted? It leaves every list; the next sync passes it on.</source>
        <translation>将 %1（%2）家标记为删除？删除后不再出现在任何列表中，下次同步时一并上报。</translation>
    </message>
</context>
<context>
    <name>FamilyForm</name>
    <message>
        <source>&amp;6 Volunteer services</source>
        <translation>&amp;6 志愿服务</translation>
    </message>
    <message>
        <location filename="../../ui/families/family_form.py" line="1" />
        <source>&amp;5 Insurance</source>
        <translation>&amp;5 保险保障</translation>
    </message>
    <message>
        <location filename="../../ui/families/family_form.py" line="43" />
        <location filename="../../ui/families/family_form.py" line="94" />
        <source>New family</source>
        <translation>新增家庭</translation>
    </message>
    <message>
        <location filename="../../ui/families/family_form.py" line="51" />
        <source>&amp;1 Family</source>
        <translation>&amp;1 基本情况</translation>
    </message>
    <message>
        <location filename="../../ui/families/family_form.py" line="52" />
        <source>&amp;2 Members</source>
        <translation>&amp;2 家庭成员</translation>
    </message>
    <message>
        <location filename="../../ui/families/family_form.py" line="53" />
        <source>&amp;3 Three coverages</source>
        <translation>&amp;3 三个全覆盖</translation>
    </message>
    <message>
        <location filename="../../ui/families/family_form.py" line="54" />
        <source>&amp;4 Visits</source>
        <translation>&amp;4 走访记录</translation>
    </message>
    <message>
        <location filename="../../ui/families/family_form.py" line="109" />
        <location filename="../../ui/families/family_form.py" line="138" />
        <source>Family: %1</source>
        <translation>家庭：%1</translation>
    </message>
    <message>
        <location filename="../../ui/families/family_form.py" line="138" />
        <source>(new)</source>
        <translation>（新登记）</translation>
    </message>
    <message>
        <location filename="../../ui/families/family_form.py" line="228" />
        <source>Already registered: %1, in the family of %2 (%3, %4). &lt;a href="%5"&gt;Open that family&lt;/a&gt;</source>
        <translation>该身份证号已登记：%1，在 %2 家（%3，%4）。&lt;a href="%5"&gt;打开该户&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>PhoneField</name>
    <message>
        <location filename="../../ui/widgets/value_fields.py" line="39" />
        <source>A mobile number (13807310001) or a landline (0731-84567890)</source>
        <translation>手机号（13807310001）或座机号（0731-84567890）</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <location filename="../../ui/widgets/fields.py" line="104" />
        <source>Please fill in %1</source>
        <translation>请填写%1</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/fields.py" line="151" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>GeneralSection</name>
    <message>
        <source>blank: by the standard</source>
        <translation>留空按标准计算</translation>
    </message>
    <message>
        <source>Left blank, it is filled from the local standard: per person, times the members receiving it</source>
        <translation>留空时按本地特别扶助标准自动填写：每人每月标准 × 享受特扶的人数</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="121" />
        <source>village</source>
        <translation>所在村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="126" />
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="130" />
        <source>disability grade</source>
        <translation>伤残等级</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="132" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="134" />
        <source>Grade %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="135" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="139" />
        <source>Status changed on</source>
        <translation>状态变更日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="140" />
        <source>Registered on</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="141" />
        <source>File number</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="142" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="143" />
        <source>Special support</source>
        <translation>特别扶助金额</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="144" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="145" />
        <source>Needs</source>
        <translation>需求</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="146" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="165" />
        <source>&amp;Village</source>
        <translation>村（社区）(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="166" />
        <source>&amp;Category</source>
        <translation>类别(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="167" />
        <source>Disability &amp;grade (child)</source>
        <translation>伤残等级（子女）(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="168" />
        <source>S&amp;tatus</source>
        <translation>状态(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="169" />
        <source>Status c&amp;hanged on</source>
        <translation>状态变更日期(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="170" />
        <source>&amp;File number</source>
        <translation>档案编号(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="171" />
        <source>&amp;Registered on</source>
        <translation>登记日期(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="172" />
        <source>&amp;Phone</source>
        <translation>电话(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="173" />
        <source>Special support per &amp;month</source>
        <translation>特别扶助（每人每月）(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="174" />
        <source>&amp;Address</source>
        <translation>住址(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="175" />
        <source>&amp;Needs</source>
        <translation>需求(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="176" />
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>IdNumberField</name>
    <message>
        <location filename="../../ui/widgets/value_fields.py" line="185" />
        <source>18 digits, the last may be X</source>
        <translation>18 位，最后一位可为 X</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/value_fields.py" line="187" />
        <location filename="../../ui/widgets/value_fields.py" line="215" />
        <source>%1 years</source>
        <translation>%1岁</translation>
    </message>
</context>
<context>
    <name>MemberTable</name>
    <message>
        <location filename="../../ui/families/member_table.py" line="24" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/families/member_table.py" line="24" />
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../ui/families/member_table.py" line="24" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/families/member_table.py" line="24" />
        <source>Born</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/member_table.py" line="36" />
        <source>(no name)</source>
        <translation>（未填姓名）</translation>
    </message>
</context>
<context>
    <name>MembersPanel</name>
    <message>
        <location filename="../../ui/families/members.py" line="131" />
        <location filename="../../ui/families/members.py" line="145" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="131" />
        <location filename="../../ui/families/members.py" line="150" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="140" />
        <source>&amp;Add member</source>
        <translation>添加成员(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="141" />
        <source>Remo&amp;ve member</source>
        <translation>删除成员(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="156" />
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="157" />
        <source>&amp;Deceased</source>
        <translation>已去世(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="158" />
        <source>Date of death</source>
        <translation>去世日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="160" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="162" />
        <source>Grade %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="163" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="164" />
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="165" />
        <source>Bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="166" />
        <source>Receives special s&amp;upport</source>
        <translation>享受特别扶助(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="167" />
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="185" />
        <source>Na&amp;me</source>
        <translation>姓名(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="185" />
        <source>Re&amp;lation</source>
        <translation>关系(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="186" />
        <source>&amp;ID number</source>
        <translation>身份证号(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="187" />
        <source>Se&amp;x</source>
        <translation>性别(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="187" />
        <source>&amp;Born</source>
        <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="188" />
        <source>Died</source>
        <translation>去世日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="189" />
        <source>Disabilit&amp;y</source>
        <translation>伤残等级(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="189" />
        <source>P&amp;hone</source>
        <translation>电话(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="190" />
        <source>Ban&amp;k</source>
        <translation>开户银行(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="190" />
        <source>Acc&amp;ount</source>
        <translation>银行账号(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="191" />
        <source>Heal&amp;th</source>
        <translation>健康状况(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="392" />
        <source>Taken from the ID number</source>
        <translation>由身份证号得出</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="1" />
        <source>Sho&amp;w full numbers</source>
        <translation>显示完整号码(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/families/members.py" line="1" />
        <source>Shows this member's ID and bank numbers; the viewing is logged</source>
        <translation>显示该成员完整的身份证号和银行账号；查看将记入审计日志</translation>
    </message>
</context>
<context>
    <name>MoneyField</name>
    <message>
        <location filename="../../ui/widgets/value_fields.py" line="138" />
        <source>yuan</source>
        <translation>元</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <location filename="../../ui/widgets/record_list.py" line="124" />
        <source>%1 records</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_list.py" line="151" />
        <source>Search (Ctrl+F)</source>
        <translation>搜索（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_list.py" line="141" />
        <source>E&amp;xport to Excel…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_list.py" line="176" />
        <source>Click to sort; right-click (or Shift+F10 in the list) to choose columns</source>
        <translation>点击排序；右键（或在列表中按 Shift+F10）选择显示的列</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_list.py" line="303" />
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_list.py" line="398" />
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_list.py" line="398" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_list.py" line="429" />
        <source>Some rows could not be loaded; see the log.</source>
        <translation>部分行未能读取，详见日志。</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <location filename="../../ui/widgets/list_parts.py" line="136" />
        <source>Columns</source>
        <translation>显示的列</translation>
    </message>
</context>
<context>
    <name>VisitForm</name>
    <message>
        <location filename="../../ui/families/visit_form.py" line="53" />
        <source>Record a visit: %1</source>
        <translation>登记走访：%1</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="55" />
        <source>Visit date</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="56" />
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="58" />
        <source>occasion</source>
        <translation>走访时机</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="60" />
        <source>way</source>
        <translation>走访方式</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="61" />
        <source>Visitors</source>
        <translation>走访人员</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="62" />
        <source>Names, separated by 、</source>
        <translation>姓名，用“、”分隔</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="63" />
        <source>Cash</source>
        <translation>慰问金</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="65" />
        <source>fund source</source>
        <translation>资金来源</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="67" />
        <source>Needs raised</source>
        <translation>提出的需求</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="68" />
        <source>Follow-up</source>
        <translation>跟进措施</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="69" />
        <source>Paper form number</source>
        <translation>纸质表编号</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="70" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="87" />
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="87" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="87" />
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="87" />
        <source>Value (yuan)</source>
        <translation>价值（元）</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="97" />
        <source>Add &amp;goods line</source>
        <translation>添加物品(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="98" />
        <source>Remove goods &amp;line</source>
        <translation>删除物品(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="106" />
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="107" />
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="108" />
        <source>&amp;Occasion</source>
        <translation>时机(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="109" />
        <source>&amp;Way</source>
        <translation>方式(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="110" />
        <source>V&amp;isitors</source>
        <translation>走访人员(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="111" />
        <source>&amp;Cash</source>
        <translation>慰问金(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="112" />
        <source>&amp;Fund source</source>
        <translation>资金来源(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="113" />
        <source>&amp;Needs raised</source>
        <translation>提出的需求(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="114" />
        <source>Follow-&amp;up</source>
        <translation>跟进措施(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="115" />
        <source>&amp;Paper form no.</source>
        <translation>纸质表编号(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="116" />
        <source>No&amp;te</source>
        <translation>备注(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="123" />
        <source>Goods handed over</source>
        <translation>慰问物品</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="142" />
        <source>Family: %1</source>
        <translation>家庭：%1</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="237" />
        <source>Line %1: the quantity is a whole number</source>
        <translation>第 %1 行：数量应为整数</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="247" />
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="260" />
        <source>Goods worth %1 yuan</source>
        <translation>物品合计 %1 元</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_form.py" line="270" />
        <source>Visit: %1</source>
        <translation>走访：%1</translation>
    </message>
</context>
<context>
    <name>VisitsSection</name>
    <message>
        <location filename="../../ui/families/sections.py" line="306" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="307" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="308" />
        <source>Occasion</source>
        <translation>时机</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="309" />
        <source>Way</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="310" />
        <source>Visitors</source>
        <translation>走访人员</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="312" />
        <source>Cash (yuan)</source>
        <translation>慰问金（元）</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="317" />
        <source>Goods</source>
        <translation>物品</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="318" />
        <source>Needs raised</source>
        <translation>提出的需求</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="319" />
        <source>Form no.</source>
        <translation>纸质表编号</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="328" />
        <source>&amp;Record a visit…</source>
        <translation>登记走访(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/families/sections.py" line="340" />
        <source>%1 visits, cash %2 yuan in all</source>
        <translation>共走访 %1 次，慰问金合计 %2 元</translation>
    </message>
</context>
<context>
    <name>VisitSheetPrinter</name>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>not arranged</source>
        <translation>未落实</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>deceased</source>
        <translation>已去世</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>never visited</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Head of family</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>File no.</source>
        <translation>档案编号</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Township</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Members</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Contact persons</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Family doctor</source>
        <translation>家庭医生</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Green channel</source>
        <translation>就医绿色通道</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Last visit</source>
        <translation>上次走访</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Open follow-up</source>
        <translation>待跟进事项</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Needs noted</source>
        <translation>已登记需求</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Visit date</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Way (home / phone / other)</source>
        <translation>方式（入户／电话／其他）</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Visitors</source>
        <translation>走访人员</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Kind (visit / emotional support)</source>
        <translation>类型（走访慰问／精神慰藉）</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Cash (yuan)</source>
        <translation>慰问金（元）</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Fund source</source>
        <translation>资金来源</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Goods (item, quantity, value)</source>
        <translation>慰问物品（名称、数量、价值）</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Needs raised</source>
        <translation>提出的需求</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Follow-up</source>
        <translation>跟进措施</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Family signature</source>
        <translation>家庭签字</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Visitor signature</source>
        <translation>走访人签字</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Form no. %1 · printed %2 · enter the form no. with the visit</source>
        <translation>表号 %1 · 打印于 %2 · 录入走访时请填写此表号</translation>
    </message>
    <message>
        <location filename="../../ui/families/visit_print.py" line="1" />
        <source>Special family visit form</source>
        <translation>计生特殊家庭走访慰问登记表</translation>
    </message>
</context>
<context>
    <name>PolicyForm</name>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Product</source>
        <translation>保险产品</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Year</source>
        <translation>保险年度</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Insurer</source>
        <translation>承保公司</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Policy no.</source>
        <translation>保单号</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Premium</source>
        <translation>保费</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Insured amount</source>
        <translation>保险金额</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>From</source>
        <translation>起期</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>To</source>
        <translation>止期</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>&amp;Product</source>
        <translation>保险产品(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>&amp;Year</source>
        <translation>保险年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>&amp;Insurer</source>
        <translation>承保公司(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Policy &amp;no.</source>
        <translation>保单号(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Pre&amp;mium (yuan)</source>
        <translation>保费（元）(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Insured &amp;amount (yuan)</source>
        <translation>保险金额（元）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>&amp;From</source>
        <translation>起期(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>&amp;To</source>
        <translation>止期(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Family: %1</source>
        <translation>家庭：%1</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Insurance: %1</source>
        <translation>保险：%1</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>(new)</source>
        <translation>（新）</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>New insurance policy</source>
        <translation>新增保单</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Insurance policy: %1</source>
        <translation>保单：%1</translation>
    </message>
</context>
<context>
    <name>InsuranceSection</name>
    <message>
        <source>Claims (yuan)</source>
        <translation>理赔（元）</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Product</source>
        <translation>保险产品</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Insurer</source>
        <translation>承保公司</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Policy no.</source>
        <translation>保单号</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Premium (yuan)</source>
        <translation>保费（元）</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Insured (yuan)</source>
        <translation>保险金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>From</source>
        <translation>起期</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>To</source>
        <translation>止期</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>In force</source>
        <translation>是否在保</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Add &amp;policy…</source>
        <translation>新增保单(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Ed&amp;it policy…</source>
        <translation>修改保单(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>&amp;Delete policy</source>
        <translation>删除保单(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Save the family first, then add its policies.</source>
        <translation>请先保存家庭信息，再登记保单。</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>%1 policies, %2 in force</source>
        <translation>共 %1 份保单，%2 份在保</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Delete policy</source>
        <translation>删除保单</translation>
    </message>
    <message>
        <location filename="../../ui/families/insurance.py" line="1" />
        <source>Mark the %1 policy of %2 as deleted?</source>
        <translation>将 %2 年的“%1”保单标记为删除？</translation>
    </message>
</context>
<context>
    <name>ClaimForm</name>
    <message>
        <source>Claimed on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>理赔金额</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>赔付日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理赔事由</translation>
    </message>
    <message>
        <source>&amp;Claimed on</source>
        <translation>申请日期(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Amount (yuan)</source>
        <translation>理赔金额（元）(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Paid on</source>
        <translation>赔付日期(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>理赔事由(&amp;R)</translation>
    </message>
    <message>
        <source>Policy: %1</source>
        <translation>保单：%1</translation>
    </message>
    <message>
        <source>Insurance claim</source>
        <translation>保险理赔</translation>
    </message>
    <message>
        <source>New insurance claim</source>
        <translation>登记理赔</translation>
    </message>
</context>
<context>
    <name>ClaimsPanel</name>
    <message>
        <source>Claimed on</source>
        <translation>申请日期</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>理赔金额（元）</translation>
    </message>
    <message>
        <source>Paid on</source>
        <translation>赔付日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理赔事由</translation>
    </message>
    <message>
        <source>Add &amp;claim…</source>
        <translation>登记理赔(&amp;C)…</translation>
    </message>
    <message>
        <source>Edit c&amp;laim…</source>
        <translation>修改理赔(&amp;L)…</translation>
    </message>
    <message>
        <source>Delete clai&amp;m</source>
        <translation>删除理赔(&amp;M)</translation>
    </message>
    <message>
        <source>Choose a policy above to see its claims.</source>
        <translation>在上方选择一份保单，查看它的理赔记录。</translation>
    </message>
    <message>
        <source>Claims: %1, %2 yuan</source>
        <translation>理赔 %1 笔，共 %2 元</translation>
    </message>
    <message>
        <source>No claims on this policy yet: Add claim records a payout.</source>
        <translation>这份保单还没有理赔记录：点“登记理赔”录入一笔赔付。</translation>
    </message>
    <message>
        <source>Delete claim</source>
        <translation>删除理赔</translation>
    </message>
    <message>
        <source>Mark the claim of %1 as deleted?</source>
        <translation>将 %1 的理赔记录标记为删除？</translation>
    </message>
</context>
<context>
    <name>VolunteerServiceForm</name>
    <message>
        <source>Date</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Volunteer not registered</source>
        <translation>未登记的志愿者</translation>
    </message>
    <message>
        <source>system</source>
        <translation>暖心行动体系</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务内容</translation>
    </message>
    <message>
        <source>e.g. went with her to hospital, cleaned the house</source>
        <translation>如：陪同就医、打扫卫生</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>服务时长</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>服务日期(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;ystem</source>
        <translation>暖心行动体系(&amp;Y)</translation>
    </message>
    <message>
        <source>&amp;Volunteer</source>
        <translation>志愿者(&amp;V)</translation>
    </message>
    <message>
        <source>or &amp;name</source>
        <translation>或填写姓名(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Service</source>
        <translation>服务内容(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Hours</source>
        <translation>服务时长（小时）(&amp;H)</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <source>Volunteer service</source>
        <translation>志愿服务</translation>
    </message>
    <message>
        <source>New volunteer service</source>
        <translation>登记志愿服务</translation>
    </message>
</context>
<context>
    <name>VolunteerServicesSection</name>
    <message>
        <source>Date</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>System</source>
        <translation>暖心行动体系</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务内容</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Add ser&amp;vice…</source>
        <translation>登记志愿服务(&amp;V)…</translation>
    </message>
    <message>
        <source>Edit servi&amp;ce…</source>
        <translation>修改(&amp;C)…</translation>
    </message>
    <message>
        <source>Delete servic&amp;e</source>
        <translation>删除(&amp;E)</translation>
    </message>
    <message>
        <source>Save the family first, then record its volunteer services.</source>
        <translation>请先保存家庭信息，再登记志愿服务。</translation>
    </message>
    <message>
        <source>%1 services, %2 hours</source>
        <translation>志愿服务 %1 次，共 %2 小时</translation>
    </message>
    <message>
        <source>No volunteer service recorded yet: Add service records one.</source>
        <translation>还没有志愿服务记录：点“登记志愿服务”录入一次。</translation>
    </message>
    <message>
        <source>Delete service</source>
        <translation>删除志愿服务</translation>
    </message>
    <message>
        <source>Mark the service of %1 as deleted?</source>
        <translation>将 %1 的志愿服务记录标记为删除？</translation>
    </message>
</context>
</TS>