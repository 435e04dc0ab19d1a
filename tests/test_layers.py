"""Data flows one way: read → model → checks → run / formatters → cli (style.md §7.9).

Each module belongs to the stage named by its package (``audit/read/…`` is ``read``); the shared
vocabulary of the lower stages (``document.py``, ``normalize.py``) sits below them all, and the
top-level command modules (``cli``, ``config``, ``rulesdoc``) above. A module may import its own
stage and the stages below it, never one above: readers know nothing of the template or the
rules, checks see only the model, formatters see only the result. ``run`` and ``formatters``
stand side by side and do not import each other (the CLI and `serve` join them). Heavy libraries are
imported lazily, so that a pre-commit hook starts fast."""
import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "audit"

# "" is the package root, which holds only __version__.
RANK = {"": 0, "document": 0, "normalize": 0, "read": 1, "model": 2, "checks": 3, "run": 4,
        "formatters": 4, "fetch": 4.5, "cli": 5, "config": 5, "rulesdoc": 5, "serve": 5}
SIBLINGS = {("run", "formatters"), ("formatters", "run")}
# fetch sits above run (it writes the manifest run reads) and beside the formatters.
SIBLINGS |= {("fetch", "formatters")}
HEAVY = {"pdfplumber", "pdfminer", "pypdfium2", "bs4", "lxml", "jsonschema", "docx", "httpx",
         "starlette", "uvicorn", "dask", "distributed"}


def stage_of_module(dotted: str) -> str:
    """``audit.read.pdf.grid`` -> ``read``; ``audit.cli`` -> ``cli``; ``audit`` -> ``""``."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path, root: Path = PKG) -> str:
    rel = path.relative_to(root.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(path: Path, root: Path = PKG):
    """(line, absolute module) for every import of the package's own modules in ``path``."""
    me = module_name(path, root)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package.split(".")
            base = base[: len(base) - (node.level - 1)]
            mod = ".".join(base + ([node.module] if node.module else []))
            # ``from . import x`` may name a module of the package
            targets = [mod] if node.module else [f"{mod}.{a.name}" for a in node.names]
            for t in targets:
                yield node.lineno, t
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("audit"):
            yield node.lineno, node.module
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("audit"):
                    yield node.lineno, a.name


def backward_imports(root: Path = PKG) -> list[str]:
    bad = []
    for path in root.rglob("*.py"):
        src = stage_of_module(module_name(path, root))
        for line, target in imported(path, root):
            dst = stage_of_module(target)
            if dst == src or dst not in RANK:
                continue
            if RANK[dst] > RANK[src] or (src, dst) in SIBLINGS:
                bad.append(f"{path.relative_to(root)}:{line} ({src}) imports {target} ({dst})")
    return bad


def test_every_module_has_a_stage():
    unknown = {stage_of_module(module_name(p)) for p in PKG.rglob("*.py")} - set(RANK)
    assert unknown == set()


def test_no_backward_imports():
    assert backward_imports() == []


def test_the_check_finds_a_backward_import(tmp_path):
    """The test above would pass on an empty package: show it catches a reader importing the
    model and a formatter importing the runner."""
    pkg = tmp_path / "audit"
    for rel, body in {
        "__init__.py": "",
        "read/__init__.py": "",
        "read/html/__init__.py": "",
        "read/html/reader.py": "from ...model.report import ReportModel\n",
        "model/__init__.py": "",
        "model/report.py": "from ..normalize import fold\n",
        "formatters/__init__.py": "",
        "formatters/sarif.py": "from ..run import baseline\n",
        "normalize.py": "",
    }.items():
        (pkg / rel).parent.mkdir(parents=True, exist_ok=True)
        (pkg / rel).write_text(body, encoding="utf-8")
    bad = backward_imports(pkg)
    assert sorted(b.split(" ")[0] for b in bad) == ["formatters/sarif.py:1", "read/html/reader.py:1"]


def test_no_module_prefix_stands_in_for_a_package():
    """``pdf_grid.py`` beside ``pdf.py`` is a package in disguise: make it ``pdf/grid.py``."""
    for folder in [PKG, *[p for p in PKG.rglob("*") if p.is_dir() and p.name != "__pycache__"]]:
        stems = {p.stem for p in folder.glob("*.py")} | {p.name for p in folder.iterdir() if p.is_dir()}
        prefixed = sorted(s for s in stems for other in stems
                          if s != other and s.startswith(other + "_"))
        assert prefixed == [], f"{folder.relative_to(PKG.parent)}: {prefixed}"


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
