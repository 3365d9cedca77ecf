"""The filter language's parser: tokens to AST, precedence, fields, errors, typing state."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from warta.store.search.parser import parse
from warta.store.search.query import And, Filter, Not, Or, Phrase, Query, Word


def test_empty() -> None:
    q = parse("")
    assert q.root is None and q.errors == () and not q.has_text
    assert q.effective_sort == "-date"


def test_words_are_folded_and_anded() -> None:
    q = parse("Kapolres  JAKARTA")
    assert q.root == And((Word("kapolres"), Word("jakarta")))
    assert q.has_text and q.effective_sort == "relevance"


def test_or_binds_tighter_than_and_and_pipe_is_or() -> None:
    assert parse("hoaks OR hoax polisi").root == And(
        (Or((Word("hoaks"), Word("hoax"))), Word("polisi"))
    )
    assert parse("hoaks | hoax").root == Or((Word("hoaks"), Word("hoax")))
    assert parse("a OR b OR c").root == Or((Word("a"), Word("b"), Word("c")))


def test_parentheses_group() -> None:
    assert parse("(pemilu OR pilkada) (curang | hoaks)").root == And(
        (Or((Word("pemilu"), Word("pilkada"))), Or((Word("curang"), Word("hoaks"))))
    )
    assert parse("-(a OR b)").root == Not(Or((Word("a"), Word("b"))))


def test_and_and_not_keywords() -> None:
    assert parse("pemilu AND NOT jokowi").root == And((Word("pemilu"), Not(Word("jokowi"))))
    assert parse('"pemilu 2019" AND -jokowi').root == And(
        (Phrase(("pemilu", "2019")), Not(Word("jokowi")))
    )


def test_phrases_negated_phrases_and_words_with_punctuation() -> None:
    assert parse('"Berita  HOAKS,"').root == Phrase(("berita", "hoaks"))
    assert parse('-"berita hoaks"').root == Not(Phrase(("berita", "hoaks")))
    assert parse("covid-19").root == Phrase(("covid", "19"))
    assert parse('"hoaks"').root == Word("hoaks", exact=True)  # a one-word phrase is exact


def test_exact_and_prefix_words() -> None:
    assert parse("=polres").root == Word("polres", exact=True)
    assert parse("kapol*").root == Word("kapol", prefix=True)


def test_field_restrictions() -> None:
    assert parse("title:kapolres").root == Word("kapolres", field="title")
    assert parse('body:"berita hoaks"').root == Phrase(("berita", "hoaks"), field="body")
    assert parse("note:cek said:hoaks").root == And(
        (Word("cek", field="note"), Word("hoaks", field="said"))
    )


def test_filters_and_aliases() -> None:
    q = parse('TAG:hoaks Source:kompas person:"Imam Zamroni" org:KPK speaker:iptu place:oku')
    assert q.root == And(
        (
            Filter("tag", "hoaks"),
            Filter("outlet", "kompas"),
            Filter("person", "Imam Zamroni"),
            Filter("org", "KPK"),
            Filter("speaker", "iptu"),
            Filter("place", "oku"),
        )
    )
    assert parse("-tag:done").root == Not(Filter("tag", "done"))
    assert parse("is:unread has:highlight has:passages").root == And(
        (Filter("is", "unread"), Filter("has", "highlight"), Filter("has", "highlight"))
    )


def test_dates_after_is_inclusive_before_is_exclusive() -> None:
    # before:2024-01 means before January 2024 starts.
    assert parse("before:2024-01").root == Filter("before", "2024-01-01")
    assert parse("after:2024-02").root == Filter("after", "2024-02-01")
    assert parse("before:2024").root == Filter("before", "2024-01-01")
    assert parse("since:2020-03-05").root == Filter("after", "2020-03-05")


def test_sort() -> None:
    assert parse("banjir sort:date").sort == "date"
    assert parse("sort:-date").sort == "-date"
    assert parse("sort:outlet banjir").sort == "outlet"
    assert parse("sort:newest").sort == "-date"
    q = parse("sort:size")
    assert q.errors and q.sort is None


def test_errors_drop_the_part_and_keep_the_rest() -> None:
    for bad in ("after:2024-13-01", "before:2024-02-30", "after:yesterday", "is:deleted"):
        q = parse(f"banjir {bad}")
        assert q.errors, bad
        assert q.root == Word("banjir"), bad
    q = parse("banjir )")
    assert q.errors == ("unmatched ')' ignored",) and q.root == Word("banjir")
    q = parse("(banjir")
    assert q.errors and q.root == Word("banjir")
    q = parse("OR banjir")
    assert q.errors and q.root == Word("banjir")
    q = parse("banjir OR")
    assert q.errors and q.root == Word("banjir")


def test_typing_marks_the_last_word_open_and_forgives_what_is_unfinished() -> None:
    assert parse("pol", typing=True).root == Word("pol", open=True)
    assert parse("pol ", typing=True).root == Word("pol")
    assert parse("pol", typing=False).root == Word("pol")
    assert parse("tag:x pol", typing=True).root == And((Filter("tag", "x"), Word("pol", open=True)))
    assert parse('"berita hoa', typing=True).root == Phrase(("berita", "hoa"), open=True)
    q = parse("(hoaks OR", typing=True)
    assert q.errors == () and q.root == Word("hoaks", open=False)
    assert parse("after:20", typing=True).errors == ()
    assert parse("tag:hoa", typing=True).root == Filter("tag", "hoa", open=True)


def test_unknown_field_is_text() -> None:
    q = parse("foo:bar 10:30")
    assert q.root == And((Phrase(("foo", "bar")), Phrase(("10", "30"))))
    assert not q.errors


def test_empty_values_being_typed_are_ignored() -> None:
    q = parse("banjir tag:")
    assert q.root == Word("banjir") and q.errors == ()
    assert parse('person:""').root is None


def test_query_is_hashable() -> None:
    assert hash(parse("a tag:b is:read")) == hash(parse("a tag:b is:read"))


@given(st.text(max_size=60), st.booleans())
def test_never_raises(s: str, typing: bool) -> None:
    assert isinstance(parse(s, typing=typing), Query)


@given(st.text(alphabet='abc:-"()| =*\tORANDisreadtg2024', max_size=40))
def test_never_raises_on_operator_soup(s: str) -> None:
    q = parse(s)
    hash(q)
