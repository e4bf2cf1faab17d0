"""Metadata sources: arXiv, Crossref, doi.org, Semantic Scholar, OpenAlex, DBLP."""
