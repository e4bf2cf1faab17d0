"""Link normalisation the importer relies on (paperlog.ids), including the additions it made."""

from __future__ import annotations

import pytest

from paperlog.ids import ids_from_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/abs/1706.03762v5", {"arxiv": "1706.03762"}),
        ("https://arxiv.org/pdf/2310.13227.pdf", {"arxiv": "2310.13227"}),
        ("http://arxiv.org/abs/hep-th/9901001v1", {"arxiv": "hep-th/9901001"}),
        ("arxiv.org/abs/2001.04451", {"arxiv": "2001.04451"}),
        ("https://dl.acm.org/doi/abs/10.1145/3503161.3547915", {"doi": "10.1145/3503161.3547915"}),
        ("https://openreview.net/forum?id=sKc6fgce1zs&noteId=x", {"openreview": "sKc6fgce1zs"}),
        ("https://openreview.net/pdf?id=aBH_DydEvoH", {"openreview": "aBH_DydEvoH"}),
        ("http://proceedings.mlr.press/v119/rothchild20a/rothchild20a.pdf", {"pmlr": "v119/rothchild20a"}),
        ("https://aclanthology.org/2020.acl-main.463.pdf", {"acl": "2020.acl-main.463"}),
        ("https://paperswithcode.com/paper/190503670", {"arxiv": "1905.03670"}),
        ("https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/1911.05722.pdf", {"arxiv": "1911.05722"}),
        ("https://huggingface.co/papers/2310.06825", {"arxiv": "2310.06825"}),
        ("https://www.semanticscholar.org/arxiv/1706.03762", {"arxiv": "1706.03762"}),
        ("https://ar5iv.org/abs/1706.03762", {"arxiv": "1706.03762"}),
        (
            "https://doi.org/10.48550/arXiv.1706.03762",
            {"doi": "10.48550/arxiv.1706.03762", "arxiv": "1706.03762"},
        ),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", {}),
    ],
)
def test_ids_from_url(url: str, expected: dict[str, str]) -> None:
    assert ids_from_url(url) == expected


def test_cvf_pages_name_conference_and_paper() -> None:
    found = ids_from_url(
        "https://openaccess.thecvf.com/content/CVPR2021/html/"
        "Ding_RepVGG_Making_VGG-Style_ConvNets_Great_Again_CVPR_2021_paper.html"
    )
    assert found == {"cvf": "CVPR2021/Ding_RepVGG_Making_VGG-Style_ConvNets_Great_Again_CVPR_2021"}


@pytest.mark.parametrize("text", ["http://x)[x]", "https://[not-an-ip]/a", "http://[::1"])
def test_text_that_is_not_a_url_names_nothing(text: str) -> None:
    from paperlog.ids import canonical_url, split_arxiv, unwrap_redirect, venue_from_url

    assert ids_from_url(text) == {}
    assert unwrap_redirect(text) == text
    assert venue_from_url(text) == (None, None)
    assert split_arxiv(text) is None
    assert canonical_url("arxiv", "1706.03762") == "https://arxiv.org/abs/1706.03762"
