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

    def percent_of(self) -> str:
        """``75.1% (151/201)``: the rate with the counts it comes from."""
        return f"{self.percent()} ({self.numerator}/{self.denominator})"
