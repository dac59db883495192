"""cardscan: a local business-card scanner (photo → contact)."""

__version__ = "0.1.0"
