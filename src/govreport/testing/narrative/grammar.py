"""Generated narrative paragraphs with the counts they state, for tests and the benchmark.

A report is drawn from a small sentence grammar: disclosure sentences
(:mod:`~govreport.testing.narrative.disclosure`) with digits, Chinese numerals,
approximations, 其中 and 分别为 lists and shares, mixed with look-alike sentences
(:mod:`~govreport.testing.narrative.lookalikes`) whose numbers must never take a disclosure
key. The text is laid out one line per paragraph or, like crawled pages, all on one line.
"""

from __future__ import annotations

import random

from govreport.testing.narrative.disclosure import (
    active_section,
    applications_section,
    consultation_section,
    fees_section,
    review_section,
)
from govreport.testing.narrative.lookalikes import lookalike_sentence, service_section
from govreport.testing.narrative.writer import GeneratedNarrative, Writer


def generate_narrative_paragraphs(seed: int) -> GeneratedNarrative:
    """A generated old-style report from ``seed``: disclosure counts mixed with look-alikes."""
    rng = random.Random(seed)
    year = rng.randint(2008, 2018)
    w = Writer(rng)
    w.heading("一、概述")
    w.sentence(f"{year}年，我区政府信息公开工作稳步推进。")
    for _ in range(rng.randint(1, 3)):
        w.sentence(*lookalike_sentence(w))
    active_section(w, year)
    applications_section(w, year)
    consultation_section(w)
    review_section(w)
    fees_section(w)
    if rng.random() < 0.7:
        service_section(w)
    w.heading("八、存在的主要问题及改进措施")
    w.sentence(*lookalike_sentence(w))
    roll = rng.random()
    return w.layout(inline=roll < 0.4, glue=" " if roll < 0.25 else "")
