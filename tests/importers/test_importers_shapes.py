"""Shapes met in real notebooks the seeds do not show, each in a small notebook written here.

Links to the owner's own notes files (in a repository, a folder beside the notebook, or a
`[note]` link), hard-wrapped preambles, prose and diary lines that are not titles, a venue
after a comma, awesome-list entries spread over several paragraphs, legends (under a
"Legend" heading, or at the end of a post), papers whose link was left empty, Chinese
tables with a read column, `Title:` labels, book lists, one paper per paragraph, month
prefixes and link labels such as `[[arxiv](...)]`; links into the notebook's own repository,
code links shaped like papers, and links that name no paper (posts, gists, overview notes).
"""

from __future__ import annotations

from paperlog.importers import import_notebook, read_notebook
from paperlog.importers.records import ImportedPaper, Notebook
from paperlog.library import Library
from paperlog.model import Paper, Status

TTA_NOTES = "https://github.com/someone/reading/blob/main/tta/"
RECSYS_NOTES = "https://github.com/someone/papernotes/blob/master/recsys/"


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


def test_a_paragraph_before_a_link_to_a_notes_file_is_not_taken_for_a_repository() -> None:
    # The next paragraph's link ends in `.md)`: a notes file, not a repository page.
    notebook = _read(
        "## Test-time adaptation\n\n"
        "❓[Tent: Fully Test-Time Adaptation by Entropy Minimization]()\n\n"
        f"[Efficient Test-Time Model Adaptation without Forgetting]({TTA_NOTES}EATA.md)\n\n"
        ":question: [Generalization to Out-of-Distribution transformations]()\n\n"
        f"[Continual Test-Time Domain Adaptation]({TTA_NOTES}CoTTA.md) Read, write-up pending\n\n"
        f"[Source-Free Domain Adaptation via Target Prediction Distribution Searching]({TTA_NOTES}S.md)\n"
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
        f"[Test-time batch normalization]({TTA_NOTES}Test-time%20batch%20normalization.md)\n\n"
        f"[my scratch pad]({TTA_NOTES}scratch.md)\n"
    )
    assert [p.title for p in notebook.papers] == ["Test-time batch normalization"]


def test_a_link_whose_text_wraps_over_two_lines_is_one_paper() -> None:
    notebook = _read(
        "## Robustness\n\n"
        "[Test time Adaptation through Perturbation\n"
        f"Robustness]({TTA_NOTES}Perturbation%20robustness.md)\n\n"
        f"[On Pitfalls of Test-Time Adaptation]({TTA_NOTES}Pitfalls.md)\n"
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
        f"✔️[Continual Test-Time Domain Adaptation]({TTA_NOTES}CoTTA.md)\n\n"
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
        f"- [Progressive Neural Networks]({TTA_NOTES}Progressive_Neural_Networks.md), arXiv (4)\n"
        "- Pixel Recurrent Neural Networks, arXiv (2)\n"
        "- Summer reading, 2016\n"
    )
    assert [(p.title, p.venue, p.year, p.rating) for p in notebook.papers] == [
        ("Neural Programmer-Interpreters", "ICLR", 2016, 3),
        ("Progressive Neural Networks", "arXiv", None, 4),
        ("Pixel Recurrent Neural Networks", "arXiv", None, 2),
    ]
    assert [p.notes for p in notebook.papers[:2]] == ["", ""]


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
        f"\\[[note]({RECSYS_NOTES}Deep%20Neural%20Networks%20for%20YouTube%20Recommendations.md)\\]\n"
        "* _2016.06_ Wide & Deep Learning for Recommender Systems "
        "\\[[arxiv](https://arxiv.org/abs/1606.07792)\\] "
        f"\\[[note]({RECSYS_NOTES}wide-deep.md)\\]\n"
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


def test_dated_pipe_records_in_or_out_of_backticks() -> None:
    notebook = _read(
        "# Reading log\n\n"
        "Format: `YYYY-MM-DD | Title | Link | Notes`\n\n"
        "## March 2024\n\n"
        "- `2024-03-02 | BERT | https://arxiv.org/abs/1810.04805 | masked LM pretraining | try it`\n"
        "- 2024-03-09 | [Deep Residual Learning for Image Recognition]"
        "(https://arxiv.org/abs/1512.03385) | [link] | skip connections everywhere\n"
        "- `2024-03-10 | GPT-3 | [link] | few-shot prompting`\n\n"
        "`2024-03-11 | Adam: A Method for Stochastic Optimization | https://arxiv.org/abs/1412.6980 | bias`\n"
        "2024-03-13 | Dropout | https://jmlr.org/papers/v15/srivastava14a.html | co-adaptation\n\n"
        "- Rebuild the cluster scripts\n"
    )
    found = [(p.title, p.read_on.isoformat() if p.read_on else None, p.url) for p in notebook.papers]
    assert found == [
        ("BERT", "2024-03-02", "https://arxiv.org/abs/1810.04805"),
        ("Deep Residual Learning for Image Recognition", "2024-03-09",
         "https://arxiv.org/abs/1512.03385"),
        ("GPT-3", "2024-03-10", None),
        ("Adam: A Method for Stochastic Optimization", "2024-03-11", "https://arxiv.org/abs/1412.6980"),
        ("Dropout", "2024-03-13", "https://jmlr.org/papers/v15/srivastava14a.html"),
    ]
    assert _paper(notebook, "BERT").notes == "masked LM pretraining | try it"
    assert _paper(notebook, "GPT-3").notes == "few-shot prompting"
    assert _paper(notebook, "Deep Residual").ids == {"arxiv": "1512.03385"}


def test_goals_ticked_off_with_a_bold_status_word_are_chores() -> None:
    notebook = _read(
        "# Weekly updates\n\n### Update 2016/07/27\n\n"
        "Goals from last week:\n"
        "* **Completed** Prepare for the interviews\n"
        "* **Not Completed** Merge the current branches into my dev branch\n"
        "* [**Started**] Port the solver to the new cluster\n"
        "* **Done** Continue reading Importance: The Adjoint\n"
        "* **Done** Attention Is All You Need\n"
        "* **Not done** [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n"
    )
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("Attention Is All You Need", Status.READ),
        ("Deep Residual Learning for Image Recognition", Status.TO_READ),
    ]
    chores = [o.text for o in notebook.other if o.kind == "chore"]
    assert len(chores) == 4, chores


def test_an_html_list_of_papers_with_details_blocks_for_notes() -> None:
    notebook = _read(
        "# Paper notes\n\n### 2024\n"
        "<ul>\n"
        '  <li><details><summary><a href="https://arxiv.org/abs/2010.11929">'
        "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale</a></summary>\n"
        "    <ul>\n"
        "      <li>patches as tokens, no convolutions at all</li>\n"
        "      <li>needs a lot of pretraining data</li>\n"
        "    </ul>\n"
        "  </details></li>\n"
        '  <li><a href="2024/DUSt3R/">DUSt3R: Geometric 3D Vision Made Easy</a></li>\n'
        '  <li><a href="https://github.com/someone/tool">A handy tool</a></li>\n'
        "</ul>\n\n"
        '<div align="center"><img src="logo.png"></div>\n'
    )
    titles = [(p.title, p.topics, p.status) for p in notebook.papers]
    assert titles == [
        ("An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale", ["2024"],
         Status.READ),
        ("DUSt3R: Geometric 3D Vision Made Easy", ["2024"], Status.READ),
    ]
    vit = notebook.papers[0]
    assert vit.ids == {"arxiv": "2010.11929"}
    assert "patches as tokens" in vit.notes and "</details>" in vit.notes
    assert "A handy tool" in notebook.leftover


def test_a_source_column_gives_the_paper_link_and_stays_in_the_notes() -> None:
    notebook = _read(
        "# 论文阅读记录\n\n"
        "| 日期 | 论文 | 来源 | 一句话总结 |\n| --- | --- | --- | --- |\n"
        "| 2024-05-02 | Segment Anything | [arXiv:2304.02643](https://arxiv.org/abs/2304.02643)"
        " | 提示分割 |\n"
        "| 2024-05-09 | Visual Instruction Tuning | 本地 PDF | 多模态指令数据 |\n"
    )
    sam = _paper(notebook, "Segment Anything")
    assert (sam.url, sam.ids) == ("https://arxiv.org/abs/2304.02643", {"arxiv": "2304.02643"})
    assert sam.read_on is not None and sam.read_on.isoformat() == "2024-05-02"
    assert "来源: [arXiv:2304.02643]" in sam.notes
    llava = _paper(notebook, "Visual Instruction Tuning")
    assert llava.url is None and "来源: 本地 PDF" in llava.notes


# -- one paper per paragraph (date prefix, `Title by Authors`, status glyphs), headings
# -- that are a link to a PDF, table-of-contents siblings, year headings in a month log


def test_dated_paragraphs_each_name_a_paper_with_its_authors_and_date() -> None:
    notebook = _read(
        "# Morning reading\n\n## Papers\n\n"
        "__2016-05-02 (holiday)__: [Deep Residual Learning for Image Recognition]"
        "(https://arxiv.org/abs/1512.03385) by Kaiming He, Xiangyu Zhang, Shaoqing Ren,"
        " and Jian Sun :tada:\n\n"
        "__2016-05-03__: [Batch Normalization: Accelerating Deep Network Training]"
        "(https://arxiv.org/abs/1502.03167) by Sergey Ioffe, Christian Szegedy :question:\n\n"
        "The whitening part took me two passes, I still have doubts.\n\n"
        "__2016-05-04__: [Dropout: A Simple Way to Prevent Neural Networks from Overfitting]"
        "(www.jmlr.org/papers/volume15/srivastava14a/srivastava14a.pdf) by Nitish Srivastava"
        " et al. :smile:\n"
    )
    resnet, batchnorm, dropout = notebook.papers
    assert (resnet.title, resnet.authors, resnet.status) == (
        "Deep Residual Learning for Image Recognition",
        ["Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun"], Status.READ,
    )
    assert resnet.read_on is not None and resnet.read_on.isoformat() == "2016-05-02"
    assert resnet.notes == "(holiday)"  # the remark as written, brackets and all
    # A question mark in a dated log: read that day, with questions left (kept as a tag).
    assert (batchnorm.status, batchnorm.tags) == (Status.READ, ["question"])
    assert batchnorm.authors == ["Sergey Ioffe", "Christian Szegedy"]
    assert batchnorm.notes == "The whitening part took me two passes, I still have doubts."
    # A link written without `https://` is still the paper's link; `et al.` is no author.
    assert (dropout.title[:7], dropout.authors, dropout.status) == ("Dropout", ["Nitish Srivastava"],
                                                                     Status.READ)
    assert dropout.read_on is not None and dropout.read_on.isoformat() == "2016-05-04"
    assert "by Nitish Srivastava et al." in dropout.head


def test_a_question_mark_in_an_undated_list_stays_to_read() -> None:
    notebook = _read(
        "## Queue\n\n- :question: [Neural Ordinary Differential Equations]"
        "(https://arxiv.org/abs/1806.07366) by Ricky T. Q. Chen\n"
    )
    (paper,) = notebook.papers
    assert (paper.status, paper.tags, paper.authors) == (Status.TO_READ, [], ["Ricky T. Q. Chen"])


def test_paragraphs_of_italic_titles_by_authors_are_a_list_with_their_notes() -> None:
    notebook = _read(
        "# Classics to read\n\n### systems\n"
        " *The UNIX Time-Sharing System* by Dennis M. Ritchie and Ken Thompson - 🔘\n\n"
        " *A Relational Model of Data for Large Shared Data Banks* by E. F. Codd - ✅\n\n"
        "Read it on the train; the normal forms section is the heart of it.\n\n"
        " *Reflections on Trusting Trust* by Ken Thompson - ☐\n\n"
        " [*The Byzantine Generals Problem*](https://dl.acm.org/doi/10.1145/357172.357176)"
        " by Leslie Lamport, Robert Shostak, Marshall Pease - 🔘\n\n"
        " [*Some Slides I Liked*](https://example.org/deck.pdf) - 🔘\n"
    )
    assert [(p.title, p.status, p.authors) for p in notebook.papers] == [
        ("The UNIX Time-Sharing System", Status.TO_READ, ["Dennis M. Ritchie", "Ken Thompson"]),
        ("A Relational Model of Data for Large Shared Data Banks", Status.READ, ["E. F. Codd"]),
        ("Reflections on Trusting Trust", Status.TO_READ, ["Ken Thompson"]),
        ("The Byzantine Generals Problem", Status.TO_READ,
         ["Leslie Lamport", "Robert Shostak", "Marshall Pease"]),
    ]
    assert _paper(notebook, "A Relational").notes.startswith("Read it on the train")
    assert _paper(notebook, "The UNIX").notes == ""
    # A line naming an entry of its own is not the notes of the paper above it.
    assert _paper(notebook, "The Byzantine").notes == ""
    assert "Some Slides I Liked" in notebook.leftover


def test_a_title_cited_inside_a_sentence_gets_no_authors() -> None:
    notebook = _read(
        "## Memory\n\n- [Neural Turing Machines](https://arxiv.org/abs/1410.5401)\n"
        "  - the idea is carried on by \"Differentiable Neural Computers\" by Graves et al.\n"
    )
    (paper,) = notebook.papers
    assert paper.authors == [] and "Differentiable Neural Computers" in paper.notes


def test_paragraphs_shaped_like_their_paper_siblings_are_entries() -> None:
    notebook = _read(
        "## Log\n\n"
        "**2019-05-02** *Playing Atari with Deep Reinforcement Learning* ✅\n\n"
        "**2019-05-03** *Human-level control through deep reinforcement learning* ✅\n\n"
        "**2019-05-04** *Mastering the game of Go without human knowledge* ❓\n\n"
        "Went for a long walk afterwards.\n"
    )
    assert [(p.title, p.status, p.read_on and p.read_on.isoformat()) for p in notebook.papers] == [
        ("Playing Atari with Deep Reinforcement Learning", Status.READ, "2019-05-02"),
        ("Human-level control through deep reinforcement learning", Status.READ, "2019-05-03"),
        ("Mastering the game of Go without human knowledge", Status.READ, "2019-05-04"),
    ]
    assert notebook.papers[2].notes == "Went for a long walk afterwards."


def test_a_heading_that_is_only_a_link_to_a_pdf_names_a_paper() -> None:
    notebook = _read(
        "# Storage notes\n\n## Indexes\n\n"
        "#### **[The R-Tree](https://example.edu/~someone/papers/rtree.pdf)**\n\n"
        "Bounding rectangles all the way down.\n\n"
        "#### **[Lecture notes on indexes](https://example.edu/notes/idx.pdf)**\n\n"
        "Skimmed only.\n"
    )
    (rtree,) = notebook.papers
    assert (rtree.title, rtree.topics, rtree.url) == (
        "The R-Tree", ["Indexes"], "https://example.edu/~someone/papers/rtree.pdf"
    )
    assert rtree.notes == "Bounding rectangles all the way down."


def test_a_table_of_contents_marks_headings_listed_like_papers() -> None:
    notebook = _read(
        "# Consensus\n\n## Contents\n\n"
        "- [Agreement](#agreement)\n"
        "  - [**Paxos Made Simple**](#paxos-made-simple)\n"
        "  - [**The Part-Time Parliament**](#the-part-time-parliament)\n"
        "- [Replication](#replication)\n"
        "  - [**In Search of an Understandable Consensus Algorithm**]"
        "(#in-search-of-an-understandable-consensus-algorithm)\n\n"
        "## Agreement\n\n"
        "### Paxos Made Simple\n\n"
        "[pdf](https://lamport.azurewebsites.net/pubs/paxos-simple.pdf), the short version.\n\n"
        "### The Part-Time Parliament\n\n"
        "The island story; harder going.\n\n"
        "## Replication\n\n"
        "### [In Search of an Understandable Consensus Algorithm]"
        "(https://www.usenix.org/system/files/conference/atc14/atc14-paper-ongaro.pdf)\n\n"
        "Leader election first.\n"
    )
    assert [(p.title, p.topics) for p in notebook.papers] == [
        ("Paxos Made Simple", ["Agreement"]),
        ("The Part-Time Parliament", ["Agreement"]),
        ("In Search of an Understandable Consensus Algorithm", ["Replication"]),
    ]
    assert _paper(notebook, "The Part-Time").notes == "The island story; harder going."
    assert {o.text for o in notebook.other if o.kind == "topic"} == {"Contents", "Agreement", "Replication"}


def test_a_year_heading_among_month_headings_is_a_dated_section() -> None:
    notebook = _read(
        "# Reading log\n\n"
        "## 2020-02 (1)\n- [Momentum Contrast for Unsupervised Visual Representation Learning]"
        "(https://arxiv.org/abs/1911.05722)\n\n"
        "## 2020-01\n- [A Simple Framework for Contrastive Learning of Visual Representations]"
        "(https://arxiv.org/abs/2002.05709)\n\n"
        "## 2019\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\n"
        "## 2018 and before\n- [Deep Residual Learning for Image Recognition]"
        "(https://arxiv.org/abs/1512.03385)\n"
    )
    assert [(p.status, p.read_on and p.read_on.isoformat(), p.topics) for p in notebook.papers] == [
        (Status.READ, "2020-02-01", []), (Status.READ, "2020-01-01", []),
        (Status.READ, None, []), (Status.READ, None, []),
    ]
    assert [o.kind for o in notebook.other if o.text.startswith("20")] == ["date"] * 4


def test_a_year_heading_alone_stays_a_topic() -> None:
    notebook = _read(
        "## 2017\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\n"
        "## 2015\n- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n"
    )
    assert [p.topics for p in notebook.papers] == [["2017"], ["2015"]]


# -- links and what they make of an entry: notes in the notebook's own repository, code links
# -- shaped like papers, trailing status words, and links that name no paper (posts, podcasts,
# -- gists, overview notes, placeholders, websites, references cited in a sentence).

OWN = "https://github.com/someone/reading/tree/master/systems/content/"


def test_names_linking_into_the_notebooks_own_repository_are_papers_read() -> None:
    notebook = _read(
        "# Systems reading\n\n## Storage\n\n"
        f"- [The Google File System]({OWN}The%20Google%20File%20System)\n"
        "  - 单 master 的设计，细节见 [Some Earlier Work On Chunk Servers]()\n"
        f"- [Dynamo: Amazon's Highly Available Key-value Store]({OWN}dynamo) todo\n"
        f"- [Paxos]({OWN}Paxos)\n"
        f"- [MapReduce: Simplified Data Processing on Large Clusters]({OWN}mr) 待读\n"
        "- [Spanner: Google's Globally-Distributed Database]"
        "(https://github.com/someone/book-notes/tree/main/Spanner)\n"
        "- [A small helper](https://github.com/someone/helper)\n"
        "- [Parser Utilities For Many Formats](https://github.com/other/lib/blob/main/src/parse.py)\n"
    )
    found = [(p.title, p.status) for p in notebook.papers]
    assert found == [
        ("The Google File System", Status.READ),
        ("Dynamo: Amazon's Highly Available Key-value Store", Status.TO_READ),
        ("Paxos", Status.READ),
        ("MapReduce: Simplified Data Processing on Large Clusters", Status.TO_READ),
        ("Spanner: Google's Globally-Distributed Database", Status.READ),
    ]
    gfs = notebook.papers[0]
    assert gfs.url is None and gfs.links == [f"{OWN}The%20Google%20File%20System"]
    # The work cited inside its note is a reference in the notes, not a paper of its own.
    assert "Some Earlier Work On Chunk Servers" in gfs.notes
    assert notebook.papers[1].notes == ""  # `todo` was the mark, not a note
    assert sorted(o.kind for o in notebook.other if o.kind == "repo") == ["repo", "repo"]


def test_deep_repository_links_elsewhere_are_documents_but_not_the_owners_notes() -> None:
    notebook = _read(
        "# Papers\n\n"
        "- [Paxos Made Simple](https://github.com/a/notes/tree/main/consensus/paxos)\n"
        "  - the single-decree case first\n"
        "- [Time Bounds For Selection](https://gitlab.com/b/papers/-/blob/main/select.pdf)\n"
    )
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("Paxos Made Simple", Status.READ),  # read because it has notes here
        ("Time Bounds For Selection", Status.TO_READ),
    ]


def test_a_code_link_shaped_like_a_paper_is_a_paper() -> None:
    notebook = _read(
        "# Papers\n\n"
        "- [Learning Representations by Back-propagating Errors](https://github.com/someone/backprop)"
        " <kbd>Nature 1986</kbd>\n"
        "- [A Relational Model of Data for Large Shared Data Banks](https://doi.org/10.1145/362384.362685)\n"
        "- [Tiny Helper Library](https://github.com/someone/helper)\n\n"
        "| Name | Year | Source | TLDR |\n| --- | --- | --- | --- |\n"
        "| QueryBench | 2025 | [Link](https://github.com/someone/querybench) | a new benchmark |\n"
        "| TableQA | 2024 | [Link](https://arxiv.org/abs/2401.00001) | questions over tables |\n"
        "| GraphQA | 2024 | [Link](https://arxiv.org/abs/2401.00002) | questions over graphs |\n"
    )
    backprop = _paper(notebook, "Learning Representations")
    assert (backprop.venue, backprop.year, backprop.url) == ("Nature", 1986, None)
    assert backprop.links == ["https://github.com/someone/backprop"]
    bench = _paper(notebook, "QueryBench")
    assert bench.year == 2025 and bench.links == ["https://github.com/someone/querybench"]
    assert not [p for p in notebook.papers if p.title.startswith("Tiny")]


def test_links_that_name_no_paper() -> None:
    notebook = _read(
        "# Notes\n\n## My blog posts\n"
        "- [Why Convolutions Share Weights Across Space](https://medium.com/@someone/why-conv)"
        " ([related paper notes](topics/conv.md))\n\n"
        "## Podcasts I follow\n"
        "- [A Long Talk With A Researcher](https://www.youtube.com/watch?v=abc) [[Notes](pod/talk.md)]\n\n"
        "## Scratchpad\n- [Shell Tricks](gist/shell.md)\n"
        "- [Vector Tricks](https://gist.github.com/someone/0123abcd)\n\n"
        "## Old notes\n- [My notes on optimisers](opt.md)\n- [List of Papers on Graphs](graphs.md)\n"
        "- [Notes on Tensor Programs (2019.05)](tp.md)\n\n"
        "## 2024-03\n"
        "- [Deep Residual Learning](https://arxiv.org/abs/1512.03385) [[Notes](paper_notes/resnet.md)]\n"
        "- [X]() [[Notes](paper_notes/x.md)]\n"
        "- [Cooking Recipes](https://example.org/recipes/python)\n"
    )
    assert [p.title for p in notebook.papers] == ["Notes on Tensor Programs", "Deep Residual Learning"]
    kinds = {o.text.split("]")[0].lstrip("- ["): o.kind for o in notebook.other if o.text.startswith("- [")}
    assert kinds["Why Convolutions Share Weights Across Space"] == "blog"
    assert kinds["A Long Talk With A Researcher"] == "video"
    assert kinds["Shell Tricks"] == kinds["Vector Tricks"] == "gist"
    assert {kinds["My notes on optimisers"], kinds["List of Papers on Graphs"]} == {"remark"}
    # A bullet naming a link of its own is an entry, not a note on the paper above it.
    resnet = notebook.papers[1]
    assert resnet.notes == "" and "paper_notes/resnet.md" in resnet.links
    assert "[X]()" in notebook.leftover and "Cooking Recipes" in notebook.leftover
    assert resnet.to_json()["links"] == ["https://arxiv.org/abs/1512.03385", "paper_notes/resnet.md"]


def test_a_link_after_the_words_of_a_sentence_is_cited_not_listed() -> None:
    notebook = _read(
        "# Papers\n\n"
        "- [MapReduce: Simplified Data Processing on Large Clusters](https://example.org/mapreduce.pdf)\n"
        "- the same group described it later in [A Made Up Follow-up On Batch Jobs](https://example.org/f)\n"
        "- 前作是 [Paxos Made Simple](https://example.org/paxos.pdf)\n"
    )
    assert [p.title for p in notebook.papers] == [
        "MapReduce: Simplified Data Processing on Large Clusters", "Paxos Made Simple",
    ]
    assert "A Made Up Follow-up On Batch Jobs" in notebook.papers[0].notes


# -- Rules of the imp-lines round: same titles that are different works, generic link labels
# -- under a named bullet or beside a name column, citations with authors, venue stamps
# -- (`<kbd>RAL 2023</kbd>`, `CIDR'25`, `Arxiv/2509`), title quotes and notes suffixes,
# -- section numbers left on topics.


def test_same_title_with_other_ids_years_or_first_author_stays_two_papers() -> None:
    notebook = _read(
        "# Reading\n\n"
        "- [Generative Models](https://arxiv.org/abs/1406.2661) 2014\n"
        "- [Generative Models](https://arxiv.org/abs/1312.6114) 2013\n"
        "- Generative Models, ICML 2006\n"
        "- [Generative Models](https://arxiv.org/abs/1406.2661)\n"
        "  - read it again\n"
    )
    papers = [(p.title, p.ids, p.year, p.also_lines) for p in notebook.papers]
    assert papers == [
        ("Generative Models", {"arxiv": "1406.2661"}, 2014, [6]),
        ("Generative Models", {"arxiv": "1312.6114"}, 2013, []),
        ("Generative Models", {}, 2006, []),
    ]
    assert any("line 4" in f and "different arxiv id" in f for f in notebook.faults), notebook.faults
    assert any("line 5" in f and "different year" in f for f in notebook.faults), notebook.faults


def test_a_book_and_a_survey_with_one_title_by_other_authors_are_not_merged() -> None:
    notebook = _read(
        "# Deep learning, the classics\n\n"
        '- **[1]** Hinton, Geoffrey, and Yann LeCun. "**Neural networks**." Nature 12.3 (2015): 1-9.\n'
        '- **[2]** Minsky, Marvin, and Seymour Papert. "**Neural networks**." A book. (2015).\n'
    )
    assert [p.authors for p in notebook.papers] == [
        ["Hinton, Geoffrey", "Yann LeCun"], ["Minsky, Marvin", "Seymour Papert"],
    ]
    assert any("another first author" in fault for fault in notebook.faults)


def test_two_spellings_of_a_neurips_id_are_one_paper() -> None:
    notebook = _read(
        "- [ImageNet Classification with Deep Convolutional Neural Networks]"
        "(http://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks.pdf)\n"
        "- [ImageNet Classification with Deep Convolutional Neural Networks]"
        "(https://proceedings.neurips.cc/paper_files/paper/2012/file/c399862d3b9d6b76c8436e924a68c45b-Paper.pdf)\n"
    )
    # The old paper number and the new hash name one paper.
    assert len(notebook.papers) == 1 and not notebook.faults


def test_a_library_paper_with_the_same_title_but_another_id_is_left_alone(empty_library: Library) -> None:
    empty_library.add(Paper(title="Generative Models", ids={"arxiv": "1312.6114"}, year=2013))
    text = "# Reading\n\n- [Generative Models](https://arxiv.org/abs/1406.2661) 2014\n"
    first = import_notebook(empty_library, read_notebook(text, "r.md"), source_file="r.md")
    assert len(first.added) == 1 and not first.updated
    again = import_notebook(empty_library, read_notebook(text, "r.md"), source_file="r.md")
    assert not again.added and again.unchanged == first.added
    kept = [p for p in empty_library.papers() if p.ids == {"arxiv": "1312.6114"}]
    assert len(kept) == 1 and kept[0].year == 2013


def test_citation_entries_give_authors_and_keep_the_rest_whole() -> None:
    notebook = _read(
        "# Roadmap\n\n"
        '- **[1]** Rumelhart, David E., Geoffrey Hinton, and Ronald J. Williams. "**Learning '
        'representations by back-propagating errors**." Nature 323.6088 (1986): 533-536. '
        "[[pdf]](https://example.org/backprop.pdf) **(The Classic)** :star::star::star:\n"
        '- **[2]** Hochreiter, Sepp, et al. "**Long short-term memory**." Neural computation. '
        "1997. [[pdf]](https://example.org/lstm.pdf)\n"
        '- **[3]** Bahdanau, Dzmitry, et al. "**“Neural machine translation by jointly learning '
        'to align and translate**." 2015 International Conference on Learning Representations. '
        "[[pdf]](https://arxiv.org/abs/1409.0473)\n"
    )
    backprop, lstm, attention = notebook.papers
    assert backprop.authors == ["Rumelhart, David E.", "Geoffrey Hinton", "Ronald J. Williams"]
    assert backprop.notes == "Nature 323.6088 (1986): 533-536. (The Classic)"
    assert (backprop.year, backprop.venue, backprop.rating) == (1986, "Nature", 3)
    assert lstm.authors == ["Hochreiter, Sepp"] and lstm.year == 1997
    assert attention.title == "Neural machine translation by jointly learning to align and translate"
    assert attention.year == 2015


def test_a_named_bullet_whose_sub_items_are_its_labelled_links() -> None:
    notebook = _read(
        "# Research\n\n### Vision\n\n"
        "* ResNet\n"
        "  - [x] [pdf: CVPR 2016](https://arxiv.org/abs/1512.03385)\n"
        "  - [x] [reading-notes](https://someone.example/blog/resnet/)\n"
        "  - [x] [code](https://github.com/someone/research/blob/master/code/resnet.py)\n"
        "* Highway Networks\n"
        "  - [ ] [paper: ICML 2015](https://arxiv.org/abs/1505.00387)\n"
        "  - [ ] [code](https://github.com/someone/research/tree/master/code/highway)\n"
        "* Dropout\n"
        "  - [pdf](https://example.org/papers/dropout.pdf)\n"
        "  - [notes](https://someone.example/blog/dropout/)\n"
    )
    papers = [(p.title, p.status, p.venue, p.year, p.url) for p in notebook.papers]
    assert papers == [
        ("ResNet", Status.READ, "CVPR", 2016, "https://arxiv.org/abs/1512.03385"),
        ("Highway Networks", Status.TO_READ, "ICML", 2015, "https://arxiv.org/abs/1505.00387"),
        ("Dropout", Status.READ, None, None, "https://example.org/papers/dropout.pdf"),
    ]
    resnet = notebook.papers[0]
    assert "[reading-notes](https://someone.example/blog/resnet/)" in resnet.notes
    assert resnet.topics == ["Vision"] and resnet.ids == {"arxiv": "1512.03385"}


def test_generic_labels_are_never_titles() -> None:
    from paperlog.importers.head import read_head
    from paperlog.importers.links import generic

    for label in ("pdf", "[pdf: NIPS 2013]", "reading-notes", "论文", "代码", "笔记", "链接",
                  "语雀-LeNet", "知乎：Word2Vec", "code: CVPR 2023", "paper 2019"):
        assert generic(label), label
    for title in ("Code Llama 2023", "Video Swin Transformer", "LeNet", "Attention Is All You Need"):
        assert not generic(title), title
    head = read_head("[pdf: NIPS 2013](https://papers.nips.cc/paper/5021-x)")
    assert (head.title, head.venue, head.year) == ("", "NIPS", 2013)
    # The labels taken out of a bracket leave neither commas nor the bracket's loss behind.
    head = read_head("[GloVe](notes/glove.md) [[arXiv](https://arxiv.org/abs/1), "
                     "[code](https://github.com/x/y), review slides]")
    assert head.remark == "[review slides]"


def test_a_name_column_beside_a_year_column_lists_papers() -> None:
    notebook = _read(
        "# 论文记录\n\n## 经典网络\n\n"
        "| 年份 | 名字 | 学习记录 | 更新时间 |\n| --- | --- | --- | --- |\n"
        "| 1998 | LeNet | [语雀-LeNet](https://www.yuque.com/someone/dl/lenet) | 2023-01-08 |\n"
        "| 2014 | Inception | 未更 | |\n"
        "| 2015 | Highway | [语雀-Highway Networks](https://www.yuque.com/someone/dl/hw) | 2023-02-01 |\n\n"
        "| 名字 | 课程链接 |\n| --- | --- |\n"
        "| 某大学课程 | [《Deep Learning Basics》](https://course.example.edu/dl) |\n"
    )
    papers = [(p.title, p.year, p.status, p.read_on and p.read_on.isoformat()) for p in notebook.papers]
    assert papers == [
        ("LeNet", 1998, Status.READ, "2023-01-08"),
        ("Inception", 2014, Status.TO_READ, None),
        ("Highway", 2015, Status.READ, "2023-02-01"),
    ]
    assert "[语雀-LeNet](https://www.yuque.com/someone/dl/lenet)" in notebook.papers[0].notes
    assert "某大学课程" in notebook.leftover


def test_venue_stamps_in_tags_and_cells_give_venue_and_year() -> None:
    notebook = _read(
        "# Papers\n\n## 2024-03\n\n"
        "- [Occupancy Grids for Mobile Robots](https://arxiv.org/abs/2301.00001) <kbd>RAL 2023</kbd>"
        " [grid maps]\n"
        "- [A Study of Language Model Planning](https://arxiv.org/abs/2502.00002) <kbd>COLM 2025</kbd>\n\n"
        "## Table\n\n"
        "| Venue | Paper | Links |\n| --- | --- | --- |\n"
        "| CIDR'25 | Query Engines for Everyone | [paper](https://example.org/cidr.pdf) |\n"
        "| Neurips'25 | Tables as a Modality | [paper](https://example.org/t.pdf) |\n"
        "| Arxiv/2509 | Sentence Graphs for Memory | [paper](https://arxiv.org/pdf/2509.00003) |\n"
        "| Arxiv'2501 | A Recipe for Table Reasoning | [paper](https://arxiv.org/pdf/2501.00004) |\n"
    )
    stamps = [(p.venue, p.year) for p in notebook.papers]
    assert stamps == [("RAL", 2023), ("COLM", 2025), ("CIDR", 2025), ("NeurIPS", 2025),
                      ("arXiv", 2025), ("arXiv", 2025)]
    assert notebook.papers[0].notes == "RAL 2023 [grid maps]"


def test_title_quotes_and_notes_suffixes_are_not_part_of_the_title() -> None:
    notebook = _read(
        "# Notes\n\n"
        '- **[1]** Weston, Jason, et al. "**“Memory Networks**." arXiv 2014. '
        "[[pdf]](https://arxiv.org/abs/1410.3916)\n"
        "- [The Google File System 论文笔记](https://github.com/someone/notes/blob/main/gfs.md)\n"
        "- [MapReduce: Simplified Data Processing on Large Clusters (notes)](notes/mapreduce.md)\n"
        "- [”Sequence to Sequence Learning with Neural Networks](https://arxiv.org/abs/1409.3215)\n"
        '- ["Why Should I Trust You?": Explaining Classifiers](https://arxiv.org/abs/1602.04938)\n'
    )
    assert [p.title for p in notebook.papers] == [
        "Memory Networks", "The Google File System",
        "MapReduce: Simplified Data Processing on Large Clusters",
        "Sequence to Sequence Learning with Neural Networks",
        '"Why Should I Trust You?": Explaining Classifiers',
    ]
    assert notebook.papers[1].notes == "论文笔记" and notebook.papers[2].notes == "(notes)"


def test_section_numbers_and_dashes_are_not_part_of_topics() -> None:
    notebook = _read(
        "# To Read:\n\n## 1 - Foundations\n\n#### 1.1 - Survey\n"
        "- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n\n"
        "#### 3.4- Image Caption\n"
        "- [Show and Tell: A Neural Image Caption Generator](https://arxiv.org/abs/1411.4555)\n"
    )
    assert [p.topics for p in notebook.papers] == [["Foundations/Survey"], ["Foundations/Image Caption"]]


# -- imp-holdout rules: short names in bold brackets, day/month logs, "not found" marks,
# ticked dated logs, citation lists, headings over linked lists, bare paper addresses, ids
# in brackets, bracket groups after titles, time logs, "Papers I read", counts in titles,
# web-page titles, commentary links beside a paper's own link.


def test_a_short_name_in_bold_brackets_opens_an_entry() -> None:
    notebook = _read(
        "## Translation\n"
        "- [x] :sunny: **[Transformer]** Attention Is All You Need\n"
        "\t- NIPS 2017\n"
        "- **[]** sequence to sequence learning with neural networks\n"
        "- **[ByteNet]** Neural machine translation in linear time (not found)\n"
    )
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("Attention Is All You Need", Status.READ),
        ("sequence to sequence learning with neural networks", Status.TO_READ),
        ("Neural machine translation in linear time", Status.TO_READ),
    ]
    # The short name stays with the paper, in its notes; the empty one is nothing to keep.
    assert notebook.papers[0].notes.startswith("[Transformer] :sunny:")
    assert notebook.papers[1].notes == ""
    # A first note that opens with a venue and a year says where the paper appeared.
    assert (notebook.papers[0].venue, notebook.papers[0].year) == ("NIPS", 2017)


def test_day_month_headings_are_dated_sections_in_the_year_the_context_gives() -> None:
    text = (
        "# 3/3\n- Deep Residual Learning for Image Recognition\n  - a CVPR 2016 paper\n\n"
        "# 17/3\n- Identity Mappings in Deep Residual Networks\n  - the follow-up\n"
    )
    named = read_notebook(text, "log-2021.md")
    assert [(p.read_on and p.read_on.isoformat(), p.topics) for p in named.papers] == [
        ("2021-03-03", []), ("2021-03-17", []),
    ]
    assert [o.kind for o in named.other if o.text in {"3/3", "17/3"}] == ["date", "date"]
    # No year in the name: the latest year the text names (a log is no older than what it cites).
    assert read_notebook(text, "log.md").papers[0].read_on.isoformat() == "2016-03-03"  # type: ignore[union-attr]
    # No year anywhere: still dated sections (the papers are read), with no read date.
    bare = read_notebook(text.replace("a CVPR 2016 paper", "a CVPR paper"), "log.md")
    assert [(p.status, p.read_on) for p in bare.papers] == [(Status.READ, None), (Status.READ, None)]
    assert any("no read date" in note for note in bare.ambiguities)


def test_month_day_headings_when_only_that_order_fits() -> None:
    text = "## 3/21\n- Attention Is All You Need\n  - notes\n\n## 3/28\n- Adam\n"
    notebook = read_notebook(text, "2019.md")
    assert notebook.papers[0].read_on.isoformat() == "2019-03-21"  # type: ignore[union-attr]


def test_a_status_line_over_a_list_and_status_words_for_papers_not_found() -> None:
    notebook = _read(
        "## Vision\n"
        "- Deep Residual Learning for Image Recognition (未下载)\n"
        "- Going Deeper with Convolutions [not downloaded]\n\n"
        "没找到\n"
        "- Rethinking the Inception Architecture for Computer Vision\n\n"
        "To read:\n"
        "- Very Deep Convolutional Networks for Large-Scale Image Recognition\n"
    )
    assert {p.status for p in notebook.papers} == {Status.TO_READ}
    assert len(notebook.papers) == 4
    assert [o.text for o in notebook.other if o.kind == "status-heading"] == ["没找到", "To read:"]


def test_a_dated_log_that_ticks_what_it_read() -> None:
    notebook = _read(
        "## 2020-02-20\n"
        "- [x] Attention Is All You Need\n"
        "- Deep Residual Learning for Image Recognition\n"
        "  - skimmed the abstract: identity shortcuts\n"
        "- Batch Normalization: Accelerating Deep Network Training\n"
    )
    assert [(p.status, p.read_on and p.read_on.isoformat()) for p in notebook.papers] == [
        (Status.READ, "2020-02-20"), (Status.READ, "2020-02-20"), (Status.TO_READ, None),
    ]


def test_a_list_of_citations_is_one_paper_per_bullet() -> None:
    notebook = _read(
        "## Classics\n\n"
        "- Shannon, “A Mathematical Theory of Communication”\n"
        "- Turing, “[Top]Computing Machinery and Intelligence”\n"
        "- Kingma and Ba, “Adam”;\n"
        "- Hochreiter and Schmidhuber, “LSTM”\n"
    )
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("A Mathematical Theory of Communication", Status.TO_READ),
        ("Computing Machinery and Intelligence", Status.TO_READ),
        ("Adam", Status.TO_READ),
        ("LSTM", Status.TO_READ),
    ]
    turing = _paper(notebook, "Computing")
    assert (turing.authors, turing.notes) == (["Turing"], "[Top]")


def test_a_heading_over_a_list_of_linked_entries_is_a_topic() -> None:
    notebook = _read(
        "# Tools\n\n"
        "## Useful Code for Point Clouds\n\n"
        "### Segmentation and Classification Tools\n\n"
        "* [pointnet: a reference implementation](https://github.com/someone/pointnet)\n"
        "* [kdtree-tools: fast neighbour search](https://github.com/someone/kdtree-tools)\n"
    )
    assert notebook.papers == []
    assert {o.text for o in notebook.other if o.kind == "topic"} == {
        "Useful Code for Point Clouds", "Segmentation and Classification Tools",
    }


def test_bare_paper_addresses_are_papers() -> None:
    notebook = _read(
        "一些论文\n\n"
        "# 长上下文\n\n"
        "https://arxiv.org/pdf/2004.05150.pdf 著名的长文档模型\n\n"
        "https://arxiv.org/pdf/1706.03762.pdf Transformer-XL\n\n"
        "https://arxiv.org/abs/1810.04805\n\n"
        "https://arxiv.org/abs/1409.0473 survey\n\n"
        "file:///home/me/Downloads/1512.03385.pdf\n\n"
        "# 网站\n\n"
        "https://2019.aclweb.org/program/accepted/ 会议论文列表\n\n"
        "https://someone.github.io/posts/reading/ 博客\n"
    )
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("arXiv:2004.05150", Status.TO_READ),
        ("Transformer-XL", Status.TO_READ),
        ("arXiv:1810.04805", Status.TO_READ),
        ("arXiv:1409.0473", Status.TO_READ),
        ("arXiv:1512.03385", Status.TO_READ),
    ]
    # What follows an address and is no name is the paper's note; the id is its title until
    # `paperlog enrich` fetches the real one.
    assert notebook.papers[0].notes == "著名的长文档模型"
    assert notebook.papers[3].notes == "survey"
    assert notebook.papers[0].ids == {"arxiv": "2004.05150"}


def test_a_details_summary_names_the_paper_at_the_address_below_it() -> None:
    notebook = _read(
        "## Hallucination\n\n"
        "<details>\n<summary>Attention Is All You Need</summary>\n\n"
        "https://arxiv.org/pdf/1706.03762.pdf\n\n\n</details>\n"
    )
    (paper,) = notebook.papers
    assert (paper.title, paper.status, paper.ids, paper.notes) == (
        "Attention Is All You Need", Status.TO_READ, {"arxiv": "1706.03762"}, "",
    )


def test_an_address_among_facts_is_the_link_of_the_heading_above() -> None:
    notebook = _read(
        "# Notes\n\n"
        "### Deep Residual Learning for Image Recognition\n"
        "* Submitted on 10 Dec 2015\n"
        "* https://arxiv.org/abs/1512.03385\n\n"
        "Shortcuts make depth trainable.\n\n"
        "### Batch Renormalization\n"
        "* https://arxiv.org/abs/1702.03275\n"
        "* https://github.com/someone/batch-renorm\n"
    )
    assert [(p.title, p.ids) for p in notebook.papers] == [
        ("Deep Residual Learning for Image Recognition", {}),
        ("Batch Renormalization", {"arxiv": "1702.03275"}),
    ]


def test_repeats_of_an_address_merge_with_the_named_paper() -> None:
    notebook = _read(
        "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\n"
        "## Later\n\nhttps://arxiv.org/pdf/1706.03762.pdf\n"
    )
    (paper,) = notebook.papers
    assert paper.title == "Attention Is All You Need" and not notebook.faults


def test_an_id_in_brackets_opening_a_link_text_is_the_papers_id() -> None:
    notebook = _read(
        "- [[arXiv:1512.03385] Deep Residual Learning for Image Recognition](https://example.org/resnet)\n"
        "- [[arXiv:1706.03762] Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
    )
    assert [(p.title, p.ids) for p in notebook.papers] == [
        ("Deep Residual Learning for Image Recognition", {"arxiv": "1512.03385"}),
        ("Attention Is All You Need", {"arxiv": "1706.03762"}),
    ]


def test_bracket_groups_after_a_title_give_the_venue_or_go_to_the_notes() -> None:
    notebook = _read(
        "## Systems\n"
        "### MapReduce: Simplified Data Processing on Large Clusters[OSDI'04][Google]\n"
        "- map, then reduce\n\n"
        "### Spanner: Google's Globally-Distributed Database [Google]\n"
        "### Dryad: Distributed Data-Parallel Programs from Sequential Building Blocks"
        "[EuroSys'07][Microsoft]\n"
    )
    assert [(p.title, p.venue, p.year) for p in notebook.papers] == [
        ("MapReduce: Simplified Data Processing on Large Clusters", "OSDI", 2004),
        ("Spanner: Google's Globally-Distributed Database", None, None),
        # A venue paperlog does not know, written as one: its year is as good.
        ("Dryad: Distributed Data-Parallel Programs from Sequential Building Blocks", "EuroSys", 2007),
    ]
    assert notebook.papers[0].notes.startswith("[Google]")


def test_a_time_log_names_papers_only_when_it_says_it_read_them() -> None:
    notebook = _read(
        "# Project log\n\n"
        "- Learning To Rank Search Results With Deep Models\n- A. Student\n- 1234567X\n\n"
        "## Week 1\n\n### 20 Sept 2022\n\n"
        "- _3 hours_ Read the project guidance notes\n"
        "- _1.5 hours_ Read the ResNet paper\n"
        "- _1 hour_ Setting Up The Training Cluster On Campus\n"
        "- _2 hours_ Read The paper \"Attention Is All You Need.\"\n"
        "- _0.5 hour_ Read about domain randomization\n\n"
        "## Week 2\n\n### 26-30 Sept 2022 - No updates due to illness\n\n"
        "### 3 Oct 2022\n\n"
        "- _1 hour_ Read Batch Normalization: Accelerating Deep Network Training\n"
        "- _2 hours_ Trying to train the model on the cluster (not successful)\n"
    )
    assert [(p.title, p.status, p.read_on and p.read_on.isoformat()) for p in notebook.papers] == [
        ("ResNet", Status.READ, "2022-09-20"),
        ("Attention Is All You Need", Status.READ, "2022-09-20"),
        ("Batch Normalization: Accelerating Deep Network Training", Status.READ, "2022-10-03"),
    ]
    assert notebook.papers[0].notes == "1.5 hours"


def test_a_papers_i_read_heading_and_a_count_in_the_title() -> None:
    notebook = _read(
        "# **#OnePaperADay** - 3\n\n"
        "## **Papers I Read**\n"
        "| No | Paper Name | Review |\n| --- | --- | --- |\n"
        "| 01 | Attention Is All You Need | [Review](https://github.com/someone/daily/blob/main/01.md) |\n"
        "| 02 | Deep Residual Learning for Image Recognition "
        "| [Review](https://github.com/someone/daily/blob/main/02.md) |\n\n"
        "## 📌 If this helped, don't forget to star the repo! ⭐⭐⭐⭐⭐\n"
    )
    assert [p.status for p in notebook.papers] == [Status.READ, Status.READ]
    assert notebook.faults == ["line 1: the notebook states a count of 3 but holds 2 papers"]


def test_web_page_titles_and_site_names() -> None:
    notebook = _read(
        "- [Five Habits Worth Keeping | A. Blogger](https://a-blogger.example/habits/)\n"
        "- [Visualizing and Understanding Convolutional Networks | SpringerLink]"
        "(https://link.springer.com/chapter/10.1007/978-3-319-10590-1_53)\n"
    )
    (paper,) = notebook.papers
    assert paper.title == "Visualizing and Understanding Convolutional Networks"


def test_a_commentary_beside_the_papers_own_link_is_not_the_paper() -> None:
    notebook = _read(
        "- [Causal Inference with Text](https://example.edu/papers/causal-text.pdf), Oct. 2022. "
        "[commentary from a colleague](https://doi.org/10.1126/sciadv.abc1234).\n"
    )
    (paper,) = notebook.papers
    assert (paper.url, paper.ids) == ("https://example.edu/papers/causal-text.pdf", {})


def test_a_reading_order_glued_to_the_titles_of_a_list_is_no_part_of_them() -> None:
    notebook = _read(
        "- LeCun et al., “1-Gradient-Based Learning Applied to Document Recognition”\n"
        "- He et al., “2-Deep Residual Learning for Image Recognition”\n"
        "- Goodfellow et al., “3-Generative Adversarial Networks”\n"
        "- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n\n"
        "## Elsewhere\n\n- 8-Bit Optimizers via Block-wise Quantization, ICLR 2022\n"
    )
    assert [p.title for p in notebook.papers] == [
        "Gradient-Based Learning Applied to Document Recognition",
        "Deep Residual Learning for Image Recognition",  # and its repeat below, merged
        "Generative Adversarial Networks",
        "8-Bit Optimizers via Block-wise Quantization",  # one alone is part of the title
    ]


# -- a list of papers linking to write-ups, site names as link labels, an indent behind a
# -- zero-width space, a venue's full name on a line of the notes


def test_a_list_of_papers_linking_to_the_owners_write_ups() -> None:
    notebook = _read(
        "# Summaries\n\nOne paper a week, with a summary of each.\n\n## List of papers\n\n"
        "* [Sequence to Sequence Learning with Neural Networks](https://gist.github.com/someone/1a2b3c)\n"
        "* [MapReduce: Simplified Data Processing on Large Clusters](https://medium.com/@someone/mapreduce-1f2e)\n"
        "\n## Snippets\n\n* [Shell Aliases I Use](https://gist.github.com/someone/4d5e6f)\n"
    )
    # The heading says these are papers: each links the owner's summary, so it was read.
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("Sequence to Sequence Learning with Neural Networks", Status.READ),
        ("MapReduce: Simplified Data Processing on Large Clusters", Status.READ),
    ]


def test_site_names_as_link_labels_and_an_indent_behind_a_zero_width_space() -> None:
    notebook = _read(
        "## Forgetting\n\n"
        "- **An Empirical Study of Forgetting in Fine-Tuned Language Models**\n\n"
        "\u200b\t[`semanticscholar`](https://www.semanticscholar.org/paper/0a1b2c3d)"
        "  [`Paper`](https://www.semanticscholar.org/paper/0a1b2c3d)\n\n"
        "\u200b\t2023    International Conference on Learning Representations\n\n"
        "\u200b\tbigger models forget less\n"
    )
    (paper,) = notebook.papers
    assert paper.title == "An Empirical Study of Forgetting in Fine-Tuned Language Models"
    # The lines an editor indented behind a zero-width space are the paper's notes.
    assert "bigger models forget less" in paper.notes
    assert "International Conference on Learning Representations" in paper.notes
    assert paper.status is Status.READ


def test_a_venues_full_name_alone_is_not_a_paper() -> None:
    notebook = _read(
        "Attention Is All You Need\n\n"
        "2017 Conference on Neural Information Processing Systems\n\n"
        "IEEE Transactions on Pattern Analysis and Machine Intelligence\n"
    )
    titles = [p.title for p in notebook.papers]
    assert titles == ["Attention Is All You Need"]


def test_a_title_wrapped_over_two_lines() -> None:
    notebook = _read(
        "## Distributed systems\n\n"
        "- [ ] Time, Clocks, and the Ordering of Events in a\n"
        "Distributed System https://lamport.example.org/pubs/time-clocks.pdf\n"
        "- [ ] Paxos Made Simple\n\n"
        "## 中文\n\n"
        "12.《Attention Is All You Need:\n"
        "The Transformer Paper》，NeurIPS 2017\n\n"
        "13.《Deep Residual Learning for Image Recognition》，CVPR 2016\n"
    )
    assert [p.title for p in notebook.papers] == [
        "Time, Clocks, and the Ordering of Events in a Distributed System",
        "Paxos Made Simple",
        "Attention Is All You Need: The Transformer Paper",
        "Deep Residual Learning for Image Recognition",
    ]
    assert notebook.papers[0].url == "https://lamport.example.org/pubs/time-clocks.pdf"


def test_a_heading_over_the_parts_of_a_papers_notes_is_the_paper() -> None:
    notebook = _read(
        "# Notes\n\n"
        "## Attention Is All You Need\n\n### Publication Date\n\n2017.06.12\n\n"
        "### Abstract\n\nRecurrence replaced by attention.\n\n"
        "### Tech Detail\n\n"
        "* Scaled Dot Product Attention Over Keys\n* Multi Head Attention With Eight Heads\n\n"
        "## Lecture Notes on Optimisation Basics\n\n### Summary\n\nSGD.\n\n### Method\n\nMomentum.\n"
    )
    # The sub-headings are the parts of one paper's notes: the bullets are notes, not papers.
    (paper,) = notebook.papers
    assert paper.title == "Attention Is All You Need"
    assert "Multi Head Attention With Eight Heads" in paper.notes


def test_a_count_in_a_topic_heading_is_checked_and_left_out_of_the_topic() -> None:
    notebook = _read(
        "## Vision (3)\n\n"
        "- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n"
        "- [Mask R-CNN](https://arxiv.org/abs/1703.06870)\n\n"
        "## 语言 (1篇)\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n\n"
        "## Classics (1998)\n\n- [Gradient-Based Learning Applied to Document Recognition]"
        "(https://example.org/lecun98.pdf)\n"
    )
    assert [p.topics for p in notebook.papers] == [["Vision"], ["Vision"], ["语言"], ["Classics (1998)"]]
    # The hand-kept count that drifted is a fault; the one that holds, and a year, are not.
    assert notebook.faults == ["line 1: the heading states a count of 3 but its section holds 2 papers"]


def test_month_headings_that_match_the_arxiv_ids_are_when_the_papers_came_out() -> None:
    papers = "".join(
        f"- [A Study of Method Number {n}](https://arxiv.org/abs/1511.{6000 + n:05d})"
        + (f" [[notes](notes/m{n}.md)]" if n < 4 else "") + "\n"
        for n in range(12)
    )
    notebook = _read("#### 2015-11\n\n" + papers)
    assert all(p.read_on is None and p.year == 2015 for p in notebook.papers)
    # No reading date: the notes links say which were read.
    assert [p.status for p in notebook.papers].count(Status.READ) == 4
    # A log whose months are not the papers' own still dates the reading.
    log = _read("## 2024-03\n\n" + papers)
    assert {p.read_on.isoformat() for p in log.papers if p.read_on} == {"2024-03-01"}
