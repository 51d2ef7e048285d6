"""A figure that is a share of a whole: done of due, reached of called, on time of resolved."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def percent(self) -> str:
        return "—" if self.value is None else f"{self.value * 100:.1f}%"
