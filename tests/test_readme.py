"""The README stays true: its CLI block names every command, its folder map every top-level
folder (and only folders that exist)."""

from __future__ import annotations

import re
from pathlib import Path

from warehouse.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, f"README has no section '## {title}'"
    return match.group(1)


def _commands() -> set[str]:
    names = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    for group in app.registered_groups:
        names |= {f"{group.name} {c.name or c.callback.__name__.replace('_', '-')}"
                  for c in group.typer_instance.registered_commands}
    return names


def test_the_cli_block_names_every_command():
    block = re.search(r"```\n(.*?)```", _section("The CLI"), re.S).group(1)
    documented = {m.group(1) for m in re.finditer(r"^asiakastieto ((?:user )?[a-z-]+)", block,
                                                   re.M)}
    assert _commands() - documented == set(), "commands missing from the README's CLI block"
    assert documented - _commands() == set(), "the README's CLI block names unknown commands"


def _ignored() -> set[str]:
    names = set()
    for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if re.fullmatch(r"/?[\w.-]+/", line):
            names.add(line.strip("/"))
    return names


def test_the_folder_map_matches_the_tree():
    table = _section("Folders")
    mapped = set(re.findall(r"^\| `([\w./-]+)/` \|", table, re.M))
    assert mapped, "no folder rows found in the README's folder map"
    missing = {name for name in mapped if not (ROOT / name).is_dir()}
    assert not missing, f"the README's folder map names folders that do not exist: {missing}"
    ignored = _ignored()
    top = {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
           and not p.name.endswith(".egg-info") and p.name not in ignored}
    assert top - mapped == set(), "top-level folders missing from the README's folder map"
