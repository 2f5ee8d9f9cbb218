"""The sentence writer of generated narrative reports: amounts in every printed form, and their places.

A :class:`Writer` collects headings and sentences made of text and amounts (:class:`Piece`),
then lays them out in lines and records where each stated count and look-alike number is
printed, so a reading can be scored against the truth.
"""

from __future__ import annotations

import random

from attrs import field, frozen

from govreport.model.document import Location, Paragraph

_CN_DIGITS = "零一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """``number`` (0 ≤ n < 10⁸) as a Chinese numeral: 23 → 二十三, 2005 → 两千零五, 12000 → 一万二千."""
    if number == 0:
        return "零"
    high, low = divmod(number, 10000)
    if high:
        rest = _below_10000(low, leading=False) if low else ""
        gap = "零" if 0 < low < 1000 else ""
        return _below_10000(high, leading=True) + "万" + gap + rest
    return _below_10000(low, leading=True)


def _below_10000(number: int, *, leading: bool) -> str:
    text, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, number = divmod(number, size)
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        if unit == "十" and digit == 1 and not text and leading:
            text += "十"
        elif digit == 2 and unit in ("千", "百") and not text:
            text += "两" + unit
        else:
            text += _CN_DIGITS[digit] + unit
    return text


@frozen
class StatedCount:
    """A count a generated paragraph states, where its number is printed."""

    key: str
    value: int
    line: int
    column: int
    """1-based column of the first character of the number."""
    printed: str
    approximation: str = ""
    part: bool = False
    label: str = ""
    negation: bool = False


@frozen
class Decoy:
    """A look-alike number that belongs to no disclosure key."""

    value: int
    line: int
    column: int
    printed: str


@frozen
class GeneratedNarrative:
    """The lines of a generated report, the counts they state and the look-alike numbers."""

    lines: tuple[str, ...]
    stated: tuple[StatedCount, ...]
    decoys: tuple[Decoy, ...]

    def paragraphs(self) -> tuple[Paragraph, ...]:
        """The lines as document paragraphs (line numbers from 1)."""
        return tuple(
            Paragraph(text=text, location=Location(line=i + 1, column=1)) for i, text in enumerate(self.lines)
        )


@frozen
class Piece:
    """A stretch of a sentence: plain text, or an amount with the key (or look-alike) it stands for."""

    text: str
    key: str = ""
    value: int = 0
    approximation: str = ""
    part: bool = False
    label: str = ""
    decoy: bool = False
    negation: bool = False
    number_offset: int = 0


@frozen
class Writer:
    """Builds sentences from text and amounts, then lays them out in lines."""

    rng: random.Random
    blocks: list[list[Piece]] = field(factory=list)

    def heading(self, text: str) -> None:
        """Start a section with a heading line."""
        self.blocks.append([Piece(text)])

    def sentence(self, *pieces: Piece | str) -> None:
        """Add a sentence to the current paragraph (a new one after a heading)."""
        if not self.blocks or (len(self.blocks[-1]) == 1 and not self.blocks[-1][0].key):
            self.blocks.append([])
        self.blocks[-1].extend(p if isinstance(p, Piece) else Piece(p) for p in pieces)

    def count(
        self, key: str, value: int, unit: str, *, part: bool = False, label: str = "", plain: bool = False
    ) -> Piece:
        """An amount for ``key`` in digits or a Chinese numeral, sometimes approximate."""
        roll = self.rng.random()
        number = chinese_numeral(value) if not plain and roll < 0.2 and value < 10**7 else str(value)
        approximation = ""
        if not plain and not part and 0.2 <= roll < 0.35 and value >= 10:
            approximation = self.rng.choice(("余", "多", "近", "约", "左右"))
        if approximation in ("近", "约"):
            return Piece(
                f"{approximation}{number}{unit}",
                key,
                value,
                approximation,
                part,
                label,
                number_offset=len(approximation),
            )
        if approximation == "左右":
            return Piece(f"{number}{unit}左右", key, value, approximation, part, label)
        return Piece(f"{number}{approximation}{unit}", key, value, approximation, part, label)

    def decoy(self, value: int, unit: str) -> Piece:
        """A look-alike amount: a number that names no disclosure key."""
        return Piece(f"{value}{unit}", value=value, decoy=True)

    def layout(self, *, inline: bool, glue: str = " ") -> GeneratedNarrative:
        """One line per block, or (``inline``) every block on one line, as crawled pages print them."""
        lines: list[str] = []
        stated: list[StatedCount] = []
        decoys: list[Decoy] = []
        current = ""
        for block in self.blocks:
            if current and inline:
                current += glue
            elif current:
                lines.append(current)
                current = ""
            for piece in block:
                line, column = len(lines) + 1, len(current) + 1 + piece.number_offset
                printed = piece.text[piece.number_offset :]
                if piece.decoy:
                    decoys.append(Decoy(piece.value, line, column, printed))
                elif piece.key:
                    stated.append(
                        StatedCount(
                            piece.key,
                            piece.value,
                            line,
                            column,
                            printed,
                            piece.approximation,
                            piece.part,
                            piece.label,
                            piece.negation,
                        )
                    )
                current += piece.text
        lines.append(current)
        return GeneratedNarrative(tuple(lines), tuple(stated), tuple(decoys))


def split_total(rng: random.Random, total: int, parts: int) -> list[int]:
    """``total`` cut at random into ``parts`` counts that add up to it."""
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
