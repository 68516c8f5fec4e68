# Varnish 7.1 (Debian 12's `varnish` package) in front of gunicorn: the README's "Front cache".
#
# The site decides, Varnish obeys. Django marks the pages any anonymous visitor may be served
# (home/frontcache.py, the same rules as its own page cache, home/cache.py) with
# `Surrogate-Control: max-age=N`; nothing else is stored. Publishing purges what changed (PURGE
# for one address, BAN for an address with any query string or for the whole host), from the
# addresses of the `purgers` ACL only. The PURGE/BAN handling follows Varnish's book
# (https://docs.varnish-software.com/book/invalidation/purging) and Wagtail's HTTPBackend
# (wagtail.contrib.frontend_cache: a PURGE request with the page's Host header).
#
# The deployment's own addresses live in backend.vcl beside this file (deploy/varnish/
# backend.vcl.example): `backend default` (gunicorn) and `acl purgers` (localhost and the app
# servers). Tests write their own (tests/frontcache/conftest.py).
vcl 4.1;

import std;

include "backend.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Bans on what objects carry (X-Host, X-Path, set below) rather than on req.url: the ban
        # lurker can then drop them in the background instead of at each lookup.
        if (req.url == "/*") {
            ban("obj.http.X-Host == " + req.http.host);
        } else {
            # One path with any query string: a list's pages and filters, search results.
            ban("obj.http.X-Host == " + req.http.host + " && obj.http.X-Path == " + req.url);
        }
        return (synth(200, "Banned"));
    }

    # Headers this file sets for itself are never taken from a client.
    unset req.http.X-Cache;
    unset req.http.X-Kept-Cookie;

    if (req.method != "GET" && req.method != "HEAD") {
        # Forms' POSTs, the webhook: always to the site.
        return (pass);
    }
    # The admin, the webhook, the developer's pages, the search counter, documents (their
    # collections may be restricted), the health check, and the personal spaces and share
    # bulletins (both languages, and their former addresses): personal or private, never stored.
    if (req.url ~ "^/(admin|django-admin|stripe|__dev__|documents)(/|$)"
        || req.url ~ "^/search/count/"
        || req.url ~ "^/healthz"
        || req.url ~ "^/(fr|en)/(mon-espace|my-space|donateur|donor|investisseur|investor|souscription|subscription)(/|$)") {
        return (pass);
    }
    # Someone signed in (session), a message waiting for them (flash messages), or credentials:
    # the page is theirs. The names are Django's SESSION_COOKIE_NAME and the messages cookie.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Anonymous GET and HEAD: cookies are not part of the stored page. The CSRF and language
    # cookies are kept aside and given back to the site on a miss (vcl_backend_fetch): a form
    # page (never stored, it carries the token) then keeps the visitor's token instead of
    # issuing a new one that would break the form of another open tab. Any other cookie goes.
    if (req.http.Cookie) {
        set req.http.X-Kept-Cookie = ";" + regsuball(req.http.Cookie, ";\s*", ";");
        set req.http.X-Kept-Cookie = regsuball(
            req.http.X-Kept-Cookie, ";(?!(csrftoken|django_language)=)[^;]*", "");
        set req.http.X-Kept-Cookie = regsuball(req.http.X-Kept-Cookie, "^;|;$", "");
        set req.http.X-Kept-Cookie = regsuball(req.http.X-Kept-Cookie, ";", "; ");
        if (req.http.X-Kept-Cookie == "") {
            unset req.http.X-Kept-Cookie;
        }
        unset req.http.Cookie;
    }
    return (hash);
}

sub vcl_hit {
    set req.http.X-Cache = "HIT";
    if (obj.ttl <= 0s && obj.grace > 0s) {
        set req.http.X-Cache = "HIT-GRACE";
    }
}

sub vcl_miss {
    set req.http.X-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_backend_fetch {
    if (bereq.http.X-Kept-Cookie) {
        set bereq.http.Cookie = bereq.http.X-Kept-Cookie;
        unset bereq.http.X-Kept-Cookie;
    }
    unset bereq.http.X-Cache;
}

sub vcl_backend_response {
    # What a ban matches on (vcl_recv): the host and the path without its query string.
    set beresp.http.X-Host = bereq.http.host;
    set beresp.http.X-Path = regsub(bereq.url, "\?.*$", "");
    # Django's own page cache says `X-Cache: hit|miss`; it is kept under another name.
    if (beresp.http.X-Cache) {
        set beresp.http.X-Page-Cache = beresp.http.X-Cache;
        unset beresp.http.X-Cache;
    }

    if (bereq.uncacheable) {
        return (deliver);
    }
    # Never a response that sets a cookie or that the site marked personal, whatever else it says.
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(^|,)\s*(private|no-store)"
        || beresp.http.Vary == "*") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        # The site's word (home/frontcache.py): kept this long unless purged first.
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1") + "s", 0s);
        # Django says `Vary: Cookie` once a template looked at the session. A page it marked for
        # this cache is the same for every visitor who gets here (those with a session pass), and
        # Varnish would key it on the cookies it gave back to the site (vcl_backend_fetch).
        if (beresp.http.Vary) {
            set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", "");
            set beresp.http.Vary = regsub(beresp.http.Vary, "^,\s*", "");
            if (beresp.http.Vary == "") {
                unset beresp.http.Vary;
            }
        }
    } elsif (bereq.url ~ "^/static/" && beresp.http.Cache-Control ~ "max-age=") {
        # WhiteNoise's hashed files: the builtin reading of Cache-Control (max-age, immutable).
        return (deliver);
    } else {
        # Nothing the site marked for the front cache is stored: no guessing from defaults.
        # Hit-for-miss for two minutes: the next requests go straight to the site.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # A few seconds of grace: an expired page is served while its new copy is fetched, so a
    # popular page's expiry does not send every waiting visitor to the site at once. A purge or
    # ban removes the page, grace included.
    set beresp.grace = 10s;
    return (deliver);
}

sub vcl_deliver {
    set resp.http.X-Cache = req.http.X-Cache;
    # Meant for this cache only: a browser or a proxy further on must not keep the page a day.
    unset resp.http.Surrogate-Control;
    unset resp.http.X-Host;
    unset resp.http.X-Path;
}

sub vcl_synth {
    set resp.http.X-Cache = "SYNTH";
}
