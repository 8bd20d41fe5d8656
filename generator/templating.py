"""Jinja environments and templates compiled in the build's helper process.

Compiling templates is the largest fixed cost of a small build: about half a second for
the generator's templates (generator/site/templates/) and as much for the theme's (Material's
main.html and its partials), each once per build. Both are compiled in the helper process
(generator/background.py) while this one does other work, and come back as Jinja
bytecode through `MemoryBytecodeCache`:

- the generator's, with `compile_templates`, which `oit build` starts first of all;
- the theme's, with `compile_recipe`, which the plugin starts before MkDocs reads the pages.
  A `Recipe` holds everything about an environment that shapes compiled code; the plugin
  uses the answer only if the recipe equals the one of the environment MkDocs then makes.

Anything the helper did not compile (or could not) is compiled here as usual. This module
imports only Jinja, so that the helper starts at once.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    TemplateError,
    meta,
    pass_context,
    pass_environment,
    pass_eval_context,
)
from jinja2.bccache import Bucket, BytecodeCache

log = logging.getLogger(__name__)

Compiled = dict[str, bytes]  # a MemoryBytecodeCache's store


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept for the life of the process, by Jinja's bucket key (template
    name and file) and checked against the template's source before use."""

    def __init__(self) -> None:
        self.store: Compiled = {}
        self.pending: Future[Compiled] | None = None
        self.recipes: set[Recipe] = set()  # compiled for these (the store holds or awaits)

    def add_later(self, answer: Future[Compiled]) -> None:
        """Add templates compiled in the helper, waiting for them when a template is first
        needed (not before: this process goes on meanwhile)."""
        self.pending = answer

    def load_bytecode(self, bucket: Bucket) -> None:
        if self.pending is not None:
            answer, self.pending = self.pending, None
            try:
                self.store.update(answer.result())
            except Exception as exc:  # only speed is lost: the templates compile here
                log.debug(f"templates compiled here, not in the helper: {exc!r}")
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


def environment() -> Environment:
    """A new environment for the generator's templates (no globals: render.py adds them).

    No custom filters or tests: Jinja resolves those while compiling, so the helper's
    environment compiles the same code as the one that renders."""
    return Environment(
        loader=PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=MemoryBytecodeCache(),
    )


def compile_templates() -> Compiled:
    """Every template of generator/site/templates/ compiled: the store of a MemoryBytecodeCache
    (run in the helper process; bytecode is valid for the same Python only, as there)."""
    env = environment()
    for name in env.list_templates():
        env.get_template(name)
    assert isinstance(env.bytecode_cache, MemoryBytecodeCache)
    return env.bytecode_cache.store


# Environment settings that shape the code Jinja compiles (the others act when rendering).
_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
)
# Extensions whose compile-time settings a Recipe records (newstyle_gettext, the
# ext.i18n.trimmed policy); an environment with any other gets no recipe.
_EXTENSIONS = {
    "jinja2.ext.InternationalizationExtension",
    "jinja2.ext.LoopControlExtension",
    "jinja2.ext.ExprStmtExtension",
}
_PASS = {
    "context": pass_context,
    "eval_context": pass_eval_context,
    "environment": pass_environment,
}


@dataclass(frozen=True)
class Recipe:
    """How an environment compiles: its template folders, settings, extensions, and the
    names and calling conventions of its filters and tests (the compiled code calls them
    by name; the functions themselves are not needed to compile)."""

    dirs: tuple[str, ...]
    encoding: str
    options: tuple[tuple[str, Any], ...]
    extensions: tuple[str, ...]
    filters: tuple[tuple[str, str | None], ...]
    tests: tuple[tuple[str, str | None], ...]
    newstyle_gettext: bool
    trimmed: bool


def recipe(env: Environment) -> Recipe | None:
    """The recipe of `env`, or None if it compiles in ways a recipe does not record."""
    loader = env.loader
    if (
        type(env) is not Environment
        or type(loader) is not FileSystemLoader
        or callable(env.autoescape)
        or env.finalize is not None
        or env.is_async
        or not env.extensions.keys() <= _EXTENSIONS
    ):
        return None
    return Recipe(
        dirs=tuple(str(d) for d in loader.searchpath),
        encoding=loader.encoding,
        options=tuple((name, getattr(env, name)) for name in _OPTIONS),
        extensions=tuple(sorted(env.extensions)),
        filters=_conventions(env.filters),
        tests=_conventions(env.tests),
        newstyle_gettext=bool(getattr(env, "newstyle_gettext", False)),
        trimmed=bool(env.policies.get("ext.i18n.trimmed", False)),
    )


def _conventions(functions: dict[str, Any]) -> tuple[tuple[str, str | None], ...]:
    kinds = {name: getattr(f, "jinja_pass_arg", None) for name, f in functions.items()}
    return tuple(sorted((name, kind.name if kind else None) for name, kind in kinds.items()))


def compile_recipe(recipe: Recipe, roots: Iterable[str]) -> Compiled:
    """The templates `roots` and every template they name (extends, include, import),
    compiled as an environment of `recipe` would (run in the helper process). Templates
    named by expressions, missing or in error are left to the build, which reports them."""
    env = Environment(
        loader=FileSystemLoader(list(recipe.dirs), encoding=recipe.encoding),
        extensions=list(recipe.extensions),
        auto_reload=False,
        **dict(recipe.options),
    )
    env.filters = {name: _stand_in(kind) for name, kind in recipe.filters}
    env.tests = {name: _stand_in(kind) for name, kind in recipe.tests}
    env.newstyle_gettext = recipe.newstyle_gettext  # type: ignore[attr-defined]
    env.policies["ext.i18n.trimmed"] = recipe.trimmed
    cache = MemoryBytecodeCache()
    todo, seen = list(roots), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
            tree = env.parse(source, name, filename)
            bucket = cache.get_bucket(env, name, filename, source)
            bucket.code = env.compile(tree, name, filename)
        except TemplateError:
            continue
        cache.set_bucket(bucket)
        todo += [n for n in meta.find_referenced_templates(tree) if n is not None]
    return cache.store


def _stand_in(kind: str | None) -> Any:
    def never_called(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a stand-in filter or test, only for compiling")

    return _PASS[kind](never_called) if kind else never_called
