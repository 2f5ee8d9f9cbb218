"""Input types, decoding, numbers and registries."""

from __future__ import annotations

import codecs
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import DecodeError, InputError, Parser, UnknownNameError, parse
from govreport.normalize.decode import decode_bytes
from govreport.normalize.numbers import TokenKind, cn_to_int, parse_cell
from govreport.registry import Registry
from govreport.testing.synthetic import generate

TRUTH = generate(11, layout="v2019")
TEXT = TRUTH.text


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_are_detected_and_recorded(data, encoding):
    report = parse(data)
    assert report.source.encoding == encoding
    # Every value decoded as generated: a wrong codec would garble labels and lose cells.
    assert TRUTH.mismatches(report) == {}


def test_gbk_only_characters_with_declared_gb2312():
    text, encoding = decode_bytes("朱镕基 陶喆".encode("gbk"), declared="gb2312")
    assert (text, encoding) == ("朱镕基 陶喆", "gb18030")


def test_binary_input_raises_decode_error():
    with pytest.raises(DecodeError):
        parse(b"\x00\x01\x02\x03")


def test_a_broken_image_is_refused_as_an_image():
    # PNG, JPEG and TIFF are page images read by OCR: a truncated one is not text either.
    with pytest.raises(InputError, match="not a readable image") as caught:
        parse(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not isinstance(caught.value, DecodeError)


@given(st.binary(max_size=200))
def test_decoder_never_crashes(data):
    try:
        text, encoding = decode_bytes(data)
    except DecodeError:
        return
    assert isinstance(text, str) and encoding


def test_path_inputs(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    by_str, by_path = parse(str(path)), parse(path)
    assert by_str == by_path
    assert by_path.source.path == str(path) and len(by_path.source.sha256) == 64


def test_bad_inputs_raise_library_errors(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        parse(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="no text"):
        parse("   \n\t ")
    with pytest.raises(InputError, match="str, bytes or a path"):
        parse(12)  # type: ignore[arg-type]
    with pytest.raises(UnknownNameError, match=r"known: .*\btext\b"):
        parse(TEXT, format="pdf-ocr")


@pytest.mark.parametrize(
    ("raw", "kind", "value", "unit"),
    [
        ("12", TokenKind.NUMBER, 12, None),
        ("１２", TokenKind.NUMBER, 12, None),
        ("1,234", TokenKind.NUMBER, 1234, None),
        ("1，234", TokenKind.NUMBER, 1234, None),
        ("+3", TokenKind.NUMBER, 3, None),
        ("－2", TokenKind.NUMBER, -2, None),
        ("增加3", TokenKind.NUMBER, 3, None),
        ("减少2", TokenKind.NUMBER, -2, None),
        ("251000元", TokenKind.NUMBER, 251000, "元"),
        ("12.5万元", TokenKind.NUMBER, Decimal("12.5"), "万元"),
        ("0.0000", TokenKind.NUMBER, Decimal("0.0000"), None),
        ("3件", TokenKind.NUMBER, 3, None),
        ("", TokenKind.BLANK, None, None),
        ("  ", TokenKind.BLANK, None, None),
        ("/", TokenKind.PLACEHOLDER, None, None),
        ("——", TokenKind.PLACEHOLDER, None, None),
        ("不适用", TokenKind.PLACEHOLDER, None, None),
        ("N/A", TokenKind.PLACEHOLDER, None, None),
        ("12,34", TokenKind.TEXT, None, None),
        ("1 2", TokenKind.TEXT, None, None),
        ("见附件", TokenKind.TEXT, None, None),
    ],
)
def test_cell_numbers(raw, kind, value, unit):
    token = parse_cell(raw)
    assert (token.kind, token.value, token.unit) == (kind, value, unit)
    assert type(token.value) is type(value)


@given(st.integers(0, 10**9))
def test_printed_integers_read_back(n):
    assert parse_cell(str(n)).value == n
    assert parse_cell(f"{n:,}").value == n
    assert parse_cell(str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))).value == n


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("\u22123", -3),
        ("-3", -3),
        ("减3", -3),
        ("减少3", -3),
        ("增3", 3),
        ("增加3", 3),
        ("+3", 3),
        ("\u22121.5", Decimal("-1.5")),
    ],
)
def test_signed_cells(text, value):
    """Every printed sign of 本年增/减, the Unicode minus (U+2212) included."""
    token = parse_cell(text)
    assert (token.kind, token.value) == (TokenKind.NUMBER, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十二", 12),
        ("两千零五", 2005),
        ("二〇二一", 2021),
        ("一万二千", 12000),
        ("百", 100),
        ("零", 0),
        ("三十", 30),
        ("壹佰", 100),
        ("abc", None),
        ("九五", 95),  # two digits, no unit: read digit by digit, as years are
        ("一a", None),  # a numeral followed by other text is not a numeral
        ("十二个", None),
    ],
)
def test_chinese_numerals(text, value):
    assert cn_to_int(text) == value


def test_registry_order_enable_and_errors():
    registry: Registry[int] = Registry("thing")
    registry.add("a", 1)
    registry.add("c", 3)
    registry.add("b", 2, before="c")
    assert registry.names() == ("a", "b", "c")
    registry.disable("b")
    assert registry.active() == (1, 3)
    registry.enable("b")
    with pytest.raises(UnknownNameError, match="unknown thing 'z'; known: a, b, c"):
        registry.get("z")


def test_rules_can_be_disabled_per_parser():
    from tests.helpers import applications_text, report_text, zero_rows

    rows = zero_rows()
    rows["new_received"] = ["2", "0", "0", "0", "0", "0", "2"]
    text = report_text(applications_text(rows))
    parser = Parser()
    parser.rules.disable("H1")
    assert "H1" not in {f.rule for f in parser.parse(text).findings}
    assert "H1" in {f.rule for f in parse(text).findings}
