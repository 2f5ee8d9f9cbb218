"""Render a :class:`~govreport.model.Document` back into file formats (HTML, DOCX).

The renderers are the fixture builder of govreport's format tests and benchmarks: a
generated report is rendered to each format and must parse to the same tables and
findings as its text. They need no optional extra (the standard library writes both).
"""

from govreport.testing.render.docx import TableLook, render_docx
from govreport.testing.render.html import render_html
from govreport.testing.render.spans import merge_form_cells

__all__ = ["TableLook", "merge_form_cells", "render_docx", "render_html"]
