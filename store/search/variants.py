"""Indonesian spelling variants that search treats as one word, by explicit rule only.

Edit distance alone never joins two words (``pemilu`` and ``pemilik`` are one letter apart);
these pairs are the standard (KBBI) spelling and the one news sites also print. A word matches
its variants everywhere: titles, metadata, tags and bodies. Add a pair by adding a line.

=============  ================
standard       also written
=============  ================
hoaks          hoax
aktivitas      aktifitas
apotek         apotik
ijazah         ijasah
izin           ijin
jadwal         jadual
karier         karir
kualitas       kwalitas
kuitansi       kwitansi
nasihat        nasehat
objek          obyek
praktik        praktek
risiko         resiko
silakan        silahkan
sistem         sistim
subjek         subyek
teknik         tehnik
zaman          jaman
=============  ================
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

PAIRS: tuple[tuple[str, str], ...] = (
    ("hoaks", "hoax"),
    ("aktivitas", "aktifitas"),
    ("apotek", "apotik"),
    ("ijazah", "ijasah"),
    ("izin", "ijin"),
    ("jadwal", "jadual"),
    ("karier", "karir"),
    ("kualitas", "kwalitas"),
    ("kuitansi", "kwitansi"),
    ("nasihat", "nasehat"),
    ("objek", "obyek"),
    ("praktik", "praktek"),
    ("risiko", "resiko"),
    ("silakan", "silahkan"),
    ("sistem", "sistim"),
    ("subjek", "subyek"),
    ("teknik", "tehnik"),
    ("zaman", "jaman"),
)

_OTHERS: dict[str, tuple[str, ...]] = {}
for _a, _b in PAIRS:
    _OTHERS[_a] = (*_OTHERS.get(_a, ()), _b)
    _OTHERS[_b] = (*_OTHERS.get(_b, ()), _a)
SPELLINGS: frozenset[str] = frozenset(_OTHERS)
"""Every spelling in the table (folded)."""


def variants(token: str) -> tuple[str, ...]:
    """The other spellings of a folded token (empty for most words)."""
    return _OTHERS.get(token, ())


def expand(tokens: Iterable[str]) -> set[str]:
    """``tokens`` plus every variant of each."""
    out = set(tokens)
    for t in list(out):
        out.update(_OTHERS.get(t, ()))
    return out


@lru_cache(maxsize=4096)
def completions(prefix: str) -> frozenset[str]:
    """Variants of table words starting with ``prefix``: what a prefix search adds.

    Typing ``hoax`` matches words starting with ``hoax`` and, through the table, ``hoaks``.
    The set only shrinks as the prefix grows, so the no-growth rule holds.
    """
    return frozenset(v for t in SPELLINGS if t.startswith(prefix) for v in _OTHERS[t])
