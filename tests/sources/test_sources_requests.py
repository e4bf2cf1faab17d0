"""Each source asks for what its API documents, and reads the recorded answer to that request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from paperlog.errors import SourceError, SourceNotFound
from paperlog.sources import dblp, doi, openalex, semanticscholar

S2 = "https://api.semanticscholar.org/graph/v1/paper/"


def test_semantic_scholar_by_doi(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    replay.add(
        f"{S2}DOI:10.1038/s42256-024-00832-8",
        "semanticscholar/2025_graph_v1_paper_DOI_10.1038_s42256-024-00832-8.json",
    )
    record = semanticscholar.lookup(make_fetcher(), "doi", "10.1038/s42256-024-00832-8")
    assert record.title == "Augmenting large language models with chemistry tools"
    (request,) = replay.requests
    assert request.url.params["fields"] == semanticscholar.FIELDS
    assert "externalIds" in request.url.params["fields"] and "abstract" in request.url.params["fields"]


def test_semantic_scholar_by_arxiv_id_uses_the_arxiv_prefix(
    replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    # Recorded for DOI:10.48550/arXiv.2312.07559: the same paper, asked for by its arXiv DOI.
    replay.add(
        f"{S2}ARXIV:2312.07559", "semanticscholar/2025_graph_v1_paper_DOI_10.48550_arxiv.2312.07559.json"
    )
    record = semanticscholar.lookup(make_fetcher(), "arxiv", "2312.07559")
    assert record.ids["arxiv"] == "2312.07559" and record.venue is None  # "ArXiv" is no venue


def test_semantic_scholar_404_is_not_found(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    replay.add(
        f"{S2}DOI:10.1101/2024.04.01.587366",
        "semanticscholar/2025_graph_v1_paper_DOI_10.1101_2024.04.01.587366_404.json",
        status=404,
    )
    with pytest.raises(SourceNotFound) as caught:
        semanticscholar.lookup(make_fetcher(), "doi", "10.1101/2024.04.01.587366")
    assert str(caught.value) == "semanticscholar: DOI:10.1101/2024.04.01.587366: not found"


def test_semantic_scholar_cannot_look_up_openreview_ids(make_fetcher: Callable[..., Any]) -> None:
    with pytest.raises(SourceError, match="cannot look this kind of id up"):
        semanticscholar.lookup(make_fetcher(), "openreview", "sKc6fgce1zs")


def test_openalex_title_search_sends_the_recorded_filter(
    replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    title = "PaperQA: Retrieval-Augmented Generative Agent for Scientific Research"
    replay.add(
        f"https://api.openalex.org/works?filter=title.search:{title}",
        "openalex/2025_works_filter_title.search_paperqa.json",
    )
    (record,) = openalex.search_title(make_fetcher(), title)
    assert record.title == title and record.ids["arxiv"] == "2312.07559"


def test_openalex_by_doi_and_its_404(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    replay.add(
        "https://api.openalex.org/works/https://doi.org/10.1073/pnas.1414271111",
        "openalex/2025_works_doi_10.1073_pnas.1414271111.json",
    )
    replay.add(
        "https://api.openalex.org/works/https://doi.org/10.1046/j.1365-2699.2003.00795",
        "openalex/2025_works_doi_10.1046_j.1365-2699.2003.00795_404.html",
        status=404,
    )
    record = openalex.lookup(make_fetcher(), "10.1073/pnas.1414271111")
    assert record.venue == "Proceedings of the National Academy of Sciences" and record.year == 2014
    with pytest.raises(SourceNotFound):
        openalex.lookup(make_fetcher(), "10.1046/j.1365-2699.2003.00795")


def test_doi_org_is_asked_for_csl_json(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    # doi.org sends Crossref DOIs on to Crossref's transform service; this is its answer.
    replay.add(
        "https://doi.org/10.1126/science.169.3946.635",
        "doi-org/2026_crossref-transform_10.1126_science.169.3946.635_csl-json.json",
    )
    record = doi.lookup(make_fetcher(), "https://doi.org/10.1126/science.169.3946.635")
    assert record.title == "The Structure of Ordinary Water" and record.venue == "Science"
    assert replay.requests[0].headers["Accept"] == "application/vnd.citationstyles.csl+json"


def test_doi_org_not_found(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    replay.add("https://doi.org/10.1126/foo", "doi-org/2026_10.1126_foo_404.html", status=404)
    with pytest.raises(SourceNotFound, match=r"^doi: 10\.1126/foo: not found$"):
        doi.lookup(make_fetcher(), "10.1126/foo")


def test_dblp_search_asks_for_json(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    replay.add(
        "https://dblp.org/search/publ/api?q=attention is all you need&format=json",
        "dblp/undated_search_publ_api_json_attention-is-all-you-need_h1.json",
    )
    (record,) = dblp.search(make_fetcher(), "attention is all you need")
    assert record.venue == "DAC"
    assert replay.requests[0].url.params["h"] == "5"


def test_dblp_record_as_bibtex(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    bib = "dblp/2016_rec_journals_cacm_Lamport15.bib"
    replay.add("https://dblp.org/rec/journals/cacm/Lamport15.bib", bib)
    record = dblp.lookup(make_fetcher(), "journals/cacm/Lamport15")
    assert record.title == "Who builds a house without drawing blueprints?"
    assert record.venue == "Commun. ACM" and record.ids["doi"] == "10.1145/2736348"
