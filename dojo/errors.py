"""What can go wrong in ``dojo``; each error subclasses the builtin it resembles."""


class DojoError(Exception):
    """Root of the errors ``dojo`` reports in one line, with exit status 2."""


class UsageError(DojoError, ValueError):
    """An unknown kata, step or implementation, or a refused confirmation."""


class NotARepositoryError(DojoError, FileNotFoundError):
    """``dojo`` ran outside a katas repository."""


class HintsError(DojoError, ValueError):
    """A ``hints.toml`` that does not describe its kata's steps."""


class CodeError(DojoError, ValueError):
    """Code ``dojo compare`` must read does not parse."""


class ToolError(DojoError, RuntimeError):
    """An external tool (git, mypy, ruff, pytest) did not do its job."""
