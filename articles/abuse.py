"""
Who is posting or reading, and how often: the defences that run before a comment
form is read or a read is counted.
"""

import ipaddress
import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

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


# User-Agents of crawlers, link previewers, monitors and scripts; an empty one too.
BOT_USER_AGENT = re.compile(
    r"^$|bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"monitor|pingdom|lighthouse|curl|wget|python|java/|go-http|okhttp|httpclient|"
    r"node-fetch|axios|scrapy|phantomjs",
    re.IGNORECASE,
)


def is_bot(request):
    """Whether the request says it comes from a program rather than a reader."""
    return bool(BOT_USER_AGENT.search(request.headers.get("User-Agent", "").strip()))


def hashed_address(address):
    """A keyed hash that tells addresses apart without keeping them."""
    return salted_hmac("newsroom.abuse", str(address), algorithm="sha256").hexdigest()


def over_rate_limit(address, action, limit, period):
    """
    Count one `action` ("comment-posts", "reads") from `address`; True once past
    `limit` in `period` seconds. The cache keeps a keyed hash of the address, for
    the period only: never the address itself.
    """
    key = f"{action}:{hashed_address(address)[:32]}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:
        # The entry expired between add() and incr(), or the cache is down: then
        # nothing is counted and the request goes through (the cache logs that).
        cache.set(key, 1, timeout=period)
        count = 1
    return count > limit
