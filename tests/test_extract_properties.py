"""Property tests for the extractor: it never raises, and quote offsets always slice the body."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.store.extract import extract

# Text built from the pieces the extractor reacts to, so examples hit the interesting paths
# (marks, ranks, roles, attributions, dates, datelines, furniture) far more often than random text.
PIECES = [
    "“", "”", '"', "‘", "’", "'", ",", ".", " ", "\n", "\n\n", "-", " – ", "(", ")", ":",
    "Kapolsek Kie", " Iptu Sunaryo", " AKBP M. Khalid", "Sekretaris Desa Oenai, Suwandi,",
    " ujarnya", " kata Kapolsek", " mengatakan", " tambah Bhabin", " ujar dia", " said",
    "Rabu, 7 Agustus 2024", "Selasa (10/9/2019)", "Kamis", "Baturaja (ANTARA) - ",
    "KOMPAS.com - ", "BACA JUGA: x", "Related Articles", "id a, b, c", "(ANTARA/Edo)",
    "Pilkada 2024", "Desa Padang Lay", "bersama\"", "Jum’at", "Kami siap menjaga keamanan",
]  # fmt: skip

article_text = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map("".join),
)
optional = st.none() | st.text(max_size=30)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=article_text, title=optional, source=optional, date=optional)
def test_extract_never_raises_and_returns_a_full_record(
    text: str, title: str | None, source: str | None, date: str | None
) -> None:
    out = extract(text, title=title, source=source, date=date)
    assert set(out) == {
        "title", "title_derived", "outlet", "dateline", "date", "people", "organizations",
        "places", "events", "keywords", "captions", "quotes", "body", "junk",
    }  # fmt: skip
    assert isinstance(out["body"], str)
    assert out["date"] is None or len(out["date"]) == 10


@SETTINGS
@given(text=article_text)
def test_quote_offsets_slice_the_body(text: str) -> None:
    out = extract(text)
    body = out["body"]
    last = -1
    for q in out["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(body)
        assert body[q["start"] : q["end"]] == q["text"]
        assert q["start"] > last  # body order, no overlap
        last = q["end"] - 1
        assert 0.0 <= q["score"] <= 1.0
