"""The agency's registry of units: abbreviations as documents print them, checked once.

Plans and people blocks name responsible units by abbreviation (`สล.`); the registry in
data/agency.yml gives each its full Thai and English name. One check serves every place a
unit is written, so the same typo gets the same message and severity everywhere.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz.distance import OSA

from generator.errors import Problem, closest
from generator.messages import _
from generator.model.load import SourceFile
from generator.schema.agency import Agency
from generator.schema.measures import ALL_UNITS


def resolve_unit(abbr: str, agency: Agency) -> str | None:
    """The registry key for `abbr` (which may lack its final dot), ALL_UNITS, or None."""
    if abbr == ALL_UNITS or abbr in agency.units:
        return abbr
    if abbr == agency.short_name.th:
        return abbr
    if not abbr.endswith(".") and abbr + "." in agency.units:
        return abbr + "."
    return None


def check_units(
    units: list[str], source: SourceFile, loc: tuple[Any, ...], agency: Agency | None
) -> list[Problem]:
    """A problem for each unit of the list at `loc` in `source` that the registry lacks."""
    found = (check_unit(abbr, source, (*loc, u), agency) for u, abbr in enumerate(units))
    return [problem for problem in found if problem is not None]


def check_unit(
    abbr: str, source: SourceFile, loc: tuple[Any, ...], agency: Agency | None
) -> Problem | None:
    """The problem with the unit `abbr` written at `loc` in `source`, if any."""
    if agency is None:
        return None
    key = resolve_unit(abbr, agency)
    if key is None:
        match = closest_unit(abbr, agency)
        return source.problem(
            loc,
            _('unknown unit "{abbr}".', abbr=abbr),
            (
                _(
                    'Did you mean "{match}"? Units are listed under units: in data/agency.yml.',
                    match=match,
                )
                if match
                else _(
                    "Add it under units: in data/agency.yml, or write {all_units}.",
                    all_units=ALL_UNITS,
                )
            ),
        )
    if key != abbr:
        return source.problem(
            loc,
            _(
                'unit "{abbr}" is written without its final dot; read as "{key}".',
                abbr=abbr,
                key=key,
            ),
            _('Write "{key}" as in data/agency.yml.', key=key),
            severity="warning",
        )
    return None


def closest_unit(abbr: str, agency: Agency) -> str | None:
    """The known abbreviation nearest to `abbr`. Documents misspell the agency's own
    abbreviation most (SOPM writes สลน., สสน. and สทน. for itself), so a letter away from
    it reads as it; otherwise the registry's nearest (`errors.closest`)."""
    own = agency.short_name.th
    if OSA.distance(abbr, own) <= 1:
        return own
    return closest(abbr, agency.units)
