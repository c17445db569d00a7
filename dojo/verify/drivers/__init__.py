"""The interview drivers' checks, which ``dojo interview KATA --verify`` runs.

One package per kata, ``dojo/verify/drivers/<kata>/``, shaped as an oracle package
(``dojo/verify/oracles/``): ``__init__.py`` declares ``CHECKS``, each ``CheckInfo`` naming
with ``stage`` the interview stage (``core`` or a change request's id) whose contract it
checks, and each check's module imports ``<kata>.driver``, the learner's driver.
"""

PACKAGE = __name__
