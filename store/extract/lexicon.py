"""Word lists for Indonesian (and some English) news: ranks, roles, organisations, places, verbs.

Kept in one place so the rules in the other modules read as rules, and so the lists can grow
without touching the logic. Everything here is plain data; regexes built from it live beside
the code that uses them.
"""

from __future__ import annotations

import re

# --- Ranks ---------------------------------------------------------------------------------
# Police (Polri) and armed forces (TNI) ranks, longest first so alternations prefer
# "Brigjen Pol" over "Brigjen". Matching is case-insensitive; the surface form is kept.
POLICE_RANKS = [
    "Jenderal Polisi",
    "Jenderal Pol",
    "Jenderal",
    "Komjen Pol",
    "Irjen Pol",
    "Brigjen Pol",
    "Kombes Pol",
    "Komjen",
    "Irjen",
    "Brigjen",
    "Kombes",
    # Forms written as one word or as the old initials: "Kombespol", "KBP" (Komisaris Besar).
    "Komjenpol",
    "Irjenpol",
    "Brigjenpol",
    "Kombespol",
    "KBP",
    "AKBP",
    "Kompol",
    "AKP",
    "Iptu",
    "Ipda",
    "Aiptu",
    "Aipda",
    "Bripka",
    "Brigpol",
    "Brigadir Polisi",
    "Brigadir",
    "Briptu",
    "Bripda",
    "Abripda",
    "Abriptu",
    "Abrip",
    "Bharaka",
    "Bharatu",
    "Bharada",
]

# Spelled-out police ranks -> abbreviation (used when no "(ABBR)" follows).
SPELLED_RANKS = {
    "inspektur jenderal polisi": "Irjen Pol",
    "brigadir jenderal polisi": "Brigjen Pol",
    "komisaris besar polisi": "Kombes Pol",
    "ajun komisaris besar polisi": "AKBP",
    "komisaris polisi": "Kompol",
    "ajun komisaris polisi": "AKP",
    "inspektur polisi satu": "Iptu",
    "inspektur satu polisi": "Iptu",
    "inspektur polisi dua": "Ipda",
    "inspektur dua polisi": "Ipda",
    "ajun inspektur polisi satu": "Aiptu",
    "ajun inspektur satu polisi": "Aiptu",
    "ajun inspektur polisi dua": "Aipda",
    "ajun inspektur dua polisi": "Aipda",
    "brigadir polisi kepala": "Bripka",
    "brigadir kepala polisi": "Bripka",
    "brigadir polisi satu": "Briptu",
    "brigadir satu polisi": "Briptu",
    "brigadir polisi dua": "Bripda",
    "brigadir dua polisi": "Bripda",
}

# Ranks spelled out in full, as Tempo/ANTARA write them ("Komisaris Besar Rina Sari Ginting",
# "Ajun Komisaris Besar Hery Purnomo"); kept as written.
SPELLED_OUT = [
    "Jenderal Polisi",
    "Komisaris Jenderal",
    "Inspektur Jenderal",
    "Brigadir Jenderal",
    "Komisaris Besar",
    "Ajun Komisaris Besar",
    "Komisaris",
    "Ajun Komisaris",
    "Inspektur Satu",
    "Inspektur Dua",
    "Ajun Inspektur Satu",
    "Ajun Inspektur Dua",
    "Brigadir Kepala",
    "Brigadir Satu",
    "Brigadir Dua",
    "Ajun Brigadir",
    "Letnan Jenderal",
    "Mayor Jenderal",
    "Letnan Kolonel",
    "Letnan Satu",
    "Letnan Dua",
    "Sersan Mayor",
    "Sersan Kepala",
    "Sersan Satu",
    "Sersan Dua",
    "Kopral Kepala",
    "Kopral Satu",
    "Kopral Dua",
    "Prajurit Kepala",
    "Prajurit Satu",
    "Prajurit Dua",
    # A bare police rank of a foreign force ("ujar Inspektur Shuttleworth", "Detective Smith").
    "Inspektur",
    "Inspector",
    "Sersan",
    "Sergeant",
    "Detektif",
    "Detective",
    "Superintendent",
    "Constable",
] + [k.title() for k in SPELLED_RANKS]

MILITARY_RANKS = [
    "Jenderal TNI",
    "Letjen TNI",
    "Mayjen TNI",
    "Brigjen TNI",
    "Laksamana",
    "Laksdya",
    "Laksda",
    "Laksma",
    "Marsekal",
    "Marsdya",
    "Marsda",
    "Marsma",
    "Letjen",
    "Mayjen",
    "Kolonel",
    "Letkol",
    "Mayor",
    "Kapten",
    "Lettu",
    "Letda",
    "Peltu",
    "Pelda",
    "Serma",
    "Serka",
    "Sertu",
    "Serda",
    "Kopka",
    "Koptu",
    "Kopda",
    "Praka",
    "Pratu",
    "Prada",
]

# Corps / branch suffixes that belong to a TNI rank: "Kapten Inf", "Letkol Kav", "Kolonel Laut (P)".
MILITARY_CORPS = [
    "Inf",
    "Kav",
    "Arh",
    "Arm",
    "Czi",
    "Cpl",
    "Chk",
    "Ckm",
    "Cku",
    "Cba",
    "Cpm",
    "Cpn",
    "Caj",
    "Ctp",
    "Kes",
    "Lek",
    "Mar",
    "Pnb",
    "Nav",
    "Sus",
    "Tek",
    "Adm",
    "Kal",
    "Pas",
    "Laut",
    "Udara",
    "TNI",
]

ALL_RANKS = sorted(POLICE_RANKS + MILITARY_RANKS, key=len, reverse=True)

# --- Roles ---------------------------------------------------------------------------------
# Heads of a role phrase ("Kapolsek Kisam Tinggi", "Sekretaris Desa Kumpang Bis"). Multiword
# heads first. The role phrase continues with the unit/place name after the head.
ROLE_HEADS = [
    # police
    "Kapolri",
    "Wakapolri",
    "Kapolda",
    "Wakapolda",
    "Kapolrestabes",
    "Kapolresta",
    "Kapolres",
    "Wakapolres",
    "Wakapolresta",
    "Kapolsek",
    "Wakapolsek",
    "Kapolsubsektor",
    "Kapospol",
    "Kabid Humas",
    "Kabid Propam",
    "Kabag Ops",
    "Kabag Sumda",
    "Kabag Ren",
    "Kabag",
    "Kasat Reskrim",
    "Kasatreskrim",
    "Kasat Lantas",
    "Kasatlantas",
    "Kasat Binmas",
    "Kasatbinmas",
    "Kasat Samapta",
    "Kasat Sabhara",
    "Kasat Intelkam",
    "Kasat Resnarkoba",
    "Kasat Narkoba",
    "Kasat Polairud",
    "Kasat Tahti",
    "Kasat Reserse Kriminal",
    "Kasat Reserse Narkoba",
    "Kasatreserse Kriminal",
    "Kasatreserse Narkoba",
    "Kasatreserse",
    "Kasatres Narkoba",
    "Kasatresnarkoba",
    "Kasatnarkoba",
    "Kasatres",
    "Kasatsamapta",
    "Kasatintelkam",
    "Kasat",
    "Kasi Humas",
    "Kasihumas",
    "Kasi Propam",
    "Kasi",
    "Kasubsi Penmas",
    "Kasubsi",
    "Kasubbag Humas",
    "Kasubag Humas",
    # Glued spellings are common in police press releases.
    "Kasubbaghumas",
    "Kasubaghumas",
    "Kabidhumas",
    "Kabaghumas",
    "Kasubsipenmas",
    "Kasubbag",
    "Kasubag",
    "Kanit Reskrim",
    "Kanit Binmas",
    "Kanit Intelkam",
    "Kanit Samapta",
    "Kanit Lantas",
    "Kanit Provos",
    "Kanit",
    "Panit",
    "Paur Humas",
    "Paur",
    "Kaur",
    "Kadiv Humas",
    "Karo Penmas",
    "Dirreskrimum",
    "Dirreskrimsus",
    "Dirresnarkoba",
    "Dirlantas",
    "Dirbinmas",
    "Dansat Brimob",
    # Operation task forces and directorate offices: "Kasubsatgas Sosialisasi OMP Tinombala".
    "Kasatgas",
    "Kasubsatgas",
    "Wakasatgas",
    "Kasubdit",
    "Kasubbid",
    "Wakasat",
    "Wadir",
    "Kabid",
    "Karo",
    "Kadiv",
    "Panglima",
    "Danyon",
    "Danki",
    "Bhabinkamtibmas",
    "Bhabin",
    "Personel",
    "Anggota",
    # military
    "Pangdam",
    "Kasdam",
    "Danrem",
    "Dandim",
    "Kasdim",
    "Danramil",
    "Babinsa",
    "Danlanal",
    "Danlanud",
    "Dankodim",
    # civil
    "Sekretaris Desa",
    "Sekretaris Daerah",
    "Sekretaris Camat",
    "Sekretaris",
    "Sekdes",
    "Sekda",
    "Sekcam",
    "Kepala Desa",
    "Kepala Dusun",
    "Kepala Kampung",
    "Kepala Dinas",
    "Kepala Sekolah",
    "Kepala Bidang",
    "Kepala Seksi",
    "Kepala Badan",
    "Kepala",
    "Kades",
    "Kadus",
    "Kadis",
    "Lurah",
    "Camat",
    "Wakil Bupati",
    "Wabup",
    "Bupati",
    "Penjabat Bupati",
    "Pj Bupati",
    "Plt Bupati",
    "Wakil Wali Kota",
    "Wakil Walikota",
    "Wali Kota",
    "Walikota",
    "Pj Wali Kota",
    "Wakil Gubernur",
    "Gubernur",
    "Pj Gubernur",
    "Wakil Ketua",
    "Ketua",
    "Komisioner",
    "Koordinator",
    "Direktur",
    "Menteri",
    "Presiden",
    "Wakil Presiden",
    "Kapuskesmas",
    "Tokoh Masyarakat",
    "Tokoh Agama",
    "Jaksa",
    "Hakim",
    "Kajari",
    "Kajati",
    "Kasi Pidum",
    "Kasi Intel",
    "Juru Bicara",
    "Jubir",
    "Ketua RT",
    "Ketua RW",
]
ROLE_HEADS = sorted(set(ROLE_HEADS), key=len, reverse=True)

# Role heads that name an office held by one person in a unit; used to resolve "ujar Kapolsek"
# to the Kapolsek named earlier. Short forms map to the canonical head.
ROLE_ALIASES = {
    "bhabin": "bhabinkamtibmas",
    "kasatreskrim": "kasat reskrim",
    "kasatlantas": "kasat lantas",
    "kasatbinmas": "kasat binmas",
    "kasihumas": "kasi humas",
    "sekdes": "sekretaris desa",
    "kades": "kepala desa",
    "walikota": "wali kota",
    "wabup": "wakil bupati",
}

# Unit heads: "Kapolsek X" implies the organisation "Polsek X".
ROLE_TO_ORG = {
    "kapolsek": "Polsek",
    "wakapolsek": "Polsek",
    "kapolres": "Polres",
    "wakapolres": "Polres",
    "kapolresta": "Polresta",
    "kapolrestabes": "Polrestabes",
    "kapolda": "Polda",
    "wakapolda": "Polda",
    "dandim": "Kodim",
    "danramil": "Koramil",
    "danrem": "Korem",
    "pangdam": "Kodam",
}

# --- Organisations -------------------------------------------------------------------------
# Heads that take a name after them ("Polsek Kie", "Kodim 0410/KBL", "DPRD Kabupaten OKU").
ORG_HEADS = [
    "Polsek",
    "Polres",
    "Polresta",
    "Polrestabes",
    "Polda",
    "Polsubsektor",
    "Mapolsek",
    "Mapolres",
    "Mapolresta",
    "Mapolda",
    "Satreskrim",
    "Satlantas",
    "Satbinmas",
    "Satsamapta",
    "Sat Reskrim",
    "Sat Lantas",
    "Sat Binmas",
    "Sat Samapta",
    "Satresnarkoba",
    "Satpolairud",
    "Kodim",
    "Koramil",
    "Korem",
    "Kodam",
    "Yonif",
    "Lanal",
    "Lanud",
    "Pemkab",
    "Pemkot",
    "Pemprov",
    "Pemdes",
    "Pemerintah Kabupaten",
    "Pemerintah Kota",
    "Pemerintah Provinsi",
    "Pemerintah Desa",
    "DPRD",
    "KPU",
    "KPUD",
    "Bawaslu",
    "Panwaslu",
    "Panwascam",
    "PPK",
    "PPS",
    "KPPS",
    "Kejari",
    "Kejati",
    "Kejaksaan Negeri",
    "Kejaksaan Tinggi",
    "Pengadilan Negeri",
    "Pengadilan Agama",
    "Dinas",
    "Puskesmas",
    "RSUD",
    "Lapas",
    "Rutan",
    "BNNK",
    "BNNP",
    "BPBD",
    "Brimob",
    "Satpol PP",
    "Universitas",
    "Partai",
]
ORG_HEADS = sorted(set(ORG_HEADS), key=len, reverse=True)

# Organisations that stand alone (no name after them).
STANDALONE_ORGS = [
    "Mabes Polri",
    "Polri",
    "TNI",
    "KPU",
    "Bawaslu",
    "DKPP",
    "BNN",
    "KPK",
    "Basarnas",
    "Brimob",
    "Kemendagri",
    "Kemenag",
    "Kejaksaan Agung",
    "Mahkamah Konstitusi",
    "DPR",
    "MPR",
    "MUI",
    "PBNU",
]

# --- Places --------------------------------------------------------------------------------
PLACE_HEADS = [
    "Desa",
    "Kelurahan",
    "Kecamatan",
    "Kabupaten",
    "Kota",
    "Provinsi",
    "Dusun",
    "Kampung",
    "Nagari",
    "Gampong",
    # Their short forms, written without a full stop on regional pages ("Kel Sukamaju").
    "Kel",
    "Kec",
    "Kab",
    "Ds",
]

PROVINCES = [
    "Aceh",
    "Sumatera Utara",
    "Sumatra Utara",
    "Sumatera Barat",
    "Sumatra Barat",
    "Riau",
    "Kepulauan Riau",
    "Jambi",
    "Sumatera Selatan",
    "Sumatra Selatan",
    "Bangka Belitung",
    "Kepulauan Bangka Belitung",
    "Bengkulu",
    "Lampung",
    "DKI Jakarta",
    "Jakarta",
    "Jawa Barat",
    "Banten",
    "Jawa Tengah",
    "DI Yogyakarta",
    "Yogyakarta",
    "Jawa Timur",
    "Bali",
    "Nusa Tenggara Barat",
    "Nusa Tenggara Timur",
    "Kalimantan Barat",
    "Kalimantan Tengah",
    "Kalimantan Selatan",
    "Kalimantan Timur",
    "Kalimantan Utara",
    "Sulawesi Utara",
    "Sulawesi Tengah",
    "Sulawesi Selatan",
    "Sulawesi Tenggara",
    "Sulawesi Barat",
    "Gorontalo",
    "Maluku",
    "Maluku Utara",
    "Papua",
    "Papua Barat",
    "Papua Barat Daya",
    "Papua Tengah",
    "Papua Pegunungan",
    "Papua Selatan",
]
PROVINCES = sorted(set(PROVINCES), key=len, reverse=True)

# Short names of provinces as headlines, section labels and datelines write them.
PROVINCE_ABBREVIATIONS = {
    "jabar", "jateng", "jatim", "diy", "dki", "banten", "sumut", "sumsel", "sumbar", "sumatera",
    "kalbar", "kalteng", "kalsel", "kaltim", "kaltara", "sulsel", "sulteng", "sultra", "sulbar",
    "sulut", "ntb", "ntt", "kepri", "babel", "malut", "papua", "lampung", "aceh", "bali",
}  # fmt: skip

# --- Events --------------------------------------------------------------------------------
EVENT_HEADS = {
    "pemilu": "Pemilu",
    "pemilihan umum": "Pemilu",
    "pilkada": "Pilkada",
    "pemilihan kepala daerah": "Pilkada",
    "pilkades": "Pilkades",
    "pemilihan kepala desa": "Pilkades",
    "pilpres": "Pilpres",
    "pemilihan presiden": "Pilpres",
    "pileg": "Pileg",
    "pemilihan legislatif": "Pileg",
    "pilgub": "Pilgub",
    "pilbup": "Pilbup",
    "pilwalkot": "Pilwalkot",
}

# --- Speech --------------------------------------------------------------------------------
# Verbs that attribute a quote when they FOLLOW it ("..., ujar X" / "..., ujarnya").
# Base forms; the -nya suffix marks a pronoun.
ATTRIB_VERBS = [
    "ujar",
    "kata",
    "ucap",
    "ungkap",
    "tegas",
    "jelas",
    "imbuh",
    "pungkas",
    "tambah",
    "tutur",
    "terang",
    "sebut",
    "lanjut",
    "papar",
    "seru",
    "sambung",
    "timpal",
    "tandas",
    "urai",
    "beber",
    "aku",
    "kisah",
    "harap",
    "pinta",
    "ajak",
    "pesan",
    "tulis",
    "jawab",
    "tanya",
    "cerita",
    "katakan",
    "tukas",
    "bilang",
    "ingat",
    "imbau",
    "himbau",
    "tutup",
    "akhir",
    "celetuk",
    "keluh",
    "sahut",
    "saran",  # '"Jangan mudah percaya hoaks," saran Dadang'
]
ATTRIB_VERBS = sorted(set(ATTRIB_VERBS), key=len, reverse=True)

# Verbs (or phrases) whose SUBJECT is speaking: "X mengatakan", "X menambahkan".
SPEECH_VERBS = [
    "mengatakan",
    "menurutnya",
    "menambahkan",
    "menjelaskan",
    "mengungkapkan",
    "menegaskan",
    "menuturkan",
    "menyampaikan",
    "menerangkan",
    "memaparkan",
    "menyebutkan",
    "menyebut",
    "mengimbau",
    "menghimbau",
    "mengingatkan",
    "mengaku",
    "mengakui",
    "berkata",
    "berujar",
    "berpesan",
    "berharap",
    "meminta",
    "mengajak",
    "menekankan",
    "membenarkan",
    "membeberkan",
    "mengklaim",
    "menilai",
    "menyatakan",
    "menanggapi",
    "menjawab",
    "bercerita",
    "menceritakan",
    "mengapresiasi",
    "memberikan apresiasi",
    "menginstruksikan",
    "memerintahkan",
    "menyebut",
    "mengutarakan",
    "menandaskan",
    "mengungkap",
    "mengharapkan",
    "bilang",
    "said",
    "says",
    "told",
    "added",
    "explained",
    "stated",
    "noted",
    "warned",
]
SPEECH_VERBS = sorted(set(SPEECH_VERBS), key=len, reverse=True)

ENGLISH_ATTRIB = ["said", "says", "told", "added", "explained", "stated", "noted", "asked", "wrote"]


def _wordset(text: str) -> set[str]:
    """Lower-cased words of a whitespace-separated list."""
    return {w.lower() for w in text.split()}


# Capitalised words that start sentences or headlines but are never part of a name.
NOT_NAME_WORDS = _wordset(
    """
    Dia Ia Beliau Kami Kita Saya Mereka Anda Ini Itu Hal Dalam Pada Di Ke Dari Dan Atau Yang
    Untuk Dengan Oleh Saat Sejak Setelah Sebelum Selain Namun Tetapi Tapi Karena Sehingga
    Jika Bila Agar Supaya Juga Pun Hingga Sampai Menurut Selaku Sebagai Bersama Para Seluruh
    Semua Warga Masyarakat Polisi Kepolisian Personel Petugas Anggota Pihak Kegiatan Acara
    Bapak Ibu Pak Bu Sdr Saudara The A An And Of In On At For To By Said He She They We It
    This That Senin Selasa Rabu Kamis Jumat Sabtu Minggu Ahad Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday Januari Februari Pebruari Maret April Mei Juni Juli
    Agustus September Oktober November Nopember Desember Kecamatan Kabupaten Desa Kelurahan
    Kota Provinsi Dusun Jalan Jl Gelar Lakukan Laksanakan Beri Berikan Sambangi Imbau Ajak
    Amankan Tangkap Rutin Jelang Menjelang Terus Giat Kunjungi Tingkatkan Pastikan Patroli
    Sosialisasi Bhabinkamtibmas Kapolsek Kapolres Kapolda Kasat Kanit Polsek Polres Polda
    Polri TNI Pemilu Pilkada Pilpres Pileg Pilkades Kamtibmas Melalui Terkait Guna Demi
    Tersebut Adapun Sementara Selanjutnya Kemudian Lalu Akhirnya Bahkan Apalagi Sedangkan
    Menanggapi Mengenai Tentang Tak Tidak Hari Tanggal Pukul Wib Wita Wit Tahun Bulan Minggu
    Sekitar Usai Seusai Ketika Tersangka Korban Pelaku Ujar Kata Tegas Jelas Tambah Ungkap
    Katanya Ujarnya Menurutnya Jum'at Jum’at Enggan Sempat Tampak Terlihat Diketahui
    Sebelumnya Sesudahnya Ternyata Rupanya Padahal Kendati Meskipun Bagi Soal Terhadap Atas
    Akibat Berdasarkan Sesuai Selama Sesampainya Mendengar Melihat Mengetahui Merasa Usai
    Begitu Apakah Bagaimana Mengapa Kenapa Siapa Kapan Dimana Mana Kalau Nah Ya Iya Tidak
    Belum Sudah Masih Hanya Cuma Semoga Mudah-mudahan Tolong Mohon Harap Silakan Simak
    Serta Secara Terdapat Berikut Pasca Jadi Maka Lanjut Kedepan Kini Pol Satu Dua Tiga Empat
    Lima Enam Tujuh Delapan Sembilan Sepuluh Puluhan Ratusan Ribuan Sejumlah Terpisah
    Selanjutnya Awalnya Intinya Pasalnya Rencananya Terakhir
    """
)

# Further capitalised words that are never part of a PERSON's name, though they may be part of
# an organisation or place name ("Polsek Kisam Tinggi", "Kejaksaan Negeri Magetan").
NOT_PERSON_WORDS = NOT_NAME_WORDS | _wordset(
    """
    Pemerintah Negara Kementerian Partai Tim Panitia Komisi Dewan Badan Lembaga Pengadilan
    Kejaksaan Majelis Hakim Jaksa Pengacara Perusahaan Sekolah Universitas Rumah Gedung
    Markas Kantor Polisi Police Officials Official Authorities Government President Minister
    Reuters AFP Kepala Wakil Ketua Sekretaris Direktur Presiden Menteri Gubernur Bupati
    Walikota Camat Lurah Kades Tokoh Pihaknya Satuan Reserse Kriminal Unit Bidang Seksi
    Bagian Subbag Humas Hubungan Masyarakat Penerangan Umum Khusus Negeri Tinggi Agama
    Daerah Nasional Republik Indonesia Provinsi Kabupaten Mereka Selain Sebab Maka Kalau
    Apabila Meski Walaupun Begitu Demikian Kini Saat Kemarin Besok Tadi Setiap Tiap Beberapa
    Sejumlah Salah Seorang Sebuah Para Kedua Ketiga Keempat Kelima Pertama
    Propam Paminal Provos Reskrim Reskrimum Reskrimsus Krimum Krimsus Satreskrim Satlantas
    Satbinmas Satsamapta Satsabhara Satintelkam Satresnarkoba Satpolairud Satnarkoba Lantas
    Binmas Samapta Sabhara Intelkam Resnarkoba Narkoba Polairud Brimob Densus Resmob Jatanras
    Buser Inafis Labfor Dokkes Biddokkes Bidhumas Bidpropam Bidkum Ditreskrimum Ditreskrimsus
    Ditresnarkoba Ditlantas Ditintelkam Ditbinmas Ditsamapta Ditpolairud Gakkum Regident
    Dikyasa Turjawali Tipikor Tipidkor Tipiter Siber Opsnal Harda Renakta Pasal Ayat Huruf Butir
    """
)

# Academic / professional degrees written after a name ("Arsyadi Putra, SH").
DEGREE_RE = re.compile(
    r"^(?:S\.?\s?I\.?K|S\.?H|M\.?H|M\.?Si|S\.?Sos|S\.?Pd|M\.?Pd|S\.?Kom|S\.?E|M\.?M|S\.?T|M\.?T|"
    r"S\.?Ag|M\.?Ag|S\.?IP|S\.?I\.?P|S\.?Psi|S\.?Kep|Ners|S\.?Ked|S\.?Tr\.?K|S\.?Tr|S\.?Hum|"
    r"M\.?Hum|M\.?Kn|S\.?Ip|S\.?Sy|M\.?A|MBA|Ph\.?D|S\.?K\.?M|S\.?Farm|Apt|Lc|Amd|A\.?Md|"
    r"S\.?A\.?P|M\.?A\.?P|S\.?Si|M\.?Kes|S\.?Kes|S\.?Th|M\.?Th|CPHR|CHRA|MSi|MH|SH|SE|MM|ST|SIK)"
    r"\.?$",
    re.IGNORECASE,
)
# Name parts that come before a given name and never stand alone: Balinese birth-order names and
# initials ("I Wayan Wasista", "Gede Dody ...", "M Rizal ..."). A name found by its later part is
# extended back over these.
NAME_PREFIXES = {
    "i", "ni", "gede", "made", "putu", "wayan", "nyoman", "ketut", "kadek", "komang", "gusti",
    "ida", "anak", "agung", "cokorda", "ngurah", "luh", "m", "muh", "moh", "mhd", "h", "hj",
}  # fmt: skip

# Sasak (Lombok) name particles that are also common words ("Lalu" = then): part of a name only
# when another name word follows ("AKP Lalu Hedwin", "Baiq Nuril").
NAME_PARTICLES = {"lalu", "baiq", "lale", "i", "ni"}

# Titles and honorifics written before a name and not part of it: academic titles, Haji/Hajjah,
# Nyonya, and Balinese religious/royal titles ("Ida Pedanda Gede ...", "Ida Dalem ...").
PREFIX_TITLES = {
    "dr.", "dr", "drs.", "drs", "dra.", "ir.", "ir", "prof.", "prof", "kh.", "kh", "ny.", "ny",
    "nyonya", "hj.", "hj", "h.", "ustadz", "ustaz", "ustadzah", "habib", "syekh", "kiai", "kyai",
    "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "sir",
}  # fmt: skip
# Multiword honorifics before a name ("Ida Pedanda", "Ida Padanda", "Ida Dalem", "Ida Rsi").
HONORIFICS_RE = re.compile(r"Ida\s+(?:P[ae]danda|Dalem|Rsi|Resi|Bhagawan|Mpu)\s+(?=[A-Z])")

MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "peb": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nopember": 11,
    "nov": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}

WEEKDAYS = [
    "Senin",
    "Selasa",
    "Rabu",
    "Kamis",
    "Jumat",
    "Jum'at",
    "Jum’at",
    "Jum`at",
    "Sabtu",
    "Minggu",
    "Ahad",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
]


def alternation(words: list[str]) -> str:
    """A regex matching any of ``words``, built as a character trie.

    A trie ("Kapolres|Kapolresta|Kapolsek" -> "Kapol(?:res(?:ta)?|sek)") lets the regex engine
    decide on one branch per character instead of trying every word in turn, which is several
    times faster for the long word lists used here. A space in a word matches any run of spaces.
    Longer words are preferred at every branch, like a longest-first alternation.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:
    end = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        piece = r"\s+" if ch == " " else re.escape(ch)
        branches.append(piece + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        # Optional tail: greedy, so the longer word wins, as a longest-first alternation would.
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body
