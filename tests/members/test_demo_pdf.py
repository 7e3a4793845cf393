"""The demo's members-only documents are small, well-formed PDFs with Japanese text."""

import re

from members.demo_pdf import build_pdf


def ucs2(text):
    return "".join(f"{ord(char):04X}" for char in text).encode()


def test_a_well_formed_pdf_with_the_title_and_lines_in_japanese():
    data = build_pdf("令和3年度 総会資料一式", ["デモ用の架空のデータです。", "1. 開会"])
    assert data.startswith(b"%PDF-1.4\n") and data.endswith(b"%%EOF\n")
    start = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
    assert data[start:].startswith(b"xref\n0 9\n")
    offsets = [int(offset) for offset in re.findall(rb"(\d{10}) 00000 n ", data[start:])]
    assert len(offsets) == 8
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj\n" % number)
    length = int(re.search(rb"/Length (\d+) >>\nstream\n", data).group(1))
    stream = re.search(rb"stream\n(.*?)\nendstream", data, re.S).group(1)
    assert len(stream) == length
    for text in ("令和3年度 総会資料一式", "デモ用の架空のデータです。", "1. 開会"):
        assert b"<" + ucs2(text) + b"> Tj" in stream
    assert b"/Encoding /UniJIS-UCS2-H" in data and b"/Ordering (Japan1)" in data
