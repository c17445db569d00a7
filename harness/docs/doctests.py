"""Run the ``pycon`` blocks of a Markdown file as a doctest: ``python -m harness.docs.doctests F``.

The blocks share one namespace, in order, like a reader's interpreter session. Each
failure is printed as one line, ``LINE: message``, LINE being the line of the failing
``>>>`` in the Markdown file; the exit status is 1 when anything failed.
"""

from __future__ import annotations

import doctest
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.docs.markdown import Document

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

LANGUAGE = "pycon"
OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


class LineRunner(doctest.DocTestRunner):
    """A doctest runner that records failures by Markdown line instead of printing them."""

    def __init__(self) -> None:
        super().__init__(optionflags=OPTIONS, verbose=False)
        self.found: list[tuple[int, str]] = []

    def report_failure(
        self,
        out: Callable[[str], object],
        test: doctest.DocTest,
        example: doctest.Example,
        got: str,
    ) -> None:
        """Expected output differs."""
        del out
        message = f"{_source(example)} gave {got!r}, the note expects {example.want!r}"
        self.found.append((_line(test, example), message))

    def report_unexpected_exception(
        self,
        out: Callable[[str], object],
        test: doctest.DocTest,
        example: doctest.Example,
        exc_info: tuple[type[BaseException], BaseException, TracebackType],
    ) -> None:
        """The example raised where the note expects none."""
        del out
        error = traceback.format_exception_only(exc_info[0], exc_info[1])[-1].strip()
        self.found.append((_line(test, example), f"{_source(example)} raised {error}"))


def _line(test: doctest.DocTest, example: doctest.Example) -> int:
    return (test.lineno or 0) + example.lineno + 1


def _source(example: doctest.Example) -> str:
    first = example.source.strip().splitlines()[0]
    return repr(first)


def run(path: Path) -> list[tuple[int, str]]:
    """Run the examples of ``path``; the failures, by line."""
    parser = doctest.DocTestParser()
    runner = LineRunner()
    namespace: dict[str, Any] = {"__name__": path.stem}
    for block in Document.read(path).blocks:
        if block.language != LANGUAGE:
            continue
        text = "\n".join(block.lines) + "\n"
        name = f"{path.name}:{block.first_line}"
        test = parser.get_doctest(text, namespace, name, str(path), block.first_line - 1)
        runner.run(test, clear_globs=False)
        namespace = test.globs
    return runner.found


def main(argv: list[str]) -> int:
    """Print each failure as ``LINE: message``; 1 if any."""
    failures = run(Path(argv[0]))
    for line, message in failures:
        sys.stdout.write(f"{line}: {message}\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
