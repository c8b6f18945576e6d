<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <name>QFileSystemModel</name>
        <message>
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <source>Computer</source>
            <translation>计算机</translation>
        </message>
    </context>
    <context>
        <name>RevealSaved</name>
        <message>
            <source>The search and filters were cleared to show the record just saved.</source>
            <translation>已清除搜索和筛选条件，以显示刚保存的记录。</translation>
        </message>
    </context>
    <context>
        <name>FamiliesPage</name>
        <message>
            <source>Saved: the visit to the family of %1</source>
            <translation>已保存：%1 家的走访记录</translation>
        </message>
        <message>
            <source>Saved: the family of %1, file no. %2</source>
            <translation>已保存：%1 家，档案编号 %2</translation>
        </message>
    </context>
    <context>
        <name>NewPassphraseDialog</name>
        <message>
            <source>at least 8 characters</source>
            <translation>至少 8 位</translation>
        </message>
        <message>
            <source>The passphrase protects this computer's device keys; keep it safe.</source>
            <translation>口令保护本机的设备密钥，请妥善保管。</translation>
        </message>
        <message>
            <source>&amp;Passphrase:</source>
            <translation>口令(&amp;P)：</translation>
        </message>
        <message>
            <source>&amp;Again:</source>
            <translation>再输一遍(&amp;A)：</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>S&amp;witch user…</source>
            <translation>切换用户(&amp;W)…</translation>
        </message>
        <message>
            <source>Sign o&amp;ut</source>
            <translation>注销(&amp;U)</translation>
        </message>
    </context>
    <context>
        <name>GeneralSection</name>
        <message>
            <source>blank: numbered by the county's rule</source>
            <translation>留空则按县里的规则自动编号</translation>
        </message>
    </context>
    <context>
        <name>NumberingPanel</name>
        <message>
            <source>File numbers of new families</source>
            <translation>新家庭的档案编号</translation>
        </message>
        <message>
            <source>A family saved with a blank file no. gets one by this rule: {county}, {township} or {village} (its division code), {year}, and {seq:4} (a running number of 4 digits).</source>
            <translation>档案编号留空的新家庭按此规则编号：{county} 县、{township} 乡镇、{village} 村的区划代码，{year} 登记年份，{seq:4} 4 位流水号。</translation>
        </message>
        <message>
            <source>The county sets this rule; it arrives with the county's setup package.</source>
            <translation>此规则由县级设定，随县里下发的配置包送达。</translation>
        </message>
        <message>
            <source>Numbering rule</source>
            <translation>编号规则</translation>
        </message>
        <message>
            <source>Save ru&amp;le</source>
            <translation>保存规则(&amp;L)</translation>
        </message>
        <message>
            <source>The first family of the year: %1</source>
            <translation>本年第一户：%1</translation>
        </message>
        <message>
            <source>Saved. Setup packages issued from now on carry this rule to the townships.</source>
            <translation>已保存。此后下发的配置包会把此规则带给各乡镇。</translation>
        </message>
    </context>
</TS>
