import pytest
from fastapi.testclient import TestClient

from dronewatch.config import ApiSettings, Config, IngestSettings
from dronewatch.extract.run import extract_store
from dronewatch.ingest import ingest_paths
from dronewatch.resolve.events import resolve_store
from dronewatch.serve.api import create_app
from dronewatch.serve.auth import create_token
from dronewatch.store import Store

from ..conftest import CORPUS, ROOT


@pytest.fixture(scope="session")
def served_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "serve.db"
    s = Store(f"sqlite:///{path}")
    # the example outlets' grades, as `make demo` uses them
    ingest_paths([CORPUS], s, IngestSettings(sources_file=str(ROOT / "examples" / "sources.csv")))
    extract_store(s)
    resolve_store(s)
    s.close()  # checkpoints the WAL, so a copy of the file holds everything
    return path


@pytest.fixture
def db_copy(served_db, tmp_path):
    import shutil

    target = tmp_path / "copy.db"
    shutil.copy(served_db, target)
    return target


def make_client(db_path, **api):
    cfg = Config(db=str(db_path), api=ApiSettings(**api))
    app = create_app(cfg)
    store = app.state.store
    tokens = {role: create_token(store, role, f"test {role}") for role in ("reader", "analyst")}
    return TestClient(app), tokens
