"""``dojo reset``: the learner's files go to a backup first; the skeleton comes from git."""

import subprocess
from pathlib import Path

from tests.dojo.support import Dojo
from tests.harness.toy import SKELETON, SKELETON_FILES, ToyRepo


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def test_the_learners_work_is_never_lost_and_the_skeleton_comes_back(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "def double(n: int) -> int:\n    return 2 * n\n")
    toy.write("katas/toy/notes.md", "my design ideas\n")
    toy.write("katas/toy/parts/extra.py", "X = 1\n")
    (toy.root / "katas" / "toy" / "hints.toml").unlink()
    before = files(toy.root / "katas" / "toy")
    dojo = Dojo(toy.root)

    ran = dojo("reset", "toy", "--yes")

    assert ran.status == 0, ran.err
    backup = toy.root / ".dojo" / "backups" / "toy-20260302T080000Z"
    assert files(backup) == before
    restored = files(toy.root / "katas" / "toy")
    assert sorted(restored) == SKELETON_FILES
    assert restored["__init__.py"].decode() == SKELETON
    assert "Your files are in .dojo/backups/toy-20260302T080000Z/." in ran.out
    assert "katas/toy/ is the skeleton again (4 files)." in ran.out


def test_two_resets_in_the_same_second_keep_both_backups(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root)
    toy.write("katas/toy/first.py", "1\n")
    dojo("reset", "toy", "--yes")
    toy.write("katas/toy/second.py", "2\n")

    dojo("reset", "toy", "--yes")

    backups = toy.root / ".dojo" / "backups"
    assert (backups / "toy-20260302T080000Z" / "first.py").read_text() == "1\n"
    assert (backups / "toy-20260302T080000Z-2" / "second.py").read_text() == "2\n"


def test_reset_forgets_the_katas_progress(toy: ToyRepo) -> None:
    dojo = Dojo(toy.root)
    dojo("hint", "toy")

    dojo("reset", "toy", "--yes")

    assert "hint 1 of 2" in dojo("hint", "toy").out


def test_without_a_terminal_and_without_yes_it_refuses_and_changes_nothing(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "mine\n")

    ran = Dojo(toy.root, interactive=False)("reset", "toy")

    assert ran.status == 2
    assert ran.err.strip() == (
        "dojo: error: dojo reset toy needs a yes: run it in a terminal or add --yes"
    )
    assert (toy.root / "katas" / "toy" / "__init__.py").read_text() == "mine\n"
    assert not (toy.root / ".dojo" / "backups").exists()


def test_it_asks_and_a_no_changes_nothing(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "mine\n")
    dojo = Dojo(toy.root, interactive=True, answers=[False])

    ran = dojo("reset", "toy")

    assert ran.status == 0
    assert dojo.questions == [
        (
            "Move your katas/toy/ to a backup, restore the skeleton, "
            "and start its progress and hints from zero?"
        )
    ]
    assert "Nothing changed." in ran.out
    assert (toy.root / "katas" / "toy" / "__init__.py").read_text() == "mine\n"


def test_it_asks_and_a_yes_resets(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "mine\n")

    ran = Dojo(toy.root, interactive=True, answers=[True])("reset", "toy")

    assert ran.status == 0
    assert (toy.root / "katas" / "toy" / "__init__.py").read_text() == SKELETON


def test_without_git_nothing_is_moved_and_the_error_is_one_line(toy: ToyRepo) -> None:
    subprocess.run(["rm", "-rf", str(toy.root / ".git")], check=True)
    toy.write("katas/toy/__init__.py", "mine\n")

    ran = Dojo(toy.root)("reset", "toy", "--yes")

    assert ran.status == 2
    assert ran.err.startswith("dojo: error: git ls-tree")
    assert (toy.root / "katas" / "toy" / "__init__.py").read_text() == "mine\n"


def test_a_kata_never_committed_cannot_be_reset(toy: ToyRepo) -> None:
    toy.write("katas/fresh/kata.toml", (toy.root / "katas/toy/kata.toml").read_text())

    ran = Dojo(toy.root)("reset", "fresh", "--yes")

    assert ran.status == 2
    assert "git has no committed katas/fresh/ at HEAD to restore" in ran.err
    assert (toy.root / "katas" / "fresh" / "kata.toml").is_file()


def test_reset_says_that_progress_starts_again(toy: ToyRepo) -> None:
    ran = Dojo(toy.root)("reset", "toy", "--yes")

    assert "Your progress and hints taken on toy start again from zero." in ran.out


def test_ctrl_c_at_the_question_changes_nothing(toy: ToyRepo) -> None:
    toy.write("katas/toy/__init__.py", "mine\n")

    def interrupted(question: str) -> bool:
        raise KeyboardInterrupt(question)

    ran = Dojo(toy.root, interactive=True, confirm=interrupted)("reset", "toy")

    assert ran.status == 130
    assert ran.err == "dojo: error: interrupted (Ctrl-C); nothing more was done\n"
    assert "Traceback" not in ran.out + ran.err
    assert (toy.root / "katas" / "toy" / "__init__.py").read_text() == "mine\n"
