"""xbrl-convert: legacy text and HTML financial statements to validated XBRL."""

__version__ = "0.1.0"

from .api import ConvertedFact, Result, convert  # noqa: E402  (the library interface)
from .diagnostics import ConversionError  # noqa: E402

__all__ = ["ConversionError", "ConvertedFact", "Result", "convert", "__version__"]
