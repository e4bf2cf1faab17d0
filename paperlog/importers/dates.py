"""Dates as notebooks write them: `2023.6.18`, `2018-04`, `2019 Sep`, `Sep 3, 2019`, `2023年6月18日`.

`read_date` finds one at the start of a heading or line and says whether it named a day
(`precise`) or only a month, and what text follows it (`## 2020-03-26 MoCo notes`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_DATE_NUM = re.compile(
    r"^\s*((?:19|20)\d{2})\s*[.\-/年]\s*(\d{1,2})\s*(?:[.\-/月]\s*(\d{1,2})\s*日?)?(?![\d.])"
)
_DATE_YM = re.compile(
    r"^\s*((?:19|20)\d{2})[,\s]+(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+(\d{1,2}))?(?![a-z])",
    re.I,
)
_DATE_MY = re.compile(
    r"^\s*(?:(\d{1,2})(?:\s*[-–]\s*\d{1,2})?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
    r"(?:\s+(\d{1,2}))?,?\s+((?:19|20)\d{2})(?!\d)",
    re.I,
)


_WEEKDAY_FIRST = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


#: `9/04/24`, `12/31/2023`: month/day/year, as US-style tables write it.
_DATE_US = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")


@dataclass(frozen=True)
class LooseDate:
    date: dt.date
    precise: bool
    rest: str
    #: Only a year is known (`## 2018` in a month log): no day of it is made up for `read_on`.
    year_only: bool = False
    #: Only the day and month are known (`# 16/2` in a log with no year anywhere): a dated
    #: section, but no `read_on` (the year in `date` is a stand-in).
    no_year: bool = False

    @property
    def known(self) -> bool:
        """Is the whole date known, so that it can be a `read_on`?"""
        return not (self.year_only or self.no_year)


_TAG = re.compile(r"<[^>]+>")


def read_date(text: str) -> LooseDate | None:
    """A date at the start of `text` in the spellings notebooks use, and what follows it."""
    text = (_TAG.sub("", text) if "<" in text else text).strip().strip("*_ ")
    text = _WEEKDAY_FIRST.sub("", text)
    us = _DATE_US.match(text)
    if us:
        year = int(us.group(3)) + (2000 if len(us.group(3)) == 2 else 0)
        try:
            date = dt.date(year, int(us.group(1)), int(us.group(2)))
        except ValueError:
            return None
        return LooseDate(date, True, text[us.end():].strip().strip("*_:：-– "))
    for pattern in (_DATE_NUM, _DATE_YM, _DATE_MY):
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groups()
        try:
            if pattern is _DATE_NUM:
                year, month, day = int(groups[0]), int(groups[1]), groups[2]
            elif pattern is _DATE_YM:
                year, month, day = int(groups[0]), _MONTHS[groups[1][:3].lower()], groups[2]
            else:
                year, month = int(groups[3]), _MONTHS[groups[1][:3].lower()]
                day = groups[0] or groups[2]
            date = dt.date(year, month, int(day) if day else 1)
        except (ValueError, KeyError):
            return None
        rest = text[match.end():].strip().strip("*_:：-– ")
        return LooseDate(date, day is not None, rest)
    return None
