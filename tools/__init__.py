"""Benchmarks, the load test and the budget backtest: run from the repository root with
`python -m tools.NAME --help`. Not installed and never imported by the product."""
