"""How `publish --all` shares batches of pages among its processes: each page handed out
once, each process keeping to its own group while it lasts."""

import multiprocessing

from byline.publish.sitewide import BATCH
from byline.publish.workers import SharedWork


def paths(prefix: str, count: int) -> list[str]:
    return [f"/{prefix}-{n}/" for n in range(count)]


def test_each_batch_is_handed_out_once_own_group_first_then_the_others_from_the_back():
    entries, listings = paths("story", 3 * BATCH), paths("page", BATCH + 1)
    work = SharedWork([entries, listings], multiprocessing.get_context("fork"))
    taken = [work.take(0), work.take(1), work.take(1)]
    assert taken == [entries[:BATCH], listings[:BATCH], listings[BATCH:]]
    # The listings are done: their process helps with the entries, from their last batch.
    assert work.take(1) == entries[2 * BATCH :]
    assert work.take(0) == entries[BATCH : 2 * BATCH]
    assert work.take(0) is None and work.take(1) is None


def test_processes_share_the_batches_without_losing_or_repeating_one():
    context = multiprocessing.get_context("fork")
    work = SharedWork([paths("story", 7 * BATCH), paths("page", 2 * BATCH)], context)
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
