"""fi/en labels of profitability on actual costs: the cost basis, the whale curve's peak, the
loss-makers and their drivers, cost recovery and break-even prices, the trend and who
subsidises whom."""

from __future__ import annotations

COSTS_LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "basis_actual": "toteutuneet kustannukset",
        "basis_catalogue": "luettelohinnan kustannukset",
        "basis_mixed": "osin luettelohinnan kustannukset",
        "basis_note_actual": "Kustannukset: IT-palvelujen toteutuneet kustannukset (SAP, omat"
        " kustannuspaikat), kohdistettu asiakkaille kunkin palvelun ajurin mukaan.",
        "basis_note_catalogue": "Kustannukset: luettelohinnan kustannukset (palveluluettelon"
        " yksikkökustannus × ajuri). Toteutuneita kustannuksia (kansio sap_costs/) ei ole ladattu.",
        "basis_note_mixed": "Kustannukset: osin luettelohinnan kustannukset – toteutuneet"
        " kustannukset puuttuvat osalta kuukausista.",
        "whale_peak_label": "Huippu {pct} ({n} asiakasta)",
        "whale_peak_caption": "{n} kannattavinta asiakasta ({share} asiakkaista) tuottaa {pct}"
        " koko katteesta; loput syövät yli 100 %:n osan.",
        "loss_title": "Tappiolliset asiakkaat ja syy",
        "loss_caption": "Syy = palvelu, jonka kustannus ylittää eniten sen, mitä asiakas siitä"
        " maksaa; ajuri kertoo, minkä mukaan palvelun kustannus on kohdistettu.",
        "loss_none": "Ei tappiollisia asiakkaita valitulla jaksolla.",
        "loss_pick": "Asiakkaan erittely",
        "loss_breakdown_caption": "Mitä asiakas maksaa kustakin palvelusta ja mitä se maksaa"
        " keskukselle (ajurin määrä kuukaudessa × kustannus yksikköä kohden).",
        "recovery_title": "Kustannusten kattavuus palveluittain",
        "recovery_caption": "Veloitukset ÷ kustannukset valitulla jaksolla; sisäinen"
        " palvelukeskus tavoittelee 100 %. Yli 100 %: palvelu maksaa muiden kuluja, alle: muut"
        " maksavat sen kuluja.",
        "axis_recovery": "Kattavuus",
        "cost_trend_title": "Veloitukset, kustannukset ja kate kuukausittain (24 kk)",
        "trend_charges": "Veloitukset",
        "trend_cost": "Kustannukset",
        "trend_margin": "Kate",
        "subsidy_title": "Kuka maksaa kenenkin kulut (12 kk)",
        "subsidy_caption": "{services} palvelua ja {customers} asiakasta maksaa enemmän kuin"
        " aiheuttaa kustannuksia; niiden ylijäämä {surplus} kattaa muiden alijäämää {deficit}.",
        "role_pays_more": "maksaa enemmän",
        "role_pays_less": "maksaa vähemmän",
        "role_even": "omakustannus",
        "driver_application_effort": "Sovellusten IT-työ (htv)",
        "driver_aged_devices": "Laitteet iän mukaan",
        "driver_customers": "Asiakas (kiinteä osuus)",
        "actual_rate_line": "Toteutunut kustannus {cost} / {unit} (kannattavuusraja),"
        " kattavuus {recovery} (12 kk).",
        "break_even_title": "Kannattavuusrajan hinnat palveluittain (12 kk)",
        "unallocated_caption": "Kohdistamatta {eur}: {reasons}.",
        "unallocated_no_pool": "ei kustannuspoolia",
        "unallocated_share_not_assigned": "poolin jakamaton osuus",
        "unallocated_no_driver_quantity": "ei ajurin määrää",
        "col_allocation_driver": "Kohdistusajuri",
        "col_worst_charges_eur": "Maksaa siitä",
        "col_worst_cost_eur": "Sen kustannus",
        "col_rate_eur": "Kustannus / yksikkö",
        "col_recovery_pct": "Kattavuus",
        "col_break_even_price_eur": "Kannattavuusraja",
        "col_unit_price_eur": "Nykyinen hinta",
        "col_cost_eur": "Kustannus",
        "col_surplus_eur": "Yli- / alijäämä",
        "col_role": "Rooli",
        "col_share_pct": "Osuus",
        "col_service": "Palvelu",
        "plan_header_cost_basis": "Kustannusperuste",
    },
    "en": {
        "basis_actual": "actual costs",
        "basis_catalogue": "catalogue costs",
        "basis_mixed": "partly catalogue costs",
        "basis_note_actual": "Costs: the IT centre's actual costs (SAP, its own cost centres),"
        " allocated to customers by each service's driver.",
        "basis_note_catalogue": "Costs: catalogue costs (the catalogue's unit cost × driver)."
        " No actual costs (landing folder sap_costs/) have been loaded.",
        "basis_note_mixed": "Costs: partly catalogue costs – actual costs are missing for some"
        " months.",
        "whale_peak_label": "Peak {pct} ({n} customers)",
        "whale_peak_caption": "The {n} most profitable customers ({share} of them) earn {pct} of"
        " the total margin; the others eat up the part above 100 %.",
        "loss_title": "Loss-making customers and why",
        "loss_caption": "Why = the service whose cost most exceeds what the customer pays for"
        " it; the driver is what the service's cost is allocated by.",
        "loss_none": "No loss-making customers in the period.",
        "loss_pick": "Breakdown of",
        "loss_breakdown_caption": "What the customer pays for each service against what it"
        " costs the centre (driver quantity a month × cost per unit).",
        "recovery_title": "Cost recovery by service",
        "recovery_caption": "Charges ÷ cost over the period; an internal service centre aims at"
        " 100 %. Above 100 %: the service pays for others; below: others pay for it.",
        "axis_recovery": "Recovery",
        "cost_trend_title": "Charges, cost and margin by month (24 months)",
        "trend_charges": "Charges",
        "trend_cost": "Cost",
        "trend_margin": "Margin",
        "subsidy_title": "Who subsidises whom (12 months)",
        "subsidy_caption": "{services} services and {customers} customers pay more than they"
        " cost; their surplus {surplus} covers the others' deficit {deficit}.",
        "role_pays_more": "pays more",
        "role_pays_less": "pays less",
        "role_even": "at cost",
        "driver_application_effort": "IT effort on applications (person-years)",
        "driver_aged_devices": "Devices by age",
        "driver_customers": "Customer (fixed share)",
        "actual_rate_line": "Actual cost {cost} per {unit} (break-even), recovery {recovery}"
        " (12 months).",
        "break_even_title": "Break-even prices by service (12 months)",
        "unallocated_caption": "Unallocated {eur}: {reasons}.",
        "unallocated_no_pool": "no cost pool",
        "unallocated_share_not_assigned": "pool share not assigned",
        "unallocated_no_driver_quantity": "no driver quantity",
        "col_allocation_driver": "Allocation driver",
        "col_worst_charges_eur": "Pays for it",
        "col_worst_cost_eur": "It costs",
        "col_rate_eur": "Cost per unit",
        "col_recovery_pct": "Recovery",
        "col_break_even_price_eur": "Break-even price",
        "col_unit_price_eur": "Current price",
        "col_cost_eur": "Cost",
        "col_surplus_eur": "Surplus / deficit",
        "col_role": "Role",
        "col_share_pct": "Share",
        "col_service": "Service",
        "plan_header_cost_basis": "Cost basis",
    },
}
