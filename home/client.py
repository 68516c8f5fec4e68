"""The visitor's address, for every per-address decision: rate limits, the admin sign-in lock,
and the address recorded as evidence of a bulletin's electronic signature.

Behind a reverse proxy REMOTE_ADDR is the proxy's own address, the same for every visitor. Each
proxy appends the address it received the request from to X-Forwarded-For, whose left part is
whatever the client wrote. So the header is read only when TRUSTED_PROXY_COUNT says how many
proxies stand in front of the site, and then from the right: with N proxies, the client is the
Nth address from the right, the one the outermost proxy saw. A forged header only adds entries
to the left, where they are never read. Nothing else in the project reads REMOTE_ADDR or
X-Forwarded-For (tests/home/test_client_address.py checks it).
"""

import functools
import ipaddress

from django.conf import settings

from ipware import get_client_ip


@functools.cache
def trusted_networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def peer_is_trusted(peer: str) -> bool:
    """Whether the connection comes from one of TRUSTED_PROXY_IPS; any peer when none is set
    (the site then listens on a socket only the proxy can reach)."""
    if not settings.TRUSTED_PROXY_IPS:
        return True
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    return any(
        address in network for network in trusted_networks(tuple(settings.TRUSTED_PROXY_IPS))
    )


def client_address(request) -> str:
    """The client's address as the outermost trusted proxy saw it; REMOTE_ADDR without proxies,
    when the request did not come through a trusted one, or when the header is too short to
    hold the proxies' own entries (a request that bypassed the outer proxy)."""
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies == 0 or not peer_is_trusted(peer):
        return peer
    # Only X-Forwarded-For: ipware's default list would also believe X-Real-IP, Client-IP and
    # other headers our proxy does not set, so a client could send them. The last proxy is the
    # peer itself and writes no entry of its own, hence `proxies - 1` entries after the client.
    # Not strict: a client's extra or malformed entries on the left must not void the chain.
    address, _routable = get_client_ip(
        request,
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
        algorithm="modern",
    )
    return address or peer
