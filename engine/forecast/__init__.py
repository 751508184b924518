"""Forecast to the final target (jixiao forecast, the report's section 预测与完成可能性).

From the summaries of two or more snapshots of the same rules (each evaluated by the pipeline),
each cumulative numeric indicator gets:

- the recent rate: (last actual − previous actual) ÷ days between the last two snapshots that have
  a value for it (trend.py);
- a projected value at the next staged target date after the latest snapshot and at the end of the
  construction period (settings period.end): last actual + rate × days from the last actual's date;
- a suggested 完成目标可能性 (确定能 / 有可能 / 完全不可能) with the reason in figures (likely.py),
  beside the one staff wrote in the value table (likelihood column), flagged where they disagree.

Indicators that are not cumulative (grade, deadline, range), assessed each year (annual: true) or
rates (measure %) get no forecast: their item's "forecast" is null and "no_forecast" says why.
forecast() returns plain data (result.py documents the dict).
"""
from engine.forecast.result import forecast  # noqa: F401
