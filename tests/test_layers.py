"""The apps depend in one direction (DESIGN.md):

    kern ← partners ← locaties ← activiteiten ← {meldingen, dekking, publiek, demo,
                                                 vrijwilligers} ← ontmoeting

An app may import Django, third-party code and the apps below it, never one beside or above
it. This test reads every module's imports (also those inside functions) and every
`apps.get_model("app.Model")`, so a shortcut against the order fails here, not in review."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LAYERS = [
    {"kern"},
    {"partners"},
    {"locaties"},
    {"activiteiten"},
    {"meldingen", "dekking", "publiek", "vrijwilligers", "api", "uitwisseling", "herinneringen"},
    {"demo"},
    {"ontmoeting"},
]
LEVEL = {app: level for level, apps in enumerate(LAYERS) for app in apps}

# The one sanctioned reach upwards: every right is decided in partners/permissions.py
# (DESIGN.md), which names the records it governs by `apps.get_model` and relation paths,
# never by import. An import from these apps there would still fail.
MODELS_BY_NAME = {
    "partners/permissions.py": {"locaties", "activiteiten", "meldingen", "vrijwilligers"}
}


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_apps(path: Path, *, by_name: bool = True) -> set[str]:
    """The project's apps that the module at `path` imports or (with `by_name`) reaches by
    `apps.get_model`."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif (
            by_name
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names = [node.args[0].value]
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in LEVEL)
    return found


def import_graph() -> dict[str, set[str]]:
    """{app: the other apps it imports}."""
    return {
        app: {other for path in _modules(app) for other in imported_apps(path)} - {app}
        for app in LEVEL
    }


def test_every_app_of_the_project_has_a_place_in_the_order():
    packages = {
        path.parent.name
        for path in ROOT.glob("*/apps.py")
        if path.parent.name not in {".venv", "tests"}
    }
    assert packages - {"ontmoeting"} <= set(LEVEL), packages - set(LEVEL)


@pytest.mark.parametrize("app", sorted(LEVEL, key=LEVEL.get))
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = []
    for path in _modules(app):
        relative = str(path.relative_to(ROOT))
        reached = imported_apps(path) - MODELS_BY_NAME.get(relative, set())
        reached |= imported_apps(path, by_name=False)
        for other in sorted(reached - {app}):
            if LEVEL[other] >= LEVEL[app]:
                wrong.append(f"{path.relative_to(ROOT)} imports {other}")
    assert not wrong, "\n".join(wrong)


def test_kern_imports_no_app_of_the_project():
    assert import_graph()["kern"] == set()


def test_the_check_sees_an_import_against_the_order(tmp_path):
    """The reader itself: an import inside a function and a get_model string both count."""
    module = tmp_path / "module.py"
    module.write_text(
        "def f():\n"
        "    from publiek import views\n"
        "    return apps.get_model('dekking.Iets'), views\n"
    )

    assert imported_apps(module) == {"publiek", "dekking"}
