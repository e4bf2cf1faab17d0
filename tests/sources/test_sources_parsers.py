"""Every recorded Crossref, doi.org, Semantic Scholar, OpenAlex and DBLP body parses to golden records."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from paperlog.sources import crossref, dblp, doi, openalex, semanticscholar
from paperlog.sources.record import Record


def _crossref(body: bytes) -> list[Record]:
    data = json.loads(body)
    if data["message-type"] == "work":
        return [crossref.parse_work(data["message"])]
    return crossref.parse_work_list(data)


def _s2(body: bytes) -> list[Record]:
    data = json.loads(body)
    if "total" in data:
        return semanticscholar.parse_search(data)
    if "data" in data:
        return [semanticscholar.parse_paper(item) for item in data["data"]]
    return [semanticscholar.parse_paper(data)]


def _openalex(body: bytes) -> list[Record]:
    data = json.loads(body)
    return openalex.parse_results(data) if "results" in data else [openalex.parse_work(data)]


def _csl_wrapped(body: bytes) -> list[Record]:
    # citation-js keeps each doi.org answer as the first item of a list keyed by DOI.
    return [doi.parse_csl(value[0]) for value in json.loads(body).values()]


CASES: list[tuple[str, Callable[[bytes], list[Record]]]] = [
    ("crossref/2016_works_query_renear-ontologies.json", _crossref),
    ("crossref/2023_works_10.1109_SAMOS.2013.6621096_proceedings-article.json", _crossref),
    ("crossref/2025_works_10.1023_a-1007154515475_journal-article.json", _crossref),
    ("crossref/2025_works_query.title_effect-of-native-oxide_rows1.json", _crossref),
    ("crossref/2025_works_query.title_no-results.json", _crossref),
    ("crossref/2026_journals_2167-8359_works_query.bibliographic_fish.json", _crossref),
    ("crossref/2026_works_10.1038_srep16696_journal-article.json", _crossref),
    ("crossref/2026_works_10.1109_iccv.2007.4408927_proceedings-article.json", _crossref),
    ("crossref/2026_works_10.1109_icdcsw.2003.1203662_proceedings-article.json", _crossref),
    ("crossref/2026_works_10.1145_3448016.3452841_proceedings-article.json", _crossref),
    ("crossref/2026_works_10.1371_journal.pone.0033693_journal-article.json", _crossref),
    ("crossref/2026_works_query_ecology_rows2.json", _crossref),
    (
        "doi-org/2026_crossref-transform_10.1126_science.169.3946.635_csl-json.json",
        lambda b: [doi.parse_csl(json.loads(b))],
    ),
    ("doi-org/citation-js_doi-org-csl-json_4-dois_reserialized.json", _csl_wrapped),
    ("semanticscholar/2023_graph_v1_paper_search_litstudy_default-fields.json", _s2),
    ("semanticscholar/2024_graph_v1_paper_10.1093_mind_lix.236.433_fields-title.json", _s2),
    ("semanticscholar/2024_graph_v1_paper_search_no-results.json", _s2),
    ("semanticscholar/2024_graph_v1_paper_search_turing_fields-title.json", _s2),
    ("semanticscholar/2025_graph_v1_paper_DOI_10.1023_a-1007154515475.json", _s2),
    ("semanticscholar/2025_graph_v1_paper_DOI_10.1038_s42256-024-00832-8.json", _s2),
    ("semanticscholar/2025_graph_v1_paper_DOI_10.48550_arxiv.2312.07559.json", _s2),
    ("semanticscholar/2025_graph_v1_paper_search_match_augmenting-llms-chemistry-tools.json", _s2),
    ("openalex/2025_works_doi_10.1023_a-1007154515475.json", _openalex),
    ("openalex/2025_works_doi_10.1073_pnas.1414271111.json", _openalex),
    ("openalex/2025_works_filter_title.search_paperqa.json", _openalex),
    ("openalex/2026_works_doi_10.1145_3448016.3452841.json", _openalex),
    (
        "dblp/undated_search_publ_api_json_attention-is-all-you-need_h1.json",
        lambda b: dblp.parse_search(json.loads(b)),
    ),
    ("dblp/2016_rec_journals_cacm_Lamport15.bib", lambda b: [dblp.parse_bibtex(b.decode())]),
    ("dblp/2025_rec_series_sci_2023-1062.bib", lambda b: [dblp.parse_bibtex(b.decode())]),
]


@pytest.mark.parametrize(("name", "parse"), CASES, ids=[c[0] for c in CASES])
def test_recorded_body_parses_to_golden_records(
    http_fixtures: Path,
    golden: Callable[[str, Any], None],
    name: str,
    parse: Callable[[bytes], list[Record]],
) -> None:
    records = parse((http_fixtures / name).read_bytes())
    for record in records:
        assert record.title == record.title.strip() and "\n" not in record.title
    golden(name.replace("/", "_").rsplit(".", 1)[0], [r.to_json() for r in records])


def test_crossref_joins_title_and_subtitle_and_reads_proceedings(http_fixtures: Path) -> None:
    name = "crossref/2026_works_10.1145_3448016.3452841_proceedings-article.json"
    (record,) = _crossref((http_fixtures / name).read_bytes())
    assert record.title == "Vector Quotient Filters: Overcoming the Time/Space Trade-Off in Filter Design"
    assert record.year == 2021 and record.kind == "proceedings-article"
    assert record.venue == "Proceedings of the 2021 International Conference on Management of Data"
    assert record.authors[0] == "Prashant Pandey"


def test_csl_json_reads_a_datacite_doi(http_fixtures: Path) -> None:
    name = "doi-org/citation-js_doi-org-csl-json_4-dois_reserialized.json"
    records = _csl_wrapped((http_fixtures / name).read_bytes())
    zenodo = next(r for r in records if r.ids["doi"] == "10.5281/zenodo.8242099")
    assert zenodo.title == "Shield bugs (nymphs)" and zenodo.year == 2023
    assert zenodo.authors[0] == "Lars Willighagen"


def test_semantic_scholar_external_ids_become_paperlog_ids(http_fixtures: Path) -> None:
    name = "semanticscholar/2025_graph_v1_paper_DOI_10.1038_s42256-024-00832-8.json"
    (record,) = _s2((http_fixtures / name).read_bytes())
    assert record.ids == {
        "dblp": "journals/natmi/BranCSBWS24",
        "arxiv": "2304.05376",
        "doi": "10.1038/s42256-024-00832-8",
        "pmid": "38799228",
        "s2": "354dcdebf3f8b5feeed5c62090e0bc1f0c28db06",
    }
    assert record.venue == "Nature Machine Intelligence"


def test_openalex_rebuilds_the_abstract(http_fixtures: Path) -> None:
    name = "openalex/2026_works_doi_10.1145_3448016.3452841.json"
    (record,) = _openalex((http_fixtures / name).read_bytes())
    assert record.abstract and record.abstract.startswith("Today's filters, such as quotient, cuckoo")
    assert record.ids["doi"] == "10.1145/3448016.3452841"


def test_dblp_drops_the_full_stop_and_homonym_numbers(http_fixtures: Path) -> None:
    name = "dblp/undated_search_publ_api_json_attention-is-all-you-need_h1.json"
    (record,) = dblp.parse_search(json.loads((http_fixtures / name).read_bytes()))
    assert record.title.startswith("Attentional Transfer is All You Need: Technology-aware")
    assert not record.title.endswith(".")
    assert record.authors[0] == "Xiaopeng Zhang" and record.venue == "DAC" and record.year == 2021
    assert record.ids == {"dblp": "conf/dac/ZhangYY21", "doi": "10.1109/dac18074.2021.9586227"}
