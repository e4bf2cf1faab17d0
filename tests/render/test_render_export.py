"""Exports: BibTeX (re-parsed by bibtexparser), CSL-JSON (validated against the CSL
schema), RIS; stable citation keys; the CLI with filters."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from typer.testing import CliRunner

from paperlog.cli import app
from paperlog.errors import InvalidValue
from paperlog.export import export_papers
from paperlog.export.citekeys import base_key, citation_keys
from paperlog.export.kinds import Kind, kind_of, split_name
from paperlog.library import Library
from paperlog.model import Paper

runner = CliRunner()
CSL_SCHEMA = Path(__file__).parent / "schema" / "csl-data.json"


def _papers(library: Library) -> list[Paper]:
    return list(library.index.papers(sort="key"))


@pytest.mark.parametrize(("fmt", "name"), [("bibtex", "export.bib"), ("csl-json", "export.csl.json"),
                                           ("ris", "export.ris")])
def test_render_export_golden(render_library: Library, golden: Callable[[str, str], None],
                              fmt: str, name: str) -> None:
    golden(name, export_papers(_papers(render_library), fmt))


def test_render_export_bibtex_parses_back(render_library: Library) -> None:
    text = export_papers(_papers(render_library), "bibtex")
    parsed = bibtexparser.parse_string(text)
    assert not parsed.failed_blocks
    entries = {e.key: e for e in parsed.entries}
    assert len(entries) == 8
    attention = entries["vaswani2017attention"]
    assert attention.entry_type == "inproceedings"
    assert attention["booktitle"] == "NeurIPS"
    assert attention["author"] == "Vaswani, Ashish and Shazeer, Noam and Parmar, Niki and Uszkoreit, Jakob"
    assert entries["he2016deep"]["doi"] == "10.1109/CVPR.2016.90"
    assert entries["kingma2015adam"].entry_type == "misc"
    assert entries["kingma2015adam"]["eprint"] == "1412.6980"
    assert entries["huang2016deep"]["title"] == r"Deep Residual Networks with [Stochastic] Depth\_*"
    assert entries["teed2020raft"]["title"] == "{RAFT}: Recurrent All-Pairs Field Transforms for Optical Flow"
    assert entries["zhangsan2021ji"]["author"] == "{张三} and {李四}"  # keyed on the name in pinyin


def test_render_export_csl_json_is_valid_against_the_csl_schema(render_library: Library) -> None:
    items = json.loads(export_papers(_papers(render_library), "csl-json"))
    schema = json.loads(CSL_SCHEMA.read_text("utf-8"))
    jsonschema.Draft3Validator.check_schema(schema)
    jsonschema.Draft3Validator(schema).validate(items)
    by_id = {item["id"]: item for item in items}
    assert by_id["vaswani2017attention"]["type"] == "paper-conference"
    assert by_id["vaswani2017attention"]["issued"] == {"date-parts": [[2017]]}
    assert by_id["kingma2015adam"]["type"] == "article"
    assert by_id["kingma2015adam"]["number"] == "arXiv:1412.6980"
    assert by_id["he2016deep"]["DOI"] == "10.1109/CVPR.2016.90"
    assert {"literal": "张三"} in next(i for i in items if i["title"].startswith("基于"))["author"]


def test_render_export_csl_schema_rejects_a_broken_item() -> None:
    schema = json.loads(CSL_SCHEMA.read_text("utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft3Validator(schema).validate([{"id": "x", "type": "not-a-type"}])


def test_render_export_ris_records(render_library: Library) -> None:
    text = export_papers(_papers(render_library), "ris")
    records = [r for r in text.split("ER  - \n") if r.strip()]
    assert len(records) == 8
    for record in records:
        lines = record.strip("\n").split("\n")
        assert lines[0].startswith("TY  - ")
        assert all(len(line) >= 6 and line[2:6] == "  - " for line in lines)
    assert "TY  - CPAPER\nID  - vaswani2017attention\nTI  - Attention Is All You Need\n" in text


def test_render_export_citation_keys_are_stable_and_deduplicated() -> None:
    def paper(key: str, title: str, author: str = "Ashish Vaswani", year: int = 2017) -> Paper:
        return Paper(title=title, key=key, authors=[author], year=year)

    a = paper("2017-vaswani-attention-a", "Attention Is All You Need")
    b = paper("2017-vaswani-attention-b", "Attention in Context")
    c = paper("2017-vaswani-attention-c", "The Attention Trick")
    assert base_key(paper("k", "On the Importance of Being Earnest", "Gödel, Kurt", 1931)) == (
        "godel1931importance")
    assert citation_keys([a]) == {a.key: "vaswani2017attention"}
    keys = citation_keys([c, b, a])
    assert keys == {a.key: "vaswani2017attention", b.key: "vaswani2017attentiona",
                    c.key: "vaswani2017attentionb"}
    pinned = Paper(title="X", key="z", extra={"citekey": "my-key"})
    assert citation_keys([pinned]) == {"z": "my-key"}


@pytest.mark.parametrize(("name", "expected"), [
    ("Ashish Vaswani", ("Vaswani", "Ashish")), ("Vaswani, Ashish", ("Vaswani", "Ashish")),
    ("Ludwig van Beethoven", ("van Beethoven", "Ludwig")), ("张三", ("张三", "")),
    ("Diederik P. Kingma", ("Kingma", "Diederik P.")),
])
def test_render_export_split_name(name: str, expected: tuple[str, str]) -> None:
    assert split_name(name) == expected


def test_render_export_kinds() -> None:
    assert kind_of(Paper(title="t", venue="Proceedings of ACL")) is Kind.conference
    assert kind_of(Paper(title="t", venue="Nature")) is Kind.journal
    assert kind_of(Paper(title="t", venue="arXiv preprint", ids={"arxiv": "1"})) is Kind.preprint
    assert kind_of(Paper(title="t")) is Kind.other
    with pytest.raises(InvalidValue):
        export_papers([], "docx")


def test_render_export_cli_filters_and_output(render_library: Library, tmp_path: Path) -> None:
    root = str(render_library.root)
    result = runner.invoke(app, ["-L", root, "export", "bibtex", "--topic", "Vision", "--status", "read"])
    assert result.exit_code == 0, result.output
    keys = [e.key for e in bibtexparser.parse_string(result.output).entries]
    assert keys == ["he2016deep", "huang2016deep"]
    out = tmp_path / "refs.json"
    result = runner.invoke(app, ["-L", root, "export", "csl-json", "--year", "2020..", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote 3 papers" in result.output
    assert len(json.loads(out.read_text("utf-8"))) == 3
    result = runner.invoke(app, ["-L", root, "export", "endnote"])
    assert result.exit_code != 0


def test_render_export_as_a_subprocess(render_library: Library) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "paperlog", "-L", str(render_library.root), "export", "ris", "--tag",
         "classic"], capture_output=True, text=True, encoding="utf-8", check=True)
    assert done.stdout.count("TY  - ") == 2


@pytest.mark.parametrize(("fmt", "suffix"), [("bibtex", ".bib"), ("csl-json", ".json")])
def test_render_export_pandoc_cites_from_it(render_library: Library, tmp_path: Path, fmt: str,
                                            suffix: str) -> None:
    """Pandoc's citeproc reads the export and resolves every key (skipped without pandoc)."""
    import shutil

    pandoc = shutil.which("pandoc")
    if pandoc is None:
        pytest.skip("pandoc is not installed")
    bibliography = tmp_path / f"refs{suffix}"
    bibliography.write_text(export_papers(_papers(render_library), fmt), encoding="utf-8")
    document = tmp_path / "paper.md"
    document.write_text('---\nnocite: "@*"\n---\nAs in [@vaswani2017attention; @he2016deep].\n',
                        encoding="utf-8")
    done = subprocess.run([pandoc, str(document), "--citeproc", "--bibliography", str(bibliography),
                           "-t", "plain", "--wrap=none"],
                          capture_output=True, text=True, encoding="utf-8", check=True)
    assert "As in (Vaswani et al. 2017; He and Zhang 2016)." in done.stdout
    assert "not found" not in done.stderr
    assert done.stdout.count("\n\n") >= 8  # the eight papers are in the bibliography
    assert "Attention Is All You Need" in done.stdout and "基于深度学习的中文分词研究" in done.stdout
