"""The Redis cache backend (core/cache.py) keeps one redis-py client per server."""

import os

from conftest import require_service
from core.cache import KeptClientRedisCache


def test_each_call_gets_the_same_client_of_its_server():
    """Building no connection: clients and pools are made lazily."""
    cache = KeptClientRedisCache("redis://127.0.0.1:6390/3,redis://127.0.0.1:6391/3", {})
    writer = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is writer
    assert writer.connection_pool.connection_kwargs["port"] == 6390
    reader = cache._cache.get_client()  # reads go to the replica
    assert cache._cache.get_client() is reader
    assert reader.connection_pool.connection_kwargs["port"] == 6391


def test_it_reads_and_writes_redis():
    require_service(bool(os.environ.get("CACHE_URL")), "set CACHE_URL to a Redis database")
    cache = KeptClientRedisCache(os.environ["CACHE_URL"], {"KEY_PREFIX": "test-core-cache"})
    cache.set_many({"a": 1, "b": [2]})
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": [2]}
    assert cache.add("a", 3) is False
    cache.delete_many(["a", "b"])
    assert cache.get("a") is None
