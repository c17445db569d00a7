"""The verifier proven two-sided: it agrees with the reference and catches wrong implementations.

``python -m dojo.verify.proof [KATA ...]`` (``make verify``) runs, for each kata that has
checks, ``dojo verify KATA --impl solutions`` (and ``--interview`` for its interview
driver, when that has checks), which must agree on every case (exit status 0); then, for
each check an entry of ``tests/wrong/<kata>/`` names with ``verify``, ``dojo verify KATA
--impl COPY --check CHECK`` (with ``--interview`` for a driver's check) on a copy of the
reference with the entry's edits, which must disagree (exit status 1). Without root, the
runs whose check needs root are left out, and the table says so. Exit status 1 when any
run is not as it must be.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from dojo.verify.drivers import PACKAGE as DRIVERS
from dojo.verify.oracles import PACKAGE as ORACLES
from dojo.verify.oracles import checks_of, katas_with_checks
from harness.catalog import ROOT
from harness.wrong import CorpusError, WrongImplementation, corpus

if TYPE_CHECKING:
    from collections.abc import Sequence

AGREES, DISAGREES = 0, 1
SAID = {AGREES: "agrees", DISAGREES: "disagrees"}


@attrs.frozen
class Proof:
    """One run of ``dojo verify`` and the exit status it must end with."""

    kata: str
    name: str
    check: str = ""
    wrong: WrongImplementation | None = None
    interview: bool = False

    @property
    def expected(self) -> int:
        """0 for the reference, 1 for a wrong implementation."""
        return AGREES if self.wrong is None else DISAGREES


@attrs.frozen
class Row:
    """What a proof found: the exit status, dojo's last line, and the problem if any."""

    proof: Proof
    status: int | None
    said: str
    problem: str = ""


def proofs(kata: str, root: Path = ROOT) -> list[Proof]:
    """The reference, then every check a corpus entry names; ``CorpusError`` for a bad name."""
    drivers = {info.name for info in checks_of(kata, DRIVERS)}
    known = {info.name for info in checks_of(kata)} | drivers
    found = [Proof(kata, "solutions")]
    found += [Proof(kata, "solutions", interview=True)] if drivers else []
    for entry in corpus(kata, root) if (root / "tests" / "wrong" / kata).is_dir() else []:
        for check in entry.verify:
            if check not in known:
                listed = ", ".join(sorted(known))
                raise CorpusError(
                    f"{kata}/{entry.name}: verify names no check of {kata} ({listed})"
                )
            found.append(Proof(kata, entry.name, check, entry, interview=check in drivers))
    return found


def prove(proof: Proof, root: Path = ROOT, *, is_root: bool | None = None) -> Row:
    """Run ``dojo verify`` as the proof says and compare its exit status."""
    infos = checks_of(proof.kata, DRIVERS if proof.interview else ORACLES)
    needs = {info.name: info.needs_root for info in infos}
    root_here = os.geteuid() == 0 if is_root is None else is_root
    if proof.check and needs[proof.check] and not root_here:
        return Row(proof, None, f"left out: the {proof.check} check needs root")
    if not proof.check and all(needs.values()) and not root_here:
        return Row(proof, None, "left out: every check of the driver needs root")
    with tempfile.TemporaryDirectory(prefix="dojo-verify-proof-") as scratch:
        impl = "solutions"
        if proof.wrong is not None:
            try:
                proof.wrong.apply(root / "solutions" / proof.kata, Path(scratch) / proof.kata)
            except CorpusError as error:
                return Row(proof, None, "", f"{proof.kata}/{proof.name}: {error}")
            impl = scratch
        command = [sys.executable, "-m", "dojo.cli", "verify", proof.kata, "--impl", impl]
        command += ["--check", proof.check] if proof.check else []
        command += ["--interview"] if proof.interview else []
        done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
            command, cwd=root, capture_output=True, text=True, check=False
        )
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    said = lines[-1].split(" Replay:")[0] if lines else ""
    if done.returncode == proof.expected:
        return Row(proof, done.returncode, said)
    must = SAID[proof.expected]
    return Row(proof, done.returncode, said, f"{proof.kata}/{proof.name} must be {must}: {said}")


def _all(proof: Proof) -> str:
    return "(the driver)" if proof.interview else "(all)"


def render(rows: Sequence[Row]) -> str:
    """One line per run, then every problem."""
    header = f"{'kata':<18} {'implementation':<44} {'check':<15} {'must':<10} dojo verify said"
    lines = [header, "-" * len(header)]
    for row in rows:
        proof = row.proof
        lines.append(
            f"{proof.kata:<18} {proof.name:<44} {proof.check or _all(proof):<15}"
            f" {SAID[proof.expected]:<10} {row.said}"
        )
    problems = [row.problem for row in rows if row.problem]
    lines.append("")
    if problems:
        lines += [f"{len(problems)} problem(s):", *(f"  {problem}" for problem in problems)]
    else:
        lines.append("the verifier agrees with every reference and catches every entry it runs")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; the exit status."""
    parser = argparse.ArgumentParser(prog="python -m dojo.verify.proof", description=__doc__)
    parser.add_argument("katas", nargs="*", help="katas to prove (default: all with checks)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="runs at once (default: the number of cores)",
    )
    args = parser.parse_args(argv)
    known = katas_with_checks()
    unknown = [name for name in args.katas if name not in known]
    if unknown:
        parser.error(
            f"no checks for {', '.join(unknown)}; the katas with checks: {', '.join(known)}"
        )
    if args.jobs < 1:
        parser.error(f"--jobs {args.jobs}: must be 1 or more")
    try:
        planned = [proof for kata in args.katas or known for proof in proofs(kata)]
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)  # noqa: T201 - CLI output
        return 1
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        rows = list(pool.map(prove, planned))
    print(render(rows))  # noqa: T201 - CLI output
    return 1 if any(row.problem for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
