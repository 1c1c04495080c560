"""Customer register kept by the partnership managers: latest xlsx + an older csv snapshot."""

from __future__ import annotations

from . import world as W
from .writers import write_delimited, write_xlsx


def nodes(c, ccs, clos) -> str:
    if c.pays != "alloc":
        return ""
    if c.mapping == "prefix":
        return f"{c.prefix}*"
    if c.mapping == "codes":
        codes = sorted(ccs.code[ccs.cust == c.idx].tolist()
                       + clos.successor[clos.cust == c.idx].tolist())
        return ";".join(str(x) for x in codes)
    return c.node


def write(out, custs, ccs, clos, rng, fl) -> dict:
    files = {}
    hdr = ["Asiakastunnus", "Asiakkaan nimi", "Asiakastyyppi", "Segmentti",
           "Kumppanuuspäällikkö", "Yhteyshenkilö", "Potentiaaliarvo", "Y-tunnus",
           "SAP-asiakasnumero", "Kustannuspaikat", "Aliakset", "OU-polut", "Huomautukset"]
    rows = []
    for c in custs:
        ctype = c.ctype if c.idx % 2 else W.TYPE_FI[c.ctype]
        sap = c.sap_no if not c.sap_no or c.idx % 3 else f"00{c.sap_no}"
        rows.append([c.cid, c.name, ctype, c.segment, c.manager, c.contact, c.potential,
                     c.business_id, sap, nodes(c, ccs, clos), ";".join(c.aliases),
                     ";".join(c.ou_paths), "Budjettipalaveri toukokuussa" if c.idx % 7 == 0
                     else ""])
    cols = [list(x) for x in zip(*rows, strict=True)]
    name = "Asiakasrekisteri.xlsx"
    files[name] = write_xlsx(out / name, "Asiakkaat", hdr, cols,
                             extra_sheets={"Ohje": [["Päivitä segmentti ja potentiaali "
                                                     "budjettitapaamisen jälkeen."]]})
    for it in fl.items:
        if it["fault"] == "invalid_business_id":
            it["file"] = name
            it["row_number"] = int(it["key"][1:]) + 1
    # an older snapshot (a year earlier): fewer customers, older scores
    old = [r[:12] for r in rows[:-2]]
    for r in old:
        r[6] = max(1, min(10, int(r[6]) + int(rng.integers(-1, 2))))
        r[3], r[6] = str(r[3]), str(r[6])
    k = next(i for i, r in enumerate(old) if r[8])
    old[k][8] = f"{int(old[k][8]):.5E}".replace(".", ",")
    fl.add("scientific_notation_code", "register", "asiakasrekisteri_vanha.csv", row_number=k + 2,
           key=old[k][0], detail=f"SAP customer number lost to Excel: {old[k][8]}; the row "
                                 "must be quarantined (superseded by the xlsx snapshot)")
    ehdr = ["Customer ID", "Customer", "Customer type", "Segment", "Partnership manager",
            "Contact", "Potential", "Business ID", "SAP customer", "Cost centres", "Aliases",
            "OU paths"]
    files["asiakasrekisteri_vanha.csv"] = write_delimited(
        out / "asiakasrekisteri_vanha.csv", ehdr, [list(x) for x in zip(*old, strict=True)],
        sep=";", encoding="cp1252", quote=True)
    return files
