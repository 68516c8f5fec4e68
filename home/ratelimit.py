"""Attempts counted in the shared cache, for the throttled forms (admin sign-in, checkout,
donor-space links), and marks such as the addresses an account signed in from. Keys are hashed:
the cache never holds addresses or emails in clear.

The cache must increment atomically and be shared by every worker (Redis when configured).
"""

import hashlib
from collections.abc import Iterable

from django.core.cache import cache


def cache_key(name: str) -> str:
    return "ratelimit:" + hashlib.sha256(name.encode()).hexdigest()


def attempts(name: str) -> int:
    return cache.get(cache_key(name), 0)


def count(name: str, window: int) -> int:
    """Adds one attempt under `name`, kept `window` seconds from the first; returns the total."""
    key = cache_key(name)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def over_limit(limits: Iterable[tuple[str, int]], window: int) -> bool:
    """Counts one attempt under each name; True when any count passes its limit."""
    counts = [(count(name, window), limit) for name, limit in limits]
    return any(total > limit for total, limit in counts)


def reset(name: str) -> None:
    cache.delete(cache_key(name))


def remember(name: str, seconds: int) -> None:
    """Marks `name` for `seconds` (an address an account signed in from)."""
    cache.set(cache_key(name), 1, seconds)


def remembered(name: str) -> bool:
    return bool(cache.get(cache_key(name)))
