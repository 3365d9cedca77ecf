"""W3C Web Annotation export and import (an ``AnnotationCollection`` in JSON-LD).

One annotation per passage (motivation ``highlighting``), per article note and extra note
(``commenting``) and per coder's tags on a whole article (``tagging``). Tags are
``TextualBody`` bodies with purpose ``tagging``, notes ``TextualBody`` bodies with purpose
``commenting``; ``creator`` is the coder, ``created``/``modified`` the record's times.

A passage's target is a ``SpecificResource`` with both a ``TextQuoteSelector`` and a
``TextPositionSelector`` (alternatives, as the model defines a list of selectors), against the
article's text as imported, positions in Unicode code points. The source is the article's URL
when it has one, with ``canonical`` set to ``urn:warta:article:<content hash>`` (the stable
name every Warta library gives the same text); without a URL the URN is the source itself.

What Warta needs to re-import and the model lacks (a quote's speaker, review state, a note's
origin, the codebook's colours and descriptions) is in the ``urn:warta:ns:`` namespace, bound
to the ``warta`` prefix in the document's ``@context``, so JSON-LD processing keeps it.
"""

from __future__ import annotations

import re
import uuid
from typing import Any
from urllib.parse import quote, unquote

import orjson

from warta.store.annotate.bundle import (
    ArticleRef,
    Bundle,
    BundleError,
    NoteMark,
    PassageMark,
    TagMark,
    derived_id,
)
from warta.store.annotate.lossless import codebook_entries, generator
from warta.store.annotate.scope import Item, Scope
from warta.store.library.library import Library
from warta.store.model import ArticleRecord, Passage

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NS = "urn:warta:ns:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"warta": NS}]
FORMAT = "warta-w3c"
VERSION = 1
ARTICLE_URN = "urn:warta:article:"
CODER_URN = "urn:warta:coder:"
PASSAGE_URN = "urn:warta:passage:"
NOTE_URN = "urn:warta:note:"
ARTICLE_NOTE_URN = "urn:warta:article-note:"
TAGS_URN = "urn:warta:tags:"
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+")


def article_urn(content_hash: str) -> str:
    return ARTICLE_URN + content_hash


def _agent(coder: str) -> dict[str, Any]:
    return {"id": CODER_URN + quote(coder, safe=""), "type": "Person", "name": coder}


def _resource(rec: ArticleRecord) -> dict[str, Any]:
    urn = article_urn(rec["hash"])
    url = rec["url"] or ""
    res: dict[str, Any]
    if _IRI.fullmatch(url):
        res = {"id": url, "type": "Text", "canonical": urn}
    else:
        res = {"id": urn, "type": "Text"}
        if url:  # not an IRI JSON-LD would keep as an id: kept as text instead
            res["warta:url"] = url
    res["label"] = rec["title"]
    res["warta:articleId"] = rec["id"]
    return res


def _times(created: str, modified: str) -> dict[str, str]:
    out = {}
    if created:
        out["created"] = created
    if modified:
        out["modified"] = modified
    return out


def _text_body(value: str, purpose: str) -> dict[str, Any]:
    body = {"type": "TextualBody", "purpose": purpose, "value": value}
    if purpose == "commenting":
        body["format"] = "text/plain"
    return body


def annotations(item: Item, exporter: str) -> list[dict[str, Any]]:
    """The annotations of one article."""
    rec, ann = item.record, item.annotation
    resource = _resource(rec)
    out: list[dict[str, Any]] = []
    by_coder: dict[str, list[str]] = {}
    for tag in ann["tags"]:
        for coder in ann["coders"].get(tag) or [exporter]:
            by_coder.setdefault(coder, []).append(tag)
    for coder, tags in sorted(by_coder.items()):
        out.append(
            {
                "id": f"{TAGS_URN}{rec['hash']}:{quote(coder, safe='')}",
                "type": "Annotation",
                "motivation": "tagging",
                "creator": _agent(coder),
                **_times("", ann["updated"]),
                "body": [_text_body(t, "tagging") for t in tags],
                "target": resource,
            }
        )
    if ann["note"].strip():
        out.append(
            {
                "id": ARTICLE_NOTE_URN + rec["hash"],
                "type": "Annotation",
                "motivation": "commenting",
                "creator": _agent(ann["note_coder"] or exporter),
                **_times("", ann["updated"]),
                "body": _text_body(ann["note"], "commenting"),
                "target": resource,
                "warta:review": ann["note_review"],
            }
        )
    for n in item.notes:
        out.append(
            {
                "id": NOTE_URN + n["id"],
                "type": "Annotation",
                "motivation": "commenting",
                "creator": _agent(n["coder"] or exporter),
                **_times(n["created"], n["updated"]),
                "body": _text_body(n["text"], "commenting"),
                "target": resource,
                "warta:review": n["review"],
                "warta:origin": n["origin"],
            }
        )
    out += [_passage(p, resource, exporter) for p in item.passages]
    return out


def _passage(p: Passage, resource: dict[str, Any], exporter: str) -> dict[str, Any]:
    sel = p["selector"]
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": sel["exact"],
            "prefix": sel["prefix"],
            "suffix": sel["suffix"],
        }
    ]
    if 0 <= sel["start"] <= sel["end"]:  # an orphan (no place in the text) has only its quote
        selectors.append({"type": "TextPositionSelector", "start": sel["start"], "end": sel["end"]})
    bodies = [_text_body(t, "tagging") for t in p["tags"]]
    if p["note"].strip():
        bodies.append(_text_body(p["note"], "commenting"))
    anno: dict[str, Any] = {
        "id": PASSAGE_URN + p["id"],
        "type": "Annotation",
        "motivation": "highlighting",
        "creator": _agent(p["coder"] or exporter),
        **_times(p["created"], p["updated"]),
    }
    if bodies:
        anno["body"] = bodies
    anno["target"] = {"type": "SpecificResource", "source": resource, "selector": selectors}
    anno["warta:review"] = p["review"]
    if p["speaker"]:
        anno["warta:speaker"] = p["speaker"]
    return anno


def collection(library: Library, scope: Scope) -> dict[str, Any]:
    """The ``AnnotationCollection`` of ``scope``, its one page embedded."""
    items = [a for it in scope.annotated() for a in annotations(it, scope.coder)]
    codes = [
        {
            "warta:tag": c["name"],
            "warta:colour": c.get("colour", ""),
            "warta:description": c.get("description", ""),
            "warta:created": c.get("created", ""),
        }
        for c in codebook_entries(library, scope)
    ]
    return {
        "@context": CONTEXT,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AnnotationCollection",
        "label": f"Warta annotations: {scope.label}",
        "generator": {"id": "urn:warta:software", "type": "Software", "name": generator()},
        "generated": scope.exported,
        "total": len(items),
        "warta:format": FORMAT,
        "warta:version": VERSION,
        "warta:coder": scope.coder,
        "warta:codebook": codes,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def dumps(library: Library, scope: Scope) -> bytes:
    return orjson.dumps(collection(library, scope), option=orjson.OPT_INDENT_2) + b"\n"


# -- reading ---------------------------------------------------------------------------------


def _many(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _type_is(node: dict[str, Any], name: str) -> bool:
    types = _many(node.get("type", node.get("@type")))
    return any(t in (name, f"oa:{name}", f"http://www.w3.org/ns/oa#{name}") for t in types)


def _purposes(body: dict[str, Any]) -> set[str]:
    out = set()
    for p in _many(body.get("purpose")):
        if isinstance(p, str):
            out.add(p.removeprefix("oa:").removeprefix("http://www.w3.org/ns/oa#"))
    return out


def _coder(creator: Any, fallback: str) -> str:
    for c in _many(creator):
        if isinstance(c, dict):
            name = c.get("name") or c.get("nickname") or c.get("nick")
            if isinstance(name, str) and name:
                return name
            c = c.get("id", "")
        if isinstance(c, str) and c:
            return unquote(c.removeprefix(CODER_URN)) if c.startswith(CODER_URN) else c
    return fallback


def is_w3c(doc: Any) -> bool:
    if isinstance(doc, list):
        return bool(doc) and all(isinstance(a, dict) and _type_is(a, "Annotation") for a in doc)
    return isinstance(doc, dict) and (
        _type_is(doc, "Annotation")
        or any(t in ("AnnotationCollection", "AnnotationPage") for t in _many(doc.get("type")))
    )


def load(doc: Any) -> Bundle:
    """A bundle from a W3C collection, page, annotation or list of annotations.

    Warta's own files round-trip exactly; other tools' annotations (Hypothesis and the like)
    merge too, matched by URL, when they carry a text quote.
    """
    coder = ""
    codes: list[dict[str, Any]] = []
    if isinstance(doc, list):
        annos = doc
    elif _type_is(doc, "Annotation"):
        annos = [doc]
    else:
        coder = str(doc.get("warta:coder") or "")
        version = doc.get("warta:version", VERSION)
        if isinstance(version, int) and version > VERSION:
            raise BundleError(f"this W3C file is of a newer Warta (version {version})")
        page = doc.get("first", doc) if "items" not in doc else doc
        if not isinstance(page, dict) or "items" not in page:
            raise BundleError(
                "the collection's first page is not in the file (Warta reads no URLs)"
            )
        annos = _many(page.get("items"))
        for c in _many(doc.get("warta:codebook")):
            if isinstance(c, dict) and c.get("warta:tag"):
                codes.append(
                    {
                        "name": str(c["warta:tag"]),
                        "colour": str(c.get("warta:colour") or ""),
                        "description": str(c.get("warta:description") or ""),
                        "created": str(c.get("warta:created") or ""),
                    }
                )
    out = Bundle(format="w3c", coder=coder, codes=codes)
    for anno in annos:
        if isinstance(anno, dict) and _type_is(anno, "Annotation"):
            _read(anno, out)
    return out


def _article(target: Any, out: Bundle) -> tuple[str | None, dict[str, Any]]:
    """The article key of a target (registering the article) and its SpecificResource."""
    specific: dict[str, Any] = {}
    resource = target
    if isinstance(target, dict) and "source" in target:
        specific, resource = target, target["source"]
    if isinstance(resource, str):
        resource = {"id": resource}
    if not isinstance(resource, dict):
        return None, specific
    rid = str(resource.get("id") or resource.get("@id") or "")
    canonical = str(resource.get("canonical") or "")
    content_hash = None
    for name in (canonical, rid):
        if name.startswith(ARTICLE_URN):
            content_hash = name[len(ARTICLE_URN) :]
            break
    url = rid if rid and not rid.startswith("urn:") else resource.get("warta:url")
    key = content_hash or url
    if not key:
        return None, specific
    if key not in out.articles:
        out.articles[key] = ArticleRef(
            key=key,
            hash=content_hash,
            url=url or None,
            title=str(resource.get("label") or ""),
            id=resource.get("warta:articleId"),
        )
    return key, specific


def _read(anno: dict[str, Any], out: Bundle) -> None:
    aid = str(anno.get("id") or "")
    coder = _coder(anno.get("creator"), out.coder)
    tags: list[str] = []
    comments: list[str] = []
    for body in _many(anno.get("body")):
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        purposes = _purposes(body)
        if "tagging" in purposes:
            tags.append(body["value"])
        elif "commenting" in purposes or not purposes:
            comments.append(body["value"])
    if isinstance(anno.get("bodyValue"), str):
        comments.append(anno["bodyValue"])
    created, modified = str(anno.get("created") or ""), str(anno.get("modified") or "")
    review = anno.get("warta:review") if anno.get("warta:review") in ("todo", "done") else "todo"
    for target in _many(anno.get("target"))[:1]:
        key, specific = _article(target, out)
        if key is None:
            return
        quote_sel: dict[str, Any] | None = None
        position: dict[str, Any] | None = None
        for sel in _many(specific.get("selector")):
            if isinstance(sel, dict) and _type_is(sel, "TextQuoteSelector"):
                quote_sel = sel
            elif isinstance(sel, dict) and _type_is(sel, "TextPositionSelector"):
                position = sel
        if quote_sel is not None and isinstance(quote_sel.get("exact"), str):
            pid = aid[len(PASSAGE_URN) :] if aid.startswith(PASSAGE_URN) else None
            start, end = _int(position, "start"), _int(position, "end")
            passage = {
                "id": pid or derived_id("p", aid or orjson.dumps(anno).decode()),
                "selector": {
                    "exact": quote_sel["exact"],
                    "prefix": str(quote_sel.get("prefix") or ""),
                    "suffix": str(quote_sel.get("suffix") or ""),
                    "start": start if start is not None and end is not None else -1,
                    "end": end if start is not None and end is not None else -1,
                },
                "tags": tags,
                "note": "\n\n".join(comments),
                "speaker": anno.get("warta:speaker")
                if isinstance(anno.get("warta:speaker"), str)
                else None,
                "coder": coder,
                "created": created or modified,
                "updated": modified or created,
                "review": review,
            }
            out.passages.append(PassageMark(key, passage))
            return
        out.tags += [TagMark(key, t, (coder,), modified) for t in tags]
        for text in comments:
            own = aid.startswith(ARTICLE_NOTE_URN)
            nid = aid[len(NOTE_URN) :] if aid.startswith(NOTE_URN) else None
            origin = anno.get("warta:origin")
            out.notes.append(
                NoteMark(
                    key,
                    text,
                    coder,
                    own,
                    nid,
                    created or modified,
                    modified,
                    review,
                    origin if isinstance(origin, str) else "",
                )
            )


def _int(node: dict[str, Any] | None, key: str) -> int | None:
    if node is None:
        return None
    value = node.get(key)
    if isinstance(value, dict):  # an expanded literal: {"@value": 3, "@type": ...}
        value = value.get("@value")
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        n = int(value)
    except ValueError:
        return None
    return n if n >= 0 else None
