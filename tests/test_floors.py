"""The floors of DESIGN.md hold: in imports (import-linter) and in the schema (foreign keys)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
# App -> floor. An app may point only at floors below it (or at itself and Django's own).
FLOORS = {
    "sessie": 0,
    "programma": 1,
    "thematafels": 1,
    "informatiepunt": 1,
    "aanmelden": 2,
    "verslag": 3,
    "wijkavond": 4,
}


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    lint = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(
        [str(lint), "--config", str(cwd / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(cwd)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_contracts_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("bestand", "regel"),
    [
        ("sessie/models.py", "import aanmelden.models"),
        ("thematafels/views.py", "import informatiepunt.models"),
        ("aanmelden/views.py", "from wijkavond import kaart"),
    ],
)
def test_an_upward_or_sideways_import_breaks_the_contracts(tmp_path, bestand, regel):
    for app in FLOORS:
        if (ROOT / app).is_dir():
            shutil.copytree(
                ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__")
            )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    doel = tmp_path / bestand
    doel.write_text(doel.read_text() + f"\n{regel}  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


def test_no_foreign_key_points_up_or_sideways():
    for model in apps.get_models():
        app = model._meta.app_label
        if app not in FLOORS:
            continue
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete) or field.related_model is None:
                continue
            doel = field.related_model._meta.app_label
            if doel == app or doel not in FLOORS:
                continue
            assert FLOORS[doel] < FLOORS[app], f"{model.__name__}.{field.name} points at {doel}"
