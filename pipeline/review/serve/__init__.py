"""`plans serve`: review and correct the dataset in the browser (issue 18).

`create_app(data)` builds the Starlette app (pipeline.review.serve.app); `serve` runs it with
uvicorn on 127.0.0.1:8765 unless told otherwise.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.review.serve.app import create_app

__all__ = ["create_app", "serve"]


def serve(data: Path, host: str = "127.0.0.1", port: int = 8765) -> None:
    """Run the review app until interrupted."""
    import uvicorn

    print(f"plans serve: http://{host}:{port}/ (dataset {data}; Ctrl-C stops)")
    uvicorn.run(create_app(data, host), host=host, port=port, log_level="warning")
