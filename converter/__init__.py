"""xbrl-convert: legacy text and HTML financial statements to validated XBRL."""

__version__ = "0.1.0"
