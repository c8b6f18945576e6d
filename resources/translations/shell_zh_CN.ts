<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>ComingPage</name>
    <message>
        <location filename="../../ui/main_window.py" line="47" />
        <source>%1: this module is being built.</source>
        <translation>“%1”模块正在建设中，即将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../ui/pages/home.py" line="49" />
        <source>Registered special families</source>
        <translation>在册计生特殊家庭（户）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="50" />
        <source>Family members</source>
        <translation>家庭成员（人）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="51" />
        <source>Families without both contact persons</source>
        <translation>未落实两名联系人的家庭</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="52" />
        <source>Families without a valid family-doctor contract</source>
        <translation>未签约或签约已到期的家庭医生</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="53" />
        <source>Families without a hospital green channel</source>
        <translation>未享受就医绿色通道的家庭</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="54" />
        <source>Families not visited in six months</source>
        <translation>半年内未走访的家庭</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="55" />
        <source>Visits this year</source>
        <translation>本年走访慰问（次）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="56" />
        <source>Cash handed out this year (yuan)</source>
        <translation>本年慰问金（元）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="57" />
        <source>Associations</source>
        <translation>协会（个）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="58" />
        <source>Staff, members, volunteers and instructors</source>
        <translation>工作人员、会员、志愿者和指导员（人）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="59" />
        <source>Projects</source>
        <translation>项目（个）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/home.py" line="60" />
        <source>Changes not yet confirmed by the level above</source>
        <translation>上级尚未确认的变更（条）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="85" />
        <source>Working…</source>
        <translation>正在处理…</translation>
    </message>
</context>
</TS>