"""Opening a page of the app under AppTest, as the dashboard tests do: the app's first run,
then the page, with session state and address parameters set first; no exception allowed."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def run_page(app_path: str, page: str | None = None, *, timeout: int = 30,
             query: dict[str, str] | None = None, **state: object) -> AppTest:
    at = AppTest.from_file(app_path, default_timeout=timeout)
    for key, value in state.items():
        at.session_state[key] = value
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str, *, exact: bool = False) -> str:
    """The value of the metric labelled `label` (or whose label starts with it)."""
    return next(m.value for m in at.metric
                if (m.label == label if exact else m.label.startswith(label)))
