"""Streamlit blocks for the care plan's judgement fields: forms that save to the care-plan store.

Each form remembers the version of the entry it was opened on (`session_state`), and saves with
`expected_version` = that version: if someone saved in between, the store refuses the edit and
the form says so, showing what was typed (the store keeps it in the history as well).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import auth, i18n
from dashboard.charts import tables as charts_tables
from dashboard.report import labels
from dashboard.report.tables import KINDS
from dashboard.widgets import edits
from warehouse.access import Forbidden, User
from warehouse.careplans import SECTIONS, CarePlanStore, StaleEdit

USER_KEY = "careplan_user"
NEW = "__new__"





def editor(default: str | None) -> User | None:
    """The acting user: the signed-in one; in demo mode (no login) the name typed in the
    sidebar (`demo_name`: "Nimi") names the demo user in the history."""
    user = auth.current_user()
    if user is None or user.source == "demo":
        if USER_KEY not in st.session_state and default:
            st.session_state[USER_KEY] = default
        st.sidebar.text_input(i18n.t("demo_name", i18n.current_lang()), key=USER_KEY)
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
    st.error(i18n.t("editor_stale", lang, who=entry.updated_by if entry else "–",
                when=entry.updated_at[:16].replace("T", " ") if entry else "–",
                mine=error.expected_version, now=entry.version if entry else "–"),
             icon=":material/sync_problem:")
    st.caption(i18n.t("editor_typed", lang))
    st.json(typed)


def _form(store: CarePlanStore, customer_id: str, section: str, entry_id: str | None,
          fields: dict, version: int, user: User | None, lang: str) -> None:
    """One form; `version` is what this session opened (0 for a new entry)."""
    key = f"cp_{section}_{entry_id or NEW}"
    with st.form(key, clear_on_submit=entry_id is None):
        typed = {name: _widget(name, kind, fields.get(name), f"{key}_{name}", lang)
                 for name, kind in SECTIONS[section].items()}
        save = st.form_submit_button(i18n.t("editor_save", lang), type="primary",
                                     icon=":material/save:")
        delete = entry_id is not None and section != "potential" and st.form_submit_button(
            i18n.t("editor_delete", lang), icon=":material/delete:")
    if not (save or delete):
        return
    if user is None or not user.display_name:
        st.warning(i18n.t("editor_no_user", lang))
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
        st.error(i18n.t("editor_forbidden", lang), icon=":material/block:")
        return
    if entry_id is not None or section == "potential":
        st.session_state[_base_key(entry.entry_id)] = entry.version
    st.toast(i18n.t("editor_deleted", lang) if delete
             else i18n.t("editor_saved", lang, version=entry.version))
    edits.saved(store)
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
        st.info(i18n.t("editor_empty", lang))
    else:
        kinds = {**KINDS[name], "updated_at": "datetime"}
        kinds = {c: k for c, k in kinds.items() if k in {"eur", "int", "date", "datetime"}}
        shown = shown.assign(**{c: pd.to_datetime(shown[c], errors="coerce")
                                for c, k in KINDS[name].items() if k == "date"})
        st.dataframe(charts_tables.style_table(shown, kinds, {c: labels.column(c, lang)
                                                       for c in shown.columns}, lang),
                     hide_index=True)
    if not editable:
        st.caption(i18n.t("editor_read_only", lang))
        return
    options = [NEW, *frame["entry_id"]]
    names = dict(zip(frame["entry_id"], frame.iloc[:, 0].astype(str), strict=True))
    with st.expander(i18n.t("editor_edit", lang), icon=":material/edit:"):
        chosen = st.selectbox(i18n.t("editor_choose", lang), options, key=f"cp_pick_{name}",
                              format_func=lambda e: (i18n.t("editor_new", lang) if e == NEW
                                                     else names[e]))
        if chosen == NEW:
            _form(store, customer_id, name, None, {}, 0, user, lang)
            return
        entry = store.get(chosen)
        if entry is None or entry.is_deleted:
            st.rerun()
        opened = _opened_version(chosen, entry.version)
        _form(store, customer_id, name, chosen, entry.fields, opened, user, lang)
        if opened != entry.version:
            st.button(i18n.t("editor_reload", lang), key=f"cp_reload_{chosen}",
                      on_click=_reload, args=(chosen, name), icon=":material/refresh:")


def potential(store: CarePlanStore, customer_id: str, register_score, user: User | None,
              lang: str, editable: bool = True) -> None:
    """The potential score (1-10) and its justification: one entry per customer."""
    entry = store.single(customer_id)
    if not editable:
        fields = entry.fields if entry else {"score": register_score, "justification": ""}
        st.markdown(f"**{labels.column('score', lang)}:** {fields.get('score') or '–'}  \n"
                    f"{auth.escape_markdown(fields.get('justification') or '')}")
        st.caption(i18n.t("editor_read_only", lang))
        return
    fields = entry.fields if entry else {"score": register_score, "justification": ""}
    entry_id = f"{customer_id}:potential"
    opened = _opened_version(entry_id, entry.version if entry else 0)
    _form(store, customer_id, "potential", entry_id, fields, opened, user, lang)
    if entry is not None and opened != entry.version:
        st.button(i18n.t("editor_reload", lang), key="cp_reload_potential",
                  on_click=_reload, args=(entry_id, "potential"), icon=":material/refresh:")
