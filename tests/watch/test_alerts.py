"""Alerts delivered once each to a local webhook (signed), a local SMTP server and a file."""

import hashlib
import hmac
import json
import time

from aiosmtpd.controller import Controller

from dronewatch.config import IngestSettings
from dronewatch.watch.alerts import evaluate, history
from dronewatch.watch.config import load_watch_config
from dronewatch.watch.watcher import run_once

from ..conftest import write
from .servers import FeedServer, HookServer, feed_xml


class Mailbox:
    def __init__(self) -> None:
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


def test_rules_deliver_once_each(store, tmp_path):
    feed, hook, box = FeedServer(feed_xml(8)), HookServer(), Mailbox()
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        smtp_port = sock.getsockname()[1]
    smtp = Controller(box, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    try:
        out = tmp_path / "alerts.jsonl"
        cfg_file = write(
            tmp_path / "watch.toml",
            f"""
[[source]]
name = "wire"
feed = "{feed.url}"

[alerts]
webhook_secret = "s3cret-for-tests-only"
smtp = "127.0.0.1:{smtp_port}"

[[alert]]
name = "michoacan"
type = "drone_attack"
admin1 = "Michoacán"
deliver = ["webhook:{hook.url}", "email:desk@example.org", "file:{out}"]

[[alert]]
name = "surge"
kind = "surge"
factor = 0.5
months = 1
deliver = ["file:{out}"]
""",
        )
        cfg = load_watch_config(cfg_file)
        run_once(store, cfg, IngestSettings())
        first = len(hook.received)
        assert first >= 1
        headers, body = hook.received[0]
        stamp = headers["X-Dronewatch-Timestamp"]
        assert abs(int(stamp) - time.time()) < 120
        signed = stamp.encode() + b"." + body
        expected = "sha256=" + hmac.new(b"s3cret-for-tests-only", signed, hashlib.sha256).hexdigest()
        assert headers["X-Dronewatch-Signature"] == expected
        payload = json.loads(body)
        assert payload["rule"] == "michoacan" and payload["event"]["admin1"] == "Michoacán"
        time.sleep(0.2)
        assert len(box.messages) == first and "dronewatch alert: michoacan" in box.messages[0]
        lines = out.read_text(encoding="utf-8").splitlines()
        assert sum(1 for x in lines if json.loads(x)["rule"] == "michoacan") == first
        # evaluated again: nothing is delivered twice
        assert evaluate(store, cfg) == 0
        assert len(hook.received) == first
        assert all(h["status"] == "sent" for h in history(store, "michoacan"))
    finally:
        feed.close()
        hook.close()
        smtp.stop()


def test_a_failed_delivery_stays_pending_and_is_retried(store, tmp_path):
    feed = FeedServer(feed_xml(4))
    hook = HookServer()
    port = int(hook.url.split(":")[2].split("/")[0])
    hook.close()  # nobody listening yet
    try:
        cfg_file = write(
            tmp_path / "w.toml",
            f"""
[[source]]
name = "wire"
feed = "{feed.url}"

[alerts]
webhook_secret = "another-secret-for-tests"

[[alert]]
name = "all"
deliver = ["webhook:http://127.0.0.1:{port}/hook"]
""",
        )
        cfg = load_watch_config(cfg_file)
        run_once(store, cfg, IngestSettings())
        pending = [h for h in history(store, "all") if h["status"] == "pending"]
        assert pending
    finally:
        feed.close()


def test_a_webhook_without_a_secret_is_refused(tmp_path):
    import pytest

    from dronewatch.errors import ConfigError

    cfg = write(tmp_path / "w.toml", '[[alert]]\nname = "x"\ndeliver = ["webhook:http://127.0.0.1:9/h"]\n')
    with pytest.raises(ConfigError, match="webhook_secret must be set"):
        load_watch_config(cfg)
    short = write(tmp_path / "s.toml", '[alerts]\nwebhook_secret = "abc"\n[[alert]]\nname = "x"\ndeliver = ["webhook:http://127.0.0.1:9/h"]\n')
    with pytest.raises(ConfigError, match="at least 16"):
        load_watch_config(short)
