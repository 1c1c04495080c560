"""Pricing what-if: a service's new unit price or charging driver → each customer's charge.

Pure functions on `dashboard.data.pricing.pricing_base` (one row per customer over a 12-month
window).
The baseline is today's price list: `current price x billed quantity` over the window (services
are charged per billed unit today); the scenario charges `new price x the chosen driver's
quantity` over the same months; every other service stays as it was charged.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# Charging driver → the pricing_base column that holds its quantity over the window.
DRIVERS = {"billed_quantity": "billed_quantity", "active_devices": "device_months",
           "staff": "staff_months"}


@dataclass(frozen=True)
class Recovery:
    """Cost recovery (charges / cost to serve) of the customers in scope, before and after."""

    charges_eur: float
    new_charges_eur: float
    cost_to_serve_eur: float

    @property
    def before(self) -> float | None:
        return self.charges_eur / self.cost_to_serve_eur if self.cost_to_serve_eur else None

    @property
    def after(self) -> float | None:
        return self.new_charges_eur / self.cost_to_serve_eur if self.cost_to_serve_eur else None


def simulate(base: pd.DataFrame, current_price_eur: float, new_price_eur: float, driver: str
             ) -> pd.DataFrame:
    """One row per customer: current and new yearly charge for the service, change € and %,
    sorted from the biggest loser (largest increase) to the biggest winner."""
    if driver not in DRIVERS:
        raise ValueError(f"unknown charging driver {driver!r}; one of {sorted(DRIVERS)}")
    quantity = base[DRIVERS[driver]].astype(float)
    current = (base["billed_quantity"].astype(float) * float(current_price_eur)).round(2)
    result = base[["customer_id", "customer_name", "customer_type"]].copy()
    result["charged_eur"] = base["charges_eur"].astype(float)
    result["quantity"] = quantity
    result["current_eur"] = current
    result["new_eur"] = (quantity * float(new_price_eur)).round(2)
    result["change_eur"] = result["new_eur"] - current
    result["change_pct"] = result["change_eur"] / current.where(current != 0)
    return result.sort_values(["change_eur", "customer_id"], ascending=[False, True],
                              ignore_index=True)


def recovery(base: pd.DataFrame, simulated: pd.DataFrame) -> Recovery:
    """Cost recovery before and after the change, over the same customers and months."""
    charges = float(base["total_charges_eur"].sum())
    return Recovery(
        charges_eur=charges,
        new_charges_eur=charges + float(simulated["change_eur"].sum()),
        cost_to_serve_eur=float(base["total_cost_eur"].sum()),
    )


def winners_and_losers(simulated: pd.DataFrame, tolerance_eur: float = 0.5) -> dict[str, int]:
    """How many customers pay more, less, or (within the tolerance) the same."""
    change = simulated["change_eur"]
    return {"losers": int((change > tolerance_eur).sum()),
            "winners": int((change < -tolerance_eur).sum()),
            "unchanged": int((change.abs() <= tolerance_eur).sum())}
