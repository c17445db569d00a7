"""``make verify``: the reference agrees, every corpus entry marked ``verify`` disagrees."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from dojo.verify.proof import Proof, Row, main, proofs, prove, render
from harness.wrong import CorpusError, Edit, WrongImplementation

if TYPE_CHECKING:
    from pathlib import Path

HARMLESS = Edit("cron.py", "_MINUTE = timedelta(minutes=1)", "_MINUTE = timedelta(seconds=60)")


def entry(name: str, check: str, *edits: Edit) -> WrongImplementation:
    return WrongImplementation("job_scheduler", name, "a rule", 2, edits, verify=(check,))


def test_the_proofs_are_the_reference_then_the_entries_that_name_a_check() -> None:
    found = proofs("job_scheduler")

    assert [(proof.name, proof.check, proof.expected) for proof in found] == [
        ("solutions", "", 0),
        ("seven-is-not-sunday", "cron", 1),
        ("star-step-counts-as-restricted", "cron", 1),
    ]


def test_the_interview_drivers_checks_are_proven_with_interview() -> None:
    found = proofs("file_permissions")

    driver = [(proof.name, proof.check) for proof in found if proof.interview]
    assert driver == [
        ("solutions", ""),
        ("capital-x-tests-only-the-owner", "symbolic-modes"),
        ("eexist-after-the-write-check", "driver"),
        ("eexist-after-the-write-check", "service-account"),
    ]
    assert ("capital-x-tests-only-the-owner", "chmod") in [
        (proof.name, proof.check) for proof in found if not proof.interview
    ]


def test_without_root_the_drivers_reference_is_left_out_and_said_so() -> None:
    proof = Proof("file_permissions", "solutions", interview=True)

    row = prove(proof, is_root=False)

    assert row == Row(proof, None, "left out: every check of the driver needs root")
    assert "(the driver)" in render([row])


def test_an_entry_naming_no_check_of_its_kata_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "tests" / "wrong" / "job_scheduler"
    folder.mkdir(parents=True)
    (folder / "odd.toml").write_text(
        'rule = "r"\nstep = 2\nverify = "chmod"\n[[edits]]\nfile = "cron.py"\n'
        'find = "a"\nreplace = "b"\n',
        encoding="utf-8",
    )

    with pytest.raises(CorpusError, match=r"job_scheduler/odd: verify names no check .* \(cron\)"):
        proofs("job_scheduler", tmp_path)


def test_a_kata_without_a_corpus_proves_its_reference_alone(tmp_path: Path) -> None:
    assert proofs("job_scheduler", tmp_path) == [Proof("job_scheduler", "solutions")]


def test_without_root_an_entry_for_a_kernel_check_is_left_out_and_said_so() -> None:
    proof = Proof("file_permissions", "some-entry", "operations", entry("x", "operations"))

    row = prove(proof, is_root=False)

    assert row == Row(proof, None, "left out: the operations check needs root")


def test_an_entry_that_no_longer_applies_is_a_problem() -> None:
    proof = Proof(
        "job_scheduler", "stale", "cron", entry("stale", "cron", Edit("cron.py", "x" * 40, ""))
    )

    row = prove(proof)

    assert (
        row.problem == "job_scheduler/stale: the text to find occurs 0 times in cron.py, not once"
    )


def test_an_entry_the_verifier_cannot_tell_apart_is_a_problem_naming_it() -> None:
    proof = Proof("job_scheduler", "harmless", "cron", entry("harmless", "cron", HARMLESS))

    row = prove(proof)

    assert row.status == 0
    assert row.problem.startswith(
        "job_scheduler/harmless must be disagrees: Everything agrees: 600 cases in 1 check(s)."
    )
    assert "harmless" in render([row])
    assert "1 problem(s):" in render([row])


# About 40 s of CPU (three verify runs of 600 cases, two of them shrinking disagreements):
# under xdist beside other tests on a loaded machine it has taken over the default 300 s guard.
@pytest.mark.timeout(900)
def test_the_job_scheduler_proof_passes_and_prints_one_line_per_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = main(["job_scheduler", "--jobs", "2"])

    out = capsys.readouterr().out
    assert status == 0, out
    assert "the verifier agrees with every reference and catches every entry it runs" in out
    lines = [line for line in out.splitlines() if line.startswith("job_scheduler")]
    assert len(lines) == 3
    assert "agrees     Everything agrees: 600 cases" in lines[0]
    assert all("disagrees" in line and "cases disagree" in line for line in lines[1:])


@pytest.mark.parametrize(
    "argv",
    [pytest.param(["parking_lot"], id="no checks"), pytest.param(["--jobs", "0"], id="no jobs")],
)
def test_a_bad_command_line_is_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        main(argv)

    assert refused.value.code == 2
