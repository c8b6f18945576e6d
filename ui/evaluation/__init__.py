"""绩效评价: the indicator sheet, its drill-downs, completeness of reporting and period locks."""
