"""The 47 prefectures with their JIS codes, and the regional forum block each belongs to.

The blocks follow the regional development bureaus that the council's regional forums
are organised by.
"""

from website.languages import is_default_language

PREFECTURES = [
    ("01", "北海道", "hokkaido"),
    ("02", "青森県", "tohoku"),
    ("03", "岩手県", "tohoku"),
    ("04", "宮城県", "tohoku"),
    ("05", "秋田県", "tohoku"),
    ("06", "山形県", "tohoku"),
    ("07", "福島県", "tohoku"),
    ("08", "茨城県", "kanto"),
    ("09", "栃木県", "kanto"),
    ("10", "群馬県", "kanto"),
    ("11", "埼玉県", "kanto"),
    ("12", "千葉県", "kanto"),
    ("13", "東京都", "kanto"),
    ("14", "神奈川県", "kanto"),
    ("15", "新潟県", "hokuriku"),
    ("16", "富山県", "hokuriku"),
    ("17", "石川県", "hokuriku"),
    ("18", "福井県", "kinki"),
    ("19", "山梨県", "kanto"),
    ("20", "長野県", "kanto"),
    ("21", "岐阜県", "chubu"),
    ("22", "静岡県", "chubu"),
    ("23", "愛知県", "chubu"),
    ("24", "三重県", "chubu"),
    ("25", "滋賀県", "kinki"),
    ("26", "京都府", "kinki"),
    ("27", "大阪府", "kinki"),
    ("28", "兵庫県", "kinki"),
    ("29", "奈良県", "kinki"),
    ("30", "和歌山県", "kinki"),
    ("31", "鳥取県", "chugoku"),
    ("32", "島根県", "chugoku"),
    ("33", "岡山県", "chugoku"),
    ("34", "広島県", "chugoku"),
    ("35", "山口県", "chugoku"),
    ("36", "徳島県", "shikoku"),
    ("37", "香川県", "shikoku"),
    ("38", "愛媛県", "shikoku"),
    ("39", "高知県", "shikoku"),
    ("40", "福岡県", "kyushu"),
    ("41", "佐賀県", "kyushu"),
    ("42", "長崎県", "kyushu"),
    ("43", "熊本県", "kyushu"),
    ("44", "大分県", "kyushu"),
    ("45", "宮崎県", "kyushu"),
    ("46", "鹿児島県", "kyushu"),
    ("47", "沖縄県", "okinawa"),
]

PREFECTURE_CHOICES = [(code, name) for code, name, _ in PREFECTURES]
JAPANESE_NAMES = dict(PREFECTURE_CHOICES)  # '13' → '東京都'

# The regional blocks, north to south.
REGION_NAMES = {
    "hokkaido": "北海道",
    "tohoku": "東北",
    "kanto": "関東",
    "hokuriku": "北陸",
    "chubu": "中部",
    "kinki": "近畿",
    "chugoku": "中国",
    "shikoku": "四国",
    "kyushu": "九州",
    "okinawa": "沖縄",
}

# Each block with the codes of its prefectures: the areas of the event index (website/filters.py).
REGIONS = [
    (region, name, [code for code, _name, block in PREFECTURES if block == region])
    for region, name in REGION_NAMES.items()
]

# Their names on English pages, by code.
ENGLISH_NAMES = dict(
    enumerate(
        [
            "Hokkaido",
            "Aomori",
            "Iwate",
            "Miyagi",
            "Akita",
            "Yamagata",
            "Fukushima",
            "Ibaraki",
            "Tochigi",
            "Gunma",
            "Saitama",
            "Chiba",
            "Tokyo",
            "Kanagawa",
            "Niigata",
            "Toyama",
            "Ishikawa",
            "Fukui",
            "Yamanashi",
            "Nagano",
            "Gifu",
            "Shizuoka",
            "Aichi",
            "Mie",
            "Shiga",
            "Kyoto",
            "Osaka",
            "Hyogo",
            "Nara",
            "Wakayama",
            "Tottori",
            "Shimane",
            "Okayama",
            "Hiroshima",
            "Yamaguchi",
            "Tokushima",
            "Kagawa",
            "Ehime",
            "Kochi",
            "Fukuoka",
            "Saga",
            "Nagasaki",
            "Kumamoto",
            "Oita",
            "Miyazaki",
            "Kagoshima",
            "Okinawa",
        ]
    )
)
ENGLISH_NAMES = {f"{number + 1:02d}": name for number, name in ENGLISH_NAMES.items()}


def prefecture_name(code):
    """'東京都', 'Tokyo' on English pages."""
    if is_default_language():
        return JAPANESE_NAMES[code]
    return ENGLISH_NAMES[code]


def place_label(code, municipality=""):
    """Where something is, for people: '東京都墨田区', 'Sumida, Tokyo' on English pages;
    '' without a prefecture."""
    if not code:
        return ""
    if not is_default_language():
        return ", ".join(part for part in (municipality, ENGLISH_NAMES[code]) if part)
    return f"{JAPANESE_NAMES[code]}{municipality}"
