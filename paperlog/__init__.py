"""paperlog: a local-first, Markdown-native notebook for the papers you read.

The public API is what `__all__` lists. Names are imported on first use, so that
`import paperlog` (and the CLI's start-up) stays cheap.

    >>> from paperlog import Library
    >>> library = Library.find()                      # doctest: +SKIP
    >>> library.index.search("attention").total       # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Library": "paperlog.library",
    "Loaded": "paperlog.library",
    "Paper": "paperlog.model",
    "Status": "paperlog.model",
    "Index": "paperlog.index",
    "Filters": "paperlog.index",
    "Hit": "paperlog.index",
    "Results": "paperlog.index",
    "Stats": "paperlog.index",
    "Config": "paperlog.config",
    "load_config": "paperlog.config",
    "PaperlogError": "paperlog.errors",
    "LibraryNotFound": "paperlog.errors",
    "ConfigError": "paperlog.errors",
    "PaperFileError": "paperlog.errors",
    "FieldError": "paperlog.errors",
    "InvalidValue": "paperlog.errors",
    "PaperNotFound": "paperlog.errors",
    "AmbiguousPaper": "paperlog.errors",
    "DuplicatePaper": "paperlog.errors",
    "WriteConflict": "paperlog.errors",
    "SourceError": "paperlog.errors",
    "import_paths": "paperlog.importers",
    "resolve": "paperlog.sources",
    "Enricher": "paperlog.enrich",
    "check_library": "paperlog.check",
    "ReadingGoal": "paperlog.goals",
    "GoalProgress": "paperlog.goals",
    "goal_progress": "paperlog.goals",
    "render_notes": "paperlog.markdown",
    "build_site": "paperlog.render.site",
    "export_papers": "paperlog.export",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

if TYPE_CHECKING:
    from paperlog.check import check_library
    from paperlog.config import Config, load_config
    from paperlog.enrich import Enricher
    from paperlog.errors import (
        AmbiguousPaper,
        ConfigError,
        DuplicatePaper,
        FieldError,
        InvalidValue,
        LibraryNotFound,
        PaperFileError,
        PaperlogError,
        PaperNotFound,
        SourceError,
        WriteConflict,
    )
    from paperlog.export import export_papers
    from paperlog.goals import GoalProgress, ReadingGoal, goal_progress
    from paperlog.importers import import_paths
    from paperlog.index import Filters, Hit, Index, Results, Stats
    from paperlog.library import Library, Loaded
    from paperlog.markdown import render_notes
    from paperlog.model import Paper, Status
    from paperlog.render.site import build_site
    from paperlog.sources import resolve


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'paperlog' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
