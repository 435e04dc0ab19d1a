"""Make docs/serve.png, the README's picture of `xxgk-audit serve`: the page after picking the
defect example PDF, with the first finding's explanation open, then the top of table 3 with its
marked cells. Run from the repository root: `.venv/bin/python docs/make_serve_png.py`.
Uses the tests' helpers (a real server, headless chromium over DevTools) and Pillow (installed
with pdfplumber) to stack the two parts and reduce the palette, so the PNG stays small."""
import base64
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

import browser  # noqa: E402
from PIL import Image  # noqa: E402
from serving import server  # noqa: E402

PDF = ROOT / "tests" / "fixtures" / "pdf" / "chromium-2023-county-defect.pdf"


def shot(tab, top: float, bottom: float) -> Image.Image:
    clip = {"x": 0, "y": top, "width": 1180, "height": bottom - top, "scale": 1}
    data = tab.call("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)
    return Image.open(io.BytesIO(base64.b64decode(data["data"]))).convert("RGB")


def main() -> None:
    with tempfile.TemporaryDirectory() as cwd, server(cwd) as url, \
            browser.DevTools((1180, 1400)) as tab:
        tab.goto(url, "document.getElementById('upload-form').getAttribute('data-ready')")
        tab.set_files("#file", [PDF])
        tab.wait("document.getElementById('result').getAttribute('data-n') === '1'")
        tab.eval("document.querySelector('details.explain').open = true")
        y = lambda sel, edge: tab.eval(  # noqa: E731
            f"document.querySelector({sel!r}).getBoundingClientRect().{edge} + scrollY")
        parts = [shot(tab, 0, y("table.findings", "bottom") + 6),
                 shot(tab, y("table.t3", "top") - 40, y("tr[data-row='granted']", "bottom") + 4)]
    width = max(p.width for p in parts)
    out = Image.new("RGB", (width, sum(p.height for p in parts)), "white")
    top = 0
    for p in parts:
        out.paste(p, (0, top))
        top += p.height
    out = out.resize((width * 3 // 4, out.height * 3 // 4), Image.LANCZOS)
    out.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        ROOT / "docs" / "serve.png", optimize=True)


if __name__ == "__main__":
    main()
