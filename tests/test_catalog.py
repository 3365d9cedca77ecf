"""Segments, catalogs and the stored search index: round trips, the migration from the single
articles.json of schema 2, caches that are stale, missing or damaged (made again, never used),
and libraries of many segments behaving as one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import orjson
import pytest
from conftest import SEEDS, write_jsonl

from warta.store.library import doctor, segments
from warta.store.library.catalog import Catalog, CatalogDamaged, encode, signature
from warta.store.library.importer import import_paths
from warta.store.library.library import Library, NewArticle
from warta.store.model import SCHEMA_VERSION
from warta.store.search import static, stored
from warta.store.search.browse import Browser, search_doc
from warta.store.search.index import SearchIndex

FROZEN_V2 = Path(__file__).parent / "data" / "library-v2"
QUERIES = ["", "kamtibmas", "polsek desa", "pemilu OR pilkada", "-kamtibmas", "sort:outlet", "wa"]


def _records(n: int) -> list[dict]:
    return [
        {
            "title": f"Artikel nomor {k} tentang {'banjir' if k % 3 else 'pemilu'} di desa {k % 7}",
            "body": f"Isi artikel {k}. Warga desa {k % 7} berkumpul. " * 3,
            "source": ["Kompas.com", "TEMPO.CO", "Antara"][k % 3],
            "date": f"2024-0{1 + k % 9}-1{k % 10}",
            "url": f"https://example.org/{k}",
        }
        for k in range(n)
    ]


@pytest.fixture
def small_segments(monkeypatch: pytest.MonkeyPatch) -> None:
    """Segments of at most 4 records, so a few dozen articles make many segments."""
    monkeypatch.setattr(segments, "SEGMENT_RECORDS", 4)


def _order(lib: Library, q: str) -> list[str]:
    return [lib.articles[i]["id"] for i in Browser(lib).search(q).order]


# -- catalogs ---------------------------------------------------------------------------------


def test_a_catalog_gives_back_its_records(tmp_path: Path) -> None:
    recs = [
        {"id": f"id{k}", "hash": f"h{k}", "title": f"t{k}", "extractor": k % 2} for k in range(9)
    ]
    path = tmp_path / "x.cat"
    path.write_bytes(encode(recs, [1, 2, 3]))
    cat = Catalog(path)
    assert [cat.record(j) for j in range(len(cat))] == recs
    assert list(cat.records()) == recs
    assert cat.ids() == [r["id"] for r in recs] and cat.hashes() == [r["hash"] for r in recs]
    assert cat.source == [1, 2, 3] and cat.extractors == {"0": 5, "1": 4}


@pytest.mark.parametrize("where", ["record", "offsets", "ids", "header", "cut"])
def test_a_damaged_catalog_is_detected(tmp_path: Path, where: str) -> None:
    recs = [{"id": f"id{k}", "hash": f"h{k}", "title": f"title {k}"} for k in range(5)]
    data = bytearray(encode(recs, None))
    body = data.index(b"\n", 6) + 1
    if where == "record":
        data[data.index(b"title 3")] ^= 1
    elif where == "offsets":
        data[data.index(b"}", body + 200) + 9] ^= 0xFF  # inside rec_off, after the records
    elif where == "ids":
        data[data.index(b'["id0"') + 3] ^= 1
    elif where == "header":
        data[10] = ord("{")
    else:
        data = data[: len(data) - 20]
    path = tmp_path / "x.cat"
    path.write_bytes(bytes(data))
    with pytest.raises(CatalogDamaged):
        cat = Catalog(path)
        [cat.record(j) for j in range(len(cat))]
        cat.ids()


def test_a_signature_sees_a_rewrite_of_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b'{"a": "xxxx"}')
    before = signature(path)
    with open(path, "r+b") as fh:  # in place: same inode, same size, maybe the same mtime
        fh.write(b'{"a": "yyyy"}')
    assert signature(path) != before
    assert signature(tmp_path / "missing") is None


# -- libraries of many segments -----------------------------------------------------------------


def test_batches_go_into_segments_and_read_back_as_one_library(
    tmp_path: Path, small_segments: None
) -> None:
    lib = Library(tmp_path / "lib")
    src = write_jsonl(tmp_path / "a.jsonl", _records(10))
    import_paths(lib, [src])
    import_paths(lib, [SEEDS])  # another batch, so another segment
    files = sorted(p.name for p in (lib.path / "articles").iterdir())
    assert files and all(p.endswith(".json") for p in files)
    assert (lib.path / "articles.json").exists()
    ids = [a["id"] for a in lib.articles]
    assert len(ids) == len(set(ids)) == 15
    again = Library(lib.path)
    assert [a["id"] for a in again.articles] == ids  # positions are stable across opens
    for aid in ids:  # every text is found in its segment's shards
        assert again.body_input(aid)["text"]
        assert again.position(aid) == ids.index(aid)
        assert again.contains_hash(again.article(aid)["hash"]) == aid
    assert any(f.status == "problem" for f in doctor.examine(again, repair=False)) is False
    # The head file paints the newest rows and says where their texts are.
    fresh = Library(lib.path)
    total, rows = fresh.head()  # type: ignore[misc]
    assert total == 15 and not fresh.loaded
    assert fresh.body_input(rows[0]["id"], rows[0])["text"] and not fresh.loaded
    assert [r["id"] for r in rows] == _order(again, "")[: len(rows)]


def test_reimporting_into_segments_adds_nothing(tmp_path: Path, small_segments: None) -> None:
    lib = Library(tmp_path / "lib")
    src = write_jsonl(tmp_path / "a.jsonl", _records(9))
    import_paths(lib, [src])
    report = import_paths(Library(lib.path), [src])
    assert report.added == 0 and report.duplicates == 9 and len(Library(lib.path)) == 9


def test_replace_and_drop_records_across_segments(tmp_path: Path, small_segments: None) -> None:
    lib = Library(tmp_path / "lib")
    import_paths(lib, [write_jsonl(tmp_path / "a.jsonl", _records(11))])
    ids = [a["id"] for a in lib.articles]
    changed = [dict(lib.article(i), title=f"Judul baru {k}") for k, i in enumerate(ids[::3])]
    lib.replace_records(changed)
    again = Library(lib.path)
    assert [a["id"] for a in again.articles] == ids
    assert [again.article(r["id"])["title"] for r in changed] == [r["title"] for r in changed]
    assert _order(again, "judul baru") == _order(Library(lib.path), "judul baru")
    assert len(_order(again, "=judul")) == len(changed)
    gone = ids[1::4]
    assert again.drop_records(gone) == len(gone)
    left = [i for i in ids if i not in gone]
    assert [a["id"] for a in Library(lib.path).articles] == left
    assert [a["id"] for a in again.articles] == left
    head = Library(lib.path).head()
    assert head is not None and head[0] == len(left)
    assert [r["id"] for r in head[1]] == _order(Library(lib.path), "")


def test_search_over_segments_is_search_over_the_same_docs(
    tmp_path: Path, small_segments: None
) -> None:
    lib = Library(tmp_path / "lib")
    import_paths(lib, [write_jsonl(tmp_path / "a.jsonl", _records(13))])
    import_paths(lib, [SEEDS])
    lib.add_tags(lib.articles[3]["id"], ["hoaks"])
    lib.set_starred(lib.articles[5]["id"], True)
    docs = [search_doc(rec, lib.annotation(rec["id"])) for rec in lib.articles]
    reference = SearchIndex(docs)
    for q in [*QUERIES, "tag:hoaks", "is:starred", "outlet:antara banjir"]:
        got = Browser(lib, fulltext=False).search(q).order  # titles and metadata only
        assert list(got) == list(reference.search(q, typing=False).order), q


# -- caches made again -------------------------------------------------------------------------


def test_missing_caches_are_made_again(seeded: Library) -> None:
    want = {q: _order(seeded, q) for q in QUERIES}
    records = list(seeded.articles)
    shutil.rmtree(seeded.path / "cache")
    lib = Library(seeded.path)
    assert list(lib.articles) == records
    assert {q: _order(lib, q) for q in QUERIES} == want
    assert (seeded.path / "cache" / "search.idx").exists()
    assert list((seeded.path / "cache").glob("articles-*.cat"))


def test_a_stale_catalog_is_never_used(seeded: Library) -> None:
    Browser(seeded)  # caches written
    path = seeded.path / "articles.json"
    data = json.loads(path.read_bytes())
    aid = next(iter(data["articles"]))
    old = data["articles"][aid]["title"]
    data["articles"][aid]["title"] = "X" * len(old)  # the same size, edited by hand
    with open(path, "r+b") as fh:
        fh.write(json.dumps(data).encode())
        fh.truncate()
    lib = Library(seeded.path)
    assert lib.article(aid)["title"] == "X" * len(old)
    assert _order(lib, "x" * len(old)) == [aid]  # the stored search index was made again


@pytest.mark.parametrize("what", ["catalog", "index"])
def test_damaged_caches_are_made_again(seeded: Library, what: str) -> None:
    want = {q: _order(seeded, q) for q in QUERIES}
    records = list(seeded.articles)
    cache = seeded.path / "cache"
    path = next(cache.glob("articles-*.cat")) if what == "catalog" else cache / stored.INDEX_FILE
    data = bytearray(path.read_bytes())
    for at in range(len(data) // 3, len(data), max(1, len(data) // 7)):
        data[at] ^= 0x55  # damage all through the file, headers spared
    path.write_bytes(bytes(data))
    lib = Library(seeded.path)
    assert list(lib.articles) == records
    assert {q: _order(lib, q) for q in QUERIES} == want


def test_the_stored_index_round_trips(seeded: Library) -> None:
    docs = [
        search_doc(rec, lib_ann)
        for rec, lib_ann in ((r, seeded.annotation(r["id"])) for r in seeded.articles)
    ]
    built = static.build(docs)
    again = static.StaticIndex.from_bytes(built.to_bytes())
    for name in ("n", "n_dated", "dates", "joined", "vocab", "len_start", "quote"):
        assert getattr(again, name) == getattr(built, name), name
    for name in ("doc_at", "pos_of", "starts", "title_off", "title_pos", "other_off", "df"):
        assert list(getattr(again, name)) == list(getattr(built, name)), name
    assert list(again.outlet_order) == list(built.outlet_order)
    for f in static.FIELDS:
        assert [(v, list(p)) for v, p in again.fields[f].items()] == [
            (v, list(p)) for v, p in built.fields[f].items()
        ]
    with pytest.raises(ValueError):
        static.StaticIndex.from_bytes(built.to_bytes()[:-3])


def test_new_records_make_the_stored_index_stale(seeded: Library) -> None:
    Browser(seeded)
    assert stored.load(seeded) is not None
    other = Library(seeded.path)
    rec = dict(other.articles[0], id="zzzzzzzz", hash="f" * 40, title="Artikel tambahan")
    text = other.body_input(other.articles[0]["id"])
    other.add_articles([NewArticle(rec, text["text"], rec["title"], None, None)])
    assert stored.load(other) is None  # built for other records: never used
    assert stored.load(Library(seeded.path)) is None
    assert _order(Library(seeded.path), "tambahan") == ["zzzzzzzz"]
    assert stored.load(Library(seeded.path)) is not None  # built again, then stored


def test_an_import_stores_the_index_of_what_it_imported(seeded: Library, tmp_path: Path) -> None:
    import_paths(seeded, [write_jsonl(tmp_path / "a.jsonl", _records(2))])
    built = stored.load(Library(seeded.path))
    assert built is not None and built.n == 7


# -- the migration from schema 2 -------------------------------------------------------------


def test_a_schema_2_library_opens_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "lib"
    shutil.copytree(FROZEN_V2, path)
    frozen = orjson.loads((FROZEN_V2 / "articles.json").read_bytes())["articles"]
    lib = Library(path)
    meta = json.loads((path / "meta.json").read_text())
    assert meta["meta"]["library"]["schema"] == SCHEMA_VERSION == 3
    assert list(lib.articles) == list(frozen.values())  # same records, same positions
    assert (path / "articles.json").read_bytes() == (FROZEN_V2 / "articles.json").read_bytes()
    assert lib.annotation("jdmq5zrp")["tags"] == ["hoaks"]
    assert _order(lib, "tag:hoaks") == ["jdmq5zrp"]
    assert _order(lib, "kamtibmas")[0] == "jdmq5zrp"
    assert all(lib.body_input(a)["text"] for a in frozen)
    # Only caches may be missing (the full-text index, the learned furniture): made again.
    problems = [f.text for f in doctor.examine(lib, repair=False) if f.status == "problem"]
    assert all("full-text" in t or "learned furniture" in t for t in problems), problems
    # It grows like any library: the new articles after the old, the old untouched.
    import_paths(lib, [write_jsonl(tmp_path / "a.jsonl", _records(3))])
    again = Library(path)
    assert [a["id"] for a in again.articles][:5] == list(frozen)
    assert len(again) == 8 and len(_order(again, "artikel")) == 3


def test_doctor_makes_a_damaged_stored_index_again(seeded: Library) -> None:
    Browser(seeded)
    path = seeded.path / "cache" / stored.INDEX_FILE
    path.write_bytes(path.read_bytes()[:-10])
    lib = Library(seeded.path)
    said = [f for f in doctor.examine(lib, repair=False) if "search index" in f.text]
    assert [f.status for f in said] == ["problem"]
    said = [f for f in doctor.examine(lib) if "search index" in f.text]
    assert [f.status for f in said] == ["fixed"]
    assert stored.load(Library(seeded.path)) is not None
