"""Tell the other nodes of a site which pages changed: PostgreSQL LISTEN/NOTIFY, or Redis
publish/subscribe when `redis_url` is set. With SQLite there is one node and nothing to do."""

import json
import logging
import os
import threading
import uuid
from functools import cache

from django.conf import settings
from django.db import connection

from byline.publish.deps import Affected

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


def send(affected: Affected) -> None:
    """Announce a change that this node has already applied."""
    if settings.BYLINE_REDIS_URL:
        _redis().publish(CHANNEL, _message(affected))
    elif connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, _message(affected)])


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
        while not stop.is_set():
            for notice in listener.notifies(timeout=1.0):
                _receive(notice.payload)


def _listen_redis(stop: threading.Event) -> None:
    pubsub = _redis().pubsub(ignore_subscribe_messages=True)
    pubsub.subscribe(CHANNEL)
    while not stop.is_set():
        message = pubsub.get_message(timeout=1.0)
        if message:
            _receive(message["data"])


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
            stop.wait(2)
