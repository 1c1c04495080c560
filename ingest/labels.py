"""Header labels of real exports beyond those the landing contract names (docs/contracts.md):
SAP ALV column titles in their short, medium and long forms, Finnish and English logon, and
SCCM/SSRS report titles.

SAP shows a column with the short (~10 chars), medium (~20) or long (~40) field label of the
data element, chosen by the column width of the user's layout; `Cost Ctr`, `Cost Center`,
`Kustp` and `Kustannuspaikka` are one field. Labels are compared normalised (`norm_label`), so
`Postg Date` and `postg. date` are the same label. No label may name two fields of one source
(tests/ingest/test_labels.py checks it), which is why e.g. `Document Date` is nowhere: it is
not the posting date. Merged into the sources' labels by `sources.py`.
"""

from __future__ import annotations

# source -> field -> extra labels ("|"-separated)
CATALOGUE: dict[str, dict[str, str]] = {
    "sap_charges": {
        "fiscal_year": "Year|Fiscal Yr|Fisc. Year|FYear|Vuosi|Tilivuosi",
        "period": "Per|Per.|Period|Posting period|Kirjauskausi|Kausi",
        "document_number": "DocumentNo|Document No.|Doc. No.|Doc. Number|Doc.no.|Tositenro|"
                           "Tosite|Tositenro.|CO-tositenro|CO document number",
        "posting_row": "Pstng row|Pstg row|Posting Row|PRw|Row|Item|Line item|Rivi|Tositerivi|"
                       "Kirjausrivi|Kirj.rivi",
        "cost_centre": "Cost Ctr|Cost Center|Cost Centre|CostCenter|Kustp|Kustp.|"
                       "Kustannuspaikka|Kust.paikka",
        "amount": "ValCOArCur|Val.in CO area crcy|Value in CO area crcy|Val/COArea Crcy|"
                  "Value COArea Crcy|Val.in Obj. Crcy|Value in Obj. Crcy|ValObjCur|ValObjCrcy|"
                  "Val.in rep.cur.|Value in report currency|ValRepCur|Arvo/KLP-valuutta|"
                  "Arvo KLP-valuutassa|Arvo/KLP-val.|ArvoKLPval|Arvo/kohdevaluutta|"
                  "Arvo kohteen valuutassa|Arvo/raport.val.|Arvo",
        "posting_date": "Postg Date|Pstng Date|Posting Date|Post. date|Kirj.pvm|Kirjauspvm|"
                        "Kirjauspäivä|Kirjauspäivämäärä",
        "activity_type": "ActTyp|Act. Type|Activity Type|Act.type|Suor.laji|Suoritelaji|"
                         "Suorite",
        "quantity": "Total qty|Total Quantity|Quantity|Qty|Kok.määrä|Kokonaismäärä|Määrä",
        "unit": "PUM|Posted unit of meas.|Posted Unit of Measure|Unit|UoM|Unit of Measure|"
                "Yks|Yks.|Yksikkö|Mittayksikkö|KirjMY",
        "cost_element": "Cost Elem.|Cost Elem|Cost Element|CElem|Cost elem.|Kustannuslaji|"
                        "KuLaji|Kust.laji|Kustlaji",
        "partner_cost_centre": "Partner-CCtr|Partner CCtr|Partner Cost Center|Partner object|"
                               "Partner Obj.|PartnerObj|Kumppanikustp|Kumppanikustp.|"
                               "Kumppanikustannuspaikka|Kumppaniobjekti|Kump.kustp",
        "text": "Text|Segment text|Segm.text|Name|Teksti|Nimitys",
        "reference_document": "RefDocNo|Ref.doc.no.|Ref. Doc. No.|Ref. document|"
                              "Reference document|Ref. Document Number|Viitetositenro|"
                              "Viitetosite|Viitetos.",
        "cost_centre_name": "Cost Center Name|Cost ctr name|Cost Ctr Name|Kustp. nimi|"
                            "Kustp.nimi|Kustannuspaikan nimi",
    },
    "sap_costs": {  # besides the labels its shared fields take from sap_charges
        "cost_element_name": "Cost element name|Cost Elem. Name|CElem name|Cost elem.descr.|"
                             "Kust.lajin nimi|Kustannuslajin nimi|Kustannuslajin teksti|"
                             "KuLajin nimi",
    },
    "sap_invoices": {
        "customer_number": "Customer|Cust.|Account|Customer number|Asiakas|Asiakasnro|"
                           "Asiakasnumero|Tili",
        "document_number": "DocumentNo|Document No.|Doc. No.|Doc..No|Doc.no.|Document Number|"
                           "Tositenro|Tositenumero",
        "document_type": "Type|Doc. Type|Doc.Type|Document Type|Tositelaji|TL|Tos.laji",
        "posting_date": "Pstng Date|Postg Date|Posting Date|Kirj.pvm|Kirjauspvm|"
                        "Kirjauspäivä",
        "amount": "Amount in DC|Amt in DC|Amount in doc. curr.|Amount in LC|Amt in loc.cur.|"
                  "Amount in local currency|Amount|Summa TV|Summa tositevaluutassa|Summa PV|"
                  "Summa paikallisvaluutassa",
        "currency": "Curr.|Crcy|Currency|Doc. currency|Valuutta|Tos.valuutta",
        "name": "Name 1|Name|Customer name|Nimi 1|Nimi|Asiakkaan nimi",
        "vat_number": "VAT Reg. No.|VAT Registration No.|VAT number|ALV-rek.nro|ALV-tunnus",
        "text": "Text|Item text|Teksti|Rivin teksti",
        "clearing_document": "Clrng doc.|Clearing doc.|Clearing Document|Tasoitustos.|"
                             "Tasoitustosite",
        "clearing_date": "Clearing|Clearing date|Clrg date|Tasoitus|Tasoituspvm|"
                         "Tasoituspäivä",
    },
    "sap_cost_centres": {
        "cost_centre": "Cost Ctr|Cost Center|Cost Centre|Kustp|Kustannuspaikka",
        "valid_from": "Valid From|Valid from|Valid-from date|Voim.alk.|Voimassa alkaen|"
                      "Alkupvm",
        "valid_to": "Valid To|Valid to|to|Valid-to date|Voim.asti|Voimassa asti|Loppupvm",
        "name": "Name|Cost Center Name|Cost ctr name|Short text|Nimi|Kustannuspaikan nimi|"
                "Lyhyt teksti",
        "hierarchy_node": "Hierarchy area|Hier.area|Std. hierarchy|Hierarkia-alue|"
                          "Hierarkiaalue",
        "department": "Department|Dept.|Osasto",
        "responsible": "Person Responsible|Person resp.|Responsible|Vastuuhenkilö|Vastuuh.",
        "locked": "Lock primary|Lock: actual primary costs|Lukitus prim.|Lukitus",
        "successor": "Successor|Seuraajakustp|Seuraaja",
        "language": "Language|Lang.|Kieli",
        "description": "Description|Long text|Kuvaus|Pitkä teksti",
    },
    "sap_headcount": {
        "extract_date": "Key date|Key Date|Poimintapäivä|Poimintapvm|Tilannepäivä",
        "cost_centre": "Cost Ctr|Cost Center|Cost Centre|Kustp|Kustannuspaikka",
        "headcount": "Headcount|Number of employees|No. of employees|Henkilöstömäärä|"
                     "Henkilömäärä|Lukumäärä",
        "fte": "FTE|Henkilötyövuodet|htv",
        "org_unit": "Org.unit|Organizational unit|Organisaatioyksikkö|Org.yksikkö",
        "org_unit_name": "Org. unit name|Organizational unit name|Org.yks. nimi",
    },
    "sccm": {
        "name": "Name0|Netbios_Name0|Name|Computer Name|Device Name|Computer|Laite",
        "hardware_id": "Hardware_ID0|Hardware ID|HardwareID",
        "last_hw_scan": "LastHWScan|Last Hardware Scan|Last HW Scan|LastHardwareScan",
        "ou": "System_OU_Name0|OU|OU Name|Organizational Unit",
        "serial_number": "SerialNumber0|Serial Number|Serial",
        "resource_id": "ResourceID|Resource ID",
        "domain": "Resource_Domain_OR_Workgr0|Domain|Full_Domain_Name0",
        "manufacturer": "Manufacturer0|Manufacturer",
        "model": "Model0|Model",
        "os": "Caption0|Operating System|OS",
        "os_version": "Version0|OS Version",
        "user_name": "User_Name0|User Name|Last Logon User",
    },
}
