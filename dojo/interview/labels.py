"""How a round names its phases and shows its times."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.interview.session import CLARIFY, REVIEW
from harness.catalog import MetadataError

if TYPE_CHECKING:
    from datetime import timedelta

    from harness.catalog import Interview


def duration(span: timedelta) -> str:
    """``m:ss``, or ``h:mm:ss`` past an hour; never negative."""
    seconds = max(int(span.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def phase_title(interview: Interview, name: str) -> str:
    """``Clarify``, ``Core``, ``Change request 1: Title`` or ``Review``."""
    if name == CLARIFY:
        return "Clarify"
    if name == REVIEW:
        return "Review"
    try:
        stage = interview.stage(name)
    except MetadataError:  # a stage kata.toml no longer has: the record keeps its id
        return name
    return "Core" if stage.number == 1 else f"Change request {stage.number - 1}: {stage.title}"
