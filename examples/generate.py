"""Regenerate the bundled example reports (synthetic and deterministic)."""

from __future__ import annotations

import random
from pathlib import Path

from govreport.readers import office
from govreport.testing.render import render_docx, render_html
from govreport.testing.render.markdown import MarkdownDamage, render_markdown
from govreport.testing.statistics import generate_statistics
from govreport.testing.synthetic import form_document, generate, generate_narrative

HERE = Path(__file__).parent


def _drop_one_value(text: str, label: str) -> str:
    """Lose one printed value of a table-三 row, as Word-to-text conversion does."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if label in line and "\t" in line:
            fields = line.split("\t")
            fields.pop(4)
            lines[i] = "\t".join(fields)
            break
    return "\n".join(lines)


def _break_balance(text: str) -> str:
    """Print a 本年新收 total that breaks 第一项加第二项之和等于第三项加第四项之和."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("一、本年新收"):
            fields = line.split("\t")
            fields[-1] = str(int(fields[-1].replace(",", "")) + 3)
            lines[i] = "\t".join(fields)
            break
    return "\n".join(lines)


def main() -> None:
    """Write the example reports next to this script."""
    converted = generate(2024, layout="v2021", year=2024)
    examples = {
        "2020-v2019-clean.txt": generate(2020, layout="v2019", year=2020).text,
        "2022-v2021-damaged.txt": _break_balance(
            _drop_one_value(generate(2022, layout="v2021", year=2022).text, "予以公开")
        ),
        "2016-narrative.txt": generate_narrative(2016, year=2016),
        # The 2014-2018 统计表 as a crawler saves it: labels, units and digits glued together.
        "2015-statistics-glued.txt": generate_statistics(2084, style="glued", year=2015).text,
        # A v2021 report as a PDF-to-Markdown converter leaves it: page footers, split tables,
        # block headings, generic headers and rows of numbers whose label stands elsewhere.
        "2024-v2021-pdf2md.md": render_markdown(
            converted.text,
            random.Random(2024),
            MarkdownDamage(block_headings=True, generic_header=True, lost_labels=3, page_lines=17),
        ),
    }
    for name, text in examples.items():
        (HERE / name).write_text(text, encoding="utf-8")
        print(f"wrote examples/{name}")
    _write_formats()


def _write_formats() -> None:
    """The same kind of report as an HTML page, a DOCX, and (with LibreOffice) a PDF and a DOC."""
    page = form_document(generate(2023, layout="v2021", year=2023))
    docx = render_docx(page)
    binaries = {"2023-v2021-page.html": render_html(page), "2023-v2021.docx": docx}
    if office.find_soffice() is None:
        print("LibreOffice (soffice) is not installed: the PDF and DOC examples were not rewritten")
    else:
        pdf, doc = (office.convert(docx, source="docx", target=target) for target in ("pdf", "doc"))
        binaries |= {"2023-v2021.pdf": pdf, "2023-v2021.doc": doc}
    for name, data in binaries.items():
        (HERE / name).write_bytes(data)
        print(f"wrote examples/{name}")


if __name__ == "__main__":
    main()
