"""The corpus of ``bench_floor.py``: the same generated reports written as TXT, HTML, DOCX, PDF and DOC.

The reports are those of ``bench_parse.build_corpus`` (v2019, v2021 and narrative text).
Table reports become documents with merged form cells (``synthetic.form_document``), as in
``bench_formats.py``; narrative reports are their text read as a document. HTML is a
GB18030 CMS page, DOCX has real merged cells and Word heading numbering, and LibreOffice
prints the DOCX files to PDF and saves them as DOC (one ``soffice`` run per format; not
timed). The bundled ``examples/`` whose content is known are added to their format.

Each file keeps the :class:`bench_parse.Item` it was made from, so a parse is checked
against the generated truth (:func:`check_report`) before anything is timed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import govreport
from bench_parse import Item, build_corpus, check_parse
from govreport.model.document import Document, SourceInfo
from govreport.readers import office
from govreport.readers.text import read_text
from govreport.testing import synthetic
from govreport.testing.render import render_docx, render_html

FORMATS = ("txt", "html", "docx", "pdf", "doc")
OFFICE_FORMATS = frozenset({"pdf", "doc"})
"""Formats that need LibreOffice to be made."""

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@dataclass(frozen=True)
class Sample:
    """One file of the corpus and what a correct parse of it must say."""

    path: Path
    expect: Item


def _document(item: Item) -> Document:
    """The report as a document: merged form cells for table reports, plain text otherwise."""
    if item.truth is not None:
        return synthetic.form_document(item.truth)
    data = item.text.encode("utf-8")
    source = SourceInfo(
        format="text", encoding="utf-8", sha256=hashlib.sha256(data).hexdigest(), size=len(data)
    )
    return read_text(item.text, source)


def example_items() -> dict[str, Item]:
    """The bundled examples whose content is known, by file name (see ``examples/generate.py``)."""
    clean = synthetic.generate(2020, layout="v2019", year=2020)
    formats = synthetic.generate(2023, layout="v2021", year=2023)
    items = {
        "2020-v2019-clean.txt": Item(kind="v2019", text=clean.text, truth=clean),
        "2016-narrative.txt": Item(kind="narrative", text=synthetic.generate_narrative(2016, year=2016)),
        # One table-三 value dropped and a broken balance: recovery must run, so no exact truth.
        "2022-v2021-damaged.txt": Item(kind="v2021", text="", damaged=True),
    }
    for suffix in ("-page.html", ".docx", ".pdf", ".doc"):
        items[f"2023-v2021{suffix}"] = Item(kind="v2021", text=formats.text, truth=formats)
    return items


def _format_of(path: Path) -> str:
    return path.suffix.lstrip(".")


def _write(folder: Path, names: Sequence[str], contents: Sequence[bytes]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in zip(names, contents, strict=True):
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def build(
    folder: Path,
    reports: int,
    seed: int,
    formats: Sequence[str] = FORMATS,
    *,
    doc_reports: int | None = None,
    examples: bool = True,
) -> dict[str, list[Sample]]:
    """Write ``reports`` generated reports in each of ``formats`` under ``folder``; the samples per format.

    DOC takes the first ``doc_reports`` reports only (LibreOffice reads each slowly).
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown formats {sorted(unknown)}; known: {', '.join(FORMATS)}")
    items = build_corpus(reports, seed)
    names = [f"{i:05d}-{item.kind}" for i, item in enumerate(items)]
    documents = [_document(item) for item in items] if set(formats) - {"txt"} else []
    docx = (
        [render_docx(d, numbering=True) for d in documents]
        if set(formats) & {"docx", *OFFICE_FORMATS}
        else []
    )
    corpus: dict[str, list[Sample]] = {}
    for name in formats:
        count = len(items) if name != "doc" or doc_reports is None else min(doc_reports, len(items))
        if name == "txt":
            contents = [item.text.encode("utf-8") for item in items]
        elif name == "html":
            contents = [render_html(d, encoding="gb18030", declare_charset="gbk") for d in documents]
        elif name == "docx":
            contents = docx
        else:  # PDF or DOC: one LibreOffice run for all of them
            contents = office.convert_many(docx[:count], source="docx", target=name, timeout=120 + 5 * count)
        paths = _write(folder / name, [f"{n}.{name}" for n in names[:count]], contents[:count])
        corpus[name] = [Sample(path, item) for path, item in zip(paths, items, strict=False)]
    if examples:
        for file_name, item in example_items().items():
            name = _format_of(Path(file_name))
            if name in corpus and (EXAMPLES / file_name).is_file():
                corpus[name].append(Sample(EXAMPLES / file_name, item))
    return corpus


def check_report(sample: Sample, report: govreport.Report) -> str | None:
    """Why ``report`` is not a correct parse of ``sample``, or ``None`` when it is."""
    problem = check_parse(sample.expect, report)
    return None if problem is None else f"{sample.path.name}: {problem}"
