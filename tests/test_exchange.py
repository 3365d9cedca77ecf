"""Exports in every format, checked against their standards: the review document, the CSV
table, the lossless json/jsonl, the W3C Web Annotation collection (expanded with pyld against
the shipped context), the REFI-QDA project and codebook (validated against the REFI XSDs)."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from annotated import A1, A2, A3, A4, HOSTILE, QUOTE, build, ids, import_records
from click.testing import CliRunner

from warta.store.annotate import export, merge, table_csv
from warta.store.library.library import Library, LibraryError
from warta.tui.cli import cli

DATA = Path(__file__).parent / "data"
OA = "http://www.w3.org/ns/oa#"
RDF_VALUE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#value"


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return build(tmp_path_factory.mktemp("annotated"))


def _passages(lib: Library) -> list[dict]:
    return list(lib.user.table("passages").values())


def test_every_format_renders_and_export_to_names_files_by_format_and_date(
    lib: Library, tmp_path: Path
) -> None:
    made = []
    for fmt in export.FORMATS:
        data = export.render(lib, fmt)
        assert data, fmt
        made.append(export.export_to(lib, fmt, None, tmp_path))
    made.append(export.export_to(lib, "codebook", None, tmp_path, codebook_format="md"))
    again = export.export_to(lib, "md", None, tmp_path)
    names = [p.name for p in made]
    day = names[0].split("warta-")[1][:10]
    assert names == [
        f"warta-{day}.md",
        f"warta-{day}.csv",
        f"warta-{day}.json",
        f"warta-{day}.jsonl",
        f"warta-{day}.w3c.jsonld",
        f"warta-{day}.qdpx",
        f"warta-{day}.codebook.qdc",
        f"warta-{day}.codebook.md",
    ]
    assert again.name == f"warta-{day}-2.md", "an earlier export is never overwritten"
    mask = os.umask(0o022)
    os.umask(mask)
    for path in made:
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask, "the user's normal permissions"
    with pytest.raises(ValueError, match="unknown export format"):
        export.render(lib, "docx")


# -- md ------------------------------------------------------------------------------------


def _md_tokens(text: str) -> list:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").parse(text)


def _flat(tokens: list) -> list:
    out = []
    for t in tokens:
        out.append(t)
        out += _flat(t.children or [])
    return out


def test_review_document_groups_by_tag_in_tree_order_with_sources_and_notes(
    lib: Library,
) -> None:
    md = export.export(lib, "md")
    tokens = _md_tokens(md)
    headings = [
        (t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings[0][0] == "h1"
    tags = [(level, content.split(":")[0].strip("`")) for level, content in headings[1:]]
    assert tags == [
        ("h2", "=cmd"),
        ("h2", "["),
        ("h3", "[/]"),
        ("h2", "banjir"),
        ("h2", "hoaks"),
        ("h3", "hoaks/klarifikasi"),
        ("h2", "полиция"),
        ("h2", "Not tagged"),
    ]
    hoaks = md.split("## `hoaks`")[1].split("### `hoaks/klarifikasi`")[0]
    # The passage as a block quote with its speaker, the source's facts, the notes.
    assert f"> {QUOTE}" in hoaks and "> — AKBP Budi Santoso" in hoaks
    # the outlet by its display name, as the reader shows it
    assert "ANTARA, 2024-06-03" in hoaks and "<https://example.org/a1>" in hoaks
    assert "People: AKBP Budi Santoso (Kapolres OKU Selatan)" in hoaks
    aid = ids(lib)[A1["url"]]
    assert f"id `{aid}`" in hoaks
    assert "Whole article tagged `hoaks` by ana, budi." in hoaks
    assert "Passage by budi, to review." in hoaks and "Article note by ana" in hoaks
    assert "*Kabar bohong" in hoaks, "the codebook's description under the tag"
    klar = md.split("### `hoaks/klarifikasi`")[1].split("## ")[0]
    assert A3["title"] in klar and "cek ulang" in klar
    rest = md.split("## Not tagged")[1]
    assert "> merendam" in rest and "starred" in rest


def test_review_document_keeps_hostile_text_as_text(lib: Library) -> None:
    md = export.export(lib, "md")
    assert "\x1b" not in md and "\x07" not in md
    flat = _flat(_md_tokens(md))
    kinds = {t.type for t in flat}
    assert not kinds & {"html_inline", "html_block", "image", "code_block", "fence", "hr"}
    # Emphasis is Warta's own: bold titles, italic tag descriptions, nothing from the text.
    wrapped: dict[str, set[str]] = {"em_open": set(), "strong_open": set()}
    for i, t in enumerate(flat):
        if t.type in wrapped:
            wrapped[t.type].add(flat[i + 1].content)
    assert wrapped["em_open"] == {"Kabar bohong | *ditandai* <b>x</b> =SUM(A1)"}
    assert wrapped["strong_open"] == {A1["title"], A2["title"], A3["title"]}
    links = [t.attrs.get("href") for t in flat if t.type == "link_open"]
    assert set(links) <= {A1["url"], A2["url"], A3["url"]}, "only the articles' own URLs link"
    text = "".join(t.content for t in flat if t.type == "text")
    # Every hostile character survives as text.
    for piece in ("<script>alert(1)</script>", "[tautan](http://x)", "*miring*", "=1+1", "[/]"):
        assert piece in text
    assert "&amp;" in text and "|a|b|" in text
    lists = [t for t in flat if t.type in ("bullet_list_open", "ordered_list_open")]
    assert not lists, "a note's '- butir' line stays a line of text"


# -- csv -----------------------------------------------------------------------------------


def test_csv_has_a_row_per_passage_and_tag_plus_article_rows(lib: Library) -> None:
    rows = list(csv.DictReader(io.StringIO(export.export(lib, "csv"))))
    assert tuple(rows[0].keys()) == table_csv.COLUMNS
    aid = ids(lib)[A1["url"]]
    a1 = [r for r in rows if r["article_id"] == aid]
    kinds = [(r["kind"], r["tag"], r["coder"]) for r in a1]
    assert ("article", "hoaks", "ana; budi") in kinds
    assert ("article", "[/]", "ana") in kinds and ("article", "'=cmd", "ana") in kinds
    assert sum(k == "article-note" for k, _, _ in kinds) == 1
    passage_rows = [r for r in a1 if r["kind"] == "passage"]
    assert sorted((r["tag"], r["coder"]) for r in passage_rows) == [
        ("hoaks", "ana"),
        ("hoaks", "budi"),
        ("hoaks/klarifikasi", "ana"),
    ]
    raw = lib.body_input(aid)["text"]
    for r in passage_rows:
        assert raw[int(r["start"]) : int(r["end"])] == r["text"]
    untagged = [r for r in rows if r["kind"] == "passage" and r["tag"] == ""]
    assert [r["text"] for r in untagged] == ["merendam"]
    orphan = [r for r in rows if r["text"] == "kalimat yang hilang"]
    assert orphan and orphan[0]["start"] == "" and orphan[0]["end"] == ""


def test_csv_cells_never_run_as_formulas(lib: Library) -> None:
    for raw in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", '=HYPERLINK("x")'):
        assert table_csv.cell(raw).startswith("'"), raw
    assert table_csv.cell("1+1=2") == "1+1=2" and table_csv.cell(None) == ""
    assert table_csv.cell("a\x1b[31mb\x07") == "ab"
    rows = list(csv.reader(io.StringIO(export.export(lib, "csv"))))
    for row in rows:
        for value in row:
            assert value[:1] not in ("=", "+", "-", "@", "\t", "\r"), value
            assert "\x1b" not in value and "\x07" not in value
    titles = {r[5] for r in rows[1:]}
    assert "'" + A2["title"] in titles


def test_csv_file_has_a_bom_and_stdout_has_none(lib: Library, tmp_path: Path) -> None:
    res = CliRunner().invoke(
        cli, ["--db", str(lib.path), "export", "--format", "csv"], catch_exceptions=False
    )
    assert res.stdout_bytes.startswith(b"kind,")
    out = tmp_path / "t.csv"
    res = CliRunner().invoke(
        cli, ["--db", str(lib.path), "export", "--format", "csv", "-o", str(out)]
    )
    assert res.exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfkind,")


# -- json / jsonl ---------------------------------------------------------------------------


def _state(lib: Library) -> dict:
    """The user's annotations, in a form two libraries with the same articles can compare."""
    anns = {}
    for aid, ann in lib.annotations().items():
        if ann["tags"] or ann["note"] or ann["starred"] or ann["read"]:
            anns[lib.article(aid)["hash"]] = {k: v for k, v in ann.items() if k != "updated"}
    strip = ("article",)
    return {
        "annotations": anns,
        "passages": {
            k: {f: v for f, v in p.items() if f not in strip}
            for k, p in lib.user.table("passages").items()
        },
        "notes": {
            k: {f: v for f, v in n.items() if f not in strip}
            for k, n in lib.user.table("notes").items()
        },
        "codebook": dict(lib.user.table("codebook")),
    }


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_lossless_export_round_trips_into_a_fresh_library(
    lib: Library, tmp_path: Path, fmt: str
) -> None:
    data = export.render(lib, fmt)
    first = json.loads(data.splitlines()[0] if fmt == "jsonl" else data)
    assert first["format"] == "warta-annotations" and first["version"] == 1
    path = tmp_path / f"x.{fmt}"
    path.write_bytes(data)
    fresh = import_records(tmp_path / "fresh", [A1, A2, A3, A4], "ana")
    report = merge.merge_file(fresh, path)
    assert report.unmatched == [] and report.duplicates == 0
    assert _state(fresh) == _state(lib)
    again = merge.merge_file(fresh, path)
    assert not again.changed and _state(fresh) == _state(lib)


def test_lossless_json_holds_articles_coders_and_codebook(lib: Library) -> None:
    doc = json.loads(export.render(lib, "json"))
    assert [c["name"] for c in doc["coders"]] == ["ana", "budi"]
    assert {a["url"] for a in doc["articles"]} == {A1["url"], A2["url"], A3["url"]}
    assert all(a["hash"] and a["title"] for a in doc["articles"])
    assert doc["codebook"][0]["name"] == "hoaks"
    assert len(doc["passages"]) == len(_passages(lib))
    annotation = next(a for a in doc["annotations"] if a["note"])
    assert annotation["note"] == HOSTILE, "the note exactly as written, control characters too"


# -- W3C -------------------------------------------------------------------------------------


def _expand(doc: dict) -> tuple[list, list[str]]:
    from pyld import jsonld

    context = json.loads((DATA / "anno.jsonld").read_text())
    asked: list[str] = []

    def loader(url: str, options: dict | None = None) -> dict:
        asked.append(url)
        if url != "http://www.w3.org/ns/anno.jsonld":
            raise jsonld.JsonLdError("no network in tests", "loading document failed")
        return {"contextUrl": None, "documentUrl": url, "document": context}

    return jsonld.expand(doc, {"documentLoader": loader}), asked


def _one(node: dict, key: str):
    values = node.get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


def test_w3c_collection_expands_with_both_selectors_and_its_bodies(lib: Library) -> None:
    doc = json.loads(export.render(lib, "w3c"))
    assert doc["type"] == "AnnotationCollection" and doc["@context"][0].endswith("anno.jsonld")
    expanded, asked = _expand(doc)
    assert asked == ["http://www.w3.org/ns/anno.jsonld"]
    (coll,) = expanded
    assert coll["@type"] == ["http://www.w3.org/ns/activitystreams#OrderedCollection"]
    page = _one(coll, "http://www.w3.org/ns/activitystreams#first")
    items = _one(page, "http://www.w3.org/ns/activitystreams#items")["@list"]
    assert len(items) == _one(coll, "http://www.w3.org/ns/activitystreams#totalItems")["@value"]
    by_id = {a["@id"]: a for a in items}
    passages = {p["id"]: p for p in _passages(lib)}
    for pid, p in passages.items():
        anno = by_id[f"urn:warta:passage:{pid}"]
        assert anno["@type"] == [OA + "Annotation"]
        creator = _one(anno, "http://purl.org/dc/terms/creator")
        assert _one(creator, "http://xmlns.com/foaf/0.1/name")["@value"] == p["coder"]
        assert _one(anno, "http://purl.org/dc/terms/created")["@value"] == p["created"]
        target = _one(anno, OA + "hasTarget")
        source = _one(target, OA + "hasSource")
        rec = lib.article(p["article"])
        assert source["@id"] == rec["url"]
        assert _one(source, OA + "canonical")["@id"] == f"urn:warta:article:{rec['hash']}"
        selectors = {s["@type"][0]: s for s in target[OA + "hasSelector"]}
        quote = selectors[OA + "TextQuoteSelector"]
        assert _one(quote, OA + "exact")["@value"] == p["selector"]["exact"]
        assert _one(quote, OA + "prefix")["@value"] == p["selector"]["prefix"]
        if p["selector"]["start"] >= 0:
            pos = selectors[OA + "TextPositionSelector"]
            assert _one(pos, OA + "start")["@value"] == p["selector"]["start"]
            assert _one(pos, OA + "end")["@value"] == p["selector"]["end"]
        else:
            assert OA + "TextPositionSelector" not in selectors, "an orphan has no position"
        bodies = anno.get(OA + "hasBody", [])
        tags = [
            _one(b, RDF_VALUE)["@value"]
            for b in bodies
            if _one(b, OA + "hasPurpose")["@id"] == OA + "tagging"
        ]
        comments = [
            _one(b, RDF_VALUE)["@value"]
            for b in bodies
            if _one(b, OA + "hasPurpose")["@id"] == OA + "commenting"
        ]
        assert all(b["@type"] == [OA + "TextualBody"] for b in bodies)
        assert tags == p["tags"] and comments == ([p["note"]] if p["note"] else [])
        if p["speaker"]:
            assert _one(anno, "urn:warta:ns:speaker")["@value"] == p["speaker"]
        assert _one(anno, "urn:warta:ns:review")["@value"] == p["review"]
    note = by_id[f"urn:warta:article-note:{lib.article(ids(lib)[A1['url']])['hash']}"]
    assert _one(note, OA + "motivatedBy")["@id"] == OA + "commenting"
    body = _one(note, OA + "hasBody")
    assert _one(body, RDF_VALUE)["@value"] == HOSTILE
    tagging = [a for a in items if _one(a, OA + "motivatedBy")["@id"] == OA + "tagging"]
    assert {
        (
            _one(_one(a, "http://purl.org/dc/terms/creator"), "http://xmlns.com/foaf/0.1/name")[
                "@value"
            ],
            _one(b, RDF_VALUE)["@value"],
        )
        for a in tagging
        for b in a[OA + "hasBody"]
    } == {("ana", "hoaks"), ("ana", "[/]"), ("ana", "=cmd"), ("ana", "полиция"), ("budi", "hoaks")}
    book = _one(coll, "urn:warta:ns:codebook")
    assert _one(book, "urn:warta:ns:colour")["@value"] == "#ff0000"


def test_w3c_file_round_trips_into_a_fresh_library(lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "x.w3c.jsonld"
    path.write_bytes(export.render(lib, "w3c"))
    fresh = import_records(tmp_path / "fresh", [A1, A2, A3, A4], "ana")
    report = merge.merge_file(fresh, path)
    assert report.duplicates == 0 and not report.unmatched
    want, got = _state(lib), _state(fresh)
    # W3C carries no read/starred state (not annotations): everything else comes back.
    for ann in (*want["annotations"].values(), *got["annotations"].values()):
        ann.pop("starred")
        ann.pop("read")
    want["annotations"] = {k: v for k, v in want["annotations"].items() if v["tags"] or v["note"]}
    assert got == want


# -- REFI-QDA --------------------------------------------------------------------------------

QDA = "{urn:QDA-XML:project:1.0}"


def _schema(name: str):
    import xmlschema

    return xmlschema.XMLSchema(str(DATA / name))


def test_qdpx_project_validates_and_selections_point_at_the_passages(lib: Library) -> None:
    import xml.etree.ElementTree as ET

    zf = zipfile.ZipFile(io.BytesIO(export.render(lib, "qdpx")))
    qde = zf.read("project.qde")
    _schema("Project-mrt2019.xsd").validate(qde.decode("utf-8"))
    root = ET.fromstring(qde)
    users = {u.get("guid"): u.get("name") for u in root.iter(QDA + "User")}
    assert sorted(users.values()) == ["ana", "budi"]
    codes = root.find(QDA + "CodeBook/" + QDA + "Codes")
    code_names = {}

    def walk(el, path: str) -> None:
        for c in el.findall(QDA + "Code"):
            full = f"{path}/{c.get('name')}" if path else c.get("name")
            code_names[c.get("guid")] = full
            walk(c, full)

    walk(codes, "")
    assert set(code_names.values()) == {
        "=cmd",
        "[",
        "[/]",
        "banjir",
        "hoaks",
        "hoaks/klarifikasi",
        "полиция",
    }
    hoaks = next(c for c in codes if c.get("name") == "hoaks")
    assert hoaks.get("color") == "#ff0000"
    assert hoaks.find(QDA + "Description").text.startswith("Kabar bohong")
    assert [c.get("name") for c in hoaks.findall(QDA + "Code")] == ["klarifikasi"]
    notes = {n.get("guid"): n for n in root.iter(QDA + "Note")}
    passages = {p["selector"]["exact"]: p for p in _passages(lib)}
    seen = set()
    sources = list(root.iter(QDA + "TextSource"))
    assert len(sources) == 3, "the annotated articles (no filter)"
    for src in sources:
        name = src.get("plainTextPath").removeprefix("internal://")
        assert name == f"{src.get('guid')}.txt"
        raw = zf.read(f"sources/{name}")
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
        text = raw.decode("utf-8")
        for sel in src.findall(QDA + "PlainTextSelection"):
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            p = passages[text[start:end]]  # code points, end exclusive (REFI-QDA 10.2)
            seen.add(p["id"])
            assert users[sel.get("creatingUser")] == p["coder"]
            coded = [
                code_names[c.find(QDA + "CodeRef").get("targetGUID")]
                for c in sel.findall(QDA + "Coding")
            ]
            assert coded == p["tags"]
            assert all(
                users[c.get("creatingUser")] == p["coder"] for c in sel.findall(QDA + "Coding")
            )
            if p["note"]:
                description = sel.find(QDA + "Description").text
                assert description.startswith(p["note"].split("\n")[0])
        for ref in src.findall(QDA + "NoteRef"):
            assert ref.get("targetGUID") in notes
    orphan = next(p for p in _passages(lib) if p["selector"]["start"] < 0)
    assert orphan["id"] not in seen
    assert any(
        "kalimat yang hilang" in n.find(QDA + "PlainTextContent").text for n in notes.values()
    )
    assert seen == {p["id"] for p in _passages(lib)} - {orphan["id"]}
    aid = ids(lib)[A1["url"]]
    a1 = next(s for s in sources if s.get("name").endswith(f"({aid})"))
    # Named so a QDA program can make a file of it: no / : " < > from the title.
    assert a1.get("name") == f"Kapolres hoaks [ ] =1+1 😀 Полиция 警察 ({aid})"
    whole = {
        (code_names[c.find(QDA + "CodeRef").get("targetGUID")], users[c.get("creatingUser")])
        for c in a1.findall(QDA + "Coding")
    }
    assert whole == {
        ("hoaks", "ana"),
        ("hoaks", "budi"),
        ("[/]", "ana"),
        ("=cmd", "ana"),
        ("полиция", "ana"),
    }
    note_text = [
        notes[r.get("targetGUID")].find(QDA + "PlainTextContent").text
        for r in a1.findall(QDA + "NoteRef")
    ]
    assert note_text[0].startswith("Catatan: =1+1") and "\x1b" not in note_text[0]
    memo = a1.find(QDA + "Description").text
    assert memo.splitlines()[:2] == [A1["title"], "Antara, 2024-06-03"]
    assert "Note by ana:\nCatatan: =1+1" in memo, "the article note is in the source's memo too"


def test_qdpx_positions_count_code_points_past_astral_characters(lib: Library) -> None:
    zf = zipfile.ZipFile(io.BytesIO(export.render(lib, "qdpx")))
    qde = zf.read("project.qde").decode()
    raw = lib.body_input(ids(lib)[A1["url"]])["text"]
    start = raw.index(QUOTE)
    assert "𝕏" in raw[:start], "the fixture puts a character outside the BMP before the quote"
    assert f'startPosition="{start}" endPosition="{start + len(QUOTE)}"' in qde


def test_qdpx_with_a_filter_includes_unannotated_articles_as_sources(lib: Library) -> None:
    import xml.etree.ElementTree as ET

    zf = zipfile.ZipFile(io.BytesIO(export.render(lib, "qdpx", "outlet:tempo")))
    root = ET.fromstring(zf.read("project.qde"))
    aid = ids(lib)[A4["url"]]
    assert [s.get("name") for s in root.iter(QDA + "TextSource")] == [f"{A4['title']} ({aid})"]
    _schema("Project-mrt2019.xsd").validate(zf.read("project.qde").decode())


def test_codebook_exports_validate_and_count(lib: Library, tmp_path: Path) -> None:
    qdc = export.render(lib, "codebook")
    _schema("Codebook-mrt2019.xsd").validate(qdc.decode())
    assert b'name="klarifikasi"' in qdc and b'color="#ff0000"' in qdc
    md = export.render(lib, "codebook", codebook_format="md").decode()
    assert "- `hoaks`: 2 articles, 4 passages, colour `#ff0000`" in md
    assert "  - `hoaks/klarifikasi`: 2 articles, 2 passages" in md
    assert "Kabar bohong \\| \\*ditandai\\* \\<b\\>x\\</b\\> =SUM(A1)" in md
    empty = Library(tmp_path / "empty")
    with pytest.raises(LibraryError, match="no tags"):
        export.render(empty, "codebook")
    _schema("Project-mrt2019.xsd").validate(
        zipfile.ZipFile(io.BytesIO(export.render(empty, "qdpx"))).read("project.qde").decode()
    )


# -- the command -----------------------------------------------------------------------------


def test_export_command_filters_and_writes_qdpx_here(
    lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(lib.path)
    md = (
        CliRunner()
        .invoke(cli, ["--db", db, "export", "--filter", "tag:hoaks", "--format", "md"])
        .output
    )
    assert A1["title"].split(":")[0] in md and "Banjir merendam" not in md
    assert md.startswith("# Warta review: filter `tag:hoaks`")
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["--db", db, "export", "--format", "qdpx"])
    assert res.exit_code == 0, res.output
    (made,) = tmp_path.glob("warta-*.qdpx")
    assert f"wrote {made}" in res.output
    assert zipfile.ZipFile(made).read("project.qde").startswith(b'<?xml version="1.0"')
    res = CliRunner().invoke(cli, ["--db", db, "export", "--format", "json", "-o", str(tmp_path)])
    assert res.exit_code != 0
    for args in (["export"], ["annotations", "import"], ["agreement"]):
        res = CliRunner().invoke(cli, [*args, "--help"])
        assert res.exit_code == 0 and "Usage:" in res.output
    assert "Cohen's kappa" in CliRunner().invoke(cli, ["agreement", "--help"]).output
