"""The team dojo's commands, a plugin of ``dojo``: ``team``, ``board``, ``replay``, ``timer``.

``register`` adds the four commands and extends ``dojo test``, ``dojo watch`` and ``dojo
verify`` with ``--team NAME``, which names the team's workspace as the implementation and
records each test run with the team's journal. One module per command; ``arguments.py``
holds the values they take.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dojo.registry import Command, Extension
from dojo.team.commands import board, replay, teams, timer

if TYPE_CHECKING:
    from dojo.registry import Registry


def register(registry: Registry) -> None:
    """Add ``team``, ``board``, ``replay``, ``timer``; ``--team`` on test, watch, verify."""
    registry.add(
        Command("team", "team workspaces for a coding dojo", teams.run_team, teams.team_arguments)
    )
    registry.add(
        Command(
            "board",
            "every team's step and lights, refreshing live",
            board.run_board,
            board.board_arguments,
        )
    )
    registry.add(
        Command(
            "replay",
            "a team's runs one by one, with its code's diff at each",
            replay.run_replay,
            replay.replay_arguments,
        )
    )
    registry.add(
        Command(
            "timer",
            "rotation timer: who drives, who navigates",
            timer.run_timer_command,
            timer.timer_arguments,
        )
    )
    for name in ("test", "watch", "verify"):
        registry.extend(Extension(name, teams.add_team_option, teams.choose_team))
