"""The command layer: each module registers its command, plugins extend others' commands."""

import argparse
import io
import threading

import pytest

from dojo import cli
from dojo.errors import UsageError
from dojo.invocation import Invocation
from dojo.registry import Command, Extension, Registry
from tests.dojo.support import Dojo
from tests.harness.toy import ToyRepo


def _kata(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kata")


def _greet(invocation: Invocation) -> int:
    invocation.app.console.print(f"hello {invocation.args.kata}")
    return 7


def test_every_module_of_dojo_commands_and_every_plugin_registers_its_commands() -> None:
    names = cli.registry().names

    assert names == [
        *("board", "compare", "hint", "interview", "list", "progress", "replay", "reset"),
        *("show", "team", "test", "timer", "verify", "watch"),
    ]
    assert cli.command_modules()[-1] == "dojo.team.commands"


def test_two_commands_of_one_name_are_refused() -> None:
    registry = Registry()
    registry.add(Command("greet", "says hello", _greet, _kata))

    with pytest.raises(ValueError, match="two commands are named 'greet'"):
        registry.add(Command("greet", "again", _greet))


def test_an_extension_of_a_command_nobody_registered_is_refused() -> None:
    registry = Registry()
    registry.extend(Extension("greet", _kata, lambda _invocation, _kata: None))

    with pytest.raises(ValueError, match="an extension names no command: 'greet'"):
        registry.parser()


def test_a_command_gets_its_arguments_the_app_and_the_stop_event(toy: ToyRepo) -> None:
    registry = Registry()
    seen: list[Invocation] = []

    def run(invocation: Invocation) -> int:
        seen.append(invocation)
        return 3

    registry.add(Command("greet", "says hello", run, _kata))
    stop = threading.Event()
    app = Dojo(toy.root).app(io.StringIO())

    status = registry.invoke(app, ["greet", "toy"], stop)

    assert status == 3
    assert seen[0].app is app
    assert seen[0].args.kata == "toy"
    assert seen[0].stop is stop
    assert seen[0].choosers == ()


def test_a_refused_command_line_is_a_usage_error_naming_the_help() -> None:
    registry = Registry()
    registry.add(Command("greet", "says hello", _greet, _kata))

    with pytest.raises(
        UsageError, match=r"^the following arguments are required: kata \(see: dojo greet --help\)$"
    ):
        registry.parser().parse_args(["greet"])
