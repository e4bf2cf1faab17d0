"""Fourth round of real notebook shapes, each in a small notebook written here.

A weekly work log whose dated sections list chores and diary lines, a topic list whose
entries carry a month, `[[arxiv](...)]`-style link labels and a `[note]` link to the
owner's notes file, under headings that link to a folder.
"""

from __future__ import annotations

from paperlog.importers import read_notebook
from paperlog.importers.records import Notebook
from paperlog.model import Status

NOTES = "https://github.com/someone/papernotes/blob/master/recsys/"


def _read(text: str) -> Notebook:
    return read_notebook(text, "notebook.md")


def test_diary_lines_under_a_date_are_not_papers() -> None:
    notebook = _read(
        "### Update 2019/04/03\n\n"
        "* I spent the week moving the solver to the new cluster\n"
        "  * the old build scripts needed new paths\n"
        "* Rebuild my environment on the lab machine\n"
        "* Get the plotting scripts running from a cron job\n"
        "* Move the analysis code to its own module\n\n"
        "### Update 2019/03/27\n\n"
        "* Attention Is All You Need\n"
        "* Deep Residual Learning for Image Recognition\n"
    )
    assert [(p.title, str(p.read_on)) for p in notebook.papers] == [
        ("Attention Is All You Need", "2019-03-27"),
        ("Deep Residual Learning for Image Recognition", "2019-03-27"),
    ]


def test_month_prefix_link_labels_and_a_note_link() -> None:
    notebook = _read(
        "## [recommender systems](https://github.com/someone/papernotes/tree/master/recsys)\n"
        "* _2016.09_ Deep Neural Networks for YouTube Recommendations "
        "\\[[research](https://static.example.com/pubs/45530.pdf)\\] "
        f"\\[[note]({NOTES}Deep%20Neural%20Networks%20for%20YouTube%20Recommendations.md)\\]\n"
        "* _2016.06_ Wide & Deep Learning for Recommender Systems "
        "\\[[arxiv](https://arxiv.org/abs/1606.07792)\\] "
        f"\\[[note]({NOTES}wide-deep.md)\\]\n"
        "* _2018.01_ From Eliza to XiaoIce: Challenges and Opportunities with Social Chatbots "
        "\\[[arxiv](https://arxiv.org/abs/1801.01957)\\]\n"
    )
    got = [(p.title, p.year, p.status, p.topics) for p in notebook.papers]
    assert got == [
        ("Deep Neural Networks for YouTube Recommendations", 2016, Status.READ,
         ["recommender systems"]),
        ("Wide & Deep Learning for Recommender Systems", 2016, Status.READ,
         ["recommender systems"]),
        ("From Eliza to XiaoIce: Challenges and Opportunities with Social Chatbots", 2018,
         Status.TO_READ, ["recommender systems"]),
    ]
    assert notebook.papers[0].url == "https://static.example.com/pubs/45530.pdf"


def test_several_link_labels_in_one_pair_of_brackets() -> None:
    notebook = _read(
        "#### 2017-03\n\n"
        "- Massive Exploration of Neural Machine Translation Architectures "
        "[[arXiv](https://arxiv.org/abs/1703.03906), [github](https://github.com/google/seq2seq)]\n"
        "- Generating Factoid Questions With Recurrent Neural Networks "
        "[[arXiv](https://arxiv.org/abs/1603.06807), [corpora](http://data.example.org), "
        "[review slides](http://slides.example.com/s/1)]\n"
    )
    assert [p.title for p in notebook.papers] == [
        "Massive Exploration of Neural Machine Translation Architectures",
        "Generating Factoid Questions With Recurrent Neural Networks",
    ]
    assert notebook.papers[1].ids.get("arxiv") == "1603.06807"


def test_a_one_word_name_linking_to_a_notes_folder_beside_the_notebook() -> None:
    notebook = _read(
        "### 2025\n"
        "- [x] [DINOv3](2025/DINOv3/)\n"
        "  - self-supervised features that stay sharp at high resolution\n"
        "- [x] [Segment Anything](2023/Segment_Anything/)\n"
        "- [ ] [Visual Instruction Tuning](2023/Visual_Instruction_Tuning/)\n"
    )
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("DINOv3", Status.READ),
        ("Segment Anything", Status.READ),
        ("Visual Instruction Tuning", Status.TO_READ),
    ]
