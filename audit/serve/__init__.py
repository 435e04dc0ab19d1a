"""`xxgk-audit serve`: a local page (and HTTP API) to check one report."""
