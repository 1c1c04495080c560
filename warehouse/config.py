"""The one place that reads the environment and knows where files live (absolute paths)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"

ENV_DATA_DIR = "ASIAKASTIETO_DATA_DIR"
ENV_WAREHOUSE = "ASIAKASTIETO_WAREHOUSE"
ENV_RAW = "ASIAKASTIETO_RAW"
ENV_LANDING = "ASIAKASTIETO_LANDING"
ENV_ARCHIVE = "ASIAKASTIETO_ARCHIVE"
ENV_CAREPLANS = "ASIAKASTIETO_CAREPLANS"
ENV_SITE = "ASIAKASTIETO_SITE"
ENV_CHROME = "BROWSER_PATH"
# Access control (`warehouse/access/`, docs/access.md): auth mode, accounts file and audit log.
ENV_AUTH = "ASIAKASTIETO_AUTH"
ENV_ACCOUNTS = "ASIAKASTIETO_ACCOUNTS"
ENV_AUDIT = "ASIAKASTIETO_AUDIT"
# Signed sessions of local logins (`warehouse/access/sessions.py`): secret and lifetime.
ENV_SESSION_SECRET = "ASIAKASTIETO_SESSION_SECRET"
ENV_SESSION_HOURS = "ASIAKASTIETO_SESSION_HOURS"
DEFAULT_SESSION_HOURS = 12
ENV_WARM_SWITCH = "ASIAKASTIETO_WARM_SWITCH"
ENV_BATCH_NICE = "ASIAKASTIETO_BATCH_NICE"
# A machine's deployment setting, not a site decision: the command run after every refresh.
ENV_REFRESH_NOTIFY = "ASIAKASTIETO_REFRESH_NOTIFY"
DEFAULT_BATCH_NICE = 10
# Whether the dashboard server runs `asiakastieto apply-edits --follow` beside itself (on,
# the default) or a deployment runs it as its own service (off).
ENV_FOLLOW_EDITS = "ASIAKASTIETO_FOLLOW_EDITS"
ENV_OPERATOR = "USER"
AUTH_MODES = ("auto", "demo", "local", "oidc")
DEFAULT_CHROME = Path("/usr/bin/chromium")


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default.resolve()


def raw_path_for(warehouse: Path) -> Path:
    """The landing store that belongs to a warehouse file: `x.duckdb` → `x.raw.duckdb`."""
    return warehouse.with_name(f"{warehouse.stem}.raw{warehouse.suffix or '.duckdb'}")


@dataclass(frozen=True)
class Settings:
    """Paths of one installation. The warehouse is rebuilt and swapped; the raw store persists."""

    data_dir: Path
    warehouse: Path
    raw: Path
    landing: Path
    archive: Path
    site_dir: Path | None = None

    @property
    def site(self) -> Path:
        """The site's decisions (docs/site.md): beside the warehouse they shape by default."""
        return self.site_dir or self.warehouse.parent / "site"

    @property
    def data_docs(self) -> Path:
        """Great Expectations Data Docs (HTML), linked from the dashboard."""
        return self.warehouse.parent / f"{self.warehouse.stem}_data_docs"

    @property
    def dbt_docs(self) -> Path:
        """dbt's documentation site (one static HTML page), linked from the dashboard."""
        return self.warehouse.parent / f"{self.warehouse.stem}_dbt_docs"

    @property
    def recent_queries(self) -> Path:
        """The dashboard's most recent queries (JSON, no results), replayed after a restart."""
        return self.warehouse.parent / f"{self.warehouse.stem}_recent_queries.json"

    @property
    def refresh_lock(self) -> Path:
        """Held (flock) by the one command at a time that lands extracts or publishes."""
        return self.warehouse.parent / f"{self.warehouse.stem}_refresh.lock"

    @property
    def refresh_state(self) -> Path:
        """The last refresh's outcome, time and published version (JSON), for `status`."""
        return self.warehouse.parent / f"{self.warehouse.stem}_last_refresh.json"

    @property
    def edits_state(self) -> Path:
        """What `apply-edits` did last (JSON): the care-plan change it published, or why a
        change waits, for the dashboard, `status` and a monitor."""
        return self.warehouse.parent / f"{self.warehouse.stem}_edits.json"

    @property
    def follow_edits(self) -> bool:
        """The dashboard server starts the follower of care-plan saves (`ENV_FOLLOW_EDITS`)."""
        value = (os.environ.get(ENV_FOLLOW_EDITS) or "on").strip().lower()
        if value not in {"on", "off"}:
            raise ValueError(f"{ENV_FOLLOW_EDITS} must be on or off, not {value!r}")
        return value == "on"

    @property
    def refresh_notify(self) -> str | None:
        """A shell command run after every refresh with its outcome (`--notify` overrides)."""
        return (os.environ.get(ENV_REFRESH_NOTIFY) or "").strip() or None

    @property
    def dbt_target(self) -> Path:
        return self.warehouse.parent / "dbt_target"

    @property
    def careplan_store(self) -> Path:
        """The care plans typed by people (SQLite): never rebuilt, read by each build."""
        return _env_path(ENV_CAREPLANS, self.warehouse.parent / "careplans.sqlite")

    @property
    def accounts_file(self) -> Path:
        """Local accounts (hashed passwords) and the roles of OIDC users: `accounts.toml`."""
        return _env_path(ENV_ACCOUNTS, self.data_dir / "accounts.toml")

    @property
    def audit_log(self) -> Path:
        """The audit log of every edit, export and refused attempt (SQLite, append-only)."""
        return _env_path(ENV_AUDIT, self.careplan_store.parent / "audit.sqlite")

    @property
    def session_secret_file(self) -> Path:
        """The key that signs local logins' session cookies (0600, written the first time
        someone signs in) unless `ASIAKASTIETO_SESSION_SECRET` gives it."""
        return self.data_dir / "session_secret"

    @property
    def session_secret(self) -> str | None:
        """A configured session key (for several servers without a shared data folder)."""
        return os.environ.get(ENV_SESSION_SECRET) or None

    @property
    def session_hours(self) -> float:
        """How long a local login's session lasts without signing in again."""
        value = os.environ.get(ENV_SESSION_HOURS)
        try:
            hours = DEFAULT_SESSION_HOURS if value in (None, "") else float(value)
        except ValueError:
            raise ValueError(f"{ENV_SESSION_HOURS} must be a number of hours, not {value!r}"
                             ) from None
        if not 0 < hours <= 24 * 90:
            raise ValueError(f"{ENV_SESSION_HOURS} must be between 0 and 2160 hours")
        return hours

    @property
    def backup_log(self) -> Path:
        """Every `asiakastieto backup` taken (one JSON line each: when, where, its manifest)."""
        return self.data_dir / "backups.jsonl"

    @property
    def auth_mode(self) -> str:
        """`oidc` (st.login), `local` (accounts file), `demo` (no login, localhost only) or
        `auto`: oidc when secrets.toml has [auth], local when the accounts file exists, else
        demo. Unknown values raise, so a typo never falls back to demo."""
        mode = (os.environ.get(ENV_AUTH) or "auto").strip().lower()
        if mode not in AUTH_MODES:
            raise ValueError(f"{ENV_AUTH} must be one of {', '.join(AUTH_MODES)}, not {mode!r}")
        return mode

    @property
    def warm_switch(self) -> bool:
        """Whether the dashboard server warms a newly published warehouse before switching to
        it (dashboard/served.py). On unless `ASIAKASTIETO_WARM_SWITCH=0`; the tests turn it off
        to read a swapped file at once."""
        return (os.environ.get(ENV_WARM_SWITCH) or "1").strip().lower() not in ("0", "false", "no")

    @property
    def batch_nice(self) -> int:
        """The CPU niceness of ingest/build/check/refresh (0-19): a refresh on the dashboard's
        server yields the CPU to people's page views and uses what is idle."""
        value = os.environ.get(ENV_BATCH_NICE)
        try:
            nice = DEFAULT_BATCH_NICE if value in (None, "") else int(value)
        except ValueError:
            raise ValueError(f"{ENV_BATCH_NICE} must be a number 0-19, not {value!r}") from None
        return min(19, max(0, nice))

    @property
    def operator(self) -> str:
        """Who runs the CLI (recorded in the audit log of `asiakastieto report`)."""
        return os.environ.get(ENV_OPERATOR) or "operator"

    @property
    def chrome(self) -> Path | None:
        """The Chrome/Chromium that draws static chart images (kaleido); None when absent."""
        path = _env_path(ENV_CHROME, DEFAULT_CHROME)
        return path if path.exists() else None


def settings(warehouse: Path | None = None, landing: Path | None = None,
             site: Path | None = None) -> Settings:
    """Settings from explicit options first, then environment variables, then defaults."""
    data_dir = _env_path(ENV_DATA_DIR, PROJECT_ROOT / "data")
    wh = warehouse.expanduser().resolve() if warehouse else _env_path(
        ENV_WAREHOUSE, data_dir / "warehouse.duckdb"
    )
    raw = _env_path(ENV_RAW, raw_path_for(wh)) if warehouse is None else raw_path_for(wh)
    return Settings(
        data_dir=data_dir,
        warehouse=wh,
        raw=raw,
        landing=landing.expanduser().resolve() if landing else _env_path(
            ENV_LANDING, data_dir / "landing"
        ),
        archive=_env_path(ENV_ARCHIVE, wh.parent / "archive"),
        site_dir=site.expanduser().resolve() if site else _env_path(ENV_SITE, wh.parent / "site"),
    )
