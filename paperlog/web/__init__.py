"""The local web app: read, search and write notes in the browser (`paperlog serve`).

`paperlog.web.app.create_app(library)` builds the Starlette application;
`paperlog.cli.serving` runs it with uvicorn. See docs/web.md.
"""
