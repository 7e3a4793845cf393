"""The shape of the code, read from its imports with ast (nothing is run).

- No import loop between the modules of one app (models ↔ forms ↔ views ↔ services), whether
  the imports are at the top of a module or inside a function: a function-level import that
  only hides a loop is still a loop.
- `website` imports no other app of the project (they plug in through hooks).
- Apps reach the KPIs through `kpi.activities` only, never `kpi.models`.
- Apps import no other app but those two ways and `matching` → `members` (README).
"""

import ast
from functools import cache
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
APPS = sorted(settings.PROJECT_APPS)


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def project_modules():
    return {
        module_name(path): path
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    }


def resolve(name):
    """The project module that importing `name` loads (a module, or the package of a name)."""
    modules = project_modules()
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


def imported_names(module, path):
    """(name, line) of everything `module` imports, anywhere in it, made absolute."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            for alias in node.names:
                yield f"{base}.{alias.name}", node.lineno


@cache
def import_graph():
    """{module: {imported project module: [lines]}} over every app."""
    graph = {}
    for module, path in project_modules().items():
        edges = graph.setdefault(module, {})
        for name, line in imported_names(module, path):
            target = resolve(name)
            if target and target != module:
                edges.setdefault(target, []).append(line)
    return graph


def app_of(module):
    return module.split(".")[0]


def loops_within_apps(graph):
    """Strongly connected groups of two or more modules of one app (Tarjan)."""
    within = {
        module: [target for target in targets if app_of(target) == app_of(module)]
        for module, targets in graph.items()
    }
    index, low, stack, on_stack, loops = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in within[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                loops.append(sorted(group))

    for module in within:
        if module not in index:
            visit(module)
    return loops


def describe(graph, group):
    return [
        f"{module} -> {target} (line {', '.join(map(str, graph[module][target]))})"
        for module in group
        for target in graph[module]
        if target in group
    ]


def test_the_graph_sees_function_level_imports_and_loops():
    graph = {
        "shop.models": {"shop.views": [12]},  # inside a method
        "shop.views": {"shop.models": [1], "website.models": [2]},
        "shop.forms": {"shop.models": [1]},
    }
    assert loops_within_apps(graph | {"website.models": {}}) == [["shop.models", "shop.views"]]
    # The routes' function-level imports are seen in the project too.
    assert any(target == "outreach.views" for target in import_graph()["outreach.models"])


def test_relative_imports_resolve_to_project_modules():
    graph = import_graph()
    assert "website.search.text" in graph["website.search.common"]
    assert "kpi.models" in graph["kpi.activities"]
    assert "website.models" in graph["news.models"]


def test_no_import_loop_within_an_app():
    graph = import_graph()
    loops = loops_within_apps(graph)
    assert loops == [], [describe(graph, group) for group in loops]


def test_website_imports_no_other_app():
    others = set(APPS) - {"website"}
    found = [
        f"{module} imports {target} (line {', '.join(map(str, lines))})"
        for module, targets in import_graph().items()
        if app_of(module) == "website"
        for target, lines in targets.items()
        if app_of(target) in others
    ]
    assert found == []


def test_apps_reach_the_kpis_only_through_kpi_activities():
    found = [
        f"{module} imports {target}"
        for module, targets in import_graph().items()
        if app_of(module) != "kpi"
        for target in targets
        if app_of(target) == "kpi" and target != "kpi.activities"
    ]
    assert found == []


# Which app may import which, besides `website` (everyone's) and `kpi.activities` (above).
ALLOWED_BETWEEN_APPS = {
    # The needs survey and the seeds use the members' local governments and who is a member.
    ("matching", "members"),
}


def test_apps_import_no_other_app_but_the_allowed_ones():
    found = sorted(
        {
            (app_of(module), app_of(target))
            for module, targets in import_graph().items()
            for target in targets
            if app_of(target) not in {app_of(module), "website"} and target != "kpi.activities"
        }
    )
    assert found == sorted(ALLOWED_BETWEEN_APPS)


def test_every_transactional_test_restores_the_migrated_data():
    """A transactional test without serialized_rollback flushes the database and lets
    post_migrate recreate content types; the next one with it then fails to restore them (a
    failure that depends on the order the tests run in)."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "tests").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "transaction=True" in line and "serialized_rollback=True" not in line
    ]
    assert offenders == []
