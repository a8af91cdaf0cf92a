"""The review app (Starlette, server-rendered Jinja2 templates, plain forms, no script).

Safe by default: it binds 127.0.0.1 and answers only to local host names (no DNS rebinding);
every POST carries the per-process CSRF token and a same-origin Origin when the browser sends
one; page images come only from files the manifest lists, looked up by doc_id; templates
escape every value; answers forbid framing and scripts (Content-Security-Policy).
"""

from __future__ import annotations

import hmac
import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from pipeline.dataset.corrections import CELL_COLUMNS, BadCorrection
from pipeline.query.lookup import search_key
from pipeline.review.record import record_correction
from pipeline.review.serve import queries
from pipeline.review.serve.pages import RENDERABLE, NoPage, page_png, page_size
from pipeline.review.serve.queue import review_queue

ROW_RE = re.compile(r"^(\d{1,4}):(\d{1,6})$")  # '0:12': table 0, row 12
DOC_RE = re.compile(r"^[0-9a-f]{64}$")
CSP = (
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
SEARCH_LIMIT = 15


def search_codes(query: str) -> list[tuple[str, str]]:
    """Codes whose code or Vietnamese label holds every word of the query: 'dung han'."""
    from normalize.codelist import load_codelist

    words = search_key(query).split()
    if not words:
        return []
    found = []
    for concept in load_codelist().concepts:
        haystack = search_key(f"{concept.code} {concept.label_vi} {' '.join(concept.aliases)}")
        if all(w in haystack for w in words):
            found.append((concept.code, concept.label_vi))
    return found[:SEARCH_LIMIT]


def code_label(code: str | None) -> str:
    from normalize.codelist import load_codelist

    concept = load_codelist().get(code or "")
    return concept.label_vi if concept else ""


class ReviewApp:
    """The handlers, bound to one dataset folder and one CSRF token."""

    def __init__(self, data: Path, token: str | None = None) -> None:
        self.data = Path(data)
        self.token = token or secrets.token_urlsafe(32)
        self.env = Environment(
            loader=PackageLoader("pipeline.review.serve", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
        )
        self.env.globals.update(csrf=self.token, code_label=code_label, fold=search_key)

    def render(self, name: str, status: int = 200, /, **context: Any) -> HTMLResponse:
        html = self.env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status, headers=_headers())

    async def plans(self, request: Request) -> Response:
        q = request.query_params
        year = q.get("year", "")
        rows = queries.plans(
            self.data, q.get("commune", ""), int(year) if year.isdigit() else None, q.get("fmt", "")
        )
        return self.render("plans.html", plans=rows, filters=q)

    async def plan(self, request: Request) -> Response:
        doc_id = request.path_params["doc_id"]
        view = queries.plan(self.data, doc_id) if DOC_RE.match(doc_id) else None
        if view is None:
            return self.render("error.html", 404, message="no such plan in the current dataset")
        selected = _selected(view, request.query_params.get("row", ""))
        query = request.query_params.get("q", "")
        context = {
            "view": view,
            "selected": selected,
            "source": self._source(doc_id, selected),
            "query": query,
            "found": search_codes(query),
            "cell_columns": CELL_COLUMNS,
            "pending": queries.pending(self.data, doc_id),
            "saved": request.query_params.get("saved") == "1",
        }
        return self.render("plan.html", 200, **context)

    def _source(self, doc_id: str, row: dict[str, Any] | None) -> dict[str, Any] | None:
        """The page image and the row's box on it in % of the page, or None (row as read)."""
        source = queries.source_of(self.data, doc_id)
        if row is None or source is None or row.get("box_page") is None:
            return None
        if source[1] not in RENDERABLE:
            return None
        try:
            width, height = page_size(source[0], row["box_page"])
        except (NoPage, RuntimeError, OSError):
            return None
        box = {
            "left": 100 * row["box_x0"] / width,
            "top": 100 * row["box_top"] / height,
            "width": 100 * (row["box_x1"] - row["box_x0"]) / width,
            "height": 100 * (row["box_bottom"] - row["box_top"]) / height,
        }
        return {"page": row["box_page"], "box": box}

    async def page(self, request: Request) -> Response:
        doc_id, page = request.path_params["doc_id"], request.path_params["page"]
        source = queries.source_of(self.data, doc_id) if DOC_RE.match(doc_id) else None
        if source is None or source[1] not in RENDERABLE:
            return Response("no such page", 404, headers=_headers())
        try:
            png = page_png(self.data, doc_id, source[0], page)
        except (NoPage, RuntimeError, OSError):
            return Response("no such page", 404, headers=_headers())
        return FileResponse(png, media_type="image/png", headers=_headers())

    async def review(self, request: Request) -> Response:
        return self.render("review.html", entries=review_queue(self.data))

    async def correct(self, request: Request) -> Response:
        form = await request.form()
        fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
        if not self._same_origin(request) or not hmac.compare_digest(
            fields.get("csrf", ""), self.token
        ):
            return self.render("error.html", 403, message="refused: the form is not from here")
        doc_id, row = fields.get("doc_id", ""), fields.get("row", "")
        if not DOC_RE.match(doc_id) or not ROW_RE.match(row):
            return self.render("error.html", 400, message="which row? (doc_id, row)")
        target = (doc_id, int(row.split(":")[0]), fields.get("code", ""), fields.get("column", ""))
        try:
            record_correction(self.data, target, fields.get("value", ""), fields.get("note", ""))
        except BadCorrection as e:
            return self.render("error.html", 400, message=str(e))
        back = f"/plan/{doc_id}?" + urlencode({"row": row, "saved": "1"}) + "#source"
        return RedirectResponse(back, status_code=303, headers=_headers())

    @staticmethod
    def _same_origin(request: Request) -> bool:
        origin = request.headers.get("origin")
        if origin is None:
            return True  # no Origin (an old browser, curl): the token alone decides
        return urlsplit(origin).netloc == request.headers.get("host", "")


def _selected(view: queries.PlanView, row: str) -> dict[str, Any] | None:
    match = ROW_RE.match(row)
    if not match:
        return None
    table, index = int(match.group(1)), int(match.group(2))
    return next((r for r in view.tables.get(table, []) if r["row_index"] == index), None)


def _headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cache-Control": "no-store",
    }


def create_app(data: Path, host: str = "127.0.0.1", token: str | None = None) -> Starlette:
    """The app for one dataset folder: create_app(Path('data/parquet'))."""
    handlers = ReviewApp(data, token)
    routes = [
        Route("/", handlers.plans),
        Route("/plan/{doc_id}", handlers.plan),
        Route("/page/{doc_id}/{page:int}.png", handlers.page),
        Route("/review", handlers.review),
        Route("/correct", handlers.correct, methods=["POST"]),
    ]
    hosts = [*LOCAL_HOSTS, host]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=hosts)]
    return Starlette(routes=routes, middleware=middleware)
