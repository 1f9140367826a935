"""Tell the other nodes of a site which pages changed: PostgreSQL LISTEN/NOTIFY, or Redis
publish/subscribe when `redis_url` is set. With SQLite there is one node and nothing to do.

Messages are not kept for a node that is not listening (stopped, or cut off from the
database): each one renews a stamp in the database, and a node that starts listening again
and finds a stamp it did not hear empties its store (`catch_up`)."""

import json
import logging
import os
import threading
import uuid
from contextlib import suppress
from functools import cache

from django.conf import settings
from django.db import connection

from byline.publish.deps import Affected
from byline.publish.store import HEARD

log = logging.getLogger(__name__)
CHANNEL = "byline_store"
MAX_PAYLOAD = 7000  # PostgreSQL refuses NOTIFY payloads from 8000 bytes


@cache
def node_id() -> str:
    """This node's name (shared by its processes, kept in its store) to skip its own messages."""
    from byline.publish import site_store
    from byline.publish.store import NODE

    marker = site_store().root / NODE
    try:
        return marker.read_text().strip()
    except FileNotFoundError:
        pass
    marker.parent.mkdir(parents=True, exist_ok=True)
    # Written whole under another name, then linked: the first process to link names the node,
    # and no process ever reads a half-written name.
    draft = marker.with_name(f"{NODE}.{uuid.uuid4().hex}")
    draft.write_text(uuid.uuid4().hex)
    try:
        os.link(draft, marker)
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)
    return marker.read_text().strip()


def _message(affected: Affected) -> str:
    data = json.dumps({"node": node_id(), **affected.as_message()})
    if len(data.encode()) > MAX_PAYLOAD:
        data = json.dumps({"node": node_id(), "everything": True})
    return data


def _channel() -> bool:
    """Whether this site has a way to tell other nodes (so may have some)."""
    return bool(settings.BYLINE_REDIS_URL) or connection.vendor == "postgresql"


def send(affected: Affected) -> None:
    """Announce a change that this node has already applied."""
    if not _channel():
        return
    try:
        if settings.BYLINE_REDIS_URL:
            _redis().publish(CHANNEL, _message(affected))
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, _message(affected)])
    finally:
        # After the message: a node that reads the new stamp has been sent it too. And when
        # it could not be sent (Redis down), nodes catch up as they reconnect.
        _renew_stamp()


def _renew_stamp() -> None:
    from byline.content.models import version
    from byline.publish.models import ChangeStamp

    version.bump(ChangeStamp)


def _stamp() -> int:
    from byline.content.models import version
    from byline.publish.models import ChangeStamp

    return version.read(ChangeStamp)


def _last_heard(store) -> int | None:
    text = store.read_marker(HEARD)
    return int(text) if text.isdigit() else None


_noted: dict[str, int] = {}  # the stamp last noted in each store by this process


def _heard(stamp: int) -> None:
    """Note that this node has had every message announced up to `stamp`."""
    from byline.publish import site_store

    store = site_store()
    if store is not None and _noted.get(str(store.root)) != stamp:
        store.write_marker(HEARD, str(stamp))
        _noted[str(store.root)] = stamp


def catch_up() -> None:
    """Empty this node's store if messages were announced that it has not heard (it was
    stopped, or cut off from the database): its pages may be from before those changes. Done
    as the server starts and each time the listener starts listening."""
    from byline.publish import site_store
    from byline.publish.events import apply

    store = site_store()
    if store is None or not _channel():
        return
    stamp = _stamp()
    if _last_heard(store) != stamp:
        apply(Affected(everything=True))
    _heard(stamp)


@cache
def _redis():
    import redis

    return redis.Redis.from_url(settings.BYLINE_REDIS_URL)


def _receive(raw: str | bytes) -> None:
    from byline.publish.events import apply

    try:
        data = json.loads(raw)
    except ValueError:
        return
    if data.get("node") != node_id():
        apply(Affected.from_message(data), check_fingerprint=True)


def _listen_postgres(stop: threading.Event) -> None:
    import psycopg

    params = connection.get_connection_params()
    with psycopg.connect(**params, autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        catch_up()
        while not stop.is_set():
            stamp = _stamp()  # read first: the messages it stands for are then on their way
            for notice in listener.notifies(timeout=1.0):
                _receive(notice.payload)
            _heard(stamp)


def _listen_redis(stop: threading.Event) -> None:
    pubsub = _redis().pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(CHANNEL)
    catch_up()
    while not stop.is_set():
        stamp = _stamp()
        message = pubsub.get_message(timeout=1.0)
        if message:
            _receive(message["data"])
        _heard(stamp)


def listen(stop: threading.Event) -> None:
    """Apply the other nodes' changes to this node's store until `stop` is set."""
    if settings.BYLINE_REDIS_URL:
        target = _listen_redis
    elif connection.vendor == "postgresql":
        target = _listen_postgres
    else:
        return
    while not stop.is_set():
        try:
            target(stop)
        except Exception:  # a dropped connection: listen again after a pause
            log.exception("store broadcast listener failed; retrying")
            with suppress(Exception):
                connection.close()  # this thread's own, which may have been dropped too
            stop.wait(2)
