"""The fictional city of Aurajoki: customers, cost centres, people (thesis chapter 3 model)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

CITY = "Aurajoen kaupunki"
IT_CENTRE = "ICT-palvelut"
IT_PREFIX = "1310"
ADMIN_DOMAIN, EDU_DOMAIN = "ADAURA", "OPETUS"
ADMIN_ROOT, EDU_ROOT = "ADAURA.LOCAL/KAUPUNKI", "OPETUS.LOCAL/KOULUT"
MANAGERS = ["Anneli Kallioinen", "Markku Vesterinen", "Tiina Rautalahti", "Jari Lehmusvaara",
            "Sari Koivuniemi"]
# activity type -> sender (IT centre) cost centre and secondary cost element
SENDER = {"PROJPP": 1310210, "ASIANT": 1310220, "TYOAS": 1310310, "PUHEL": 1310320,
          "SOVELL": 1310410, "VERKKO": 1310510, "TUKI": 1310610}
COST_ELEMENT = {"PROJPP": 49110000, "ASIANT": 49110100, "TYOAS": 49120000, "PUHEL": 49120100,
                "SOVELL": 49130000, "VERKKO": 49140000, "TUKI": 49150000}
IT_CCS = {1310100: "ICT hallinto", 1310110: "Kumppanuushallinta", 1310210: "Projektit",
          1310220: "Ratkaisupalvelut", 1310310: "Laitepalvelut", 1310320: "Puhepalvelut",
          1310410: "Sovelluspalvelut", 1310510: "Tietoliikenne", 1310610: "Käyttäjätuki"}
UNMAPPED_CCS = {2990001: "Selvitettävät kulut", 2990002: "Vanha projekti"}

FIRST = ["Anna", "Mikko", "Laura", "Juha", "Johanna", "Timo", "Kaisa", "Petri", "Elina", "Antti",
         "Riikka", "Ville", "Heidi", "Janne", "Minna", "Tuomas", "Hanna", "Sami", "Outi", "Pekka",
         "Satu", "Harri", "Noora", "Kari", "Paula", "Jussi", "Emilia", "Olli"]
LAST = ["Mäkelä", "Niemistö", "Hakala", "Salokangas", "Laaksonen", "Heikura", "Ruohonen",
        "Kettunen", "Aaltonen", "Jokivaara", "Nurmela", "Peltonen", "Vainikka", "Lindroos",
        "Kuusisto", "Halme", "Saarinen", "Toivola", "Mattsson", "Uotila", "Rantanen", "Kivelä"]

# (id-stem, name, short/abbreviation, ou name, hierarchy node, target staff, segment, edu share)
DIVISIONS = [
    ("KOHA", "Konsernihallinto", "Konsernihallinto", "KONSERNIHALLINTO", 900, 5, 0.0),
    ("HYTO", "Hyvinvointitoimiala", "Hyvinvointi", "HYVINVOINTI", 4200, 1, 0.0),
    ("KASKO", "Kasvatuksen ja opetuksen toimiala", "Kasvatus- ja opetus", "KASVATUS JA OPETUS",
     4300, 2, 0.8),
    ("VATO", "Vapaa-aikatoimiala", "Vapaa-aika", "VAPAA-AIKA", 1000, 1, 0.1),
    ("YMPA", "Ympäristötoimiala", "Ympäristö", "YMPARISTO", 700, 3, 0.0),
    ("KITO", "Kiinteistötoimiala", "Kiinteistö", "KIINTEISTO", 900, 3, 0.0),
]
SERVICE_CENTRES = [
    ("HEPA", "Henkilöstöpalvelukeskus", "Henkilöstöpalvelut", 350, 5),
    ("HALO", "Hankinta- ja logistiikkakeskus", "Hankinta ja logistiikka", 200, 3),
    ("MATKA", "Matkailun palvelukeskus", "Matkailu", 40, 3),
    ("SEKE", "Seudun kehittämiskeskus", "Kehittämiskeskus", 60, 5),
    ("VELKA", "Velkaneuvonta", "Velkaneuvonta", 30, 5),
    ("TYTE", "Työterveyskeskus", "Työterveys", 220, 1),
]
ENTERPRISES = [("VESI", "Aurajoen Vesi -liikelaitos", "Aurajoen Vesi", 190),
               ("PYSA", "Aurajoen Pysäköinti -liikelaitos", "Pysäköintiliikelaitos", 150)]
REGIONAL = [("PELA", "Lounaisrannikon pelastuslaitos", "Pelastuslaitos", 450, "alloc"),
            ("JOLI", "Aurajokilaakson joukkoliikenne", "Joukkoliikenne", 150, "invoice")]
CO_PREFIX = ["Aurajoen", "Aurajokilaakson", "Lounaisrannikon", "Kaupungin", "Jokisuun",
             "Linnanmäen", "Satamakaupungin", "Varvin", "Ruissalon", "Kupittaan"]
CO_WORDS = ["Satama", "Energia", "Vuokrakodit", "Messukeskus", "Musiikkitalo", "Kiinteistöt",
            "Teknologiakeskus", "Jäähalli", "Ruokapalvelut", "Tilapalvelut", "Kehitys",
            "Liikuntapaikat", "Kylpylä", "Urheilupuisto", "Kaukolämpö", "Vesihuolto",
            "Kongressitalo", "Pesulapalvelut", "Kuljetus", "Seniorikodit", "Opiskelija-asunnot",
            "Tiedepuisto", "Elokuvakeskus", "Kauppahalli", "Pysäköintitalot", "Telakka-alue",
            "Laboratoriopalvelut", "Matkakeskus", "Kiertotalous", "Teatteri"]
FOUNDATIONS = ["Aurajoen Taidemuseosäätiö", "Kaupunginorkesterin säätiö sr",
               "Aurajoen Kulttuurisäätiö", "Lounaisrannikon Tiedesäätiö sr",
               "Jokisuun Nuorisosäätiö", "Aurajoen Vanhustentalosäätiö sr",
               "Linnanmäen Kartanosäätiö", "Aurajoen Musiikkiopiston säätiö",
               "Ruissalon Luontosäätiö sr"]
TYPE_FI = {"toimiala": "toimiala", "palvelukeskus": "palvelukeskus", "liikelaitos": "liikelaitos",
           "seudullinen": "seudullinen toimija", "yhtio": "konserniyhtiö", "saatio": "säätiö"}


def ytunnus(base7: int, valid: bool = True) -> str:
    """Finnish business id with mod-11 check digit (weights 7,9,10,5,8,4,2)."""
    digits = [int(c) for c in f"{base7:07d}"]
    r = sum(d * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    check = 0 if r == 0 else 11 - r
    if not valid:
        check = (check + 3) % 10
    return f"{base7:07d}-{check}"


def ytunnus_ok(text: str) -> bool:
    if len(text) != 9 or text[7] != "-" or not (text[:7] + text[8]).isdigit():
        return False
    r = sum(int(c) * w for c, w in zip(text[:7], (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return r != 1 and int(text[8]) == (0 if r == 0 else 11 - r)


def valid_base(rng: np.random.Generator) -> int:
    while True:
        b = int(rng.integers(1_000_000, 3_300_000))
        r = sum(int(c) * w for c, w in zip(f"{b:07d}", (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        if r != 1:
            return b


def person(rng: np.random.Generator) -> str:
    return f"{FIRST[rng.integers(len(FIRST))]} {LAST[rng.integers(len(LAST))]}"


@dataclass
class Customer:
    idx: int
    cid: str
    name: str
    ctype: str
    segment: int
    short: str
    stem: str
    staff: int  # target staff at scale 1 (companies: notional, not in HR)
    pays: str  # alloc | invoice
    edu_share: float = 0.0
    ou_name: str = ""
    manager: str = ""
    contact: str = ""
    potential: int = 5
    business_id: str = ""
    sap_no: str = ""
    node: str = ""
    mapping: str = "node"  # node | prefix | codes
    prefix: str = ""
    aliases: list[str] = field(default_factory=list)
    ou_paths: list[str] = field(default_factory=list)
    growth: float = 0.0


def build_customers(rng: np.random.Generator, fl) -> list[Customer]:
    cs: list[Customer] = []

    def add(**kw) -> Customer:
        c = Customer(idx=len(cs), cid=f"A{len(cs) + 1:03d}", **kw)
        cs.append(c)
        return c

    for stem, name, short, ou, staff, seg, edu in DIVISIONS:
        c = add(name=name, ctype="toimiala", segment=seg, short=short, stem=stem, staff=staff,
                pays="alloc", edu_share=edu, ou_name=ou)
        c.aliases = [short, stem, name[:20]]
    for stem, name, short, staff, seg in SERVICE_CENTRES:
        c = add(name=name, ctype="palvelukeskus", segment=seg, short=short, stem=stem,
                staff=staff, pays="alloc", ou_name=short.upper())
        c.aliases = [short, name[:20]] if len(name) > 20 else [short]
    for stem, name, short, staff in ENTERPRISES:
        c = add(name=name, ctype="liikelaitos", segment=3, short=short, stem=stem, staff=staff,
                pays="alloc", ou_name=short.upper())
        c.aliases = [short, name.replace(" -liikelaitos", " liikelaitos"), name[:20]]
    for stem, name, short, staff, pays in REGIONAL:
        c = add(name=name, ctype="seudullinen", segment=3 if stem == "PELA" else 4, short=short,
                stem=stem, staff=staff, pays=pays, ou_name=short.upper())
        c.aliases = [short, name[:20]]
    combos = [(p, w) for w in CO_WORDS for p in CO_PREFIX]
    order = rng.permutation(len(combos))
    used_words: set[str] = set()
    picked = []
    for k in order:  # prefer distinct business words
        p, w = combos[k]
        if w not in used_words or len(used_words) == len(CO_WORDS):
            used_words.add(w)
            picked.append((p, w))
        if len(picked) == 75:
            break
    for p, w in picked:
        suffix = "Oy Ab" if rng.random() < 0.12 else "Oy"
        name = f"{p} {w} {suffix}"
        staff = int(rng.integers(5, 300))
        c = add(name=name, ctype="yhtio", segment=4, short=f"{p} {w}",
                stem=(p[:3] + w[:4]).upper().replace("Ä", "A").replace("Ö", "O"),
                staff=staff, pays="invoice", ou_name=(p[:3] + w[:4]).upper())
        c.aliases = [f"{p} {w}", name.upper(), name[:20]] if len(name) > 20 else [f"{p} {w}"]
    for name in FOUNDATIONS:
        c = add(name=name, ctype="saatio", segment=4, short=name.replace(" sr", ""),
                stem=name[:8].upper().replace(" ", ""), staff=int(rng.integers(3, 60)),
                pays="invoice", ou_name=name.split()[1][:8].upper())
        c.aliases = [name.replace(" sr", "")] if name.endswith(" sr") else [name[:20]]
    taken: set[str] = set()
    for c in cs:
        c.aliases = list(dict.fromkeys(a for a in c.aliases if a and a != c.name))
        c.ou_name = (c.ou_name.replace("Ä", "A").replace("Ö", "O").replace("Å", "A"))
        # Two customers never share an OU: an IT admin would number the second one.
        base, n = c.ou_name, 2
        while c.ou_name in taken:
            c.ou_name, n = f"{base}{n}", n + 1
        taken.add(c.ou_name)
        seg_mgr = MANAGERS[c.segment - 1]
        c.manager = seg_mgr if c.segment != 4 else MANAGERS[int(rng.integers(5))]
        if c.ctype in ("toimiala", "palvelukeskus") and rng.random() < 0.25:
            c.manager = MANAGERS[int(rng.integers(5))]
        c.contact = person(rng)
        c.potential = int(np.clip(round(rng.normal(5.5, 1.8)), 1, 10))
        c.growth = float(rng.normal(0.01, 0.025))
        if c.pays == "invoice":
            c.sap_no = str(10_000_000 + int(rng.integers(1000, 99999)) * 10 + c.idx % 10)
        if c.ctype in ("yhtio", "saatio") or c.stem == "JOLI":
            c.business_id = ytunnus(valid_base(rng))
        c.node = f"{c.stem}_{c.ctype.upper()}" if c.pays == "alloc" else ""
        if c.ctype == "toimiala":
            c.ou_paths = [f"{ADMIN_ROOT}/{c.ou_name}"]
            if c.edu_share:
                c.ou_paths.append(f"{EDU_ROOT}/{c.ou_name}")
        elif c.ctype in ("palvelukeskus",) and c.stem == "TYTE":  # nested: deepest path wins
            c.ou_paths = [f"{ADMIN_ROOT}/KONSERNIHALLINTO/{c.ou_name}"]
        elif c.ctype in ("palvelukeskus", "liikelaitos", "seudullinen"):
            c.ou_paths = [f"{ADMIN_ROOT}/{c.ou_name}"]
        else:
            c.ou_paths = [f"ADAURA.LOCAL/YHTIOT/{c.ou_name}"]
    # invalid business ids on purpose
    bad = [c for c in cs if c.business_id][::23][:4]
    for c in bad:
        c.business_id = ytunnus(int(c.business_id[:7]), valid=False)
        fl.add("invalid_business_id", "register", "", key=c.cid,
               detail=f"business_id {c.business_id} has a wrong check digit")
    return cs


def code_blocks(c: Customer, k: int) -> int:
    """First cost-centre code of customer c's range."""
    if c.ctype == "toimiala":
        return 2_000_000 + (k + 1) * 100_000 + 1000
    if c.ctype == "palvelukeskus":
        return 1_320_000 + k * 10_000
    if c.ctype == "liikelaitos":
        return 4_100_000 + k * 100_000
    return 5_100_000 + k * 100_000


def build_cost_centres(custs: list[Customer], scale: float, rng: np.random.Generator
                       ) -> pd.DataFrame:
    """One row per customer cost centre: code, customer, staff at the latest extract."""
    rows = []
    counters: dict[str, int] = {}
    for c in custs:
        if c.pays != "alloc":
            continue
        k = counters.get(c.ctype, 0)
        counters[c.ctype] = k + 1
        base = code_blocks(c, k)
        staff = max(3, round(c.staff * scale))
        n = max(1, round(staff / 9))
        w = rng.lognormal(0, 0.6, n)
        alloc = np.floor(w / w.sum() * staff).astype(int)
        alloc[np.argsort(-w)[: staff - alloc.sum()]] += 1
        step = 10 if c.ctype != "palvelukeskus" else 1
        units = ["hallinto", "palvelut", "toimisto", "yksikkö", "tiimi", "alue", "tuki"]
        for j in range(n):
            edu = c.edu_share > 0 and j >= n * (1 - c.edu_share)
            unit = f"{c.short} {units[j % len(units)]} {j // len(units) + 1}"
            rows.append((base + j * step, c.idx, int(alloc[j]), unit, edu))
    df = pd.DataFrame(rows, columns=["code", "cust", "staff", "name", "edu"])
    # mapping styles: services centres by prefix, regional bodies by explicit code list
    for c in custs:
        if c.ctype == "palvelukeskus":
            c.mapping, c.prefix = "prefix", str(df.code[df.cust == c.idx].iloc[0])[:4]
        elif c.ctype == "seudullinen" and c.pays == "alloc":
            c.mapping = "codes"
    return df
