"""`asiakastieto user add/list/remove` (hashed passwords in the accounts file) and `serve`
refusing demo mode on a non-loopback address."""

from __future__ import annotations

from typer.testing import CliRunner

from warehouse import access
from warehouse.cli import app

runner = CliRunner()


def test_user_add_list_remove(site):
    result = runner.invoke(app, ["user", "add", "aaalto", "--role", "manager",
                                 "--manager-name", "Anna Aalto", "--password-stdin"],
                           input="a long password\n")
    assert result.exit_code == 0, result.output
    text = site["accounts"].read_text()
    assert "a long password" not in text and "scrypt$" in text
    assert access.authenticate(site["accounts"], "aaalto", "a long password").role == "manager"
    result = runner.invoke(app, ["user", "add", "x", "--role", "viewer", "--password-stdin"],
                           input="short\n")
    assert result.exit_code == 1 and "10 characters" in result.output
    result = runner.invoke(app, ["user", "add", "m", "--role", "manager", "--oidc"])
    assert result.exit_code == 1 and "manager-name" in result.output
    result = runner.invoke(app, ["user", "list"])
    assert "aaalto" in result.output and "scrypt" not in result.output
    assert runner.invoke(app, ["user", "remove", "aaalto"]).exit_code == 0
    assert access.load_accounts(site["accounts"]) == {}
    assert [r["action"] for r in access.audit_rows()] == ["user_remove", "user_add"]


def test_serve_refuses_demo_mode_off_loopback(site, monkeypatch):
    monkeypatch.setenv("ASIAKASTIETO_AUTH", "demo")
    result = runner.invoke(app, ["serve", "--address", "0.0.0.0", "--port", "1"])
    assert result.exit_code == 1 and "demo mode" in result.output
