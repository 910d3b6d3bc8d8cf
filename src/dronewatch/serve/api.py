"""The JSON API (FastAPI; the OpenAPI document is at /openapi.json) and the dashboard's files.

Reads can be open or need a reader token (config ``api.open_reads``); writes (ingesting
documents, analyst decisions) always need an analyst token. Errors are JSON with a message
and the right 4xx code.
"""

import base64
import json
import tempfile
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, File, Header, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import __version__
from ..config import Config, load_config
from ..errors import DronewatchError, NotFound
from ..store import Store
from ..store.events import EventFilter, FilterError, parse_filter
from ..store.repository import DocumentFilter
from .auth import role_of, token_name
from .cube import EventCube

# The dashboard runs only its own scripts: an injected <script> or javascript: link does nothing, and no
# other site may frame it (clickjacking). Styles may be inline (the map library sets them).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

EVENT_TYPES = (
    "drone_attack",
    "drone_surveillance",
    "drone_smuggling",
    "drone_seizure",
    "counter_drone",
    "capability_transfer",
    "infiltration_probe",
    "policy",
)


class DocumentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored
    text: str = Field(min_length=1)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    id: str | None = None


class DocumentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored
    documents: list[DocumentIn] = Field(min_length=1, max_length=1000)


class ClaimReviewIn(BaseModel):
    """An analyst's word on one claim; ``fields`` only with ``correct``."""

    model_config = ConfigDict(extra="forbid")
    action: str = Field(pattern="^(confirm|reject|correct)$")
    fields: dict[str, str | int | None] | None = None


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt field is an error, not ignored
    action: str = Field(pattern="^(merge|split|rename|confirm|reject)$")
    subject: str = Field(min_length=1, max_length=300)
    object: str | None = Field(default=None, max_length=300)
    kind: str | None = Field(default=None, max_length=40)


def _query_names(dependant: Any) -> set[str]:
    names = {p.alias or p.name for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def _known_query_parameters(request: Request) -> None:
    """``?search=`` where the parameter is ``q`` would silently return everything: refuse it by name."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    unknown = sorted(set(request.query_params) - _query_names(dependant))
    if unknown:
        allowed = ", ".join(sorted(_query_names(dependant))) or "none"
        raise HTTPException(422, f"unknown query parameter(s) {', '.join(unknown)}; this endpoint takes: {allowed}")


def _plain(error: dict[str, Any]) -> str:
    """One validation error in words a user reads, not the validator's."""
    where = ".".join(str(x) for x in error["loc"][1:]) or str(error["loc"][0])
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return f"unknown field '{where}'"
    if kind == "missing":
        return f"'{where}' is required"
    if kind.startswith(("string_pattern", "literal", "enum")):
        return f"'{where}' has a value that is not allowed ({error.get('input')!r})"
    if kind.startswith(("int_", "float_")):
        return f"'{where}' must be a number"
    if kind.startswith(("greater_than", "less_than")):
        return f"'{where}' is out of range"
    if kind.startswith("string_too"):
        return f"'{where}' is too long or too short"
    return f"'{where}': {error.get('msg', 'invalid')}"


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode()


def _offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor.encode()))["o"]
        if not isinstance(value, int) or not 0 <= value <= 10_000_000:
            raise ValueError
        return value
    except (ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise HTTPException(400, "invalid cursor") from exc


def create_app(config: Config | None = None, db: str | None = None) -> FastAPI:
    cfg = config or load_config()
    url = db or cfg.db_url
    if "://" not in url:
        url = f"sqlite:///{url}"
    store = Store(url)
    app = FastAPI(
        title="dronewatch",
        version=__version__,
        description="Drone use by cartels and armed groups: documents, events, actors, links, trends.",
        dependencies=[Depends(_known_query_parameters)],
    )
    app.state.store = store

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if not request.url.path.startswith(("/docs", "/redoc")):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.middleware("http")
    async def closed_docs(request: Request, call_next: Any) -> Response:
        """With closed reads, the API's own description is not open either."""
        if request.url.path in ("/docs", "/redoc", "/openapi.json", "/docs/oauth2-redirect"):
            if not may_read(request.headers.get("authorization")):
                return JSONResponse({"error": "reading needs a token: Authorization: Bearer <token>"}, 401)
        response: Response = await call_next(request)
        return response
    max_page = cfg.api.max_page

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        msgs = [_plain(e) for e in exc.errors()]
        return JSONResponse({"error": "; ".join(msgs) or "invalid request"}, status_code=422)

    @app.exception_handler(DronewatchError)
    async def user_error(_: Request, exc: DronewatchError) -> JSONResponse:
        code = 404 if isinstance(exc, NotFound) else 422 if isinstance(exc, FilterError) else 400
        return JSONResponse({"error": str(exc)}, status_code=code)

    def reader(authorization: Annotated[str | None, Header()] = None) -> str | None:
        token = authorization.removeprefix("Bearer ").strip() if authorization else None
        role = role_of(store, token)
        if token and role is None:
            raise HTTPException(401, "unknown token")
        if role is None and not cfg.api.open_reads:
            raise HTTPException(401, "reading needs a token: Authorization: Bearer <token>")
        return role

    def analyst(authorization: Annotated[str | None, Header()] = None) -> str:
        token = authorization.removeprefix("Bearer ").strip() if authorization else None
        role = role_of(store, token)
        if token is None:
            raise HTTPException(401, "writing needs an analyst token: Authorization: Bearer <token>")
        if role is None:
            raise HTTPException(401, "unknown token")
        if role != "analyst":
            raise HTTPException(403, "this token's role (reader) cannot write")
        return role

    Read = Annotated[str | None, Depends(reader)]
    Write = Annotated[str, Depends(analyst)]
    Limit = Annotated[int, Query(ge=1, le=max_page)]
    Date = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
    TypeQ = Annotated[str | None, Query(pattern="^(" + "|".join(EVENT_TYPES) + ")$")]

    def event_filter(
        type: TypeQ = None,
        country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$")] = None,
        admin1: str | None = None,
        actor: str | None = None,
        since: Date = None,
        until: Date = None,
        min_sources: Annotated[int | None, Query(ge=1, le=1000)] = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
    ) -> EventFilter:
        return parse_filter(type, country, admin1, actor, since, until, min_sources, q)

    Filter = Annotated[EventFilter, Depends(event_filter)]
    cache: dict[tuple[Any, ...], Any] = {}
    cubes: dict[int, EventCube] = {}

    def cube() -> EventCube:
        """The columnar copy of the events, reloaded when they change."""
        version = store.events_version()
        if version not in cubes:
            fresh = EventCube.load(store)
            cubes.clear()
            cubes[version] = fresh
        return cubes[version]

    cube()  # built at start, so the first visitor does not wait for it

    def cached(key: tuple[Any, ...], compute: Any) -> Response:
        """Aggregations are cached, serialised, until the events change (the store's events version)."""
        full = (store.events_version(), *key)
        if full not in cache:
            if len(cache) > 512:
                cache.clear()
            cache[full] = json.dumps(compute(), ensure_ascii=False, default=str).encode()
        return Response(cache[full], media_type="application/json")

    def may_read(authorization: str | None) -> bool:
        token = authorization.removeprefix("Bearer ").strip() if authorization else None
        return cfg.api.open_reads or role_of(store, token) is not None

    @app.get("/api/health")
    def health(authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Always answers; the version and counts only to those who may read (with closed reads)."""
        if not may_read(authorization):
            return {"status": "ok"}
        return {"status": "ok", "version": __version__, "events": store.count_events()}

    @app.get("/api/documents")
    def documents(
        _: Read,
        q: Annotated[str | None, Query(max_length=200)] = None,
        language: str | None = None,
        outlet: str | None = None,
        limit: Limit = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> dict[str, Any]:
        f = DocumentFilter(language=language, outlet=outlet, query=q)
        items = [_doc(d, text=False) for d in store.list_documents(f, limit=limit, offset=offset)]
        return {"items": items, "total": store.count_documents(f)}

    @app.get("/api/documents/{doc_id}")
    def document(doc_id: str, _: Read) -> dict[str, Any]:
        d = store.get_document(doc_id)
        if d is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        out = _doc(d, text=True)
        out["claims"] = [
            {"id": c.id, "type": str(c.type), "evidence_span": [c.evidence.start, c.evidence.end]}
            for c in store.list_claims(d.id)
        ]
        return out

    @app.post("/api/documents", status_code=201)
    async def add_documents(request: Request, _: Write) -> dict[str, Any]:
        body = await request.body()
        if len(body) > cfg.api.max_upload_mb * 1024 * 1024:
            raise HTTPException(413, f"upload above {cfg.api.max_upload_mb:g} MB")
        try:
            parsed = DocumentsIn.model_validate_json(body)
        except ValidationError as exc:
            found = "; ".join(_plain({**e, "loc": ("body", *e["loc"])}) for e in exc.errors()[:10])
            raise HTTPException(422, found or "expected {'documents': [{'text': ...}]}") from exc
        lines = "\n".join(d.model_dump_json(exclude_none=True) for d in parsed.documents)
        return _ingest_bytes(store, cfg, lines.encode(), "upload.jsonl")

    @app.post("/api/upload", status_code=201)
    async def upload(_: Write, file: Annotated[UploadFile, File()]) -> dict[str, Any]:
        data = await file.read(int(cfg.api.max_upload_mb * 1024 * 1024) + 1)
        if len(data) > cfg.api.max_upload_mb * 1024 * 1024:
            raise HTTPException(413, f"upload above {cfg.api.max_upload_mb:g} MB")
        name = Path(file.filename or "upload.txt").name
        return _ingest_bytes(store, cfg, data, name)

    @app.get("/api/events")
    def events(
        _: Read,
        f: Filter,
        sort: Annotated[str, Query(pattern="^-?(date|sources|credibility)$")] = "-date",
        limit: Limit = 50,
        cursor: str | None = None,
    ) -> Response:
        offset = _offset(cursor)
        items = store.list_events(f, sort=sort, limit=limit + 1, offset=offset)
        more = len(items) > limit
        key = ("count", store.events_version(), f)
        if key not in cache:
            cache[key] = store.count_events(f)
        body = {
            "items": items[:limit],
            "next_cursor": _cursor(offset + limit) if more else None,
            "total": cache[key],
        }
        return JSONResponse(body)

    @app.get("/api/events/{event_id}")
    def event(event_id: str, _: Read) -> dict[str, Any]:
        ev = store.get_event(event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id!r}")
        for c in ev["claims"]:
            d = store.get_document(c["document_id"])
            c["text"] = d.text if d else ""
        return ev

    @app.get("/api/map")
    def map_points(_: Read, f: Filter) -> Response:
        """Events grouped by place in the database: the browser never receives all events."""
        rows = (lambda: cube().map_cells(f)) if f.text is None else (lambda: store.event_map(f))
        return cached(("map", f), lambda: _map_points(rows()))

    def _map_points(rows: list[dict[str, Any]]) -> dict[str, Any]:
        groups: dict[tuple[float, float], dict[str, Any]] = {}
        for r in rows:
            key = r["cell"] if "cell" in r else (r["rlat"], r["rlon"])
            g = groups.setdefault(
                key,
                {
                    "lat": round(r["alat"], 4),
                    "lon": round(r["alon"], 4),
                    "count": 0,
                    "types": {},
                    "max_sources": 0,
                    "place": r["place"],
                    "admin1": r["admin1"],
                    "country": r["country"],
                    "events": [],
                },
            )
            g["count"] += r["n"]
            g["types"][r["type"]] = r["n"]
            g["max_sources"] = max(g["max_sources"], r["maxsrc"] or 0)
            if len(g["events"]) < 3:
                g["events"].append({"id": r["example"], "date": r["latest"], "type": r["type"]})
        return {"points": list(groups.values())}

    @app.get("/api/timeline")
    def timeline(_: Read, f: Filter) -> Response:
        counts = (
            (lambda: cube().counts(f, "type", "month"))
            if f.text is None
            else (lambda: store.event_counts(f, "type", "month"))
        )
        return cached(("timeline", f), lambda: _timeline(counts()))

    def _timeline(counts: list[tuple[str, str, int]]) -> dict[str, Any]:
        series: dict[str, dict[str, int]] = defaultdict(dict)
        months = set()
        for month, typ, n in counts:
            series[typ][month] = n
            months.add(month)
        return {"months": sorted(months), "series": series}

    @app.get("/api/trends")
    def trends(
        _: Read,
        f: Filter,
        by: Annotated[str, Query(pattern="^(type|country|admin1|actor)$")] = "type",
        period: Annotated[str, Query(pattern="^(month|week)$")] = "month",
    ) -> Response:
        from ..analyze.trends import totals, trend_from_counts

        def compute() -> dict[str, Any]:
            counts = cube().counts(f, by, period) if f.text is None else store.event_counts(f, by, period)
            rows = trend_from_counts(counts, period=period)
            return {
                "rows": [
                    {
                        "period": r.period,
                        "key": r.key,
                        "count": r.count,
                        "previous": r.previous,
                        "change": r.change,
                    }
                    for r in rows
                ],
                "totals": totals(rows),
            }

        return cached(("trends", f, by, period), compute)

    @app.get("/api/actors")
    def actors(_: Read, candidates: bool = False, limit: Limit = 100) -> dict[str, Any]:
        from ..resolve.actors import ActorNames
        from ..resolve.overview import actor_overview

        rows = actor_overview(store, ActorNames(store.actor_decisions()), candidates_only=candidates)
        return {"items": rows[:limit], "total": len(rows)}

    @app.get("/api/candidates")
    def candidates(_: Read, limit: Limit = 100) -> dict[str, Any]:
        return actors(_, candidates=True, limit=limit)

    @app.get("/api/actors/decisions")
    def actor_decisions(_: Read) -> dict[str, Any]:
        """Every decision on actors, in the order they apply."""
        return {"decisions": [d.__dict__ for d in store.actor_decisions()]}

    @app.get("/api/actors/{name}")
    def actor(name: str, _: Read) -> dict[str, Any]:
        from ..resolve.actors import ActorNames
        from ..resolve.overview import actor_detail

        d = actor_detail(store, ActorNames(store.actor_decisions()), name)
        if d is None:
            raise HTTPException(404, f"no actor {name!r}")
        return d

    @app.post("/api/actors/decisions", status_code=201)
    def decide(decision: DecisionIn, _: Write) -> dict[str, Any]:
        from ..resolve.actors import check_decision
        from ..resolve.events import resolve_store

        if decision.action in ("merge", "split", "rename") and not decision.object:
            raise HTTPException(422, f"{decision.action} needs an object")
        check_decision(store, decision.action, decision.subject, decision.object, decision.kind)
        store.add_decision(decision.action, decision.subject, decision.object, decision.kind)
        report = resolve_store(store)
        return {"kept": decision.model_dump(), "events": report.events}

    @app.get("/api/graph")
    def graph(_: Read, actor: str | None = None) -> dict[str, Any]:
        from ..analyze.graph import links, neighbourhood
        from ..resolve.actors import ActorNames

        edges = links(store.relations(), ActorNames(store.actor_decisions()))
        if actor:
            edges = neighbourhood(edges, actor)
        nodes = sorted({e.subject for e in edges} | {e.object for e in edges} | ({actor} if actor else set()))
        return {
            "nodes": [{"id": n} for n in nodes],
            "edges": [
                {
                    "source": e.subject,
                    "target": e.object,
                    "predicate": e.predicate,
                    "evidence": e.evidence[:5],
                }
                for e in edges
            ],
        }

    def analyst_name(authorization: Annotated[str | None, Header()] = None) -> str:
        analyst(authorization)
        token = authorization.removeprefix("Bearer ").strip() if authorization else None
        return "api:" + (token_name(store, token) or "unknown")

    Who = Annotated[str, Depends(analyst_name)]

    @app.post("/api/claims/{claim_id}/review", status_code=201)
    def review_claim(claim_id: str, body: ClaimReviewIn, who: Who) -> dict[str, Any]:
        """Confirm, reject or correct a claim; the change shows in every view after re-resolution."""
        from ..resolve.events import resolve_store

        c = store.correct_claim(claim_id, body.action, body.fields, who=who)
        report = resolve_store(store)
        return {"claim_id": c.claim_id, "action": c.action, "fields": c.fields, "events": report.events}

    @app.get("/api/claims/reviews")
    def claim_reviews(_: Write) -> dict[str, Any]:
        """Every decision on claims, oldest first (analysts only: it names who decided)."""
        return {"reviews": store.correction_rows()}

    @app.get("/api/claims/reviews/export")
    def claim_reviews_export(_: Write) -> Response:
        """The reviewed documents as gold JSONL, the training format of ``dronewatch train``."""
        body = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in store.export_gold())
        return Response(body, media_type="application/x-ndjson")

    @app.post("/api/screen", status_code=201)
    async def screen_roster(who: Who, file: Annotated[UploadFile, File()]) -> dict[str, Any]:
        """Screen a roster CSV (analysts only: rosters are personal data)."""
        from ..screen.screening import results_json, screen

        data = await file.read(int(cfg.api.max_upload_mb * 1024 * 1024) + 1)
        if len(data) > cfg.api.max_upload_mb * 1024 * 1024:
            raise HTTPException(413, f"upload above {cfg.api.max_upload_mb:g} MB")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / Path(file.filename or "roster.csv").name
            path.write_bytes(data)
            roster_id, results = screen(
                store,
                path,
                who,
                cfg.screening.threshold,
                cfg.screening.retention_days,
                cfg.screening.max_hops,
            )
        return {"roster": roster_id, "rows": results_json(results)}

    @app.get("/api/screen/{roster_id}")
    def screen_results(roster_id: str, _: Who) -> dict[str, Any]:
        from ..screen.screening import stored_results

        res = stored_results(store, roster_id)
        if res is None:
            raise HTTPException(404, f"no roster {roster_id!r} (or it passed the retention period)")
        return res

    @app.get("/api/screen/{roster_id}/report", include_in_schema=False)
    def screen_report(roster_id: str, _: Who) -> Response:
        from ..screen import report
        from ..screen.screening import RosterRow, RowResult, stored_results

        res = stored_results(store, roster_id)
        if res is None:
            raise HTTPException(404, f"no roster {roster_id!r}")
        rows = [
            RowResult(RosterRow(r["row"], r["name"], [], None, None, set(), None), r["matches"], r["paths"])
            for r in res["results"]
        ]
        return Response(
            report.render(roster_id, res["name"], rows, cfg.screening.threshold), media_type="text/html"
        )

    class DecisionRow(BaseModel):
        model_config = ConfigDict(extra="forbid")
        row: int = Field(ge=1, le=10_000_000)
        decision: str = Field(pattern="^(confirmed|cleared)$")

    @app.post("/api/screen/{roster_id}/decisions", status_code=201)
    def screen_decide(roster_id: str, body: DecisionRow, who: Who) -> dict[str, Any]:
        from ..screen.screening import decide

        if not decide(store, roster_id, body.row, body.decision, who):
            raise HTTPException(404, f"no row {body.row} in roster {roster_id!r}")
        return {"roster": roster_id, "row": body.row, "decision": body.decision}

    @app.get("/api/export/{fmt}")
    def export_format(fmt: str, _: Read, f: Filter) -> Response:
        """The events of a view (the filters of /api/events) in one format."""
        from ..export import export, formats

        if fmt not in formats():
            raise HTTPException(404, f"unknown format {fmt!r}; one of {', '.join(formats())}")
        content, media, suffix = export(store, fmt, f)
        return Response(
            content,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="dronewatch.{suffix}"'},
        )

    @app.get("/metrics", include_in_schema=False)
    def metrics(_: Read) -> Response:
        """Prometheus text format: sizes of the store, alerts, and lag behind each watched source."""
        import sqlalchemy as sa

        from ..store import schema
        from ..watch.watcher import lag_seconds

        def count(table: Any, where: Any = None) -> int:
            q = sa.select(sa.func.count()).select_from(table)
            if where is not None:
                q = q.where(where)
            with store.engine.connect() as conn:
                return int(conn.execute(q).scalar() or 0)

        lines = [
            "# HELP dronewatch_documents Documents stored.",
            "# TYPE dronewatch_documents gauge",
            f"dronewatch_documents {count(schema.documents)}",
            "# HELP dronewatch_claims Claims extracted.",
            "# TYPE dronewatch_claims gauge",
            f"dronewatch_claims {count(schema.claims)}",
            "# HELP dronewatch_events Events resolved.",
            "# TYPE dronewatch_events gauge",
            f"dronewatch_events {count(schema.events)}",
            "# HELP dronewatch_alerts_sent Alerts delivered.",
            "# TYPE dronewatch_alerts_sent counter",
            f"dronewatch_alerts_sent {count(schema.alerts, schema.alerts.c.status == 'sent')}",
            "# HELP dronewatch_source_lag_seconds Seconds since a watched source was last read.",
            "# TYPE dronewatch_source_lag_seconds gauge",
        ]
        for src, lag in sorted(lag_seconds(store).items()):
            name = src.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'dronewatch_source_lag_seconds{{source="{name}"}} {lag:.0f}')
        return Response("\n".join(lines) + "\n", media_type="text/plain; version=0.0.4")

    web = resources.files("dronewatch.serve").joinpath("web")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(web.joinpath("index.html")))

    @app.get("/static/{path:path}", include_in_schema=False)
    def static(path: str) -> FileResponse:
        target = Path(str(web)) / path
        root = Path(str(web)).resolve()
        if not target.resolve().is_relative_to(root) or not target.is_file():
            raise HTTPException(404, "not found")
        return FileResponse(str(target))

    return app


def _doc(d: Any, text: bool) -> dict[str, Any]:
    from ..model import document_fields

    out = document_fields(d, text)
    out.pop("origin")  # a path on the server's disk: not for API clients
    return out


def _ingest_bytes(store: Store, cfg: Config, data: bytes, name: str) -> dict[str, Any]:
    from ..extract.run import extract_store
    from ..ingest import ingest_paths
    from ..resolve.events import resolve_store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        report = ingest_paths([path], store, cfg.ingest)
    errors = [
        {"where": Path(e.path).name + (f":{e.line}" if e.line else ""), "reason": e.reason}
        for e in report.errors
    ]
    if report.stored == 0 and report.errors:
        raise HTTPException(400, "; ".join(f"{e['where']}: {e['reason']}" for e in errors))
    extract_store(store)
    resolved = resolve_store(store)
    return {
        "stored": report.stored,
        "already_stored": report.already_stored,
        "errors": errors,
        "events": resolved.events,
    }
