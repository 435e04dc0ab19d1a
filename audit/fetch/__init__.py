"""``xxgk-audit fetch``: collect a portal's annual reports into a folder and its manifest.

``client`` speaks HTTP (politely: robots.txt, one request at a time per host, a delay, a size
limit, no off-site redirects, conditional requests), ``pages`` reads list and report pages,
``save`` keeps files and state and writes ``manifest.csv``, ``crawl`` joins them. The stage sits
above ``run``: it writes the manifest ``run.manifest`` reads, and uses the readers' page
analysis and the model's title facts. httpx and lxml are imported only when fetching.
"""
