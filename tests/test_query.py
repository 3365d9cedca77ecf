"""The filter language: every term kind, quoting, negation, and bad input never raising."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from warta.store.search.query import Query, parse_query


def test_empty() -> None:
    q = parse_query("")
    assert q == Query()
    assert not q.has_filters


def test_free_text_only() -> None:
    q = parse_query("kapolres  jakarta")
    assert q.text == "kapolres jakarta"
    assert not q.has_filters
    assert q.errors == ()


def test_every_term_kind() -> None:
    q = parse_query(
        "banjir tag:flood -tag:old outlet:antara place:Bekasi person:Anies org:KPK "
        "after:2024-01-01 before:2024-06-30 is:unread is:starred has:note has:quote "
        'body:hujan "exact phrase" deras'
    )
    assert q.text == "banjir deras"
    assert q.phrases == ("exact phrase",)
    assert q.tags == ("flood",)
    assert q.not_tags == ("old",)
    assert q.outlets == ("antara",)
    assert q.places == ("Bekasi",)
    assert q.people == ("Anies",)
    assert q.orgs == ("KPK",)
    assert q.after == "2024-01-01"
    assert q.before == "2024-06-30"
    assert q.is_flags == {"unread", "starred"}
    assert q.has == {"note", "quote"}
    assert q.body == ("hujan",)
    assert q.errors == ()
    assert q.has_filters


def test_quoted_values() -> None:
    q = parse_query('person:"Imam Zamroni" body:"two words" tag:"long tag" x')
    assert q.people == ("Imam Zamroni",)
    assert q.body == ("two words",)
    assert q.tags == ("long tag",)
    assert q.text == "x"


def test_unterminated_quotes_run_to_the_end() -> None:
    assert parse_query('"banjir di').phrases == ("banjir di",)
    assert parse_query('person:"Imam Zam').people == ("Imam Zam",)


def test_field_names_are_case_insensitive_and_aliased() -> None:
    q = parse_query("TAG:a Source:kompas people:x since:2020 until:2021")
    assert q.tags == ("a",)
    assert q.outlets == ("kompas",)
    assert q.people == ("x",)
    assert q.after == "2020-01-01"
    assert q.before == "2021-12-31"


def test_partial_dates_expand_to_inclusive_bounds() -> None:
    q = parse_query("after:2024 before:2024-02")
    assert q.after == "2024-01-01"
    assert q.before == "2024-02-29"  # leap year: the last day of the month
    q = parse_query("after:2023-02 before:2023")
    assert (q.after, q.before) == ("2023-02-01", "2023-12-31")


def test_repeated_date_bounds_take_the_tightest() -> None:
    q = parse_query("after:2020 after:2022-05 before:2024 before:2023-01-15")
    assert (q.after, q.before) == ("2022-05-01", "2023-01-15")


def test_bad_dates_are_errors_not_exceptions() -> None:
    for bad in ("after:2024-13-01", "before:2024-02-30", "after:yesterday", "before:20240101"):
        q = parse_query(f"banjir {bad}")
        assert q.errors, bad
        assert q.after is None and q.before is None
        assert q.text == "banjir"


def test_unknown_is_and_has_values_are_errors() -> None:
    q = parse_query("is:deleted has:video polisi")
    assert len(q.errors) == 2
    assert q.is_flags == frozenset() and q.has == frozenset()
    assert q.text == "polisi"


def test_negation() -> None:
    q = parse_query("-tag:done -is:read -is:unstarred")
    assert q.not_tags == ("done",)
    assert q.is_flags == {"unread", "starred"}
    q = parse_query("-outlet:kompas")
    assert q.outlets == () and q.errors  # only tag: and is: can be negated
    q = parse_query("-banjir")
    assert q.text == "-banjir"  # a dash on a plain word is just text


def test_unknown_field_is_free_text() -> None:
    q = parse_query("foo:bar https://x.id/a 10:30")
    assert q.text == "foo:bar https://x.id/a 10:30"
    assert not q.has_filters and not q.errors


def test_empty_value_being_typed_is_ignored() -> None:
    q = parse_query("banjir tag:")
    assert q.tags == () and q.errors == () and q.text == "banjir"
    assert parse_query('person:""').people == ()


def test_text_open_marks_a_word_still_being_typed() -> None:
    assert parse_query("pol").text_open
    assert not parse_query("pol ").text_open
    assert not parse_query("pol tag:x").text_open
    assert parse_query("tag:x pol").text_open
    assert not parse_query("pol,").text_open
    assert not parse_query('"pol"').text_open


def test_query_is_hashable() -> None:
    assert hash(parse_query("a tag:b is:read")) == hash(parse_query("a  tag:b is:read"))


@given(st.text(max_size=60))
def test_never_raises(s: str) -> None:
    q = parse_query(s)
    assert isinstance(q, Query)


@given(st.text(alphabet='abc:-" \tisreadtg2024', max_size=40))
def test_never_raises_on_term_like_input(s: str) -> None:
    parse_query(s)
