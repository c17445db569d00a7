"""Where links live: the LinkStore port and its adapters, in memory and in SQLite."""

from url_shortener.stores.memory import InMemoryLinkStore
from url_shortener.stores.port import LinkStore
from url_shortener.stores.sqlite import SqliteLinkStore

__all__ = ["InMemoryLinkStore", "LinkStore", "SqliteLinkStore"]
