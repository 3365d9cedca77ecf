"""Search: ordering, filters, ranking, incremental typing, user edits, highlights, cancellation,
and agreement of the fast index with the doc-by-doc reference scorer. No timing asserts."""

from __future__ import annotations

import gzip
import json
import random
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import LCSseq

from warta.store.search.index import SearchDoc, SearchIndex
from warta.store.search.keys import fold, fuzzy_sim, lcs_floor, tokens
from warta.store.search.parser import parse
from warta.store.search.reference import reference_search

# shared/ sits beside the clone (in CI too); /work/shared on a developer's machine.
CORPUS = next(
    (
        c
        for c in (
            Path(__file__).resolve().parents[2] / "shared/corpus/indonesian-news.jsonl.gz",
            Path("/work/shared/corpus/indonesian-news.jsonl.gz"),
        )
        if c.exists()
    ),
    Path("/work/shared/corpus/indonesian-news.jsonl.gz"),
)


def mk(title: str, **kw: Any) -> SearchDoc:
    d: dict[str, Any] = {
        "id": kw.pop("id", title),
        "title": title,
        "outlet": None,
        "date": None,
        "places": [],
        "people": [],
        "organizations": [],
        "tags": [],
        "read": False,
        "starred": False,
        "has_note": False,
        "n_quotes": 0,
    }
    d.update(kw)
    return d  # type: ignore[return-value]


def titles(docs: list[SearchDoc], order: Any) -> list[str]:
    return [docs[i]["title"] for i in order]


@pytest.fixture
def docs() -> list[SearchDoc]:
    return [
        mk(
            "Polisi tangkap pencuri motor",
            outlet="Kompas.com",
            date="2024-03-01",
            places=["Bekasi"],
            people=["Imam Zamroni"],
            tags=["crime"],
        ),
        mk(
            "Banjir rendam ribuan rumah di Bekasi",
            outlet="ANTARA",
            date="2024-05-10",
            places=["Bekasi"],
            tags=["flood", "todo"],
            read=True,
        ),
        mk(
            "Kapolres Jakarta Selatan pimpin apel",
            outlet="Tempo",
            date="2023-12-31",
            people=["Ade Ary"],
            organizations=["Polri"],
            starred=True,
            n_quotes=2,
        ),
        mk("Harga cabai naik menjelang Lebaran", outlet="ANTARA", date="2024-03-01", has_note=True),
        mk("Pemilu 2024: KPU umumkan hasil", outlet="Kompas.com", date=None),
        mk("Sépak bola: Persija menang", outlet="Détik", date="2024-06-01", places=["Jakarta"]),
    ]


# --------------------------------------------------------------------------- ordering


def test_empty_query_is_newest_first_undated_last(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs)
    r = idx.search("")
    assert r.total == len(docs) == len(idx)
    assert not r.cancelled
    # 2024-03-01 twice: ties by (folded) title, so "Harga" before "Polisi".
    assert titles(docs, r.order) == [
        "Sépak bola: Persija menang",
        "Banjir rendam ribuan rumah di Bekasi",
        "Harga cabai naik menjelang Lebaran",
        "Polisi tangkap pencuri motor",
        "Kapolres Jakarta Selatan pimpin apel",
        "Pemilu 2024: KPU umumkan hasil",
    ]


def test_equal_date_and_title_ties_go_by_index() -> None:
    docs = [mk("Same", id=str(k), date="2024-01-01") for k in range(5)]
    assert list(SearchIndex(docs).search("").order) == [0, 1, 2, 3, 4]


def test_empty_index() -> None:
    idx = SearchIndex([])
    assert len(idx) == 0
    assert list(idx.search("").order) == []
    assert list(idx.search("polisi tag:x").order) == []


def test_malformed_dates_count_as_undated() -> None:
    docs = [mk("a", date="kemarin"), mk("b", date="2024-01-02T10:00:00"), mk("c", date="")]
    assert titles(docs, SearchIndex(docs).search("").order) == ["b", "a", "c"]


# --------------------------------------------------------------------------- filters


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag:flood", {"Banjir rendam ribuan rumah di Bekasi"}),
        ("tag:FLO", {"Banjir rendam ribuan rumah di Bekasi"}),
        ("-tag:todo", None),  # everything but the banjir doc
        (
            "outlet:antara",
            {"Banjir rendam ribuan rumah di Bekasi", "Harga cabai naik menjelang Lebaran"},
        ),
        ("outlet:detik", {"Sépak bola: Persija menang"}),  # accent-folded
        ("outlet:kompas.com", {"Polisi tangkap pencuri motor", "Pemilu 2024: KPU umumkan hasil"}),
        ("place:bekasi", {"Polisi tangkap pencuri motor", "Banjir rendam ribuan rumah di Bekasi"}),
        ('person:"imam zam"', {"Polisi tangkap pencuri motor"}),
        ("org:polri", {"Kapolres Jakarta Selatan pimpin apel"}),
        (
            "after:2024-05-10",
            {"Banjir rendam ribuan rumah di Bekasi", "Sépak bola: Persija menang"},
        ),
        # before: is exclusive: before:2024-03 means before March 2024 starts.
        ("before:2024-03", {"Kapolres Jakarta Selatan pimpin apel"}),
        ("before:2024-03-01", {"Kapolres Jakarta Selatan pimpin apel"}),
        (
            "after:2024 before:2024-03-02",
            {"Polisi tangkap pencuri motor", "Harga cabai naik menjelang Lebaran"},
        ),
        (
            "-before:2024-03 -tag:flood",
            {
                "Polisi tangkap pencuri motor",
                "Harga cabai naik menjelang Lebaran",
                "Pemilu 2024: KPU umumkan hasil",
                "Sépak bola: Persija menang",
            },
        ),
        (
            "outlet:antara OR outlet:tempo",
            {
                "Banjir rendam ribuan rumah di Bekasi",
                "Harga cabai naik menjelang Lebaran",
                "Kapolres Jakarta Selatan pimpin apel",
            },
        ),
        (
            "(banjir | cabai) -outlet:tempo",
            {
                "Banjir rendam ribuan rumah di Bekasi",
                "Harga cabai naik menjelang Lebaran",
            },
        ),
        ("-polisi -banjir -harga -kapolres -pemilu", {"Sépak bola: Persija menang"}),
        ("title:bekasi", {"Banjir rendam ribuan rumah di Bekasi"}),  # not the polisi place
        (
            "sort:date outlet:antara",
            {
                "Banjir rendam ribuan rumah di Bekasi",
                "Harga cabai naik menjelang Lebaran",
            },
        ),
        ("is:read", {"Banjir rendam ribuan rumah di Bekasi"}),
        ("is:starred", {"Kapolres Jakarta Selatan pimpin apel"}),
        ("is:unstarred is:unread outlet:antara", {"Harga cabai naik menjelang Lebaran"}),
        ("has:note", {"Harga cabai naik menjelang Lebaran"}),
        ("has:quote", {"Kapolres Jakarta Selatan pimpin apel"}),
        ("has:tag", {"Polisi tangkap pencuri motor", "Banjir rendam ribuan rumah di Bekasi"}),
        ('"ribuan rumah"', {"Banjir rendam ribuan rumah di Bekasi"}),
        ('"RIBUAN  rumah,"', {"Banjir rendam ribuan rumah di Bekasi"}),  # folded, normalised
        ('"zamroni"', {"Polisi tangkap pencuri motor"}),  # phrases see people too
        ('"sepak bola"', {"Sépak bola: Persija menang"}),
        ('"rumah di bekasi banjir"', set()),  # must be contiguous
        ("tag:flood is:unread", set()),
    ],
)
def test_filters(docs: list[SearchDoc], query: str, expected: set[str] | None) -> None:
    idx = SearchIndex(docs)
    got = titles(docs, idx.search(query).order)
    if expected is None:
        expected = {d["title"] for d in docs} - {"Banjir rendam ribuan rumah di Bekasi"}
    assert set(got) == expected
    assert len(got) == len(set(got))
    assert list(idx.search(query).order) == reference_search(docs, query)


def test_filters_only_keep_newest_first(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs)
    got = titles(docs, idx.search("outlet:antara").order)
    assert got == ["Banjir rendam ribuan rumah di Bekasi", "Harga cabai naik menjelang Lebaran"]


def test_phrase_does_not_span_fields() -> None:
    docs = [mk("Berita Bekasi", places=["Kota"])]
    assert list(SearchIndex(docs).search('"bekasi kota"').order) == []


# --------------------------------------------------------------------------- ranking


def test_free_text_matches_every_word_somewhere(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs)
    assert titles(docs, idx.search("banjir bekasi").order) == [
        "Banjir rendam ribuan rumah di Bekasi"
    ]
    # "bekasi" is only a place of the polisi doc, but it still matches.
    assert titles(docs, idx.search("polisi bekasi").order) == ["Polisi tangkap pencuri motor"]


def test_title_match_beats_outlet_only_match() -> None:
    docs = [
        mk("Kabar dari daerah", outlet="Antara", date="2024-02-01"),
        mk("Antara dua pilihan", outlet="Tempo", date="2024-01-01"),
    ]
    assert titles(docs, SearchIndex(docs).search("antara ").order) == [
        "Antara dua pilihan",
        "Kabar dari daerah",
    ]


def test_exact_beats_prefix_beats_inside_word_beats_typo() -> None:
    docs = [
        mk("Kapolers baru dilantik", date="2024-05-01"),  # typo match
        mk("Wakapolres hadir", date="2024-04-01"),  # inside a word
        mk("Kapolresta Malang", date="2024-03-01"),  # word prefix
        mk("Kapolres Bogor", date="2024-01-01"),  # exact word
    ]
    got = titles(docs, SearchIndex(docs).search("kapolres ").order)
    assert got == [
        "Kapolres Bogor",
        "Kapolresta Malang",
        "Wakapolres hadir",
        "Kapolers baru dilantik",
    ]


def test_typo_still_matches() -> None:
    docs = [mk("Kapolres Bogor pimpin apel"), mk("Harga cabai naik")]
    assert titles(docs, SearchIndex(docs).search("kapolers").order) == [
        "Kapolres Bogor pimpin apel"
    ]
    assert titles(docs, SearchIndex(docs).search("bgor kapolers").order) == []  # 4 letters: exact


def test_typo_matching_is_anchored_not_anywhere() -> None:
    """One typo is tolerated against a whole word or the start of one, not any window of it."""
    docs = [mk("Emilia Clarke menang"), mk("Pemain asing baru"), mk("Pemilu ditunda")]
    assert titles(docs, SearchIndex(docs).search("pemilu").order) == ["Pemilu ditunda"]
    assert titles(docs, SearchIndex(docs).search("pemilh").order) == ["Pemilu ditunda"]
    # A typo in the first four letters is not tolerated: "peml" matches nothing, so "pemlu"
    # may not either (typing a letter never adds results).
    assert titles(docs, SearchIndex(docs).search("pemlu").order) == []


def test_typo_tolerance_can_be_turned_off() -> None:
    docs = [mk("Kapolres Bogor pimpin apel"), mk("Kapolresta Malang")]
    idx = SearchIndex(docs)
    assert len(idx.search("kapolers").order) == 2
    assert idx.search("kapolers", fuzzy=False).order == []
    assert idx.search("=kapolers").order == []
    assert titles(docs, idx.search("=kapolres ").order) == ["Kapolres Bogor pimpin apel"]
    assert len(idx.search("=kapolres").order) == 2  # still being typed: a prefix


def test_spelling_variants_by_rule_only() -> None:
    docs = [mk("Awas hoax pemilu"), mk("Klarifikasi hoaks"), mk("Hoaxes everywhere")]
    idx = SearchIndex(docs)
    assert set(titles(docs, idx.search("hoaks ").order)) == {
        "Awas hoax pemilu",
        "Klarifikasi hoaks",
    }
    assert set(titles(docs, idx.search("=hoax ").order)) == {
        "Awas hoax pemilu",
        "Klarifikasi hoaks",
    }
    assert len(idx.search("hoax ").order) == 3  # a word also matches the words it begins
    assert len(idx.search("hoa").order) == 3
    # pemilu/pemilik are one letter apart, but no rule joins them
    assert idx.search("pemilik ").order == []


@settings(max_examples=400, deadline=None)
@given(st.text("abcde", min_size=5, max_size=9), st.text("abcde", min_size=3, max_size=14))
def test_lcs_prefilter_never_drops_a_typo_match(word: str, token: str) -> None:
    """The index skips tokens whose LCS with the word is below lcs_floor; that must be safe."""
    if fuzzy_sim(word, token):
        assert LCSseq.similarity(word, token) >= lcs_floor(len(word))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_fold_matches_its_definition(s: str) -> None:
    """fold's regex fast path equals NFKD, drop combining marks, casefold -- on any text."""
    d = unicodedata.normalize("NFKD", s)
    assert fold(s) == "".join(c for c in d if not unicodedata.combining(c)).casefold()


def test_accents_and_case_fold() -> None:
    docs = [mk("Sépak Bola ÉROPA"), mk("Straße gesperrt")]
    idx = SearchIndex(docs)
    assert titles(docs, idx.search("sepak eropa").order) == ["Sépak Bola ÉROPA"]
    assert titles(docs, idx.search("STRASSE").order) == ["Straße gesperrt"]


def test_junk_finds_nothing(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs)
    for junk in ("zzqx", "qqqqqq", "xkcdz polisi"):
        assert list(idx.search(junk).order) == [], junk


def test_pol_ranks_police_first() -> None:
    docs = [mk(f"Polisi amankan pelaku {k}", date="2020-01-01") for k in range(6)]
    docs += [mk("Politik uang jelang pilkada", date="2024-01-01")]
    docs += [mk("Pol Espargaro menang", date="2024-02-01")]
    docs += [mk("Napoleon bicara", date="2024-03-01")]
    got = titles(docs, SearchIndex(docs).search("pol").order)
    assert got[:6] == [f"Polisi amankan pelaku {k}" for k in range(6)]
    assert got[-1] == "Napoleon bicara"  # inside a word: last
    # Finished word ("pol " with a space): the exact word now wins.
    assert titles(docs, SearchIndex(docs).search("pol ").order)[0] == "Pol Espargaro menang"


def test_ties_are_newest_first() -> None:
    docs = [mk(f"Banjir {k}", date=f"2024-01-0{k}") for k in range(1, 6)]
    assert titles(docs, SearchIndex(docs).search("banjir").order) == [
        f"Banjir {k}" for k in range(5, 0, -1)
    ]


def test_tags_are_searchable_as_text(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs)
    assert titles(docs, idx.search("crime").order) == ["Polisi tangkap pencuri motor"]


# --------------------------------------------------------------------------- incremental


def prefixes(q: str) -> Iterator[str]:
    for k in range(1, len(q) + 1):
        yield q[:k]


def test_typing_char_by_char_equals_fresh_search(corpus_docs: list[SearchDoc]) -> None:
    idx = SearchIndex(corpus_docs)
    for q in ("kapolres j", "pemilu 201", "jokowi dan", "banjir di ", "tag:x korupsi ka"):
        for p in prefixes(q):
            fresh = SearchIndex(corpus_docs).search(p).order
            assert list(idx.search(p).order) == list(fresh), p
        for p in reversed(list(prefixes(q))):  # backspacing, served from the caches
            assert list(idx.search(p).order) == list(SearchIndex(corpus_docs).search(p).order)


def test_add_appends_and_reorders(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs[:3])
    idx.update_user(0, read=True)
    idx.add(docs[3:])
    assert len(idx) == len(docs)
    expected = [dict(d) for d in docs]
    expected[0]["read"] = True
    assert list(idx.search("").order) == reference_search(expected, "")  # type: ignore[arg-type]
    assert list(idx.search("is:read").order) == [1, 0]  # the edit survived the rebuild


# --------------------------------------------------------------------------- user edits


def test_update_user_changes_filters_and_text(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs)
    assert list(idx.search("tag:urgent").order) == []
    idx.update_user(3, tags=["urgent"], read=True, starred=True, has_note=False)
    assert list(idx.search("tag:urgent").order) == [3]
    assert list(idx.search("urgent").order) == [3]
    assert 3 in idx.search("is:read").order
    assert 3 in idx.search("is:starred").order
    assert 3 not in idx.search("has:note").order
    assert 3 in idx.search("-tag:flood").order
    idx.update_user(3, tags=[])
    assert list(idx.search("tag:urgent").order) == []
    assert list(idx.search("urgent").order) == []
    assert 3 in idx.search("is:read").order  # untouched arguments keep their value
    idx.update_user(1, tags=["crime"])  # was flood, todo
    assert set(idx.search("tag:crime").order) == {0, 1}
    assert list(idx.search("tag:flood").order) == []


# --------------------------------------------------------------------------- highlight


def spans_text(title: str, spans: list[tuple[int, int]]) -> list[str]:
    return [title[a:b] for a, b in spans]


def leaves(q: str) -> list:
    return list(parse(q, typing=True).leaves())


def test_highlight_points_at_matched_title_characters(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs)
    t = docs[2]["title"]  # "Kapolres Jakarta Selatan pimpin apel"
    assert spans_text(t, idx.highlight(2, leaves("jak pimpin"))) == ["Jak", "pimpin"]
    assert spans_text(t, idx.highlight(2, leaves("polres"))) == ["polres"]  # inside a word
    assert spans_text(t, idx.highlight(2, leaves('"selatan pimpin"'))) == ["Selatan pimpin"]
    assert idx.highlight(2, leaves("tag:x is:read")) == []
    assert idx.highlight(2, leaves("")) == []


def test_highlight_accented_and_typo() -> None:
    docs = [mk("Sépak bola: Kapolres Bogor"), mk("Straße")]
    idx = SearchIndex(docs)
    assert spans_text(docs[0]["title"], idx.highlight(0, leaves("sepak"))) == ["Sépak"]
    spans = idx.highlight(0, leaves("kapolers"))
    assert len(spans) == 1 and docs[0]["title"][spans[0][0] : spans[0][1]].startswith("Kapol")
    assert spans_text("Straße", idx.highlight(1, leaves("strasse"))) == ["Straße"]
    assert spans_text("Straße", idx.highlight(1, leaves("rasse"))) == ["raße"]  # inside a word


def test_highlight_merges_overlaps() -> None:
    idx = SearchIndex([mk("Kapolres")])
    assert idx.highlight(0, leaves("kapol polres")) == [(0, 8)]


# --------------------------------------------------------------------------- cancellation


def test_cancelled_before_start(docs: list[SearchDoc]) -> None:
    r = SearchIndex(docs).search("polisi", cancelled=lambda: True)
    assert r.cancelled and list(r.order) == []


def test_cancelled_result_is_not_cached(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs)
    assert idx.search("polisi", cancelled=lambda: True).cancelled
    assert titles(docs, idx.search("polisi").order) == ["Polisi tangkap pencuri motor"]


def test_searches_from_threads_with_concurrent_edits(corpus_docs: list[SearchDoc]) -> None:
    """An exclusive Textual thread worker can overlap its cancelled predecessor; edits come
    from the UI thread. Nothing may raise, and once all is quiet results are exact."""
    idx = SearchIndex(corpus_docs)
    errors: list[BaseException] = []
    stop = threading.Event()

    def typist(q: str) -> None:
        try:
            for _ in range(3):
                for p in prefixes(q):
                    idx.search(p, cancelled=stop.is_set)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    def editor() -> None:
        try:
            for k in range(200):
                idx.update_user(k, tags=[f"t{k % 7}"], read=bool(k % 2), starred=k % 3 == 0)
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=typist, args=(q,)) for q in ("polisi ba", "tag:t1 ka")]
    threads.append(threading.Thread(target=editor))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    expected = [dict(d) for d in corpus_docs]
    for k in range(200):
        expected[k].update(tags=[f"t{k % 7}"], read=bool(k % 2), starred=k % 3 == 0)
    for q in ("tag:t1 ka", "t3 polisi", "is:read is:starred"):
        assert list(idx.search(q).order) == reference_search(expected, q)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- fast == reference

_WORDS_TEXT = (
    "polisi polres kapolres kapolda polri polsek politik pemilu pemilihan jokowi prabowo banjir "
    "bandung jakarta bekasi korupsi kasus kpk tersangka saksi harga naik turun cabai beras "
    "gempa tsunami sekolah siswa guru presiden menteri dpr rakyat demo mahasiswa habibie "
    "pelantikan oktober september 2019 2024 ekonomi rupiah dolar sepak bola persija timnas "
    "kebakaran hutan asap riau kalimantan narkoba sabu pencurian motor tewas korban"
)
WORDS = _WORDS_TEXT.split()
OUTLETS = ["okezone.com", "tempo.co", "Kompas.com", "ANTARA", "détik", None]


def synthetic_docs(n: int, seed: int = 7) -> list[SearchDoc]:
    """Corpus-like docs: news words, some typos/accents, outlets, places, people, dates."""
    rnd = random.Random(seed)
    out: list[SearchDoc] = []
    for k in range(n):
        ws = rnd.sample(WORDS, rnd.randint(4, 10))
        if rnd.random() < 0.15:  # a typo, as scraped titles have
            j = rnd.randrange(len(ws))
            w = ws[j]
            if len(w) > 3:
                p = rnd.randrange(len(w) - 1)
                ws[j] = w[:p] + w[p + 1] + w[p] + w[p + 2 :]
        if rnd.random() < 0.05:
            ws[0] = ws[0].replace("e", "é")
        title = " ".join(w.capitalize() if rnd.random() < 0.3 else w for w in ws)
        date = (
            None
            if rnd.random() < 0.05
            else f"2019-{rnd.randint(9, 10):02d}-{rnd.randint(1, 28):02d}"
        )
        out.append(
            mk(
                title,
                id=str(k),
                outlet=rnd.choice(OUTLETS),
                date=date,
                places=rnd.sample(
                    ["Jakarta", "Bekasi", "Bandung", "Riau", "Bogor"], rnd.randint(0, 2)
                ),
                people=rnd.sample(["Joko Widodo", "Imam Zamroni", "Ade Ary"], rnd.randint(0, 1)),
                tags=rnd.sample(["crime", "flood", "politik"], rnd.randint(0, 1)),
                read=rnd.random() < 0.3,
                starred=rnd.random() < 0.1,
                has_note=rnd.random() < 0.05,
                n_quotes=rnd.choice([0, 0, 1, 3]),
            )
        )
    return out


def real_docs(n: int) -> list[SearchDoc]:
    """The first ``n`` titled articles of the shared corpus, if this machine has it."""
    out: list[SearchDoc] = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["title"]:
                out.append(mk(r["title"], id=r["url"], outlet=r["source"], date=r["date"][:10]))
                if len(out) == n:
                    break
    return out


@pytest.fixture(scope="module")
def corpus_docs() -> list[SearchDoc]:
    return synthetic_docs(2_000)


QUERIES = [
    "pol",
    "kapolres",
    "kapolres ",
    "kapolers",
    "kapolres j",
    "pemilu 201",
    "jokowi dan",
    "banjir di ",
    "korupsi ka",
    "polisi bekasi",
    "sepak bola",
    "harga beras naik",
    "zzqx",
    "okezone",
    "pemilhan",
    "tag:crime polisi",
    "outlet:tempo is:unread banjir",
    '"harga naik"',
    "crime",
    "after:2019-10 before:2019-10-15 korupsi",
]


def plain_top(docs: list[SearchDoc], q: str, k: int = 10) -> list[int]:
    return reference_search(docs, q)[:k]


@pytest.mark.parametrize("q", QUERIES)
def test_index_equals_reference_scorer_on_synthetic(corpus_docs: list[SearchDoc], q: str) -> None:
    """The prefilters never drop or misrank a doc: the whole order equals the doc-by-doc pass
    with the same scoring function (stronger than "same top 10")."""
    idx = SearchIndex(corpus_docs)
    assert list(idx.search(q).order) == reference_search(corpus_docs, q)


@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not on this machine")
def test_index_top10_equals_plain_pass_on_real_corpus() -> None:
    docs = real_docs(2_000)
    idx = SearchIndex(docs)
    for q in (
        "pol",
        "kapolers",
        "kapolres j",
        "pemilu 201",
        "jokowi dan",
        "banjir di ",
        "korupsi ka",
        "habibie",
        "timnas indonesia",
        "zzqx",
    ):
        assert list(idx.search(q).order)[:10] == plain_top(docs, q), q
        assert list(idx.search(q).order) == reference_search(docs, q), q


def test_every_clear_title_hit_is_found(corpus_docs: list[SearchDoc]) -> None:
    """Recall, independently of the scorer: a title containing each query word is a match."""
    idx = SearchIndex(corpus_docs)
    for q in ("polisi", "banjir jakarta", "korupsi kasus kpk", "2019"):
        got = set(idx.search(q).order)
        for i, d in enumerate(corpus_docs):
            toks = tokens(d["title"])
            if all(w in toks for w in q.split()):
                assert i in got, (q, d["title"])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(WORDS).flatmap(lambda w: st.integers(1, len(w)).map(lambda k: w[:k])),
        min_size=1,
        max_size=3,
    ),
    st.booleans(),
)
def test_index_equals_reference_on_random_queries(parts: list[str], trailing: bool) -> None:
    docs = _small_docs()
    q = " ".join(parts) + (" " if trailing else "")
    assert list(_small_index().search(q).order) == reference_search(docs, q)


_SMALL: list[SearchDoc] = []
_SMALL_IDX: list[SearchIndex] = []


def _small_docs() -> list[SearchDoc]:
    if not _SMALL:
        _SMALL.extend(synthetic_docs(300, seed=3))
    return _SMALL


def _small_index() -> SearchIndex:
    if not _SMALL_IDX:
        _SMALL_IDX.append(SearchIndex(_small_docs()))
    return _SMALL_IDX[0]


def test_parse_once_query_object_accepted(docs: list[SearchDoc]) -> None:
    idx = SearchIndex(docs)
    from warta.store.search.engine import Engine

    q = parse("banjir")
    r = Engine(idx).run(q)
    assert r.query is q
    assert titles(docs, r.order) == ["Banjir rendam ribuan rumah di Bekasi"]
    assert fold("É") == "e"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_fold_with_map_matches_its_definition(s: str) -> None:
    """The ASCII-run fast path equals folding one character at a time."""
    from warta.store.search.keys import fold_with_map

    out: list[str] = []
    idx: list[int] = []
    for j, c in enumerate(s):
        for d in unicodedata.normalize("NFKD", c):
            if not unicodedata.combining(d):
                out.append(d.casefold())
                idx.extend([j] * len(d.casefold()))
    assert fold_with_map(s) == ("".join(out), idx)
