"""Everything paperlog generates from the library: README, reading log, plots, static site.

- `readme.py`  the library as a reading list (`paperlog render readme`)
- `log.py`     a dated reading log, newest first (`paperlog render log`)
- `plots.py`   SVG goal bars and charts, drawn in Python through templates
- `site.py`    the static HTML site (`paperlog site build`), rebuilt incrementally;
  `site_pages.py` renders one paper (in worker processes for big builds),
  `site_cache.py` remembers each paper between builds, `search_index.py` feeds search
- `output.py`  writing generated text into user files between markers, atomically
- `templating.py`  the Jinja2 environment: the library's `templates/` overrides ours

Exports to citation formats live in `paperlog.export`; Markdown to HTML in
`paperlog.markdown`.
"""
