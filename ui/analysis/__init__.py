"""数据分析: the 一屏掌控 dashboard (cards, charts, drill-down lists) and the standard tables to Excel."""
