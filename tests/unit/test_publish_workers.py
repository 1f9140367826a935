"""How `publish --all` shares batches of pages among its processes: each page handed out
once, each process keeping to its own group while it lasts, smaller batches at the end."""

import multiprocessing

from byline.publish.sitewide import BATCH
from byline.publish.workers import SMALLEST, SharedWork


def paths(prefix: str, count: int) -> list[str]:
    return [f"/{prefix}-{n}/" for n in range(count)]


def test_each_process_takes_its_own_group_from_the_front_then_the_others_from_the_back():
    entries, listings = paths("story", 10 * BATCH), paths("page", 2)
    work = SharedWork([entries, listings], 2, multiprocessing.get_context("fork"))
    assert work.take(0) == entries[:BATCH]
    assert work.take(1) == listings  # what its group holds, less than a batch
    # The listings are done: their process helps with the entries, from their end.
    assert work.take(1) == entries[-BATCH:]
    assert work.take(0) == entries[BATCH : 2 * BATCH]


def test_batches_shrink_as_the_work_runs_out_so_that_the_processes_finish_together():
    work = SharedWork([paths("story", 4 * BATCH)], 2, multiprocessing.get_context("fork"))
    sizes = []
    while (batch := work.take(0)) is not None:
        sizes.append(len(batch))
    assert sum(sizes) == 4 * BATCH and sizes[0] == BATCH
    assert sizes == sorted(sizes, reverse=True)
    assert min(sizes[:-1]) == SMALLEST and sizes[-1] <= SMALLEST


def test_processes_share_the_batches_without_losing_or_repeating_one():
    context = multiprocessing.get_context("fork")
    work = SharedWork([paths("story", 7 * BATCH), paths("page", 2 * BATCH)], 4, context)
    results = context.Queue()

    def drain(own: int) -> None:
        got = []
        while (batch := work.take(own)) is not None:
            got += batch
        results.put(got)

    processes = [context.Process(target=drain, args=(n % 2,)) for n in range(4)]
    for process in processes:
        process.start()
    handed = [path for _ in processes for path in results.get(timeout=30)]
    for process in processes:
        process.join(timeout=30)
    assert sorted(handed) == sorted(paths("story", 7 * BATCH) + paths("page", 2 * BATCH))
