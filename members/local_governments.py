"""Loading the list of local governments (members/data/local_governments.csv).

The data migration and `manage.py load_local_governments` both call `load()`; it is
idempotent: codes already there are updated, new ones added, and codes no longer in the
file are marked abolished (members may still point to them).
"""

import csv
from pathlib import Path

from .models import LocalGovernment, normalize, validate_local_government_code

DATA_FILE = Path(__file__).resolve().parent / "data" / "local_governments.csv"
COLUMNS = [
    "団体コード",
    "都道府県名（漢字）",
    "市区町村名（漢字）",
    "都道府県名（カナ）",
    "市区町村名（カナ）",
]


def kind_of(code, municipality):
    Kind = LocalGovernment.Kind
    if not municipality:
        return Kind.PREFECTURE
    if code.startswith("131"):
        return Kind.SPECIAL_WARD
    if code[2] == "1":  # 政令指定都市 are numbered x1xx within their prefecture
        return Kind.DESIGNATED_CITY
    return {"町": Kind.TOWN, "村": Kind.VILLAGE}.get(municipality[-1], Kind.CITY)


def read_rows(path=DATA_FILE):
    """Each row as the model's field values; ValueError on a malformed file."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != COLUMNS:
            raise ValueError(f"unexpected columns: {header}")
        for code, prefecture, municipality, prefecture_kana, municipality_kana in reader:
            validate_local_government_code(code)
            yield {
                "code": code,
                "name": municipality or prefecture,
                "kana": normalize(municipality_kana or prefecture_kana),
                "prefecture_id": code[:2],
                "kind": kind_of(code, municipality),
            }


def load(model=LocalGovernment, path=DATA_FILE):
    """(added, updated, abolished) counts. `model` may be a migration's historical model."""
    rows = {row["code"]: row for row in read_rows(path)}
    existing = {item.code: item for item in model.objects.all()}
    fields = ["name", "kana", "prefecture_id", "kind", "abolished"]
    added = [model(**row) for code, row in rows.items() if code not in existing]
    changed = []
    for code, item in existing.items():
        wanted = {**rows[code], "abolished": False} if code in rows else {"abolished": True}
        if any(getattr(item, name) != value for name, value in wanted.items() if name != "code"):
            for name, value in wanted.items():
                setattr(item, name, value)
            changed.append(item)
    model.objects.bulk_create(added, batch_size=500)
    model.objects.bulk_update(changed, fields, batch_size=500)
    abolished = sum(1 for item in changed if item.abolished)
    return len(added), len(changed) - abolished, abolished
