"""The register as CSV in the form Japanese Excel opens and saves: UTF-8 with a BOM (Excel
saves Shift_JIS too, which import reads), CRLF, Japanese headers, labels not codes.

Import validates every row first and stores nothing unless all are right; each problem is
reported as 「3行目：入会日…」 (the header is line 1, as Excel numbers rows). A row with a 会員ID
updates that member; a row without one adds a member.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from website.models import Forum, Prefecture

from .models import LocalGovernment, MemberOrganisation, OrganisationType, normalize

HEADERS = [
    "会員ID",
    "会員種別",
    "名称",
    "名称（カナ）",
    "都道府県",
    "団体コード",
    "入会日",
    "退会日",
    "参加フォーラム",
    "紹介文",
    "ウェブサイト",
]
REQUIRED = ["会員種別", "名称", "入会日"]
LIST_SEPARATOR = "、"
MAX_ROWS = 10_000
MAX_BYTES = 5 * 1024 * 1024


def export_rows(organisations):
    yield HEADERS
    for organisation in organisations:
        yield [
            organisation.pk,
            organisation.get_type_display(),
            organisation.name,
            organisation.kana,
            organisation.prefecture.name if organisation.prefecture_id else "",
            organisation.local_government_id or "",
            organisation.joined_on.isoformat(),
            organisation.left_on.isoformat() if organisation.left_on else "",
            LIST_SEPARATOR.join(forum.name for forum in organisation.forums.all()),
            organisation.public_description,
            organisation.website_url,
        ]


def export_queryset():
    return MemberOrganisation.objects.select_related("prefecture").prefetch_related("forums")


def export_csv(organisations):
    """The CSV file's bytes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in export_rows(organisations):
        writer.writerow(_safe_cell(value) for value in row)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _safe_cell(value):
    # A cell starting with = + - @ would run as a formula in Excel (CSV injection).
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


# --- import -------------------------------------------------------------------------------


@dataclass
class ImportResult:
    errors: list = field(default_factory=list)
    created: int = 0
    updated: int = 0

    @property
    def ok(self):
        return not self.errors


def decode(data):
    """Text of an uploaded file: UTF-8 (with or without BOM) or Shift_JIS (CP932)."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


class _Lookups:
    """Every label a row may name, read once for the whole file."""

    def __init__(self):
        self.types = {normalize(label): value for value, label in OrganisationType.choices}
        self.prefectures = {p.name: p for p in Prefecture.objects.all()}
        # "東京" for "東京都", "大阪" for "大阪府"…, except 北海道, which is only itself.
        for prefecture in list(self.prefectures.values()):
            short = re.sub(r"[都府県]$", "", prefecture.name)
            self.prefectures.setdefault(short, prefecture)
        self.forums = {normalize(f.name): f for f in Forum.objects.all()}


def parse_date(text):
    text = normalize(text)
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def import_csv(data):
    """Validate every row of the file's bytes and, only if all are right, store them."""
    result = ImportResult()
    if len(data) > MAX_BYTES:
        result.errors.append("ファイルが大きすぎます（5MBまで）。")
        return result
    text = decode(data)
    if text is None:
        result.errors.append(
            "ファイルの文字コードが読めません。UTF-8 か Shift_JIS のCSVで保存してください。"
        )
        return result
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        result.errors.append(
            "CSVとして読めません。Excelで「CSV（コンマ区切り）」として保存してください。"
        )
        return result
    if not rows:
        result.errors.append("ファイルが空です。")
        return result
    header = [normalize(name) for name in rows[0]]
    missing = [name for name in HEADERS if normalize(name) not in header]
    if missing:
        result.errors.append(
            f"1行目の見出しに「{'」「'.join(missing)}」がありません。書き出したCSVの見出しをそのまま使ってください。"
        )
        return result
    if len(rows) - 1 > MAX_ROWS:
        result.errors.append(f"一度に読み込めるのは {MAX_ROWS:,} 行までです。")
        return result
    columns = {name: header.index(normalize(name)) for name in HEADERS}
    lookups = _Lookups()
    ids = {
        _cell(row, columns["会員ID"]) for row in rows[1:] if _cell(row, columns["会員ID"]).isdigit()
    }
    existing = MemberOrganisation.objects.in_bulk([int(i) for i in ids])
    governments = LocalGovernment.objects.in_bulk(
        {_cell(row, columns["団体コード"]) for row in rows[1:]} - {""}
    )
    planned = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {name: _cell(row, index) for name, index in columns.items()}
        organisation, forums, errors = _build(values, lookups, existing, governments)
        result.errors.extend(f"{line}行目：{message}" for message in errors)
        if not errors:
            planned.append((organisation, forums))
    if not planned and not result.errors:
        result.errors.append("読み込む行がありません。")
    if result.errors:
        return result
    with transaction.atomic():
        for organisation, forums in planned:
            is_new = organisation.pk is None
            organisation.forums.set(forums)  # kept by modelcluster until save()
            organisation.save()
            if is_new:
                result.created += 1
            else:
                result.updated += 1
    return result


def _cell(row, index):
    return normalize(row[index]) if index < len(row) else ""


def _build(values, lookups, existing, governments):
    errors = []
    for name in REQUIRED:
        if not values[name]:
            errors.append(f"「{name}」が空欄です。")
    member_id = values["会員ID"]
    if member_id:
        organisation = existing.get(int(member_id)) if member_id.isdigit() else None
        if organisation is None:
            errors.append(
                f"会員ID「{member_id}」の会員が見つかりません。新しい会員なら会員IDを空欄にしてください。"
            )
            organisation = MemberOrganisation()
    else:
        organisation = MemberOrganisation()

    if values["会員種別"]:
        organisation.type = lookups.types.get(values["会員種別"])
        if organisation.type is None:
            choices = "、".join(label for _, label in OrganisationType.choices)
            errors.append(f"会員種別「{values['会員種別']}」は選べません（{choices} のいずれか）。")
    organisation.name = values["名称"][:200]
    organisation.kana = values["名称（カナ）"][:200]

    prefecture = None
    if values["都道府県"]:
        prefecture = lookups.prefectures.get(values["都道府県"])
        if prefecture is None:
            errors.append(f"都道府県「{values['都道府県']}」が見つかりません。")
    organisation.prefecture = prefecture

    code = values["団体コード"]
    organisation.local_government = None
    if code:
        government = governments.get(code)
        if government is None:
            errors.append(f"団体コード「{code}」は全国地方公共団体コードにありません。")
        else:
            organisation.local_government = government

    for name, attribute in (("入会日", "joined_on"), ("退会日", "left_on")):
        if values[name]:
            day = parse_date(values[name])
            if day is None:
                errors.append(f"{name}「{values[name]}」を日付として読めません（例: 2021-04-01）。")
            setattr(organisation, attribute, day)
        else:
            setattr(organisation, attribute, None)

    forums = []
    for forum_name in filter(None, re.split(r"[、,;；]", values["参加フォーラム"])):
        forum = lookups.forums.get(normalize(forum_name))
        if forum is None:
            errors.append(f"参加フォーラム「{forum_name}」が見つかりません。")
        else:
            forums.append(forum)
    organisation.public_description = values["紹介文"]
    organisation.website_url = values["ウェブサイト"]

    if not errors:
        try:
            # Relations and the date order were checked above, from memory.
            organisation.full_clean(
                exclude=["prefecture", "local_government", "forums"], validate_constraints=False
            )
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                label = _label(field_name)
                errors.extend(f"{label}：{message}" if label else message for message in messages)
    return organisation, forums, errors


def _label(field_name):
    if field_name == "__all__":
        return ""
    return str(MemberOrganisation._meta.get_field(field_name).verbose_name)
