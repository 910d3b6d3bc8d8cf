"""Settings: defaults that need nothing, a TOML file, then environment variables.

Order of precedence (later wins): built-in defaults, ``dronewatch.toml`` in the
working directory (or the file named by ``DRONEWATCH_CONFIG`` / ``--config``),
``DRONEWATCH_*`` environment variables, command-line options.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

DEFAULT_DB = "dronewatch.db"


@dataclass(frozen=True)
class IngestSettings:
    max_file_mb: float = 20.0
    near_duplicate_threshold: float = 0.5
    languages: tuple[str, ...] = ("en", "es", "uk", "ru", "pt", "fr", "de", "it")
    sources_file: str | None = None  # a user's own outlet grades, merged over the packaged ones
    workers: int = 1  # processes preparing documents (language id, MinHash); one process writes


@dataclass(frozen=True)
class ApiSettings:
    open_reads: bool = True  # reads without a token; writes always need an analyst token
    max_upload_mb: float = 10.0
    max_page: int = 500


@dataclass(frozen=True)
class ScreeningSettings:
    threshold: float = 0.80  # a match at or above this is reported as likely the same
    retention_days: int = 30  # rosters and their results are deleted after this many days
    max_hops: int = 3  # how far `paths` looks from a person or organisation to a flagged group


@dataclass(frozen=True)
class Config:
    db: str = DEFAULT_DB
    ingest: IngestSettings = field(default_factory=IngestSettings)
    api: ApiSettings = field(default_factory=ApiSettings)
    screening: ScreeningSettings = field(default_factory=ScreeningSettings)

    @property
    def db_url(self) -> str:
        """A SQLAlchemy URL; a bare path means a SQLite file."""
        if "://" in self.db:
            return self.db
        return f"sqlite:///{Path(self.db).expanduser()}"


ENV_PREFIX = "DRONEWATCH_"


def _coerce(value: str, default: Any, name: str) -> Any:
    """An environment string as the type of the setting's built-in default."""
    try:
        if isinstance(default, bool):
            return value.lower() in ("1", "true", "yes", "on")
        if isinstance(default, float):
            return float(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, tuple):
            return tuple(v.strip() for v in value.split(",") if v.strip())
    except ValueError as exc:
        raise ConfigError(f"{name}={value!r}: expected a {type(default).__name__}") from exc
    return value


def _check_type(value: Any, default: Any, where: str) -> Any:
    if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if default is None or isinstance(value, type(default)):
        return value
    raise ConfigError(f"{where}: expected a {type(default).__name__}, got {value!r}")


def _apply_section(obj: Any, data: dict[str, Any], where: str) -> Any:
    known = {f.name: f for f in fields(obj)}
    changes: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(known))})")
        current = getattr(obj, key)
        if isinstance(value, dict):
            changes[key] = _apply_section(current, value, f"{where}.{key}")
        elif isinstance(current, tuple) and isinstance(value, list):
            changes[key] = tuple(str(v) for v in value)
        else:
            changes[key] = _check_type(value, getattr(type(obj)(), key), f"{where}: {key}")
    return replace(obj, **changes)


def load_config(path: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Build the configuration; a missing default file is fine, a missing named file is not."""
    env = dict(os.environ) if env is None else env
    cfg = Config()
    named = path or env.get(ENV_PREFIX + "CONFIG")
    candidate = Path(named) if named else Path("dronewatch.toml")
    if candidate.exists():
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{candidate}: not valid TOML ({exc})") from exc
        cfg = _apply_section(cfg, data, str(candidate))
    elif named:
        raise ConfigError(f"{candidate}: configuration file not found")
    if ENV_PREFIX + "DB" in env:
        cfg = replace(cfg, db=env[ENV_PREFIX + "DB"])
    sections: dict[str, Any] = {}
    for section in ("ingest", "api", "screening"):
        current = getattr(cfg, section)
        defaults = type(current)()
        for f in fields(current):
            key = ENV_PREFIX + section.upper() + "_" + f.name.upper()
            if key in env:
                current = replace(current, **{f.name: _coerce(env[key], getattr(defaults, f.name), key)})
        sections[section] = current
    return replace(cfg, **sections)
