"""How many articles of a result fall in each day, week or month: the "at a glance" view.

Index positions are in date order, so counting a result per period is a popcount per period
(:meth:`SearchIndex.date_buckets`), cheap enough to run in the search worker on every keystroke.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from warta.store.search.index import Mask, SearchIndex

GRANULARITIES = ("day", "week", "month")


@dataclass(frozen=True)
class Timeline:
    by: str
    starts: list[str]
    """First day of each period (weeks start on Monday)."""
    counts: list[int]
    undated: int


def _period_start(day: dt.date, by: str) -> dt.date:
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def _next(day: dt.date, by: str) -> dt.date:
    if by == "day":
        return day + dt.timedelta(days=1)
    if by == "week":
        return day + dt.timedelta(days=7)
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def auto_granularity(first: dt.date, last: dt.date) -> str:
    """Days for up to two months, weeks for up to two years, months beyond."""
    span = (last - first).days
    return "day" if span <= 62 else "week" if span <= 730 else "month"


def timeline(index: SearchIndex, mask: Mask, by: str | None = None) -> Timeline:
    """Counts of ``mask`` per period from its oldest to its newest dated article."""
    undated = (mask & ~index.dated_mask() & index.all).bit_count()
    span = index.date_span(mask)
    if span is None:
        return Timeline(by or "month", [], [], undated)
    first, last = dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])
    by = by or auto_granularity(first, last)
    starts: list[dt.date] = []
    d = _period_start(first, by)
    while d <= last:
        starts.append(d)
        d = _next(d, by)
    # date_buckets wants the ranges newest first, ending with an exclusive upper bound.
    bounds = [s.isoformat() for s in [d, *reversed(starts)]]
    counts = index.date_buckets(mask, bounds)
    counts.reverse()
    return Timeline(by, [s.isoformat() for s in starts], counts, undated)
