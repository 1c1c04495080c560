"""Streamlit blocks for the care plan's judgement fields: forms that save to the care-plan store.

Each form remembers the version of the entry it was opened on (`session_state`), and saves with
`expected_version` = that version: if someone saved in between, the store refuses the edit and
the form says so, showing what was typed (the store keeps it in the history as well).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import auth, charts
from dashboard.report import labels
from dashboard.report.tables import KINDS
from warehouse.access import Forbidden, User
from warehouse.careplans import SECTIONS, CarePlanStore, StaleEdit

USER_KEY = "careplan_user"
NEW = "__new__"

TEXT = {
    "fi": {"new": "+ Uusi kirjaus", "choose": "Kirjaus", "save": "Tallenna",
           "delete": "Poista kirjaus", "saved": "Tallennettu (versio {version}).",
           "deleted": "Kirjaus poistettu.", "reload": "Hae uusin versio",
           "stale": "Muutosta EI tallennettu: {who} tallensi tämän kohdan {when} sen jälkeen, "
                    "kun avasit sen (sinulla versio {mine}, nyt {now}). Hae uusin versio ja "
                    "tee muutos uudelleen; kirjoittamasi teksti on alla ja muutoshistoriassa.",
           "no_user": "Kirjoita nimesi sivupalkkiin (Nimi) ennen tallennusta.",
           "edit": "Muokkaa", "empty": "Ei kirjauksia.", "typed": "Kirjoittamasi tiedot",
           "forbidden": "Muutosta EI tallennettu: sinulla ei ole oikeutta muokata tämän "
                        "asiakkaan hoitosuunnitelmaa.",
           "read_only": "Vain luku: vain asiakkaan kumppanuuspäällikkö ja johtaja voivat "
                        "muokata."},
    "en": {"new": "+ New entry", "choose": "Entry", "save": "Save",
           "delete": "Delete entry", "saved": "Saved (version {version}).",
           "deleted": "Entry deleted.", "reload": "Load the latest version",
           "stale": "NOT saved: {who} saved this item at {when} after you opened it (you had "
                    "version {mine}, now {now}). Load the latest version and redo the change; "
                    "what you typed is below and in the change history.",
           "no_user": "Type your name in the sidebar (Name) before saving.",
           "edit": "Edit", "empty": "No entries.", "typed": "What you typed",
           "forbidden": "NOT saved: you may not edit this customer's care plan.",
           "read_only": "Read only: only the customer's partnership manager and directors "
                        "can edit."},
}


def _t(key: str, lang: str, **values: object) -> str:
    return TEXT.get(lang, TEXT["fi"])[key].format(**values)


def editor(default: str | None) -> User | None:
    """The acting user: the signed-in one; in demo mode (no login) the name typed in the
    sidebar ("Nimi") names the demo user in the history."""
    user = auth.current_user()
    if user is None or user.source == "demo":
        if USER_KEY not in st.session_state and default:
            st.session_state[USER_KEY] = default
        st.sidebar.text_input("Nimi", key=USER_KEY)
        user = auth.current_user()
    return user


def user_name(default: str | None) -> str:
    """The editor's name (see `editor`)."""
    user = editor(default)
    return user.display_name if user else ""


def _base_key(entry_id: str) -> str:
    return f"cp_base_{entry_id}"


def _widget(name: str, kind: str, value, key: str, lang: str):
    label = labels.column(name, lang)
    if kind == "date":
        day = dt.date.fromisoformat(value) if isinstance(value, str) and value else None
        chosen = st.date_input(label, value=day, key=key, format="DD.MM.YYYY")
        return chosen.isoformat() if chosen else None
    if kind == "eur":
        return st.number_input(label, value=None if value is None else float(value),
                               min_value=0.0, step=1000.0, key=key)
    if kind == "int":
        return st.number_input(label, value=None if value is None else int(value),
                               min_value=0, step=1, key=key)
    if kind == "score":
        return st.slider(label, 1, 10, value=int(value) if value else 5, key=key)
    if kind == "bool":
        return st.checkbox(label, value=bool(value), key=key)
    return st.text_area(label, value=value or "", key=key, height=68) if name in {
        "action", "justification", "agreement", "impact"} else st.text_input(
            label, value=value or "", key=key)


def _stale(error: StaleEdit, typed: dict, lang: str) -> None:
    entry = error.entry
    st.error(_t("stale", lang, who=entry.updated_by if entry else "–",
                when=entry.updated_at[:16].replace("T", " ") if entry else "–",
                mine=error.expected_version, now=entry.version if entry else "–"),
             icon=":material/sync_problem:")
    st.caption(_t("typed", lang))
    st.json(typed)


def _form(store: CarePlanStore, customer_id: str, section: str, entry_id: str | None,
          fields: dict, version: int, user: User | None, lang: str) -> None:
    """One form; `version` is what this session opened (0 for a new entry)."""
    key = f"cp_{section}_{entry_id or NEW}"
    with st.form(key, clear_on_submit=entry_id is None):
        typed = {name: _widget(name, kind, fields.get(name), f"{key}_{name}", lang)
                 for name, kind in SECTIONS[section].items()}
        save = st.form_submit_button(_t("save", lang), type="primary", icon=":material/save:")
        delete = entry_id is not None and section != "potential" and st.form_submit_button(
            _t("delete", lang), icon=":material/delete:")
    if not (save or delete):
        return
    if user is None or not user.display_name:
        st.warning(_t("no_user", lang))
        return
    try:
        if section == "potential":
            entry = store.save_single(customer_id, section, typed, expected_version=version,
                                      user=user)
        elif entry_id is None:
            entry = store.add(customer_id, section, typed, user=user)
        elif delete:
            entry = store.delete(entry_id, expected_version=version, user=user)
        else:
            entry = store.update(entry_id, typed, expected_version=version, user=user)
    except StaleEdit as error:
        _stale(error, typed, lang)
        return
    except Forbidden:
        st.error(_t("forbidden", lang), icon=":material/block:")
        return
    if entry_id is not None or section == "potential":
        st.session_state[_base_key(entry.entry_id)] = entry.version
    st.toast(_t("deleted", lang) if delete else _t("saved", lang, version=entry.version))
    st.rerun()


def _opened_version(entry_id: str, current: int) -> int:
    return st.session_state.setdefault(_base_key(entry_id), current)


def _reload(entry_id: str, section: str) -> None:
    st.session_state.pop(_base_key(entry_id), None)
    prefix = f"cp_{section}_{entry_id}_"
    for name in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[name]


def section(store: CarePlanStore, customer_id: str, name: str, frame: pd.DataFrame,
            user: User | None, lang: str, editable: bool = True) -> None:
    """A manual section: its table, then a form to add an entry or edit the chosen one."""
    shown = frame.drop(columns=["entry_id", "version"], errors="ignore")
    if shown.empty:
        st.info(_t("empty", lang))
    else:
        kinds = {**KINDS[name], "updated_at": "datetime"}
        kinds = {c: k for c, k in kinds.items() if k in {"eur", "int", "date", "datetime"}}
        shown = shown.assign(**{c: pd.to_datetime(shown[c], errors="coerce")
                                for c, k in KINDS[name].items() if k == "date"})
        st.dataframe(charts.style_table(shown, kinds, {c: labels.column(c, lang)
                                                       for c in shown.columns}, lang),
                     hide_index=True)
    if not editable:
        st.caption(_t("read_only", lang))
        return
    options = [NEW, *frame["entry_id"]]
    names = dict(zip(frame["entry_id"], frame.iloc[:, 0].astype(str), strict=True))
    with st.expander(_t("edit", lang), icon=":material/edit:"):
        chosen = st.selectbox(_t("choose", lang), options, key=f"cp_pick_{name}",
                              format_func=lambda e: _t("new", lang) if e == NEW else names[e])
        if chosen == NEW:
            _form(store, customer_id, name, None, {}, 0, user, lang)
            return
        entry = store.get(chosen)
        if entry is None or entry.is_deleted:
            st.rerun()
        opened = _opened_version(chosen, entry.version)
        _form(store, customer_id, name, chosen, entry.fields, opened, user, lang)
        if opened != entry.version:
            st.button(_t("reload", lang), key=f"cp_reload_{chosen}",
                      on_click=_reload, args=(chosen, name), icon=":material/refresh:")


def potential(store: CarePlanStore, customer_id: str, register_score, user: User | None,
              lang: str, editable: bool = True) -> None:
    """The potential score (1-10) and its justification: one entry per customer."""
    entry = store.single(customer_id)
    if not editable:
        fields = entry.fields if entry else {"score": register_score, "justification": ""}
        st.markdown(f"**{labels.column('score', lang)}:** {fields.get('score') or '–'}  \n"
                    f"{auth.escape_markdown(fields.get('justification') or '')}")
        st.caption(_t("read_only", lang))
        return
    fields = entry.fields if entry else {"score": register_score, "justification": ""}
    entry_id = f"{customer_id}:potential"
    opened = _opened_version(entry_id, entry.version if entry else 0)
    _form(store, customer_id, "potential", entry_id, fields, opened, user, lang)
    if entry is not None and opened != entry.version:
        st.button(_t("reload", lang), key="cp_reload_potential",
                  on_click=_reload, args=(entry_id, "potential"), icon=":material/refresh:")
