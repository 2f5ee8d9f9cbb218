"""Generated old-style narrative reports, with the counts they state, and their scoring.

:func:`generate_narrative_paragraphs` draws a report from a sentence grammar;
:func:`score` compares what :func:`~govreport.extract.narrative.extract_narrative` reads
with what the report states.
"""

from govreport.testing.narrative.grammar import generate_narrative_paragraphs
from govreport.testing.narrative.score import Score, score
from govreport.testing.narrative.writer import Decoy, GeneratedNarrative, StatedCount, chinese_numeral

__all__ = [
    "Decoy",
    "GeneratedNarrative",
    "Score",
    "StatedCount",
    "chinese_numeral",
    "generate_narrative_paragraphs",
    "score",
]
