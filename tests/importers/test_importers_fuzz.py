"""Random Markdown-ish text: the importer never crashes and never loses a word."""

from __future__ import annotations

import random

from paperlog import frontmatter
from paperlog.importers import read_notebook, token_recall
from paperlog.importers.writer import note_file_text, paper_for

PIECES = [
    "# ", "## ", "- ", "* ", "1. ", "  ", "    ", "> ", "```\n", "~~~\n", "[a](http://x)", "[b]()",
    "《t》", "| a | b |\n|---|---|\n", "---\n", "+++\n", "<div>", "</div>", "$$", "\t", "**", "_", "`",
    "\n", "\n\n", "2023.6.18", "✅", ":star:", "[x] ", "[ ] ", "中文", "Title Of A Paper", "(3)",
    "https://arxiv.org/abs/1706.03762", "§", '"Quoted Title Here"', "[12] ", "<b>2022-05-29</b>\n",
    "（", "）", "http://[x]", "%", "Title\n===\n", "words here ", "[想法] ",
]


def test_random_notebooks_import_whole() -> None:
    rng = random.Random(20241124)
    for _ in range(300):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 80)))
        notebook = read_notebook(text, "random.md")
        written = []
        for record in notebook.papers:
            paper = paper_for(record, "random.md")
            written.append(frontmatter.render(paper.to_fields(), paper.notes))
        note = note_file_text(notebook, "random.md", [p.title for p in notebook.papers])
        written.append(note or "")
        recall = token_recall(text, written)
        assert recall.ratio == 1.0, (text, recall.missing)
