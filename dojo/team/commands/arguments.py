"""The values the team commands take on the command line, each refused in one line when wrong."""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING, TypeVar

from dojo.team.errors import RemoteError, TeamNameError
from dojo.team.remote import remote_url
from dojo.team.workspace import team_name

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_PORT = 65535
# A turn or a break: long enough to type something, short enough to be a rotation.
MINUTES = (0.5, 240.0)
Number = TypeVar("Number", int, float)


def team(text: str) -> str:
    """A team name (``--team``, ``dojo replay NAME``); ``ArgumentTypeError`` otherwise."""
    try:
        return team_name(text)
    except TeamNameError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def remote(text: str) -> str:
    """A session remote's URL or path (``--remote``); ``ArgumentTypeError`` otherwise."""
    try:
        return remote_url(text)
    except RemoteError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def host(text: str) -> str:
    """An address for the web board to listen on (``--host``): an IP address or a name."""
    if (
        not text
        or len(text) > 253
        or not all((c.isascii() and c.isalnum()) or c in ".-:" for c in text)
    ):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an address to listen on: try 0.0.0.0 (every network) or this "
            "machine's address"
        )
    return text


def port(text: str) -> int:
    """A TCP port, 0 to 65535 (0: any free port); ``ArgumentTypeError`` otherwise."""
    value = _number(text, int, "a whole number")
    if not 0 <= value <= MAX_PORT:
        raise argparse.ArgumentTypeError(f"{text} is not a port: use 0 (any) to {MAX_PORT}")
    return value


def minutes(text: str) -> float:
    """A length in minutes, from ``MINUTES[0]`` to ``MINUTES[1]``; ``ArgumentTypeError`` else."""
    value = _number(text, float, "a number")
    low, high = MINUTES
    if not math.isfinite(value) or not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{text} is not a length from {low} to {high} minutes")
    return value


def turns(text: str) -> int:
    """0 (no breaks) or a positive number of turns; ``ArgumentTypeError`` otherwise."""
    value = _number(text, int, "a whole number")
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is not 0 (no breaks) or a number of turns")
    return value


def run_number(text: str) -> int:
    """A run's number in a replay, from 1; ``ArgumentTypeError`` otherwise."""
    value = _number(text, int, "a whole number")
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a run's number: runs count from 1")
    return value


def people(text: str) -> tuple[str, ...]:
    """Two or more different names, comma-separated; ``ArgumentTypeError`` otherwise."""
    names = tuple(name.strip() for name in text.split(","))
    if len(names) < 2 or not all(names) or len(set(names)) < len(names):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not two or more different names, comma-separated"
        )
    return names


def _number(text: str, kind: Callable[[str], Number], noun: str) -> Number:
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {noun}") from None
