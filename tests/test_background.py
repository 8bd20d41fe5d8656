"""The plugin's helper process (generator/background.py)."""

from __future__ import annotations

import os

import pytest

from generator.background import Helper
from generator.search import ZWSP, split_words


def test_jobs_run_in_another_process_and_their_errors_come_back() -> None:
    helper = Helper()
    try:
        assert helper.submit(os.getpid).get(timeout=60) != os.getpid()
        assert helper.submit(split_words, ["ข้อมูลผู้บริหาร"]).get(timeout=60) == {
            "ข้อมูลผู้บริหาร": f"ข้อมูล{ZWSP}ผู้บริหาร"
        }
        with pytest.raises(FileNotFoundError):
            helper.submit(os.stat, "/no/such/file").get(timeout=60)
    finally:
        helper.close()
    helper.close()  # closing twice is harmless
