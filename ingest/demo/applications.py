"""Application register ("Saabe"): full snapshots, xlsx (latest) and semicolon csv (older)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from . import world as W
from .writers import write_delimited, write_xlsx

KINDS = ["Asiakastietojärjestelmä", "Ajanvaraus", "Laskutusjärjestelmä", "Kirjastojärjestelmä",
         "Oppimisympäristö", "Varhaiskasvatuksen järjestelmä", "Paikkatietojärjestelmä",
         "Kiinteistönhallinta", "Asianhallinta", "Raportointipalvelu", "Kassajärjestelmä",
         "Henkilöstöhallinto", "Hankintajärjestelmä", "Lupapalvelu", "Kulunvalvonta"]
BRANDS = ["Aurora", "Kaari", "Virta", "Majakka", "Pilke", "Tuuli", "Louhi", "Sampo", "Kide",
          "Saari", "Ahjo", "Lyhty", "Polku", "Verso", "Kompassi", "Helmi"]
VENDORS = ["Kuntasofta Aurora Oy", "Tietoväylä Lounais Oy", "Hoivadata Saaristo Oy",
           "Oppimo Kaari Oy", "Karttakide Oy", "Lomakevirta Oy", "Virastoverkko Oy",
           "Järjestelmätalo Pohjanvirta Oy"]
MAINT = ["IT-palvelut", "Toimittaja", "Asiakas", "Jaettu"]
CRIT = ["1 Kriittinen", "2 Korkea", "3 Normaali", "4 Matala"]
MONTHS_FI = ["Tammikuu", "Helmikuu", "Maaliskuu", "Huhtikuu", "Toukokuu", "Kesäkuu", "Heinäkuu",
             "Elokuu", "Syyskuu", "Lokakuu", "Marraskuu", "Joulukuu"]
HEADERS = ["Sovellus-ID", "Sovellus", "Asiakas", "Asiakkaan kustannuspaikka", "Toimittaja",
           "Toimittajan Y-tunnus", "Ylläpitovastuu", "Kriittisyys", "Käyttäjämäärä",
           "Päivitysten määrä / vuosi", "Seuraava päivitys", "Resurssit IT:stä", "Verkko",
           "Elinkaaren vaihe", "Vuosikustannus €", "Sovellusvastaava (asiakas)", "Muokattu"]


def _users(n: int, k: int) -> str:
    return [str(n), f"n. {n:,}".replace(",", " "), f"yli {max(10, n // 100 * 100)}"][k]


def _next_update(rng, year: int) -> tuple[str, bool]:
    m = int(rng.integers(1, 13))
    k = int(rng.integers(0, 9))
    opts = [MONTHS_FI[m - 1], f"{MONTHS_FI[m - 1].lower()[:-1]}ussa {year}",
            f"vko {int(rng.integers(1, 53))}", f"Q{(m - 1) // 3 + 1}/{year}",
            f"{int(rng.integers(1, 29))}.{m}.{year}", f"kevät {year}", f"syksy {year}", "-",
            f"{int(rng.integers(1, 29))}.{m}.{year}"]
    return opts[k], k not in (4, 7, 8)


def build(custs, ccs, scale: float, tl, rng, fl) -> tuple[list[dict], dict[int, int]]:
    n = max(15, round(400 * scale))
    vend_ids = {v: W.ytunnus(W.valid_base(rng)) for v in VENDORS}
    main_cc = ccs.groupby("cust").code.min().to_dict()
    weights = np.array([{"toimiala": 12, "palvelukeskus": 3, "liikelaitos": 4, "seudullinen": 4,
                         "yhtio": 0.4, "saatio": 0.3}[c.ctype] for c in custs])
    weights = weights / weights.sum()
    apps, per_cust = [], {}
    year = tl.end_year + 1
    for i in range(n):
        k = 1 if rng.random() < 0.8 else int(rng.integers(2, 4))
        who = [int(x) for x in rng.choice(len(custs), k, replace=False, p=weights)]
        names, variant = [], False
        for ci in who:
            c = custs[ci]
            if c.aliases and rng.random() < 0.45:
                names.append(c.aliases[int(rng.integers(len(c.aliases)))])
                variant = True
            else:
                names.append(c.name)
        maint = MAINT[int(rng.choice(4, p=[0.45, 0.3, 0.1, 0.15]))]
        if maint in ("IT-palvelut", "Jaettu"):
            for ci in who:
                per_cust[ci] = per_cust.get(ci, 0) + 1
        upd, free = _next_update(rng, year)
        users = int(rng.choice([15, 40, 120, 350, 1200, 4500]) * rng.uniform(0.7, 1.3))
        cost = int(rng.integers(2, 180)) * 1000
        vendor = VENDORS[int(rng.integers(len(VENDORS)))]
        app = {
            "Sovellus-ID": f"SOV-{i + 1:04d}",
            "Sovellus": f"{BRANDS[int(rng.integers(len(BRANDS)))]} "
                        f"{KINDS[int(rng.integers(len(KINDS)))].lower()} {i + 1}",
            "Asiakas": ("; " if rng.random() < 0.5 else ", ").join(names),
            "Asiakkaan kustannuspaikka": str(main_cc.get(who[0], "")),
            "Toimittaja": vendor, "Toimittajan Y-tunnus": vend_ids[vendor],
            "Ylläpitovastuu": maint, "Kriittisyys": CRIT[int(rng.choice(4, p=[.15, .3, .4, .15]))],
            "Käyttäjämäärä": _users(users, int(rng.choice(3, p=[0.6, 0.25, 0.15]))),
            "Päivitysten määrä / vuosi": [str(u := int(rng.choice([1, 2, 4, 12]))),
                                          f"{u} krt/v", "kuukausittain" if u == 12 else
                                          f"{u} krt/v"][int(rng.integers(3))],
            "Seuraava päivitys": upd,
            "Resurssit IT:stä": f"{rng.choice([0.1, 0.2, 0.5, 1.0])} htv".replace(".", ","),
            "Verkko": ["ADAURA", "OPETUS", "Internet"][int(rng.choice(3, p=[.6, .2, .2]))],
            "Elinkaaren vaihe": ["Käytössä", "Käyttöönotto", "Poistumassa"][
                int(rng.choice(3, p=[.8, .1, .1]))],
            "Vuosikustannus €": f"{cost:,}".replace(",", " ") if rng.random() < 0.7
            else f"{cost // 1000} t€",
            "Sovellusvastaava (asiakas)": W.person(rng),
            "Muokattu": (tl.snapshot - np.timedelta64(int(rng.integers(1, 900)), "D")).item(),
            "_cust": who,
        }
        apps.append(app)
        row = i + 2
        if variant:
            fl.add("name_variant", "applications", "Saabe_sovellusrekisteri.xlsx",
                   row_number=row, detail=f"customer written as '{app['Asiakas']}'")
        if free:
            fl.add("free_text_update_date", "applications", "Saabe_sovellusrekisteri.xlsx",
                   row_number=row, detail=f"next update '{upd}'")
    return apps, per_cust


def write(out, apps: list[dict], tl, rng, fl) -> dict:
    files = {}
    hdr = HEADERS
    cols = [[a[h] for a in apps] for h in hdr]
    name = "Saabe_sovellusrekisteri.xlsx"
    files[name] = write_xlsx(out / name, "Sovellukset", hdr, cols, date_cols={len(hdr) - 1})
    # older snapshot: a year earlier, without the newest applications
    old = apps[: max(1, int(len(apps) * 0.93))]
    order = [0, 1, 2, 3, 6, 7, 8, 9, 10, 4, 5, 14, 16]
    ohdr = [hdr[i] for i in order]
    ohdr[ohdr.index("Päivitysten määrä / vuosi")] = "Päivitysväli"
    ocols = [[a[hdr[i]] for a in old] for i in order]
    mod = ocols[-1]
    ocols[-1] = [f"{d.day}.{d.month}.{d.year}" if isinstance(d, dt.date) else "" for d in mod]
    for k in rng.choice(len(old), min(3, len(old)), replace=False):
        if ocols[3][k]:
            ocols[3][k] = ocols[3][k] + ".0"
            fl.add("excel_mangled_code", "applications", "saabe_vienti.csv", row_number=k + 3,
                   detail=f"customer cost centre written as {ocols[3][k]}")
    files["saabe_vienti.csv"] = write_delimited(
        out / "saabe_vienti.csv", ohdr, ocols, sep=";", encoding="utf-8", bom=True, quote=True,
        title=["Sovellusrekisteri - vienti"])
    return files
