"""Regression tests for the hostile inputs of issue 7 that a reader must refuse or bound in-process."""

from __future__ import annotations

import functools
import gc
import html
import random
import time
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govreport import Parser, parse
from govreport.errors import ArchiveError, DecodeError, GovReportError, InputError, LimitExceededError
from govreport.limits import Limits
from govreport.normalize.decode import decode_bytes
from govreport.readers import read_document
from tests.hostile import generators as gen

# ---------------------------------------------------------------- HTML spans


@pytest.mark.parametrize("value", ["²", "³", "١", "٣", "𝟙", "½", "\u0663"])
def test_non_ascii_digit_spans_read_as_no_span(value: str) -> None:
    """``str.isdigit`` is true for superscripts and other scripts' digits; int() refuses some."""
    (grid,) = read_document(gen.html_span_values([value]), format="html").grids
    spans = {(c.row_span, c.col_span) for c in grid.cells}
    assert spans == {(1, 1)}


def test_span_of_thousands_of_digits_is_clamped_not_an_error() -> None:
    document = read_document(gen.html_span_values(["9" * 5000, "0" * 4000 + "2"]), format="html")
    (grid,) = document.grids
    first, second = grid.cells[:2]
    assert first.col_span == 1000  # the colspan cap browsers use
    assert second.row_span == grid.n_rows  # a row span runs at most to the table's end
    second_row = [c for c in grid.cells if c.row == 1]
    assert second_row[0].col_span == 2  # leading zeros do not count as digits of a huge number


@pytest.mark.parametrize("value", ["2;", " 3", "4px", "+2", "-1", "", "x"])
def test_span_values_read_as_browsers_do(value: str) -> None:
    (grid,) = read_document(gen.html_span_values([value]), format="html").grids
    expected = {"2;": 2, " 3": 3, "4px": 4}.get(value, 1)
    assert grid.cells[0].col_span == expected


_ATTRIBUTE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from(" 0123456789"), max_size=12
)


@given(colspan=_ATTRIBUTE, rowspan=_ATTRIBUTE)
def test_any_span_value_gives_a_span_within_the_caps(colspan: str, rowspan: str) -> None:
    """Whatever an attribute holds, a span is 1..cap; it is a number only when ASCII digits lead."""
    quoted = [html.escape(v, quote=True) for v in (colspan, rowspan)]
    (grid,) = read_document(gen.html_span_values(quoted), format="html").grids
    first, second = grid.cells[:2]
    assert 1 <= first.col_span <= 1000 and 1 <= second.row_span <= grid.n_rows
    leading = colspan.lstrip(" \t\n\r\f")
    if not leading[:1].isascii() or not leading[:1].isdigit():
        assert first.col_span == 1


def test_huge_spans_are_charged_to_grid_cells() -> None:
    with pytest.raises(LimitExceededError) as caught:
        parse(gen.html_huge_spans(300))
    assert caught.value.limit == "grid_cells"
    small = Parser(limits=Limits(grid_cells=500))
    with pytest.raises(LimitExceededError, match="grid_cells"):
        small.parse(gen.html_span_values(["1000"]))


# ---------------------------------------------------------------- declared charsets


@pytest.mark.parametrize("codec", ["hex", "zlib", "rot13", "base64", "bz2", "uu", "quopri", "undefined"])
def test_a_declared_non_text_codec_falls_back_to_detection(codec: str) -> None:
    page = gen.html_charset(codec)
    text, encoding = decode_bytes(page, codec)
    assert "总体情况" in text and encoding == "utf-8"
    report = parse(page)
    assert report.source.encoding == "utf-8"


@pytest.mark.parametrize("codec", ["unicode_escape", "raw-unicode-escape", "punycode", "idna"])
def test_python_only_codecs_are_not_obeyed(codec: str) -> None:
    text, encoding = decode_bytes("一、总体情况 \\u4e00".encode(), codec)
    assert encoding == "utf-8" and text.endswith("\\u4e00")  # not turned into 一


def test_a_declared_charset_that_does_not_fit_never_raises_outside_the_hierarchy() -> None:
    for codec in ("hex", "undefined", "utf-16", "utf-32", "cp037", "nonsense"):
        try:
            text, _ = decode_bytes(b"\xfe\x00garbage", codec)
        except DecodeError:
            continue
        assert isinstance(text, str)


# ---------------------------------------------------------------- DOCX archives


def test_a_zip_damaged_by_shuffled_chunks_is_an_archive_error() -> None:
    """Seed 0 of this shuffle made zipfile raise ``ValueError: negative seek value``."""
    rng = random.Random(0)
    damaged = gen.shuffle_chunks(gen.valid_docx(), rng, rng.randint(2, 8))
    with pytest.raises(ArchiveError):
        read_document(damaged, format="docx")


def test_inflated_size_bomb_is_refused_before_inflating() -> None:
    bomb = gen.docx_inflation_bomb(95)
    assert len(bomb) < 1_000_000
    with pytest.raises(ArchiveError, match="zip bomb"):
        parse(bomb)


def test_lying_zip_headers_do_not_get_past_the_inflated_bytes_limit() -> None:
    bomb = gen.docx_lying_sizes(20)
    with pytest.raises(InputError):
        parse(bomb)
    limited = Parser(limits=Limits(inflated_bytes=2 * 1024 * 1024))
    with pytest.raises(GovReportError):
        limited.parse(gen.docx_inflation_bomb(8))


def test_inflated_bytes_are_charged_across_parts() -> None:
    """Three parts of 3 MiB each pass a 4 MiB per-part check but not a 8 MiB total."""
    body = b"<w:p><w:r><w:t>1</w:t></w:r></w:p>" * (3 * 1024 * 1024 // 35)
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = b"<w:document " + w.encode() + b"><w:body>" + body + b"</w:body></w:document>"
    styles = b"<w:styles " + w.encode() + b"><!--" + b" " * (3 * 1024 * 1024) + b"--></w:styles>"
    numbering = b"<w:numbering " + w.encode() + b"><!--" + b" " * (3 * 1024 * 1024) + b"--></w:numbering>"
    docx = gen.docx_from_xml(document, extra={"word/styles.xml": styles, "word/numbering.xml": numbering})
    with pytest.raises(LimitExceededError) as caught:
        Parser(limits=Limits(inflated_bytes=8 * 1024 * 1024)).parse(docx)
    assert caught.value.limit == "inflated_bytes"
    assert (
        Parser(limits=Limits(inflated_bytes=12 * 1024 * 1024, characters=10**7))
        .read_document(docx)
        .paragraphs
    )


def test_dense_markup_is_bounded_by_markup_tags() -> None:
    """A tree costs memory per element: a million empty paragraphs stop before parsing."""
    for dense in (gen.html_page("<p>1</p>" * 600_000), gen.docx_inflation_bomb(8)):
        with pytest.raises(LimitExceededError) as caught:
            parse(dense)
        assert caught.value.limit == "markup_tags"
    roomy = Parser(limits=Limits(markup_tags=10**7, characters=10**7))
    assert roomy.read_document(gen.docx_inflation_bomb(2)).paragraphs


def test_many_small_docx_tables_are_bounded_by_grid_cells() -> None:
    with pytest.raises(LimitExceededError, match="grid_cells"):
        Parser(limits=Limits(grid_cells=10_000)).parse(gen.docx_many_tables(2_000))
    with pytest.raises(LimitExceededError, match="grid_cells"):
        parse(gen.docx_wide_spans(100))


@pytest.mark.parametrize(
    ("make", "format"),
    [(gen.text_many_tables, "text"), (gen.html_many_tables, "html"), (gen.docx_many_tables, "docx")],
    ids=["text", "html", "docx"],
)
def test_many_tables_read_in_linear_time(make, format: str) -> None:
    """Each table's index was found by recounting the blocks before it; split tables re-read whole."""
    sizes = [150 * k for k in (1, 2, 4, 8, 16)]
    read_document(make(sizes[0]), format=format)  # warm up
    times = [_cpu_time(functools.partial(read_document, make(size), format=format)) for size in sizes]
    exponent = _growth_exponent(sizes, times)
    assert exponent < 1.3, f"time grows as size^{exponent:.2f}: {[round(t, 3) for t in times]}"


def test_entities_are_never_expanded_or_fetched(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT-1234", encoding="utf-8")
    for page in (gen.html_xxe(secret.as_uri()), gen.docx_xxe(secret.as_uri())):
        try:
            document = read_document(page)
        except GovReportError:
            continue
        text = "\n".join(p.text for p in document.paragraphs)
        assert "SECRET" not in text
    for bomb in (gen.html_billion_laughs(), gen.docx_billion_laughs()):
        try:
            document = read_document(bomb)
        except GovReportError:
            continue
        assert sum(len(p.text) for p in document.paragraphs) < 1000


def test_docx_nested_too_deep_is_an_error_not_a_crash() -> None:
    with pytest.raises(ArchiveError):
        read_document(gen.docx_deep_nesting(300), format="docx")


def test_encrypted_office_file_is_refused() -> None:
    with pytest.raises(ArchiveError):
        read_document(gen.encrypted_office_file(), format="docx")
    with pytest.raises(InputError):
        parse(gen.encrypted_office_file())


# ---------------------------------------------------------------- long texts


def test_characters_limit_holds_after_decoding_and_extraction() -> None:
    small = Parser(limits=Limits(characters=1000))
    text = gen.long_digit_line(2000)
    with pytest.raises(LimitExceededError, match="characters"):
        small.parse(text)
    html = gen.html_page("<p>一、总体情况</p>" + "<p>" + "二" * 2000 + "</p>")
    with pytest.raises(LimitExceededError, match="characters"):
        small.parse(html)
    docx = gen.docx_from_xml(
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b"<w:p><w:r><w:t>" + "三".encode() * 2000 + b"</w:t></w:r></w:p></w:body></w:document>"
    )  # fmt: skip
    with pytest.raises(LimitExceededError, match="characters"):
        small.parse(docx)


def _cpu_time(work: Callable[[], object], repeats: int = 3) -> float:
    """The least CPU time of ``repeats`` runs, the collector off: the machine is shared."""
    gc.collect()
    gc.disable()
    try:
        times = []
        for _ in range(repeats):
            started = time.process_time()
            work()
            times.append(time.process_time() - started)
    finally:
        gc.enable()
    return min(times)


def _growth_exponent(sizes: list[int], times: list[float]) -> float:
    """The slope of log(time) over log(size), by least squares."""
    import math

    xs = [math.log(s) for s in sizes]
    ys = [math.log(t) for t in times]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(gen.long_digit_line, id="one digit line"),
        pytest.param(
            lambda n: ("一、总体情况\n" + "1a@" * (n // 3) + "\n").encode(), id="address characters"
        ),
        pytest.param(lambda n: ("一、总体情况\n" + "电话：1-" * (n // 5) + "\n").encode(), id="phone labels"),
    ],
)
def test_long_runs_parse_in_linear_time(make) -> None:
    """Sizes 1x..16x of a small base; the fitted exponent of growth stays near 1."""
    base = 20_000
    sizes = [base * k for k in (1, 2, 4, 8, 16)]
    parse(make(base))  # warm up: imports, caches
    times = [_cpu_time(functools.partial(parse, make(size))) for size in sizes]
    exponent = _growth_exponent(sizes, times)
    assert exponent < 1.3, f"time grows as size^{exponent:.2f}: {[round(t, 3) for t in times]}"


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda n: ("一、总体情况\n" + "1\n" * n).encode(), id="text lines"),
        pytest.param(lambda n: gen.html_page("<p>1</p>" * n), id="html paragraphs"),
    ],
)
def test_many_short_paragraphs_parse_in_linear_time(make) -> None:
    """Lines that never end a sentence are joined into one narrative block; each join once
    rescanned the whole block (a 490k-paragraph page ran for minutes)."""
    sizes = [1_500 * k for k in (1, 2, 4, 8, 16)]
    parse(make(sizes[0]))  # warm up
    times = [_cpu_time(functools.partial(parse, make(size))) for size in sizes]
    exponent = _growth_exponent(sizes, times)
    assert exponent < 1.3, f"time grows as size^{exponent:.2f}: {[round(t, 3) for t in times]}"


# ---------------------------------------------------------------- time budget


def test_time_limit_is_checked_inside_readers() -> None:
    quick = Parser(limits=Limits(seconds=0.05))
    for slow in (gen.docx_many_tables(15_000), gen.html_many_tables(15_000), gen.pdf_ruling_grid(3000)):
        with pytest.raises(LimitExceededError) as caught:
            quick.parse(slow)
        assert caught.value.limit == "seconds"


# ---------------------------------------------------------------- PDF


def test_pdf_pages_are_capped() -> None:
    with pytest.raises(LimitExceededError, match="pdf_pages"):
        Parser(limits=Limits(pdf_pages=5)).parse(gen.pdf_many_pages(6))
    assert Parser(limits=Limits(pdf_pages=6)).read_document(gen.pdf_many_pages(6)).paragraphs


@pytest.mark.parametrize("make", [gen.pdf_path_bomb, gen.pdf_segment_bomb], ids=["paths", "segments"])
def test_pdf_drawing_bombs_stop_at_pdf_objects(make) -> None:
    limited = Parser(limits=Limits(pdf_objects=20_000))
    with pytest.raises(LimitExceededError) as caught:
        limited.parse(make(50_000))
    assert caught.value.limit == "pdf_objects"
    assert limited.read_document(make(5_000)).paragraphs  # under the limit: read


def test_pdf_objects_are_charged_from_pdfium_too() -> None:
    """A stream the scan cannot read (ASCIIHex) still has its page objects charged when loaded."""
    rects = b"BT /F1 12 Tf 72 720 Td (2020) Tj ET\n" + b"1 1 1 1 re f\n" * 3000
    encoded = rects.hex().encode() + b">"
    stream = b"<< /Filter /ASCIIHexDecode /Length %d >>\nstream\n" % len(encoded) + encoded + b"\nendstream"
    pdf = gen._one_page_pdf(stream)
    with pytest.raises(LimitExceededError, match="pdf_objects"):
        Parser(limits=Limits(pdf_objects=1000)).parse(pdf)


def test_pdf_flate_bomb_is_refused_while_inflating() -> None:
    bomb = gen.pdf_flate_bomb(160)
    with pytest.raises(LimitExceededError) as caught:
        parse(bomb)
    assert caught.value.limit == "inflated_bytes"


def test_damaged_pdfs_are_input_errors() -> None:
    with pytest.raises(InputError):
        parse(gen.pdf_page_tree_cycle())
    with pytest.raises(InputError, match="password"):
        parse(gen.pdf_encrypted())


def test_ordinary_pdf_streams_are_measured_without_refusal() -> None:
    document = read_document(gen.valid_pdf(), format="pdf")
    assert any("总体情况" in p.text for p in document.paragraphs)


def test_doc_conversion_gets_only_what_is_left_of_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    from govreport.errors import ConversionTimeoutError
    from govreport.readers import office
    from govreport.readers.doc import OLE2_MAGIC, WORD_STREAM

    given: list[float] = []

    def stopped_conversion(data: bytes, *, source: str, target: str, timeout: float, soffice: str) -> bytes:
        given.append(timeout)
        time.sleep(0.3)  # as if LibreOffice were killed when its timeout ran out
        raise ConversionTimeoutError("stopped")

    monkeypatch.setattr(office, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(office, "convert", stopped_conversion)
    doc = OLE2_MAGIC + bytes(100) + WORD_STREAM + bytes(100)
    with pytest.raises(LimitExceededError) as caught:
        Parser(limits=Limits(seconds=0.2)).parse(doc, format="doc")
    assert caught.value.limit == "seconds"
    assert given == [1.0]  # not LibreOffice's own two minutes


def test_control_characters_in_html_text_are_spaces_not_a_crash() -> None:
    """Found by the fuzz test: lxml refused to move a tail holding \\x01 when chrome was cut out."""
    page = gen.html_page("<p>一、总体情况<script>x</script>\x01本年度\x0b新制作\ufffe12件。</p>")
    (paragraph,) = read_document(page, format="html").paragraphs
    assert paragraph.text == "一、总体情况 本年度 新制作 12件。"
