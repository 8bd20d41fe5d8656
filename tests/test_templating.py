"""Templates compiled in the build's helper process (generator/templating.py)."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Any

import jinja2
import pytest
from click.testing import CliRunner
from jinja2 import DictLoader, Environment, FileSystemLoader, pass_context, select_autoescape

from conftest import MakeProject
from generator import templating
from generator.background import Helper
from generator.cli import main
from generator.mkdocs_plugin import plugin
from generator.site import render
from generator.templating import (
    MemoryBytecodeCache,
    compile_recipe,
    compile_templates,
    recipe,
)

GENERATOR_TEMPLATES = Path(templating.__file__).parent / "site" / "templates"


def refuse_to_compile(*args: Any, **kwargs: Any) -> None:
    raise AssertionError("compiled here, not taken from the helper")


def test_the_generators_templates_compiled_in_the_helper_are_used_as_they_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    helper = Helper()
    try:
        compiled = helper.submit(compile_templates).result(timeout=120)
    finally:
        helper.close()
    env = templating.environment()
    assert isinstance(env.bytecode_cache, MemoryBytecodeCache)
    env.bytecode_cache.store.update(compiled)
    monkeypatch.setattr(env, "compile", refuse_to_compile)
    names = env.list_templates()
    assert "item.md.j2" in names and "macros/plans.md.j2" in names
    for name in names:
        env.get_template(name)


def write_templates(folder: Path, templates: dict[str, str]) -> Path:
    for name, text in templates.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pass_context
def page_name(context: Any, value: str) -> str:
    return f"{value}@{context['page']}"


def test_a_recipe_compiles_what_its_environment_would_and_the_templates_they_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = write_templates(
        tmp_path,
        {
            "main.html": '{% extends "base.html" %}{% block body %}{{ "x" | named }}'
            "{% for i in [1, 2] %}{% if i == 1 %}{% continue %}{% endif %}{{ i }}"
            "{% endfor %}{% endblock %}",
            "base.html": '<p>{% block body %}{% endblock %}</p>{% include "footer.html" %}'
            '{% include "partials/" ~ lang ~ ".html" ignore missing %}',
            "footer.html": "{% trans %}Footer{% endtrans %}",
            "broken.html": "{% if %}",
            "unused.html": "never named",
        },
    )
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        extensions=["jinja2.ext.i18n", "jinja2.ext.loopcontrols"],
        bytecode_cache=MemoryBytecodeCache(),
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters["named"] = page_name
    ahead = recipe(env)
    assert ahead is not None
    compiled = compile_recipe(ahead, ["main.html", "broken.html", "missing.html"])
    assert len(compiled) == 3  # main, base, footer: not broken, missing, unused, dynamic
    assert isinstance(env.bytecode_cache, MemoryBytecodeCache)
    env.bytecode_cache.store.update(compiled)
    monkeypatch.setattr(env, "compile", refuse_to_compile)
    html = env.get_template("main.html").render(page="o1", lang="th")
    assert html == "<p>x@o12</p>Footer"  # the stand-in's calling convention held


def test_what_shapes_compiled_code_changes_the_recipe(tmp_path: Path) -> None:
    def make(**settings: Any) -> Environment:
        return Environment(loader=FileSystemLoader(str(tmp_path)), **settings)

    plain = recipe(make())
    assert plain == recipe(make())
    assert plain != recipe(make(trim_blocks=True))
    assert plain != recipe(make(extensions=["jinja2.ext.loopcontrols"]))
    with_filter = make()
    with_filter.filters["named"] = page_name
    assert plain != recipe(with_filter)
    same_name_other_convention = make()
    same_name_other_convention.filters["named"] = lambda value: value
    assert recipe(with_filter) != recipe(same_name_other_convention)
    newstyle = make(extensions=["jinja2.ext.i18n"])
    oldstyle = make(extensions=["jinja2.ext.i18n"])
    newstyle.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    oldstyle.install_null_translations(newstyle=False)  # type: ignore[attr-defined]
    assert recipe(newstyle) != recipe(oldstyle)


@pytest.mark.parametrize(
    "env",
    [
        Environment(loader=DictLoader({})),
        Environment(autoescape=select_autoescape()),
        Environment(finalize=str),
        Environment(extensions=["jinja2.ext.debug"]),
    ],
    ids=["other loader", "autoescape by name", "finalize", "other extension"],
)
def test_environments_a_recipe_cannot_describe_get_none(env: Environment) -> None:
    if env.loader is None:
        env.loader = FileSystemLoader(".")
    assert recipe(env) is None


def test_templates_compile_here_when_the_helper_failed(tmp_path: Path) -> None:
    folder = write_templates(tmp_path, {"page.html": "<p>{{ text }}</p>"})
    cache = MemoryBytecodeCache()
    failed: Future[dict[str, bytes]] = Future()
    failed.set_exception(RuntimeError("the helper failed"))
    cache.add_later(failed)
    env = Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=cache)
    assert env.get_template("page.html").render(text="ok") == "<p>ok</p>"
    assert len(cache.store) == 1


def test_oit_build_compiles_no_template_in_its_own_process(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both the generator's and the theme's templates come from the helper (caches emptied
    first: earlier tests in this process filled them)."""
    root = make_project()
    monkeypatch.setattr(plugin, "_TEMPLATE_CACHE", MemoryBytecodeCache())
    render._environment.cache_clear()
    compiled_here: list[str] = []
    real_compile = jinja2.Environment.compile

    def spy(self: Environment, source: Any, name: str | None = None, *args: Any) -> Any:
        compiled_here.append(str(name))
        return real_compile(self, source, name, *args)

    monkeypatch.setattr(jinja2.Environment, "compile", spy)
    try:
        result = CliRunner().invoke(main, ["build", "-q", "--project", str(root)])
    finally:
        render._environment.cache_clear()
    assert result.exit_code == 0, result.output
    assert (root / "site" / "2569" / "index.html").is_file()
    generators = {
        path.relative_to(GENERATOR_TEMPLATES).as_posix()
        for path in GENERATOR_TEMPLATES.rglob("*.j2")
    }
    assert not generators & set(compiled_here)
    assert not {"main.html", "base.html", "partials/header.html", "404.html"} & set(compiled_here)
