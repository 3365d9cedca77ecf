"""The part of the search index that follows from the articles alone, as flat arrays.

Everything here is derived from titles, dates and metadata, never from the user's data (tags,
read, starred, notes: :class:`~warta.store.search.index.SearchIndex` lays those over it), so
it can be kept on disk beside the library (``stored``) and loaded in milliseconds instead of
being rebuilt by every process. Postings are in CSR form: the positions of token ``t`` are
``pos[off[t]:off[t + 1]]``, and since the vocabulary is sorted, the tokens a prefix begins are
one contiguous range of it.

Positions are the index's newest-first order (see ``index``); ``doc_at[p]`` is the article
(library position) at position ``p`` and ``pos_of`` the inverse.
"""

from __future__ import annotations

import array
import gc
import re
import zlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson

from warta.store.search.keys import TOKEN_RE, fold

FORMAT = 1
"""Bumped whenever what is built changes (folding, tokens, fields): older files are rebuilt."""
FIELDS = ("outlets", "places", "people", "orgs")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NO_DATE = b" " * 10


def valid_date(s: str | None) -> str:
    """A date value as YYYY-MM-DD (a longer timestamp is cut), or "" when missing/malformed."""
    s = (s or "")[:10]
    return s if _DATE_RE.fullmatch(s) else ""


def newest_first_order(ftitles: Sequence[str], dates: Sequence[str]) -> list[int]:
    """Doc indices newest first: date descending, undated last, then folded title, then index."""
    order = sorted(range(len(ftitles)), key=ftitles.__getitem__)
    order.sort(key=dates.__getitem__, reverse=True)  # stable even with reverse=True
    return order


class AscDates(Sequence[str]):
    """The dated positions' dates in ascending order (what date ranges bisect), read from one
    blob of 10-byte dates stored newest first."""

    def __init__(self, blob: bytes, n_dated: int) -> None:
        self._blob = blob
        self._n = n_dated

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, k):  # type: ignore[no-untyped-def, override]
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(self._n))]
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError(k)
        p = self._n - 1 - k
        return self._blob[p * 10 : p * 10 + 10].decode("ascii")


@dataclass
class FieldIndex:
    """Folded values of one field (outlets, places...) and the positions holding each."""

    values: list[str]
    off: array.array[int]
    pos: array.array[int]

    def items(self) -> Iterable[tuple[str, memoryview]]:
        mv, off = memoryview(self.pos), self.off
        for k, v in enumerate(self.values):
            yield v, mv[off[k] : off[k + 1]]


@dataclass
class StaticIndex:
    """The articles' side of the search index (see the module docstring)."""

    n: int
    doc_at: array.array[int]
    pos_of: array.array[int]
    n_dated: int
    dates: bytes
    """10 ASCII bytes per dated position (positions 0..n_dated-1), newest first."""
    joined: str
    """``"\\n" + "\\n".join(vocab) + "\\n"``: inside-word matches are ``str.find`` over it."""
    starts: array.array[int]
    """Offset of each token in ``joined``."""
    title_off: array.array[int]
    title_pos: array.array[int]
    other_off: array.array[int]
    other_pos: array.array[int]
    df: array.array[int]
    len_tids: array.array[int]
    """Token ids shortest first (typo candidates of at least some length are one slice)."""
    len_start: list[int]
    fields: dict[str, FieldIndex]
    quote: bytes
    """1 per position whose article has a quote."""
    outlet_order: array.array[int]
    """Positions by outlet (normalised key), newest first within an outlet."""
    vocab: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.vocab and len(self.joined) > 2:
            self.vocab = self.joined[1:-1].split("\n")

    # -- bytes ----------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The index as a header line and sections, each with a CRC-32 (see ``stored``)."""
        sections: list[tuple[str, bytes]] = [
            ("doc_at", self.doc_at.tobytes()),
            ("pos_of", self.pos_of.tobytes()),
            ("dates", self.dates),
            ("joined", self.joined.encode("utf-8")),
            ("starts", self.starts.tobytes()),
            ("title_off", self.title_off.tobytes()),
            ("title_pos", self.title_pos.tobytes()),
            ("other_off", self.other_off.tobytes()),
            ("other_pos", self.other_pos.tobytes()),
            ("df", self.df.tobytes()),
            ("len_tids", self.len_tids.tobytes()),
            ("quote", self.quote),
            ("outlet_order", self.outlet_order.tobytes()),
        ]
        for name in FIELDS:
            f = self.fields[name]
            sections += [
                (f"{name}.values", orjson.dumps(f.values)),
                (f"{name}.off", f.off.tobytes()),
                (f"{name}.pos", f.pos.tobytes()),
            ]
        table = []
        at = 0
        for name, data in sections:
            table.append([name, at, len(data), zlib.crc32(data)])
            at += len(data)
        head = {
            "format": FORMAT,
            "n": self.n,
            "n_dated": self.n_dated,
            "len_start": self.len_start,
            "itemsize": array.array("I").itemsize,
            "sections": table,
        }
        return orjson.dumps(head) + b"\n" + b"".join(d for _n, d in sections)

    @classmethod
    def from_bytes(cls, data: bytes | memoryview | Any) -> StaticIndex:
        """Read what :meth:`to_bytes` wrote (bytes or a memory map: arrays are views into it,
        nothing is copied but the vocabulary); ValueError when it does not check out."""
        buf = memoryview(data)
        nl = bytes(buf[:4096]).find(b"\n")
        if nl < 0:
            nl = bytes(buf).find(b"\n")
        if nl < 0:
            raise ValueError("no header")
        try:
            head = orjson.loads(bytes(buf[:nl]))
            if head["format"] != FORMAT or head["itemsize"] != array.array("I").itemsize:
                raise ValueError("another format")
            n, n_dated = int(head["n"]), int(head["n_dated"])
            raw: dict[str, memoryview] = {}
            for name, at, size, crc in head["sections"]:
                chunk = buf[nl + 1 + at : nl + 1 + at + size]
                if len(chunk) != size or zlib.crc32(chunk) != crc:
                    raise ValueError(f"section {name} is damaged")
                raw[name] = chunk
        except (KeyError, TypeError) as exc:
            raise ValueError(f"damaged header ({exc})") from None

        def arr(name: str) -> Any:
            chunk = raw[name]
            if len(chunk) % 4:
                raise ValueError(f"section {name} is damaged")
            return chunk.cast("I")

        try:
            fields = {
                name: FieldIndex(
                    orjson.loads(bytes(raw[f"{name}.values"])),
                    arr(f"{name}.off"),
                    arr(f"{name}.pos"),
                )
                for name in FIELDS
            }
            out = cls(
                n=n,
                doc_at=arr("doc_at"),
                pos_of=arr("pos_of"),
                n_dated=n_dated,
                dates=bytes(raw["dates"]),
                joined=str(raw["joined"], "utf-8"),
                starts=arr("starts"),
                title_off=arr("title_off"),
                title_pos=arr("title_pos"),
                other_off=arr("other_off"),
                other_pos=arr("other_pos"),
                df=arr("df"),
                len_tids=arr("len_tids"),
                len_start=[int(x) for x in head["len_start"]],
                fields=fields,
                quote=bytes(raw["quote"]),
                outlet_order=arr("outlet_order"),
            )
        except (KeyError, UnicodeDecodeError) as exc:
            raise ValueError(f"missing or damaged section ({exc})") from None
        v = len(out.vocab)
        if (
            len(out.doc_at) != n
            or len(out.pos_of) != n
            or len(out.quote) != n
            or len(out.outlet_order) != n
            or len(out.dates) != 10 * n_dated
            or len(out.title_off) != v + 1
            or len(out.other_off) != v + 1
            or len(out.starts) != v
            or len(out.df) != v
            or len(out.len_tids) != v
            or (
                v
                and (
                    out.title_off[-1] != len(out.title_pos)
                    or out.other_off[-1] != len(out.other_pos)
                )
            )
        ):
            raise ValueError("sections of inconsistent sizes")
        return out


def _csr(
    post: dict[str, list[int]], vocab: Sequence[str]
) -> tuple[array.array[int], array.array[int]]:
    off = array.array("I", [0])
    pos = array.array("I")
    empty: list[int] = []
    for t in vocab:
        pos.extend(post.get(t, empty))
        off.append(len(pos))
    return off, pos


def build(docs: Iterable[Any]) -> StaticIndex:
    """The static index of ``docs`` (SearchDoc-like mappings: title, outlet, date, places,
    people, organizations, n_quotes). One pass in Python: what ``stored`` saves so that it is
    not repeated by every process."""
    # The build allocates many small containers; the cyclic GC would rescan the growing heap
    # over and over (it doubled build time at 100k). Nothing here makes cycles.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(docs)
    finally:
        if was_enabled:
            gc.enable()


def _build(docs: Iterable[Any]) -> StaticIndex:
    # One pass over the docs (each may be decoded from disk as it is read): postings are
    # collected by doc index, then mapped to positions once the order is known.
    findall = TOKEN_RE.findall
    ftitles: list[str] = []
    raw_dates: list[str | None] = []
    title_post: defaultdict[str, list[int]] = defaultdict(list)
    # Outlets, places, people and organizations repeat across articles, so index them by value
    # first (raw value -> docs), then fold and tokenise each distinct value once. A doc can
    # thus appear twice in a token's "other" postings, or there and in its title postings;
    # bitsets don't mind and the title's higher score wins.
    raw: tuple[defaultdict[str, list[int]], ...] = tuple(defaultdict(list) for _ in range(4))
    r_out, r_pl, r_pe, r_or = raw
    quoted = bytearray()
    for i, d in enumerate(docs):
        ft = fold(d["title"] or "")
        ftitles.append(ft)
        raw_dates.append(d["date"])
        for t in set(findall(ft)):
            title_post[t].append(i)
        v = d["outlet"]
        if v:
            r_out[v].append(i)
        for vals, dst in ((d["places"], r_pl), (d["people"], r_pe), (d["organizations"], r_or)):
            if vals:
                for v in vals:
                    dst[v].append(i)
        quoted.append(1 if d["n_quotes"] else 0)
    n = len(ftitles)
    # A library has a few thousand distinct dates at most: validate each once.
    valid = {v: valid_date(v) for v in set(raw_dates)}
    ddates = list(map(valid.__getitem__, raw_dates))
    del raw_dates
    doc_at_list = newest_first_order(ftitles, ddates)
    del ftitles
    pos_of_list = [0] * n
    for p, i in enumerate(doc_at_list):
        pos_of_list[i] = p
    dates_newest = [ddates[i] for i in doc_at_list]
    n_dated = n - dates_newest.count("")
    dates = "".join(dates_newest[:n_dated]).encode("ascii")
    del ddates, dates_newest
    quote = bytes(map(quoted.__getitem__, doc_at_list))
    to_pos = pos_of_list.__getitem__
    for ps in title_post.values():
        ps[:] = map(to_pos, ps)
    for r in raw:
        for ps in r.values():
            ps[:] = map(to_pos, ps)

    other_post: defaultdict[str, list[int]] = defaultdict(list)
    fields: dict[str, FieldIndex] = {}
    for name, r in zip(FIELDS, raw, strict=True):
        f: dict[str, list[int]] = {}
        for v, ps in r.items():
            fv = fold(v)
            if not fv:
                continue
            if fv in f:
                f[fv] = f[fv] + ps
            else:
                f[fv] = ps
            for t in set(findall(fv)):
                other_post[t].extend(ps)
        values = list(f)
        off, pos = _csr(f, values)
        fields[name] = FieldIndex(values, off, pos)

    from warta.store.search.outlets import key as outlet_key

    outlet_at = [outlet_key("\uffff")] * n
    for v, ps in r_out.items():
        k = outlet_key(v)
        for p in ps:
            outlet_at[p] = k
    outlet_order = array.array("I", sorted(range(n), key=outlet_at.__getitem__))
    del outlet_at

    # Vocabulary, sorted, so word-prefix matches are one contiguous id range.
    vocab = sorted(title_post.keys() | other_post.keys())
    joined = "\n" + "\n".join(vocab) + "\n"
    starts = array.array("I")
    at = 1
    for t in vocab:
        starts.append(at)
        at += len(t) + 1
    title_off, title_pos = _csr(title_post, vocab)
    other_off, other_pos = _csr(other_post, vocab)
    df = array.array(
        "I",
        [
            title_off[k + 1] - title_off[k] + other_off[k + 1] - other_off[k]
            for k in range(len(vocab))
        ],
    )
    by_len = sorted(range(len(vocab)), key=lambda t: len(vocab[t]))
    lengths = [len(vocab[t]) for t in by_len]
    longest = lengths[-1] if lengths else 0
    len_start = [bisect_left(lengths, k) for k in range(longest + 2)]
    return StaticIndex(
        n=n,
        doc_at=array.array("I", doc_at_list),
        pos_of=array.array("I", pos_of_list),
        n_dated=n_dated,
        dates=dates,
        joined=joined,
        starts=starts,
        title_off=title_off,
        title_pos=title_pos,
        other_off=other_off,
        other_pos=other_pos,
        df=df,
        len_tids=array.array("I", by_len),
        len_start=len_start,
        fields=fields,
        quote=quote,
        outlet_order=outlet_order,
        vocab=vocab,
    )
