"""What two renderings of one report (HTML, PDF, .docx, text) must share in a finding: rule,
severity, section and cell key, and the evidence, but not where the format prints it (line,
page, paragraph, Word table, the cell's position and pointer or box, each term's ``at``)."""

PLACE = ("page", "line", "paragraph", "word_table", "word_row", "snippet", "cell")


def comparable(finding: dict) -> str:
    loc = {k: v for k, v in (finding.get("location") or {}).items() if k not in PLACE}
    ev = dict(finding.get("evidence") or {})
    if "terms" in ev:  # a grouped finding's terms say where each cell is printed
        ev["terms"] = [{k: v for k, v in t.items() if k != "at"} if isinstance(t, dict) else t
                       for t in ev["terms"]]
    return repr((finding["rule"], finding["severity"], sorted(loc.items()), ev))
