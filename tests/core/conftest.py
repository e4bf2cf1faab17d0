"""Fixtures for the core tests: an environment that cannot leak in, and ways to run the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from paperlog.cli import app

REPO = Path(__file__).resolve().parents[2]


def _clean_environ(config_home: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PAPERLOG_")}
    for name in ("EDITOR", "VISUAL"):
        environ.pop(name, None)
    environ["XDG_CONFIG_HOME"] = str(config_home)
    environ["COLUMNS"] = "200"
    environ["NO_COLOR"] = "1"
    return environ


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No PAPERLOG_* variable, editor or user config file of the machine reaches a test."""
    config_home = tmp_path / "xdg-config"
    config_home.mkdir()
    for name in list(os.environ):
        if name.startswith("PAPERLOG_"):
            monkeypatch.delenv(name)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    monkeypatch.setenv("COLUMNS", "200")
    return config_home


@pytest.fixture
def cli(isolated_env: Path) -> Iterator[Callable[..., Result]]:
    """Run `paperlog ARGS...` in-process through Typer's runner (stdout and stderr apart)."""
    runner = CliRunner()

    def run(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, input=input)

    yield run


@pytest.fixture
def run_paperlog(isolated_env: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `python -m paperlog ARGS...` as a real process, in `cwd`, with extra `env`."""

    def run(
        *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        environ = _clean_environ(isolated_env)
        environ.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "paperlog", *args],
            cwd=cwd or REPO,
            env=environ,
            capture_output=True,
            text=True,
            encoding="utf-8",
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )

    return run
