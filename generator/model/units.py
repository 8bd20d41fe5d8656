"""The agency's registry of units: abbreviations as documents print them, checked once.

Plans and people blocks name responsible units by abbreviation (`สล.`) or as printed; the
registry in data/agency.yml gives each abbreviation its full Thai and English name. One
check serves every place a unit is written, so the same typo gets the same message and
severity everywhere; units are free text, so an unknown one is a warning, never an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rapidfuzz.distance import OSA

from generator.errors import Problem, closest
from generator.model.load import SourceFile
from generator.schema.agency import Agency
from generator.schema.measures import ALL_UNITS, NAMED_UNIT, UnitRef, looks_like_abbreviation


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
    units: list[UnitRef], source: SourceFile, loc: tuple[Any, ...], agency: Agency | None
) -> list[Problem]:
    """A problem for each unit of the list at `loc` in `source` that the registry lacks. A
    unit the list already names is never the suggestion for another (`ศส. / ศล.`: not ศส.)."""
    names = [ref.name for ref in units]
    found = (check_unit(ref.name, source, (*loc, u), agency, names) for u, ref in enumerate(units))
    return [problem for problem in found if problem is not None]


def check_unit(
    name: str,
    source: SourceFile,
    loc: tuple[Any, ...],
    agency: Agency | None,
    listed: Sequence[str] = (),
) -> Problem | None:
    """The problem with the unit `name` written at `loc` in `source`, if any.

    Units are free text: a name the registry does not hold is shown as written. Only an
    abbreviation the registry lacks (or a name whose bracketed abbreviation names another
    unit) is reported, as a warning that suggests the nearest unit.
    """
    if agency is None:
        return None
    key = resolve_unit(name, agency)
    if key is not None and key != name:
        return source.problem(
            loc,
            f'unit "{name}" is written without its final dot; read as "{key}".',
            f'Write "{key}" as in data/agency.yml.',
            severity="warning",
        )
    if key is not None:
        return None
    named = NAMED_UNIT.match(name)
    if named:
        return _check_named(
            name, named.group("name"), named.group("abbr"), source, loc, agency, listed
        )
    if looks_like_abbreviation(name):
        return _unknown(name, closest_unit(name, agency, listed), source, loc)
    return None


def _check_named(
    text: str,
    name: str,
    abbr: str,
    source: SourceFile,
    loc: tuple[Any, ...],
    agency: Agency,
    listed: Sequence[str],
) -> Problem | None:
    """`ศูนย์ข้อมูลเศรษฐกิจการค้า (ศค.)`: the abbreviation must be known and name this unit."""
    key = resolve_unit(abbr, agency)
    if key is None:
        if not looks_like_abbreviation(abbr):
            return None
        by_name = next(
            (k for k, v in agency.units.items() if _squeezed(v.th) == _squeezed(name)), None
        )
        return _unknown(abbr, by_name or closest_unit(abbr, agency, listed), source, loc)
    if key not in agency.units:  # ทุกหน่วยงาน or the agency itself
        return None
    registered = agency.units[key].th
    if _squeezed(registered) in _squeezed(name):
        return None
    return source.problem(
        loc,
        f'unit "{text}": {key} is "{registered}" in data/agency.yml, which this name does not '
        "contain.",
        "The unit is shown as written; check the name or the abbreviation.",
        severity="warning",
    )


def _unknown(abbr: str, match: str | None, source: SourceFile, loc: tuple[Any, ...]) -> Problem:
    return source.problem(
        loc,
        f'unknown unit "{abbr}".',
        f'Did you mean "{match}"? Units are listed under units: in data/agency.yml.'
        if match
        else f"Add it under units: in data/agency.yml, or write {ALL_UNITS}.",
        severity="warning",
    )


def _squeezed(text: str) -> str:
    """A name without its spaces: PDF text breaks Thai names at random places."""
    return "".join(text.split())


def closest_unit(abbr: str, agency: Agency, listed: Sequence[str] = ()) -> str | None:
    """The known abbreviation nearest to `abbr`, other than those `listed` beside it.
    Documents misspell the agency's own abbreviation most (SOPM writes สลน., สสน. and สทน.
    for itself), so a letter away from it reads as it; otherwise the registry's nearest
    (`errors.closest`)."""
    own = agency.short_name.th
    if OSA.distance(abbr, own) <= 1:
        return own
    taken = {resolve_unit(name, agency) for name in listed}
    return closest(abbr, [key for key in agency.units if key not in taken])
