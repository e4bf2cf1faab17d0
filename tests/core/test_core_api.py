"""The public API is pinned: what `paperlog` exports, and that importing it stays cheap."""

from __future__ import annotations

import json
import subprocess
import sys

import paperlog

PUBLIC_API = [
    "AmbiguousPaper",
    "Config",
    "ConfigError",
    "DuplicatePaper",
    "FieldError",
    "Filters",
    "Hit",
    "Index",
    "InvalidValue",
    "Library",
    "LibraryNotFound",
    "Loaded",
    "Paper",
    "PaperFileError",
    "PaperNotFound",
    "PaperlogError",
    "Results",
    "SourceError",
    "Stats",
    "Status",
    "WriteConflict",
    "__version__",
    "load_config",
    "import_paths",
    "resolve",
    "Enricher",
    "check_library",
    "ReadingGoal",
    "GoalProgress",
    "goal_progress",
    "render_notes",
    "build_site",
    "export_papers",
]


def test_all_is_pinned() -> None:
    assert sorted(paperlog.__all__) == sorted(PUBLIC_API)
    assert len(paperlog.__all__) == len(set(paperlog.__all__))


def test_every_name_resolves() -> None:
    for name in paperlog.__all__:
        value = getattr(paperlog, name)
        assert value is not None, name
        if name != "__version__":
            assert value.__name__ == name, name
            assert value.__module__.startswith("paperlog."), name


def test_exported_errors_share_one_base() -> None:
    for name in paperlog.__all__:
        value = getattr(paperlog, name)
        if isinstance(value, type) and issubclass(value, Exception):
            assert issubclass(value, paperlog.PaperlogError), name


def test_dir_lists_the_api() -> None:
    assert set(PUBLIC_API) <= set(dir(paperlog))


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        paperlog.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as error:
        assert "NoSuchThing" in str(error)
    else:
        raise AssertionError("paperlog.NoSuchThing did not raise")


def test_star_import_gives_exactly_the_api() -> None:
    namespace: dict[str, object] = {}
    exec("from paperlog import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == sorted(PUBLIC_API)


HEAVY = ["typer", "click", "rich", "ruamel", "ruamel.yaml", "httpx", "starlette", "jinja2", "markdown_it"]


def modules_after(code: str) -> list[str]:
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


def test_import_paperlog_imports_no_heavy_module() -> None:
    loaded = modules_after("import paperlog")
    assert [name for name in HEAVY if name in loaded] == []
    assert "paperlog.library" not in loaded  # lazy: nothing but the package itself


def test_using_the_library_api_needs_no_cli_framework() -> None:
    loaded = modules_after(
        "import pathlib, tempfile\n"
        "from paperlog import Library, Paper, Filters\n"
        "lib = Library.init(pathlib.Path(tempfile.mkdtemp()) / 'lib')\n"
        "lib.index.search('x', Filters())\n"
        "lib.papers_dir.joinpath('a.md').write_text('---\\ntitle: A\\n---\\n')\n"
        "list(lib.papers())"
    )
    for name in ("typer", "click", "rich"):
        assert name not in loaded, name
