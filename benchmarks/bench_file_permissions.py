"""The cost of ``access`` at depths 1, 8 and 64, and of ``apply_mode``, per call.

Run with ``make bench``. A path walk is O(depth): the time per ``access`` should grow
about linearly with the depth. ``apply_mode`` compiles and applies a mode string each call.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "solutions"))

from file_permissions import FileSystem, Session, apply_mode

DEPTHS = (1, 8, 64)
CALLS = 20_000
REPEATS = 5
MODES = ("755", "u+x", "u=rwx,g=rx,o=", "a+X,g-w,o-rwx", "go=u-w,+t")


def deep_tree(depth: int) -> tuple[Session, str]:
    """A session of a plain user, and the path of a file under ``depth - 1`` directories."""
    fs = FileSystem()
    fs.add_user("alice")
    root = fs.login("root")
    path = ""
    for level in range(depth - 1):
        path += f"/d{level}"
        root.mkdir(path, 0o755)
    path += "/file"
    root.create(path, 0o644)
    return fs.login("alice"), path


def per_call(statement: str, namespace: dict[str, object]) -> float:
    """Microseconds per call, the best of a few repeats."""
    timer = timeit.Timer(statement, globals=namespace)
    return min(timer.repeat(repeat=REPEATS, number=CALLS)) / CALLS * 1e6


def main() -> None:
    """Print the figures."""
    print(f"best of {REPEATS} x {CALLS:,} calls, microseconds per call")
    for depth in DEPTHS:
        session, path = deep_tree(depth)
        took = per_call("session.access(path, 'r')", {"session": session, "path": path})
        print(f"access, depth {depth:>2}: {took:8.2f} us")
    for spec in MODES:
        took = per_call("apply_mode(spec, 0o644)", {"apply_mode": apply_mode, "spec": spec})
        print(f"apply_mode {spec!r:<18}: {took:8.2f} us")


if __name__ == "__main__":
    main()
