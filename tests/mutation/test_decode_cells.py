"""Decoding, markup cell text and one-cell-per-line tables, pinned where mutation testing found them unpinned.

Decoding is asserted through :func:`decode_bytes` (text, codec name and the exact
error message of each refusal); cell text through :class:`CellLines` and
:class:`RawTable`; web-page cell lines through :func:`rebuild_cell_lines` and the
test that tells table cells from prose.
"""

from __future__ import annotations

import codecs

import pytest

from govreport.errors import DecodeError
from govreport.model.document import Grid, Location, Paragraph
from govreport.normalize.decode import decode_bytes
from govreport.readers.cell_lines import _one_cell_per_line, rebuild_cell_lines
from govreport.readers.cells import RawTable

CHINESE_UTF8 = "中文".encode()
RUSSIAN = "Привет мир, это тестовый текст для проверки кодировки."
# Control characters and a 0xFF byte: no BOM, no NUL, not UTF-8 or GB18030, and the
# detector finds no encoding either.
NO_ENCODING_FITS = bytes(range(1, 32)) * 3 + b"\xff"


def test_a_bom_that_does_not_decode_names_the_codec_it_tried() -> None:
    with pytest.raises(DecodeError) as raised:
        decode_bytes(codecs.BOM_UTF8 + b"\xff")
    assert str(raised.value).startswith("byte-order mark says utf-8-sig but decoding failed: 'utf-8' codec")


def test_nul_bytes_without_a_bom_are_refused_as_binary() -> None:
    with pytest.raises(DecodeError) as raised:
        decode_bytes(b"a\x00b")
    assert str(raised.value) == "input contains NUL bytes and no byte-order mark: binary, not text"


def test_the_declared_charset_is_tried_before_utf8() -> None:
    # Valid UTF-8, but a page declaring Latin-1 is read as Latin-1.
    assert decode_bytes(CHINESE_UTF8, "latin-1") == ("ä¸\xadæ\x96\x87", "iso8859-1")
    assert decode_bytes(CHINESE_UTF8) == ("中文", "utf-8")


def test_a_declared_charset_that_fails_falls_through_to_utf8_not_to_the_detector() -> None:
    assert decode_bytes(CHINESE_UTF8, "ascii") == ("中文", "utf-8")


def test_bytes_in_no_strict_codec_are_read_by_the_detector() -> None:
    data = RUSSIAN.encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb18030")
    text, codec = decode_bytes(data)
    assert text == RUSSIAN
    assert codecs.lookup(codec).name == "cp1251"  # under whichever alias the detector's version names it


def test_bytes_no_encoding_fits_are_refused_with_the_accepted_encodings_named() -> None:
    with pytest.raises(DecodeError) as raised:
        decode_bytes(NO_ENCODING_FITS)
    assert str(raised.value) == "input is not UTF-8, GB18030 or UTF-16 with a BOM, and no encoding fits"


def test_a_table_without_cells_makes_an_empty_grid() -> None:
    grid = RawTable([], 0, 0, 7).to_grid(3)
    assert (grid.index, grid.texts, grid.n_rows, grid.n_cols) == (3, (), 0, 0)
    assert grid.location == Location(line=7, table=3)


def paragraphs(*texts: str) -> list[Paragraph]:
    return [Paragraph(text=t, location=Location(line=n, column=1)) for n, t in enumerate(texts, start=1)]


CAPTION = "第二十条第（一）项"


def test_a_cell_line_of_60_characters_is_still_a_cell_and_61_is_prose() -> None:
    assert _one_cell_per_line(paragraphs(CAPTION, "信息内容", "规" * 60, "0"))
    assert not _one_cell_per_line(paragraphs(CAPTION, "信息内容", "规" * 61, "0"))


@pytest.mark.parametrize("end", ["。", "；", ";"])
def test_a_line_ending_a_sentence_or_clause_is_prose(end: str) -> None:
    assert _one_cell_per_line(paragraphs(CAPTION, "信息内容", "规章", "0"))
    assert not _one_cell_per_line(paragraphs(CAPTION, "信息内容", "规章" + end, "0"))


def test_one_line_naming_the_table_is_not_enough_for_a_table() -> None:
    assert not _one_cell_per_line(paragraphs("信息内容", "规章", "0", "1"))
    assert _one_cell_per_line(paragraphs(CAPTION, "信息内容", "规章", "0"))


def test_rebuilt_cells_keep_the_page_of_their_line() -> None:
    lines = ("二、主动公开政府信息情况", CAPTION, "信息内容", "本年制发件数", "规章", "5")
    blocks: list[Paragraph | Grid] = [
        Paragraph(text=t, location=Location(line=n, column=2, page=3 + n // 4))
        for n, t in enumerate(lines, start=1)
    ]
    rebuilt = rebuild_cell_lines(blocks)
    assert rebuilt[0] == blocks[0]
    grid = rebuilt[1]
    assert isinstance(grid, Grid) and len(rebuilt) == 2
    assert grid.index == 0 and grid.location == Location(line=2, column=1, table=0)
    assert [(c.text, c.row, c.col) for c in grid.cells] == [
        (CAPTION, 0, 0),
        ("信息内容", 1, 0),
        ("本年制发件数", 1, 1),
        ("规章", 2, 0),
        ("5", 2, 1),
    ]
    assert [(c.location.line, c.location.column, c.location.page) for c in grid.cells] == [
        (2, 2, 3),
        (3, 2, 3),
        (4, 2, 4),
        (5, 2, 4),
        (6, 2, 4),
    ]
