from __future__ import annotations

import os
from pathlib import Path

import pytest

from dronewatch.store import Store

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


def _shared_eval() -> Path:
    """shared/eval beside the checkout (as CI lays it), else DRONEWATCH_SHARED, else /work/shared."""
    for candidate in (
        ROOT.parent / "shared",
        Path(os.environ.get("DRONEWATCH_SHARED", "")),
        Path("/work/shared"),
    ):
        if str(candidate) and (candidate / "eval" / "dev.jsonl").is_file():
            return candidate / "eval"
    return ROOT.parent / "shared" / "eval"


SHARED_EVAL = _shared_eval()


@pytest.fixture(scope="session")
def postgres():
    from .pg import PostgresServer

    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path: Path) -> Store:
    """The same store tests on an SQLite file and on a real PostgreSQL."""
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'any.db'}")
    else:
        s = Store(request.getfixturevalue("postgres").new_database())
    yield s
    s.close()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'test.db'}")
    yield s
    s.close()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path
