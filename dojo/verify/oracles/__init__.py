"""Where each kata's real thing plugs in: one package per kata, ``dojo/verify/oracles/<kata>/``.

The package is named after the kata. Its ``__init__.py`` declares ``CHECKS``, a tuple of
``CheckInfo``, and imports nothing of the kata, so ``dojo`` can list the checks and decide
which to run (root, programs present) before any implementation is loaded. Each check's
module implements a ``Check`` and imports the kata's package by its bare name; it is
imported only in the child interpreter that has the implementation first on ``sys.path``.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dojo.verify.check import Check, CheckInfo

PACKAGE = __name__


def checks_of(kata: str, package: str = PACKAGE) -> tuple[CheckInfo, ...]:
    """The kata's checks; ``()`` when it has no oracle package."""
    name = f"{package}.{kata}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            return ()
        raise
    checks: tuple[CheckInfo, ...] = tuple(module.CHECKS)
    return checks


def katas_with_checks(package: str = PACKAGE) -> list[str]:
    """The katas that have an oracle package, sorted."""
    found = importlib.import_module(package)
    return sorted(module.name for module in pkgutil.iter_modules(found.__path__) if module.ispkg)


def load(info: CheckInfo) -> Check[Any]:
    """The ``Check`` that ``info.check`` names (``package.module:NAME``); imports the kata."""
    module, _, attribute = info.check.partition(":")
    check: Check[Any] = getattr(importlib.import_module(module), attribute)
    return check
