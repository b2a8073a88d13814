"""fetch_url against a real aiohttp server on 127.0.0.1; nothing ever leaves 127.0.0.0/8.

Private-address refusals are checked at the resolver / pre-connect level, with a guard that
fails the test if any socket connect is attempted, so no packet is sent anywhere else.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import strategies as st

from config.settings import Settings
from retrieval import fetch
from retrieval.fetch import (
    USER_AGENT,
    FetchedPage,
    FetchError,
    address_is_allowed,
    fetch_url,
    make_session,
)
from retrieval.html_extract import extract_html

ARTICLE_PARAGRAPHS = [
    f"Paragraph {n} of the report: the harbour authority said on Monday that ship traffic "
    f"rose by {n * 3} percent last year, driven by container lines returning to the port."
    for n in range(1, 7)
]
ARTICLE_HTML = (
    """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Harbour traffic rises | Port Gazette</title>
<meta property="og:title" content="Harbour traffic rises">
<meta name="author" content="Lee Chan">
<meta property="article:published_time" content="2024-05-02T08:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/business">Business</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<article><h1>Harbour traffic rises</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
"""
    + "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    + """
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Email</a></div>
</article>
<footer><p>© 2024 Port Gazette. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""
)
PLAIN_TEXT = "Title: Notes\n\nA plain text article.\n\nSecond paragraph.\n"

MSG_PRIVATE = "That link points to a private or local network address, so I won't fetch it."
MSG_REDIRECTS = "The link redirects too many times."
MSG_SCHEME = "Only http and https links can be added."
MSG_CREDENTIALS = "Links with a user name or password in them can't be added."


@dataclass
class Site:
    """The test server: its port and the paths it was asked for (and by whom)."""

    port: int
    hits: list[str] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    huge_hung_up: list[bool] = field(default_factory=list)

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def _settings(**overrides: Any) -> Settings:
    """Settings that ignore the developer's environment and .env file."""
    values: dict[str, Any] = {
        "allow_private_urls": False,
        "url_timeout_seconds": 5.0,
        "url_max_bytes": 100_000,
        "url_max_redirects": 5,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


def _build_app(site: Site) -> web.Application:
    async def article(_: web.Request) -> web.Response:
        return web.Response(text=ARTICLE_HTML, content_type="text/html", charset="utf-8")

    async def plain(_: web.Request) -> web.Response:
        return web.Response(text=PLAIN_TEXT, content_type="text/plain", charset="utf-8")

    async def missing(_: web.Request) -> web.Response:
        return web.Response(status=404, text="no such page")

    async def broken(_: web.Request) -> web.Response:
        return web.Response(status=500, text="Traceback (most recent call last): secret")

    def redirect_to(location: Callable[[web.Request], str]) -> Any:
        async def handler(request: web.Request) -> web.Response:
            return web.Response(status=302, headers={"Location": location(request)})

        return handler

    async def slow(_: web.Request) -> web.Response:
        await asyncio.sleep(3)
        return web.Response(text=ARTICLE_HTML, content_type="text/html")

    async def huge(request: web.Request) -> web.StreamResponse:
        # No Content-Length: the client has to count while streaming. The loop is capped
        # (about 16 MB) and stops as soon as the client hangs up.
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        chunk = b"<p>" + b"x" * 16_000 + b"</p>\n"
        hung_up = False
        try:
            for _ in range(1_000):
                await response.write(chunk)
        except ConnectionError:
            hung_up = True
        finally:
            site.huge_hung_up.append(hung_up)
        return response

    async def big_declared(_: web.Request) -> web.Response:
        return web.Response(body=b"y" * 200_000, content_type="text/html")

    async def pdf(_: web.Request) -> web.Response:
        return web.Response(body=b"%PDF-1.7\n...", content_type="application/pdf")

    @web.middleware
    async def record(request: web.Request, handler: Any) -> web.StreamResponse:
        site.hits.append(request.path)
        site.user_agents.append(request.headers.get("User-Agent", ""))
        return await handler(request)

    app = web.Application(middlewares=[record])
    app.router.add_get("/article", article)
    app.router.add_get("/plain.txt", plain)
    app.router.add_get("/missing", missing)
    app.router.add_get("/broken", broken)
    app.router.add_get("/chain1", redirect_to(lambda _: "/chain2"))
    app.router.add_get("/chain2", redirect_to(lambda _: "article"))  # relative Location
    app.router.add_get("/loop-a", redirect_to(lambda _: "/loop-b"))
    app.router.add_get("/loop-b", redirect_to(lambda _: "/loop-a"))
    app.router.add_get("/slow", slow)
    app.router.add_get("/huge", huge)
    app.router.add_get("/big-declared", big_declared)
    app.router.add_get("/doc.pdf", pdf)
    app.router.add_get(
        "/to-loopback", redirect_to(lambda r: f"http://127.0.0.2:{r.url.port}/article")
    )
    app.router.add_get(
        "/to-internal", redirect_to(lambda r: f"http://internal.example:{r.url.port}/article")
    )
    app.router.add_get(
        "/to-localhost", redirect_to(lambda r: f"http://localhost:{r.url.port}/article")
    )
    return app


@pytest.fixture
async def site() -> AsyncIterator[Site]:
    """Start the server on 127.0.0.1, port 0; a short shutdown so /slow cannot stall teardown."""
    state = Site(port=0)
    runner = web.AppRunner(_build_app(state), shutdown_timeout=0.1)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    state.port = runner.addresses[0][1]
    try:
        yield state
    finally:
        await runner.cleanup()


@dataclass
class ConnectLog:
    """Every socket connect attempted during a test (the guard refuses all but 127.0.0.1)."""

    addresses: list[str] = field(default_factory=list)


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> Iterator[ConnectLog]:
    """Record socket connects; refuse (never send) anything not to 127.0.0.1."""
    log = ConnectLog()
    original_connect = socket.socket.connect

    def guarded_connect(sock: socket.socket, address: Any) -> None:
        log.addresses.append(str(address[0]))
        if address[0] != "127.0.0.1":
            raise AssertionError(f"test tried to connect to {address!r}")
        original_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    yield log


def _fake_dns(monkeypatch: pytest.MonkeyPatch, table: dict[str, list[list[str]]]) -> list[str]:
    """Replace the running loop's getaddrinfo: host -> successive answers (last one repeats)."""
    loop = asyncio.get_running_loop()
    calls: list[str] = []

    async def getaddrinfo(host: str, port: Any, **_: Any) -> list[Any]:
        calls.append(host)
        answers = table.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        ips = answers.pop(0) if len(answers) > 1 else answers[0]
        return [
            (
                socket.AF_INET6 if ":" in ip else socket.AF_INET,
                socket.SOCK_STREAM,
                socket.IPPROTO_TCP,
                "",
                (ip, int(port)),
            )
            for ip in ips
        ]

    monkeypatch.setattr(loop, "getaddrinfo", getaddrinfo)
    return calls


@pytest.fixture
def only_127_0_0_1_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend 127.0.0.1 is a public address, so the default (strict) policy lets us test
    hops after it while everything else in 127/8 stays private."""
    real = fetch.address_is_allowed

    def policy(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return ip == ipaddress.ip_address("127.0.0.1") or real(ip)

    monkeypatch.setattr(fetch, "address_is_allowed", policy)


# --- successful fetches (allow_private_urls=True lets us use the loopback server) ---------


async def test_article_fetch_works_and_sends_polite_user_agent(site: Site) -> None:
    page = await fetch_url(site.url("/article"), _settings(allow_private_urls=True))

    assert isinstance(page, FetchedPage)
    assert page.url == site.url("/article")
    assert page.content == ARTICLE_HTML.encode("utf-8")
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert site.user_agents == [USER_AGENT]
    assert USER_AGENT == "article-bot/0.1 (+https://github.com/article-bot)"


async def test_fetched_article_extracts_to_its_paragraphs(site: Site) -> None:
    page = await fetch_url(site.url("/article"), _settings(allow_private_urls=True))
    article = extract_html(page.content, page.url, charset=page.charset)

    assert article.title == "Harbour traffic rises"
    assert article.author == "Lee Chan"
    assert article.published == "2024-05-02"
    assert article.text.split("\n\n") == ARTICLE_PARAGRAPHS


async def test_plain_text_is_accepted(site: Site) -> None:
    page = await fetch_url(site.url("/plain.txt"), _settings(allow_private_urls=True))

    assert page.content_type == "text/plain"
    assert page.content.decode(page.charset or "utf-8") == PLAIN_TEXT


async def test_redirect_chain_is_followed_to_the_final_url(site: Site) -> None:
    page = await fetch_url(site.url("/chain1"), _settings(allow_private_urls=True))

    assert page.url == site.url("/article")
    assert page.content == ARTICLE_HTML.encode("utf-8")
    assert site.hits == ["/chain1", "/chain2", "/article"]


async def test_a_shared_session_from_make_session_can_be_reused(site: Site) -> None:
    settings = _settings(allow_private_urls=True)
    async with make_session(settings) as session:
        first = await fetch_url(site.url("/article"), settings, session=session)
        second = await fetch_url(site.url("/plain.txt"), settings, session=session)

    assert first.content_type == "text/html"
    assert second.content_type == "text/plain"
    assert site.hits == ["/article", "/plain.txt"]


# --- HTTP-level failures -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "overrides", "message"),
    [
        ("/missing", {}, "The site answered 404 Not Found."),
        ("/broken", {}, "The site answered 500 Internal Server Error."),
        ("/doc.pdf", {}, "That link is not a web page or text file (it is application/pdf)."),
        ("/loop-a", {}, MSG_REDIRECTS),
        ("/loop-a", {"url_max_redirects": 50}, MSG_REDIRECTS),
        ("/chain1", {"url_max_redirects": 1}, MSG_REDIRECTS),
        ("/big-declared", {}, "That page is larger than the 0.1 MB limit."),
        ("/huge", {}, "That page is larger than the 0.1 MB limit."),
    ],
)
async def test_http_failures_give_polite_messages(
    site: Site, path: str, overrides: dict[str, Any], message: str
) -> None:
    with pytest.raises(FetchError) as caught:
        await fetch_url(site.url(path), _settings(allow_private_urls=True, **overrides))

    assert str(caught.value) == message
    assert "Traceback" not in str(caught.value)


async def test_redirect_loop_is_stopped_early(site: Site) -> None:
    with pytest.raises(FetchError, match=MSG_REDIRECTS):
        await fetch_url(site.url("/loop-a"), _settings(allow_private_urls=True))

    assert site.hits == ["/loop-a", "/loop-b"]


async def test_huge_body_is_cut_off_without_downloading_it_all(site: Site) -> None:
    with pytest.raises(FetchError):
        await fetch_url(site.url("/huge"), _settings(allow_private_urls=True))
    for _ in range(200):  # the server notices the hang-up asynchronously
        if site.huge_hung_up:
            break
        await asyncio.sleep(0.01)

    # The server stopped because the client went away, not because it ran out of chunks.
    assert site.huge_hung_up == [True]


async def test_slow_site_times_out_quickly(site: Site) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        await fetch_url(
            site.url("/slow"), _settings(allow_private_urls=True, url_timeout_seconds=0.5)
        )

    assert str(caught.value) == "The site took too long to answer."
    assert time.monotonic() - started < 2.0


async def test_unreachable_site(site: Site) -> None:
    # A closed port on loopback: connection refused, no traffic leaves the machine.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        await fetch_url(f"http://127.0.0.1:{closed_port}/", _settings(allow_private_urls=True))

    assert str(caught.value) == "Could not reach that site."


# --- URL rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/file.txt", MSG_SCHEME),
        ("file:///etc/passwd", MSG_SCHEME),
        ("javascript:alert(1)", MSG_SCHEME),
        ("example.com/no-scheme", MSG_SCHEME),
        ("http://user:pass@127.0.0.1/article", MSG_CREDENTIALS),
        ("https://user@example.com/", MSG_CREDENTIALS),
        ("https://example.com/" + "a" * 2100, "That link is too long."),
        ("http:///no-host", "That doesn't look like a valid link."),
        ("http://example.com:99999/", "That doesn't look like a valid link."),
    ],
)
async def test_bad_urls_are_refused_without_any_connection(
    site: Site, connects: ConnectLog, url: str, message: str
) -> None:
    with pytest.raises(FetchError) as caught:
        await fetch_url(url, _settings(allow_private_urls=True))

    assert str(caught.value) == message
    assert connects.addresses == []
    assert site.hits == []


# --- private addresses (default settings) --------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
async def test_loopback_is_refused_before_the_server_sees_anything(
    site: Site, connects: ConnectLog, host: str
) -> None:
    with pytest.raises(FetchError) as caught:
        await fetch_url(site.url("/article", host=host), _settings())

    assert str(caught.value) == MSG_PRIVATE
    assert site.hits == []
    assert connects.addresses == []


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.5.4/",
        "http://100.64.0.1/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:10.0.0.1]/",
    ],
)
async def test_private_literals_are_refused_without_any_connection(
    connects: ConnectLog, url: str
) -> None:
    with pytest.raises(FetchError) as caught:
        await fetch_url(url, _settings())

    assert str(caught.value) == MSG_PRIVATE
    assert connects.addresses == []


@pytest.mark.parametrize("url", ["http://2130706433/", "http://127.1/", "http://0x7f.1/"])
async def test_legacy_numeric_hosts_are_refused(connects: ConnectLog, url: str) -> None:
    with pytest.raises(FetchError):
        await fetch_url(url, _settings())

    assert connects.addresses == []


async def test_hostname_resolving_to_private_address_is_refused_at_the_resolver(
    monkeypatch: pytest.MonkeyPatch, connects: ConnectLog
) -> None:
    calls = _fake_dns(monkeypatch, {"metadata.example": [["169.254.169.254"]]})

    with pytest.raises(FetchError) as caught:
        await fetch_url("http://metadata.example/", _settings())

    assert str(caught.value) == MSG_PRIVATE
    assert calls == ["metadata.example"]
    assert connects.addresses == []


@pytest.mark.usefixtures("only_127_0_0_1_is_public")
async def test_every_resolved_address_is_checked(
    site: Site, monkeypatch: pytest.MonkeyPatch, connects: ConnectLog
) -> None:
    _fake_dns(monkeypatch, {"mixed.example": [["127.0.0.1", "127.0.0.2"]]})

    with pytest.raises(FetchError, match="private"):
        await fetch_url(site.url("/article", host="mixed.example"), _settings())

    assert site.hits == []
    assert connects.addresses == []


@pytest.mark.usefixtures("only_127_0_0_1_is_public")
async def test_public_hostname_connects_to_the_vetted_address(
    site: Site, monkeypatch: pytest.MonkeyPatch, connects: ConnectLog
) -> None:
    # A rebinding DNS server: vetted answer first, private answer afterwards. The connection
    # must use the first (vetted) answer and DNS must be asked only once.
    calls = _fake_dns(monkeypatch, {"news.example": [["127.0.0.1"], ["127.0.0.2"]]})

    page = await fetch_url(site.url("/article", host="news.example"), _settings())

    assert page.content == ARTICLE_HTML.encode("utf-8")
    assert calls == ["news.example"]
    assert connects.addresses == ["127.0.0.1"]


@pytest.mark.usefixtures("only_127_0_0_1_is_public")
@pytest.mark.parametrize("path", ["/to-loopback", "/to-internal", "/to-localhost"])
async def test_redirect_to_a_private_address_is_refused(
    site: Site, monkeypatch: pytest.MonkeyPatch, connects: ConnectLog, path: str
) -> None:
    _fake_dns(monkeypatch, {"internal.example": [["127.0.0.2"]], "localhost": [["127.0.0.2"]]})

    with pytest.raises(FetchError) as caught:
        await fetch_url(site.url(path), _settings())

    assert str(caught.value) == MSG_PRIVATE
    assert site.hits == [path]  # the first hop only; the target never saw a request
    assert set(connects.addresses) == {"127.0.0.1"}


async def test_foreign_session_still_gets_address_checks(site: Site, connects: ConnectLog) -> None:
    async with aiohttp.ClientSession() as session:
        with pytest.raises(FetchError) as caught:
            await fetch_url(site.url("/article", host="localhost"), _settings(), session=session)

    assert str(caught.value) == MSG_PRIVATE
    assert site.hits == []
    assert connects.addresses == []


async def test_permissive_shared_session_is_not_trusted_with_strict_settings(
    site: Site, connects: ConnectLog
) -> None:
    async with make_session(_settings(allow_private_urls=True)) as session:
        with pytest.raises(FetchError, match="private"):
            await fetch_url(site.url("/article", host="localhost"), _settings(), session=session)

    assert site.hits == []


# --- the address policy itself -------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("8.8.8.8", True),
        ("93.184.216.34", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.31.255.255", False),
        ("192.168.0.1", False),
        ("100.64.0.1", False),
        ("100.127.255.254", False),
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("224.0.0.251", False),
        ("239.255.255.250", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::", False),
        ("::1", False),
        ("fc00::1", False),
        ("fd12:3456::1", False),
        ("fe80::1", False),
        ("fec0::1", False),
        ("ff02::1", False),
        ("::ffff:192.168.1.1", False),
        ("::ffff:8.8.8.8", True),
        ("2002:0a00:0001::", False),  # 6to4 wrapping 10.0.0.1
        ("64:ff9b::7f00:1", False),  # NAT64 wrapping 127.0.0.1
    ],
)
def test_address_policy(address: str, allowed: bool) -> None:
    assert address_is_allowed(ipaddress.ip_address(address)) is allowed


_PRIVATE_V4 = [
    ipaddress.ip_network(net)
    for net in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "127.0.0.0/8",
        "100.64.0.0/10",
        "169.254.0.0/16",
        "224.0.0.0/4",
        "0.0.0.0/8",
    )
]


@given(st.sampled_from(_PRIVATE_V4), st.integers(min_value=0, max_value=2**32 - 1))
def test_no_address_in_a_private_range_is_allowed(
    network: ipaddress.IPv4Network, offset: int
) -> None:
    address = network[offset % network.num_addresses]
    assert not address_is_allowed(address)
    assert not address_is_allowed(ipaddress.ip_address(f"::ffff:{address}"))
