"""What a PDF's streams cost before PDFium reads them: inflated bytes and drawing operators.

PDFium offers no way to see how large a page's content will be before it loads the
page, and loading decodes every content stream and builds every drawing object at once
(a flate bomb or two million paths cost gigabytes there). So the raw file is scanned
first: every flate stream that PDFium would decode for text extraction (content
streams, forms, object streams, fonts; not images, which are only decoded to render)
is inflated in bounded steps and its output discarded. Content streams (pages and
forms) count against the ``inflated_bytes`` limit all together; other streams (fonts,
object streams) one by one, since a PDF may embed several large CJK fonts. The
drawing and text operators of content streams are counted against ``pdf_objects``.

Streams with other filters (LZW, ASCII85 in front of flate) are not measured here; the
page and object limits in :mod:`govreport.readers.pdf.reader` still bound the work done on them.
"""

from __future__ import annotations

import re
import zlib

from govreport.limits import Budget

# The keyword opening a stream's data, after its dictionary (``>>``), then an end of line.
_STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_DICTIONARY_WINDOW = 4096
_INPUT_STEP = 64 * 1024
_OUTPUT_STEP = 1 << 20
# Content-stream operators that make a path segment or a page object in PDFium: path
# construction (m l c v y re h), text showing (Tj TJ ' ") and XObjects (Do). They are
# counted as space-delimited words once delimiters are turned into spaces: bytes.count
# runs in C, where a regular expression costs seconds on 64 MiB. Words sharing a space
# ("h h") count once, so a count is at least half the truth: enough for a bound, and
# PDFium's own object counts are charged exactly when pages load.
_DELIMITERS_AS_SPACES = bytes.maketrans(b"\t\n\r\f\x00)]>[(<", b" " * 11)
_OPERATORS = tuple(b" %s " % word for word in b"re Tj TJ Do m l c v y h ' \"".split())
_NOT_CONTENT = (b"/Image", b"/Length1", b"/Length2", b"/Length3", b"/XRef", b"/ObjStm", b"/Metadata")


def measure_streams(data: bytes, budget: Budget) -> None:
    """Inflate the flate streams of ``data`` within ``budget``, counting their drawing operators.

    Raises:
        LimitExceededError: the streams inflate past ``inflated_bytes``, the scan runs past
            the time limit, or the content streams draw more than ``pdf_objects`` objects.
    """
    operators = _OperatorCount(budget)
    for match in _STREAM_START.finditer(data):
        budget.check_time()
        opened = data.rfind(b" obj", max(0, match.start() - _DICTIONARY_WINDOW), match.start())
        dictionary = data[max(opened, match.start() - _DICTIONARY_WINDOW) : match.start()]
        if b"/Image" in dictionary:
            continue  # decoded only to render a page, which govreport never does
        content = not any(word in dictionary for word in _NOT_CONTENT) and (
            b"/Subtype" not in dictionary or b"/Form" in dictionary
        )
        if b"/FlateDecode" in dictionary:
            _inflate(data, match.end(), budget, operators if content else None)
        elif content and b"/Filter" not in dictionary:
            end = data.find(b"endstream", match.end())
            operators.add(data[match.end() : end if end != -1 else len(data)])


class _OperatorCount:
    """The drawing operators of a document's content streams, counted once they could matter.

    Counting is a dozen passes over the content. Every operator is a word and words are
    apart, so a piece of ``n`` bytes holds at most ``n // 2 + 1``: content is held
    uncounted while all of it could not pass the limit even so. The limit is raised at
    the same stream, and for the same count, as if every piece were counted when it came.
    """

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.counted = 0
        self.waiting: list[bytes] = []
        self.waiting_bytes = 0

    def add(self, content: bytes) -> None:
        self.waiting.append(content)
        self.waiting_bytes += len(content)
        most_waiting = self.waiting_bytes // 2 + len(self.waiting)  # at least n // 2 + 1 per piece
        if (
            self.counted + most_waiting > self.budget.limits.pdf_objects
            or self.waiting_bytes > _OUTPUT_STEP  # a high limit: hold no more than a step
        ):
            self.counted += sum(map(_count_operators, self.waiting))
            self.waiting, self.waiting_bytes = [], 0
            self.budget.check("pdf_objects", self.counted)


def _inflate(data: bytes, start: int, budget: Budget, operators: _OperatorCount | None) -> None:
    """Inflate the stream at ``start`` step by step.

    ``operators`` is ``None`` for a stream that is not a content stream: it is checked
    alone against the ``inflated_bytes`` limit, while a content stream's output is charged
    to the budget and its operators counted.
    """
    inflater = zlib.decompressobj()
    inflated = 0
    position = start
    pending = b""
    while not inflater.eof:
        if not pending:
            if position >= len(data):
                break
            pending = data[position : position + _INPUT_STEP]
            position += _INPUT_STEP
        try:
            output = inflater.decompress(pending, _OUTPUT_STEP)
        except zlib.error:
            break  # damaged or not flate after all: PDFium will judge the stream itself
        pending = inflater.unconsumed_tail
        if output:
            inflated += len(output)
            if operators is not None:
                budget.charge("inflated_bytes", len(output))
                operators.add(output)
            else:
                budget.check("inflated_bytes", inflated)
            budget.check_time()


def _count_operators(content: bytes) -> int:
    words = b" " + content.translate(_DELIMITERS_AS_SPACES) + b" "
    return sum(words.count(operator) for operator in _OPERATORS)
