"""Pictures as answers: PNG bytes drawn in a worker thread; a country or pair that cannot be drawn is
404, as its page."""

from __future__ import annotations

from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from bilat.errors import BilatError, QueryError
from bilat.serve.errors import error_response, problem


async def png(draw: Callable[[], bytes]) -> Response:
    try:
        data = await run_in_threadpool(draw)
    except QueryError as error:  # nothing to draw
        return problem(404, str(error))
    except BilatError as error:
        return error_response(error)
    return Response(data, media_type="image/png", headers={"Cache-Control": "no-cache"})
