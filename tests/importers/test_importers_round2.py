"""More shapes of real notebooks, each in a small notebook written here.

Chinese tables with a "阅读" (read) column and a legend written at the end of the post,
rows that link a paper's name to the owner's write-up, `Title:` / `Paper:` labels,
diary lines about reading, book lists, and first-person posts that are about no paper.
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


def test_a_read_column_with_check_marks_gives_the_status_and_a_list_heading_is_no_topic() -> None:
    notebook = _read(
        "## 论文阅读列表\n\n"
        "| 编号 | 文章名称 | 分类 | 阅读 | 上传 |\n"
        "| :--: | --- | --- | :--: | :--: |\n"
        "| 1 | **Deep Residual Learning for Image Recognition** | CNN | ✔ | ❌ |\n"
        "| 2 | **Attention Is All You Need** | Transformer | ❌ | ❌ |\n"
    )
    assert [(p.title, p.status, p.topics) for p in notebook.papers] == [
        ("Deep Residual Learning for Image Recognition", Status.READ, ["CNN"]),
        ("Attention Is All You Need", Status.TO_READ, ["Transformer"]),
    ]


def test_a_legend_at_the_end_explains_marks_used_above_it() -> None:
    notebook = _read(
        "## Vision\n\n"
        "| ID | 状态 | 收录日期 | 完成日期 | 论文标题 |\n"
        "|---|---|---|---|---|\n"
        "| 1 | ⏳ | 2024-11-05 | - | Masked Autoencoders Are Scalable Vision Learners |\n"
        "| 2 | ✅ | 2024-11-05 | 2024-11-20 | [Emerging Properties in Self-Supervised Vision "
        "Transformers](https://someone.github.io/posts/dino/) |\n\n"
        "## 图例说明：\n"
        "- ⏳ 待读\n"
        "- ✅ 已完成\n"
    )
    mae = _paper(notebook, "Masked Autoencoders")
    dino = _paper(notebook, "Emerging Properties")
    assert (mae.status, dino.status) == (Status.TO_READ, Status.READ)
    # The day it went on the list is a note; the day it was finished is the read date.
    assert mae.read_on is None and "收录日期: 2024-11-05" in mae.notes
    assert dino.read_on is not None and dino.read_on.isoformat() == "2024-11-20"
    assert "https://someone.github.io/posts/dino/" in dino.links


def test_a_pdf_kept_on_a_project_site_is_a_paper_not_a_blog() -> None:
    notebook = _read(
        "| Paper | Link |\n|---|---|\n"
        "| **A Survey of Efficient Attention Methods** | [PDF](https://survey.github.io/files/survey.pdf) |\n"
        "| **Some Blog Post About Kernels** | [Post](https://someone.github.io/kernels/) |\n"
    )
    assert [p.title for p in notebook.papers] == ["A Survey of Efficient Attention Methods"]


def test_title_and_paper_labels_are_not_part_of_the_title() -> None:
    notebook = _read(
        "<b>2022-05-29</b><br>\n\n"
        '<i>Title</i>: <a href="https://arxiv.org/pdf/2110.05025.pdf">Self-supervised Learning is '
        "More Robust to Dataset Imbalance</a> (ICLR 2022)<br>\n"
        "<i>Comments</i>:<br>\n"
        "I liked the toy example with half-black images.\n\n"
        "### Day 2: 2018-01-06\n"
        "**Paper: [Relaxed Lasso](http://stat.example.edu/~someone/relaxo.pdf)** by N. Meinshausen\n\n"
        "Read the first two sections.\n"
    )
    assert [p.title for p in notebook.papers] == [
        "Self-supervised Learning is More Robust to Dataset Imbalance", "Relaxed Lasso",
    ]
    lasso = _paper(notebook, "Relaxed Lasso")
    assert lasso.read_on is not None and lasso.read_on.isoformat() == "2018-01-06"


def test_diary_lines_about_reading_are_not_titles() -> None:
    notebook = _read(
        "## Log\n\n"
        "### Day 1: 2017-12-18 Monday\n\n"
        "* Started reading paper: Adaptive Designs for Clinical Trials\n"
        "* Created slides to present the paper at the group meeting\n\n"
        "### Day 9: 2018-12-03 Monday\n\n"
        "* Read paper and write proposal 2 hours\n"
    )
    assert notebook.papers == []
    assert {o.kind for o in notebook.other} >= {"study-note"}


def test_books_on_a_book_catalogue_are_not_papers() -> None:
    notebook = _read(
        "The books I read this year:\n\n"
        "* 23-10-25 | [The Plague](https://www.goodreads.com/book/show/11989.The_Plague) | Rating: 4\n"
        "* 23-10-23 | [Animal Farm](https://www.goodreads.com/book/show/170448.Animal_Farm) | Rating: 4\n"
    )
    assert notebook.papers == []
    assert {o.kind for o in notebook.other} >= {"book"}


def test_a_first_person_post_is_not_the_notes_of_one_paper() -> None:
    notebook = _read(
        "+++\ntitle = \"My Year of Reading in 2023\"\ndate = 2024-01-29\n+++\n\n"
        "This year I read more than last year, and want to read more next year.\n"
    )
    assert notebook.papers == []


def test_a_term_glued_to_a_sentence_in_another_script_is_no_title() -> None:
    notebook = _read(
        "---\ntitle: DiffSensei - Bridging Multi-Modal LLMs and Diffusion Models for Manga\n---\n\n"
        "## 评估\n"
        "- Fréchet Inception Distance得分（FID）\n"
        "- CLIP Score\n"
    )
    assert [p.title for p in notebook.papers] == [
        "DiffSensei - Bridging Multi-Modal LLMs and Diffusion Models for Manga"
    ]
