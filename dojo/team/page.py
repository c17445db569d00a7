"""The web board's page: a table redrawn from ``board.json`` by ``fetch``, never reloaded."""

from __future__ import annotations

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Dojo board</title>
<style>
  body { font-family: system-ui, sans-serif; background: #111; color: #eee; margin: 2rem; }
  h1 { font-weight: 600; margin: 0 0 1rem; }
  table { border-collapse: collapse; width: 100%; font-size: 1.6rem; }
  th, td { text-align: left; padding: .6rem 1rem; border-bottom: 1px solid #333; }
  th { color: #999; font-weight: 400; font-size: 1rem; text-transform: uppercase; }
  .light { display: inline-block; width: 2.2rem; height: 2.2rem; border-radius: 50%;
           background: #444; vertical-align: middle; }
  .dot { display: inline-block; width: .9rem; height: .9rem; border-radius: 50%;
         margin-right: .25rem; background: #444; }
  [data-light="red"] { background: #e53935; }
  [data-light="amber"] { background: #fbc02d; }
  [data-light="green"] { background: #43a047; }
  .tally { font-size: 1rem; color: #bbb; margin-right: .8rem; white-space: nowrap; }
  .done { color: #43a047; }
  td:first-child { white-space: nowrap; font-weight: 600; }
  #status { color: #777; font-size: .9rem; margin-top: 1rem; }
</style>
</head>
<body data-poll="__POLL_MS__">
<h1>Dojo board</h1>
<table>
  <thead><tr><th>team</th><th>kata</th><th>step</th><th>per step</th><th>last</th>
  <th>recent runs</th></tr></thead>
  <tbody id="teams"></tbody>
</table>
<p id="status">connecting</p>
<script>
"use strict";
const poll = Number(document.body.dataset.poll);

function cell(...children) {
  const td = document.createElement("td");
  td.append(...children);
  return td;
}

function span(className, text, light) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  if (light !== undefined) element.dataset.light = light;
  return element;
}

function row(team) {
  const tr = document.createElement("tr");
  tr.dataset.team = team.team;
  const tallies = team.steps.map(([number, passed, total]) =>
    span(passed === total && total > 0 ? "tally done" : "tally", `${number}: ${passed}/${total}`));
  tr.append(
    cell(team.team),
    cell(team.kata),
    cell(`${team.step} ${team.step_title}`),
    cell(...(tallies.length ? tallies : ["-"])),
    cell(span("light", "", team.light || "none")),
    cell(...team.history.map((light) => span("dot", "", light))),
  );
  return tr;
}

async function refresh() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("board.json", { cache: "no-store" });
    const board = await response.json();
    document.getElementById("teams").replaceChildren(...board.teams.map(row));
    if (!board.teams.length) status.textContent = "no teams yet: dojo team new NAME --kata KATA";
    else status.textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    status.textContent = `board unreachable (${error}); retrying`;
  }
  setTimeout(refresh, poll);
}

refresh();
</script>
</body>
</html>
"""


def page(poll_ms: int) -> str:
    """The page, polling every ``poll_ms`` milliseconds."""
    return PAGE.replace("__POLL_MS__", str(poll_ms))
