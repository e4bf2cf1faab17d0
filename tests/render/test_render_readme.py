"""`paperlog render readme`: the reading list, its counts, markers, goals and templates."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from paperlog.cli import app
from paperlog.errors import PaperlogError
from paperlog.library import Library
from paperlog.render.output import BEGIN, END
from paperlog.render.readme import GroupBy, render_readme, write_readme

runner = CliRunner()


@pytest.mark.parametrize("by", list(GroupBy))
def test_render_readme_golden(render_library: Library, golden: Callable[[str, str], None],
                              by: GroupBy) -> None:
    rendered = render_readme(render_library, render_library.root / "README.md", by=by)
    golden(f"readme_by_{by.value}.md", rendered.text)


def test_render_readme_golden_with_notes_and_goals_svg(
    render_library: Library, golden: Callable[[str, str], None]
) -> None:
    rendered = render_readme(render_library, render_library.root / "README.md", notes_lines=2)
    golden("readme_notes.md", rendered.text)
    assert rendered.goals_svg is not None
    golden("README.goals.svg", rendered.goals_svg)


def test_render_readme_counts_are_true(render_library: Library) -> None:
    text = render_readme(render_library, render_library.root / "README.md").text
    assert "**8 papers** · 4 read · 1 reading · 1 to read · 1 dropped · 1 without a status" in text
    headings = dict(re.findall(r"^## (.+) \((\d+)\)$", text, re.M))
    assert headings["Vision / Backbones"] == "2"
    assert headings["NLP / Transformers"] == "1"
    assert headings["Unsorted"] == "1"
    assert headings["Still to read"] == "2"
    # Every paper line under a section is counted by that section's heading.
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        match = re.match(r"(.+) \((\d+)\)\n", section)
        if match and match.group(1) not in ("Still to read",):
            assert len(re.findall(r"^- ", section, re.M)) == int(match.group(2))


def test_render_readme_is_valid_markdown_a_reader_can_follow(render_library: Library) -> None:
    text = render_readme(render_library, render_library.root / "README.md", notes_lines=1).text
    html = MarkdownIt("commonmark").enable("table").render(text)
    # Titles with Markdown characters are shown as written, not as emphasis or links.
    assert "Deep Residual Networks with [Stochastic] Depth_*" in html
    assert '<a href="https://arxiv.org/abs/1706.03762">Attention Is All You Need</a>' in html
    assert '<a href="papers/2017-vaswani-attention-is-all-you-need.md">notes</a>' in html
    assert '<img src="README.goals.svg" alt="101 papers: 4 of 101; Vision in 2024: 2 of 2"' in html
    assert "<em>" not in html
    # The contents links point at the anchors GitHub gives the headings.
    anchors = re.findall(r"\]\(#([^)]+)\)", text)
    assert "vision--backbones-2" in anchors and "still-to-read-2" in anchors


def test_render_readme_regenerating_is_idempotent_and_keeps_user_text(render_library: Library) -> None:
    readme = render_library.root / "README.md"
    assert write_readme(render_library, readme) == [readme, readme.with_name("README.goals.svg")]
    first = readme.read_text("utf-8")
    assert write_readme(render_library, readme) == []
    assert readme.read_text("utf-8") == first

    readme.write_text("# My reading\n\nWhy I keep this list.\n\n" + first + "\nLicence: CC-BY.\n",
                      encoding="utf-8")
    render_library.update("2020-teed-raft-recurrent-all-pairs-field-transforms-for-optical",
                          {"status": "read", "read_on": "2024-04-01"})
    assert write_readme(render_library, readme) == [readme, readme.with_name("README.goals.svg")]
    text = readme.read_text("utf-8")
    assert text.startswith("# My reading\n\nWhy I keep this list.\n\n" + BEGIN)
    assert text.endswith(END + "\n\nLicence: CC-BY.\n")
    assert "**8 papers** · 5 read" in text


def test_render_readme_refuses_a_file_without_markers_unless_forced(render_library: Library) -> None:
    readme = render_library.root / "README.md"
    readme.write_text("# Someone's own README\n", encoding="utf-8")
    with pytest.raises(PaperlogError, match="no paperlog markers"):
        write_readme(render_library, readme)
    assert readme.read_text("utf-8") == "# Someone's own README\n"
    write_readme(render_library, readme, force=True)
    assert readme.read_text("utf-8").startswith(BEGIN)


def test_render_readme_uses_the_library_template(render_library: Library) -> None:
    templates = render_library.root / "templates"
    templates.mkdir()
    (templates / "readme.md.j2").write_text(
        "<!-- paperlog:begin -->\n{{ list.total }} papers, {{ list.pending | length }} pending\n"
        "<!-- paperlog:end -->\n", encoding="utf-8")
    text = render_readme(render_library, render_library.root / "README.md").text
    assert text == "<!-- paperlog:begin -->\n8 papers, 2 pending\n<!-- paperlog:end -->\n"


def test_render_readme_cli(render_library: Library, tmp_path: Path) -> None:
    result = runner.invoke(app, ["-L", str(render_library.root), "render", "readme", "--by", "year",
                                 "--notes", "1"])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output
    text = (render_library.root / "README.md").read_text("utf-8")
    assert "## 2020 (2)" in text
    result = runner.invoke(app, ["-L", str(render_library.root), "render", "readme", "--by", "year",
                                 "--notes", "1"])
    assert "up to date" in result.output
    out = tmp_path / "elsewhere" / "LIST.md"
    result = runner.invoke(app, ["-L", str(render_library.root), "render", "readme", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "(../lib/papers/2017-vaswani-attention-is-all-you-need.md)" in out.read_text("utf-8")
    assert (out.parent / "LIST.goals.svg").is_file()


def test_render_readme_cli_error_is_one_line(render_library: Library) -> None:
    (render_library.root / "README.md").write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["-L", str(render_library.root), "render", "readme"])
    assert result.exit_code == 1
    assert "error:" in result.output and "no paperlog markers" in result.output


def test_render_readme_links_only_web_addresses(render_library: Library) -> None:
    render_library.update("2019-jain-attention-is-not-explanation", {"url": "javascript:alert(1)"})
    text = render_readme(render_library, render_library.root / "README.md").text
    assert "javascript" not in text
    assert "- 2019 · Attention Is Not Explanation\n" in text
