"""`xxgk-audit serve`: a page in the browser, and an HTTP API, to check one report at a time.

``server`` binds 127.0.0.1 and runs uvicorn; ``app`` is the Starlette application (the page,
``/check``, ``/api/check``; loopback clients only unless ``--host``); ``upload`` takes the file
off a request within the size limit; ``page`` lays out the result with the HTML report's own
pieces (``formatters.html``). The check itself is the batch's: ``run.runner.check_one``.
Starlette and uvicorn are the optional extra ``serve`` and are imported inside functions.
"""
