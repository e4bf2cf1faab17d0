"""Configuration: defaults < user config < paperlog.toml < environment < flags."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from paperlog.config import Config, load_config, user_config_path
from paperlog.errors import ConfigError
from paperlog.library import Library


def write_user_config(config_home: Path, text: str) -> Path:
    path = config_home / "paperlog" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "lib"
    folder.mkdir()
    return folder


def test_defaults(root: Path, tmp_path: Path) -> None:
    config = load_config(None, environ={"XDG_CONFIG_HOME": str(tmp_path / "none")})
    assert config == Config()
    assert config.sources.timeout == 20.0
    assert config.web.port == 8765
    assert config.library.papers_dir == "papers"


def test_user_config_path_follows_xdg(tmp_path: Path) -> None:
    assert user_config_path({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "paperlog" / "config.toml"
    assert user_config_path({}).parts[-3:] == (".config", "paperlog", "config.toml")


def test_each_layer_overrides_the_one_before(root: Path, tmp_path: Path) -> None:
    home = tmp_path / "home-config"
    write_user_config(
        home,
        '[sources]\nmailto = "user@example.org"\ncache_days = 7\ntimeout = 5.0\n'
        '[web]\nport = 9001\nhost = "0.0.0.0"\n'
        '[library]\neditor = "user-editor"\n',
    )
    (root / "paperlog.toml").write_text(
        '[sources]\nmailto = "library@example.org"\ncache_days = 14\n[web]\nport = 9002\n',
        encoding="utf-8",
    )
    environ = {"XDG_CONFIG_HOME": str(home), "PAPERLOG_CACHE_DAYS": "21", "PAPERLOG_PORT": "9003"}
    config = load_config(root, environ=environ, overrides={"web": {"port": 9004}})

    assert config.sources.timeout == 5.0  # user file only
    assert config.web.host == "0.0.0.0"  # user file only
    assert config.library.editor == "user-editor"
    assert config.sources.mailto == "library@example.org"  # library beats user
    assert config.sources.cache_days == 21  # environment beats library (and is made an int)
    assert config.web.port == 9004  # flags beat environment
    assert config.sources.offline is False  # default

    without_flags = load_config(root, environ=environ)
    assert without_flags.web.port == 9003
    without_env = load_config(root, environ={"XDG_CONFIG_HOME": str(home)})
    assert (without_env.web.port, without_env.sources.cache_days) == (9002, 14)
    without_library = load_config(None, environ={"XDG_CONFIG_HOME": str(home)})
    assert (without_library.web.port, without_library.sources.mailto) == (9001, "user@example.org")


def test_environment_values_are_typed(root: Path, tmp_path: Path) -> None:
    environ = {
        "XDG_CONFIG_HOME": str(tmp_path / "none"),
        "PAPERLOG_OFFLINE": "yes",
        "PAPERLOG_EDITOR": "nano -w",
        "PAPERLOG_MAILTO": "me@example.org",
    }
    config = load_config(root, environ=environ)
    assert config.sources.offline is True
    assert config.library.editor == "nano -w"
    assert config.sources.mailto == "me@example.org"
    assert load_config(root, environ={**environ, "PAPERLOG_OFFLINE": "0"}).sources.offline is False
    assert load_config(root, environ={**environ, "PAPERLOG_OFFLINE": ""}).sources.offline is False


def test_bad_environment_value_names_the_setting(root: Path, tmp_path: Path) -> None:
    environ = {"XDG_CONFIG_HOME": str(tmp_path / "none"), "PAPERLOG_PORT": "eighty"}
    with pytest.raises(ConfigError, match=r"web\.port.*'eighty'"):
        load_config(root, environ=environ)


def test_unknown_key_in_library_file_names_file_and_key(root: Path, tmp_path: Path) -> None:
    (root / "paperlog.toml").write_text("[library]\nname = 'x'\ncolour = 'blue'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(root, environ={"XDG_CONFIG_HOME": str(tmp_path / "none")})
    assert caught.value.path == root / "paperlog.toml"
    assert caught.value.key == "library.colour"
    assert str(caught.value).startswith(f"{root / 'paperlog.toml'}: library.colour: unknown setting")


def test_unknown_key_in_user_file_names_file_and_key(root: Path, tmp_path: Path) -> None:
    path = write_user_config(tmp_path / "home", "[web]\nprot = 1\n")
    with pytest.raises(ConfigError) as caught:
        load_config(root, environ={"XDG_CONFIG_HOME": str(tmp_path / "home")})
    assert caught.value.path == path
    assert caught.value.key == "web.prot"


def test_invalid_toml_names_the_file(root: Path, tmp_path: Path) -> None:
    (root / "paperlog.toml").write_text("[library\nname = \n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(root, environ={"XDG_CONFIG_HOME": str(tmp_path / "none")})
    assert caught.value.path == root / "paperlog.toml"
    assert "invalid TOML" in str(caught.value)


def test_unknown_sections_are_kept(root: Path, tmp_path: Path) -> None:
    (root / "paperlog.toml").write_text("[plugin]\nanswer = 42\n", encoding="utf-8")
    config = load_config(root, environ={"XDG_CONFIG_HOME": str(tmp_path / "none")})
    assert config.other["plugin"] == {"answer": 42}


def test_library_find_uses_the_layers(root: Path, tmp_path: Path) -> None:
    Library.init(root)
    (root / "paperlog.toml").write_text('[library]\nname = "Mine"\n[web]\nport = 9100\n', encoding="utf-8")
    library = Library.find(
        path=root,
        environ={"XDG_CONFIG_HOME": str(tmp_path / "none"), "PAPERLOG_PORT": "9200"},
        overrides={"sources": {"offline": True}},
    )
    assert library.config.library.name == "Mine"
    assert library.config.web.port == 9200
    assert library.config.sources.offline is True


def test_papers_dir_setting_moves_the_papers(root: Path, tmp_path: Path) -> None:
    Library.init(root)
    (root / "paperlog.toml").write_text('[library]\npapers_dir = "notes"\n', encoding="utf-8")
    (root / "notes").mkdir()
    (root / "notes" / "a.md").write_text("---\ntitle: In notes\n---\n", encoding="utf-8")
    library = Library.find(path=root, environ={"XDG_CONFIG_HOME": str(tmp_path / "none")})
    assert library.index.keys() == ["a"]
    assert library.resolve("notes/a.md") == "a"
    library.index.close()


def test_cli_reports_config_error_in_one_line(root: Path, cli: Callable[..., Result]) -> None:
    Library.init(root)
    (root / "paperlog.toml").write_text("[library]\ncolour = 'blue'\n", encoding="utf-8")
    result = cli("--library", str(root), "list")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {root / 'paperlog.toml'}: library.colour: unknown setting")
    assert "Traceback" not in result.output


def test_cli_flag_beats_environment(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--offline` is a flag layered over PAPERLOG_OFFLINE=0."""
    from paperlog.cli._common import State

    Library.init(root)
    monkeypatch.setenv("PAPERLOG_OFFLINE", "0")
    assert State(root, offline=True).library().config.sources.offline is True
    assert State(root, offline=False).library().config.sources.offline is False
