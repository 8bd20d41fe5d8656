"""A helper process for the build's work that need not wait for MkDocs.

MkDocs builds on one core; the machines that build agency sites (CI runners, editors'
laptops) have two or more. Splitting the search index's Thai into words and reading every
built page's links are done for the whole site after both languages are built, and take
as long as building a small site's pages. So the plugin hands them to one helper
process (plugin.py): it compiles the templates (generator/templating.py) and loads
PyThaiNLP's dictionary while MkDocs builds the Thai pages, reads the links of each batch of
pages MkDocs has written, and splits the Thai index while MkDocs builds the English pages;
what the English build adds is done at the end.

The helper is started with `spawn`: it imports only the modules of its jobs and inherits
no state (and no threads) from MkDocs. Its jobs are plain functions of
generator.mkdocs_plugin.search, .links and generator.templating, which the tests also call directly.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class Helper:
    """One worker process, started on first use and kept until `close` (so that `oit
    serve` keeps the dictionary loaded between rebuilds).

    Why concurrent.futures and not multiprocessing.Pool: if the helper dies (killed for
    memory, say), waiting on its answer raises BrokenProcessPool, where a Pool would wait
    for ever and hang the build.
    """

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, job: Callable[..., T], *args: Any) -> Future[T]:
        """Run `job(*args)` in the helper; `.result()` on the answer waits for its result
        (or raises its exception)."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                1, mp_context=multiprocessing.get_context("spawn"), initializer=_quick_exit
            )
        return self._pool.submit(job, *args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _quick_exit() -> None:
    """In the helper: leave without tearing the interpreter down. It holds nothing to clean
    up, and freeing the dictionary's quarter of a million strings one by one took a tenth
    of a second at the end of every build."""
    atexit.register(os._exit, 0)
