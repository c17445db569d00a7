"""A package of oracles for tests: the ``toy`` kata's, and one that is interrupted."""
