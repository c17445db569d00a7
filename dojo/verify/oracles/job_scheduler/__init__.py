"""job_scheduler against croniter: the checks ``dojo verify`` runs."""

from dojo.verify.check import CheckInfo

CHECKS = (
    CheckInfo(
        "cron",
        "dojo.verify.oracles.job_scheduler.cron:CHECK",
        "Cron: the next 20 fire times, and the expressions refused",
        "croniter",
        step=2,
        section="Cron",
        cases=600,
        modules=("croniter",),
    ),
)
