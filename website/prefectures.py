"""The 47 prefectures with their JIS codes, and the regional forum block each belongs to.

The blocks follow the regional development bureaus that the council's regional forums
are organised by.
"""

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
PREFECTURE_NAMES = dict(PREFECTURE_CHOICES)
