<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>EvaluationPage</name>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>%1 is not a share of records: see the divisions</source>
        <translation>%1不是按记录计算的比例：请看左侧各区划</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>%1 · %2: %3 met, %4 not met. Click a value: its records; a result: who falls short.</source>
        <translation>%1 · %2：达标 %3 项，未达标 %4 项。点数值看其背后的记录，点达成情况看未达标的区划和家庭。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>%1: %2 divisions below miss the target (double-click one to open its sheet)</source>
        <translation>%1：下级有 %2 个区划未达标（双击打开该区划的指标表）</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>%1: %2 records to work through</source>
        <translation>%1：待落实的记录 %2 条</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>%1: the %2 records counted</source>
        <translation>%1：计入的记录 %2 条</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>&amp;Back up a level</source>
        <translation>返回本级(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>&amp;Export to Excel…</source>
        <translation>导出 Excel(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>&amp;Lock period…</source>
        <translation>锁定期间(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>&amp;Unlock…</source>
        <translation>解锁(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Bundles</source>
        <translation>同步文件数</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Denominator</source>
        <translation>分母</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Division</source>
        <translation>区划</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>E&amp;xport to Excel…</source>
        <translation>导出 Excel(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Expor&amp;t to Excel…</source>
        <translation>导出 Excel(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Exported %1 rows.</source>
        <translation>已导出 %1 行。</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Indicator sheet</source>
        <translation>绩效指标表</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Last merged</source>
        <translation>最近合并</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Last written</source>
        <translation>最近报送文件生成时间</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Locked at</source>
        <translation>锁定时间</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Locked by</source>
        <translation>锁定人</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Locks of this division and above</source>
        <translation>本级及上级的期间锁定</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Missing bundles</source>
        <translation>缺失文件</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Not met</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Numerator</source>
        <translation>分子</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>P&amp;rint…</source>
        <translation>打印(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Performance evaluation</source>
        <translation>绩效评价</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Period locks</source>
        <translation>期间锁定</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Period:</source>
        <translation>统计期间：</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Pri&amp;nt…</source>
        <translation>打印(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Reason for unlocking:</source>
        <translation>解锁原因：</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Records behind the value</source>
        <translation>数值背后的记录</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Reporting</source>
        <translation>报送情况</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Reporting: %1 of %2 have sent the whole period</source>
        <translation>报送情况：%2 个下级中已有 %1 个报送了整个期间的数据</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Result</source>
        <translation>达成情况</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Short of the target</source>
        <translation>未达标</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Status</source>
        <translation>报送状态</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/page.py" line="1" />
        <source>Unlock period</source>
        <translation>解锁期间</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Unlock reason</source>
        <translation>解锁原因</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Unlocked</source>
        <translation>已解锁</translation>
    </message>
    <message>
        <location filename="../../ui/evaluation/tables.py" line="1" />
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
</TS>
