"""Behaviour of the article extractor: the seed articles against their gold labels, and focused
cases for each feature (dates, ranks, quotes vs scare quotes, speakers, cleaning, English)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from warta.store.extract import EXTRACTOR_VERSION, extract

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD_FILE = ROOT / "benchmarks" / "gold" / "seeds.json"
if not GOLD_FILE.is_file():
    GOLD_FILE = Path("/work/shared/gold/seeds.json")
GOLD = {g["file"]: g for g in json.loads(GOLD_FILE.read_text(encoding="utf-8"))}


def run(name: str) -> dict:
    return extract((SEEDS / name).read_text(encoding="utf-8"))


def quote_key(text: str) -> str:
    return " ".join(text.split()).strip("\"“”'‘’ ,.")


# --------------------------------------------------------------------------- seeds vs gold


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_quotes_and_speakers_match_gold(name: str) -> None:
    out = run(name)
    gold = GOLD[name]
    assert [quote_key(q["text"]) for q in out["quotes"]] == [
        quote_key(q["text"]) for q in gold["quotes"]
    ]
    for q, g in zip(out["quotes"], gold["quotes"], strict=True):
        assert q["speaker"] in g["speaker"]
        assert out["body"][q["start"] : q["end"]] == q["text"]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_metadata_matches_gold(name: str) -> None:
    out = run(name)
    gold = GOLD[name]
    assert out["date"] == gold["date"]
    assert out["outlet"] == gold["outlet"]
    assert out["dateline"] == gold["dateline"]
    title = None if out["title_derived"] else out["title"]
    assert title == gold["title"]
    assert [(p["name"], p["rank"], p["role"]) for p in out["people"]] == [
        (p["name"], p["rank"], p["role"]) for p in gold["people"]
    ]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_seed_junk_removed_and_listed(name: str) -> None:
    out = run(name)
    for line in GOLD[name]["junk"]:
        assert line not in out["body"]
        assert line in out["junk"]


def test_seed_headline_repeat_keywords_and_caption_leave_the_body() -> None:
    out = run("003_a77ab256fe89e700.txt")
    assert out["keywords"] == GOLD["003_a77ab256fe89e700.txt"]["keywords"]
    assert out["captions"] == ["Kapolres OKU AKBP Imam Zamroni. (ANTARA/Edo Purmana)"]
    assert out["title"] not in out["body"]
    assert "id Isu negatif" not in out["body"]
    assert out["body"].startswith("Baturaja (ANTARA) - Kapolres")
    assert out["events"] == ["Pilkada 2024"]


def test_seed_body_keeps_paragraphs_and_every_sentence() -> None:
    out = run("000_458db295d67e7604.txt")
    assert out["body"].count("\n\n") == 10  # 15 lines, 4 junk lines removed
    assert "InsyaAllah situasi dan kondisi akan kondusif" in out["body"]
    assert out["title_derived"] is True
    assert out["title"].startswith("Guna menjaga Keamanan")
    assert "Polsek Kisam Tinggi" in out["organizations"]
    assert "Kecamatan Kisam Tinggi" in out["places"]


def test_region_line_is_not_the_headline() -> None:
    out = run("002_c2182bc6f9397594.txt")
    assert out["title"].startswith("Polsek Belitang Hilir Gelar")
    assert "Kalimantan Barat" not in out["body"]


def test_version_is_an_int() -> None:
    assert isinstance(EXTRACTOR_VERSION, int)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Polisi berpatroli, Rabu, 7 Agustus 2024.", "2024-08-07"),
        ("Polisi berpatroli, Rabu (31/01/24).", "2024-01-31"),
        ("Polisi berpatroli, Jum’at (20/10/2023).", "2023-10-20"),
        ("Sepaku, 23 Januari 2024 – Polsek Sepaku berpatroli.", "2024-01-23"),
        ("Polisi berpatroli, Selasa (10/9/2019) pagi.", "2019-09-10"),
        ("Polisi berpatroli pada Senin, 4 Nopember 2024.", "2024-11-04"),
        ("Polisi berpatroli, Kamis, 15 Pebruari 2024.", "2024-02-15"),
        ("Polisi berpatroli, Kamis siang, 21 November 2024.", "2024-11-21"),
        ("Police patrolled the area on Friday, January 5, 2024.", "2024-01-05"),
    ],
)
def test_date_forms(text: str, iso: str) -> None:
    assert extract(text)["date"] == iso


@pytest.mark.parametrize(
    "text",
    [
        "Kapolres OKU mengingatkan warga di Baturaja, Kamis.",
        "Polisi berpatroli pada Senin (24/12) malam.",
        "Pemungutan suara digelar 14 Februari mendatang.",
    ],
)
def test_weekday_or_day_month_alone_is_not_a_date(text: str) -> None:
    assert extract(text)["date"] is None


def test_record_date_is_the_fallback_and_text_date_wins() -> None:
    assert extract("Polisi berpatroli, Kamis.", date="2019-09-16T22:58")["date"] == "2019-09-16"
    text = "Polisi berpatroli, Selasa (10/9/2019)."
    assert extract(text, date="2019-09-16T22:58")["date"] == "2019-09-10"


def test_announced_election_date_is_not_the_article_date() -> None:
    text = "Polsek Kie menjaga keamanan menjelang Pemilu 14 Februari 2024 di desa binaan."
    assert extract(text)["date"] is None


@pytest.mark.parametrize(
    "text",
    [
        "Razia digelar mulai Minggu besok (1/12/2024) di tiga titik, kata Kapolsek.",
        "Apel gabungan dijadwalkan ulang dan akan dipimpin Kapolres pada Sabtu (30/11/2024) "
        "mendatang di lapangan Mapolres.",
    ],
)
def test_a_day_still_to_come_is_not_the_article_date(text: str) -> None:
    assert extract(text)["date"] is None


def test_a_last_quotation_closed_by_a_mixed_mark_is_not_cut_off() -> None:
    text = "\n\n".join(
        [
            "Polisi menangkap dua pelaku pencurian di Desa Mekarsari.",
            '"Keduanya sudah kami amankan.” ujar Kapolsek Sukamaju, Kamis (7/11/2024).',
        ]
    )
    assert extract(text)["date"] == "2024-11-07"


def test_a_date_inside_a_quotation_cut_off_by_the_page_end_is_the_speakers() -> None:
    text = "\n\n".join(
        [
            "Kapolsek Sukamaju AKP Dadang Hermawan mengimbau warga menjaga keamanan, Jumat.",
            "“Keributan pada Rabu (6/11/2024) di Desa Mekarsari menjadi pelajaran bagi kita agar",
        ]
    )
    assert extract(text)["date"] is None


# --------------------------------------------------------------------------- people


RANKED = [
    (
        "Kapolres OKU Selatan AKBP M. Khalid Zulkarnaen, S.IK., MH mengatakan hal itu.",
        ("M. Khalid Zulkarnaen", "AKBP", "Kapolres OKU Selatan"),
    ),
    (
        "Kapolda Sumsel Irjen Pol A. Rachmad Wibowo hadir.",
        ("A. Rachmad Wibowo", "Irjen Pol", "Kapolda Sumsel"),
    ),
    (
        "Kasat Reskrim Polres OKU AKP Budi Santoso, SH menjelaskan.",
        ("Budi Santoso", "AKP", "Kasat Reskrim Polres OKU"),
    ),
    ("Dandim 0403/OKU Letkol Inf Ade Rizal hadir.", ("Ade Rizal", "Letkol Inf", "Dandim 0403/OKU")),
    (
        "Babinsa Koramil Kie Serda Yohanes Tefa ikut berjaga.",
        ("Yohanes Tefa", "Serda", "Babinsa Koramil Kie"),
    ),
    (
        "Inspektur Dua Polisi (IPDA) Rahmat Hidayat memimpin apel.",
        ("Rahmat Hidayat", "Inspektur Dua Polisi", None),
    ),
    (
        "Sekretaris Desa Kumpang Bis, Suwandi, memberikan apresiasi.",
        ("Suwandi", None, "Sekretaris Desa Kumpang Bis"),
    ),
    (
        "Bripka Maman selaku Bhabinkamtibmas Polsek Kie-Polres TTS hadir.",
        ("Maman", "Bripka", "Bhabinkamtibmas Polsek Kie"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), RANKED)
def test_rank_and_role_parsing(text: str, expected: tuple[str, str | None, str | None]) -> None:
    people = extract(text)["people"]
    assert expected in [(p["name"], p["rank"], p["role"]) for p in people]


def test_role_with_repeated_unit_is_normalised() -> None:
    out = extract("Kapolsek Polsek Belitang Hilir, IPTU Sudarsono, berharap warga aman.")
    assert out["people"] == [
        {"name": "Sudarsono", "rank": "IPTU", "role": "Kapolsek Belitang Hilir"}
    ]


# --------------------------------------------------------------------------- quotes


def test_scare_quotes_titles_and_apostrophes_are_not_quotes() -> None:
    text = (
        "Polsek Kie menggelar ‘Jumat Curhat’ dan program “cooling system” di Desa Nongko’an.\n"
        'Kegiatan bertema "Polisi Sahabat Masyarakat Menjelang Pemilu Damai" digelar Jum’at.'
    )
    assert extract(text)["quotes"] == []


def test_straight_reduplication_mark_is_not_a_closing_quote() -> None:
    text = '"Mari kita jaga bersama" keamanan desa ini agar tetap kondusif," ujar Iptu Sunaryo.'
    (q,) = extract(text)["quotes"]
    assert q["text"] == 'Mari kita jaga bersama" keamanan desa ini agar tetap kondusif'
    assert q["speaker"] == "Sunaryo"


def test_multi_paragraph_quote_is_one_quote() -> None:
    text = (
        "Kapolsek Kie Iptu Sunaryo mengatakan pihaknya siap.\n\n"
        "“Kami siap menjaga keamanan desa selama tahapan pemilu berlangsung.\n\n"
        "“Kami juga mengajak warga melapor bila ada hal mencurigakan,” ujarnya."
    )
    out = extract(text)
    (q,) = out["quotes"]
    assert q["text"].startswith("Kami siap menjaga")
    assert q["text"].endswith("hal mencurigakan")
    assert out["body"][q["start"] : q["end"]] == q["text"]
    assert q["speaker"] == "Sunaryo"


def test_quote_broken_by_a_line_break_and_missing_opener() -> None:
    text = (
        "Kapolsek Kie Iptu Sunaryo menghadiri acara.\n"
        '"Kami terus berpatroli setiap malam\n'
        'di seluruh desa binaan," ujarnya.\n'
        'Warga diminta tetap waspada terhadap pencurian," kata Sunaryo.'
    )
    quotes = extract(text)["quotes"]
    assert [q["text"] for q in quotes] == [
        "Kami terus berpatroli setiap malam\n\ndi seluruh desa binaan",
        "Warga diminta tetap waspada terhadap pencurian",
    ]
    assert [q["speaker"] for q in quotes] == ["Sunaryo", "Sunaryo"]


def test_mixed_marks_and_glued_closer() -> None:
    text = (
        "Kapolsek Taman Sari Kompol Erick Frendriz memantau perayaan.\n"
        '"Situasi kondusif dan perayaan berjalan lancar sampai malam ini, "kata Erick.\n'
        '“Kami siagakan personel gabungan di sekitar vihara" tambahnya.'
    )
    quotes = extract(text)["quotes"]
    assert [q["text"] for q in quotes] == [
        "Situasi kondusif dan perayaan berjalan lancar sampai malam ini",
        "Kami siagakan personel gabungan di sekitar vihara",
    ]
    assert {q["speaker"] for q in quotes} == {"Erick Frendriz"}


# --------------------------------------------------------------------------- speakers


def test_pronoun_and_role_resolution_follow_the_speaker() -> None:
    text = (
        "Kapolres OKU AKBP Imam Zamroni mengingatkan warga agar bijak.\n"
        '"Jangan mudah terprovokasi isu negatif di media sosial," tegasnya.\n'
        "Kapolsek Pengandonan, IPTU Jenizar menambahkan, patroli terus digelar.\n"
        '"Kami berharap masyarakat merasa aman menjelang pilkada," ujar dia.\n'
        '"Polri siap mengamankan seluruh tahapan pemilihan," ujar Kapolres.\n'
        '"Personel kami berjaga di setiap desa binaan," kata Kapolsek.'
    )
    speakers = [q["speaker"] for q in extract(text)["quotes"]]
    assert speakers == ["Imam Zamroni", "Jenizar", "Imam Zamroni", "Jenizar"]


def test_melalui_chain_gives_the_one_actually_speaking() -> None:
    text = (
        "Kapolres TTS AKBP Budi Setiawan melalui Kapolsek Kie Iptu Sunaryo mengatakan "
        "patroli rutin.\n"
        "“Anggota kami menyampaikan pesan kamtibmas kepada warga,” ujarnya."
    )
    (q,) = extract(text)["quotes"]
    assert q["speaker"] == "Sunaryo"


def test_unnamed_speaker_is_none() -> None:
    text = '"Kami hanya ingin jalan desa segera diperbaiki tahun ini," kata seorang warga.'
    (q,) = extract(text)["quotes"]
    assert q["speaker"] is None


def test_quotes_are_in_body_order_with_scores() -> None:
    out = run("000_458db295d67e7604.txt")
    starts = [q["start"] for q in out["quotes"]]
    assert starts == sorted(starts)
    assert all(0.0 <= q["score"] <= 1.0 for q in out["quotes"])


def test_pleasantry_scores_below_substance() -> None:
    text = (
        "Kapolsek Kie Iptu Sunaryo memberi keterangan.\n"
        '"Terima kasih kepada warga atas dukungannya," ujarnya.\n'
        '"Tiga tersangka pencurian ternak kami tangkap dan akan dijerat pasal 363 KUHP," ujarnya.'
    )
    thanks, facts = extract(text)["quotes"]
    assert facts["score"] > thanks["score"]


# --------------------------------------------------------------------------- cleaning


def test_furniture_lines_are_junk_and_real_sentences_stay() -> None:
    text = (
        "Polsek Kie Gelar Patroli Malam\n"
        "Polsek Kie menggelar patroli malam di Desa Oenai.\n"
        "ADVERTISEMENT\n"
        "SCROLL TO CONTINUE WITH CONTENT\n"
        "Baca juga: Polisi Tangkap Pencuri Sapi\n"
        "Sebelumnya, Polsek Kie telah menangkap dua pelaku pencurian.\n"
        "#Polri #Kamtibmas\n"
        "IMG_20240101_0930.jpg\n"
        "Dilihat: 1.234 kali\n"
        "Polsek Kie menggelar patroli malam di Desa Oenai.\n"
        "Share: Facebook Twitter WhatsApp\n"
    )
    out = extract(text)
    assert out["title"] == "Polsek Kie Gelar Patroli Malam"
    assert out["body"] == (
        "Polsek Kie menggelar patroli malam di Desa Oenai.\n\n"
        "Sebelumnya, Polsek Kie telah menangkap dua pelaku pencurian."
    )
    assert len(out["junk"]) == 8


def test_record_title_and_source_are_used() -> None:
    out = extract(
        "Diduga Pasok Sabu\n\nPolisi menangkap dua orang di Tanjungpinang.",
        title="Diduga Pasok Sabu",
        source="Kompas.com",
    )
    assert out["title"] == "Diduga Pasok Sabu"
    assert out["title_derived"] is False
    assert out["outlet"] == "Kompas.com"
    assert out["body"] == "Polisi menangkap dua orang di Tanjungpinang."


@pytest.mark.parametrize(
    ("lead", "outlet", "place"),
    [
        # Known national outlets are reported in their one display form (see outlets.py).
        ("KOMPAS.com - Polisi menangkap dua orang.", "KOMPAS.com", None),
        ("TRIBUNNEWS.COM, JAKARTA - Polisi menangkap dua orang.", "TRIBUNNEWS.COM", "JAKARTA"),
        ("Jakarta, CNN Indonesia -- Polisi menangkap dua orang.", "CNN Indonesia", "Jakarta"),
        ("Jakarta (ANTARA News) - Polisi menangkap dua orang.", "ANTARA News", "Jakarta"),
        ("TEMPO.CO, Cianjur - Polisi menangkap dua orang.", "TEMPO.CO", "Cianjur"),
    ],
)
def test_dateline_forms_beat_the_record_source(lead: str, outlet: str, place: str | None) -> None:
    out = extract(lead, source="okezone.com")
    assert (out["outlet"], out["dateline"]) == (outlet, place)


def test_never_raises_on_odd_input() -> None:
    for text in ["", "\x00\x01\ufffe", "“" * 500, '"' * 1000, "a\n" * 5000, "Kapolsek " * 3000]:
        out = extract(text)
        assert isinstance(out["body"], str)


# --------------------------------------------------------------------------- English


def test_english_quotes_and_speakers() -> None:
    text = (
        "Floods Hit Jakarta Suburbs\n"
        "JAKARTA, Reuters - Floods forced thousands from their homes on Monday, January 6, 2025.\n"
        '"We have evacuated more than two thousand residents so far," said Budi Santoso, '
        "a disaster agency official.\n"
        '"The water is still rising in the eastern districts," he said.'
    )
    out = extract(text)
    assert out["title"] == "Floods Hit Jakarta Suburbs"
    assert out["date"] == "2025-01-06"
    assert [q["speaker"] for q in out["quotes"]] == ["Budi Santoso", "Budi Santoso"]


def test_english_speaker_before_verb() -> None:
    text = (
        "Police said the suspect was arrested at the airport.\n"
        '"He tried to board a flight to Singapore with a fake passport," '
        "Maria Lopez told reporters."
    )
    (q,) = extract(text)["quotes"]
    assert q["speaker"] == "Maria Lopez"


# ------------------------------------------------------------- holdout failure classes


def _speakers(r: dict) -> list[str | None]:
    return [q["speaker"] for q in r["quotes"]]


def _names(r: dict) -> list[str]:
    return [p["name"] for p in r["people"]]


def test_sasak_particle_after_rank_is_part_of_the_name() -> None:
    r = extract(
        'Razia digelar di Mataram. "Pelanggar terbanyak adalah pelajar," ujar Kasat Lantas '
        "Polres Mataram AKP Lalu Budiman, Kamis (12/9/2019).\n\n"
        'Kasat Lantas Polres Lombok AKBP Joko, pada razia itu fokus ke jalan raya. "Kami siap," '
        "jelasnya."
    )
    assert "Lalu Budiman" in _names(r)
    assert _speakers(r) == ["Lalu Budiman", "Joko"]


def test_region_after_comma_is_not_a_person() -> None:
    r = extract(
        "Dua warga Kota Sungaipenuh, Jambi ditangkap polisi. Pelaku warga Koto Baru, Kerinci.\n\n"
        '"Pelaku kami amankan," kata Kapolres Kerinci melalui Kasat Narkoba Iptu Budi Santoso.'
    )
    assert "Jambi" not in _names(r) and "Kerinci" not in _names(r)
    assert _speakers(r) == ["Budi Santoso"]


def test_degree_is_not_a_person() -> None:
    r = extract(
        '"Pelaku sudah ditangkap," ujar Kapolres Kotim AKBP Johan Siboro SH, SIK melalui '
        "Kapolsek Antang Iptu Afif Hasan."
    )
    assert "SIK" not in _names(r)


def test_role_only_attribution_resolves_to_earlier_generic_holder() -> None:
    r = extract(
        '"Pelaku kami tangkap di rumahnya," kata Kapolres Kerinci melalui Kasatreserse Narkoba '
        "Iptu Edi Santoso, Jumat.\n\n"
        'Menurut Kasat, barang bukti disita. "Dari pengakuannya ganja didapat dari KM," ungkap '
        "Kasat."
    )
    assert _speakers(r) == ["Edi Santoso", "Edi Santoso"]


def test_role_after_name_with_comma() -> None:
    r = extract(
        "AKP Boby Kurniawan, Kapolsek Tambun, mengatakan pelaku ditangkap warga.\n\n"
        "Sementara itu warga berkumpul di pasar.\n\n"
        "Uang palsu itu disita, “ Pelaku kami titipkan di rutan, ” kata Kapolsek."
    )
    assert r["people"][0]["role"] == "Kapolsek Tambun"
    assert _speakers(r) == ["Boby Kurniawan"]


def test_new_full_introduction_takes_over_pronoun_attribution() -> None:
    r = extract(
        '"Pelaku sudah kami kenali," kata Kapolda Sumbar Irjen Pol Fakhrul di Padang.\n\n'
        '"Kami terus mengejar," kata dia.\n\n'
        "Kapolres Dharmasraya AKBP Rudi Yulianto memastikan pelayanan tetap berjalan.\n\n"
        '"Kami siapkan ruangan sementara," kata dia.'
    )
    assert _speakers(r) == ["Fakhrul", "Fakhrul", "Rudi Yulianto"]


def test_short_name_with_age_as_appositive_speaker() -> None:
    r = extract(
        'Kanit Turjawali Iptu Anggoro mengatakan razia digelar. "Saya cuma ikut-ikutan teman," '
        "kata seorang pelajar terjaring razia, Al (16)."
    )
    assert _speakers(r) == ["Al"]


def test_spaced_tegas_nya_is_a_pronoun() -> None:
    r = extract(
        'Bupati Bogor Ade Yasin mengatakan, "Kita kaji dulu. Saya mau fokus," tegas nya,Hadir '
        "dalam pertemuan Direktur Utama PT Maju Jaya."
    )
    assert _speakers(r) == ["Ade Yasin"]


def test_closing_mark_pushed_to_next_line_before_attribution() -> None:
    r = extract(
        'Kasus itu masih diselidiki.\n\n"Ya tentu saja (agak menyulitkan penyidikan)\n\n" kata '
        "Kasatreskrim Polres Garut AKP Maradona Putra, Sabtu (7/9/2019)"
    )
    assert [q["text"] for q in r["quotes"]] == ["Ya tentu saja (agak menyulitkan penyidikan)"]
    assert _speakers(r) == ["Maradona Putra"]


def test_scare_quoted_event_then_real_quote() -> None:
    r = extract(
        'Polisi memberlakukan "car free night" selama 12 jam bagi mobil.\n\n'
        '"Selama diberlakukan car free night, kami sediakan bus gratis," katanya.'
    )
    assert [q["text"] for q in r["quotes"]] == [
        "Selama diberlakukan car free night, kami sediakan bus gratis"
    ]


def test_title_case_ritual_names_are_not_quotes() -> None:
    r = extract(
        'Pemkab menggelar ritual "Pemahayu Jagat Kertaning Bumi" untuk keselamatan dunia.\n\n'
        'Ritual ini mewujudkan "Tri Hita Karana" yakni hubungan yang harmonis antarmanusia.\n\n'
        '"Ritual digelar di dua tempat sekaligus," kata Kabag Humas Pemkab Klungkung, Ketut '
        "Suarta, Minggu."
    )
    assert [q["text"] for q in r["quotes"]] == ["Ritual digelar di dua tempat sekaligus"]
    assert _speakers(r) == ["Ketut Suarta"]


def test_link_remnant_lines_are_junk() -> None:
    r = extract(
        "Polisi menangkap pelaku di Garut pada Sabtu (7/9/2019).\n\ndikutip dari\n\n"
        "dikutip dari,Meski demikian, polisi terus melakukan penyidikan kasus itu.\n\nloading..."
    )
    assert "dikutip" not in r["body"] and "loading" not in r["body"]
    assert "Meski demikian, polisi terus melakukan penyidikan kasus itu." in r["body"]


def test_sentence_continuation_with_date_is_kept() -> None:
    r = extract(
        "Aktivis kampus ditusuk orang tak dikenal di Desa Mandi Angin\n\n"
        "pada Kamis 12 September 2019.\n\nPolisi masih menyelidiki kasus itu."
    )
    assert "pada Kamis 12 September 2019." in r["body"]


def test_weekday_only_lead_ignores_later_schedule_date() -> None:
    text = (
        "Kapolres Bogor AKBP Dicky Pratama saat ditemui di Gadog, Sabtu, mengatakan jalur "
        "Puncak ditutup.\n\nJalur ditutup mulai pukul 18.00 WIB pada 31 Desember 2017."
    )
    assert extract(text)["date"] is None
    assert extract(text, date="2017-12-30")["date"] == "2017-12-30"
    later = "Kejadian itu terjadi pada Rabu lalu.\n\nKata Kapolres, Kamis, 19 September 2019."
    assert extract(later)["date"] == "2019-09-19"


def test_people_initials_and_long_names() -> None:
    r = extract(
        "Kapolda Papua Irjen Pol Rudolf A Rodja mengatakan situasi aman. Kapolres Bogor AKBP "
        "A M Dicky menambahkan jalur dibuka. Sekda Kabupaten Bogor Burhanudin, dan kepala dinas "
        "hadir. Kabupaten Bogor masih berbenah."
    )
    names = _names(r)
    assert {"Rudolf A Rodja", "A M Dicky", "Burhanudin"} <= set(names)
    assert "Kabupaten Bogor" in r["places"] and "Kabupaten Bogor Burhanudin" not in r["places"]


def test_honorifics_are_dropped_and_balinese_particles_kept() -> None:
    r = extract(
        'Ritual dipimpin pendeta. "Kami berdoa bersama," ujar Ida Pedanda Gede Wayahan Jelantik '
        "Putra, Minggu. Bupati Klungkung I Nyoman Suwirta hadir di Kabupaten Klungkung."
    )
    names = _names(r)
    assert "Gede Wayahan Jelantik Putra" in names
    assert "I Nyoman Suwirta" in names


def test_second_role_after_dan_is_not_a_name() -> None:
    r = extract("Saya perintahkan Sekda dan Kepala Dinas Tata Bangunan mencabut spanduk itu.")
    assert "Tata Bangunan" not in _names(r)


def test_derived_title_drops_dateline_debris() -> None:
    for lead in (
        "Jakarta, CNN Indonesia - - Polisi menangkap lima pelaku pengeroyokan di pasar.",
        "(ANTARA) - Polisi menangkap lima pelaku pengeroyokan di pasar.",
        "BEKASI (Pos Kota) – Polisi menangkap lima pelaku pengeroyokan di pasar.",
        # outlet, then the place closed by a full stop: the place is no headline
        "Beritasatu.example.com - Kota Medan. Polisi menangkap lima pelaku pengeroyokan.",
    ):
        r = extract(lead + "\n\nPelaku kini ditahan di Mapolres.")
        assert r["title_derived"] and r["title"].startswith("Polisi menangkap"), r["title"]
    assert extract("BEKASI (Pos Kota) – Polisi menangkap pelaku.")["outlet"] == "Pos Kota"
    assert extract("Banjir besar. Warga mengungsi ke balai desa.")["title"] == "Banjir besar"


def test_program_names_are_not_places() -> None:
    r = extract("Polisi gerebek Kampung Narkoba di Desa Sukamaju kemarin.")
    assert r["places"] == ["Desa Sukamaju"]


# --------------------------------------------------------------------------- v4 failure classes


def _names(ex: dict) -> set[str]:
    return {p["name"] for p in ex["people"]}


def _speakers(ex: dict) -> list[str | None]:
    return [q["speaker"] for q in ex["quotes"]]


def test_people_named_by_context_without_rank() -> None:
    text = (
        "Mobil itu dikemudikan Joko Santoso, sedangkan truk dikemudikan Dedi Kurnia.\n\n"
        "Sinta Maharani, yang tinggal di Cibinong, berkata bahwa ia mendengar benturan keras.\n\n"
        "Polisi juga memanggil Rudi Hartanto dan istri Bambang Sudrajat untuk dimintai keterangan."
    )
    names = _names(extract(text))
    for want in ["Joko Santoso", "Dedi Kurnia", "Sinta Maharani", "Rudi Hartanto"]:
        assert want in names
    assert "Bambang Sudrajat" in names
    assert "Cibinong" not in names


def test_alias_is_not_another_person() -> None:
    ex = extract("Polisi menangkap Andi Wirawan alias Bang Kumis di rumahnya, Senin.")
    assert "Andi Wirawan" in _names(ex)
    assert "Bang Kumis" not in _names(ex)


def test_short_name_extended_to_full_name() -> None:
    text = (
        '"Saya belum sempat menjenguk dia," ujar Melati, Rabu (17/7).\n\n'
        "Sejak pekan lalu Melati Anggraini belum datang ke rumah tahanan itu."
    )
    ex = extract(text)
    assert "Melati Anggraini" in _names(ex)
    assert "Melati" not in _names(ex)
    assert _speakers(ex) == ["Melati Anggraini"]


def test_honorific_and_foreign_rank_are_not_names() -> None:
    text = (
        "Seminar dibuka oleh Rektor Unsri Prof. Hasan Basri.\n\n"
        '"Tidak ada pesawat yang jatuh di wilayah itu," ujar Inspektur Hollings.'
    )
    ex = extract(text)
    names = _names(ex)
    assert "Hasan Basri" in names
    assert "Hollings" in names and "Inspektur Hollings" not in names
    assert not any(n.startswith("Prof") for n in names)
    hollings = next(p for p in ex["people"] if p["name"] == "Hollings")
    assert hollings["rank"] == "Inspektur"


def test_sentence_initial_word_is_not_a_person() -> None:
    text = (
        '"Kami masih menunggu hasil pemeriksaan," ujar Kapolsek Sukajadi AKP Dani Rahman.\n\n'
        "Enggan menjelaskan lebih jauh, ia hanya meminta warga bersabar."
    )
    assert "Enggan" not in _names(extract(text))


def test_speaker_named_before_role_apposition() -> None:
    text = '"Kami semua kaget mendengar kabar itu," kata Sutrisno, Ketua RT setempat, Kamis.'
    assert _speakers(extract(text)) == ["Sutrisno"]


def test_speaker_after_unit_in_role_phrase() -> None:
    text = (
        "Sekretaris umum Karang Taruna Kota Bandung Selatan Yusuf Maulana mengatakan pihaknya "
        'sudah melapor. "Kami minta polisi segera menangkap penyebarnya," katanya.'
    )
    assert _speakers(extract(text)) == ["Yusuf Maulana"]


def test_pronoun_subject_resolves_to_person_of_previous_sentence() -> None:
    text = (
        "Kakak korban, Wulan (30), mengatakan keluarga menerima kabar pagi itu. Menurut dia, "
        "salah seorang korban, Rendi sempat menelepon adiknya. Ia mengatakan, “Kami kecelakaan, "
        "cepat datang ke sini.”"
    )
    assert _speakers(extract(text)) == ["Rendi"]


def test_quote_before_attribution_with_berkata() -> None:
    text = (
        "Tom Baxter, yang tinggal di Leeds berkata, “Itu adalah cahaya yang sangat terang dan "
        "saya langsung berhenti berjalan.”"
    )
    ex = extract(text)
    assert _speakers(ex) == ["Tom Baxter"]


def test_quote_glued_to_attribution_and_next_quote() -> None:
    text = (
        "“Kita minta polisi bekerja profesional dan tidak memihak siapa pun,”tegas Siregar,,"
        "“Pak Kapolres jangan diam saja melihat hal seperti ini,” katanya.\n\n"
        "“ Korban sudah ditemukan malam tadi di rumah kerabatnya,”ungkapnya."
    )
    texts = [q["text"] for q in extract(text)["quotes"]]
    assert texts[0].startswith("Kita minta polisi") and texts[0].endswith("siapa pun")
    assert texts[1].startswith("Pak Kapolres")
    assert texts[2].startswith("Korban sudah ditemukan")


def test_quote_closed_with_straight_apostrophe() -> None:
    text = "\"Iya, saya melihat sendiri kejadian itu dari warung,' ucap Rina sore itu."
    ex = extract(text)
    assert [q["text"] for q in ex["quotes"]] == [
        "Iya, saya melihat sendiri kejadian itu dari warung"
    ]
    assert _speakers(ex) == ["Rina"]


def test_short_term_after_speech_verb_is_scare_quote() -> None:
    text = 'Polisi menyebut "human error" sebagai penyebab kecelakaan bus itu, Senin (9/9/2019).'
    assert extract(text)["quotes"] == []


def test_byline_and_republication_credit_are_junk_and_name_outlet() -> None:
    text = (
        "MAKASSAR, TRIBUNNEWS.COM - Polisi menggelar razia helm di jalan poros, Senin (9/9/2019).\n"
        "Razia berlangsung hingga siang dan puluhan pengendara ditilang petugas.\n"
        "Penulis : Kontributor Makassar, Andi Rahmat,Artikel ini tayang di Kompas.com dengan judul"
    )
    ex = extract(text)
    assert "Penulis" not in ex["body"] and "tayang di" not in ex["body"]
    assert ex["outlet"] == "Kompas.com"


def test_bracketed_read_also_and_source_line_are_junk() -> None:
    text = (
        "Polisi masih mencari mahasiswi yang hilang sejak pekan lalu di Depok.\n"
        "(Baca: Polisi Memprediksi Mahasiswi Itu Tidak Hilang)\n"
        "Keluarga korban sudah dimintai keterangan oleh penyidik.\n"
        "REUTERS | CNN"
    )
    body = extract(text)["body"]
    assert "Baca" not in body and "REUTERS" not in body
    assert "Keluarga korban sudah dimintai keterangan" in body


def test_headlines_after_bare_read_also_label_are_junk() -> None:
    text = (
        "Polisi menggerebek sebuah pesta di Jakarta Utara pada Minggu malam.\n"
        "Baca juga:\n"
        "Deretan Razia Hiburan Malam yang Digelar Polisi di Jakarta\n"
        "Ancaman Hukuman untuk Penyelenggara Pesta Ilegal\n"
        "Dalam jumpa pers itu sebagian tamu ikut dihadirkan.\n"
        "Kronologi Penggerebekan\n"
        "Petugas datang sekitar pukul 23.00 WIB dan langsung memeriksa tamu."
    )
    body = extract(text)["body"]
    assert "Deretan Razia" not in body and "Ancaman Hukuman" not in body
    assert "Dalam jumpa pers itu" in body
    assert "Kronologi Penggerebekan" in body  # a real subheading stays


def test_repeated_glued_read_also_prefix_is_stripped() -> None:
    text = (
        "Polisi menerima laporan dari keluarga korban pekan lalu.\n"
        "Baca Juga :,,Baca Juga :,,Di mana keterangan korban menyebut kejadian itu terjadi sebelum "
        "bulan puasa."
    )
    body = extract(text)["body"]
    assert "Baca" not in body
    assert "Di mana keterangan korban menyebut kejadian itu" in body


def test_a_long_lead_after_an_outlet_dash_is_not_taken_for_a_headline() -> None:
    text = (
        "Rimanews - Polres Metro Bekasi Kota menyiagakan 1.000 lebih personel untuk mengamankan "
        "ceramah umum di Stadion Patriot Kota Bekasi besok malam\n\n"
        '"Sistem pengamanan dilakukan secara terbuka," kata Kompol Aslan Solastomo.'
    )
    ex = extract(text)
    assert ex["title_derived"] is True
    assert not ex["title"].startswith("Rimanews")
    assert ex["body"].startswith("Rimanews - Polres Metro Bekasi Kota")


def test_a_short_headline_with_a_dash_stays_a_headline() -> None:
    ex = extract("Jokowi - Prabowo Bertemu di Stasiun MRT\n\nKeduanya bertemu pada Sabtu pagi.")
    assert ex["title"] == "Jokowi - Prabowo Bertemu di Stasiun MRT"
    assert ex["title_derived"] is False


def test_a_derived_title_drops_a_dateline_whose_dash_is_glued_to_the_lead() -> None:
    ex = extract("JAKARTA –Pemilu 2019 bisa menjadi akhir dari separoh partai di parlemen.")
    assert ex["title_derived"] is True
    assert ex["title"] == "Pemilu 2019 bisa menjadi akhir dari separoh partai di parlemen"


def _names(ex: dict) -> list[str]:
    return [p["name"] for p in ex["people"]]


def _speakers(ex: dict) -> list[str | None]:
    return [q["speaker"] for q in ex["quotes"]]


def test_a_place_inside_a_role_phrase_is_the_role_not_the_name() -> None:
    text = (
        "Wakil Wali Kota Tangerang Selatan Benyamin Davnie saat dihubungi mengatakan bahwa ia "
        "siap maju.\n\n"
        '"Saya sudah izin dengan ibu setelah pilpres kemarin," katanya.\n\n'
        "Sementara Sekretaris Daerah (Sekda) kota Tangerang Selatan Muhamad mengatakan bahwa "
        "dirinya belum meminta izin.\n\n"
        '"Belum izin, lagi pula ini masih penjaringan," katanya.'
    )
    ex = extract(text)
    assert "Tangerang" not in _names(ex)
    people = {p["name"]: p["role"] for p in ex["people"]}
    assert people["Benyamin Davnie"] == "Wakil Wali Kota Tangerang Selatan"
    assert "Muhamad" in people
    assert _speakers(ex) == ["Benyamin Davnie", "Muhamad"]


def test_unit_and_legal_words_are_never_people() -> None:
    text = (
        "Kabid Humas Polda Metro Jaya Kombes Pol Awi Setiyono mengatakan ketiganya ditangkap. "
        "Dari tangan ketiganya, Propam mengamankan uang. Reskrim mengatakan kasus berlanjut.\n\n"
        "Pelaku disangkakan Pasal 196 Jo Pasal 98 Ayat (2) UU Kesehatan."
    )
    names = _names(extract(text))
    assert names == ["Awi Setiyono"]


def test_a_name_keeps_written_initials_but_not_a_sentence_period() -> None:
    text = (
        "Kabid Humas Polda Metro Jaya Kombes Pol Awi Setiyono hadir.\n\n"
        '"Mereka ini masih sebatas saksi," kata Awi.\n\n'
        "Pelaku yang diamankan adalah Ipan Ardiansyah alias Gopal (24) M. Ferdiansyah alias "
        "Popoy (17).\n\n"
        "Divisi Data KPU Kota Surakarta, Kajad Pamuji Joko W menyampaikan, anggaran sudah siap."
    )
    ex = extract(text)
    names = _names(ex)
    assert "Awi." not in names and "Awi Setiyono" in names
    assert "M. Ferdiansyah" in names
    assert "Kajad Pamuji Joko W" in names
    assert _speakers(ex) == ["Awi Setiyono"]


def test_a_village_name_before_a_name_and_a_variant_spelling_are_one_person() -> None:
    text = (
        "Seorang Kepala Desa di Desa Paluhombo, Bendosari, hampir menjadi korban pemerasan.\n\n"
        "Kejadian itu dialami Kades Paluhombo Juwanti (51) pada Agustus lalu.\n\n"
        'Kepada wartawan, Juwanti mengatakan, "Mereka datang menemui saya," katanya.\n\n'
        'Juanti mengutarakan, "Ijazah saya sudah ada di dinas," imbuhnya.'
    )
    ex = extract(text)
    assert _names(ex) == ["Juwanti"]
    assert _speakers(ex) == ["Juwanti", "Juwanti"]


def test_a_role_holder_does_not_take_a_quote_attributed_to_someone_else() -> None:
    text = (
        "Kepala Unit Reserse Kriminal Polsek Jatinegara Inspektur Satu Sagala mengatakan polisi "
        "masih menyelidiki.\n\n"
        '"Belum ada tanda-tanda penganiayaan," kata dia.\n\n'
        "Sementara itu, Kepala Divisi Corporate Secretary dan Humas ,, Nadia Diposanjoyo, "
        "mengatakan pihaknya fokus pada pengobatan korban.\n\n"
        '"Perusahaan akan menanggung segala biaya," kata dia.'
    )
    ex = extract(text)
    assert "Nadia Diposanjoyo" in _names(ex)
    assert _speakers(ex) == ["Sagala", "Nadia Diposanjoyo"]


# --------------------------------------------------------------------------- report dates


LEAD_DATE = "Polsek Sukamaju berpatroli di Desa Mekarsari, Jumat (09/2/2024) siang."


@pytest.mark.parametrize(
    ("lines", "iso"),
    [
        # The lead's weekday date beats the page's publication line under the headline.
        (
            ["Patroli Jelang Pemilu", "- Sabtu, 10 Februari 2024 - 09:56 WIB", LEAD_DATE],
            "2024-02-09",
        ),
        # With no date in the body, the publication line under the headline is the date.
        (
            ["Patroli Jelang Pemilu", "Minggu, 11 Februari 2024 - 19:11 WIB", "Polisi berpatroli."],
            "2024-02-11",
        ),
        # Two-digit years in a first-paragraph weekday form.
        (["Polsek Sukamaju berpatroli, Selasa (05/11/24) pagi."], "2024-11-05"),
        (["Polsek Sukamaju berpatroli di Desa Mekarsari. Selasa, 10/9/24"], "2024-09-10"),
        # A caption's date when nothing else gives one.
        (
            [
                "Polisi menyambangi warga di Palu, Senin (11/11/2024). (ANTARA/HO-Humas Polda)",
                "Palu (ANTARA) - Polisi menyambangi warga menjelang pemungutan suara.",
            ],
            "2024-11-11",
        ),
    ],
)
def test_report_date_order(lines: list[str], iso: str) -> None:
    assert extract("\n\n".join(lines))["date"] == iso


@pytest.mark.parametrize(
    "text",
    [
        # A schedule given as a range, with "pada" before it.
        "Rapat pleno dilakukan pada 17 Februari 2024 hingga 5 Maret 2024 di kantor KPU.",
        "Kampanye yang dimulai pada 28 November 2023-10 Februari 2024 telah diawasi.",
        # Polling day named right before a weekday date, or after a full stop.
        "Polisi siaga menjelang hari pemungutan suara, Rabu (14/2/2024), di seluruh TPS.",
        "Polisi siaga menjelang hari pemungutan suara. 14 Februari 2024 dengan ribuan personel.",
        # A scheduled event.
        "KPU menyiapkan TPS untuk Pilkada yang dijadwalkan berlangsung 27 Juni 2018 mendatang.",
        "Masa kampanye akan berakhir 10 Februari 2024 sesuai jadwal KPU.",
    ],
)
def test_scheduled_and_range_dates_are_not_the_report_date(text: str) -> None:
    assert extract(text)["date"] is None


def test_date_inside_a_quote_is_not_the_report_date() -> None:
    text = (
        "Kapolres Sukamaju mengingatkan warga menjaga keamanan.\n\n"
        '"Kami sudah bersiap sejak Senin (4/11/2024) lalu," kata Kapolres, Kamis (7/11/2024).'
    )
    assert extract(text)["date"] == "2024-11-07"


def test_related_article_dates_are_not_the_report_date() -> None:
    text = "\n\n".join(
        [
            "Tarakan (ANTARA) - Polda Kaltara menggelar apel siaga pengamanan Pilkada.",
            '"Kita siap," ujar Kabid Humas.',
            "Berita Terkait",
            "Kabidhumas Hadiri Peresmian Gedung Kantor Berita",
            "Kamis, 12 Desember 2024 4:33",
        ]
    )
    assert extract(text)["date"] is None


def test_quote_cut_off_by_the_end_of_the_page_is_not_a_quote() -> None:
    text = (
        'Kapolsek mengimbau warga. "Kami siap menjaga keamanan," ujarnya.\n\n'
        "“Kami menghimbau masyarakat agar segera melapor jika menemukan hal yang menimbulkan ke"
    )
    assert [q["text"] for q in extract(text)["quotes"]] == ["Kami siap menjaga keamanan"]


def test_one_word_answer_is_a_quote_but_a_quoted_term_is_not() -> None:
    out = extract(
        "Kapolsek memastikan video itu tidak benar.\n\n“Hoaks,” tegas Arwan kepada wartawan."
    )
    assert [(q["text"], q["speaker"]) for q in out["quotes"]] == [("Hoaks", "Arwan")]
    out = extract('Warga diminta tidak menyebut "hoaks," kata Kapolsek Arwan dalam sambutannya.')
    assert out["quotes"] == []


def test_month_named_range_and_future_event_are_not_the_report_date() -> None:
    text = (
        "Bawaslu meminta kepala daerah menjaga netralitas ASN di kampanye yang akan berlangsung "
        "pada 25 September-23 November 2024."
    )
    assert extract(text)["date"] is None
    header = "RABU, 18 SEPTEMBER 2024 | 10:58 WIB | LAPORAN: AHMAD SUTRISNO"
    out = extract("\n\n".join(["Kepala Daerah Wajib Jaga Netralitas ASN", header, text]))
    assert out["date"] == "2024-09-18"
    assert header not in out["body"]
