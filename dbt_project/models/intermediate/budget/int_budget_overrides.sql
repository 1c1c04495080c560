-- One row per customer, activity type and line a partnership manager overrides for the
-- proposal's budget year: the newest care-plan entry (macros/budget_overrides.sql).
-- Overrides are today's decisions: they apply to the proposal only, never to a backtest.
{{ config(materialized='ephemeral') }}

with {{ budget_params_ctes(0) }},

{{ budget_override_ctes() }}

select * from overrides
