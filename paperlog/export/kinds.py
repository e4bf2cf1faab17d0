"""What kind of publication a paper is, guessed from its venue and identifiers."""

from __future__ import annotations

import re
from enum import StrEnum

from paperlog.model import Paper

__all__ = ["Kind", "kind_of", "split_name"]

_CONFERENCE = re.compile(
    r"\b(conference|proceedings|proc\.|symposium|workshop|meeting|congress|"
    r"neurips|nips|icml|iclr|cvpr|iccv|eccv|wacv|bmvc|acl|emnlp|naacl|coling|eacl|aaai|ijcai|"
    r"kdd|sigir|sigmod|vldb|www|wsdm|cikm|icra|iros|rss|corl|uai|aistats|colt|interspeech|"
    r"icassp|siggraph|chi|uist|acm mm|miccai|ipmi|isbi|osdi|sosp|nsdi)\b",
    re.IGNORECASE,
)


class Kind(StrEnum):
    conference = "conference"
    journal = "journal"
    preprint = "preprint"
    other = "other"


def kind_of(paper: Paper) -> Kind:
    venue = paper.venue or ""
    if venue and _CONFERENCE.search(venue):
        return Kind.conference
    if venue and not re.fullmatch(r"(arxiv|corr|preprint)\b.*", venue.strip(), re.IGNORECASE):
        return Kind.journal
    if "arxiv" in paper.ids or re.match(r"arxiv|corr", venue, re.IGNORECASE):
        return Kind.preprint
    return Kind.other


def split_name(name: str) -> tuple[str, str]:
    """`Ashish Vaswani` or `Vaswani, Ashish` -> (`Vaswani`, `Ashish`); one word -> (word, "")."""
    name = " ".join(name.split())
    if "," in name:
        family, given = name.split(",", 1)
        return family.strip(), given.strip()
    parts = name.split(" ")
    if len(parts) == 1:
        return parts[0], ""
    # Keep particles with the family name: "Ludwig van Beethoven" -> ("van Beethoven", "Ludwig").
    i = len(parts) - 1
    while i > 1 and parts[i - 1][:1].islower():
        i -= 1
    return " ".join(parts[i:]), " ".join(parts[:i])
