"""The systemd units of deploy/systemd/ verify cleanly: rendered with this checkout's real
paths (the ExecStart binary must exist), `systemd-analyze verify` prints nothing at all."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
DEPLOY = PROJECT / "deploy" / "systemd"
UNITS = sorted([*DEPLOY.glob("*.service"), *DEPLOY.glob("*.timer")])
# The documented install location (docs/deployment.md) and what stands in for it here.
# DATA is the service user's home, which holds the data folder.
INSTALL, DATA, ENV_FILE = "/opt/asiakastieto", "/var/lib/asiakastieto", \
    "/etc/asiakastieto/asiakastieto.env"
SCRIPT = Path(sys.executable).with_name("asiakastieto")


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser


def test_the_units_are_there():
    names = {p.name for p in UNITS}
    assert names == {"asiakastieto-dashboard.service", "asiakastieto-refresh.service",
                     "asiakastieto-refresh.timer"}
    assert (DEPLOY / "asiakastieto.env").is_file()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verify_says_nothing(tmp_path):
    assert SCRIPT.exists(), f"{SCRIPT}: install the project into the venv first"
    data, units = tmp_path / "home", tmp_path / "units"
    data.mkdir()
    units.mkdir()
    shutil.copy(DEPLOY / "asiakastieto.env", tmp_path / "asiakastieto.env")
    for path in UNITS:
        text = (path.read_text(encoding="utf-8")
                .replace(f"{INSTALL}/.venv/bin/asiakastieto", str(SCRIPT))
                .replace(INSTALL, str(PROJECT))
                .replace(DATA, str(data))
                .replace(ENV_FILE, str(tmp_path / "asiakastieto.env")))
        (units / path.name).write_text(text, encoding="utf-8")

    done = subprocess.run(["systemd-analyze", "verify", *sorted(p.name for p in units.iterdir())],
                          cwd=units, capture_output=True, text=True, timeout=120)

    said = (done.stdout + done.stderr).strip()
    assert done.returncode == 0 and not said, said


def test_the_services_run_the_cli_as_their_own_user_with_only_the_data_folder_writable():
    for name in ("asiakastieto-dashboard.service", "asiakastieto-refresh.service"):
        service = _unit(DEPLOY / name)["Service"]
        assert service["User"] == "asiakastieto", name
        assert service["ExecStart"].startswith(f"{INSTALL}/.venv/bin/asiakastieto "), name
        assert service["EnvironmentFile"] == ENV_FILE, name
        assert (service["NoNewPrivileges"], service["ProtectSystem"], service["PrivateTmp"]) \
            == ("yes", "strict", "yes"), name
        assert service["ReadWritePaths"] == DATA, name
    dashboard = _unit(DEPLOY / "asiakastieto-dashboard.service")["Service"]
    assert dashboard["Restart"] == "on-failure"
    assert " serve " in dashboard["ExecStart"] + " "
    assert _unit(DEPLOY / "asiakastieto-refresh.service")["Service"]["Type"] == "oneshot"
    timer = _unit(DEPLOY / "asiakastieto-refresh.timer")["Timer"]
    assert (timer["OnCalendar"], timer["Persistent"]) == ("*-*-05 03:00:00", "true")
