"""Robust anchors, as properties: a passage re-anchors to the same words after random edits
elsewhere in the text, and is orphaned, never misplaced, once its own words are gone."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.store.annotate.anchor import anchor, describe

VOCAB = (
    "polisi",
    "warga",
    "pemilu",
    "damai",
    "hoaks",
    "kapolres",
    "bhabinkamtibmas",
    "desa",
    "sambang",
    "imbauan",
    "tidak",
    "mudah",
    "terprovokasi",
    "berita",
    "media",
    "sosial",
    "keamanan",
    "ketertiban",
    "masyarakat",
    "kegiatan",
    "patroli",
    "kecamatan",
    "kabupaten",
    "menjelang",
    "pelaksanaan",
    "tahapan",
    "pesta",
    "demokrasi",
    "suara",
    "kampanye",
)
PASSAGE_VOCAB = (
    "menyampaikan",
    "terkait",
    "gangguan",
    "kamtibmas",
    "rutin",
    "binaan",
    "dialogis",
    "perpecahan",
    "kondusif",
    "mendukung",
)
"""Words only passages use, so "its own words are gone" is well defined: deleting the passage
leaves none of them (an article's passage is not a copy of the sentences around it)."""
MARK = "zamroniq"
"""A word that occurs only inside the passage."""


def fold(s: str) -> str:
    return " ".join(s.split())


@st.composite
def article_with_passage(draw, words=PASSAGE_VOCAB):  # type: ignore[no-untyped-def]
    before = draw(st.lists(st.sampled_from(VOCAB), min_size=5, max_size=60))
    passage = draw(st.lists(st.sampled_from(words), min_size=3, max_size=12))
    passage.insert(draw(st.integers(0, len(passage))), MARK)
    after = draw(st.lists(st.sampled_from(VOCAB), min_size=5, max_size=60))
    return before, passage, after


edit_kinds = st.sampled_from(["insert", "delete", "replace", "space", "paragraph"])


def _edit(words: list[str], ops: list[tuple[str, int, str]]) -> list[str]:
    out = list(words)
    for kind, at, word in ops:
        if not out and kind != "insert":
            continue
        i = at % (len(out) + 1 if kind == "insert" else len(out))
        if kind == "insert":
            out.insert(i, word)
        elif kind == "delete":
            del out[i]
        elif kind == "replace":
            out[i] = word
        elif kind == "space":
            out[i] = out[i] + " "  # a doubled space
        else:
            out[i] = out[i] + "\n\n"  # a new paragraph
    return out


ops_strategy = st.lists(
    st.tuples(edit_kinds, st.integers(0, 10_000), st.sampled_from(VOCAB)), max_size=12
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_with_passage(VOCAB + PASSAGE_VOCAB), ops_strategy, ops_strategy)
def test_a_passage_reanchors_to_its_words_after_edits_elsewhere(case, ops_before, ops_after):
    before, passage, after = case
    text = " ".join(before + passage + after)
    start = len(" ".join(before)) + 1
    end = start + len(" ".join(passage))
    sel = describe(text, start, end)
    assert fold(text[start:end]) == fold(" ".join(passage))

    edited = " ".join(_edit(before, ops_before) + passage + _edit(after, ops_after))
    placed = anchor(edited, sel)
    assert placed is not None
    assert fold(edited[placed.start : placed.end]) == fold(sel["exact"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_with_passage(), ops_strategy, ops_strategy, st.booleans())
def test_a_passage_whose_words_are_gone_is_orphaned_never_misplaced(
    case, ops_before, ops_after, keep_some
):
    before, passage, after = case
    text = " ".join(before + passage + after)
    start = len(" ".join(before)) + 1
    sel = describe(text, start, start + len(" ".join(passage)))

    # The passage's words are deleted (or all but a stray one or two of them survive).
    left = [w for w in passage if w != MARK][:2] if keep_some else []
    edited = " ".join(_edit(before, ops_before) + left + _edit(after, ops_after))
    assert anchor(edited, sel) is None


@given(article_with_passage())
def test_a_passage_with_its_words_lightly_edited_still_anchors_in_its_context(case):
    before, passage, after = case
    if len(passage) < 6:
        passage = [*passage, "keamanan", "ketertiban", "masyarakat"]
    text = " ".join(before + passage + after)
    start = len(" ".join(before)) + 1
    sel = describe(text, start, start + len(" ".join(passage)))
    # A cleaner that doubles a space in the passage and drops a letter of one of its words.
    words = list(passage)
    k = next(i for i, w in enumerate(words) if w != MARK)
    words[k] = words[k][:-1]
    changed = " ".join(words).replace(" ", "  ", 1)
    edited = " ".join(before) + " " + changed + " " + " ".join(after)
    placed = anchor(edited, sel)
    assert placed is not None
    got = fold(edited[placed.start : placed.end])
    assert MARK in got
    assert abs(len(got) - len(fold(changed))) <= len(max(VOCAB, key=len)) + 1
