"""Changing records and meetings: the rules a change must pass, values in euros at the
ECB's rates, and changes written as FIELD=VALUE. No Qt: the forms and the command line
both build on it."""

from .assign import (
    MEETING_FIELDS,
    RECORD_FIELDS,
    assign_meeting,
    assign_record,
    split_assignments,
)
from .rates import ecb_rate, in_euros, with_rate
from .rules import Problem, known_currencies, meeting_problems, problem, record_problems

__all__ = [
    "MEETING_FIELDS",
    "RECORD_FIELDS",
    "Problem",
    "assign_meeting",
    "assign_record",
    "ecb_rate",
    "in_euros",
    "known_currencies",
    "meeting_problems",
    "problem",
    "record_problems",
    "split_assignments",
    "with_rate",
]
