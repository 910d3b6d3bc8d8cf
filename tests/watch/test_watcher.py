"""The watcher against feeds served on 127.0.0.1, and a crash test with kill -9."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

from dronewatch.config import IngestSettings
from dronewatch.watch.config import SourceConf, WatchConfig, load_watch_config
from dronewatch.watch.watcher import run_once

from ..conftest import write
from .servers import FeedServer, feed_xml


def test_conditional_get_processes_only_what_is_new(store):
    srv = FeedServer(feed_xml(5))
    try:
        cfg = WatchConfig(sources=(SourceConf("wire", feed=srv.url, interval=60),), rules=())
        (r,) = run_once(store, cfg, IngestSettings())
        assert (r.status, r.stored) == ("new", 5) and store.count_events() >= 1
        (r,) = run_once(store, cfg, IngestSettings())
        assert r.status == "unchanged" and srv.hits == {"200": 1, "304": 1}
        srv.body = feed_xml(7)  # two new items
        (r,) = run_once(store, cfg, IngestSettings())
        assert r.stored == 2 and store.count_documents() == 7
        # not due yet: skipped
        assert run_once(store, cfg, IngestSettings(), due_only=True) == []
    finally:
        srv.close()


def test_failures_back_off(store, tmp_path):
    cfg = WatchConfig(
        sources=(SourceConf("down", feed="http://127.0.0.1:9/none.xml", interval=10),), rules=()
    )
    (r,) = run_once(store, cfg, IngestSettings())
    assert r.status == "failed"
    run_once(store, cfg, IngestSettings())
    with store.engine.connect() as conn:
        failures = conn.exec_driver_sql("SELECT failures FROM watch_state WHERE source='down'").scalar()
    assert failures == 2


def test_folder_sources_and_config_errors(store, tmp_path):
    folder = tmp_path / "inbox"
    write(
        folder / "a.md",
        "---\npublished: 2025-01-05\n---\nSoldiers seized two drones in Tame, Arauca, on Sunday.\n",
    )
    cfg_file = write(
        tmp_path / "watch.toml", f'[[source]]\nname = "inbox"\nfolder = "{folder}"\ninterval = 5\n'
    )
    cfg = load_watch_config(cfg_file)
    (r,) = run_once(store, cfg, IngestSettings())
    assert r.stored == 1
    bad = write(tmp_path / "bad.toml", '[[source]]\nname = "x"\n')
    import pytest

    from dronewatch.errors import ConfigError

    with pytest.raises(ConfigError, match="exactly one of feed or folder"):
        load_watch_config(bad)


def _events(db):
    con = sqlite3.connect(db)
    try:
        docs = con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone()
        events = sorted(con.execute("SELECT id, type, date, admin1, claims FROM events").fetchall())
    finally:
        con.close()
    return docs, events


def test_killed_repeatedly_ends_with_every_item_once(tmp_path):
    srv = FeedServer(feed_xml(1000))
    try:
        cfg = write(tmp_path / "watch.toml", f'[[source]]\nname = "wire"\nfeed = "{srv.url}"\ninterval = 1\n')
        db = tmp_path / "crash.db"
        cmd = [sys.executable, "-m", "dronewatch.cli", "watch", str(cfg), "--once", "--db", str(db)]
        for delay in (1.5, 2.5, 3.5, 5.0):
            p = subprocess.Popen(
                cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
            )
            time.sleep(delay)
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        clean = tmp_path / "clean.db"
        ok = subprocess.run([*cmd[:-1], str(clean)], capture_output=True, text=True, timeout=600)
        assert ok.returncode == 0, ok.stderr
        (n, distinct), events = _events(db)
        assert n == distinct == 1000
        assert events == _events(clean)[1] and events
    finally:
        srv.close()
