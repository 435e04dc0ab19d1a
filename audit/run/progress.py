"""A one-line progress display on stderr for batch runs: files done / total, findings so far,
the file being checked. Dependency-free: the line is redrawn after a carriage return.

Shown only when stderr is a terminal (``check`` decides; ``--progress``/``--no-progress``
override), so logs and pipes never get ``\\r`` garbage. Chinese file names take two columns
each; the line is cut to the terminal's width by display width, or it would wrap and every
redraw would leave a line behind.
"""
from __future__ import annotations

import time
import unicodedata

from .paths import display

WORDS = {"zh": "{done}/{total} 个文件 · 错误 {error} 警告 {warning} 提示 {info} · ",
         "en": "{done}/{total} files · {error} errors {warning} warnings {info} info · "}


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def fit(s: str, cols: int) -> str:
    """``s`` cut from the left (the end of a path says most) to ``cols`` display columns."""
    if width(s) <= cols:
        return s
    out = ""
    for c in reversed(s):
        if width(out) + width(c) + 3 > cols:
            break
        out = c + out
    return "..." + out if cols > 3 else ""


class Progress:
    def __init__(self, stream, lang: str = "zh", interval: float = 0.1):
        self.stream, self.lang, self.interval = stream, lang, interval
        self.total = 0
        self.done_n = 0
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.running: list[str] = []  # files being checked, most recently started last
        self.shown = 0  # display width of what is on the line now
        self.last = 0.0

    def begin(self, total: int) -> None:
        self.total = total

    def start(self, path: str) -> None:
        self.running.append(display(path))  # as the report will name it
        self._draw()

    def done(self, report: dict) -> None:
        self.done_n += 1
        for f in report.get("findings") or []:
            if f.get("severity") in self.counts:
                self.counts[f["severity"]] += 1
        if report.get("path") in self.running:
            self.running.remove(report["path"])
        self._draw(force=self.done_n == self.total)

    def line(self, cols: int) -> str:
        head = WORDS[self.lang].format(done=self.done_n, total=self.total, **self.counts)
        if width(head) >= cols:
            while head and width(head) > cols:  # a very narrow terminal: the counts, cut
                head = head[:-1]
            return head
        current = self.running[-1] if self.running else ""
        return head + fit(current, cols - width(head))  # the counts stay, the path is cut

    def _draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < self.interval:
            return  # hundreds of small files: redrawing each would slow the terminal down
        self.last = now
        import shutil  # here: it imports bz2/lzma, a cost for runs without a progress line

        cols = shutil.get_terminal_size((80, 24)).columns - 1  # the last column would wrap
        text = self.line(cols)
        pad = max(self.shown - width(text), 0)
        self.stream.write("\r" + text + " " * pad)
        self.stream.flush()
        self.shown = width(text)

    def close(self) -> None:
        """Clear the line, so what follows on stderr starts clean."""
        if self.shown:
            self.stream.write("\r" + " " * self.shown + "\r")
            self.stream.flush()
            self.shown = 0
