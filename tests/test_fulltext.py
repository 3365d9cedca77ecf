"""The full-text index and the query language on real libraries: bodies, boolean queries,
fields, sort, user data (passages, notes), the no-growth rule, facets, saved searches, stats,
and rebuilding the index after it is deleted or the extractor changes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write_jsonl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.store.annotate import passages
from warta.store.annotate.anchor import describe
from warta.store.library.importer import import_paths
from warta.store.library.library import Library
from warta.store.search import fulltext, saved
from warta.store.search.browse import Browser
from warta.store.search.facets import facets
from warta.store.search.outlets import display_name, key
from warta.store.search.reference import reference_search
from warta.tui.cli import cli

ARTICLES = [
    {
        "title": "Polres Bogor tangkap pengedar sabu",
        "body": "Satresnarkoba Polres Bogor menangkap dua pengedar.\n\n"
        '"Kami tidak akan berhenti memberantas narkoba," kata Kapolres Bogor AKBP Imam Santoso.',
        "source": "TEMPO.CO",
        "date": "2024-01-10",
    },
    {
        "title": "Warga diminta waspada berita hoaks jelang pemilu",
        "body": "Masyarakat diminta tidak mudah terprovokasi berita hoaks di media sosial.\n\n"
        '"Cek dulu kebenarannya sebelum membagikan," ujar Iptu Budi Hartono.',
        "source": "tempo.co",
        "date": "2024-02-03",
    },
    {
        "title": "KPU umumkan daftar calon tetap",
        "body": "Komisi Pemilihan Umum mengumumkan daftar calon tetap pemilu 2019.\n\n"
        "Jokowi dan Prabowo kembali bertemu dalam debat.",
        "source": "Tempo.Co",
        "date": "2019-03-01",
    },
    {
        "title": "Pemilu 2019 berjalan lancar",
        "body": "Pemungutan suara pemilu 2019 di Bekasi berjalan lancar tanpa kendala berarti.",
        "source": "Kompas.com",
        "date": "2019-04-18",
    },
    {
        "title": "Klarifikasi: video itu hoax",
        "body": "Polisi memastikan video yang beredar adalah hoax dan menyesatkan.",
        "source": "Kompas.com",
        "date": "2023-12-30",
    },
    {
        "title": "Banjir rendam ratusan rumah",
        "body": "Hujan deras membuat sungai meluap. Warga mengungsi ke balai desa.",
        "source": "ANTARA",
        "date": "2024-03-05",
    },
]


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "lib")
    report = import_paths(lib, [write_jsonl(tmp_path / "a.jsonl", ARTICLES)])
    assert report.added == len(ARTICLES)
    return lib


def titles(lib: Library, order) -> list[str]:  # type: ignore[no-untyped-def]
    return [lib.articles[i]["title"] for i in order]


def found(b: Browser, q: str, **kw) -> set[str]:  # type: ignore[no-untyped-def]
    return set(titles(b.library, b.search(q, **kw).order))


# ------------------------------------------------------------------------------ the index


def test_import_builds_the_index_in_its_pipeline(lib: Library) -> None:
    assert fulltext.status(lib) is None
    ft = fulltext.FullText.of(lib)
    assert ft.count == len(lib)
    assert (lib.path / "index" / fulltext.MARKER).exists()
    assert Browser(lib).fulltext is not None


def test_rebuilt_after_deletion(lib: Library) -> None:
    import shutil

    shutil.rmtree(lib.path / "index")
    assert fulltext.status(lib) == "the full-text index is missing"
    b = Browser(lib)
    r = b.search("terprovokasi")
    assert r.order == [] and not r.body_ready  # plain search still works, bodies wait
    assert fulltext.refresh(lib) == len(lib)
    assert fulltext.status(lib) is None
    assert found(Browser(lib), "terprovokasi") == {ARTICLES[1]["title"]}


def test_rebuilt_after_an_extractor_upgrade(lib: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    import warta.store.extract as extract
    import warta.store.versions as versions

    # Both names: version checks read warta.store.versions, the importer the extractor's.
    monkeypatch.setattr(versions, "EXTRACTOR_VERSION", versions.EXTRACTOR_VERSION + 1)
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", versions.EXTRACTOR_VERSION)
    problem = fulltext.status(lib)
    assert problem is not None and "extractor" in problem
    assert Browser(lib).fulltext is None  # a stale index is not used
    assert fulltext.refresh(lib) == len(lib)  # rebuilt whole, not extended
    assert fulltext.status(lib) is None


def test_a_later_import_extends_a_current_index_and_catches_up_a_lagging_one(
    lib: Library, tmp_path: Path
) -> None:
    more = [{"title": "Kebakaran pasar", "body": "Api melahap kios.", "date": "2024-04-01"}]
    import_paths(lib, [write_jsonl(tmp_path / "b.jsonl", more)])
    assert fulltext.status(lib) is None and found(Browser(lib), "kios") == {"Kebakaran pasar"}
    # An index that lags (say another process imported while it was locked) is caught up.
    fulltext.rebuild(lib)
    even_more = [{"title": "Gempa kecil", "body": "Getaran terasa di pesisir.", "date": None}]
    marker = json.loads((lib.path / "index" / fulltext.MARKER).read_text())
    import_paths(lib, [write_jsonl(tmp_path / "c.jsonl", even_more)])
    assert fulltext.status(lib) is None
    assert marker["count"] + 1 == len(lib)


def test_doctor_api_reports_an_unreadable_index(lib: Library) -> None:
    (lib.path / "index" / fulltext.MARKER).write_text('{"schema": 999}')
    assert "format" in (fulltext.status(lib) or "")
    fulltext.rebuild(lib)
    assert fulltext.status(lib) is None


# ------------------------------------------------------------------------------ the language


def test_plain_words_look_in_bodies_and_rank_title_matches_first(lib: Library) -> None:
    b = Browser(lib)
    assert found(b, "terprovokasi") == {ARTICLES[1]["title"]}
    order = titles(lib, b.search("hoaks").order)
    # both spellings by rule; the title matches come before the body-only match
    assert set(order) == {ARTICLES[1]["title"], ARTICLES[4]["title"]}
    assert titles(lib, b.search("pengedar").order) == [ARTICLES[0]["title"]]
    r = b.search("narkoba")  # only in the body
    assert titles(lib, r.order) == [ARTICLES[0]["title"]]
    assert r.body_only and b.index.contains(r.body_only, r.order[0])


def test_phrases_or_negation_prefix_and_groups(lib: Library) -> None:
    b = Browser(lib)
    assert found(b, '"berita hoaks"') == {ARTICLES[1]["title"]}
    assert found(b, '"hoaks berita"') == set()
    assert found(b, "hoaks OR banjir") == {t["title"] for t in ARTICLES[1:2] + ARTICLES[4:6]}
    assert found(b, "sungai | narkoba") == {ARTICLES[0]["title"], ARTICLES[5]["title"]}
    assert found(b, '"pemilu 2019" AND -jokowi') == {ARTICLES[3]["title"]}
    assert found(b, '"pemilu 2019" -"debat"') == {ARTICLES[3]["title"]}
    assert found(b, "mengung*") == {ARTICLES[5]["title"]}
    assert found(b, "(pemilu OR banjir) -2019") == {ARTICLES[1]["title"], ARTICLES[5]["title"]}
    assert found(b, "-polisi -hoaks -pemilu -sabu") == {ARTICLES[5]["title"]}


def test_field_restrictions(lib: Library) -> None:
    b = Browser(lib)
    assert found(b, "title:hoax") == {ARTICLES[4]["title"], ARTICLES[1]["title"]}  # variants
    assert found(b, "title:polisi") == set()  # only in a body
    assert found(b, "body:polisi") == {ARTICLES[4]["title"]}
    assert found(b, "body:bogor") == {ARTICLES[0]["title"]}
    assert found(b, "said:berhenti") == {ARTICLES[0]["title"]}
    assert found(b, "said:satresnarkoba") == set()  # outside the quotes
    assert found(b, "speaker:budi") == {ARTICLES[1]["title"]}


def test_sort_orders(lib: Library) -> None:
    b = Browser(lib)
    dates = [lib.articles[i]["date"] for i in b.search("sort:date").order]
    assert dates == sorted(dates)
    newest = [lib.articles[i]["date"] for i in b.search("sort:-date").order]
    assert newest == sorted(newest, reverse=True)
    outlets = [key(lib.articles[i]["outlet"]) for i in b.search("sort:outlet").order]
    assert outlets == sorted(outlets)
    assert b.search("").order == b.search("sort:-date").order


def test_before_is_exclusive_after_inclusive(lib: Library) -> None:
    b = Browser(lib)
    assert found(b, "before:2024-01") == {t["title"] for t in ARTICLES[2:5]}
    assert found(b, "after:2024-02-03 before:2024-03") == {ARTICLES[1]["title"]}


def test_outlets_are_one_whatever_their_case(lib: Library) -> None:
    b = Browser(lib)
    assert found(b, "outlet:tempo.co") == {t["title"] for t in ARTICLES[:3]}
    assert display_name("TEMPO.CO") == display_name("Tempo.Co") == "Tempo.co"
    assert display_name("ANTARA") == "ANTARA" and display_name("CNN INDONESIA") == "CNN Indonesia"
    assert display_name("GEMA RAKYAT") == "Gema Rakyat" and display_name("radarkota.com") == (
        "radarkota.com"
    )
    assert key("www.Kompas.com ") == key("KOMPAS.com") == key("kompas")


def test_query_errors_keep_the_rest(lib: Library) -> None:
    r = Browser(lib).search("banjir after:kemarin )")
    assert r.query.errors and titles(lib, r.order) == [ARTICLES[5]["title"]]


# ------------------------------------------------------------------------------ user data


def _passage(lib: Library, aid: str, tags: list[str], note: str = "") -> None:
    body = lib.extraction(aid)["body"]
    passages.add(lib, aid, describe(body, 0, 20), tags=tags, note=note)


def test_tags_include_passage_tags_and_children(lib: Library) -> None:
    b = Browser(lib)
    a0, a1 = lib.articles[0]["id"], lib.articles[1]["id"]
    lib.add_tags(a0, ["hoaks/klarifikasi"])
    b.sync(a0)
    assert found(b, "tag:hoaks") == {ARTICLES[0]["title"]}
    _passage(lib, a1, ["hoaks"], note="periksa sumber video")
    b.sync(a1)  # a passage added changes the article's tags and has:highlight
    assert found(b, "tag:hoaks") == {ARTICLES[0]["title"], ARTICLES[1]["title"]}
    assert found(b, "tag:hoaks/klarifikasi") == {ARTICLES[0]["title"]}
    assert found(b, "tag:hoa") == set()  # a finished value is a whole tag ...
    assert found(b, "tag:hoa", typing=True) == {ARTICLES[0]["title"], ARTICLES[1]["title"]}
    assert found(b, "has:highlight") == {ARTICLES[1]["title"]}
    assert found(b, "note:sumber") == {ARTICLES[1]["title"]}
    assert found(Browser(lib), "has:highlight tag:hoaks") == {ARTICLES[1]["title"]}
    passages.delete(lib, [p["id"] for p in lib.user.of_article("passages", a1)])
    b.sync(a1)
    assert found(b, "has:highlight") == set() and found(b, "note:sumber") == set()


def test_note_field_searches_article_notes(lib: Library) -> None:
    b = Browser(lib)
    aid = lib.articles[5]["id"]
    lib.set_note(aid, "Cek korban di balai desa")
    b.sync(aid)
    assert found(b, "note:korban") == {ARTICLES[5]["title"]}
    assert found(b, 'note:"balai desa"') == {ARTICLES[5]["title"]}
    assert found(b, "note:sungai") == set()  # the body is not a note


# ------------------------------------------------------------------------------ no growth

CORPUS = next(
    (
        c
        for c in (
            Path(__file__).resolve().parents[2] / "shared/corpus/indonesian-news.jsonl.gz",
            Path("/work/shared/corpus/indonesian-news.jsonl.gz"),
        )
        if c.exists()
    ),
    None,
)
_CORPUS_LIB: list[Browser] = []


def corpus_browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    if not _CORPUS_LIB:
        if CORPUS is None:
            pytest.skip("shared corpus not found")
        with gzip.open(CORPUS, "rt") as fh:
            rows = [json.loads(line) for _, line in zip(range(400), fh, strict=False)]
        folder = tmp_path_factory.mktemp("corpus")
        lib = Library(folder / "lib")
        import_paths(lib, [write_jsonl(folder / "c.jsonl", rows)])
        _CORPUS_LIB.append(Browser(lib))
    return _CORPUS_LIB[0]


WORDS = ["kapolres", "pemilu", "polisi", "hoaks", "korupsi", "jokowi", "banjir", "terprovokasi"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(WORDS),
    st.integers(1, 12),
    st.sampled_from(["", "tag:x ", "polisi ", "-banjir ", "hoaks OR "]),
    st.text("aeiourst", max_size=2),
)
def test_typing_a_letter_never_adds_results(
    tmp_path_factory: pytest.TempPathFactory, word: str, cut: int, context: str, typo: str
) -> None:
    """The no-growth rule: while a word is typed, results(w + c) is a subset of results(w)."""
    b = corpus_browser(tmp_path_factory)
    typed = (word[:cut] + typo)[: cut + 2]
    for k in range(1, len(typed)):
        shorter = set(b.search(context + typed[:k], typing=True).order)
        longer = set(b.search(context + typed[: k + 1], typing=True).order)
        assert longer <= shorter, (context, typed[:k], typed[: k + 1])
    # ... and finishing the word (a space) does not add any either
    assert set(b.search(context + typed + " ", typing=True).order) <= set(
        b.search(context + typed, typing=True).order
    )


def test_engine_agrees_with_the_reference_on_the_corpus(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    b = corpus_browser(tmp_path_factory)
    lib = b.library
    bodies = {i: lib.extraction(a["id"])["body"] for i, a in enumerate(lib.articles)}
    docs = [b.index.doc(i) for i in range(len(lib))]
    for q in [
        "kapolres",
        "polisi -banjir",
        '"pemilu 2019"',
        "hoaks OR hoax",
        "korup* sort:date",
        "title:polres",
        "body:warga",
        "(banjir | longsor) -jakarta",
        "=polri ",
        "kapolers",
    ]:
        got = b.search(q, typing=True)
        want = reference_search(docs, q, body_of=bodies.__getitem__)
        assert set(got.order) == set(want), q
        body = [b.index.contains(got.body_only, i) for i in got.order]
        n_meta = body.index(True) if True in body else len(body)
        # title/metadata matches: same order; then the body matches (BM25 vs newest first)
        if "sort:" in q or not got.body_only:
            assert got.order == want, q
        else:
            assert got.order[:n_meta] == want[:n_meta], q


# ------------------------------------------------------------------------------ facets, saved


def test_facets_count_the_result_and_narrow_it(lib: Library) -> None:
    b = Browser(lib)
    r = b.search("pemilu OR hoaks")
    got = facets(b.index, r.mask, b.fulltext.speakers if b.fulltext else None)
    outlets = {f.value: f.count for f in got["outlet"]}
    assert outlets == {"Tempo.co": 2, "Kompas.com": 2}
    speakers = {f.value: f.count for f in got["speaker"]}
    assert speakers.get("Budi Hartono") == 1
    term = next(f.term for f in got["outlet"] if f.value == "Tempo.co")
    narrowed = b.search(f"(pemilu OR hoaks) {term}")
    assert set(narrowed.order) < set(r.order)
    assert {key(lib.articles[i]["outlet"]) for i in narrowed.order} == {key("tempo.co")}


def test_saved_searches_are_undoable_user_data(lib: Library) -> None:
    saved.save(lib, "hoaks", "hoaks OR hoax")
    saved.save(lib, "banjir", "banjir sort:date")
    assert [s["name"] for s in saved.all_searches(lib)] == ["banjir", "hoaks"]
    assert lib.user.history()[-1]["label"] == "save search banjir"
    assert saved.delete(lib, "banjir") and not saved.delete(lib, "banjir")
    again = Library(lib.path)  # journaled: another process sees it
    assert [s["query"] for s in saved.all_searches(again)] == ["hoaks OR hoax"]
    assert lib.refresh_user() == set()
    from warta.store.annotate import history

    history.undo(lib)  # undoes the delete
    assert [s["name"] for s in saved.all_searches(lib)] == ["banjir", "hoaks"]


def test_cli_saved_searches_list_and_stats(lib: Library) -> None:
    def run(*args: str) -> str:
        res = CliRunner().invoke(cli, ["--db", str(lib.path), *args], catch_exceptions=False)
        assert res.exit_code == 0, res.output
        return res.output

    assert "saved" in run("search", "save", "pemilu", '"pemilu 2019"')
    assert run("search", "list").split()[:2] == ["2", "pemilu"]
    rows = run("list", "--saved", "pemilu").splitlines()
    assert len(rows) == 2
    csv = run("stats", "--filter", "pemilu OR hoaks", "--by", "month").splitlines()
    assert csv[0] == "month,count"
    counts = dict(line.split(",") for line in csv[1:])
    assert counts["2019-03-01"] == "1" and counts["2024-02-01"] == "1"
    assert sum(map(int, counts.values())) == 4
    data = json.loads(
        run("stats", "--saved", "pemilu", "--by", "year".replace("year", "day"), "--format", "json")
    )
    assert data["total"] == 2 and data["by"] == "day"
    assert sum(p["count"] for p in data["periods"]) == 2
    assert "deleted" in run("search", "delete", "pemilu")


def test_body_spans_follow_the_index_token_rules() -> None:
    from warta.store.search.parser import parse
    from warta.store.search.snippets import body_spans, snippet

    text = "Awas HOAX! Berita hoaks beredar; hoaksnya dibantah. Pemilu-2019 lancar."

    def spans(q: str, typing: bool = False) -> list[str]:
        leaves = tuple(parse(q, typing=typing).leaves())
        return [text[a:b] for a, b in body_spans(text, leaves)]

    assert spans("hoaks") == ["HOAX", "hoaks"]  # variants, whole words only
    assert spans("hoaks", typing=True) == ["HOAX", "hoaks", "hoaksnya"]  # a prefix while typed
    assert spans('"berita hoaks"') == ["Berita hoaks"]
    assert spans('"pemilu 2019"') == ["Pemilu-2019"]
    assert spans("-hoaks lancar") == ["lancar"]  # excluded words are not matches
    line, marks = snippet(text, tuple(parse("dibantah").leaves()), 30) or ("", [])
    assert [line[a:b] for a, b in marks] == ["dibantah"]


def _reference_spans(text: str, leaves: list) -> list[tuple[int, int]]:
    """body_spans the slow, obvious way: the look-behind first, the whole folded map."""
    import re

    from warta.store.search.keys import fold_with_map
    from warta.store.search.query import Word
    from warta.store.search.variants import completions, variants

    b, e = r"(?<![^\W_])", r"(?![^\W_])"
    parts = []
    for x in leaves:
        if isinstance(x, Word):
            open_ = x.open or x.prefix
            alts = sorted({x.text, *(completions(x.text) if open_ else variants(x.text))})
            alts.sort(key=len, reverse=True)
            tail = r"[^\W_]*" if open_ else e
            parts.append(b + "(?:" + "|".join(map(re.escape, alts)) + ")" + tail)
        else:
            body = r"[\W_]+".join(map(re.escape, x.words))
            parts.append(b + body + (r"[^\W_]*" if x.open else e))
    folded, idx = fold_with_map(text)
    out: list[tuple[int, int]] = []
    for m in re.finditer("|".join(parts), folded):
        s, t = idx[m.start()], idx[m.end() - 1] + 1
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], t))
        else:
            out.append((s, t))
    return out


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("Hoaks", "hoax", "berita", "Beritanya", "ﬁtnah", "Straße", "…", "é", "polisi"),
                *("x", "-", " ", "\n", ",", "“", "”", "Polres", "kapolres", "2019", "cafe\u0301"),
            ]
        ),
        max_size=40,
    ),
    st.sampled_from(
        ["hoaks", '"berita hoaks"', "polres", "polr", "fitnah", "berita*", "strasse", "cafe"]
    ),
)
def test_body_spans_and_snippets_agree_with_the_slow_way(parts: list[str], q: str) -> None:
    from warta.store.search.parser import parse
    from warta.store.search.snippets import body_spans, snippet

    text = "".join(parts)
    leaves = [x for x in parse(q, typing=q.endswith("r")).leaves()]
    want = _reference_spans(text, leaves)
    assert body_spans(text, leaves) == want
    got = snippet(text, tuple(leaves), 30)
    if not want:
        assert got is None
    else:
        assert got is not None
        _line, marks = got
        # The line as snippet() cuts it around the first match, and every match inside it.
        a, width = want[0][0], 30
        start = max(0, a - min(width // 4, 24))
        if start:
            sp = text.rfind(" ", 0, start)
            start = sp + 1 if sp >= 0 and a - sp < width // 2 else start
        end = min(len(text), start + width)
        pre = 1 if start else 0
        assert marks == [
            (s - start + pre, e - start + pre) for s, e in want if start <= s and e <= end
        ]
