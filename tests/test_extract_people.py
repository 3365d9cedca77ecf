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


def test_given_name_in_lower_case_after_a_rank() -> None:
    text = (
        "Kapolsek Way Serdang, Iptu heri Ramanda, menjelaskan sambang itu rutin. "
        '"Kami ingin warga aman," ujarnya.'
    )
    assert names(text) == ["Heri Ramanda"]
    assert speakers(text) == ["Heri Ramanda"]
    assert names("Personel Iptu bersama Babinsa berjaga di TPS.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Paslon nomor urut 1 Agung Setiawan-Ambar Purwanti unggul di Kulon Progo.",
            ["Agung Setiawan", "Ambar Purwanti"],
        ),
        (
            "Kampanye pasangan calon nomor urut 2, Nurhayati dan Suyatno, berjalan aman.",
            ["Nurhayati", "Suyatno"],
        ),
    ],
)
def test_candidate_pairs_joined_by_a_dash_or_dan(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_sentence_opening_with_a_name_and_its_office() -> None:
    text = (
        "Rahmansyah, Kepala SDM KPU Sulsel menyampaikan bahwa sinergi penting.\n\n"
        '"Gesekan antar pendukung sering terjadi," ungkapnya.'
    )
    assert speakers(text) == ["Rahmansyah"]
    text = 'I Made Wirata, Bendesa Adat Kuta, mengatakan warga tenang. "Aman," kata Wirata.'
    assert names(text) == ["I Made Wirata"]
    text = "Lebih Jauh, Kapolres Sukamaju AKBP Budi Santoso mengatakan warga tenang."
    assert names(text) == ["Budi Santoso"]
    text = "Terpisah, Camat Putri Hijau Sutrisno menjelaskan pihaknya sudah tahu."
    assert "Terpisah" not in names(text)


def test_spelling_variants_of_one_person_are_one_person() -> None:
    text = (
        "Kapolres AKBP Herzoni Saragih memimpin apel.\n\n"
        '"Kami siap," kata Herizon. Kapolsek Kompol Arwan hadir. “Hoaks,” tegas Anwar.\n\n'
        '"Aman," ucap Fredi. Kasat Reskrim AKP Fredy Yudha menambahkan.'
    )
    assert sorted(names(text)) == ["Arwan", "Fredy Yudha", "Herzoni Saragih"]


def test_a_nickname_and_an_alias_are_not_other_people() -> None:
    text = (
        '"Jaringan sudah pulih," ujar Danny - - sapaan akrab Ramdhan Pomanto di Makassar.\n\n'
        "Polisi menangkap M Hendra alias Indra Jepang. Tersangka Indra Jepang diperiksa.\n\n"
        "Seorang pengemudi berinisial AL alias Becak (23) ditangkap."
    )
    assert sorted(names(text)) == ["M Hendra", "Ramdhan Pomanto"]
    assert speakers(text) == ["Ramdhan Pomanto"]


def test_lone_names_with_a_persons_apposition() -> None:
    text = (
        "Kejaksaan juga menahan Arisandi, selaku bendahara dan Yulianto selaku sekretaris. "
        "Operasi berhasil setelah Ironi, salah satu anggota tim, melapor."
    )
    assert names(text) == ["Arisandi", "Yulianto", "Ironi"]
    assert names("Warga Sukamaju, salah satu desa binaan, menyambut polisi.") == []


def test_parenthesised_unit_ends_the_role_before_the_name() -> None:
    text = "Ketua Umum Majelis Ulama Indonesia (Ketum MUI) Maruf Amin meminta warga tenang."
    assert names(text) == ["Maruf Amin"]
    text = "Kapolda Papua Rudolf Alberth Rodja hadir. Alberth meminta warga tenang."
    assert names(text) == ["Rudolf Alberth Rodja"]


def test_saran_attributes_and_a_capitalised_verb_after_the_full_stop() -> None:
    base = (
        "Kapolsek Mekarsari Iptu Dadang Rusdiana turut hadir bersama warga. Kapolres Sukamaju "
        "AKBP Budi Santoso mengatakan apel ini penting.\n\n"
    )
    assert speakers(base + '"Jangan mudah percaya hoaks," saran Dadang.') == ["Dadang Rusdiana"]
    assert speakers(base + '"Jangan mudah percaya hoaks". Ungkap Dadang.') == ["Dadang Rusdiana"]
    assert speakers(base + '"Jangan percaya hoaks," ujarnya.') == ["Budi Santoso"]


def test_place_chain_before_the_speaker_name() -> None:
    text = (
        '"Kami siap menjaga kondusivitas," kata Ketua Pemuda Pancasila Cabang Sukamaju, '
        "Mekarsari, Ahmad Fauzi."
    )
    assert speakers(text) == ["Ahmad Fauzi"]
    assert names(text) == ["Ahmad Fauzi"]


def test_two_speakers_joined_by_dan_give_the_first() -> None:
    text = (
        '"Kami bersinergi menjaga keamanan," kata Kapolres Sukamaju AKBP Budi Santoso dan '
        "Dandim 0601 Letkol Inf Hendra Wijaya."
    )
    assert speakers(text) == ["Budi Santoso"]
    assert names(text) == ["Budi Santoso", "Hendra Wijaya"]


def test_jenderal_is_a_rank_only_after_the_office_that_carries_it() -> None:
    assert names("Kapolri Jenderal Hendra Wijaya Saputra membuka apel.") == [
        "Hendra Wijaya Saputra"
    ]
    text = "Direktorat Jenderal Pajak dan Sekretaris Jenderal DPP Partai Sukamaju hadir."
    assert names(text) == []


def test_name_with_its_initials_after_a_deed_is_a_person_a_term_expansion_is_not() -> None:
    text = (
        "Polisi menangkap terduga pencuri, Muhammad Al Azhar (MA) alias Zoya, di pasar. "
        "Warga Penerima Bantuan Iuran (PBI) mendapat bantuan iuran dari pemerintah."
    )
    assert names(text) == ["Muhammad Al Azhar"]


def test_nickname_after_the_full_name_is_the_same_person() -> None:
    text = (
        "Kapolresta Sukamaju, Kombes Pol Budi Hermawan, mengingatkan jajarannya.\n\n"
        "Kombes BuHer sapaan akrabnya, mengajak warga tidak golput.\n\n"
        '"Partisipasi warga sangat penting," kata BuHer, Minggu (22/9/2024).'
    )
    assert names(text) == ["Budi Hermawan"]
    assert speakers(text) == ["Budi Hermawan"]


def test_a_short_name_at_a_sentence_end_stops_at_its_full_stop() -> None:
    text = (
        "Seorang pedagang bernama Ani. Perempuan itu bertanya kepada Kapolsek AKP Dadang Hermawan."
    )
    assert "Ani" in names(text)
    assert not any(n.startswith("Ani ") for n in names(text))
    assert "Moh. Rizal" in names("Kapolsek AKP Moh. Rizal memimpin apel pagi.")


def test_a_name_in_capitals_ends_where_the_capitals_end() -> None:
    text = "Hadir dalam apel itu AKBP BUDI SANTOSO Kabagops Polres Sukamaju dan AKP Rina Marlina."
    found = names(text)
    assert "Budi Santoso" in found or "BUDI SANTOSO" in found
    assert not any("Kabagops" in n for n in found)


def test_offices_listed_after_commas_are_not_people() -> None:
    text = (
        "Kapolres Sukamaju didampingi Kabag Ops, Kasat Reskrim, Ka SPK dan Kasi Humas, serta "
        "Camat, Danramil, Kepala Desa, MUI, tokoh agama dan tokoh pemuda."
    )
    assert names(text) == []


def test_a_surname_used_after_tandas_marks_where_a_name_starts() -> None:
    text = (
        "“Jangan terima uang dari siapa pun,” jelas Anggota Bawaslu Rina Dewi Lestari.\n\n"
        "“Laporkan bila ada,” tandas Rina."
    )
    assert "Rina Dewi Lestari" in names(text)


def test_a_name_after_bapak_or_ibu_is_a_person_but_ibu_kota_is_not() -> None:
    text = (
        "Bapak Darmo Susilo dalam kesempatan itu menyampaikan terima kasih. Ibu Kota "
        "Nusantara disebut pula. Bapak Kapolsek mendengarkan. Posyandu Ibu Hamil dan Balita "
        "dibuka."
    )
    assert names(text) == ["Darmo Susilo"]


def test_a_short_form_of_a_place_head_ends_a_role_phrase() -> None:
    text = "Hadir Lurah Mekarsari, Ketua LPM Kel Mekarsari, Ketua RT dan RW, serta warga."
    assert names(text) == []


def test_a_role_pointed_back_at_with_tersebut_is_the_person_just_named() -> None:
    text = (
        "“Situasi aman,” kata Kasi Humas Polres Sukamaju, AKP Rina Marlina.\n\n"
        "“Patroli berjalan sampai pagi,” ujar juru bicara Polres Sukamaju tersebut."
    )
    assert speakers(text) == ["Rina Marlina", "Rina Marlina"]


def test_ranks_written_as_one_word_or_as_old_initials() -> None:
    text = "Hadir Dir Binmas KBP. Amran S.I.K, dan Kapolres Kombespol Rudi Hartono, S.H."
    ranked = {n: r for n, r, _ in people(text)}
    assert ranked["Amran"] == "KBP."
    assert ranked["Rudi Hartono"] == "Kombespol"


def test_a_lower_case_role_in_a_list_heads_a_name() -> None:
    text = (
        "Turut hadir Kapolsek AKP Dadang Hermawan, camat Sukamaju Budi Santoso, ketua RW "
        "Asep Sunarya, serta warga."
    )
    found = names(text)
    assert "Budi Santoso" in found
    assert "Asep Sunarya" in found


def test_a_role_pointed_back_at_with_nobody_named_before_stays_the_role() -> None:
    text = (
        "Ia mengimbau warga menjaga keamanan.\n\n"
        "“Jaga persatuan,” kata mantan Kapolres Sukamaju itu."
    )
    assert speakers(text) == ["Kapolres"]
