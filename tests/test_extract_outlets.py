"""Outlets: one display form per outlet, and the dateline and credit forms that name one."""

from __future__ import annotations

import pytest

from warta.store.extract import extract
from warta.store.outlets import canonical_outlet, outlet_key


@pytest.mark.parametrize(
    ("spellings", "display"),
    [
        (["ANTARA", "ANTARA News", "antaranews.com", "Antaranews", "(ANTARA)"], "ANTARA"),
        (["KOMPAS.com", "Kompas.com", "kompas", "https://www.kompas.com/"], "Kompas.com"),
        (["TEMPO.CO", "tempo.co", "Tempo"], "Tempo.co"),
        (["detikcom", "detik.com", "detikNews"], "detikcom"),
        (["poskotanews", "Pos Kota", "poskota.co.id"], "Pos Kota"),
    ],
)
def test_known_outlet_spellings_share_one_key_and_one_display_form(
    spellings: list[str], display: str
) -> None:
    assert {outlet_key(s.strip("()")) for s in spellings} == {outlet_key(display)}
    assert {canonical_outlet(s.strip("()")) for s in spellings} == {display}


def test_regional_site_keeps_its_written_name_and_groups_its_spellings() -> None:
    assert canonical_outlet("http://Tribratanewssumbabarat.com") == "Tribratanewssumbabarat.com"
    assert canonical_outlet("RIAULINK.COM") == "RIAULINK.COM"
    assert outlet_key("RIAULINK.COM") == outlet_key("Riaulink.com") == outlet_key("riaulink")
    assert outlet_key("Nuansa Terkini") == outlet_key("nuansaterkini.com")
    assert outlet_key("tribratanews.polri.go.id") != outlet_key("tribratanews.lampung.polri.go.id")


@pytest.mark.parametrize("raw", ["ANTARA News", "KOMPAS.com", "www.Riaulink.com.", "Radar Tribun"])
def test_canonical_form_is_idempotent(raw: str) -> None:
    once = canonical_outlet(raw)
    assert canonical_outlet(once) == once
    assert outlet_key(once) == outlet_key(raw)


def test_no_outlet_stays_none() -> None:
    assert canonical_outlet(None) is None
    assert canonical_outlet(" - ") is None
    assert outlet_key(None) == outlet_key("") == ""


def test_the_record_keeps_the_outlet_as_written_and_the_screen_shows_one_form() -> None:
    from warta.store.search.outlets import display_name

    out = extract("Baturaja (ANTARA News) - Polisi berpatroli di Baturaja, Rabu (7/8/2024).")
    assert out["outlet"] == "ANTARA News"
    assert display_name(out["outlet"]) == display_name("antaranews.com") == "ANTARA"
    assert display_name("KOMPAS.com") == display_name("kompas") == "Kompas.com"


REST = "Polsek Sukamaju menggelar patroli dialogis di Desa Mekarsari, Senin (4/11/2024)."


@pytest.mark.parametrize(
    ("dateline", "outlet", "place"),
    [
        ("JAKARTA, GemaRakyat - ", "GemaRakyat", "JAKARTA"),
        ("KABARWARGA, JAKARTA -- ", "KABARWARGA", "JAKARTA"),
        ("Sukamaju,Radar Priangan– ", "Radar Priangan", "Sukamaju"),
        ("Warta Priangan Sukamaju, - ", "Warta Priangan", "Sukamaju"),
        ("SUKAMAJU – Priangannews.id || ", "Priangannews.id", "SUKAMAJU"),
        ("priangannews.id SUKAMAJU - ", "priangannews.id", "SUKAMAJU"),
        ("Priangannews.com|Sukamaju - ", "Priangannews.com", "Sukamaju"),
        ("Priangannews.id Sukamaju|| ", "Priangannews.id", "Sukamaju"),
        ("http://Priangannews.com – ", "Priangannews.com", None),
        ("tribratanews.sukamaju.polri.go.id.  Sukamaju, 4 November 2024 – ", None, "Sukamaju"),
        ("PRIANGANTIMES - ", "PRIANGANTIMES", None),
        ("Sukamaju (PN) - ", "PN", "Sukamaju"),
        # A press word leading a name in capitals, without a place.
        ("PORTAL PRIANGAN - ", "PORTAL PRIANGAN", None),
        ("KORESPONDEN SUKAMAJU – ", "KORESPONDEN SUKAMAJU", None),
        # A domain, a comma and a run of dashes; a unit site's CamelCase name and a comma.
        ("humaspolressukamaju.com, ---", "humaspolressukamaju.com", None),
        ("PolresSukamajuKota, ", "PolresSukamajuKota", None),
    ],
)
def test_dateline_forms_name_the_outlet(dateline: str, outlet: str | None, place: str) -> None:
    out = extract(dateline + REST)
    if outlet is None:  # a domain dateline before a place-and-date one
        assert out["outlet"] == "tribratanews.sukamaju.polri.go.id"
        assert out["date"] == "2024-11-04"
    else:
        assert out["outlet"] == outlet
    assert out["dateline"] == place


@pytest.mark.parametrize(
    "dateline", ["SEKADAU, KALBAR – ", "Sukamaju, Jawa Barat - ", "METRO SUKAMAJU - ", "McKenzie, "]
)
def test_two_places_name_no_outlet(dateline: str) -> None:
    assert extract(dateline + REST)["outlet"] is None


def test_credit_glued_inside_the_first_paragraph() -> None:
    text = "Polisi siaga di TPS, menyiapkan situasi kondusifJakarta (ANTARA) – " + REST
    assert extract(text)["outlet"] == "ANTARA"


def test_dateline_after_the_page_header_still_names_the_outlet() -> None:
    text = "\n\n".join(
        [
            "Polsek Sukamaju Gelar Patroli Dialogis Jelang Pilkada",
            "Reporter",
            "Rina Marlina",
            "Minggu, 3 November 2024 16:30 WIB",
            "SUKAMAJUNEWS.COM, Sukamaju - " + REST,
        ]
    )
    assert extract(text)["outlet"] == "SUKAMAJUNEWS.COM"


def test_outlet_in_a_header_timestamp_line_when_no_dateline_names_one() -> None:
    text = "\n\n".join(
        ["Warta Priangan • 5 January 2024 20:10", "Sukamaju: " + REST, '"Aman," kata Dadang.']
    )
    assert extract(text)["outlet"] == "Warta Priangan"


def test_outlet_in_a_caption_credit_after_a_slash() -> None:
    text = "\n\n".join(
        ["Ketua Bawaslu Rahmat Hidayat/RMOL", "Bawaslu", "Bawaslu Minta ASN Netral di Pilkada",
         "Bawaslu meminta ASN netral selama Pilkada 2024, kata Hidayat."]
    )  # fmt: skip
    out = extract(text)
    assert out["outlet"] == "RMOL"
    assert "Ketua Bawaslu Rahmat Hidayat/RMOL" in out["captions"]


def test_outlet_in_a_credit_line_that_names_a_site() -> None:
    text = "\n\n".join(
        ["Ilustrasi Priangankini.id.", "Polisi Minta Warga Tak Sebar Hoaks", "Sukamaju: " + REST]
    )
    assert extract(text)["outlet"] == "Priangankini.id"
