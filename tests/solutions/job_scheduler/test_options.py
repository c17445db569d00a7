"""`Options` (the keyword options of `Scheduler.schedule`) and `JobOptions` cannot drift apart."""

from __future__ import annotations

import typing

import attrs
import job_scheduler
from job_scheduler import JobOptions
from job_scheduler.scheduler import Options


def test_the_keyword_options_are_exactly_the_fields_of_job_options_with_their_types() -> None:
    # Options names some types only for the type checker; the package exports them all.
    keywords = typing.get_type_hints(Options, localns=vars(job_scheduler))
    fields = attrs.fields_dict(attrs.resolve_types(JobOptions))

    assert list(keywords) == list(fields)
    assert keywords == {name: field.type for name, field in fields.items()}
