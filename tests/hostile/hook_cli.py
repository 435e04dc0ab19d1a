"""The command line with test hooks, for the tests that need a file that hangs or a write that
stalls (nothing real hangs any more). Run as ``python hook_cli.py check …``.

``XXGK_TEST_HANG``: files whose name contains it spin at 100% CPU for ever in the worker (a
parse that never ends, as a pathological file once did). ``XXGK_TEST_STALL_WRITE``: the atomic
output write stalls after the temporary file is written, before the rename (a kill lands in
the middle of the write)."""
import os
import sys
import time

import audit.model.build
from audit.cli import main

HANG = os.environ.get("XXGK_TEST_HANG")
if HANG:
    real = audit.model.build.extract_path

    def extract(path, options=None, data=None):
        if HANG in path:
            while True:
                pass
        return real(path, options, data)

    audit.model.build.extract_path = extract

if os.environ.get("XXGK_TEST_STALL_WRITE"):
    real_fsync = os.fsync

    def fsync(fd):
        real_fsync(fd)
        sys.stderr.write("stalling\n")
        sys.stderr.flush()
        time.sleep(600)

    os.fsync = fsync  # this process only: it is the test's own child

if __name__ == "__main__":
    main()
