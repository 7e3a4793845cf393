"""A small, valid PDF with Japanese text, built by hand for the demo's members-only documents.

The text is set in HeiseiKakuGo-W5 with the UniJIS-UCS2-H encoding: one of the Japanese fonts
every PDF reader has (Adobe-Japan1), so nothing is embedded and the file stays a few hundred
bytes. Only characters of the Basic Multilingual Plane are written (UCS-2).
"""

A4 = (595, 842)
MARGIN = 56


def _text(value):
    """A PDF hex string of `value` in UCS-2 (big-endian)."""
    return "<" + "".join(f"{ord(char):04X}" for char in value if ord(char) <= 0xFFFF) + ">"


def _content(title, lines):
    width, height = A4
    parts = ["BT", f"/F1 18 Tf {MARGIN} {height - MARGIN - 18} Td", f"{_text(title)} Tj"]
    parts.append("/F1 11 Tf 0 -36 Td")
    for line in lines:
        parts.append(f"{_text(line)} Tj 0 -20 Td")
    parts.append("ET")
    return "\n".join(parts).encode("ascii")


def build_pdf(title, lines=()):
    """The bytes of a one-page A4 PDF: `title` in large type, then each of `lines`."""
    content = _content(title, lines)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>" % A4
        ),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        (
            b"<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 "
            b"/Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>"
        ),
        (
            b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5 "
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 2 >> "
            b"/FontDescriptor 7 0 R /DW 1000 >>"
        ),
        (
            b"<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4 "
            b"/FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 880 /Descent -120 "
            b"/CapHeight 737 /StemV 114 >>"
        ),
        (b"<< /Title %s /Producer (Sankaku demo) >>" % _text(title).encode("ascii")),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (
        len(objects) + 1,
        len(objects),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
