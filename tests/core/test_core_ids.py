"""Identifiers: arXiv, DOI, OpenReview, proceedings URLs, redirect wrappers, what a user pasted."""

from __future__ import annotations

import pytest

from paperlog.ids import (
    Identifier,
    canonical_url,
    ids_from_url,
    normalize_arxiv,
    normalize_doi,
    parse_identifier,
    split_arxiv,
    unwrap_redirect,
    venue_from_url,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1706.03762", "1706.03762"),
        ("1706.03762v5", "1706.03762"),
        ("arXiv:1706.03762", "1706.03762"),
        ("arxiv: 1706.03762v2", "1706.03762"),
        ("ARXIV:2103.00020", "2103.00020"),
        ("https://arxiv.org/abs/1706.03762", "1706.03762"),
        ("https://arxiv.org/abs/1706.03762v5", "1706.03762"),
        ("https://arxiv.org/pdf/1706.03762", "1706.03762"),
        ("https://arxiv.org/pdf/1706.03762v2.pdf", "1706.03762"),
        ("http://export.arxiv.org/abs/2401.00001", "2401.00001"),
        ("https://arxiv.org/html/2403.12345v1", "2403.12345"),
        ("0704.0001", "0704.0001"),
        ("hep-th/9901001", "hep-th/9901001"),
        ("hep-th/9901001v3", "hep-th/9901001"),
        ("arXiv:hep-th/9901001", "hep-th/9901001"),
        ("http://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001"),
        ("math.GT/0309136", "math.GT/0309136"),
        ("https://arxiv.org/abs/math.GT/0309136", "math.GT/0309136"),
        ("cond-mat/0102536v1", "cond-mat/0102536"),
    ],
)
def test_normalize_arxiv(text: str, expected: str) -> None:
    assert normalize_arxiv(text) == expected


@pytest.mark.parametrize("text", ["https://example.com/abs/1706.03762", "not an id", "", "10.1145/3503161"])
def test_normalize_arxiv_rejects(text: str) -> None:
    assert normalize_arxiv(text) is None


def test_split_arxiv_keeps_the_version() -> None:
    assert split_arxiv("https://arxiv.org/abs/1706.03762v5") == ("1706.03762", "v5")
    assert split_arxiv("1706.03762") == ("1706.03762", "")
    assert split_arxiv("math.GT/0309136v2") == ("math.GT/0309136", "v2")
    assert split_arxiv("nothing") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.1145/3503161.3547915", "10.1145/3503161.3547915"),
        ("doi:10.1145/3503161.3547915", "10.1145/3503161.3547915"),
        ("https://doi.org/10.1145/3503161.3547915", "10.1145/3503161.3547915"),
        ("https://dx.doi.org/10.1038/NATURE14539", "10.1038/nature14539"),
        ("https://dl.acm.org/doi/abs/10.1145/3503161.3547915", "10.1145/3503161.3547915"),
        ("https://dl.acm.org/doi/pdf/10.1145/3503161.3547915", "10.1145/3503161.3547915"),
        ("https://onlinelibrary.wiley.com/doi/full/10.1002/anie.201915678", "10.1002/anie.201915678"),
        ("https://doi.org/10.1145/3503161.3547915.", "10.1145/3503161.3547915"),
        ("(see 10.1145/3503161.3547915).", "10.1145/3503161.3547915"),
        ("10.1145/3503161.3547915,", "10.1145/3503161.3547915"),
        ("https://doi.org/10.1007%2Fs11263-015-0816-y", "10.1007/s11263-015-0816-y"),
    ],
)
def test_normalize_doi(text: str, expected: str) -> None:
    assert normalize_doi(text) == expected


def test_normalize_doi_rejects() -> None:
    assert normalize_doi("1706.03762") is None
    assert normalize_doi("https://example.com/") is None


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/abs/1706.03762v5", {"arxiv": "1706.03762"}),
        ("https://www.arxiv.org/pdf/2103.00020.pdf", {"arxiv": "2103.00020"}),
        ("https://doi.org/10.1145/3503161.3547915", {"doi": "10.1145/3503161.3547915"}),
        ("https://dl.acm.org/doi/abs/10.1145/3503161.3547915", {"doi": "10.1145/3503161.3547915"}),
        ("https://dl.acm.org/doi/10.1145/3503161.3547915.", {"doi": "10.1145/3503161.3547915"}),
        ("https://link.springer.com/article/10.1007/s11263-015-0816-y", {"doi": "10.1007/s11263-015-0816-y"}),
        ("https://openreview.net/forum?id=YicbFdNTTy", {"openreview": "YicbFdNTTy"}),
        ("https://openreview.net/pdf?id=YicbFdNTTy", {"openreview": "YicbFdNTTy"}),
        ("https://openreview.net/forum?id=YicbFdNTTy&noteId=abc", {"openreview": "YicbFdNTTy"}),
        ("https://paperswithcode.com/paper/190503670", {"arxiv": "1905.03670"}),
        ("https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/1911.05722.pdf", {"arxiv": "1911.05722"}),
        ("https://link.zhihu.com/?target=https%3A//arxiv.org/abs/1911.05722", {"arxiv": "1911.05722"}),
        ("https://www.google.com/url?q=https://arxiv.org/abs/1706.03762&sa=D", {"arxiv": "1706.03762"}),
        (
            "https://openaccess.thecvf.com/content/CVPR2021/html/"
            "Ding_RepVGG_Making_VGG-Style_ConvNets_Great_Again_CVPR_2021_paper.html",
            {"cvf": "CVPR2021/Ding_RepVGG_Making_VGG-Style_ConvNets_Great_Again_CVPR_2021"},
        ),
        (
            "https://openaccess.thecvf.com/content/CVPR2021/papers/"
            "Ding_RepVGG_Making_VGG-Style_ConvNets_Great_Again_CVPR_2021_paper.pdf",
            {"cvf": "CVPR2021/Ding_RepVGG_Making_VGG-Style_ConvNets_Great_Again_CVPR_2021"},
        ),
        (
            "https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual_Learning_CVPR_2016_paper.pdf",
            {"cvf": "CVPR2016/He_Deep_Residual_Learning_CVPR_2016"},
        ),
        (
            "https://openaccess.thecvf.com/content_ICCV_2017/papers/He_Mask_R-CNN_ICCV_2017_paper.pdf",
            {"cvf": "ICCV2017/He_Mask_R-CNN_ICCV_2017"},
        ),
        (
            "https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html",
            {"neurips": "3f5ee243547dee91fbd053c1c4a845aa"},
        ),
        (
            "https://proceedings.neurips.cc/paper_files/paper/2020/file/"
            "4c5bcfec8584af0d967f1ab10179ca4b-Paper.pdf",
            {"neurips": "4c5bcfec8584af0d967f1ab10179ca4b"},
        ),
        ("https://papers.nips.cc/paper/7181-attention-is-all-you-need.pdf", {"neurips": "7181"}),
        ("https://aclanthology.org/N19-1423/", {"acl": "N19-1423"}),
        ("https://aclanthology.org/2020.acl-main.463.pdf", {"acl": "2020.acl-main.463"}),
        ("https://www.aclweb.org/anthology/P19-1001.pdf", {"acl": "P19-1001"}),
        ("https://proceedings.mlr.press/v139/radford21a.html", {"pmlr": "v139/radford21a"}),
        ("http://proceedings.mlr.press/v37/ioffe15.pdf", {"pmlr": "v37/ioffe15"}),
        ("https://proceedings.mlr.press/v139/radford21a/radford21a.pdf", {"pmlr": "v139/radford21a"}),
        ("https://pubmed.ncbi.nlm.nih.gov/31452104/", {"pmid": "31452104"}),
        (
            "https://www.semanticscholar.org/paper/Attention-is-All-you-Need-Vaswani-Shazeer/"
            "204e3073870fae3d05bcbc2f6a8e263d9b72e776",
            {"s2": "204e3073870fae3d05bcbc2f6a8e263d9b72e776"},
        ),
        ("https://dblp.org/rec/conf/nips/VaswaniSPUJGKP17.html", {"dblp": "conf/nips/VaswaniSPUJGKP17"}),
        ("https://example.com/blog/post", {}),
        ("https://github.com/openai/CLIP", {}),
    ],
)
def test_ids_from_url(url: str, expected: dict[str, str]) -> None:
    assert ids_from_url(url) == expected


def test_cvf_html_and_pdf_give_the_same_id() -> None:
    stem = "Liu_Swin_Transformer_Hierarchical_Vision_Transformer_Using_Shifted_Windows_ICCV_2021"
    html = ids_from_url(f"https://openaccess.thecvf.com/content/ICCV2021/html/{stem}_paper.html")
    pdf = ids_from_url(f"https://openaccess.thecvf.com/content/ICCV2021/papers/{stem}_paper.pdf")
    assert html == pdf == {"cvf": f"ICCV2021/{stem}"}


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://openaccess.thecvf.com/content/CVPR2021/html/X_CVPR_2021_paper.html", ("CVPR", 2021)),
        ("https://openaccess.thecvf.com/content_cvpr_2016/papers/He_CVPR_2016_paper.pdf", ("CVPR", 2016)),
        ("https://openaccess.thecvf.com/content_ICCV_2017/papers/He_ICCV_2017_paper.pdf", ("ICCV", 2017)),
        (
            "https://proceedings.neurips.cc/paper_files/paper/2020/file/4c5bcfec8584af0d967f1ab10179ca4b-Paper.pdf",
            ("NeurIPS", 2020),
        ),
        (
            "https://proceedings.neurips.cc/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html",
            ("NIPS", 2017),
        ),
        ("https://aclanthology.org/2020.acl-main.463.pdf", ("ACL", 2020)),
        ("https://aclanthology.org/2021.emnlp-main.1/", ("EMNLP", 2021)),
        ("https://proceedings.mlr.press/v139/radford21a.html", ("PMLR", None)),
        ("https://arxiv.org/abs/1706.03762", (None, None)),
    ],
)
def test_venue_from_url(url: str, expected: tuple[str | None, int | None]) -> None:
    assert venue_from_url(url) == expected


def test_unwrap_redirect() -> None:
    target = "https://arxiv.org/pdf/1911.05722.pdf"
    assert unwrap_redirect("https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/1911.05722.pdf") == target
    nested = "https://www.google.com/url?q=https%3A%2F%2Flink.zhihu.com%2F%3Ftarget%3Dhttps%253A%2F%2Farxiv.org%2Fpdf%2F1911.05722.pdf"
    assert unwrap_redirect(nested) == target
    plain = "https://example.com/search?q=attention"
    assert unwrap_redirect(plain) == plain
    assert unwrap_redirect(target) == target


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1706.03762", Identifier("arxiv", "1706.03762")),
        ("arXiv:1706.03762v5", Identifier("arxiv", "1706.03762")),
        ("  1706.03762  ", Identifier("arxiv", "1706.03762")),
        ("hep-th/9901001", Identifier("arxiv", "hep-th/9901001")),
        ("math.GT/0309136", Identifier("arxiv", "math.GT/0309136")),
        ("10.1145/3503161.3547915", Identifier("doi", "10.1145/3503161.3547915")),
        ("doi:10.1145/3503161.3547915", Identifier("doi", "10.1145/3503161.3547915")),
        ("DOI: 10.1145/3503161.3547915", Identifier("doi", "10.1145/3503161.3547915")),
        ("https://arxiv.org/abs/1706.03762v5", Identifier("arxiv", "1706.03762")),
        ("https://dl.acm.org/doi/abs/10.1145/3503161.3547915", Identifier("doi", "10.1145/3503161.3547915")),
        ("https://openreview.net/forum?id=YicbFdNTTy", Identifier("openreview", "YicbFdNTTy")),
        ("https://paperswithcode.com/paper/190503670", Identifier("arxiv", "1905.03670")),
        (
            "https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/1911.05722.pdf",
            Identifier("arxiv", "1911.05722"),
        ),
        ("https://aclanthology.org/N19-1423/", Identifier("acl", "N19-1423")),
        ("https://proceedings.mlr.press/v139/radford21a.html", Identifier("pmlr", "v139/radford21a")),
        ("pmid: 31452104", Identifier("pmid", "31452104")),
        ("https://example.com/a-blog-post", Identifier("url", "https://example.com/a-blog-post")),
        ("Attention Is All You Need", Identifier("title", "Attention Is All You Need")),
        ("基于注意力机制的图像描述", Identifier("title", "基于注意力机制的图像描述")),
        (
            "BERT: Pre-training of Deep Bidirectional Transformers",
            Identifier("title", "BERT: Pre-training of Deep Bidirectional Transformers"),
        ),
    ],
)
def test_parse_identifier(text: str, expected: Identifier) -> None:
    assert parse_identifier(text) == expected


def test_canonical_url_round_trips() -> None:
    for kind, value in [
        ("arxiv", "1706.03762"),
        ("doi", "10.1145/3503161.3547915"),
        ("openreview", "YicbFdNTTy"),
        ("pmid", "31452104"),
        ("acl", "N19-1423"),
        ("pmlr", "v139/radford21a"),
        ("dblp", "conf/nips/VaswaniSPUJGKP17"),
    ]:
        url = canonical_url(kind, value)
        assert url is not None
        assert ids_from_url(url) == {kind: value}, url
    assert canonical_url("isbn", "123") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("arxiv.org/abs/1706.03762", Identifier("arxiv", "1706.03762")),
        ("www.arxiv.org/pdf/1706.03762v2", Identifier("arxiv", "1706.03762")),
        ("doi.org/10.1145/3503161.3547915", Identifier("doi", "10.1145/3503161.3547915")),
        ("openreview.net/forum?id=YicbFdNTTy", Identifier("openreview", "YicbFdNTTy")),
        ("example.com/a-page", Identifier("url", "https://example.com/a-page")),
        ("<https://arxiv.org/abs/1706.03762>", Identifier("arxiv", "1706.03762")),
        ("arXiv:1706.03762 [cs.CL]", Identifier("arxiv", "1706.03762")),
        ("arXiv:hep-th/9901001 [hep-th]", Identifier("arxiv", "hep-th/9901001")),
        ("Deep learning [cs.LG]", Identifier("title", "Deep learning [cs.LG]")),
        ("[Re] Reproducing a paper", Identifier("title", "[Re] Reproducing a paper")),
        ("Node.js/Deno", Identifier("title", "Node.js/Deno")),
        ("www.tool.sh/docs", Identifier("url", "https://www.tool.sh/docs")),
        ("https://tool.sh/docs", Identifier("url", "https://tool.sh/docs")),
    ],
)
def test_parse_identifier_as_people_paste_it(text: str, expected: Identifier) -> None:
    """Links copied without https://, Markdown autolinks, and arXiv's own citation form."""
    assert parse_identifier(text) == expected
