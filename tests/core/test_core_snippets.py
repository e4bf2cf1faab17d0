"""Snippets read like the notes a reader sees: blocks set apart, formulas without fences."""

from __future__ import annotations

from collections.abc import Callable

from paperlog.library import Library
from paperlog.model import Paper
from paperlog.snippets import SEPARATOR, Snippet, plain_text, snippet
from paperlog.text import parse_query


def cut(notes: str, query: str, width: int = 160) -> Snippet:
    found = snippet(notes, parse_query(query).terms, width)
    assert found is not None
    return found


def formulas(found: Snippet) -> list[str]:
    return [found.text[a:b] for a, b in found.math]


def test_a_heading_and_list_items_are_set_apart() -> None:
    notes = "## Method\nWe propose a new\nmethod for ranking.\n\n- first item\n- second item\n"
    found = cut(notes, "propose")
    assert found.marked() == "Method · We [propose] a new method for ranking. · first item · second item"
    assert SEPARATOR == " · "


def test_a_hard_wrapped_paragraph_reads_as_one_sentence() -> None:
    notes = "The model is\ntrained on\nsentences.\n\nA new paragraph.\n"
    assert cut(notes, "trained").text == "The model is trained on sentences. · A new paragraph."


def test_table_rows_quotes_and_rules() -> None:
    notes = "| model | BLEU |\n|---|:--:|\n| base | 27.3 |\n\n> quoted and\n> wrapped\n\n---\n\nAfter.\n"
    assert plain_text(notes) == "model | BLEU · base | 27.3 · quoted and wrapped · After."


def test_inline_math_loses_its_fences_and_keeps_its_span() -> None:
    found = cut("The gap $m - n$ shrinks as $\\alpha$ grows.\n", "gap")
    assert found.text == "The gap m - n shrinks as \\alpha grows."
    assert formulas(found) == ["m - n", "\\alpha"]
    assert cut("Costs $5 and $10 a month.\n", "month").text == "Costs $5 and $10 a month."


def test_dollar_fences_do_not_count_towards_the_width() -> None:
    notes = "$a$ $b$ $c$ $d$ $e$ $f$ $g$ $h$ $i$ $j$ needle\n"
    found = cut(notes, "needle", width=30)
    assert found.text == "a b c d e f g h i j needle"


def test_a_window_never_cuts_a_formula_in_half() -> None:
    notes = "x " * 100 + "and the term $\\gamma_1 + \\gamma_2$ is the needle here " + "y " * 100
    found = cut(notes, "needle", width=40)
    assert "gamma" not in found.text and "$" not in found.text
    assert found.text.startswith("… is the needle")
    found = cut(notes, "needle", width=60)
    assert "\\gamma_1 + \\gamma_2" in formulas(found)


def test_a_match_inside_a_formula_takes_the_whole_formula() -> None:
    formula = "\\operatorname{softmax}(QK^\\top / \\sqrt{d_k})"
    notes = "w " * 100 + f"We use ${formula}$ for attention. " + "z " * 100
    found = cut(notes, "softmax", width=60)
    assert formulas(found) == [formula]
    assert found.text[found.spans[0][0] : found.spans[0][1]] == "softmax"


def test_a_long_display_formula_without_the_match_shrinks() -> None:
    notes = (
        "The bound:\n\n$$\n\\log p(x) \\ge \\mathbb{E}_{q(z \\mid x)}[\\log p(x \\mid z)]"
        " - D_{KL}(q(z \\mid x) \\| p(z))\n$$\n\nThe trick makes it differentiable.\n"
    )
    found = cut(notes, "trick")
    assert found.text == "The bound: · [formula] · The trick makes it differentiable."
    assert found.math == ()


def test_a_short_display_formula_is_shown_and_a_match_inside_one_too() -> None:
    notes = "Define\n\n$$ y = Wx + b $$\n\nwith a bias.\n"
    found = cut(notes, "bias")
    assert found.text == "Define · y = Wx + b · with a bias."
    assert formulas(found) == ["y = Wx + b"]
    formula = "\\mathcal{L} = \\sum_i \\ell(x_i, y_i) + \\lambda \\|\\theta\\|^2_2 + \\text{a long tail}"
    found = cut(f"Loss:\n\n$$\n{formula}\n$$\n", "lambda")
    assert formulas(found) == [formula]
    assert [found.text[s:e] for s, e in found.spans] == ["lambda"]


def test_code_fences_shrink_unless_they_hold_the_match() -> None:
    notes = "Intro text.\n\n```python\ndef rank(xs):\n    return sorted(xs)\n```\n\nThe ranking works.\n"
    assert cut(notes, "ranking").marked() == "Intro text. · [code] · The [ranking] works."
    shown = "Intro text. · def rank(xs): return [sorted](xs) · The ranking works."
    assert cut(notes, "sorted").marked() == shown


def test_placeholders_are_never_highlighted() -> None:
    notes = "Intro.\n\n```\nx = 1\n```\n\nThe code is short.\n"
    found = cut(notes, "code")
    assert found.marked() == "Intro. · [code] · The [code] is short."


def test_a_window_that_starts_inside_a_code_block_reads_it_whole() -> None:
    notes = "```\n" + "filler line\n" * 60 + "```\n\nThe needle.\n"
    assert cut(notes, "needle", width=40).text == "… The needle."


def test_a_placeholder_at_an_edge_of_the_window_is_left_out() -> None:
    notes = "The trick.\n\n$$\n" + "\\sum_i x_i + " * 10 + "1\n$$\n"
    assert cut(notes, "trick").text == "The trick. …"


def test_chinese_with_math_counts_wide_characters_and_keeps_formulas() -> None:
    notes = "我们用 $\\alpha$ 控制注意力的强度，$m - n$ 是间隔。\n"
    found = cut(notes, "注意力")
    assert found.marked() == "我们用 \\alpha 控制[注意力]的强度，m - n 是间隔。"
    assert formulas(found) == ["\\alpha", "m - n"]
    long = "前文" * 100 + "控制 $\\alpha$ 的注意力" + "后文" * 100
    found = cut(long, "注意力", width=40)
    assert "\\alpha" in formulas(found)
    assert len(found.text) < 40


def test_links_images_and_emphasis_keep_their_words() -> None:
    notes = "See **the [paper](https://x.org/a)** and ![a figure](fig.png) here.\n"
    assert cut(notes, "paper").text == "See the paper and a figure here."


def test_no_word_is_cut_and_the_window_has_ellipses() -> None:
    notes = "alpha beta gamma delta. " * 30 + "The needle sits here. " + "epsilon zeta eta. " * 30
    found = cut(notes, "needle", width=60)
    assert found.text.startswith("… ") and found.text.endswith(" …")
    words = {"alpha", "beta", "gamma", "delta", "The", "needle", "sits", "here", "epsilon", "zeta", "eta"}
    assert all(word.strip(".") in words for word in found.text[2:-2].split())


def test_search_hits_carry_readable_snippets(make_library: Callable[..., Library]) -> None:
    notes = "## Method\nWe propose $\\alpha$-scaling\nfor attention.\n\n- one\n- two\n"
    index = make_library([Paper(title="Scaling", notes=notes)]).index
    hit = index.search("propose").hits[0]
    assert hit.snippet is not None
    assert hit.snippet.marked() == "Method · We [propose] \\alpha-scaling for attention. · one · two"
    assert formulas(hit.snippet) == ["\\alpha"]


def test_chinese_wrapped_over_lines_is_joined_without_a_space() -> None:
    notes = "加一个 KL 惩罚，防止模型跑偏、\n钻奖励模型的空子：\nthen English\nwords.\n"
    assert cut(notes, "惩罚").text == "加一个 KL 惩罚，防止模型跑偏、钻奖励模型的空子： then English words."


def test_a_window_starts_and_ends_at_whole_words_and_table_cells() -> None:
    notes = "| 遮盖 | 15% |\n\n[idea] 遮盖不一定要随机：按注意力图遮住最显著的区域。\n"
    for width in range(20, 60):
        shown = cut(notes, "注意力", width=width).text
        assert not shown.startswith(("… ]", "… a]", "… ea]", "… dea]")), shown
    found = cut("| 遮盖 | 15% | 75% |\n| 预测目标 | 词 | 像素 |\n", "预测目标", width=16)
    assert not found.text.startswith(("… |", "… ·"))


def test_a_formula_holding_the_match_may_be_half_as_wide_again_as_the_window() -> None:
    formula = "\\mathbb{E}_{q(z)}[\\log p(x \\mid z)] - D_{KL}(q(z) \\| p(z))"  # 55 characters
    found = cut(f"Bound: ${formula}$ is the ELBO.\n", "KL", width=40)
    assert formulas(found) == [formula]
    found = cut(f"Bound: ${formula}$ is the ELBO.\n", "KL", width=30)
    assert found.math == () and "KL" in found.text
