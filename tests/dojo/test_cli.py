"""``dojo list``, ``progress``, ``show``, the console script, and usage errors."""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from rich.console import Console

from dojo import cli, launch
from dojo.repository import Repository
from dojo.spec import Spec
from tests.dojo.support import Dojo, read_table
from tests.harness.toy import ToyRepo

REPO = Path(__file__).resolve().parents[2]
LIST = ("kata", "title", "difficulty", "patterns", "steps green")
PROGRESS = ("kata", "steps", "tests", "now on", "hints", "last run")


def test_list_shows_each_kata_with_its_metadata_and_progress(toy: ToyRepo) -> None:
    ran = Dojo(toy.root)("list")

    assert ran.status == 0
    assert read_table(ran.out, LIST) == [["toy", "Toy", "beginner", "Strategy", "░░ 0/2"]]


def test_progress_before_any_run_says_so(toy: ToyRepo) -> None:
    ran = Dojo(toy.root)("progress")

    assert ran.status == 0
    assert "not run" in ran.out
    assert "1. Double" in ran.out
    assert "never" in ran.out


def test_progress_after_runs_counts_steps_tests_and_hints(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root)
    dojo("test", "toy", "--impl", "solutions")
    toy.write("katas/toy/__init__.py", (toy.root / "solutions/toy/__init__.py").read_text())
    dojo("test", "toy")
    dojo("hint", "toy", "--step", "2")

    ran = dojo("progress")
    listed = dojo("list")

    assert read_table(ran.out, PROGRESS) == [
        ["toy", "██ 2/2", "2/2", "finished", "0", "2026-03-02 08:00"]
    ]
    assert read_table(listed.out, LIST)[0][-1] == "██ 2/2"


def test_show_renders_the_whole_spec_or_one_step(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root)

    whole, step = dojo("show", "toy"), dojo("show", "toy", "--step", "2")

    assert (whole.status, step.status) == (0, 0)
    assert "Double it." in whole.out
    assert "Say hello." in whole.out
    assert "Step 2: Greet" in step.out
    assert "Say hello." in step.out
    assert "Double it." not in step.out


def test_show_copes_with_a_spec_missing_the_steps_heading(toy: ToyRepo) -> None:
    toy.write("katas/toy/README.md", "# Toy\n\nNo headings yet.\n")

    ran = Dojo(toy.root)("show", "toy", "--step", "1")

    assert "Step 1: Double" in ran.out


@pytest.mark.parametrize("command", ["show", "test", "watch", "hint", "reset", "compare"])
def test_every_kata_command_refuses_an_unknown_kata_in_one_line(toy: ToyRepo, command: str) -> None:
    ran = Dojo(toy.root)(command, "nope")

    assert ran.status == 2
    assert ran.err.splitlines() == ["dojo: error: unknown kata 'nope'; the katas are: toy"]


def test_outside_a_repository_the_error_says_where_it_looked(tmp_path: Path) -> None:
    ran = Dojo(tmp_path)("list")

    assert ran.status == 2
    assert ran.err.startswith(f"dojo: error: {tmp_path.resolve()} is not inside a katas repository")


def test_a_missing_command_is_one_line_naming_the_help(toy: ToyRepo) -> None:
    ran = Dojo(toy.root)()

    assert ran.status == 2
    assert ran.err.splitlines() == [
        "dojo: error: the following arguments are required: COMMAND (see: dojo --help)"
    ]


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.parser().parse_args(["--help"])

    assert exit_info.value.code == 0
    listed = capsys.readouterr().out
    # argparse puts the help of a name longer than eight letters on the next line.
    assert all(re.search(rf"^    {name}\s", listed, re.MULTILINE) for name in cli.registry().names)


def test_the_console_script_runs_in_a_subfolder_of_the_repository(
    toy: ToyRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(toy.root / "katas" / "toy")

    status = cli.main(["list"])

    captured = capsys.readouterr()
    assert status == 0
    assert "toy" in captured.out
    assert captured.err == ""
    assert not (toy.root / ".dojo").exists()


def test_the_console_script_is_the_launcher_and_runs_the_command_line(
    toy: ToyRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    monkeypatch.chdir(toy.root)

    status = launch.main(["list"])

    assert scripts["scripts"]["dojo"] == "dojo.launch:main"
    assert status == 0
    assert "toy" in capsys.readouterr().out


def test_ctrl_c_while_dojo_is_still_starting_is_one_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(name: str) -> object:
        raise KeyboardInterrupt(name)

    monkeypatch.setattr("dojo.launch.importlib.import_module", interrupted)

    status = launch.main(["list"])

    captured = capsys.readouterr()
    assert status == 130
    assert captured.err == "dojo: error: interrupted (Ctrl-C); nothing more was done\n"
    assert captured.out == ""


@pytest.mark.parametrize(
    ("argv", "starts"),
    [
        pytest.param(["test", "toy"], True, id="test"),
        pytest.param(["watch", "toy"], True, id="watch"),
        pytest.param(["list"], False, id="list"),
        pytest.param(["test", "--help"], False, id="the help of test"),
        pytest.param([], False, id="no command"),
    ],
)
def test_a_command_that_runs_tests_starts_pytest_before_the_commands_load(
    toy: ToyRepo, monkeypatch: pytest.MonkeyPatch, argv: list[str], *, starts: bool
) -> None:
    events: list[str] = []

    class FakeCli:
        @staticmethod
        def main(given: list[str]) -> int:
            events.append(f"ran {given}")
            return 0

    class FakeWarm:
        @staticmethod
        def start(root: Path, env: dict[str, str]) -> None:
            events.append(f"started in {root.name} for {env['KATAS_ROOT']}")

    def import_module(name: str) -> object:
        events.append(f"imported {name}")
        return FakeCli

    monkeypatch.setattr("harness.warm.SHARED", FakeWarm)
    monkeypatch.setattr("dojo.launch.importlib.import_module", import_module)
    monkeypatch.chdir(toy.root / "katas")

    assert launch.main(argv) == 0

    early = [f"started in {toy.root.name} for {toy.root}"] if starts else []
    assert events == [*early, "imported dojo.cli", f"ran {argv}"]


def test_outside_a_repository_nothing_starts_early_and_the_command_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("harness.warm.SHARED", None)  # any use of it fails the test
    monkeypatch.chdir(tmp_path)

    status = launch.main(["test", "toy"])

    assert status == 2
    assert "is not inside a katas repository" in capsys.readouterr().err


def test_ctrl_c_while_the_commands_load_is_one_line_and_status_130(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted() -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "registry", interrupted)
    errors = io.StringIO()

    status = cli.run(["list"], lambda: pytest.fail("no app"), Console(file=errors, width=200))

    assert status == 130
    assert errors.getvalue() == "dojo: error: interrupted (Ctrl-C); nothing more was done\n"


def test_python_dash_m_dojo_cli_is_the_same_command(toy: ToyRepo) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    completed = subprocess.run(
        [sys.executable, "-m", "dojo.cli", "show", "toy", "--step", "9"],
        cwd=toy.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 2
    assert completed.stderr.strip() == "dojo: error: toy has no step 9; its steps are 1-2"


def test_what_a_step_asks_is_cut_short_at_a_word(toy: ToyRepo) -> None:
    toy.write("katas/toy/README.md", f"# Toy\n\n## Step 1: Double\n\n{'word ' * 100}\n")

    repository = Repository(toy.root)

    summary = Spec.read(repository, repository.kata("toy")).summary(1)

    assert summary == "word " * 39 + "word ..."


def test_a_file_dojo_cannot_write_is_one_line_and_status_2(toy: ToyRepo) -> None:
    (toy.root / ".dojo").write_text("a file where the folder should be\n")

    ran = Dojo(toy.root)("hint", "toy")

    assert ran.status == 2
    assert len(ran.err.splitlines()) == 1
    assert ran.err.startswith("dojo: error: [Errno")
    assert ".dojo" in ran.err


def test_a_last_run_that_reads_as_markup_is_a_corrupt_record_not_a_crash(toy: ToyRepo) -> None:
    record = {"steps": {"1": [1, 1]}, "hints": {}, "last_run": "[/x]"}
    toy.write(".dojo/progress.json", json.dumps({"version": 1, "katas": {"toy": record}}))
    dojo = Dojo(toy.root)

    ran = dojo("progress")

    assert ran.status == 0
    assert read_table(ran.out, PROGRESS)[0][-1] == "never"
    assert "Invalid isoformat string: '[/x]'" in dojo.warnings[0]


@pytest.mark.parametrize(
    ("status", "make_status"),
    [
        pytest.param(0, 0, id="tests pass"),
        pytest.param(1, 0, id="tests fail"),
        pytest.param(2, 2, id="a usage error"),
        pytest.param(130, 2, id="Ctrl-C"),
    ],
)
def test_make_practice_exits_0_when_the_tests_ran_and_2_when_they_could_not(
    tmp_path: Path, status: int, make_status: int
) -> None:
    """A failed recipe makes make exit 2; its own message names dojo's status."""
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(REPO / name, tmp_path / name)
    dojo = tmp_path / ".venv" / "bin" / "dojo"
    dojo.parent.mkdir(parents=True)
    dojo.write_text(f'#!/bin/sh\necho dojo ran with "$*"\nexit {status}\n')
    dojo.chmod(0o755)
    (tmp_path / ".venv" / ".practice").touch()

    made = subprocess.run(
        ["make", "--no-print-directory", "practice", "KATA=toy", "STEP=1"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    assert made.returncode == make_status
    assert made.stdout.splitlines()[0] == "dojo ran with test toy --step 1"
