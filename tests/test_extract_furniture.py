"""Page furniture by kind of line: each test is a small made-up page of the scraped genre with
one kind of furniture, checked out of the body while every sentence of the article stays."""

from __future__ import annotations

import pytest

from warta.store.extract import extract
from warta.store.extract.furniture import is_junk_line, is_tag_list

HEADLINE = "Polsek Sukamaju Gelar Patroli Dialogis Jelang Pilkada 2024"
LEAD = (
    "SUKAMAJU – Personel Polsek Sukamaju menggelar patroli dialogis di Desa Mekarsari, "
    "Kecamatan Sukamaju, Senin (4/11/2024) malam."
)
QUOTE = '"Kami ingin warga merasa aman menjelang hari pemungutan suara," ujar Iptu Dadang Rusdiana.'
CLOSING = "Kegiatan patroli berlangsung aman dan tertib hingga pukul 23.00 WIB."


def page(*lines: str) -> str:
    return "\n\n".join(lines)


def body_of(*lines: str) -> str:
    return extract(page(*lines))["body"]


def assert_article_kept(body: str) -> None:
    for sentence in (LEAD, QUOTE, CLOSING):
        assert sentence in body


@pytest.mark.parametrize(
    "line",
    [
        "facebook twitter whatsapp telegram line copy",
        "facebook icon twitter icon whatsapp icon telegram icon line icon copy",
        "URL berhasil dicopy",
        "Link copied!",
        "Sebarkan artikel ini",
        "Share this post",
        "SCROLL TO RESUME CONTENT",
        "Scroll untuk melanjutkan membaca",
        "0 Views",
        "Dilihat",
        "138",
        "2 menit lalu",
        "Baca: Warga Diminta Waspadai Hoaks Pilkada",
        "More Stories",
        "Berita Terkait",
        "Pos terkait",
        "HOME NEWS NUSANTARA",
        "Home » Berita » Polsek Sukamaju Gelar Patroli",
        "in Hukum",
        "Categories: POLRI",
        "Cropped Favicon Bi 1.png",
        "IMG 20241104 WA0012 3",
        "IMG-20241104-WA0012-1-768x512",
        "image_print",
        "banner 300x250",
        "Iklan Header Detail",
        "- Reporter : Rina Marlina",
        "Redaktur & Reporter : Budi Santosa",
        "adminsukamaju",
        "(REL)",
        "(Humas Polres Sukamaju)",
        "Humas Polres Sukamaju*",
        "Red/sukamajunews.com",
        "Post a Comment",
        "Isi komentar sepenuhnya adalah tanggung jawab pengguna.",
        "*** Untuk mengetahui berita lainnya ikuti kanal kami",
        "Baca berita tanpa iklan. Gabung Sukamaju.com+",
        "Lebih baru Lebih lama",
        "Solidkan Dukungan, Relawan Muda Siap...",
        # Comment-box and notification prompts, a byline without its colon, a pagination
        # label, an icon font's name, related headlines a scraper ran into one line.
        "Log in to post a reply",
        "Comments on this story",
        "Diskusi tentang berita ini",
        "Apa pendapat kamu tentang berita ini?",
        "Dapatkan kabar terkini dari redaksi, aktifkan notifikasi di peramban Anda",
        "Editor RINA MARLINA",
        "Halaman:",
        "arrow-right",
        "Warga Sukamaju Gelar Kerja Bakti Jelang Pilkada Bupati Resmikan Jembatan Desa Mekarsari "
        "Polsek Sukamaju Tangkap Pencuri Motor Dua Pelajar Juara Lomba Pidato Tingkat Provinsi",
    ],
)
def test_line_kinds_are_furniture(line: str) -> None:
    assert is_junk_line(line)
    assert_article_kept(body_of(HEADLINE, line, LEAD, QUOTE, CLOSING))
    assert line not in body_of(HEADLINE, LEAD, QUOTE, line, CLOSING).split("\n\n")


@pytest.mark.parametrize(
    "line",
    [
        LEAD,
        QUOTE,
        CLOSING,
        "In Jakarta, police said the patrol would continue.",
        "Hadir dalam kegiatan itu Kapolsek, Danramil, Camat, Kades dan Bhabinkamtibmas.",
        "Total ada 138 personel yang diterjunkan.",
        "Polri mengerahkan 1.148 personel untuk mengamankan 6.650 TPS di Depok.",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    assert not is_junk_line(line)


def test_tag_line_of_names_is_furniture_and_its_people_are_not_listed() -> None:
    tags = (
        "Polda Sukamaju, Kapolda Sukamaju, Irjen Pol Hendra Wijaya, Jawa Barat, AKBP Rudi Hartono"
    )
    assert is_tag_list(tags)
    out = extract(page(HEADLINE, LEAD, QUOTE, CLOSING, tags))
    assert tags not in out["body"]
    assert "Rudi Hartono" not in [p["name"] for p in out["people"]]
    assert not is_tag_list("Hadir Kapolsek, Danramil, Camat, dan Kades.")


def test_related_block_under_a_label_is_removed_until_the_article_resumes() -> None:
    body = body_of(
        HEADLINE,
        LEAD,
        "Berita Terkait",
        "Kapolres Sukamaju Pimpin Apel Siaga Pengamanan TPS",
        "Kamis, 12 Desember 2024 4:33",
        "Bhabinkamtibmas hadiri peresmian gedung Kantor Desa Mekarsari Serta Syukuran",
        "Rabu, 11 Desem",
        QUOTE,
        CLOSING,
    )
    assert_article_kept(body)
    assert "Apel Siaga" not in body and "peresmian" not in body and "Desem" not in body


def test_related_block_stops_at_a_sentence_of_the_article() -> None:
    body = body_of(
        HEADLINE,
        LEAD,
        "Baca Lainnya :",
        "- Polsek Sukamaju Bagikan Takjil Gratis Untuk Warga0",
        "Kegiatan ini juga dihadiri tokoh masyarakat, Bapak Misno, forum RT/RW dan pemuda",
        QUOTE,
        CLOSING,
    )
    assert "Kegiatan ini juga dihadiri tokoh masyarakat" in body
    assert "Takjil" not in body


def test_menu_label_above_the_headline_does_not_eat_the_headline() -> None:
    out = extract(page("Terkini", "Indeks Berita", HEADLINE, LEAD, QUOTE, CLOSING))
    assert out["title"] == HEADLINE
    assert_article_kept(out["body"])


def test_long_menu_of_short_lines_before_the_headline() -> None:
    menu = ["Home", "Nasional", "Daerah", "Politik", "Hukum", "Olahraga", "Opini", "Video"]
    out = extract(page(*menu, HEADLINE, LEAD, QUOTE, CLOSING))
    assert out["title"] == HEADLINE
    assert not any(m in out["body"].split("\n\n") for m in menu)
    assert_article_kept(out["body"])


def test_bulleted_related_headlines_anywhere_are_removed() -> None:
    links = [
        "- Warga Sukamaju Diminta Tak Terprovokasi Isu SARA",
        "- Jelang Pencoblosan, Polres Perketat Patroli Malam!",
        "- KPU Sukamaju Gelar Simulasi Pemungutan Suara",
    ]
    body = body_of(HEADLINE, LEAD, *links, QUOTE, CLOSING)
    assert_article_kept(body)
    assert not any(link in body for link in links)


def test_ad_label_takes_the_ad_text_under_it() -> None:
    body = body_of(HEADLINE, LEAD, "ADVERTISEMENTS", "Tabungan Haji Bank Sukamaju", QUOTE, CLOSING)
    assert_article_kept(body)
    assert "Tabungan Haji" not in body


def test_bare_byline_label_takes_the_name_under_it() -> None:
    out = extract(
        page(HEADLINE, "Reporter", "Rina Marlina", "Editor", "Dodi Prasetya", LEAD, QUOTE)
    )
    assert "Rina Marlina" not in out["body"] and "Dodi Prasetya" not in out["body"]
    assert LEAD in out["body"]


def test_author_lines_and_timestamp_between_headline_and_lead() -> None:
    out = extract(
        page(
            HEADLINE,
            "Sukamaju.com - 04/11/2024, 21:13 WIB",
            "Rina Marlina,",
            "Dodi Prasetya",
            "Tim Redaksi",
            LEAD,
            QUOTE,
            CLOSING,
        )
    )
    assert_article_kept(out["body"])
    for line in ("Rina Marlina", "Dodi Prasetya", "Tim Redaksi", "21:13"):
        assert line not in out["body"]


def test_timestamp_with_view_counter_is_removed() -> None:
    body = body_of(HEADLINE, "04/11/2024 21:13:56 WIB 138", LEAD, QUOTE, CLOSING)
    assert "138" not in body
    assert_article_kept(body)


def test_footer_labels_after_the_last_sentence() -> None:
    body = body_of(HEADLINE, LEAD, QUOTE, CLOSING, "sukamaju jabar", "RinaMarlina", "Polri Tegas")
    assert body.endswith(CLOSING)


def test_cut_off_last_sentence_is_kept() -> None:
    body = body_of(HEADLINE, LEAD, QUOTE, CLOSING, "Potensi gangguan akan diminimalkan mela")
    assert body.endswith("Potensi gangguan akan diminimalkan mela")
    assert body_of(HEADLINE, LEAD, QUOTE, "Hanya saja,").endswith("Hanya saja,")


def test_site_label_before_the_lead_names_the_outlet() -> None:
    out = extract(page("Warta Sukamaju", "Sukamaju – " + LEAD.split("– ", 1)[1], QUOTE))
    assert out["outlet"] == "Warta Sukamaju"
    assert "Warta Sukamaju" not in out["body"]
    out = extract(page(HEADLINE, "3 min readSukamajunews.id", LEAD, QUOTE))
    assert out["outlet"] == "Sukamajunews.id"


def test_category_label_is_not_the_outlet() -> None:
    out = extract(page("Jawa Barat", HEADLINE, LEAD, QUOTE))
    assert out["title"] == HEADLINE
    assert out["outlet"] != "Jawa Barat"
    assert "Jawa Barat" not in out["body"].split("\n\n")


def test_photo_credit_standing_alone_is_a_caption() -> None:
    out = extract(page("Foto Antara", LEAD, QUOTE))
    assert "Foto Antara" in out["captions"]
    out = extract(page("Warga berjaga di TPS 04 Mekarsari. Foto: dok/polsek sukamaju", LEAD, QUOTE))
    assert out["captions"] and out["title_derived"]


def test_quote_lines_are_never_furniture_even_when_short() -> None:
    body = body_of(HEADLINE, LEAD, "“Hoaks,” tegas Dadang.", CLOSING, "“Siap!”")
    assert "“Hoaks,” tegas Dadang." in body


def test_real_headline_over_a_truncated_seo_line() -> None:
    seo = "Polsek Sukamaju gelar patroli dialogis jelang..."
    out = extract(page(seo, HEADLINE, LEAD, QUOTE))
    assert out["title"] == HEADLINE
    assert seo not in out["body"]


def test_content_lists_are_not_furniture() -> None:
    squad = "Meret; Di Lorenzo, Manolas, Koulibaly, Mario Rui; Callejon, Allan, Insigne"
    names_only = "Danieel Mar Pablo, Akira Kadokura, Brian Lubao, Jim Kurt, Kohtaro Goto"
    results = [
        "- Thailand 2-0 Indonesia (17 Desember 2016, Leg 2 Final)",
        "- Indonesia 2-1 Thailand (14 Desember 2016, Leg 1 Final)",
        "- Thailand 4-2 Indonesia (19 November 2016, babak grup)",
    ]
    body = body_of(HEADLINE, LEAD, QUOTE, *results, squad, "Pelatih: Dadang Rusdiana", names_only)
    for line in [*results, squad, "Pelatih: Dadang Rusdiana", names_only]:
        assert line in body


def test_mid_body_date_fragments_are_text_not_a_date_line() -> None:
    for line in ("Pantauan,Kamis (19/9/2024)", "18/11/24 Sukamaju 2 - 0 Mekarsari (Uji Coba)"):
        assert line in body_of(HEADLINE, LEAD, line, QUOTE)


def test_long_line_with_a_quote_is_never_furniture() -> None:
    line = (
        'Simak video patroli Polsek Sukamaju di Mekarsari:,"Jadi yang penting warga tenang dan '
        'aman menjelang hari pemungutan suara," kata Dadang Rusdiana kepada wartawan.'
    )
    assert line in body_of(HEADLINE, LEAD, line, CLOSING)


def test_linked_headlines_in_table_cells_and_with_a_full_stop() -> None:
    body = body_of(
        HEADLINE,
        LEAD,
        QUOTE,
        CLOSING,
        "More Stories",
        "KAPOLRES SUKAMAJU PIMPIN RAPAT DINAS : PENGUATAN TUPOKSI PERSONEL",
        "PRESIDEN RI : Resmikan Sekolah Taruna Sukamaju, Mencetak Generasi Pemimpin Masa Depan.",
    )
    assert body.endswith(CLOSING)
    cells = ["KPU Sukamaju Gelar Bimtek Sirekap Untuk PPK dan PPS |", "![]() |", "---|"]
    assert body_of(HEADLINE, LEAD, QUOTE, CLOSING, *cells).endswith(CLOSING)


def test_section_label_above_a_headline_is_not_the_outlet() -> None:
    out = extract(page("Mata Lokal Memilih", HEADLINE, LEAD, QUOTE))
    assert out["title"] == HEADLINE and out["outlet"] is None


def test_headline_over_the_date_line_under_page_widgets() -> None:
    out = extract(
        page(
            "Mohon tunggu...",
            "Info Warga Sukamaju Mohon Tunggu... Penulis - Tetap berpikir positif",
            "Rejeki itu luas seluas perasangka hambanya",
            "Diary",
            HEADLINE,
            "13 Oktober 2024 15:20 Diperbarui: 14 Oktober 2024 14:32 39",
            LEAD,
            QUOTE,
        )
    )
    assert out["title"] == HEADLINE
    assert out["body"].startswith(LEAD)


def test_photo_credits_in_capitals_and_after_a_spaced_slash_are_captions_not_junk() -> None:
    text = "\n\n".join(
        [
            "Polsek Sukamaju Gelar Patroli Malam",
            "Ilustrasi patroli malam /Unsplash",
            "HARIANKOTA/BUDI SANTOSO",
            "Kapolsek Sukamaju, AKP Dadang Hermawan",
            LEAD,
            QUOTE,
        ]
    )
    out = extract(text)
    assert "Ilustrasi patroli malam /Unsplash" in out["captions"]
    assert "HARIANKOTA/BUDI SANTOSO" in out["captions"]
    assert "HARIANKOTA/BUDI SANTOSO" not in out["junk"]
