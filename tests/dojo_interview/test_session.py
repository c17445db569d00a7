"""The round as a value: its plan, its phases and their times, and its file format."""

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest

from dojo.interview.place import Place, SessionFileError
from dojo.interview.session import CLARIFY, GREEN, REVIEW, Session, SuiteRun, plan
from dojo.repository import Repository
from harness.catalog import Interview, Stage
from harness.results import StepResult
from tests.support import START

INTERVIEW = Interview(
    prompt="Design a doubler.",
    clarify_minutes=5,
    core_minutes=25,
    review_minutes=5,
    stages=(Stage(1, "core", "Core", 25), Stage(2, "greetings", "Greetings", 10)),
)


def test_the_plan_is_the_katas_minutes_and_scales_to_the_length_asked() -> None:
    assert plan(INTERVIEW, None) == {
        CLARIFY: 300,
        "core": 1500,
        "greetings": 600,
        REVIEW: 300,
    }
    assert plan(INTERVIEW, 90) == {CLARIFY: 600, "core": 3000, "greetings": 1200, REVIEW: 600}


def test_each_phase_lasts_until_the_next_begins_and_the_last_until_now() -> None:
    session = Session.start("toy", plan(INTERVIEW, None), START)
    session = session.enter("core", START + timedelta(minutes=7))

    spent = session.spent(START + timedelta(minutes=30))

    assert [(phase.name, time) for phase, time in spent] == [
        (CLARIFY, timedelta(minutes=7)),
        ("core", timedelta(minutes=23)),
    ]
    assert session.revealed == 1
    assert session.total_budget == timedelta(minutes=45)
    assert session.elapsed(START + timedelta(minutes=30)) == timedelta(minutes=30)


def test_an_ended_round_stops_its_clock() -> None:
    session = Session.start("toy", plan(INTERVIEW, None), START)
    session = attrs.evolve(session, ended=START + timedelta(minutes=40))

    assert session.elapsed(START + timedelta(hours=5)) == timedelta(minutes=40)


def _full() -> Session:
    session = Session.start("toy", plan(INTERVIEW, 30), START).enter("core", START)
    return attrs.evolve(
        session,
        asked=(1, 3),
        runs=(SuiteRun(START, "core", (StepResult(1, 2, 3),), GREEN),),
        snapshots={"greetings": ".dojo/x"},
        scores={"API": 3},
        ended=START,
        report=".dojo/interviews/toy.md",
    )


def test_a_session_reads_back_what_it_wrote() -> None:
    session = _full()

    assert Session.from_json(json.loads(json.dumps(session.to_json()))) == session


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param({"version": 2}, ValueError, id="another version"),
        pytest.param({"phases": []}, ValueError, id="no phases"),
        pytest.param({"started": "2026-03-02T08:00:00"}, ValueError, id="a time without offset"),
        pytest.param({"kata": 3}, TypeError, id="a kata that is not text"),
        pytest.param({"asked": [-1]}, ValueError, id="a negative question number"),
        pytest.param({"scores": {"API": True}}, ValueError, id="a score that is a boolean"),
        pytest.param(
            {"runs": [{"time": START.isoformat(), "phase": "core", "stages": [], "light": "blue"}]},
            ValueError,
            id="a light that is no light",
        ),
        pytest.param({"report": None}, TypeError, id="a report that is not text"),
    ],
)
def test_a_session_that_is_not_one_is_refused(
    change: dict[str, Any], problem: type[Exception]
) -> None:
    data = {**_full().to_json(), **change}

    with pytest.raises(problem):
        Session.from_json(data)


def test_a_corrupt_session_file_is_set_aside_never_deleted(tmp_path: Path) -> None:
    place = Place(Repository(tmp_path), "toy")
    place.session_file.parent.mkdir(parents=True)
    place.session_file.write_text("{not json", encoding="utf-8")

    with pytest.raises(SessionFileError, match="could not be read") as refused:
        place.load()

    kept = place.session_file.with_name("session.json.corrupt")
    assert kept.read_text(encoding="utf-8") == "{not json"
    assert not place.session_file.exists()
    assert "moved to .dojo/interviews/toy/session.json.corrupt" in str(refused.value)


def test_a_second_corrupt_file_does_not_replace_the_first(tmp_path: Path) -> None:
    place = Place(Repository(tmp_path), "toy")
    place.session_file.parent.mkdir(parents=True)
    for text in ("first", "second"):
        place.session_file.write_text(text, encoding="utf-8")
        with pytest.raises(SessionFileError):
            place.load()

    folder = place.session_file.parent
    assert (folder / "session.json.corrupt").read_text(encoding="utf-8") == "first"
    assert (folder / "session.json.corrupt-2").read_text(encoding="utf-8") == "second"


def test_a_session_file_of_another_kata_is_set_aside(tmp_path: Path) -> None:
    place = Place(Repository(tmp_path), "toy")
    other = Session.start("parking_lot", plan(INTERVIEW, None), START)
    place.save(other)

    with pytest.raises(SessionFileError, match="it is a round of 'parking_lot'"):
        place.load()


def test_a_session_file_that_cannot_be_decoded_is_set_aside(tmp_path: Path) -> None:
    place = Place(Repository(tmp_path), "toy")
    place.session_file.parent.mkdir(parents=True)
    place.session_file.write_bytes(b"\xff\xfe")

    with pytest.raises(SessionFileError, match=r"UnicodeDecodeError|codec"):
        place.load()


def test_a_failed_write_keeps_the_old_session_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    place = Place(Repository(tmp_path), "toy")
    session = Session.start("toy", plan(INTERVIEW, None), START)
    place.save(session)

    def broken_disk(descriptor: int) -> None:
        raise OSError(f"disk full writing {descriptor}")

    monkeypatch.setattr("dojo.files.os.fsync", broken_disk)
    with pytest.raises(OSError, match="disk full"):
        place.save(session.enter("core", START))

    assert [item.name for item in place.session_file.parent.iterdir()] == ["session.json"]
    assert place.load() == session
