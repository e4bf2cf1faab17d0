"""The typed configuration, and where each setting comes from.

Precedence, lowest first (each layer overrides the ones before it):

1. defaults (the dataclass fields below);
2. the user's file, `$XDG_CONFIG_HOME/paperlog/config.toml` (`~/.config/...`);
3. the library's `paperlog.toml`;
4. environment variables (`PAPERLOG_*`, listed in `ENVIRONMENT`);
5. command-line flags (passed to `load_config` as `overrides`).

The core never reads the environment itself: the CLI and the web app call `load_config`
once and pass the resulting `Config` down.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from paperlog.errors import ConfigError

CONFIG_FILE = "paperlog.toml"

#: Environment variable -> (section, key).
ENVIRONMENT = {
    "PAPERLOG_EDITOR": ("library", "editor"),
    "PAPERLOG_MAILTO": ("sources", "mailto"),
    "PAPERLOG_OFFLINE": ("sources", "offline"),
    "PAPERLOG_CACHE_DAYS": ("sources", "cache_days"),
    "PAPERLOG_PORT": ("web", "port"),
}


@dataclass(frozen=True)
class LibrarySettings:
    name: str = "Papers"
    papers_dir: str = "papers"
    editor: str | None = None
    insight_markers: tuple[str, ...] = ("[想法]", "[idea]", "[Idea]", "[insight]")


@dataclass(frozen=True)
class SourceSettings:
    mailto: str | None = None
    timeout: float = 20.0
    cache_days: int = 30
    offline: bool = False
    order: tuple[str, ...] = ("arxiv", "crossref", "doi", "semanticscholar", "openalex", "dblp")


@dataclass(frozen=True)
class WebSettings:
    host: str = "127.0.0.1"
    port: int = 8765


@dataclass(frozen=True)
class Config:
    library: LibrarySettings = field(default_factory=LibrarySettings)
    sources: SourceSettings = field(default_factory=SourceSettings)
    web: WebSettings = field(default_factory=WebSettings)
    #: Sections paperlog does not model (kept for plug-ins and later versions).
    other: Mapping[str, Any] = field(default_factory=dict)


_SECTIONS = {"library": LibrarySettings, "sources": SourceSettings, "web": WebSettings}


def user_config_path(environ: Mapping[str, str]) -> Path:
    base = environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "paperlog" / "config.toml"


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", path=path) from None


def load_config(
    root: Path | None,
    *,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> Config:
    """Build the configuration for the library at `root` (None: no library yet)."""
    environ = os.environ if environ is None else environ
    config = Config()
    layers: list[tuple[Mapping[str, Any], Path | None]] = []
    user_file = user_config_path(environ)
    layers.append((read_toml(user_file), user_file))
    if root is not None:
        layers.append((read_toml(root / CONFIG_FILE), root / CONFIG_FILE))
    env_layer: dict[str, dict[str, Any]] = {}
    for variable, (section, key) in ENVIRONMENT.items():
        if variable in environ and environ[variable] != "":
            env_layer.setdefault(section, {})[key] = environ[variable]
    layers.append((env_layer, None))
    if overrides:
        layers.append((overrides, None))
    for layer, path in layers:
        config = _apply(config, layer, path)
    return config


def _apply(config: Config, layer: Mapping[str, Any], path: Path | None) -> Config:
    other = dict(config.other)
    for section, values in layer.items():
        if section not in _SECTIONS:
            other[section] = values
            continue
        if not isinstance(values, Mapping):
            raise ConfigError("must be a table", path=path, key=section)
        current = getattr(config, section)
        known = {f.name: f for f in fields(current)}
        updates = {}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(
                    f"unknown setting (known: {', '.join(known)})", path=path, key=f"{section}.{key}"
                )
            if value is None:
                continue
            updates[key] = _coerce(value, getattr(current, key), f"{section}.{key}", path)
        config = replace(config, **{section: replace(current, **updates)})
    return replace(config, other=other)


def _coerce(value: Any, default: Any, key: str, path: Path | None) -> Any:
    """Settings from the environment arrive as text; bring them to the default's type."""
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                if value.lower() in {"1", "true", "yes", "on"}:
                    return True
                if value.lower() in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(value)
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                return tuple(part.strip() for part in value.split(",") if part.strip())
            return tuple(value)
    except (TypeError, ValueError):
        raise ConfigError(f"invalid value {value!r}", path=path, key=key) from None
    return value
