"""The dashboard's own HTTP routes beside Streamlit's (`dashboard/server.py` mounts them):
the session cookie of local logins and the documentation served behind the same login.
The paths are here so the pages can link to them without importing the server side."""

SESSION_START = "/session/start"
SESSION_END = "/session/end"
DBT_DOCS = "/docs/dbt/"
QUALITY_DOCS = "/docs/quality/"
