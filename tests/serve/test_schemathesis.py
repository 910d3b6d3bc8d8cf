"""Property-based requests from the OpenAPI document: no input may cause a server error."""

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from dronewatch.config import Config
from dronewatch.serve.api import create_app

from ..conftest import CORPUS  # noqa: F401  (the store fixture below ingests it)

_APP = None


def _app():
    global _APP
    if _APP is None:
        import tempfile

        from dronewatch.extract.run import extract_store
        from dronewatch.ingest import ingest_paths
        from dronewatch.resolve.events import resolve_store
        from dronewatch.store import Store

        from ..conftest import CORPUS as corpus

        path = tempfile.mkdtemp() + "/schema.db"
        s = Store(f"sqlite:///{path}")
        ingest_paths([corpus], s)
        extract_store(s)
        resolve_store(s)
        _APP = create_app(Config(db=path))
    return _APP


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error])
