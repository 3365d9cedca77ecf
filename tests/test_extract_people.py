"""People and speakers on scraped-page text: ranks written with a full stop, glued initials and
degrees, roles written in lower case, roles nobody holds yet, pairs and lists of candidates,
words that are never names. Each case is a made-up sentence of the kind."""

from __future__ import annotations

import pytest

from warta.store.extract import extract


def people(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p["name"], p["rank"], p["role"]) for p in extract(text)["people"]]


def names(text: str) -> list[str]:
    return [p["name"] for p in extract(text)["people"]]


def speakers(text: str) -> list[str | None]:
    return [q["speaker"] for q in extract(text)["quotes"]]


@pytest.mark.parametrize(
    ("text", "name", "rank"),
    [
        ("Kapolres Sukamaju, AKBP. Dedi Kurniawan, S.Ik., M.Si hadir.", "Dedi Kurniawan", "AKBP."),
        ("Kapolsek Sukamaju AKP.Nurhadi Santoso SH, kepada wartawan.", "Nurhadi Santoso", "AKP."),
        ("Kapolda Irjen. Pol. Yudi Pranata, S.I.K., memimpin apel.", "Yudi Pranata", "Irjen. Pol."),
        ("Kabid Humas Kombes Pol.Satria Wibawa meminta warga tenang.", "Satria Wibawa", None),
        ("Kapolri Jenderal Hendra Wijaya Saputra hadir di Bandung.", "Hendra Wijaya Saputra", None),
    ],
)
def test_rank_with_full_stop_or_without_space(text: str, name: str, rank: str | None) -> None:
    found = {n: r for n, r, _ in people(text)}
    assert name in found
    if rank:
        assert found[name] == rank


def test_degrees_glued_after_a_name_are_not_initials() -> None:
    text = "Kapolres AKBP Dedi Kurniawan S.I.K., M.H., melalui Kasihumas IPDA Sutrisno S.E., M.H."
    assert names(text) == ["Dedi Kurniawan", "Sutrisno"]


def test_glued_initials_inside_a_name_are_kept() -> None:
    assert "Ihsan M.T Sitompul" in names("Kapolsek Kompol Ihsan M.T Sitompul mengatakan hal itu.")
    assert "Dedi H." in names("Kapolsek IPTU Dedi H., S.I.K., hadir.")


def test_pol_and_sentence_words_are_never_names() -> None:
    text = (
        "Kasatgas Kombes Pol Andi Saputra memimpin apel. Kombes Pol Andi menjelaskan tugasnya.\n\n"
        "Lanjut Kapolsek, Secara umum situasi aman. Deklarasi damai digelar oleh Tiga Pilar."
    )
    assert names(text) == ["Andi Saputra"]


def test_role_in_lower_case_after_the_verb_names_its_holder() -> None:
    text = (
        "Kapolsek Bangkinang Kompol Ihsan Sitompul mengatakan warga tetap tenang.\n\n"
        '"Situasi aman dan kondusif," ujar kapolsek Bangkinang.'
    )
    assert speakers(text) == ["Ihsan Sitompul"]
    assert names(text) == ["Ihsan Sitompul"]


def test_role_nobody_holds_yet_is_the_speaker_by_its_role() -> None:
    text = (
        "Polsek Teluk menggelar Pojok Pilkada di kantor kelurahan.\n\n"
        '"Kami menemui warga untuk berdiskusi langsung," ucap Kapolsek.\n\n'
        "Hadir dalam kegiatan itu Kapolsek Teluk, Iptu Rinaldi, dan anggota."
    )
    assert speakers(text) == ["Kapolsek"]
    assert names(text) == ["Rinaldi"]


def test_berdasarkan_keterangan_moves_the_focus_to_the_new_speaker() -> None:
    text = (
        'Kadiv Humas Irjen Sandi Wibowo menegaskan pengamanan siap. "Semua siap," ujar Sandi.\n\n'
        "Berdasarkan keterangan Karo Penmas Brigjen Trunoyudo Andiko, ada 195.819 personel.\n\n"
        '"Kotak suara keliling ada 1.455," jelasnya.'
    )
    assert speakers(text) == ["Sandi Wibowo", "Trunoyudo Andiko"]


def test_name_after_a_body_that_stands_alone_is_a_person_not_a_place() -> None:
    text = (
        "Ketua Bawaslu Rahmat Hidayat mengungkapkan ada pelanggaran netralitas ASN.\n\n"
        '"Ada 65 putusan," ujar Hidayat.'
    )
    assert names(text) == ["Rahmat Hidayat"]
    assert speakers(text) == ["Rahmat Hidayat"]
    assert "Ketua KPU" in [r for _, _, r in people("Ketua KPU Hasyim Ramli mengatakan hal itu.")]


def test_task_force_roles_are_roles_not_names() -> None:
    text = (
        '"Kami intensif menyambangi warga," kata Kasubsatgas Sosialisasi OMP Polda Sulteng '
        "AKP Mohamad Amin di Palu."
    )
    assert speakers(text) == ["Mohamad Amin"]
    assert names(text) == ["Mohamad Amin"]
