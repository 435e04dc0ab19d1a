import sys
from pathlib import Path

# Test helpers (reportgen, corpus) are plain modules beside the tests; the PDF fixture makers
# (rl_report, rl_fixtures, raw_pdf) live with the fixtures they make.
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE / "fixtures" / "pdf")]
