"""Where the dataset is: --data, else PLANS_DATA, else a config file, else data/parquet.

Config files, first found wins: --config FILE, $PLANS_CONFIG, ./plans.toml, then the nearest
pyproject.toml with a [tool.plans] table in this folder or a parent. Keys (`data`) are
relative to the file's folder:

    # plans.toml                     # pyproject.toml
    data = "/srv/plans/parquet"      [tool.plans]
                                     data = "data/parquet"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path("data/parquet")
ENV_DATA = "PLANS_DATA"
ENV_CONFIG = "PLANS_CONFIG"


class ConfigError(ValueError):
    """A config file that cannot be read or holds a key of the wrong type."""


@dataclass(frozen=True, slots=True)
class Config:
    """Settings read from a config file; `source` names the file (None: no file)."""

    data: Path | None = None
    source: Path | None = None


def find_config_file(given: Path | None = None, cwd: Path | None = None) -> Path | None:
    """The config file to read, or None."""
    if given is not None:
        return given
    if os.environ.get(ENV_CONFIG):
        return Path(os.environ[ENV_CONFIG])
    here = (cwd or Path.cwd()).resolve()
    if (here / "plans.toml").is_file():
        return here / "plans.toml"
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "tool" in _read(pyproject) and "plans" in _tool(pyproject):
            return pyproject
    return None


def _read(path: Path) -> dict[str, object]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the config file ({e})") from e


def _tool(path: Path) -> dict[str, object]:
    tool = _read(path).get("tool")
    plans = tool.get("plans") if isinstance(tool, dict) else None
    return plans if isinstance(plans, dict) else {}


def load_config(given: Path | None = None, cwd: Path | None = None) -> Config:
    """The settings of the config file in effect (an empty Config when there is none)."""
    path = find_config_file(given, cwd)
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    table = _tool(path) if path.name == "pyproject.toml" else _read(path)
    data = table.get("data")
    if data is not None and not isinstance(data, str):
        raise ConfigError(f"{path}: 'data' must be a string (a folder path)")
    folder = path.resolve().parent
    return Config(data=folder / data if data else None, source=path)


def data_dir(flag: Path | None, config: Config) -> Path:
    """The dataset folder: the --data/--out flag, $PLANS_DATA, the config file, the default."""
    if flag is not None:
        return flag
    if os.environ.get(ENV_DATA):
        return Path(os.environ[ENV_DATA])
    return config.data or DEFAULT_DATA
