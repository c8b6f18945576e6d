<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnalysisCharts</name>
    <message>
        <location filename="../../ui/analysis/charts.py" line="67"/>
        <source>Visit coverage and three full coverages</source>
        <translation>走访覆盖率与三个全覆盖率</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="70"/>
        <source>No special families on the register in this period</source>
        <translation>本时段没有在册特殊家庭</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="90"/>
        <source>Visit coverage</source>
        <translation>走访覆盖率</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="90"/>
        <source>Three full coverages</source>
        <translation>三个全覆盖率</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="99"/>
        <source>Visits and money by month</source>
        <translation>每月走访次数与慰问金额</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="102"/>
        <source>No visits in this period</source>
        <translation>本时段没有走访记录</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="109"/>
        <source>Month %1</source>
        <translation>%1月</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="110"/>
        <source>Visits</source>
        <translation>走访次数</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="113"/>
        <source>Cash and goods (10 000 yuan)</source>
        <translation>慰问金及物资（万元）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="122"/>
        <source>Project funds: paid against allocated</source>
        <translation>项目资金执行（已发放 / 下拨，万元）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="125"/>
        <source>No projects in this year</source>
        <translation>本年度没有项目</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="146"/>
        <source>10 000 yuan</source>
        <translation>万元</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="152"/>
        <source>Year on year</source>
        <translation>同比变化</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="155"/>
        <source>Nothing to compare with</source>
        <translation>没有可比较的数据</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/charts.py" line="165"/>
        <source>%1 / a year earlier %2</source>
        <translation>%1 / 去年同期 %2</translation>
    </message>
</context>
<context>
    <name>AnalysisPage</name>
    <message>
        <location filename="../../ui/analysis/page.py" line="52"/>
        <source>Data analysis</source>
        <translation>数据分析</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="83"/>
        <source>Click a bar to see the records behind it.</source>
        <translation>点击图中的柱条，可查看其背后的记录清单。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="96"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="106"/>
        <source>Standard table</source>
        <translation>统计报表</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="108"/>
        <source>E&amp;xport table to Excel</source>
        <translation>导出统计表(&amp;X)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="249"/>
        <source>Export table to Excel</source>
        <translation>导出统计表</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="191"/>
        <source>%1: families not visited in %2</source>
        <translation>%1：%2尚未走访的家庭</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="192"/>
        <source>%1 of %2 registered special families have had no visit or contact in this period.</source>
        <translation>在册特殊家庭 %2 户中，本时段尚未走访或联系的有 %1 户。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="195"/>
        <location filename="../../ui/analysis/page.py" line="226"/>
        <source>Township</source>
        <translation>乡镇(街道)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="196"/>
        <location filename="../../ui/analysis/page.py" line="227"/>
        <source>Village</source>
        <translation>村(居)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="197"/>
        <source>Head of family</source>
        <translation>户主</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="198"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="199"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="200"/>
        <source>Last visit</source>
        <translation>最近走访</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="217"/>
        <source>%1: payments</source>
        <translation>%1：发放明细</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="220"/>
        <source>%1 payments, %2 yuan in all.</source>
        <translation>共发放 %1 笔，合计 %2 元。</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="225"/>
        <source>Paid on</source>
        <translation>发放日期</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="228"/>
        <source>Beneficiary</source>
        <translation>受益人</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="229"/>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="230"/>
        <source>Method</source>
        <translation>发放方式</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="249"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/page.py" line="268"/>
        <source>Table written to %1</source>
        <translation>统计表已导出到 %1</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <location filename="../../ui/analysis/parts.py" line="131"/>
        <location filename="../../ui/analysis/parts.py" line="141"/>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/parts.py" line="141"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/parts.py" line="157"/>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
</context>
<context>
    <name>FigureCard</name>
    <message>
        <location filename="../../ui/analysis/parts.py" line="74"/>
        <source>No figure for %1</source>
        <translation>%1无数据</translation>
    </message>
    <message>
        <location filename="../../ui/analysis/parts.py" line="81"/>
        <source>%1 %2 on %3</source>
        <translation>比%3 %1%2</translation>
    </message>
</context>
</TS>
