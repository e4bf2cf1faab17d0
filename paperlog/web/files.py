"""Files inside the library folder (figures in notes, local PDFs), and nothing outside it.

`/files/<path>` serves a plain file under the library root. `..`, encoded or not,
absolute paths, hidden folders (`.paperlog/`, `.git/`) and symlinks that lead out of the
library are refused with 404. Served files run sandboxed: an SVG or HTML file from the
library cannot run script in the app's origin.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from paperlog.library import Library
from paperlog.web.security import safe_file

SANDBOX = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; media-src 'self'"


async def library_file(request: Request) -> Response:
    library: Library = request.app.state.library
    relative = str(request.path_params["path"])
    target = safe_file(library.root, relative)
    if target is None:
        raise HTTPException(404, f"no file {relative!r} in the library")
    return FileResponse(
        target,
        headers={"content-security-policy": SANDBOX, "cache-control": "no-cache"},
    )


routes = [Route("/files/{path:path}", library_file, name="files")]
