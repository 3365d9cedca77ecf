"""Outlets: one display form per outlet, and the dateline and credit forms that name one."""

from __future__ import annotations

import pytest

from warta.store.extract import extract
from warta.store.extract.outlets import canonical_outlet, outlet_key


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


def test_extractor_reports_the_display_form() -> None:
    out = extract("Baturaja (ANTARA News) - Polisi berpatroli di Baturaja, Rabu (7/8/2024).")
    assert out["outlet"] == "ANTARA"
