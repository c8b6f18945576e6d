<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="59" />
        <source>Campaigns and trainings</source>
        <translation>宣传活动与培训</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="61" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="68" />
        <location filename="../../ui/activities/page.py" line="86" />
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="70" />
        <source>&amp;Campaign</source>
        <translation>活动主题(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="75" />
        <source>Campaign activities</source>
        <translation>宣传活动</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="76" />
        <source>%1 activities</source>
        <translation>%1 场活动</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="78" />
        <source>Search: title or place (Ctrl+F)</source>
        <translation>搜索：活动名称或地点（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="89" />
        <source>A&amp;udience</source>
        <translation>培训对象(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="95" />
        <source>Trainings</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="96" />
        <source>%1 trainings</source>
        <translation>%1 期培训</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="98" />
        <source>Search: title, place or organiser (Ctrl+F)</source>
        <translation>搜索：培训名称、地点或主办单位（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="103" />
        <source>&amp;New activity</source>
        <translation>新增活动(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="111" />
        <source>&amp;New training</source>
        <translation>新增培训(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="118" />
        <source>&amp;1 Campaign activities</source>
        <translation>&amp;1 宣传活动</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="119" />
        <source>&amp;2 Trainings</source>
        <translation>&amp;2 培训</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="120" />
        <source>&amp;3 Yearly totals</source>
        <translation>&amp;3 年度统计</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="131" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="132" />
        <location filename="../../ui/activities/page.py" line="147" />
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="133" />
        <source>Campaign</source>
        <translation>活动主题</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="134" />
        <location filename="../../ui/activities/page.py" line="152" />
        <source>Division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="135" />
        <location filename="../../ui/activities/page.py" line="154" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="136" />
        <source>Sessions</source>
        <translation>场次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="137" />
        <location filename="../../ui/activities/page.py" line="150" />
        <source>Participants</source>
        <translation>参与人次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="138" />
        <source>Materials</source>
        <translation>资料份数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="139" />
        <source>Services</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="140" />
        <source>Reached</source>
        <translation>惠及人数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="141" />
        <location filename="../../ui/activities/page.py" line="155" />
        <source>Spending (yuan)</source>
        <translation>经费（元）</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="146" />
        <source>Start date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="148" />
        <source>Audience</source>
        <translation>培训对象</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="149" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="151" />
        <source>Person-days</source>
        <translation>人天</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="153" />
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
</context>
<context>
    <name>ActivityForm</name>
    <message>
        <source>kind</source>
        <translation>活动类型</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>活动类型(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="38" />
        <source>campaign</source>
        <translation>活动主题</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="41" />
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="42" />
        <source>Date</source>
        <translation>活动日期</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="43" />
        <source>division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="44" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="45" />
        <source>Sessions</source>
        <translation>场次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="46" />
        <source>Participants (person-times)</source>
        <translation>参与人次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="47" />
        <source>Materials handed out</source>
        <translation>资料份数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="48" />
        <source>Services (person-times)</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="49" />
        <source>People reached</source>
        <translation>惠及人数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="50" />
        <source>Spending</source>
        <translation>经费</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="51" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="53" />
        <source>Cam&amp;paign</source>
        <translation>活动主题(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="54" />
        <source>&amp;Date</source>
        <translation>活动日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="55" />
        <source>&amp;Title</source>
        <translation>活动名称(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="56" />
        <source>Di&amp;vision</source>
        <translation>所属区划(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="57" />
        <source>P&amp;lace</source>
        <translation>地点(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="58" />
        <source>Sess&amp;ions</source>
        <translation>场次(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="61" />
        <source>Servi&amp;ces</source>
        <translation>服务人次(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="59" />
        <source>Pa&amp;rticipants</source>
        <translation>参与人次(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="60" />
        <source>&amp;Materials</source>
        <translation>资料份数(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="62" />
        <source>People reac&amp;hed</source>
        <translation>惠及人数(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="63" />
        <source>Spendin&amp;g</source>
        <translation>经费(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="64" />
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="102" />
        <source>New activity</source>
        <translation>新增活动</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="115" />
        <location filename="../../ui/activities/activity_form.py" line="130" />
        <source>Activity: %1</source>
        <translation>活动：%1</translation>
    </message>
    <message>
        <location filename="../../ui/activities/activity_form.py" line="130" />
        <source>(new)</source>
        <translation>（新）</translation>
    </message>
</context>
<context>
    <name>AssociationForm</name>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="35" />
        <source>division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="36" />
        <source>Association name</source>
        <translation>协会名称</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="37" />
        <source>kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="40" />
        <source>Founded on</source>
        <translation>成立日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="41" />
        <location filename="../../ui/organisation/association_form.py" line="66" />
        <source>President</source>
        <translation>会长</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="42" />
        <location filename="../../ui/organisation/association_form.py" line="67" />
        <source>Secretary-general</source>
        <translation>秘书长</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="43" />
        <source>Members</source>
        <translation>会员人数</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="44" />
        <source>Member groups</source>
        <translation>会员小组数</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="45" />
        <source>&amp;Member home (会员之家) built</source>
        <translation>已建成会员之家(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="47" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="48" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="50" />
        <source>Di&amp;vision</source>
        <translation>所属区划(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="51" />
        <source>&amp;Kind</source>
        <translation>协会类别(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="52" />
        <source>&amp;Name</source>
        <translation>协会名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="53" />
        <source>&amp;President</source>
        <translation>会长(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="54" />
        <source>Secretary-gene&amp;ral</source>
        <translation>秘书长(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="55" />
        <source>Mem&amp;bers</source>
        <translation>会员人数(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="56" />
        <source>Member &amp;groups</source>
        <translation>会员小组数(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="57" />
        <source>&amp;Founded on</source>
        <translation>成立日期(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="58" />
        <source>P&amp;hone</source>
        <translation>联系电话(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="59" />
        <source>A&amp;ddress</source>
        <translation>地址(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="64" />
        <source>Elected</source>
        <translation>换届日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="65" />
        <source>Term ends</source>
        <translation>任期届满</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="68" />
        <source>Council</source>
        <translation>理事人数</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="77" />
        <source>Record &amp;term election (换届)…</source>
        <translation>登记换届(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="79" />
        <source>Term elections</source>
        <translation>换届记录</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="107" />
        <source>New association</source>
        <translation>新增协会</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="113" />
        <source>Save the association first</source>
        <translation>请先保存协会</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="121" />
        <location filename="../../ui/organisation/association_form.py" line="143" />
        <source>Association: %1</source>
        <translation>协会：%1</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="138" />
        <source>People registered here: %1</source>
        <translation>本协会登记人员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="143" />
        <source>(new)</source>
        <translation>（新）</translation>
    </message>
</context>
<context>
    <name>BeneficiaryForm</name>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="141" />
        <source>Add to the reported list: %1</source>
        <translation>列入上报名单：%1</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="143" />
        <source>Special family: name, initials (zs) or ID number</source>
        <translation>特殊家庭：姓名、拼音首字母（zs）或身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="144" />
        <source>Fin&amp;d</source>
        <translation>查找(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="154" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="156" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="158" />
        <source>division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="159" />
        <source>Reason</source>
        <translation>列入理由</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="160" />
        <source>Approved on</source>
        <translation>审核日期</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="162" />
        <source>Pick a &amp;family</source>
        <translation>选择特殊家庭(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="163" />
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="164" />
        <source>&amp;ID number</source>
        <translation>身份证号(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="165" />
        <source>Di&amp;vision</source>
        <translation>所属区划(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="166" />
        <source>&amp;Approved on</source>
        <translation>审核日期(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="167" />
        <source>&amp;Reason</source>
        <translation>列入理由(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="199" />
        <source>No special family matches “%1”.</source>
        <translation>没有找到与“%1”匹配的特殊家庭。</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="215" />
        <source>From the family file: %1</source>
        <translation>取自家庭档案：%1</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="224" />
        <source>Reported list: %1</source>
        <translation>上报名单：%1</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="239" />
        <source>18 digits, the last may be X</source>
        <translation>18 位，最后一位可以是 X</translation>
    </message>
</context>
<context>
    <name>CountField</name>
    <message>
        <location filename="../../ui/widgets/record_form.py" line="62" />
        <source>%1 must be a whole number</source>
        <translation>%1应为整数</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_form.py" line="65" />
        <source>%1 must be at least %2</source>
        <translation>%1至少为 %2</translation>
    </message>
</context>
<context>
    <name>InstructorGaps</name>
    <message>
        <location filename="../../ui/organisation/people.py" line="196" />
        <source>Township</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="197" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="198" />
        <source>Instructors</source>
        <translation>指导员人数</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="199" />
        <source>Names</source>
        <translation>指导员</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="211" />
        <source>Villages with fewer than %1 family health instructors</source>
        <translation>家庭健康指导员不足 %1 名的村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="236" />
        <source>%1 of %2 villages have at least %3 instructors; %4 still below; %5 instructors in all.</source>
        <translation>%2 个村（社区）中 %1 个已有至少 %3 名指导员，还有 %4 个未达标；共有指导员 %5 名。</translation>
    </message>
</context>
<context>
    <name>OrganisationPage</name>
    <message>
        <source>Places</source>
        <translation>托位</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="51" />
        <source>Organisation</source>
        <translation>组织建设</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="61" />
        <location filename="../../ui/organisation/page.py" line="100" />
        <source>&amp;Kind</source>
        <translation>类别(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="62" />
        <location filename="../../ui/organisation/page.py" line="65" />
        <location filename="../../ui/organisation/page.py" line="101" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="65" />
        <source>&amp;Term</source>
        <translation>换届(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="65" />
        <source>Re-election due</source>
        <translation>到期应换届</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="70" />
        <source>Associations</source>
        <translation>协会</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="71" />
        <source>%1 associations</source>
        <translation>%1 个协会</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="73" />
        <source>Search: association, president or secretary-general (Ctrl+F)</source>
        <translation>搜索：协会名称、会长或秘书长（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="78" />
        <source>&amp;New association</source>
        <translation>新增协会(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="104" />
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="104" />
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="104" />
        <source>Also closed</source>
        <translation>含已停用</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="109" />
        <source>Positions</source>
        <translation>阵地</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="110" />
        <source>%1 positions</source>
        <translation>%1 个阵地</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="112" />
        <source>Search: name or address (Ctrl+F)</source>
        <translation>搜索：名称或地址（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="117" />
        <source>&amp;New position</source>
        <translation>新增阵地(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="127" />
        <source>&amp;1 Associations</source>
        <translation>&amp;1 协会</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="128" />
        <source>&amp;2 Staff</source>
        <translation>&amp;2 工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="129" />
        <source>&amp;3 Members</source>
        <translation>&amp;3 会员</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="130" />
        <source>&amp;4 Volunteers</source>
        <translation>&amp;4 志愿者</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="131" />
        <source>&amp;5 Health instructors</source>
        <translation>&amp;5 家庭健康指导员</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="132" />
        <source>&amp;6 Positions</source>
        <translation>&amp;6 阵地</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="143" />
        <location filename="../../ui/organisation/page.py" line="191" />
        <source>Association</source>
        <translation>协会</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="144" />
        <location filename="../../ui/organisation/page.py" line="188" />
        <source>Division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="145" />
        <location filename="../../ui/organisation/page.py" line="186" />
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="146" />
        <location filename="../../ui/organisation/page.py" line="187" />
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="147" />
        <source>President</source>
        <translation>会长</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="149" />
        <source>Secretary-general</source>
        <translation>秘书长</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="152" />
        <source>Members</source>
        <translation>会员人数</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="155" />
        <source>Groups</source>
        <translation>小组数</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="159" />
        <source>Member home</source>
        <translation>会员之家</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="161" />
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="162" />
        <source>No</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="164" />
        <source>Last election</source>
        <translation>上次换届</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="165" />
        <source>Term ends</source>
        <translation>任期届满</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="166" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="185" />
        <source>Position name</source>
        <translation>阵地名称</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="197" />
        <source>Opened</source>
        <translation>建成日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="198" />
        <source>Plaque</source>
        <translation>挂牌日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="199" />
        <source>Funding (yuan)</source>
        <translation>投入资金（元）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="200" />
        <source>Area (m²)</source>
        <translation>面积（m²）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="201" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="202" />
        <source>Closed</source>
        <translation>停用日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/page.py" line="220" />
        <source>In use: %1; funding %2 yuan</source>
        <translation>在用阵地：%1；投入资金合计 %2 元</translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="38" />
        <source>Record a payment: %1</source>
        <translation>登记发放：%1</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="39" />
        <source>payee</source>
        <translation>领取人</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="45" />
        <source>Pick from the reported list, or type an ID number</source>
        <translation>从上报名单中选择，或输入身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="46" />
        <source>Payment date</source>
        <translation>发放日期</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="47" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="49" />
        <source>method</source>
        <translation>发放方式</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="52" />
        <source>Card / account no.</source>
        <translation>一卡通 / 银行账号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="53" />
        <source>Voucher no.</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="54" />
        <source>Payment notice published</source>
        <translation>发放公示日期</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="56" />
        <source>&amp;Payee</source>
        <translation>领取人(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="57" />
        <source>&amp;Date</source>
        <translation>发放日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="58" />
        <source>&amp;Amount</source>
        <translation>金额(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="59" />
        <source>&amp;Method</source>
        <translation>发放方式(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="60" />
        <source>&amp;Card no.</source>
        <translation>卡号(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="61" />
        <source>&amp;Voucher no.</source>
        <translation>凭证号(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="62" />
        <source>&amp;Notice published</source>
        <translation>公示日期(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="65" />
        <source>%1 — allocated %2 yuan, paid %3 yuan so far</source>
        <translation>%1 —— 下拨 %2 元，已发放 %3 元</translation>
    </message>
    <message>
        <location filename="../../ui/projects/payment_form.py" line="96" />
        <source>Payment: %1</source>
        <translation>发放：%1</translation>
    </message>
</context>
<context>
    <name>PeopleLists</name>
    <message>
        <location filename="../../ui/organisation/people.py" line="61" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="64" />
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="64" />
        <source>Current</source>
        <translation>在任</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="64" />
        <source>Also former</source>
        <translation>含已离任</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="71" />
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="79" />
        <source>Staff &amp;kind</source>
        <translation>人员类别(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="92" />
        <source>Staff</source>
        <translation>工作人员</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="93" />
        <source>Members</source>
        <translation>会员人数</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="94" />
        <source>Volunteers</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="95" />
        <source>Family health instructors</source>
        <translation>家庭健康指导员</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="97" />
        <source>%1 people</source>
        <translation>%1 人</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="99" />
        <source>Search: name, pinyin initials (zs), ID number, phone (Ctrl+F)</source>
        <translation>搜索：姓名、拼音首字母、身份证号、电话</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="104" />
        <source>&amp;New person</source>
        <translation>新增人员(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="115" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="116" />
        <source>Sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="117" />
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="119" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="121" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="122" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="125" />
        <source>Staff kind</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="130" />
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="131" />
        <source>Township</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="132" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="135" />
        <source>Association</source>
        <translation>协会</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="143" />
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="150" />
        <source>Trained on</source>
        <translation>培训日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="154" />
        <source>Certificate</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="161" />
        <source>Service hours</source>
        <translation>服务时长（小时）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="167" />
        <source>Since</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/people.py" line="168" />
        <source>Until</source>
        <translation>结束日期</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="61" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="63" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="65" />
        <source>sex</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="69" />
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="70" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="71" />
        <source>division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="72" />
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="73" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="74" />
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="77" />
        <source>association</source>
        <translation>所属协会</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="78" />
        <source>staff kind</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="82" />
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="83" />
        <source>Since</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="84" />
        <source>Until</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="85" />
        <source>Trained on</source>
        <translation>培训日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="86" />
        <source>Certificate no.</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="87" />
        <source>Service hours</source>
        <translation>服务时长（小时）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="89" />
        <source>&amp;Name</source>
        <translation>姓名(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="90" />
        <source>&amp;ID number</source>
        <translation>身份证号(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="91" />
        <source>Se&amp;x</source>
        <translation>性别(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="92" />
        <source>&amp;Birth date</source>
        <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="93" />
        <source>P&amp;hone</source>
        <translation>联系电话(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="94" />
        <source>Di&amp;vision</source>
        <translation>所属区划(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="95" />
        <source>&amp;Workplace</source>
        <translation>工作单位(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="96" />
        <source>A&amp;ddress</source>
        <translation>地址(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="97" />
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="98" />
        <source>Associa&amp;tion</source>
        <translation>协会(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="99" />
        <source>Staff &amp;kind</source>
        <translation>人员类别(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="100" />
        <source>&amp;Post</source>
        <translation>职务(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="101" />
        <source>Tr&amp;ained on</source>
        <translation>培训日期(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="104" />
        <source>Sinc&amp;e</source>
        <translation>开始日期(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="102" />
        <source>&amp;Certificate no.</source>
        <translation>证书编号(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="103" />
        <source>Service h&amp;ours</source>
        <translation>服务时长（小时）(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="105" />
        <source>&amp;Until</source>
        <translation>结束日期(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="162" />
        <source>no role</source>
        <translation>暂无角色</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="163" />
        <source>Already registered: %1 (%2). Saving adds this role to the same person.</source>
        <translation>身份证号已登记：%1（%2）。保存后将为此人添加这一角色，不会重复登记。</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="172" />
        <source>Person: %1</source>
        <translation>人员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="172" />
        <source>(new)</source>
        <translation>（新）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="177" />
        <source>New: %1</source>
        <translation>新增：%1</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="192" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="215" />
        <source>Also registered as: %1</source>
        <translation>此人还登记为：%1</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="1" />
        <source>Show &amp;full number</source>
        <translation>显示完整号码(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/person_form.py" line="1" />
        <source>Shows this person's ID number; the viewing is logged</source>
        <translation>显示此人完整的身份证号；查看将记入审计日志</translation>
    </message>
</context>
<context>
    <name>PositionForm</name>
    <message>
        <source>Childcare places</source>
        <translation>托位数</translation>
    </message>
    <message>
        <source>Childcare p&amp;laces</source>
        <translation>托位数(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="30" />
        <source>kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="33" />
        <source>Name</source>
        <translation>阵地名称</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="34" />
        <source>division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="35" />
        <source>association</source>
        <translation>所属协会</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="36" />
        <source>Opened on</source>
        <translation>建成日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="37" />
        <source>Plaque on</source>
        <translation>挂牌日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="38" />
        <source>Funding</source>
        <translation>投入资金</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="39" />
        <source>Floor area</source>
        <translation>面积</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="40" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="41" />
        <source>Closed on</source>
        <translation>停用日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="43" />
        <source>&amp;Kind</source>
        <translation>阵地类别(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="44" />
        <source>Di&amp;vision</source>
        <translation>所属区划(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="45" />
        <source>&amp;Name</source>
        <translation>阵地名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="46" />
        <source>Associa&amp;tion</source>
        <translation>协会(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="47" />
        <source>&amp;Opened on</source>
        <translation>建成日期(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="48" />
        <source>&amp;Plaque on</source>
        <translation>挂牌日期(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="49" />
        <source>&amp;Funding</source>
        <translation>投入资金(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="50" />
        <source>Floor &amp;area (m²)</source>
        <translation>面积（m²）(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="51" />
        <source>A&amp;ddress</source>
        <translation>地址(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="52" />
        <source>&amp;Closed on</source>
        <translation>停用日期(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="104" />
        <source>New position</source>
        <translation>新增阵地</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="114" />
        <location filename="../../ui/organisation/position_form.py" line="130" />
        <source>Position: %1</source>
        <translation>阵地：%1</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/position_form.py" line="130" />
        <source>(new)</source>
        <translation>（新）</translation>
    </message>
</context>
<context>
    <name>ProjectForm</name>
    <message>
        <source>Final report due</source>
        <translation>终期报告截止</translation>
    </message>
    <message>
        <source>Final &amp;report due</source>
        <translation>终期报告截止(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="39" />
        <source>programme</source>
        <translation>项目类别</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="40" />
        <source>year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="44" />
        <source>Project name</source>
        <translation>项目名称</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="45" />
        <source>division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="46" />
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="48" />
        <source>Allocated</source>
        <translation>下拨资金</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="49" />
        <source>Matched</source>
        <translation>配套资金</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="50" />
        <source>Self-raised</source>
        <translation>自筹资金</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="51" />
        <source>Donated</source>
        <translation>社会捐赠</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="52" />
        <source>Start date</source>
        <translation>实施开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="53" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="55" />
        <source>&amp;Programme</source>
        <translation>项目类别(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="56" />
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="57" />
        <source>Di&amp;vision</source>
        <translation>所属区划(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="58" />
        <source>&amp;Name</source>
        <translation>项目名称(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="59" />
        <source>&amp;Document no.</source>
        <translation>文号(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="60" />
        <source>S&amp;tart date</source>
        <translation>实施开始日期(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="61" />
        <source>&amp;Allocated</source>
        <translation>下拨资金(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="62" />
        <source>&amp;Matched</source>
        <translation>配套资金(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="63" />
        <source>Se&amp;lf-raised</source>
        <translation>自筹资金(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="64" />
        <source>Donat&amp;ed</source>
        <translation>社会捐赠(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="65" />
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="109" />
        <source>New project (registered as 申报)</source>
        <translation>新增项目（登记为“申报”）</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="122" />
        <location filename="../../ui/projects/project_form.py" line="144" />
        <source>Project: %1</source>
        <translation>项目：%1</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="139" />
        <source>Status: %1</source>
        <translation>当前状态：%1</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="144" />
        <source>(new)</source>
        <translation>（新）</translation>
    </message>
</context>
<context>
    <name>ProjectOverview</name>
    <message>
        <location filename="../../ui/projects/overview.py" line="42" />
        <source>Allocated</source>
        <translation>下拨资金</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="43" />
        <source>Matched</source>
        <translation>配套资金</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="44" />
        <source>Self-raised</source>
        <translation>自筹资金</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="45" />
        <source>Donated</source>
        <translation>社会捐赠</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="46" />
        <source>Total funds</source>
        <translation>资金合计</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="47" />
        <source>Paid to the list</source>
        <translation>按名单已发放</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="48" />
        <source>Allocated not yet paid</source>
        <translation>下拨未发放</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="61" />
        <source>Paid %p% of allocated</source>
        <translation>已发放下拨资金的 %p%</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="89" />
        <source>Choose a project in the list above.</source>
        <translation>请在上方列表中选择一个项目。</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="95" />
        <source>Next step…</source>
        <translation>下一步…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="113" />
        <source>%1 yuan</source>
        <translation>%1 元</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="121" />
        <source>Lifecycle complete</source>
        <translation>项目已全部完成</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="124" />
        <source>Next &amp;step: %1…</source>
        <translation>下一步：%1(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/overview.py" line="125" />
        <source>Needs: %1</source>
        <translation>需要：%1</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>The reported list from an Excel or CSV sheet, with a report</source>
        <translation>从 Excel 或 CSV 表格导入上报名单，并生成问题报告</translation>
    </message>
    <message>
        <source>Import payments (&amp;U)…</source>
        <translation>导入(&amp;U)…</translation>
    </message>
    <message>
        <source>Payments from an Excel or CSV sheet; each must be to someone on the list</source>
        <translation>从 Excel 或 CSV 表格导入发放记录；每一笔都必须发给上报名单中的人</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="44" />
        <location filename="../../ui/projects/page.py" line="65" />
        <source>Projects</source>
        <translation>项目服务</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="46" />
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="55" />
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="58" />
        <source>S&amp;tatus</source>
        <translation>状态(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="61" />
        <source>Pro&amp;gramme</source>
        <translation>项目类别(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="66" />
        <source>%1 projects</source>
        <translation>%1 个项目</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="68" />
        <source>Search: project name or document no. (Ctrl+F)</source>
        <translation>搜索：项目名称或文号（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="73" />
        <source>&amp;New project</source>
        <translation>新增项目(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="90" />
        <source>Reported list</source>
        <translation>上报名单</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="91" />
        <source>%1 people on the list</source>
        <translation>名单共 %1 人</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="92" />
        <source>Search: name or ID number</source>
        <translation>搜索：姓名或身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="94" />
        <source>&amp;Add to list…</source>
        <translation>列入名单(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="96" />
        <source>&amp;Remove from list</source>
        <translation>移出名单(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="107" />
        <source>Payments</source>
        <translation>发放记录</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="108" />
        <source>%1 payments</source>
        <translation>%1 笔发放</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="113" />
        <source>Export &amp;list to Excel…</source>
        <translation>导出名单 Excel(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="114" />
        <source>Export payments to Ex&amp;cel…</source>
        <translation>导出发放记录 Excel(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="115" />
        <source>Record &amp;payment…</source>
        <translation>登记发放(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="117" />
        <source>Mark payment &amp;deleted</source>
        <translation>删除发放记录(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="122" />
        <source>&amp;1 Funds and lifecycle</source>
        <translation>&amp;1 资金与进度</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="123" />
        <source>&amp;2 Reported list</source>
        <translation>&amp;2 上报名单</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="124" />
        <source>&amp;3 Payments</source>
        <translation>&amp;3 发放记录</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="154" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="155" />
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="156" />
        <source>Programme</source>
        <translation>项目类别</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="157" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="158" />
        <source>Division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="159" />
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="160" />
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="161" />
        <source>Allocated</source>
        <translation>下拨资金</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="162" />
        <source>Matched</source>
        <translation>配套资金</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="163" />
        <source>Self-raised</source>
        <translation>自筹资金</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="164" />
        <source>Donated</source>
        <translation>社会捐赠</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="165" />
        <source>Total funds</source>
        <translation>资金合计</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="166" />
        <source>Paid</source>
        <translation>已发放</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="169" />
        <source>On list</source>
        <translation>名单人数</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="174" />
        <source>Notice from</source>
        <translation>公示开始</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="176" />
        <source>Final report</source>
        <translation>终期报告</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="179" />
        <source>Score</source>
        <translation>绩效得分</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="185" />
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="187" />
        <location filename="../../ui/projects/page.py" line="208" />
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="189" />
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="190" />
        <source>Reason</source>
        <translation>列入理由</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="191" />
        <source>Approved</source>
        <translation>审核日期</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="192" />
        <source>Paid (yuan)</source>
        <translation>已领取（元）</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="195" />
        <source>Special family</source>
        <translation>特殊家庭</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="197" />
        <source>Yes</source>
        <translation>有</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="205" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="206" />
        <source>Payee</source>
        <translation>领取人</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="210" />
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="211" />
        <source>Method</source>
        <translation>发放方式</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="214" />
        <source>Card no.</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="220" />
        <source>Voucher</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="312" />
        <source>this person's place on the list</source>
        <translation>此人的名单记录</translation>
    </message>
    <message>
        <location filename="../../ui/projects/page.py" line="323" />
        <source>this payment</source>
        <translation>这笔发放记录</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>From an Excel or CSV sheet, with a report of every row</source>
        <translation>从 Excel 或 CSV 表格导入，并逐行给出问题报告</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_tab.py" line="48" />
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_tab.py" line="49" />
        <source>Enter or double-click</source>
        <translation>回车或双击</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_tab.py" line="54" />
        <source>&amp;Mark deleted</source>
        <translation>标记删除(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_tab.py" line="116" />
        <source>Mark deleted</source>
        <translation>标记删除</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_tab.py" line="117" />
        <source>Mark %1 as deleted? It leaves every list; the next sync passes it on.</source>
        <translation>将%1标记为删除？删除后不再出现在任何列表中，下次同步时一并上报。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/record_tab.py" line="118" />
        <source>this record</source>
        <translation>这条记录</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>&amp;Report</source>
        <translation>报告内容(&amp;R)</translation>
    </message>
    <message>
        <source>What was done, for whom, with what money, and the results</source>
        <translation>做了什么、为谁做、用了多少钱、取得了什么成效</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="184" />
        <source>%1: move to %2</source>
        <translation>%1：进入“%2”</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="185" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="187" />
        <source>Document no.</source>
        <translation>文号</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="189" />
        <source>Notice from</source>
        <translation>公示开始</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="190" />
        <source>Notice until</source>
        <translation>公示结束</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="193" />
        <source>Score</source>
        <translation>绩效得分</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="195" />
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="198" />
        <source>Document &amp;no.</source>
        <translation>文号(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="201" />
        <source>Notice &amp;from</source>
        <translation>公示开始(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="202" />
        <source>Notice &amp;until</source>
        <translation>公示结束(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="205" />
        <source>&amp;Score (0–100)</source>
        <translation>得分（0–100）(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="208" />
        <source>This step needs: %1</source>
        <translation>这一步需要：%1</translation>
    </message>
    <message>
        <location filename="../../ui/projects/project_form.py" line="218" />
        <source>&amp;Move to %1</source>
        <translation>进入“%1”(&amp;M)</translation>
    </message>
</context>
<context>
    <name>TermForm</name>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="194" />
        <location filename="../../ui/organisation/association_form.py" line="214" />
        <source>Term election: %1</source>
        <translation>换届：%1</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="195" />
        <source>Election date</source>
        <translation>换届日期</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="196" />
        <source>Term (years)</source>
        <translation>任期（年）</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="197" />
        <source>President</source>
        <translation>会长</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="198" />
        <source>Secretary-general</source>
        <translation>秘书长</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="199" />
        <source>Council members</source>
        <translation>理事人数</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="200" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="201" />
        <source>&amp;Election date</source>
        <translation>换届日期(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="202" />
        <source>&amp;Term (years)</source>
        <translation>任期（年）(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="203" />
        <source>&amp;President</source>
        <translation>会长(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="204" />
        <source>Secretary-gene&amp;ral</source>
        <translation>秘书长(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="205" />
        <source>&amp;Council members</source>
        <translation>理事人数(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/organisation/association_form.py" line="206" />
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <location filename="../../ui/activities/page.py" line="230" />
        <source>&amp;Year</source>
        <translation>年度(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="237" />
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="240" />
        <source>Campaign</source>
        <translation>活动主题</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="249" />
        <source>Activities</source>
        <translation>活动场数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="250" />
        <source>Sessions</source>
        <translation>场次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="251" />
        <location filename="../../ui/activities/page.py" line="279" />
        <source>Participants</source>
        <translation>参与人次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="252" />
        <source>Materials</source>
        <translation>资料份数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="253" />
        <source>Services</source>
        <translation>服务人次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="254" />
        <source>Reached</source>
        <translation>惠及人数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="258" />
        <location filename="../../ui/activities/page.py" line="284" />
        <source>Spending (yuan)</source>
        <translation>经费（元）</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="268" />
        <source>Audience</source>
        <translation>培训对象</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="277" />
        <source>Trainings</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="278" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="280" />
        <source>Person-days</source>
        <translation>人天</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="297" />
        <source>Campaign activities by campaign</source>
        <translation>宣传活动（按主题）</translation>
    </message>
    <message>
        <location filename="../../ui/activities/page.py" line="298" />
        <source>Trainings by audience</source>
        <translation>培训（按对象）</translation>
    </message>
</context>
<context>
    <name>TrainingForm</name>
    <message>
        <location filename="../../ui/activities/training_form.py" line="31" />
        <source>Title</source>
        <translation>培训名称</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="32" />
        <source>audience</source>
        <translation>培训对象</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="35" />
        <source>Start date</source>
        <translation>培训日期</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="36" />
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="37" />
        <source>division</source>
        <translation>所属区划</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="38" />
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="39" />
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="40" />
        <source>Participants</source>
        <translation>参与人次</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="41" />
        <source>Spending</source>
        <translation>经费</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="42" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="44" />
        <source>&amp;Title</source>
        <translation>培训名称(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="45" />
        <source>&amp;Audience</source>
        <translation>培训对象(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="46" />
        <source>Start &amp;date</source>
        <translation>培训日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="47" />
        <source>Da&amp;ys</source>
        <translation>天数(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="48" />
        <source>Pa&amp;rticipants</source>
        <translation>参与人次(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="49" />
        <source>Di&amp;vision</source>
        <translation>所属区划(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="50" />
        <source>P&amp;lace</source>
        <translation>地点(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="51" />
        <source>Or&amp;ganiser</source>
        <translation>主办单位(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="52" />
        <source>S&amp;pending</source>
        <translation>经费(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="53" />
        <source>N&amp;ote</source>
        <translation>备注(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="73" />
        <source>New training</source>
        <translation>新增培训</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="85" />
        <location filename="../../ui/activities/training_form.py" line="101" />
        <source>Training: %1</source>
        <translation>培训：%1</translation>
    </message>
    <message>
        <location filename="../../ui/activities/training_form.py" line="101" />
        <source>(new)</source>
        <translation>（新）</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <source>Criterion</source>
        <translation>评价项目</translation>
    </message>
    <message>
        <source>Value / target</source>
        <translation>实际 / 目标</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>How</source>
        <translation>计算依据</translation>
    </message>
    <message>
        <source>Working out the score…</source>
        <translation>正在计算得分……</translation>
    </message>
    <message>
        <source>does not apply</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Score: %1 of 100</source>
        <translation>综合得分：%1 分（满分 100）</translation>
    </message>
</context>
</TS>