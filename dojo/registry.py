"""The commands of ``dojo``: each module registers its parser and its run function here.

A command module (``dojo/commands/<name>.py``) or a plugin (``dojo/team/commands.py``)
has one function, ``register(registry)``, that calls ``registry.add`` for each command it
brings and ``registry.extend`` for the options it adds to other modules' commands.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

import attrs

from dojo.errors import UsageError
from dojo.invocation import Chooser, Invocation

if TYPE_CHECKING:
    import threading
    from collections.abc import Sequence

    from dojo.app import App

Arguments = Callable[[argparse.ArgumentParser], None]


def no_arguments(parser: argparse.ArgumentParser) -> None:
    """For a command that takes none."""
    del parser


class Parser(argparse.ArgumentParser):
    """argparse, refusing a command line with a ``UsageError`` instead of usage and exit."""

    def error(self, message: str) -> NoReturn:
        """One line naming the problem and where to read more: ``dojo COMMAND --help``."""
        raise UsageError(f"{message} (see: {self.prog} --help)")


@attrs.frozen
class Command:
    """One ``dojo NAME``: its one-line help, its arguments and what it does."""

    name: str
    help: str
    run: Callable[[Invocation], int]
    arguments: Arguments = no_arguments


@attrs.frozen
class Extension:
    """Options a plugin adds to another module's command, and how they name the implementation."""

    command: str
    arguments: Arguments
    choose: Chooser


@attrs.define
class Registry:
    """Every command by name; the parser and the dispatch are built from it."""

    _commands: dict[str, Command] = attrs.field(factory=dict, init=False)
    _extensions: list[Extension] = attrs.field(factory=list, init=False)

    def add(self, command: Command) -> None:
        """Register ``command``; a second command of the same name is refused."""
        if command.name in self._commands:
            raise ValueError(f"two commands are named {command.name!r}")
        self._commands[command.name] = command

    def extend(self, extension: Extension) -> None:
        """Add options to a command registered by another module (checked by ``parser``)."""
        self._extensions.append(extension)

    @property
    def names(self) -> list[str]:
        """The commands, sorted."""
        return sorted(self._commands)

    def parser(self) -> Parser:
        """``dojo COMMAND ...``, one subparser per command, with every extension applied."""
        top = Parser(prog="dojo", description="Practise a kata, step by step.")
        subparsers = top.add_subparsers(
            dest="command", required=True, metavar="COMMAND", parser_class=Parser
        )
        parsers = {}
        for name in self.names:
            command = self._commands[name]
            parsers[name] = subparsers.add_parser(name, help=command.help)
            command.arguments(parsers[name])
        for extension in self._extensions:
            if extension.command not in parsers:
                raise ValueError(f"an extension names no command: {extension.command!r}")
            extension.arguments(parsers[extension.command])
        return top

    def invoke(self, app: App, argv: Sequence[str], stop: threading.Event) -> int:
        """Parse ``argv`` and run its command; errors go to the caller."""
        args = self.parser().parse_args(argv)
        return self.run(app, args, stop)

    def run(self, app: App, args: argparse.Namespace, stop: threading.Event) -> int:
        """Run the command ``args`` were parsed for."""
        name: str = args.command
        choosers = tuple(item.choose for item in self._extensions if item.command == name)
        return self._commands[name].run(Invocation(app, args, stop, choosers))
