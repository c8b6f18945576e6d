<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ScanEntry</name>
    <message>
        <location filename="../../ui/widgets/scan_entry.py" line="24" />
        <source>Scan a form:</source>
        <translation>扫码录入：</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_entry.py" line="27" />
        <source>Scan the QR code or type the form no., then Enter</source>
        <translation>扫描走访表二维码或输入表号，按回车</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_entry.py" line="51" />
        <source>Form %1 is already entered (%2): the same form is not entered twice.</source>
        <translation>表号 %1 已登记过走访（%2），同一张表不要重复录入。</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_entry.py" line="60" />
        <source>Form %1: %2, %3</source>
        <translation>表号 %1：%2（%3），请登记这次走访</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/scan_entry.py" line="64" />
        <source>Blank form %1.</source>
        <translation>空白表 %1。</translation>
    </message>
</context>
<context>
    <name>FamiliesPage</name>
    <message>
        <location filename="../../ui/families/page.py" line="80" />
        <source>Print &amp;blank forms…</source>
        <translation>打印空白走访表(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="81" />
        <source>Visit forms with no family, each with its own number</source>
        <translation>不带家庭信息的空白走访表，每张有自己的表号</translation>
    </message>
    <message>
        <location filename="../../ui/families/printing.py" line="56" />
        <source>Print blank visit forms</source>
        <translation>打印空白走访表</translation>
    </message>
    <message>
        <location filename="../../ui/families/printing.py" line="56" />
        <source>How many blank forms?</source>
        <translation>打印几张空白走访表？</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="77" />
        <source>Visit forms for the selected families, or for the registered ones in the list</source>
        <translation>选中多户时打印选中家庭的走访表，否则打印名单中全部在册家庭的走访表（可先按村或条件缩小名单）</translation>
    </message>
    <message>
        <location filename="../../ui/families/printing.py" line="64" />
        <source>No family in the list is in the register: nothing printed.</source>
        <translation>名单中没有在册的家庭，未打印。</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="260" />
        <source>A blank form: select the family in the list first, then scan again.</source>
        <translation>这是一张空白表：请先在名单中选中这户家庭，再扫码。</translation>
    </message>
</context>
<context>
    <name>ProjectsPage</name>
    <message>
        <location filename="../../ui/projects/notice_print.py" line="26" />
        <source>Print notice for the &amp;board…</source>
        <translation>打印公示名单(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/notice_print.py" line="27" />
        <source>The people paid and the amounts, to post on the notice board</source>
        <translation>已发放的人员和金额，用于张贴公示</translation>
    </message>
    <message>
        <location filename="../../ui/projects/notice_print.py" line="29" />
        <source>Print list for the notice &amp;board…</source>
        <translation>打印名单公示(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/projects/notice_print.py" line="30" />
        <source>The reported list, to post on the notice board</source>
        <translation>上报名单，用于张贴公示</translation>
    </message>
    <message>
        <location filename="../../ui/projects/notice_print.py" line="68" />
        <source>Notice list printed: %1 people.</source>
        <translation>公示名单已打印：%1 人。</translation>
    </message>
</context>
</TS>
