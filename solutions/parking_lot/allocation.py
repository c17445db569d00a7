"""Allocation policies (Strategy): which level a vehicle goes to among those with room."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, Protocol

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence


class LevelVacancy(NamedTuple):
    """A level with room for the vehicle, and how many fitting spots it has free.

    A named tuple rather than an attrs class: the lot makes one per level on every park,
    and a tuple is several times cheaper to build.
    """

    level: int
    free: int


class AllocationPolicy(Protocol):
    """Chooses a level; within a level the spot nearest the entrance (row, position) wins.

    The lot asks only among levels that have room, so a policy never sees a full level and
    never scans spots: that is what keeps parking O(levels + log n).
    """

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """Return the ``level`` of one of ``candidates`` (never empty)."""
        ...


@attrs.frozen
class LowestLevelFirst:
    """Fill level 0 first, then 1, and so on: the usual default."""

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """The lowest level with room."""
        return min(candidate.level for candidate in candidates)


@attrs.frozen
class SpreadAcrossLevels:
    """Balance wear and traffic: the level with the most fitting spots free, lowest on ties."""

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """The emptiest level."""
        return min(candidates, key=lambda candidate: (-candidate.free, candidate.level)).level


@attrs.frozen
class NearestToEntrance:
    """The entrance is on ``entrance_level``; prefer levels fewer ramps away, lower on ties."""

    entrance_level: int = 0

    def choose_level(self, candidates: Sequence[LevelVacancy]) -> int:
        """The level closest to the entrance."""
        return min(
            candidates,
            key=lambda candidate: (abs(candidate.level - self.entrance_level), candidate.level),
        ).level
