"""Shapes met in real notebooks the seeds do not show, each in a small notebook written here.

Links to the owner's own notes files, hard-wrapped preambles, prose paragraphs, a venue
after a comma, awesome-list entries spread over several paragraphs, legends under a
"Legend" heading, and papers whose link was left empty.
"""

from __future__ import annotations

from paperlog.importers import read_notebook
from paperlog.importers.records import ImportedPaper, Notebook
from paperlog.model import Status


def _read(text: str) -> Notebook:
    return read_notebook(text, "notebook.md")


def _paper(notebook: Notebook, start: str) -> ImportedPaper:
    found = [p for p in notebook.papers if p.title.startswith(start)]
    assert len(found) == 1, [p.title for p in notebook.papers]
    return found[0]


def test_task_list_of_names_linking_to_notes_files() -> None:
    notebook = _read(
        "# Reading\n\n"
        "- [x] [BERT](./notes/bert.md)\n"
        "- [x] [Two-Stream](notes/two_stream.md)\n"
        "- [ ] [DETR](./notes/detr.md)\n"
        "- [x] [视频论文串讲](./notes/video.md)\n"
        "- [ ] summarise the GNN papers\n"
    )
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("BERT", Status.READ), ("Two-Stream", Status.READ), ("DETR", Status.TO_READ),
    ]
    assert {o.kind for o in notebook.other} >= {"chore"}


def test_titles_linking_to_notes_in_a_repository_are_read_papers_not_repos() -> None:
    notebook = _read(
        "# My tracker\n\n## Calibration\n\n"
        "[Revisiting the Calibration of Modern Neural Networks]"
        "(https://github.com/someone/notes/blob/main/calib/Revisiting.md)\n\n"
        ":question: [Calibrating Deep Ensembles Under Shift]()\n\n"
        "[Temperature Scaling Revisited for Detection]()\n\n"
        "- [Conformal Prediction Under Covariate Shift]"
        "(https://github.com/someone/notes/blob/main/calib/Conformal.md), arXiv 2019 (4)\n"
        "- [A Toolkit for Calibration](https://github.com/someone/calib-toolkit)\n"
    )
    revisiting = _paper(notebook, "Revisiting the Calibration")
    assert (revisiting.status, revisiting.topics) == (Status.READ, ["Calibration"])
    assert _paper(notebook, "Calibrating Deep Ensembles").status is Status.TO_READ
    assert _paper(notebook, "Temperature Scaling").status is Status.TO_READ
    conformal = _paper(notebook, "Conformal Prediction")
    assert (conformal.status, conformal.year, conformal.venue, conformal.rating) == (
        Status.READ, 2019, "arXiv", 4
    )
    assert [o.kind for o in notebook.other if "Toolkit" in o.text] == ["repo"]


def test_hard_wrapped_preamble_states_the_linked_means_read_convention() -> None:
    notebook = _read(
        "Started after reading [a blog][1] about paper notes.\n\n"
        "These are my notes on papers. Each has a score from (1) to (5). The links\n"
        "go to my summaries where I wrote one, and the others are on my **TODO**\n"
        "list.\n\n"
        "## Robotics\n\n"
        "- [Learning Dexterous Grasping From Demonstrations]"
        "(https://github.com/me/notes/blob/master/grasping.md), CoRL 2018 (4)\n"
        "- Sim-to-Real Transfer of Robotic Control with Dynamics Randomization, ICRA 2018 (1)\n"
        "- Recurrent Policies for Partially Observed Control, Neural Computation 2006 (2)\n"
        "- A Survey of Robot Learning, ICLR Workshop 2016 (1)\n\n"
        "[1]: https://example.org/blog\n"
    )
    assert [p.title for p in notebook.papers] == [
        "Learning Dexterous Grasping From Demonstrations",
        "Sim-to-Real Transfer of Robotic Control with Dynamics Randomization",
        "Recurrent Policies for Partially Observed Control",
        "A Survey of Robot Learning",
    ]
    grasping, sim, recurrent, survey = notebook.papers
    assert (grasping.status, grasping.venue, grasping.year) == (Status.READ, "CoRL", 2018)
    assert (sim.status, sim.venue, sim.year, sim.rating) == (Status.TO_READ, "ICRA", 2018, 1)
    assert (recurrent.venue, recurrent.year) == ("Neural Computation", 2006)
    assert (survey.venue, survey.year) == ("ICLR Workshop", 2016)


def test_prose_lines_are_not_titles() -> None:
    notebook = _read(
        "# Notes\n\n"
        "### Sparse Networks Trained From Scratch\n"
        "https://arxiv.org/abs/1907.04840\n"
        "Interesting Results On Pruning Before Training Everything Else.\n"
        "I should try this on the small model next week\n"
        "with the same seeds as before.\n"
    )
    assert [p.title for p in notebook.papers] == ["Sparse Networks Trained From Scratch"]
    assert "I should try this" in notebook.papers[0].notes


def test_awesome_entries_spread_over_paragraphs_keep_authors_and_links() -> None:
    notebook = _read(
        "**[1] Adapters Everywhere: Tuning Few Parameters,** NeurIPS 2022.\n\n"
        "*Ann Author, Ben Writer.*\n\n"
        "[[Paper](https://arxiv.org/abs/2205.00001)]  [[Code](https://github.com/a/b)]\n\n"
        "**[2] Prompts for Frozen Encoders,** ECCV 2022.\n\n"
        "  *Carl Coder and others.*\n\n"
        "  [[Paper](https://arxiv.org/abs/2203.00002)]  [Code]\n"
    )
    first, second = notebook.papers
    assert (first.title, first.venue, first.year, first.ids) == (
        "Adapters Everywhere: Tuning Few Parameters", "NeurIPS", 2022, {"arxiv": "2205.00001"}
    )
    assert "Ann Author" in first.notes
    assert (second.title, second.venue, second.ids) == (
        "Prompts for Frozen Encoders", "ECCV", {"arxiv": "2203.00002"}
    )
    assert not [o for o in notebook.other if o.kind == "intro"]


def test_lines_under_a_legend_heading_explain_marks() -> None:
    notebook = _read(
        "# Tracker\n\n## Legend\n\n"
        "- ❓ **Plan to Read** → on the list\n"
        "- ✅ **Completed** → finished this week\n\n"
        "---\n\n## Vision\n\n"
        "✅ [Masked Autoencoders Are Scalable Vision Learners](https://arxiv.org/abs/2111.06377)\n\n"
        "❓ [Scaling Vision Transformers to Billions of Parameters]()\n"
    )
    assert [(p.title[:7], p.status) for p in notebook.papers] == [
        ("Masked ", Status.READ), ("Scaling", Status.TO_READ),
    ]
    assert [o.kind for o in notebook.other if o.line < 8] == ["title", "legend", "legend", "legend"]


def test_numbered_headings_in_a_run_are_papers_but_numbered_parts_of_one_paper_are_not() -> None:
    notebook = _read(
        "# Self-supervised learning, in order\n\n## Stage one\n\n"
        "## 1.InstDisc\n\n"
        "[Unsupervised Feature Learning via Non-Parametric Instance Discrimination]"
        "(https://arxiv.org/pdf/1805.01978.pdf)\n\nA memory bank of features.\n\n"
        "## 2.MoCo v1\n\nA queue and a momentum encoder.\n\n"
        "## Stage two\n\n"
        "## 3.SimCLR v1\n\nTwo views, one encoder, a projection head.\n\n"
        "## 4.BYOL\n\nNo negatives at all.\n"
    )
    assert [p.title for p in notebook.papers] == [
        "Unsupervised Feature Learning via Non-Parametric Instance Discrimination",
        "MoCo v1", "SimCLR v1", "BYOL",
    ]
    inst = notebook.papers[0]
    assert (inst.ids, inst.line, inst.topics) == ({"arxiv": "1805.01978"}, 5, [])
    assert "InstDisc" in inst.notes and "memory bank" in inst.notes
    assert "momentum encoder" in notebook.papers[1].notes

    one_paper = _read(
        "# Notes on a paper\n\n## 1. Introduction\n\nWhy it matters.\n\n"
        "## 2. Method\n\nHow it works.\n\n## 3. Experiments\n\nWhat it shows.\n"
    )
    assert all(p.title == "Notes on a paper" for p in one_paper.papers)
