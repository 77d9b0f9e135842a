"""
Tell the CDN in front of the site to forget the pages that carry any of some keys
(the Surrogate-Key and Cache-Tag headers of reader pages), by the means CDN_PURGER
names: "none", "varnish" (newsroom/varnish.vcl) or "http" (Cloudflare's
purge-by-tag API, or one shaped like it).
"""

import http.client
import json
import logging
import urllib.request
from itertools import batched

from django.conf import settings

logger = logging.getLogger("newsroom.cache")

# Cloudflare documented 30 tags a call, and now 100; 30 suits both, and APIs
# modelled on either. Varnish reads a request's keys from one header, which must
# stay under its 8 KB limit (http_req_hdr_len).
HTTP_TAGS_PER_REQUEST = 30
VARNISH_KEYS_PER_REQUEST = 200


def send(keys):
    """
    Purge every page carrying any of `keys` (a set of str) from the CDN. Never
    raises for a CDN that is down or refuses: a failed purge is logged, and the
    pages it missed are served until their s-maxage runs out.
    """
    if settings.CDN_PURGER == "none" or not keys:
        return
    build, keys_per_request = _PURGERS[settings.CDN_PURGER]
    batches = list(batched(sorted(keys), keys_per_request))
    for index, batch in enumerate(batches):
        try:
            with urllib.request.urlopen(
                build(batch), timeout=settings.CDN_PURGE_TIMEOUT
            ):
                pass
        except (OSError, http.client.HTTPException) as error:
            # The next batches would most likely wait out the same timeout.
            logger.warning(
                "CDN purge failed at %s (%s): %d of %d keys not purged",
                settings.CDN_PURGE_URL,
                error,
                sum(map(len, batches[index:])),
                len(keys),
            )
            return


def _varnish_request(keys):
    return urllib.request.Request(
        settings.CDN_PURGE_URL, method="PURGE", headers={"xkey-purge": " ".join(keys)}
    )


def _http_request(keys):
    headers = {"Content-Type": "application/json"}
    if settings.CDN_PURGE_TOKEN:
        headers["Authorization"] = f"Bearer {settings.CDN_PURGE_TOKEN}"
    return urllib.request.Request(
        settings.CDN_PURGE_URL,
        method="POST",
        data=json.dumps({"tags": list(keys)}).encode(),
        headers=headers,
    )


_PURGERS = {
    "varnish": (_varnish_request, VARNISH_KEYS_PER_REQUEST),
    "http": (_http_request, HTTP_TAGS_PER_REQUEST),
}
