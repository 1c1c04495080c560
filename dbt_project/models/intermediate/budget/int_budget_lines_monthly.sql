-- One row per customer, activity type, adjustment line and month of next year's budget
-- proposal (backtest_offset_months = 0): the method of macros/budget_method.sql, fed by the
-- ephemeral input models of this folder. The backtests run the same method in
-- int_budget_backtest_lines_monthly, apart, so that a saved override or price proposal (today's
-- decisions, the proposal's alone) rebuilds the proposal only.
select * from ({{ budget_method(0) }})
