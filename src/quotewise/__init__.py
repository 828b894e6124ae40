"""quotewise: who said what in news articles."""

from .api import extract, extract_many
from .errors import BadInput, ConfigError, QuotewiseError
from .options import ExtractOptions
from .records import ArticleResult, Person, Quote, Span

__all__ = [
    "ArticleResult",
    "BadInput",
    "ConfigError",
    "ExtractOptions",
    "Person",
    "Quote",
    "QuotewiseError",
    "Span",
    "extract",
    "extract_many",
]
__version__ = "0.1.0"
