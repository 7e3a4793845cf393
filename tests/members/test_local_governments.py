import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from members import local_governments
from members.models import (
    LOCAL_GOVERNMENT_TOTAL,
    LocalGovernment,
    check_digit,
    validate_local_government_code,
)

pytestmark = pytest.mark.django_db


def test_the_shipped_list_has_every_local_government_with_a_valid_code(governments):
    assert LocalGovernment.objects.count() == LOCAL_GOVERNMENT_TOTAL == 1788
    kinds = dict(
        (kind, LocalGovernment.objects.filter(kind=kind).count())
        for kind in LocalGovernment.Kind.values
    )
    assert kinds == {
        "prefecture": 47,
        "designated_city": 20,
        "city": 772,
        "special_ward": 23,
        "town": 743,
        "village": 183,
    }
    for code in LocalGovernment.objects.values_list("code", flat=True):
        assert check_digit(code[:5]) == int(code[5])


def test_names_kana_and_prefectures_are_read_from_the_list(governments):
    chiyoda = LocalGovernment.objects.get(code="131016")
    assert chiyoda.full_name == "東京都千代田区"
    assert chiyoda.kana == "チヨダク"  # the ministry's half-width kana, made full-width
    assert chiyoda.kind == LocalGovernment.Kind.SPECIAL_WARD
    assert chiyoda.prefecture_id == "13"
    hokkaido = LocalGovernment.objects.get(code="010006")
    assert (hokkaido.full_name, hokkaido.kind) == ("北海道", "prefecture")
    assert LocalGovernment.objects.get(code="402311").name == "那珂川市"


def test_loading_again_changes_nothing_and_marks_removed_codes_abolished(governments, tmp_path):
    assert local_governments.load() == (0, 0, 0)
    lines = local_governments.DATA_FILE.read_text(encoding="utf-8").splitlines()
    shorter = tmp_path / "list.csv"
    shorter.write_text("\n".join(line for line in lines if not line.startswith("402311")))
    assert local_governments.load(path=shorter) == (0, 0, 1)
    assert LocalGovernment.objects.get(code="402311").abolished
    assert LocalGovernment.objects.current().count() == 1787


@pytest.mark.parametrize("code", ["13101", "1310160", "131017", "１３１０１６", "abcdef"])
def test_wrong_codes_are_refused_in_japanese(code):
    with pytest.raises(ValidationError) as error:
        validate_local_government_code(code)
    assert "団体コード" in error.value.messages[0]


@pytest.mark.parametrize(
    "query, expected",
    [("千代田", "131016"), ("チヨダ", "131016"), ("131016", "131016"), ("13101", "131016")],
)
def test_editors_find_a_local_government_by_name_kana_or_code(governments, query, expected):
    assert expected in LocalGovernment.objects.matching(query).values_list("code", flat=True)


def test_the_chooser_searches_by_name_and_code(governments, admin_client):
    url = reverse("wagtailsnippetchoosers_members_localgovernment:choose_results")
    response = admin_client.get(url, {"q": "千代田"})
    assert response.status_code == 200
    assert "東京都千代田区" in response.content.decode()
    response = admin_client.get(url, {"q": "011002"})
    assert "北海道札幌市" in response.content.decode()


def test_the_admin_list_names_its_columns_in_japanese(governments, admin_client):
    abolished = LocalGovernment.objects.get(code="131016")
    abolished.abolished = True
    abolished.save()
    response = admin_client.get(
        reverse("wagtailsnippets_members_localgovernment:list"), {"q": "千代田"}
    )
    html = response.content.decode()
    assert "名称" in html and "Full name" not in html
    assert "東京都千代田区" in html
    assert ">False<" not in html.replace(" ", "").replace("\n", "")
    assert "廃止" in html
