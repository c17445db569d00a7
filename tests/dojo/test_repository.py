"""The one ``Repository`` value: found once, and the only place a path is spelled out."""

from pathlib import Path

import pytest

from dojo.errors import NotARepositoryError
from dojo.repository import Implementation, Repository
from tests.harness.toy import ToyRepo


def test_it_is_found_from_any_folder_inside_the_checkout(toy: ToyRepo) -> None:
    assert Repository.find(toy.root / "katas" / "toy") == Repository(toy.root)


def test_outside_a_checkout_the_error_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(NotARepositoryError, match="is not inside a katas repository"):
        Repository.find(tmp_path)


def test_every_path_dojo_uses_comes_from_it() -> None:
    repository = Repository(Path("/r"))

    assert [
        repository.kata_folder("k"),
        repository.solution_folder("k"),
        repository.tests_folder("k"),
        repository.spec_file("k"),
        repository.hints_file("k"),
        repository.design_notes("k"),
        repository.settings,
        repository.progress_file,
        repository.backups,
        repository.workspaces,
        repository.interviews,
    ] == [
        Path(path)
        for path in (
            "/r/katas/k",
            "/r/solutions/k",
            "/r/tests/k",
            "/r/katas/k/README.md",
            "/r/katas/k/hints.toml",
            "/r/solutions/k/DESIGN.md",
            "/r/pyproject.toml",
            "/r/.dojo/progress.json",
            "/r/.dojo/backups",
            "/r/workspaces",
            "/r/interviews",
        )
    ]
    assert repository.reference == Implementation("solutions", Path("/r/solutions"))


def test_a_path_is_shown_relative_to_the_root_when_it_is_inside(tmp_path: Path) -> None:
    repository = Repository(tmp_path / "r")

    assert repository.relative(tmp_path / "r" / "katas" / "k") == "katas/k"
    assert repository.relative(tmp_path / "elsewhere") == str(tmp_path / "elsewhere")


def test_an_implementation_knows_its_package_and_how_pytest_names_it() -> None:
    mine, folder = Implementation("katas", Path("/r/katas")), Implementation("x", Path("/x"))

    assert mine.package("k") == Path("/r/katas/k")
    assert (mine.is_learners, mine.pytest_value) == (True, "katas")
    assert (folder.is_learners, folder.pytest_value) == (False, "/x")
