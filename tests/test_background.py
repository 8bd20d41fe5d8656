"""The plugin's helper process (generator/background.py)."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from conftest import MakeProject
from generator.background import Helper
from generator.cli import _mkdocs_build
from generator.mkdocs_plugin import plugin
from generator.mkdocs_plugin.search import ZWSP, split_words


def test_jobs_run_in_another_process_and_their_errors_come_back() -> None:
    helper = Helper()
    try:
        assert helper.submit(os.getpid).result(timeout=60) != os.getpid()
        assert helper.submit(split_words, ["ข้อมูลผู้บริหาร"]).result(timeout=60) == {
            "ข้อมูลผู้บริหาร": f"ข้อมูล{ZWSP}ผู้บริหาร"
        }
        with pytest.raises(FileNotFoundError):
            helper.submit(os.stat, "/no/such/file").result(timeout=60)
    finally:
        helper.close()
    helper.close()  # closing twice is harmless


def test_a_helper_that_dies_fails_the_wait_instead_of_hanging() -> None:
    helper = Helper()
    try:
        with pytest.raises(BrokenProcessPool):
            helper.submit(os._exit, 1).result(timeout=60)
    finally:
        helper.close()


def die(*args: object) -> None:
    """A job that kills the helper, as the kernel's out-of-memory killer would."""
    os._exit(1)


def test_a_build_whose_helper_dies_fails_with_a_clear_error(
    make_project: MakeProject, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    root = make_project()
    monkeypatch.setattr(plugin, "split_words", die)
    with pytest.raises(SystemExit) as exit_code:
        _mkdocs_build(root, root / "site")
    assert exit_code.value.code == 1
    assert (
        "the build's helper process stopped unexpectedly (out of memory?); run the build again"
        in caplog.messages
    )
