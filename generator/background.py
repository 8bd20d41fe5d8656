"""A helper process for the build's work that need not wait for MkDocs.

MkDocs builds on one core; the machines that build agency sites (CI runners, editors'
laptops) have two or more. Splitting the search index's Thai into words and reading every
built page's links are done for the whole site after both languages are built, and take
as long as building a small site's pages. So the plugin hands them to one helper process
(plugin.py): it loads PyThaiNLP's dictionary while MkDocs builds the Thai pages, then
splits the Thai index and reads the Thai pages while MkDocs builds the English ones; what
the English build adds is done at the end.

The helper is started with `spawn`: it imports only the modules of its jobs and inherits
no state (and no threads) from MkDocs. Its jobs are plain functions of generator.search
and generator.links, which the tests also call directly.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, TypeVar

T = TypeVar("T")


class Helper:
    """One worker process, started on first use and kept until `close` (so that `oit
    serve` keeps the dictionary loaded between rebuilds). `close` stops it at once: once
    the build has its results, nothing the helper holds is worth a clean shutdown."""

    def __init__(self) -> None:
        self._pool: Pool | None = None

    def submit(self, job: Callable[..., T], *args: Any) -> AsyncResult[T]:
        """Run `job(*args)` in the helper; `.get()` on the answer waits for its result
        (or raises its exception)."""
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(1)
        return self._pool.apply_async(job, args)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool = None
