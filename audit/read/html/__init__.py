"""The HTML reader: portal pages and Word-pasted HTML → ``Document``.

``reader`` walks the page, ``body`` finds the article among the portal's chrome, ``grid``
resolves table spans. Only ``read`` and the settings are the reader's public face."""
from .reader import HtmlSettings, read, sniff_charset

__all__ = ["HtmlSettings", "read", "sniff_charset"]
