"""Third round of real notebook shapes, each in a small notebook written here.

One paragraph per paper, each a name linking to the owner's notes file in a repository
(some with `❓` marks, some with links still empty, some wrapped over two lines).
"""

from __future__ import annotations

from paperlog.importers import read_notebook
from paperlog.importers.records import ImportedPaper, Notebook
from paperlog.model import Status

NOTES = "https://github.com/someone/reading/blob/main/tta/"


def _read(text: str) -> Notebook:
    return read_notebook(text, "notebook.md")


def _paper(notebook: Notebook, start: str) -> ImportedPaper:
    found = [p for p in notebook.papers if p.title.startswith(start)]
    assert len(found) == 1, [p.title for p in notebook.papers]
    return found[0]


def test_a_paragraph_before_a_link_to_a_notes_file_is_not_taken_for_a_repository() -> None:
    # The next paragraph's link ends in `.md)`: a notes file, not a repository page.
    notebook = _read(
        "## Test-time adaptation\n\n"
        "❓[Tent: Fully Test-Time Adaptation by Entropy Minimization]()\n\n"
        f"[Efficient Test-Time Model Adaptation without Forgetting]({NOTES}EATA.md)\n\n"
        ":question: [Generalization to Out-of-Distribution transformations]()\n\n"
        f"[Continual Test-Time Domain Adaptation]({NOTES}CoTTA.md) Read, write-up pending\n\n"
        f"[Source-Free Domain Adaptation via Target Prediction Distribution Searching]({NOTES}S.md)\n"
    )
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("Tent: Fully Test-Time Adaptation by Entropy Minimization", Status.TO_READ),
        ("Efficient Test-Time Model Adaptation without Forgetting", Status.READ),
        ("Generalization to Out-of-Distribution transformations", Status.TO_READ),
        ("Continual Test-Time Domain Adaptation", Status.READ),
        ("Source-Free Domain Adaptation via Target Prediction Distribution Searching", Status.READ),
    ]
    assert _paper(notebook, "Continual").notes == "Read, write-up pending"
    assert _paper(notebook, "Tent").notes == ""


def test_a_lower_case_name_counts_when_its_notes_file_bears_it() -> None:
    notebook = _read(
        "## Normalization\n\n"
        f"[Test-time batch normalization]({NOTES}Test-time%20batch%20normalization.md)\n\n"
        f"[my scratch pad]({NOTES}scratch.md)\n"
    )
    assert [p.title for p in notebook.papers] == ["Test-time batch normalization"]


def test_a_link_whose_text_wraps_over_two_lines_is_one_paper() -> None:
    notebook = _read(
        "## Robustness\n\n"
        "[Test time Adaptation through Perturbation\n"
        f"Robustness]({NOTES}Perturbation%20robustness.md)\n\n"
        f"[On Pitfalls of Test-Time Adaptation]({NOTES}Pitfalls.md)\n"
    )
    assert [(p.title, p.line) for p in notebook.papers] == [
        ("Test time Adaptation through Perturbation Robustness", 3),
        ("On Pitfalls of Test-Time Adaptation", 6),
    ]
    assert notebook.papers[0].url is None
    assert notebook.papers[0].notes == ""


def test_paper_lines_with_no_blank_line_between_them_are_each_a_paper() -> None:
    notebook = _read(
        "## Test-time adaptation\n\n"
        "❓ [Tent: Fully Test-Time Adaptation by Entropy Minimization](https://arxiv.org/abs/2006.10726)\n"
        "✅ [Efficient Test-Time Model Adaptation without Forgetting](https://arxiv.org/abs/2204.02610)\n"
        f"✔️[Continual Test-Time Domain Adaptation]({NOTES}CoTTA.md)\n\n"
        "[Revisiting Batch Normalization for Practical Domain Adaptation](https://arxiv.org/abs/1603.04779)\n"
        "a remark under it, written without a blank line\n"
    )
    assert [(p.title, p.status, p.line) for p in notebook.papers] == [
        ("Tent: Fully Test-Time Adaptation by Entropy Minimization", Status.TO_READ, 3),
        ("Efficient Test-Time Model Adaptation without Forgetting", Status.READ, 4),
        ("Continual Test-Time Domain Adaptation", Status.READ, 5),
        ("Revisiting Batch Normalization for Practical Domain Adaptation", Status.READ, 7),
    ]
    assert [p.notes for p in notebook.papers[:3]] == ["", "", ""]
    assert notebook.papers[3].notes == "a remark under it, written without a blank line"


def test_a_short_unlinked_title_cited_with_venue_and_year_and_arxiv_without_a_year() -> None:
    notebook = _read(
        "## Program synthesis\n\n"
        "- Neural Programmer-Interpreters, ICLR 2016 (3)\n"
        f"- [Progressive Neural Networks]({NOTES}Progressive_Neural_Networks.md), arXiv (4)\n"
        "- Pixel Recurrent Neural Networks, arXiv (2)\n"
        "- Summer reading, 2016\n"
    )
    assert [(p.title, p.venue, p.year, p.rating) for p in notebook.papers] == [
        ("Neural Programmer-Interpreters", "ICLR", 2016, 3),
        ("Progressive Neural Networks", "arXiv", None, 4),
        ("Pixel Recurrent Neural Networks", "arXiv", None, 2),
    ]
    assert [p.notes for p in notebook.papers[:2]] == ["", ""]
