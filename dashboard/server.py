"""The dashboard's server (`streamlit run dashboard/server.py`, as `asiakastieto serve`
does): Streamlit finds `app` and serves the pages of `app.py` with uvicorn, plus the
dashboard's own routes (`dashboard/web/routes.py`: the session cookie of local logins and
the documentation behind the same login). Beside it runs the follower that publishes
care-plan saves into the figures within seconds (`dashboard/web/follower.py`)."""

import contextlib
from pathlib import Path

import streamlit as st

from dashboard.web import follower, routes
from warehouse.config import settings


@contextlib.asynccontextmanager
async def lifespan(_app):
    process = follower.start(settings())
    try:
        yield None
    finally:
        follower.stop(process)


app = st.App(Path(__file__).with_name("app.py"), routes=routes.routes(), lifespan=lifespan)
