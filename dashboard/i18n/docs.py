"""fi/en texts of the documentation the dashboard serves behind its login (`docs_`): the
links on the data page and the answer to a request without a session."""

from __future__ import annotations

DOCS_LABELS = {
    "fi": {
        "docs_login_required": "Dokumentaatio näytetään vain kirjautuneille käyttäjille.",
        "docs_sign_in": "Kirjaudu sisään",
        "docs_dashboard": "Avaa Asiakastieto",
        "docs_model": "Malli `{model}` dbt-dokumentaatiossa",
        "docs_open": "Avaa",
        "col_docs": "Data Docs",
    },
    "en": {
        "docs_login_required": "The documentation is shown to signed-in users only.",
        "docs_sign_in": "Sign in",
        "docs_dashboard": "Open Asiakastieto",
        "docs_model": "Model `{model}` in the dbt docs",
        "docs_open": "Open",
        "col_docs": "Data Docs",
    },
}
