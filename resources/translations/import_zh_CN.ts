<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ImportWizard</name>
    <message>
        <source> (hidden)</source>
        <translation>（隐藏）</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>A column is chosen for two fields: each column can hold one.</source>
        <translation>同一列被指定给了两个字段：每一列只能对应一个字段。</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>正在逐行检查…</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Choose the sheet</source>
        <translation>选择工作表</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列对应关系</translation>
    </message>
    <message>
        <source>Excel (.xlsx, .xls), WPS saved as .xlsx, OpenOffice (.ods) or CSV.</source>
        <translation>可以导入 Excel（.xlsx、.xls）、WPS 另存的 .xlsx、OpenOffice/LibreOffice（.ods）和 CSV 文件。</translation>
    </message>
    <message>
        <source>Header in row</source>
        <translation>表头所在行</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>表头</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入%1</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Leave out rows hidden in the sheet</source>
        <translation>不导入表格中隐藏的行</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>No row can be imported: correct the problems in the file first.</source>
        <translation>没有可以导入的行：请先在表格中改正所列问题。</translation>
    </message>
    <message>
        <source>Nothing written yet: %1</source>
        <translation>尚未写入：%1</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Save &amp;report…</source>
        <translation>保存报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xls *.ods *.csv *.et)</source>
        <translation>表格文件 (*.xlsx *.xls *.ods *.csv *.et)</translation>
    </message>
    <message>
        <source>The row holding the column names (titles and 填报单位 lines above it are skipped).</source>
        <translation>列名所在的行（其上方的标题和“填报单位”等行不导入）。</translation>
    </message>
    <message>
        <source>Which column holds what. Corrections are remembered for files laid out the same way.</source>
        <translation>每个字段在哪一列。修改后会记住，下次导入表头相同的文件时自动使用。</translation>
    </message>
</context>
<context>
    <name>FamiliesPage</name>
    <message>
        <location filename="../../ui/families/page.py" line="84" />
        <source>&amp;Import roster…</source>
        <translation>导入花名册(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/families/page.py" line="85" />
        <source>Families from a county's Excel or CSV roster, with a report</source>
        <translation>从本县的 Excel 或 CSV 花名册导入家庭，并生成问题报告</translation>
    </message>
</context>
</TS>
