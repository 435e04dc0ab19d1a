"""Data flows one way: read → document → model → rules → findings → formatters. A module may
not import a later stage (style.md §7.9); heavy libraries are imported lazily."""
import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "audit"

# stage prefix -> modules it must never import
FORBIDDEN = {
    "read": {"model", "build", "tablemap", "tables_t2", "sections", "facts", "kind", "rules",
             "engine", "checks", "formatters", "runner", "cli"},
    "document": {"model", "build", "rules", "engine", "formatters", "read"},
    "normalize": {"model", "build", "rules", "engine", "formatters", "read", "document"},
    "checks": {"read", "formatters", "build"},
    "formatters": {"read", "build", "tablemap"},
}
HEAVY = {"pdfplumber", "pdfminer", "bs4", "lxml", "jsonschema"}


def imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            yield node, (node.module or "").split(".")[0]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("audit."):
            yield node, node.module.split(".")[1]
        elif isinstance(node, ast.Import):
            for a in node.names:
                yield node, a.name.split(".")[0]


def stage(path: Path) -> str:
    rel = path.relative_to(PKG).parts
    return rel[0].removesuffix(".py").split("_")[0] if rel[0] != "read" else "read"


def test_no_backward_imports():
    bad = []
    for path in PKG.rglob("*.py"):
        forbidden = FORBIDDEN.get(stage(path), set())
        for node, name in imports(path):
            if name in forbidden:
                bad.append(f"{path.relative_to(PKG)}:{node.lineno} imports {name}")
    assert bad == []


def test_heavy_libraries_are_imported_inside_functions():
    bad = []
    for path in PKG.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # module level only
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(n.split(".")[0] in HEAVY for n in names):
                    bad.append(f"{path.relative_to(PKG)}:{node.lineno}")
    assert bad == []
