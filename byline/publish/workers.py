"""`byline publish --all` in one process per core, each keeping to one group of pages (the
posts' own, or the listings) while it has any left, then helping with the other's."""

import gc
import math
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, wait

from django.db import connections

from byline.publish.sitewide import BATCH, publish_here

PROGRESS_EVERY = 0.1  # seconds between the progress reports of the parent process
SMALLEST = 10  # paths in a batch (but a group's last): each loads its posts in queries of its own


class SharedWork:
    """Paths in groups, handed out in batches to processes forked after it was made: each
    takes from the front of its own group, and when that is empty from the back of the
    fullest other one (so the owner and a helper do not share a listing's pages). Batches
    shrink as the work runs out, so that the processes finish together (in batches of 100
    to the end, one process waited up to 0.26 s for the other on 1,000 posts, 0.2 s in half
    the runs; now at most 0.03 s)."""

    def __init__(self, groups: list[list[str]], processes: int, context) -> None:
        self.groups, self.processes = groups, processes
        # Per group: the next path from the front, and one past the last from the back.
        self.bounds = context.Array("i", [n for g in groups for n in (0, len(g))])
        self.done = context.Value("i", 0)  # pages rendered, for the progress bar

    def size(self, left: int) -> int:
        """How many paths the next batch takes when `left` are left in all: a share of what
        is left (guided self-scheduling), from BATCH down to SMALLEST."""
        return max(SMALLEST, min(BATCH, math.ceil(left / (2 * self.processes))))

    def take(self, own: int) -> list[str] | None:
        """The next batch for a process whose group is `own`; None when all are taken."""
        bounds = self.bounds
        with bounds.get_lock():
            left = [bounds[2 * g + 1] - bounds[2 * g] for g in range(len(self.groups))]
            size = self.size(sum(left))
            if left[own]:
                start = bounds[2 * own]
                bounds[2 * own] = end = min(start + size, bounds[2 * own + 1])
                return self.groups[own][start:end]
            fullest = max(range(len(left)), key=left.__getitem__)
            if not left[fullest]:
                return None
            end = bounds[2 * fullest + 1]
            bounds[2 * fullest + 1] = start = max(end - size, bounds[2 * fullest])
            return self.groups[fullest][start:end]

    def count_done(self, pages: int) -> None:
        with self.done.get_lock():
            self.done.value += pages


_work: SharedWork | None = None  # set before the processes fork, which inherit it


def publish_in_processes(
    groups: list[list[str]], processes: int, progress: Callable[[int, int], None] | None
) -> tuple[int, list[str]]:
    """Render the paths of `groups` into the store in `processes` processes: how many were
    stored, and why those that could not be written were not."""
    global _work
    context = multiprocessing.get_context("fork")
    total = sum(map(len, groups))
    _prepare()
    _work = SharedWork(groups, processes, context)
    # Forked, so each process starts with Django set up and the theme compiled (started
    # afresh, each took over a second of a core to import and set up); without this
    # process's database connections, which two processes must not share.
    connections.close_all()
    # What is loaded now lives as long as the run: the processes' collectors need not look at
    # it again and again (nor, marking it, copy the memory they share): 8% of the run here.
    gc.freeze()
    try:
        with ProcessPoolExecutor(processes, context) as pool:
            # One task a process, each working through batches until none is left.
            futures = [pool.submit(work_through, n % len(groups)) for n in range(processes)]
            pending = futures
            while pending:
                pending = wait(pending, PROGRESS_EVERY).not_done
                if progress:
                    progress(_work.done.value, total)
            results = [future.result() for future in futures]  # raises what a process raised
    finally:
        gc.unfreeze()  # this process may go on (the tests')
        _work = None
    failed = [reason for _stored, reasons in results for reason in reasons]
    return sum(stored for stored, _reasons in results), failed


def work_through(own: int) -> tuple[int, list[str]]:
    """Render batches (in a process of the pool), from group `own` first, until none is left:
    how many pages were stored, and why those that could not be written were not."""
    assert _work is not None, "forked before the work was shared"
    stored, failed = 0, []
    while (batch := _work.take(own)) is not None:
        count, reasons = publish_here(batch)
        stored, failed = stored + count, failed + reasons
        _work.count_done(len(batch))
    return stored, failed


def _prepare() -> None:
    """What every process rendering pages would do first: compile the theme's templates and
    load Django's middleware."""
    from byline.publish.render import handler
    from byline.theme.jinja import environment

    env = environment()
    for name in env.list_templates(extensions=["html"]):
        env.get_template(name)
    handler(full=False)
