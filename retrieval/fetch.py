"""Download a user-supplied article link without letting it reach into our own network.

Anyone who can talk to the bot can make it fetch a URL, so the fetch is a server-side
request forgery risk. The defences, in order:

* only ``http``/``https``, no ``user:pass@`` credentials, no absurdly long URLs;
* every address a host name resolves to must be public (not loopback, private, CGNAT,
  link-local, multicast, unspecified or reserved) unless ``settings.allow_private_urls``;
* the check lives in a custom aiohttp resolver, so the connection is made to exactly the
  addresses that were checked (no second DNS lookup that a rebinding attacker could answer
  differently); IP-literal hosts never reach a resolver in aiohttp, so they are checked up front;
* redirects are followed by hand and every hop is checked again;
* a total deadline, a byte cap (Content-Length and streamed) and a content-type allow-list.

Every failure is a :class:`FetchError` whose message is a short sentence for the user.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import weakref
from dataclasses import dataclass
from http import HTTPStatus

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from config.settings import Settings
from retrieval.errors import ArticleBotError

logger = logging.getLogger(__name__)

USER_AGENT = "article-bot/0.1 (+https://github.com/article-bot)"
MAX_URL_LENGTH = 2048
ALLOWED_SCHEMES = frozenset({"http", "https"})
ALLOWED_CONTENT_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"}
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_CHUNK_SIZE = 64 * 1024
_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1"
# NAT64 well-known prefix: the low 32 bits are an IPv4 address the gateway will connect to.
_NAT64_PREFIX = ipaddress.IPv6Network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MSG_BAD_URL = "That doesn't look like a valid link."
MSG_SCHEME = "Only http and https links can be added."
MSG_CREDENTIALS = "Links with a user name or password in them can't be added."
MSG_TOO_LONG = "That link is too long."
MSG_PRIVATE = "That link points to a private or local network address, so I won't fetch it."
MSG_REDIRECTS = "The link redirects too many times."
MSG_BROKEN_REDIRECT = "The site sent a redirect without saying where to."
MSG_TIMEOUT = "The site took too long to answer."
MSG_UNREACHABLE = "Could not reach that site."
MSG_CERTIFICATE = "Could not reach that site securely (its certificate is not valid)."


class FetchError(ArticleBotError):
    """A download failed; ``str(error)`` is a polite sentence that is safe to show the user."""


@dataclass(frozen=True)
class FetchedPage:
    """The body of the final response after redirects, with what we need to decode it."""

    url: str
    content: bytes
    content_type: str
    charset: str | None


class BlockedAddressError(OSError):
    """Raised by the resolver; an ``OSError`` so aiohttp wraps it instead of crashing."""


def address_is_allowed(ip: IPAddress) -> bool:
    """True only for globally routable unicast addresses (also looks inside IPv4-in-IPv6)."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return address_is_allowed(ip.ipv4_mapped)
        embedded = ip.sixtofour
        if embedded is None and ip in _NAT64_PREFIX:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None and not address_is_allowed(embedded):
            return False
        if ip.is_site_local:
            return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _check_address(ip: IPAddress, allow_private: bool) -> None:
    """Raise :class:`BlockedAddressError` unless the address may be connected to."""
    # Looked up through the module so tests can swap in a different policy.
    if not allow_private and not address_is_allowed(ip):
        raise BlockedAddressError(f"refusing non-public address {ip}")


class VettingResolver(AbstractResolver):
    """Resolve with the event loop's getaddrinfo and refuse the host if ANY address is private.

    Returning only the vetted addresses means aiohttp connects to what we checked.
    """

    def __init__(self, *, allow_private: bool = False) -> None:
        self.allow_private = allow_private

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Look the host up once and vet every answer before handing any of them back."""
        loop = asyncio.get_running_loop()
        infos = await loop.getaddrinfo(host, port, family=family, type=socket.SOCK_STREAM)
        results: list[ResolveResult] = []
        for info_family, _type, proto, _canon, sockaddr in infos:
            if info_family not in (socket.AF_INET, socket.AF_INET6):
                continue
            address = str(sockaddr[0])
            _check_address(ipaddress.ip_address(address), self.allow_private)
            results.append(
                ResolveResult(
                    hostname=host,
                    host=address,
                    port=int(sockaddr[1]),
                    family=info_family,
                    proto=proto,
                    flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
                )
            )
        if not results:
            raise OSError(f"no usable address for {host}")
        return results

    async def close(self) -> None:
        """Nothing to release: getaddrinfo runs in the loop's default executor."""


# Sessions built by make_session(), mapped to their resolver's allow_private flag.
_GUARDED_SESSIONS: weakref.WeakKeyDictionary[aiohttp.ClientSession, bool] = (
    weakref.WeakKeyDictionary()
)


def _client_timeout(settings: Settings) -> aiohttp.ClientTimeout:
    seconds = settings.url_timeout_seconds
    return aiohttp.ClientTimeout(total=seconds, sock_connect=seconds, sock_read=seconds)


def make_session(settings: Settings) -> aiohttp.ClientSession:
    """A session whose connections only go to vetted addresses; reuse it across fetches.

    Must be called with a running event loop. ``trust_env=False`` so an environment proxy
    cannot bypass the address checks.
    """
    resolver = VettingResolver(allow_private=settings.allow_private_urls)
    connector = aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False)
    session = aiohttp.ClientSession(
        connector=connector,
        timeout=_client_timeout(settings),
        headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
        trust_env=False,
    )
    _GUARDED_SESSIONS[session] = settings.allow_private_urls
    return session


async def fetch_url(
    url: str, settings: Settings, *, session: aiohttp.ClientSession | None = None
) -> FetchedPage:
    """Download ``url`` under the rules in the module docstring.

    Pass a session from :func:`make_session` to reuse connections. Any other session still
    gets every check, but its own DNS lookup happens after ours (and it may use a proxy from
    the environment), so it is not protected against DNS rebinding.
    """
    if len(url) > MAX_URL_LENGTH:
        raise FetchError(MSG_TOO_LONG)
    own_session = session is None
    active = make_session(settings) if session is None else session
    # A session we did not build (or one more permissive than these settings) gets a
    # pre-flight DNS check on every hop, since its resolver does not vet addresses.
    vetted_by_resolver = own_session or _GUARDED_SESSIONS.get(active) is False
    preflight_dns = not settings.allow_private_urls and not vetted_by_resolver
    try:
        async with asyncio.timeout(settings.url_timeout_seconds):
            return await _fetch_following_redirects(url, settings, active, preflight_dns)
    except TimeoutError:
        raise FetchError(MSG_TIMEOUT) from None
    except aiohttp.ClientConnectorCertificateError:
        raise FetchError(MSG_CERTIFICATE) from None
    except aiohttp.ClientConnectorDNSError as error:
        if isinstance(error.os_error, BlockedAddressError):
            raise FetchError(MSG_PRIVATE) from None
        raise FetchError(MSG_UNREACHABLE) from None
    except aiohttp.InvalidURL:
        raise FetchError(MSG_BAD_URL) from None
    except (aiohttp.ClientError, OSError):
        raise FetchError(MSG_UNREACHABLE) from None
    finally:
        if own_session:
            await active.close()


async def _fetch_following_redirects(
    url: str, settings: Settings, session: aiohttp.ClientSession, preflight_dns: bool
) -> FetchedPage:
    """Follow redirects by hand so every hop goes through :func:`_check_url` again."""
    current = _parse_url(url)
    visited: set[str] = set()
    redirects = 0
    while True:
        await _check_url(current, settings, preflight_dns)
        visited.add(str(current))
        async with session.get(
            current,
            allow_redirects=False,
            timeout=_client_timeout(settings),
            headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
        ) as response:
            status = response.status
            logger.debug("fetch %s -> %s", current.host, status)
            if status in REDIRECT_STATUSES:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(MSG_BROKEN_REDIRECT)
                redirects += 1
                target = _resolve_location(response.url, location)
                if redirects > settings.url_max_redirects or str(target) in visited:
                    raise FetchError(MSG_REDIRECTS)
                current = target
                continue
            if status >= 300:
                raise FetchError(_status_message(status))
            return await _read_page(response, settings)


def _parse_url(raw: str) -> URL:
    """Parse and drop the fragment (never sent to servers anyway)."""
    try:
        return URL(raw.strip()).with_fragment(None)
    except (ValueError, TypeError):
        raise FetchError(MSG_BAD_URL) from None


def _resolve_location(base: URL, location: str) -> URL:
    """Absolute URL for a (possibly relative) Location header."""
    try:
        return base.join(URL(location)).with_fragment(None)
    except (ValueError, TypeError):
        raise FetchError(MSG_BROKEN_REDIRECT) from None


async def _check_url(url: URL, settings: Settings, preflight_dns: bool) -> None:
    """Everything that can be decided before connecting: scheme, credentials, host."""
    if len(str(url)) > MAX_URL_LENGTH:
        raise FetchError(MSG_TOO_LONG)
    if url.scheme not in ALLOWED_SCHEMES:
        raise FetchError(MSG_SCHEME)
    if url.user is not None or url.password is not None:
        raise FetchError(MSG_CREDENTIALS)
    host = url.raw_host
    if not host or not url.host:
        raise FetchError(MSG_BAD_URL)
    literal = _ip_literal(url.host)
    try:
        if literal is not None:
            # aiohttp connects to IP literals without asking the resolver: check here.
            _check_address(literal, settings.allow_private_urls)
        elif preflight_dns:
            await VettingResolver(allow_private=False).resolve(
                host, url.port or 0, socket.AF_UNSPEC
            )
    except BlockedAddressError:
        raise FetchError(MSG_PRIVATE) from None
    except OSError:
        raise FetchError(MSG_UNREACHABLE) from None


def _ip_literal(host: str) -> IPAddress | None:
    """The address if ``host`` is an IP literal; refuse odd numeric forms like ``127.1``."""
    candidate = host.strip("[]")
    try:
        return ipaddress.ip_address(candidate)
    except ValueError:
        pass
    # aiohttp treats any all-digits-and-dots host (or anything with a colon) as an address
    # and skips the resolver; legacy forms such as 2130706433 must not slip through.
    if ":" in candidate or candidate.replace(".", "").isdigit():
        raise FetchError(MSG_BAD_URL)
    return None


def _status_message(status: int) -> str:
    """'The site answered 404 Not Found.' using the standard phrase, not the server's text."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        return f"The site answered with status {status}."
    return f"The site answered {status} {phrase}."


def _size_message(limit: int) -> str:
    return f"That page is larger than the {limit / 1_000_000:g} MB limit."


async def _read_page(response: aiohttp.ClientResponse, settings: Settings) -> FetchedPage:
    """Check the type and size, then stream the body up to the byte cap."""
    declared_type = "Content-Type" in response.headers
    content_type = response.content_type.lower() if declared_type else ""
    if declared_type and content_type not in ALLOWED_CONTENT_TYPES:
        raise FetchError(
            f"That link is not a web page or text file (it is {_printable(content_type)})."
        )
    limit = settings.url_max_bytes
    if response.content_length is not None and response.content_length > limit:
        raise FetchError(_size_message(limit))
    body = bytearray()
    async for chunk in response.content.iter_chunked(_CHUNK_SIZE):
        body.extend(chunk)
        if len(body) > limit:
            raise FetchError(_size_message(limit))
    if not declared_type:
        # No Content-Type at all: accept only what is unmistakably HTML.
        if not _looks_like_html(bytes(body[:1024])):
            raise FetchError("That link is not a web page or text file.")
        content_type = "text/html"
    return FetchedPage(
        url=str(response.url),
        content=bytes(body),
        content_type=content_type,
        charset=response.charset,
    )


def _looks_like_html(head: bytes) -> bool:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _printable(content_type: str) -> str:
    """A server-controlled MIME type, trimmed so it cannot make the message odd or long."""
    cleaned = "".join(ch for ch in content_type if ch.isalnum() or ch in "/.+-_")
    return cleaned[:60] or "an unknown type"
