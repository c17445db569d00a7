"""Shared test settings: the harness plugin and a Hypothesis profile without deadlines."""

from hypothesis import settings

pytest_plugins = ("harness.plugin",)

# A deadline is a wall-clock assertion; tests never make those.
settings.register_profile("katas", deadline=None, print_blob=True)
settings.load_profile("katas")
