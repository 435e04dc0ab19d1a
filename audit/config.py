"""Configuration: discovery, validation, profiles, and the settings the engine runs with.

Order (interface.md): ``--config FILE``; else, walking up from the working directory and
stopping at the first directory that has one, ``xxgk-audit.toml``, then ``pyproject.toml``
``[tool.xxgk-audit]``, then ``setup.cfg [xxgk-audit]``. A pyproject.toml or setup.cfg without our
section is not a hit (most projects have one). Unknown keys, unknown codes and unknown
profiles are errors (``PackError`` → exit 2), never silently ignored.

Precedence: command line > config file > profile > pack defaults. ``--select`` replaces the
configured selection; ignores add up (profile, config, command line); ignore wins over select.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .checks.engine import Settings
from .checks.packs import PackError, RulePack, builtin_sources, parse_sources, validate

SECTION = "xxgk-audit"


@dataclass
class Config:
    data: dict = field(default_factory=dict)
    source: str | None = None  # the file it came from, for messages


def _toml(path: Path) -> dict:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError) as err:
        raise PackError(f"{path}: not valid TOML: {err or type(err).__name__}") from None
    except OSError as err:
        raise PackError(f"{path}: cannot read: {err.strerror or err}") from None


def _cfg_list(text: str) -> list[str]:
    return [x.strip() for x in text.replace("\n", ",").split(",") if x.strip()]


def _setup_cfg(path: Path) -> dict | None:
    """``[xxgk-audit]`` of an INI file; lists are comma or newline separated, severities are
    ``CODE:severity`` pairs. Profiles cannot be written in INI: use a TOML file for those."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as err:
        raise PackError(f"{path}: not a valid setup.cfg: {err}") from None
    if not parser.has_section(SECTION):
        return None
    out: dict = {}
    for key, raw in parser.items(SECTION):
        if key in ("select", "ignore"):
            out[key] = _cfg_list(raw)
        elif key == "severity":
            pairs = [p.split(":", 1) for p in _cfg_list(raw)]
            if any(len(p) != 2 for p in pairs):
                raise PackError(f"{path}: [{SECTION}] severity: write CODE:severity pairs")
            out[key] = {c.strip(): s.strip() for c, s in pairs}
        elif key == "jobs":
            out[key] = int(raw) if raw.strip().isdigit() else raw
        elif key == "timeout":
            try:
                out[key] = float(raw)
            except ValueError:
                out[key] = raw  # the schema then names the bad value
        else:
            out[key] = raw.strip()
    return out


def read_file(path: Path) -> dict:
    """The configuration dict of one explicitly named file."""
    if not path.is_file():
        raise PackError(f"{path}: configuration file not found")
    if path.suffix in (".cfg", ".ini"):
        data = _setup_cfg(path)
        if data is None:
            raise PackError(f"{path}: no [{SECTION}] section")
        return data
    if path.suffix in (".yaml", ".yml"):
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as err:
            first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise PackError(f"{path}: not valid YAML: {first}") from None
        if not isinstance(data, dict):
            raise PackError(f"{path}: expected a mapping of settings")
        return data
    data = _toml(path)
    if path.name == "pyproject.toml":
        return _tool_section(data) or {}
    return data


def _tool_section(data: dict):
    """``[tool.xxgk-audit]`` of a pyproject.toml, or None (``tool`` may be anything at all)."""
    tool = data.get("tool")
    return tool.get(SECTION) if isinstance(tool, dict) else None


def _names_us(path: Path, needle: str = SECTION) -> bool:
    """Whether a shared file (pyproject.toml, setup.cfg) can have our section at all: most
    projects' files do not, and parsing them costs a TOML or INI parser import at every start.
    Any spelling of the TOML table names us; an INI section header is exactly ``[xxgk-audit]``."""
    try:
        with open(path, "rb") as fh:
            return needle.encode() in fh.read()
    except OSError:
        return True  # let the parser report it


def discover(cwd: str | os.PathLike | None = None) -> tuple[Path, dict] | None:
    here = Path(cwd or os.getcwd()).resolve()
    for d in [here, *here.parents]:
        own = d / "xxgk-audit.toml"
        if own.is_file():
            return own, _toml(own)
        py = d / "pyproject.toml"
        if py.is_file() and _names_us(py):
            section = _tool_section(_toml(py))
            if section is not None:
                return py, section
        cfg = d / "setup.cfg"
        if cfg.is_file() and _names_us(cfg, f"[{SECTION}]"):
            data = _setup_cfg(cfg)
            if data is not None:
                return cfg, data
    return None


def load_config(path: str | None = None, cwd=None) -> Config:
    if path:
        found = (Path(path), read_file(Path(path)))
    else:
        found = discover(cwd)
    if not found:
        return Config()
    where, data = found
    validate(data, "config.schema.json", str(where))
    for key, check in (("jobs", check_jobs), ("timeout", check_timeout),
                       ("max-memory", check_memory)):
        if key in data:
            data[key] = check(data[key], f"{where}: {key}")
    return Config(data=data, source=str(where))


# --- numbers from the command line or a config file: exit 2 with one line, never a traceback --

def limits_for(config: Config, *, timeout=None, max_memory=None, jobs=None) -> dict:
    """The run's limits: each from the command line, else the config, else the default;
    checked (PackError). ``runner.run`` takes them as keyword arguments."""
    from .run.limits import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT

    data = config.data
    timeout = check_timeout(timeout) if timeout is not None else data.get("timeout", DEFAULT_TIMEOUT)
    memory = check_memory(max_memory) if max_memory is not None else \
        data.get("max-memory", DEFAULT_MAX_MEMORY)
    return {"jobs": check_jobs(jobs) if jobs is not None else data.get("jobs"),
            "timeout": timeout or None, "max_memory": memory or None}


MAX_TIMEOUT = 7 * 86400  # seconds; beyond this the OS wait calls overflow, and no parse is that slow


def check_timeout(value, where: str = "--timeout") -> float:
    """Seconds per file: a finite number from 0 (no limit) to a week."""
    try:
        t = float(value)
    except (TypeError, ValueError):
        raise PackError(f"{where}: {value!r} is not a number of seconds") from None
    if isinstance(value, bool) or t != t or not 0 <= t <= MAX_TIMEOUT:
        raise PackError(f"{where}: {value!r} must be a number of seconds from 0 (no limit) "
                        f"to {MAX_TIMEOUT}")
    return t


def check_jobs(value, where: str = "--jobs") -> int:
    """A whole number of workers, at least 1 (2.0 in a TOML file is a float: refused)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise PackError(f"{where}: {value!r} must be a whole number of workers, at least 1")
    return value


def check_memory(value, where: str = "--max-memory") -> int:
    """Bytes per worker from ``1G``, ``512M``, a number of bytes, or 0 (no limit)."""
    from .run.limits import parse_size

    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise PackError(f"{where}: {value!r} is not a size (e.g. 1G, 512M, 0 for no limit)")
    try:
        return parse_size(value)
    except ValueError as err:
        raise PackError(f"{where}: {err}") from None


def builtin_profiles() -> dict[str, dict]:
    """The profiles shipped in ``rules/profiles``. Like the built-in packs they are validated by
    the test suite, not at every start (jsonschema's import alone outweighs a whole check)."""
    sources = builtin_sources("profiles")
    return {name[:-5]: data or {}
            for (name, _), data in zip(sources, parse_sources(sources, "profiles"))}


def resolve_profile(name: str, user: dict, where: str = "profile") -> dict:
    """A profile with its ``extends:`` chain applied: {select, ignore, severity}."""
    builtin = builtin_profiles()
    for n in user:
        if n in builtin:
            raise PackError(f"{where}: profiles: {n!r} is a built-in profile; choose another name")
    every = {**builtin, **user}
    chain, seen = [], set()
    while name:
        if name in seen:
            raise PackError(f"{where}: profile {name!r} extends itself")
        if name not in every:
            raise PackError(f"{where}: unknown profile {name!r} (known: {', '.join(sorted(every))})")
        seen.add(name)
        prof = every[name]
        if name not in builtin:
            validate({"profiles": {name: prof}}, "config.schema.json", where)
        chain.append(prof)
        name = prof.get("extends")
    out = {"select": None, "ignore": [], "severity": {}}
    for prof in reversed(chain):  # base first, so the named profile wins
        if prof.get("select") is not None:
            out["select"] = prof["select"]
        out["ignore"] += prof.get("ignore", [])
        out["severity"].update(prof.get("severity", {}))
    return out


def _split(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return _cfg_list(value)
    return [x for v in value for x in _cfg_list(v)]


def settings_for(pack: RulePack, config: Config, *, select=None, ignore=None, profile=None,
                 fail_on=None, lang=None, published=None, previous=None, pdf_engine=None) -> Settings:
    """Merge pack, profile, config file and command line into the engine's Settings."""
    data, where = config.data, config.source or "configuration"
    prof = resolve_profile(profile or data.get("profile") or "default",
                           data.get("profiles", {}), where)
    chosen = _split(select) or data.get("select") or prof["select"]
    enabled = set(pack.expand(chosen, "--select" if select else where)) if chosen else \
        {r.code for r in pack.rules}
    for what, items in (("profile", prof["ignore"]), (where, data.get("ignore", [])),
                        ("--ignore", _split(ignore))):
        enabled -= set(pack.expand(items, what))
    severity = {}
    for what, table in (("profile", prof["severity"]), (where, data.get("severity", {}))):
        for ref, sev in table.items():
            for code in pack.expand([ref], f"{what}: severity"):
                severity[code] = sev
    return Settings(enabled=enabled, severity=severity,
                    lang=lang or data.get("lang") or "zh",
                    fail_on=fail_on or data.get("fail-on") or "error",
                    published=published, previous=previous, read=_read_options(data, pdf_engine))


def _read_options(data: dict, pdf_engine=None) -> dict:
    """Reader settings from the command line or the config file (``pdf-engine``)."""
    engine = pdf_engine or data.get("pdf-engine")
    return {"pdf": {"engine": engine}} if engine else {}
