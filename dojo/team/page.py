"""The web board's page: rows redrawn from ``board.json`` by ``fetch``, never reloaded.

It is laid out for a projector: up to 8 teams fit a 1024x768 or a 1920x1080 screen
without scrolling, and the rows share the height of the screen, so fewer teams get taller
rows with larger text (up to ``MAX_GROW`` times the size of eight teams' rows). Sizes
follow the screen's height, and a cell whose text is too long shrinks its text until it
fits (down to ``MIN_FIT`` of its size in eight teams' rows), then ends in an ellipsis.
Every text from ``board.json`` is set as ``textContent``, never as HTML.
"""

from __future__ import annotations

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dojo board</title>
<style>
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; }
  /* --row and --grow are set by size(): the rows share the screen's height. */
  body { --row: 10.4vh; --grow: 1; }
  body { font-family: system-ui, sans-serif; background: #111; color: #eee;
         padding: 1.5vh 1.5vw; display: flex; flex-direction: column; }
  header { display: flex; align-items: baseline; gap: 2vw; flex: none; }
  h1 { font-weight: 600; margin: 0; font-size: 3.4vh; white-space: nowrap; }
  #status { color: #888; font-size: 1.7vh; white-space: nowrap; overflow: hidden;
            text-overflow: ellipsis; min-width: 0; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-top: 1vh; }
  col.for-team { width: 19%; } col.for-step { width: 24%; } col.for-tallies { width: 22%; }
  col.for-last { width: 16%; } col.for-recent { width: 19%; }
  th { color: #999; font-weight: 400; font-size: 1.6vh; text-transform: uppercase;
       text-align: left; padding: 0 .8vw .6vh; }
  td { vertical-align: middle; padding: .5vh .8vw; border-top: 1px solid #333;
       height: var(--row); overflow: hidden; }
  .fit { overflow: hidden; overflow-wrap: anywhere; display: -webkit-box;
         -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-height: 1.15; }
  .name { font-size: calc(3vh * var(--grow)); font-weight: 700; }
  .kata { font-size: calc(1.7vh * var(--grow)); color: #999; -webkit-line-clamp: 1; }
  .where { font-size: calc(2.5vh * var(--grow)); }
  .number { font-size: 1.3em; font-weight: 700; }
  .finished { font-size: 1.3em; font-weight: 700; color: #43a047; }
  .tallies { display: flex; flex-wrap: wrap; gap: calc(.4vh * var(--grow)) .4vw;
             overflow: hidden; max-height: calc(var(--row) - 1.2vh); }
  .tally { font-size: calc(1.8vh * var(--grow)); color: #ccc; white-space: nowrap;
           padding: 0 .35vw; border: 1px solid #555; border-radius: .6vh; line-height: 1.3; }
  .tally b { color: #999; font-weight: 600; margin-right: .25em; }
  .tally.done { color: #43a047; border-color: #2e6b31; }
  .tally.done b { color: #43a047; }
  .lastrun { display: flex; align-items: center; gap: .8vw; min-width: 0; }
  .light { flex: none; display: block; width: min(calc(6vh * var(--grow)), 5vw);
           height: min(calc(6vh * var(--grow)), 5vw); border-radius: 50%; background: #444; }
  .seen { font-size: calc(1.9vh * var(--grow)); color: #bbb; min-width: 0; }
  .seen.idle { color: #fbc02d; font-weight: 700; }
  .dots { display: flex; flex-wrap: wrap; gap: min(.5vh, .3vw); }
  .dot { display: block; width: min(calc(2.4vh * var(--grow)), calc(1.3vw * var(--grow)));
         height: min(calc(2.4vh * var(--grow)), calc(1.3vw * var(--grow)));
         border-radius: 50%; background: #444; }
  a.dot:hover, a.light:hover { outline: .3vh solid #eee; }
  [data-light="red"] { background: #e53935; }
  [data-light="amber"] { background: #fbc02d; }
  [data-light="green"] { background: #43a047; }
  .none { color: #777; font-size: calc(1.9vh * var(--grow)); }
</style>
</head>
<body data-poll="__POLL_MS__">
<header><h1>Dojo board</h1><p id="status">connecting</p></header>
<table>
  <colgroup><col class="for-team"><col class="for-step"><col class="for-tallies">
  <col class="for-last"><col class="for-recent"></colgroup>
  <thead><tr><th>team</th><th>step</th><th>tests per step</th><th>last run</th>
  <th>recent runs</th></tr></thead>
  <tbody id="teams"></tbody>
</table>
<script>
"use strict";
const poll = Number(document.body.dataset.poll);
const MIN_FIT = 0.6;
// A row's height and text for eight teams; fewer teams' rows grow up to MAX_GROW times.
const ROW_VH = 10.4;
const MAX_GROW = 1.6;

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

function cell(...children) {
  const td = element("td");
  td.append(...children);
  return td;
}

function light(className, team, value, run) {
  const made = element(run ? "a" : "span", className);
  made.dataset.light = value || "none";
  if (run) {
    made.href = `replay/${encodeURIComponent(team)}#${encodeURIComponent(run)}`;
    made.title = `${value} run: replay it`;
  }
  return made;
}

function row(team) {
  const tr = element("tr");
  tr.dataset.team = team.team;
  const name = cell(element("div", "fit name", team.team), element("div", "fit kata", team.kata));
  const step = element("div", "fit where");
  if (team.finished) step.append(element("span", "finished", "finished"));
  else step.append(element("span", "number", String(team.step)), " ", team.step_title);
  const tallies = element("div", "tallies");
  for (const [number, passed, total] of team.steps) {
    // A green step is its number and a tick: room for seven steps in a projector's cell.
    const done = passed === total && total > 0;
    const tally = element("span", done ? "tally done" : "tally");
    tally.title = `step ${number}: ${passed}/${total}`;
    tally.append(element("b", "", String(number)), done ? "\u2713" : `${passed}/${total}`);
    tallies.append(tally);
  }
  if (!team.steps.length) tallies.append(element("span", "none", "no tests run yet"));
  const last = element("div", "lastrun");
  const latest = team.runs.length ? team.runs[team.runs.length - 1] : null;
  last.append(light("light", team.team, team.light, latest));
  last.append(element("div", team.idle ? "fit seen idle" : "fit seen",
                      team.light ? team.last_seen : "no runs"));
  const dots = element("div", "dots");
  team.history.forEach((value, index) => dots.append(light("dot", team.team, value,
                                                           team.runs[index])));
  tr.append(name, cell(step), cell(tallies), cell(last), cell(dots));
  return tr;
}

// Shrink a cell's text until it fits its box, down to MIN_FIT of its size in eight teams'
// rows; the line clamp does the rest.
function fit(box) {
  box.style.fontSize = "";
  const full = parseFloat(getComputedStyle(box).fontSize);
  const grow = parseFloat(document.body.style.getPropertyValue("--grow")) || 1;
  let size = full;
  while ((box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1)
         && size > full * MIN_FIT / Math.max(grow, 1)) {
    size *= 0.92;
    box.style.fontSize = `${size}px`;
  }
}

// Share the height below the table's head among the rows (a pixel each for its border).
function size() {
  const rows = document.getElementById("teams").rows.length;
  const top = document.querySelector("thead").getBoundingClientRect().bottom;
  const bottom = parseFloat(getComputedStyle(document.body).paddingBottom);
  const room = window.innerHeight - top - bottom;
  const row = Math.max(Math.floor(room / Math.max(rows, 1)) - 1, 0);
  const base = window.innerHeight * ROW_VH / 100;
  document.body.style.setProperty("--row", `${row}px`);
  document.body.style.setProperty("--grow", String(Math.min(row / base, MAX_GROW)));
}

function fitAll() {
  size();
  document.querySelectorAll(".fit").forEach(fit);
}

async function refresh() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("board.json", { cache: "no-store" });
    const board = await response.json();
    document.getElementById("teams").replaceChildren(...board.teams.map(row));
    fitAll();
    const where = board.status ? ` · ${board.status}` : "";
    if (!board.teams.length) status.textContent = `no teams yet: dojo team join NAME${where}`;
    else status.textContent = `updated ${new Date().toTimeString().slice(0, 8)}${where}`;
  } catch (error) {
    status.textContent = `board unreachable (${error}); retrying`;
  }
  setTimeout(refresh, poll);
}

window.addEventListener("resize", fitAll);
refresh();
</script>
</body>
</html>
"""


def page(poll_ms: int) -> str:
    """The page, polling every ``poll_ms`` milliseconds."""
    return PAGE.replace("__POLL_MS__", str(poll_ms))
