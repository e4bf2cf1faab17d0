"""`paperlog` and `python -m paperlog` start here.

`--version` is answered before the command framework is imported, so that scripts that
ask for it (and shell completions) pay for a bare Python start-up only.
"""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from paperlog import __version__

        sys.stdout.write(f"paperlog {__version__}\n")
        return
    from paperlog.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
