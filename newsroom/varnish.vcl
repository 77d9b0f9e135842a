# Varnish 7.1 in front of the site (`make serve` on 127.0.0.1:8000), with vmod
# xkey from Debian's varnish-modules. Varnish keeps what the site marks public
# for as long as its s-maxage says, and forgets a page as soon as the site sends
# `PURGE` with an `xkey-purge` header naming a key the page carries in its
# Surrogate-Key header (articles.pagecache.purge, CDN_PURGER=varnish).
vcl 4.1;

import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Only the site itself, on this machine, may purge.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        # A hard purge: a story page showing a withdrawn comment must not be
        # served again, not even while a fresh copy is being fetched.
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    # Staff (a session) and readers with a message pending get pages built for
    # them; the site marks those private, but they need not wait in line for a
    # cached copy either.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # `/comments/` also matches a story's comment form, which takes posts.
    if (req.url ~ "^/(admin|preview)/" || req.url ~ "/comments/") {
        return (pass);
    }
    # Reader pages read no cookie, and the builtin VCL passes any request that
    # has one: analytics cookies would keep every such reader out of the cache.
    unset req.http.Cookie;
}

sub vcl_backend_response {
    # Only what the site marks cacheable is kept, for its s-maxage (which
    # Varnish prefers to max-age) and stale-while-revalidate (grace); a response
    # without Cache-Control would otherwise be kept for default_ttl.
    if (!beresp.http.Cache-Control) {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
}

sub vcl_deliver {
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
