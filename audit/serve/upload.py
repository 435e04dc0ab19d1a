"""Taking one uploaded file off a request: size limit, form parsing, a safe file name.

The limit is checked on the bytes as they arrive, before the form is parsed: a request over the
limit is refused whatever its Content-Length says (or does not say, when chunked), and no more
than the limit is ever held in memory. The rest of an oversized body is read and dropped, up
to ``DRAIN_CAP``, so that the client, which is still sending, gets to read the refusal: a
server that answers and closes while the client writes makes the client see a reset
connection instead of the message.

The form is parsed from the bytes kept (Starlette's parser, python-multipart): the file stays
in memory, or, above 1 MB, in the parser's unnamed temporary file, which has no name in any
folder and is gone when the form is closed at the end of the request.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

# 20 MB: real reports are well under 1 MB (the largest of the corpus, a PDF, is 0.4 MB), and a
# Word draft with a few pasted photos or a scanned seal stays under 10 MB. Reading a PDF takes
# some 20 to 50 times its size in memory, so 20 MB keeps one check near 1 GB at worst, and two
# at once fit on a small machine.
LIMIT = 20 * 1024 * 1024
FORM_SLACK = 256 * 1024  # the form's other fields (lang, profile, previous) and the boundaries
DRAIN_CAP = 512 * 1024 * 1024  # past this, stop reading and let the connection drop


@dataclass
class Upload:
    name: str = ""
    data: bytes = b""
    fields: dict | None = None
    status: int = 200  # 413: too large (size says how large), 400: no file or a broken form
    size: int = 0
    problem: str = ""


async def _body(request, limit: int) -> tuple[bytes | None, int]:
    """The body if it is at most ``limit`` bytes, else None; and its size (as far as read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > DRAIN_CAP:
        return None, int(declared)
    kept, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total <= limit:
            kept.append(chunk)
        elif total > DRAIN_CAP:
            break
    if total > limit:
        return None, max(total, int(declared) if declared.isdigit() else 0)
    return b"".join(kept), total


def safe_name(filename: str | None) -> str:
    """The file's own name without any folder a browser or script put in front of it, and
    without control characters; it names the report in the answer and chooses the reader."""
    name = os.path.basename(str(filename or "").replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip()[-200:]
    return name or "upload"


async def take(request, limit: int = LIMIT) -> Upload:
    """The file of field ``file`` and the other fields of the request's multipart form."""
    from starlette.datastructures import UploadFile
    from starlette.exceptions import HTTPException
    from starlette.requests import Request

    body, size = await _body(request, limit + FORM_SLACK)
    if body is None:
        return Upload(status=413, size=size)

    async def replay():
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        async with Request(request.scope, replay).form(max_files=1, max_fields=8) as form:
            upload = form.get("file")
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            if not isinstance(upload, UploadFile):
                return Upload(status=400, fields=fields, problem="no_file")
            data = await upload.read()
            name = safe_name(upload.filename)
    except HTTPException as err:  # a malformed multipart body
        return Upload(status=400, problem=str(err.detail))
    if len(data) > limit:
        return Upload(status=413, size=len(data), fields=fields)
    return Upload(name=name, data=data, fields=fields, size=len(data))
