"""Rule packs: load ``rules/*.yaml`` (installed as ``audit.packs``), validate, and look rules up.

Packs are data only: they are parsed with PyYAML's safe loader (libyaml's C one when PyYAML
was built with it), validated against ``schemas/rulepack.schema.json`` and cross-checked against
the check registry. Nothing in a pack is evaluated or imported. Any problem raises ``PackError``
naming the file, the rule and the key; the command line turns it into exit status 2.

Start-up cost: the built-in packs ship with the tool and cannot change after installation, so
they are validated by the test suite (``tests/test_engine.py``), not at every start: the schema
check (jsonschema and its imports) cost more than the whole check of a portal page. Packs given
as ``sources`` (tests, a user's own) are always validated.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

CODE = re.compile(r"^[STPCNXE][0-9]{0,3}$")
SEVERITIES = ["error", "warning", "info"]
DOC_SECTIONS = ["what", "why", "example", "fix", "basis"]


class PackError(Exception):
    """A rule pack, profile or configuration that cannot be used (exit status 2)."""


@dataclass
class Rule:
    code: str
    name: str
    severity: str
    check: str
    message: dict
    docs: dict
    params: dict = field(default_factory=dict)
    applies: dict = field(default_factory=dict)
    aliases: list = field(default_factory=list)
    blocks: list = field(default_factory=list)  # code prefixes made not_assessable on failure
    pack: str = ""

    def doc(self, section: str, lang: str = "zh") -> str:
        docs = self.docs.get(lang) or {}
        return docs.get(section) or self.docs["zh"].get(section, "")

    def summary(self, lang: str = "zh") -> str:
        return self.doc("what", lang).strip().split("\n")[0]


@dataclass
class RulePack:
    rules: list[Rule]

    def __post_init__(self):
        self.by_code = {r.code: r for r in self.rules}

    def get(self, ref: str) -> Rule | None:
        """A rule by code, name or alias."""
        if ref in self.by_code:
            return self.by_code[ref]
        return next((r for r in self.rules if ref == r.name or ref in r.aliases), None)

    def match(self, selector: str) -> list[str]:
        """Codes selected by a code, a code prefix (T, T20) or a name; [] when none."""
        sel = selector.strip()
        rule = self.get(sel)
        if rule:
            return [rule.code]
        if CODE.match(sel.upper()):
            return [r.code for r in self.rules if r.code.startswith(sel.upper())]
        return []

    def expand(self, selectors, what: str) -> list[str]:
        out = []
        for sel in selectors:
            codes = self.match(sel)
            if not codes:
                raise PackError(f"{what}: unknown rule code or name {sel!r}")
            out += [c for c in codes if c not in out]
        return out


def data_dir(package: str) -> Path:
    """The folder of a data package (``audit.packs``, ``audit.schemas``). Not
    ``importlib.resources.files``: its import alone costs ~8 ms of every start, and the tool is
    never run from a zip file."""
    from importlib import import_module

    return Path(import_module(package).__file__).parent


def _schema(name: str) -> dict:
    return json.loads((data_dir("audit.schemas") / name).read_text(encoding="utf-8"))


def validate(data, schema_name: str, where: str, label=None) -> None:
    """Validate with JSON Schema; raise PackError for the first problem, phrased for a person.
    ``label(path)`` names the item an error is in (a rule code for packs)."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(_schema(schema_name))
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    err = _deepest(errors[0])
    path = list(err.absolute_path)
    who = label(path) if label else None
    keys = [str(p) for p in path[2:]] if who else [str(p) for p in path]
    extra = re.findall(r"'([^']+)' (?:was|were) unexpected", err.message) or \
        re.findall(r"\('([^']+)'", err.message)
    if err.validator == "additionalProperties" and extra:
        msg = f'unknown key "{extra[0]}"'
    elif err.validator == "required":
        msg = err.message.replace(" is a required property", " is required")
    else:
        msg = err.message
    prefix = ": ".join(x for x in [where, who, ".".join(keys)] if x)
    raise PackError(f"{prefix}: {msg}")


def _deepest(err):
    """For if/then and oneOf failures, the most specific sub-error explains best."""
    while err.context:
        err = sorted(err.context, key=lambda e: -len(e.absolute_path))[0]
    return err


def safe_yaml(text: str):
    """``yaml.safe_load`` through libyaml's C loader when available (about 8× faster on the
    packs); the same safe subset of YAML either way."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _rules_of(name: str, data, check: bool = True) -> list[Rule]:
    def label(path):
        if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
            item = data["rules"][path[1]]
            return item.get("code", f"rule #{path[1] + 1}") if isinstance(item, dict) else None
        return None

    if check:
        validate(data, "rulepack.schema.json", f"rules/{name}", label)
    return [Rule(pack=name, **item) for item in data["rules"]]


def builtin_sources(sub: str = "") -> list[tuple[str, str]]:
    root = data_dir("audit.packs") / sub
    return sorted((p.name, p.read_text(encoding="utf-8"))
                  for p in root.iterdir() if p.name.endswith(".yaml"))


def _parse(name: str, text: str):
    import yaml

    try:
        return safe_yaml(text)
    except yaml.YAMLError as err:
        raise PackError(f"rules/{name}: not valid YAML: {err}") from None


def parse_sources(sources: list[tuple[str, str]], kind: str | None = None) -> list:
    """The YAML data of each source; ``kind``: the built-in ones, through ``compiled``'s cache."""
    if kind is None:
        return [_parse(name, text) for name, text in sources]
    from .compiled import parsed

    return parsed(kind, sources, _parse)


def load_pack(sources: list[tuple[str, str]] | None = None, validate_schema: bool | None = None
              ) -> RulePack:
    """Load every pack (``sources`` = [(file name, YAML text)] for tests), in file order.
    ``validate_schema``: default yes for given sources, no for the built-in packs (see above)."""
    from .registry import REGISTRY

    builtin = sources is None
    if validate_schema is None:
        validate_schema = not builtin
    if builtin:
        sources = builtin_sources()
    rules: list[Rule] = []
    datas = parse_sources(sources, "packs" if builtin else None)
    for (name, _text), data in zip(sources, datas):
        rules += _rules_of(name, data, validate_schema)
    seen: dict[str, str] = {}
    for r in rules:
        if r.check not in REGISTRY:
            raise PackError(f"rules/{r.pack}: {r.code}: check: no check named {r.check!r}")
        for ref in [r.code, r.name, *r.aliases]:
            if ref in seen:
                raise PackError(f"rules/{r.pack}: {r.code}: {ref!r} already used by {seen[ref]}")
            seen[ref] = r.code
    order = {c: i for i, c in enumerate("STPCNXE")}  # catalogue order for listings
    rules.sort(key=lambda r: (order[r.code[0]], r.code))
    return RulePack(rules)


_CACHE: dict = {}


def default_pack() -> RulePack:
    if "pack" not in _CACHE:
        _CACHE["pack"] = load_pack()
    return _CACHE["pack"]
