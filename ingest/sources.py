"""What each landing folder must contain: fields, accepted header labels, kinds (the landing
contract, docs/contracts.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ingest.headers import (  # noqa: F401  (the matching API, also imported from here)
    EXTRACT_DATE_LABELS,
    best_source,
    label_index,
    map_headers,
    norm_label,
    score,
)
from ingest.labels import CATALOGUE

KINDS = ("text", "amount", "quantity", "date", "code", "int")


@dataclass(frozen=True)
class Field:
    """One canonical column: its name, the header labels accepted for it, and how it types."""

    name: str
    labels: tuple[str, ...]
    required: bool = False
    kind: str = "text"


@dataclass(frozen=True, eq=False)
class Source:
    """One landing folder: its fields, natural key (SQL over the raw table) and sheet names.
    Compared and hashed by identity: the label caches of headers.py are keyed by it, and a
    site's labels make new Source objects (`with_site_labels`)."""

    name: str
    fields: tuple[Field, ...]
    snapshot: bool = False
    sheet_names: tuple[str, ...] = ()
    null_literals: tuple[str, ...] = ()
    digit_suffixes: bool = False
    natural_key: tuple[str, ...] = field(default=())

    @property
    def table(self) -> str:
        return f"raw_{self.name}"

    @property
    def columns(self) -> list[str]:
        """The raw table's columns, all VARCHAR."""
        names = [f.name for f in self.fields if f.name != "extract_date"]
        return ["load_id", "file_name", "row_number", "extract_date", *names, "extra_columns"]


def F(name: str, labels: str, required: bool = False, kind: str = "text") -> Field:
    return Field(name, tuple(s.strip() for s in labels.split("|") if s.strip()), required, kind)


SAP_CHARGES = Source("sap_charges", (
    F("fiscal_year", "Tilikausi|Fiscal Year|GJAHR", True, "int"),
    F("period", "Kausi|Period|PERIO", True, "int"),
    F("document_number", "Tositenumero|Document Number|BELNR", True, "code"),
    F("posting_row", "Tositerivi|Posting row|BUZEI", True, "code"),
    F("cost_centre", "Kustannuspaikka|Cost Center|KOSTL", True, "code"),
    F("amount", "Arvo/KLP-valuutta|Val/COArea Crcy|WKGBTR|Summa|Amount", True, "amount"),
    F("posting_date", "Kirjauspvm|Kirjauspäivämäärä|Posting Date|BUDAT", True, "date"),
    F("activity_type", "Suoritelaji|Activity Type|LSTAR"),
    F("quantity", "Kokonaismäärä|Määrä|Total Quantity|MBGBTR", kind="quantity"),
    F("unit", "Mittayksikkö|Unit of Measure|MEINB"),
    F("cost_element", "Kustannuslaji|Cost Element|KSTAR", kind="code"),
    F("partner_cost_centre", "Kumppanikustp|Partner-CCtr|PAROB", kind="code"),
    F("text", "Teksti|Name|SGTXT"),
    F("reference_document", "Viitetositenro|Ref. Document Number|REFBN"),
    F("cost_centre_name", "Kustannuspaikan nimi"),
), sheet_names=("KSB1",), natural_key=(
    "trim(fiscal_year)", "norm_code(document_number)", "norm_code(posting_row)"))

# The IT centre's own actual costs: a KSB1 line-item list on its own (sender) cost centres,
# primary cost elements (wages, licences, hardware, rents, purchased services). The same SAP
# list as the charges, so the shared fields take the charges' labels (`_catalogue`).
SAP_COSTS = Source("sap_costs", (
    F("fiscal_year", "Tilikausi|Fiscal Year|GJAHR", True, "int"),
    F("period", "Kausi|Period|PERIO", True, "int"),
    F("document_number", "Tositenumero|Document Number|BELNR", True, "code"),
    F("posting_row", "Tositerivi|Posting row|BUZEI", True, "code"),
    F("cost_centre", "Kustannuspaikka|Cost Center|KOSTL", True, "code"),
    F("cost_element", "Kustannuslaji|Cost Element|KSTAR", True, "code"),
    F("amount", "Arvo/KLP-valuutta|Val/COArea Crcy|WKGBTR|Summa|Amount", True, "amount"),
    F("posting_date", "Kirjauspvm|Kirjauspäivämäärä|Posting Date|BUDAT", True, "date"),
    F("cost_element_name", "Kustannuslajin nimi|Cost Element Name|Cost element descr."),
    F("text", "Teksti|Name|SGTXT"),
    F("reference_document", "Viitetositenro|Ref. Document Number|REFBN"),
    F("cost_centre_name", "Kustannuspaikan nimi"),
), sheet_names=("KSB1",), natural_key=(
    "trim(fiscal_year)", "norm_code(document_number)", "norm_code(posting_row)"))

SAP_INVOICES = Source("sap_invoices", (
    F("customer_number", "Asiakas|Customer|KUNNR", True, "code"),
    F("document_number", "Tositenumero|Document Number|BELNR", True, "code"),
    F("document_type", "Tositelaji|Document Type|BLART", True),
    F("posting_date", "Kirjauspvm|Posting Date|BUDAT", True, "date"),
    F("amount", "Summa tositevaluutassa|Amount in doc. curr.|WRBTR|Summa", True, "amount"),
    F("currency", "Valuutta|Currency|WAERS"),
    F("name", "Nimi 1|Name 1"),
    F("vat_number", "ALV-rek.nro|VAT Registration No."),
    F("text", "Teksti|Text"),
    F("clearing_document", "clearing_document", kind="code"),
    F("clearing_date", "clearing_date", kind="date"),
), sheet_names=("FBL5N",), natural_key=(
    "norm_code(document_number)", "CAST(year(fi_date(posting_date)) AS VARCHAR)"))

SAP_COST_CENTRES = Source("sap_cost_centres", (
    F("cost_centre", "Kustannuspaikka|Cost Center|KOSTL", True, "code"),
    F("valid_from", "Voimassa alkaen|Valid From|DATAB", True, "date"),
    F("valid_to", "Voimassa asti|Valid To|DATBI", True, "date"),
    F("name", "Nimi|Name|KTEXT", True),
    F("hierarchy_node", "Hierarkia-alue|Hierarchy area|KHINR"),
    F("department", "Osasto|Department|ABTEI"),
    F("responsible", "Vastuuhenkilö|Person Responsible|VERAK"),
    F("locked", "Lukitus prim.|BKZKP"),
    F("successor", "Seuraajakustp|NKOST", kind="code"),
    F("language", "Kieli|SPRAS"),
    F("description", "Kuvaus|LTEXT"),
), snapshot=True, sheet_names=("CSKS", "CSKT"))

SAP_HEADCOUNT = Source("sap_headcount", (
    F("extract_date", "Poimintapäivä|Key date", True, "date"),
    F("cost_centre", "Kustannuspaikka|Cost Center|KOSTL", True, "code"),
    F("headcount", "Henkilöstömäärä|Headcount", True, "quantity"),
    F("fte", "Henkilötyövuodet|htv|FTE", kind="quantity"),
    F("org_unit", "Organisaatioyksikkö|ORGEH", kind="code"),
    F("org_unit_name", "org_unit_name"),
), snapshot=True)

APPLICATIONS = Source("applications", (
    F("application", "Sovellus|Application", True),
    F("customer", "Asiakas|Customer", True),
    F("application_id", "Sovellus-ID"),
    F("customer_cost_centres", "Asiakkaan kustannuspaikka"),
    F("vendor", "Toimittaja|Vendor"),
    F("vendor_business_id", "Toimittajan Y-tunnus"),
    F("maintenance", "Ylläpitovastuu"),
    F("criticality", "Kriittisyys"),
    F("users", "Käyttäjämäärä"),
    F("updates_per_year", "Päivitysväli|Päivitysten määrä / vuosi"),
    F("next_update", "Seuraava päivitys"),
    F("it_resources", "Resurssit IT:stä"),
    F("network", "Verkko"),
    F("lifecycle", "Elinkaaren vaihe"),
    F("annual_cost", "Vuosikustannus €"),
    F("customer_contact", "Sovellusvastaava (asiakas)"),
    F("modified", "Muokattu", kind="date"),
), snapshot=True, sheet_names=("Sovellukset", "Saabe", "Applications"))

SCCM = Source("sccm", (
    F("name", "Name0|Name", True),
    F("hardware_id", "Hardware_ID0", True),
    F("last_hw_scan", "LastHWScan|Last Hardware Scan", True, "date"),
    F("ou", "System_OU_Name0|OU", True),
    F("serial_number", "SerialNumber0"),
    F("resource_id", "ResourceID"),
    F("domain", "Resource_Domain_OR_Workgr0"),
    F("manufacturer", "Manufacturer0"),
    F("model", "Model0"),
    F("model_name", "ProductVersion0"),
    F("chassis_type", "ChassisTypes0"),
    F("os", "Caption0"),
    F("os_version", "Version0"),
    F("client", "Client0"),
    F("active", "Active0"),
    F("obsolete", "Obsolete0"),
    F("decommissioned", "Decommissioned0"),
    F("created", "Creation_Date0", kind="date"),
    F("bios_release_date", "BIOSReleaseDate0"),
    F("user_name", "User_Name0"),
), snapshot=True, null_literals=("NULL",), digit_suffixes=True)

REGISTER = Source("register", (
    F("customer_id", "Asiakastunnus|Customer ID", True),
    F("customer_name", "Asiakas|Asiakkaan nimi|Customer", True),
    F("customer_type", "Asiakastyyppi|Customer type", True),
    F("segment", "Segmentti|Segment", True, "int"),
    F("partnership_manager", "Kumppanuuspäällikkö|Partnership manager", True),
    F("customer_contact", "Asiakkaan yhteyshenkilö|Yhteyshenkilö|Contact"),
    F("potential_score", "Potentiaaliarvo|Potential", kind="int"),
    F("business_id", "Y-tunnus|Business ID"),
    F("sap_customer_number", "SAP-asiakasnumero|SAP customer", kind="code"),
    F("cost_centre_nodes", "Kustannuspaikat|Cost centres"),
    F("aliases", "Aliakset|Muut nimet|Aliases"),
    F("ou_paths", "OU-polut|OU paths"),
), snapshot=True, sheet_names=("Asiakasrekisteri", "Asiakkaat", "Customers", "Register"))



def _with_labels(source: Source, extra: Mapping[str, Sequence[str]]) -> Source:
    """`source` with `extra` labels (field → labels) after its own, repeats dropped."""
    def merged(f: Field) -> Field:
        seen, labels = set(), []
        for label in (*f.labels, *extra.get(f.name, ())):
            label = " ".join(str(label).split())
            if label and norm_label(label) not in seen:
                seen.add(norm_label(label))
                labels.append(label)
        return replace(f, labels=tuple(labels))
    return replace(source, fields=tuple(merged(f) for f in source.fields))


# A source whose extracts are the same SAP list as another's takes that source's labels for
# the fields they share.
LABELS_FROM = {"sap_costs": "sap_charges"}


def _catalogue(source: Source) -> Source:
    own = {f.name for f in source.fields}
    extra = {name: labels.split("|")
             for name, labels in CATALOGUE.get(LABELS_FROM.get(source.name, ""), {}).items()
             if name in own}
    for name, labels in CATALOGUE.get(source.name, {}).items():
        extra.setdefault(name, []).extend(labels.split("|"))
    return _with_labels(source, extra)


SOURCES: dict[str, Source] = {s.name: _catalogue(s) for s in (
    SAP_CHARGES, SAP_INVOICES, SAP_COST_CENTRES, SAP_HEADCOUNT, APPLICATIONS, SCCM, REGISTER,
    SAP_COSTS)}
RAW_TABLES: tuple[str, ...] = tuple(s.table for s in SOURCES.values())


def with_site_labels(sources: Mapping[str, Source],
                     site_labels: Mapping[str, Mapping[str, Sequence[str]]] | None
                     ) -> dict[str, Source]:
    """New sources with a site's own header labels (source → field → labels) added. Raises
    ValueError naming an unknown source or field, or a label that already names another
    field of that source."""
    result = dict(sources)
    for name, fields in (site_labels or {}).items():
        if name not in sources:
            raise ValueError(f"unknown source {name!r} (known: {', '.join(sources)})")
        source = sources[name]
        known = {f.name for f in source.fields}
        for field_name, labels in fields.items():
            if field_name not in known:
                raise ValueError(f"unknown field {field_name!r} of source {name!r} "
                                 f"(fields: {', '.join(sorted(known))})")
            if isinstance(labels, str):
                raise ValueError(f"labels of {name}.{field_name} must be a list, not a string")
            for label in labels:
                taken = label_index(source).get(norm_label(label))
                if not norm_label(label):
                    raise ValueError(f"empty label for {name}.{field_name}")
                if taken and taken != field_name:
                    raise ValueError(f"label {label!r} of {name}.{field_name} already names "
                                     f"{name}.{taken}")
        result[name] = _with_labels(source, fields)
    return result
