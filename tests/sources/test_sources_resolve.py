"""resolve(): from what a user pastes to a filled-in Paper, through the recorded answers.

Requests with no recording fail like a network that is down; the resolver must carry on
with the sources that did answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from paperlog.errors import AmbiguousMatch, DuplicatePaper, SourceError, SourceNotFound
from paperlog.library import Library
from paperlog.sources import resolve
from paperlog.sources.record import Record
from paperlog.sources.resolver import Resolver, _clusters

ARXIV = "https://export.arxiv.org/api/query"
CROSSREF = "https://api.crossref.org/works"
S2 = "https://api.semanticscholar.org/graph/v1/paper/"
OPENALEX = "https://api.openalex.org/works"


def test_arxiv_id_gives_a_full_paper(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any], golden: Any
) -> None:
    replay.add(f"{ARXIV}?id_list=1706.03762", "arxiv/2026_id_list_1706.03762.xml")
    # The one DBLP JSON recording: a search whose only hit is another paper.
    replay.add(
        "https://dblp.org/search/publ/api?format=json",
        "dblp/undated_search_publ_api_json_attention-is-all-you-need_h1.json",
    )
    paper = resolve(empty_library, "arXiv:1706.03762v5", fetcher=make_fetcher())
    assert paper.title == "Attention Is All You Need"
    assert paper.ids == {"arxiv": "1706.03762"}  # the DBLP hit was another paper: dropped
    assert paper.year == 2017 and paper.venue is None and paper.key == ""
    assert paper.extra["abstract"].startswith("The dominant sequence transduction models")
    golden("resolve_arxiv_1706.03762", paper.to_json())
    # Semantic Scholar had no recording (network down): retried, then skipped.
    assert any("semanticscholar" in u for u in replay.unmatched)


def test_doi_takes_crossref_then_an_abstract_from_openalex(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any], golden: Any
) -> None:
    replay.add(
        f"{CROSSREF}/10.1145/3448016.3452841",
        "crossref/2026_works_10.1145_3448016.3452841_proceedings-article.json",
    )
    replay.add(
        f"{OPENALEX}/https://doi.org/10.1145/3448016.3452841",
        "openalex/2026_works_doi_10.1145_3448016.3452841.json",
    )
    paper = resolve(empty_library, "https://doi.org/10.1145/3448016.3452841", fetcher=make_fetcher())
    assert paper.title.startswith("Vector Quotient Filters")
    assert paper.venue == "Proceedings of the 2021 International Conference on Management of Data"
    assert paper.year == 2021 and paper.authors[0] == "Prashant Pandey"
    assert paper.url == "https://doi.org/10.1145/3448016.3452841"
    assert paper.extra["abstract"].startswith("Today's filters")
    golden("resolve_doi_10.1145_3448016.3452841", paper.to_json())


def test_crossref_requests_carry_the_polite_mailto(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    replay.add(
        f"{CROSSREF}/10.1145/3448016.3452841",
        "crossref/2026_works_10.1145_3448016.3452841_proceedings-article.json",
    )
    resolver = Resolver(make_fetcher(mailto="me@example.org"), order=("crossref",))
    resolver.by_ids({"doi": "10.1145/3448016.3452841"})
    assert replay.requests[0].url.params["mailto"] == "me@example.org"


def test_a_datacite_doi_falls_through_to_doi_org(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any], http_fixtures: Path
) -> None:
    not_found = "crossref/2026_works_10.1371_notarealdoi_404.txt"
    replay.add(f"{CROSSREF}/10.5281/zenodo.8242099", not_found, status=404)
    # doi.org's CSL-JSON for this DataCite DOI, as citation-js keeps it (re-serialised, see README).
    name = "doi-org/citation-js_doi-org-csl-json_4-dois_reserialized.json"
    item = json.loads((http_fixtures / name).read_bytes())["10.5281/ZENODO.8242099"][0]
    replay.add("https://doi.org/10.5281/zenodo.8242099", None, body=json.dumps(item).encode())
    paper = resolve(empty_library, "10.5281/zenodo.8242099", fetcher=make_fetcher())
    assert paper.title == "Shield bugs (nymphs)"
    accept = [r.headers["Accept"] for r in replay.requests if r.url.host == "doi.org"]
    assert accept == ["application/vnd.citationstyles.csl+json"]


def test_a_doi_nobody_knows_is_not_found(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    replay.add(f"{CROSSREF}/10.1126/foo", "crossref/2026_works_10.1371_notarealdoi_404.txt", status=404)
    replay.add("https://doi.org/10.1126/foo", "doi-org/2026_10.1126_foo_404.html", status=404)
    replay.add(
        f"{OPENALEX}/https://doi.org/10.1126/foo",
        "openalex/2025_works_doi_10.1046_j.1365-2699.2003.00795_404.html",
        status=404,
    )
    with pytest.raises(SourceNotFound) as caught:
        resolve(empty_library, "doi:10.1126/foo", fetcher=make_fetcher())
    assert str(caught.value) == "doi: 10.1126/foo: no registration agency knows this DOI"


def test_a_title_found_by_semantic_scholar(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    replay.add(
        f"{S2}search/match?query=Augmenting large language models with chemistry tools",
        "semanticscholar/2025_graph_v1_paper_search_match_augmenting-llms-chemistry-tools.json",
    )
    resolver = Resolver(make_fetcher(), order=("semanticscholar",))
    records = resolver.by_title("Augmenting large language models with chemistry tools")
    assert records[0].ids["arxiv"] == "2304.05376"
    assert records[0].venue == "Nature Machine Intelligence"


def test_a_crossref_title_search_match(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    title = (
        "Effect of native oxide layers on copper thin-film tensile properties:"
        " A reactive molecular dynamics study"
    )
    # Recorded with the older `query.title` parameter; the answer has the same shape.
    replay.add(f"{CROSSREF}?rows=5", "crossref/2025_works_query.title_effect-of-native-oxide_rows1.json")
    records = Resolver(make_fetcher(), order=("crossref",)).by_title(title.lower())
    assert records[0].ids == {"doi": "10.1063/1.4938384"}
    assert replay.requests[0].url.params["query.bibliographic"] == title.lower()


def test_a_close_but_inexact_title_offers_candidates(
    replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    replay.add(f"{CROSSREF}?rows=5", "crossref/2016_works_query_renear-ontologies.json")
    resolver = Resolver(make_fetcher(), order=("crossref",))
    with pytest.raises(AmbiguousMatch) as caught:
        resolver.by_title("Strategic reading and the future of scientific publishing")
    assert caught.value.candidates[0].startswith(
        "Strategic Reading, Ontologies, and the Future of Scientific Publishing (2009"
    )
    assert caught.value.candidates[0].endswith("[doi:10.1126/science.1157784]")


def test_no_title_match_is_not_found(replay: Any, make_fetcher: Callable[..., Any]) -> None:
    nonsense = "askldjrq3rjaw938h"
    replay.add(
        f"{S2}search/match?query={nonsense}",
        "semanticscholar/2025_graph_v1_paper_search_match_404.json",
        status=404,
    )
    empty = "crossref/2025_works_query.title_no-results.json"
    replay.add(f"{CROSSREF}?query.bibliographic={nonsense}", empty)
    resolver = Resolver(make_fetcher(), order=("crossref", "semanticscholar"))
    with pytest.raises(SourceNotFound) as caught:
        resolver.by_title(nonsense)
    assert str(caught.value) == f"title: {nonsense}: no paper with this title (crossref, semanticscholar)"


def test_title_search_with_every_source_down_names_the_first(
    replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    with pytest.raises(SourceError, match=r"^arxiv: Some title: network error"):
        Resolver(make_fetcher(retries=0), order=("arxiv", "crossref")).by_title("Some title")


def test_two_papers_with_one_title_are_ambiguous() -> None:
    a = Record("dblp", "Deep learning", ["Yann LeCun"], 2015, "Nature", {"doi": "10.1038/nature14539"})
    b = Record("crossref", "Deep Learning", ["Ian Goodfellow"], 2016, None, {"isbn": "9780262035613"})
    c = Record("semanticscholar", "Deep learning.", ["Y. LeCun"], 2015, None, {"doi": "10.1038/nature14539"})
    clusters = _clusters([a, b, c])
    assert [[r.source for r in cluster] for cluster in clusters] == [
        ["dblp", "semanticscholar"],
        ["crossref"],
    ]


def test_a_paper_already_in_the_library_is_refused_before_any_request(
    library: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    with pytest.raises(DuplicatePaper, match=r"same arxiv id 1706\.03762"):
        resolve(library, "https://arxiv.org/pdf/1706.03762v7.pdf", fetcher=make_fetcher())
    assert replay.requests == []


def test_an_openreview_link_says_to_add_by_title(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    with pytest.raises(SourceError) as caught:
        resolve(empty_library, "https://openreview.net/forum?id=sKc6fgce1zs", fetcher=make_fetcher())
    assert str(caught.value).startswith("openreview: sKc6fgce1zs: paperlog cannot read OpenReview")
    assert replay.requests == []


def test_a_candidates_dblp_id_can_be_pasted_back(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    replay.add("https://dblp.org/rec/series/sci/2023-1062.bib", "dblp/2025_rec_series_sci_2023-1062.bib")
    paper = resolve(
        empty_library, "dblp:series/sci/2023-1062", fetcher=make_fetcher(rate_limits={}, retries=0)
    )
    assert paper.title.startswith("Banach Space Valued Neural Network")
    assert paper.ids["dblp"] == "series/sci/2023-1062" and paper.year == 2023
    assert paper.venue == "Studies in Computational Intelligence"
