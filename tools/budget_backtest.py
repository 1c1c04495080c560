"""Print the budget method's backtest (its proposal as of an earlier month against the charges
that followed): `python -m tools.budget_backtest [--warehouse FILE]`. One line per backtest and
forecast (method vs the naive baseline)."""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

from warehouse.config import settings

SQL = """
SELECT budget_year, as_of_month, months_compared, forecast, customers, mape, wape,
       abs_error_eur, error_eur, actual_eur
FROM budget_backtest_summary
ORDER BY backtest_offset_months, forecast DESC
"""


def summary(warehouse: Path) -> list[tuple]:
    """The rows of `budget_backtest_summary`, newest backtest first."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(SQL).fetchall()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warehouse", type=Path, default=None)
    args = parser.parse_args(argv)
    path = settings(args.warehouse).warehouse
    print(f"{'year':>4} {'as of':>8} {'mo':>2} {'forecast':<8} {'cust':>4} {'MAPE':>7} "
          f"{'WAPE':>7} {'abs error €':>13} {'net error €':>13} {'actual €':>13}")
    rows = summary(path)
    for year, as_of, months, forecast, customers, mape, wape, abs_e, net_e, actual in rows:
        print(f"{year:>4} {as_of:%Y-%m} {months:>2} {forecast:<8} {customers:>4} "
              f"{mape:>7.2%} {wape:>7.2%} {abs_e:>13,.0f} {net_e:>13,.0f} {actual:>13,.0f}")
    for year in dict.fromkeys(r[0] for r in rows):
        method = next(r for r in rows if r[0] == year and r[3] == "method")
        base = next(r for r in rows if r[0] == year and r[3] == "baseline")
        print(f"{year}: MAPE {method[5] - base[5]:+.2%} points, abs € error "
              f"{float(method[7] - base[7]):+,.0f} € ({float(method[7] / base[7] - 1):+.1%}) "
              "vs baseline")


if __name__ == "__main__":
    main()
