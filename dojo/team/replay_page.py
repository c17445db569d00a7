"""The replay of a team as a web page: what ``dojo replay`` shows, one section per run.

Each light on the board links to its run's section here (``replay/NAME#run-...``). Every
text comes from a team's commits, so every text is escaped; the page runs no script.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from dojo.team.replay import DIFF_STYLES, after
from dojo.text import plain

if TYPE_CHECKING:
    from dojo.team.replay import Replay

STYLE = """
  body { font-family: system-ui, sans-serif; background: #111; color: #eee; margin: 2vh 2vw; }
  a { color: #8ab4f8; }
  h1 { font-size: 3.4vh; margin: 0 0 1vh; }
  nav { display: flex; flex-wrap: wrap; gap: .5vh; margin-bottom: 2vh; }
  .dot { display: block; width: 2.4vh; height: 2.4vh; border-radius: 50%; background: #444; }
  [data-light="red"] { background: #e53935; }
  [data-light="amber"] { background: #fbc02d; }
  [data-light="green"] { background: #43a047; }
  section { border-top: 1px solid #333; padding: 1.5vh 0; }
  section:target { background: #1d2330; }
  h2 { font-size: 2.6vh; margin: 0 0 1vh; display: flex; align-items: center; gap: 1vw; }
  .steps { font-size: 2vh; color: #bbb; margin: 0 0 1vh; }
  .steps .done { color: #43a047; }
  pre { font-size: 1.7vh; background: #181818; padding: 1vh 1vw; overflow-x: auto; }
  .add { color: #7bd88f; } .del { color: #ff6b6b; } .hunk { color: #6cc5d9; }
  .file { font-weight: 700; } .quiet { color: #888; }
"""
CLASSES = {"bold": "file", "green": "add", "red": "del", "cyan": "hunk"}


def text(value: str) -> str:
    """Untrusted text for HTML: control characters removed, then escaped."""
    return html.escape(plain(value))


def replay_page(team: str, replay: Replay | None) -> str:
    """The page of ``team``'s runs; a short page saying so when it has none."""
    title = f"Team {text(team)}: replay"
    head = (
        f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<p><a href="../">back to the board</a></p>\n<h1>{title}</h1>\n'
    )
    if replay is None or not replay.runs:
        return head + (
            f'<p class="quiet">No runs of team {text(team)} with their code yet: a run of '
            "<code>dojo test KATA --team NAME</code> records one.</p>\n</body>\n</html>\n"
        )
    nav = "".join(
        f'<a class="dot" data-light="{run.record.light.value}" href="#{run.record.ident}" '
        f'title="run {number}"></a>'
        for number, run in enumerate(replay.runs, start=1)
    )
    sections = "".join(_section(replay, index) for index in range(len(replay.runs)))
    return head + f"<nav>{nav}</nav>\n{sections}</body>\n</html>\n"


def _section(replay: Replay, index: int) -> str:
    run = replay.runs[index].record
    steps = " · ".join(
        f'<span class="{"done" if step.green else ""}">step {step.number} '
        f"{text(replay.step_title(index, step.number))}: {step.passed}/{step.total}</span>"
        for step in run.steps
    )
    diff = replay.diff(index)
    if diff.empty:
        code = f'<p class="quiet">no change to the code since {replay.base(index)}</p>'
    else:
        lines = "".join(_line(line) for line in diff.lines)
        more = (
            '<span class="quiet">... the diff goes on: shown in part</span>\n' if diff.cut else ""
        )
        code = f"<pre>{lines}{more}</pre>"
    return (
        f'<section id="{run.ident}">\n<h2><span class="dot" data-light="{run.light.value}">'
        f"</span>Run {index + 1} of {len(replay.runs)}: {run.light.value}, "
        f"{run.time.astimezone():%H:%M:%S} ({after(replay.since(index))}), "
        f'{text(run.kata)}</h2>\n<p class="steps">{steps}</p>\n{code}\n</section>\n'
    )


def _line(line: str) -> str:
    style = next((style for start, style in DIFF_STYLES if line.startswith(start)), "")
    escaped = text(line)
    return f'<span class="{CLASSES[style]}">{escaped}</span>\n' if style else f"{escaped}\n"
