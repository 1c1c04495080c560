"""The dashboard's server (`streamlit run dashboard/server.py`, as `asiakastieto serve`
does): Streamlit finds `app` and serves the pages of `app.py` with uvicorn, plus the
dashboard's own routes (`dashboard/web/routes.py`: the session cookie of local logins and
the documentation behind the same login)."""

from pathlib import Path

import streamlit as st

from dashboard.web import routes

app = st.App(Path(__file__).with_name("app.py"), routes=routes.routes())
