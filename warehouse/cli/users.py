"""`asiakastieto user …`: local accounts and roles in the accounts file."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from warehouse import access, config
from warehouse.cli.common import console, fail

user_app = typer.Typer(help="Local accounts and roles (accounts file, hashed passwords).",
                       no_args_is_help=True)


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name (local login) or e-mail (OIDC user).")],
    role: Annotated[str, typer.Option(help="director, manager or viewer.")],
    manager_name: Annotated[str | None, typer.Option(
        help="A manager's name exactly as in customers.partnership_manager.")] = None,
    display_name: Annotated[str | None, typer.Option(help="Name shown and recorded.")] = None,
    oidc: Annotated[bool, typer.Option(
        "--oidc", help="Signs in through the identity provider: no password.")] = False,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Add or replace a user in the accounts file (the password is stored as a scrypt hash)."""
    s = config.settings()
    password = None
    if not oidc:
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
        if len(password) < 10:
            raise fail("a password has at least 10 characters.")
    try:
        account = access.add_account(s.accounts_file, name, role, password=password,
                                     display_name=display_name or "",
                                     manager_name=manager_name)
    except ValueError as exc:
        raise fail(str(exc)) from None
    access.audit(access.operator(), "user_add", account.username, account.role)
    console.print(f"{account.username} ({account.role}) saved in {s.accounts_file}")


@user_app.command("remove")
def user_remove(name: Annotated[str, typer.Argument(help="User name or e-mail.")]) -> None:
    """Remove a user from the accounts file (their open sessions end on the next click)."""
    s = config.settings()
    if not access.remove_account(s.accounts_file, name):
        raise fail(f"no user {name!r} in {s.accounts_file}")
    access.audit(access.operator(), "user_remove", name)
    console.print(f"{name} removed from {s.accounts_file}")


@user_app.command("list")
def user_list() -> None:
    """The users of the accounts file and their roles (never the hashes)."""
    s = config.settings()
    for account in access.load_accounts(s.accounts_file).values():
        login = "password" if account.password_hash else "oidc"
        console.print(f"{account.username}\t{account.role}\t{account.manager_name or ''}"
                      f"\t{login}")
