"""Who is posting, and how often: the defences that run before a comment form."""

import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache

security_log = logging.getLogger("newsroom.security")


def client_address(request):
    """
    The reader's IP address. X-Forwarded-For is read only when TRUSTED_PROXY_COUNT
    proxies are known to stand in front of the site, and then only the entry the
    outermost trusted proxy wrote: anything to its left the reader could have sent.
    """
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [
            hop.strip()
            for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if hop.strip()
        ]
        if len(hops) >= proxies:
            address = hops[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def over_rate_limit(address):
    """Count one comment post from `address`; True once past the limit."""
    key = f"comment-posts:{address}"
    period = settings.COMMENT_RATE_PERIOD
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(), or the cache is down: then
        # nothing is counted and the comment goes through (the cache logs that).
        cache.set(key, 1, timeout=period)
        count = 1
    return count > settings.COMMENT_RATE_LIMIT
