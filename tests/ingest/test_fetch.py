from __future__ import annotations

import ipaddress
import socket

import httpx
import pytest

from escalada.errors import BlockedAddressError, FetchError, TooLargeError
from escalada.ingest.fetch import address_problem, fetch_url
from escalada.settings import Settings

from .conftest import LocalServer, respond

LOCAL = Settings(allow_private_addresses=True, fetch_timeout_seconds=5.0)


def test_fetch_from_local_server(local_server: LocalServer) -> None:
    local_server.routes["/story"] = respond(200, b"Talks resumed.", "text/plain; charset=utf-8")
    resource = fetch_url(local_server.url("/story"), LOCAL)
    assert resource.body == b"Talks resumed."
    assert resource.content_type == "text/plain"
    assert resource.charset == "utf-8"
    assert resource.final_url == local_server.url("/story")
    assert resource.status_code == 200
    assert resource.fetched_at.tzinfo is not None
    request = local_server.requests[-1]
    assert request["host"] == local_server.base.removeprefix("http://")
    assert request["user-agent"] == LOCAL.user_agent


def test_localhost_name_keeps_host_header(local_server: LocalServer) -> None:
    local_server.routes["/a"] = respond(200, b"ok")
    port = local_server.base.rsplit(":", 1)[1]
    resource = fetch_url(f"http://localhost:{port}/a", LOCAL)
    assert resource.body == b"ok"
    assert local_server.requests[-1]["host"] == f"localhost:{port}"


def test_redirects_are_followed_and_rechecked(local_server: LocalServer) -> None:
    local_server.routes["/old"] = respond(301, headers={"Location": "/new"})
    local_server.routes["/new"] = respond(200, b"moved here", "text/html")
    resource = fetch_url(local_server.url("/old"), LOCAL)
    assert resource.body == b"moved here"
    assert resource.final_url == local_server.url("/new")
    assert resource.url == local_server.url("/old")


def test_redirect_loop_is_cut(local_server: LocalServer) -> None:
    local_server.routes["/loop"] = respond(302, headers={"Location": "/loop"})
    with pytest.raises(FetchError, match="redirects"):
        fetch_url(local_server.url("/loop"), LOCAL)
    assert len(local_server.requests) == 6  # first request + 5 redirects


def test_redirect_to_other_scheme_is_refused(local_server: LocalServer) -> None:
    local_server.routes["/r"] = respond(302, headers={"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(local_server.url("/r"), LOCAL)


def test_http_error_status(local_server: LocalServer) -> None:
    with pytest.raises(FetchError) as info:
        fetch_url(local_server.url("/missing"), LOCAL)
    assert "HTTP 404" in str(info.value)
    assert local_server.url("/missing") in str(info.value)
    local_server.routes["/boom"] = respond(503, b"down")
    with pytest.raises(FetchError, match="HTTP 503"):
        fetch_url(local_server.url("/boom"), LOCAL)


def test_size_limit_from_content_length(local_server: LocalServer) -> None:
    local_server.routes["/big"] = respond(200, b"x" * 5000)
    with pytest.raises(TooLargeError, match="announces"):
        fetch_url(local_server.url("/big"), Settings(allow_private_addresses=True,
                                                     max_document_bytes=1000))


def test_size_limit_while_streaming(local_server: LocalServer) -> None:
    local_server.routes["/stream"] = respond(200, b"y" * 200_000, length=False)
    with pytest.raises(TooLargeError, match="exceeds"):
        fetch_url(local_server.url("/stream"), Settings(allow_private_addresses=True,
                                                        max_document_bytes=1000))


def test_timeout(local_server: LocalServer) -> None:
    local_server.routes["/slow"] = respond(200, b"late", delay=1.5)
    with pytest.raises(FetchError, match="timed out"):
        fetch_url(local_server.url("/slow"), Settings(allow_private_addresses=True,
                                                      fetch_timeout_seconds=0.3))


def test_connection_refused() -> None:
    with socket.socket() as sock:  # find a free port, then leave it closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="could not connect") as info:
        fetch_url(f"http://127.0.0.1:{port}/", LOCAL)
    assert f"127.0.0.1:{port}" in str(info.value)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://10.0.0.1/",
        "http://[::1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/",
        "http://0.0.0.0/",
        "http://192.168.1.1:8080/admin",
        "http://[::ffff:127.0.0.1]/",
        "http://100.64.0.1/",
        "https://224.0.0.1/",
    ],
)
def test_ssrf_targets_are_refused_before_connecting(url: str, no_connections: list[str]) -> None:
    with pytest.raises(BlockedAddressError) as info:
        fetch_url(url, Settings())
    assert url in str(info.value)
    assert "allow_private_addresses" in str(info.value)
    assert no_connections == []


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.com/x", "javascript:alert(1)", "gopher://x/"]
)
def test_only_http_and_https(url: str, no_connections: list[str]) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(url, Settings())
    assert no_connections == []


def test_hostname_resolving_to_private_address_is_refused(monkeypatch, no_connections) -> None:
    def fake_getaddrinfo(host, port, *args, **kwargs):
        assert host == "intranet.example"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.1.2.3", port)),
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(BlockedAddressError, match="10.1.2.3 is a private address"):
        fetch_url("http://intranet.example/", Settings())


def test_redirect_hop_to_private_address_is_refused(monkeypatch) -> None:
    addresses = {"public.example": "93.184.216.34", "evil.example": "127.0.0.1"}

    def fake_getaddrinfo(host, port, *args, **kwargs):
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (addresses[host], port))]

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(302, headers={"Location": "http://evil.example/admin"})

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(BlockedAddressError, match="evil.example"):
        fetch_url("http://public.example/news", Settings(),
                  transport=httpx.MockTransport(handler))
    assert len(seen) == 1
    # the request went to the checked IP, with the original name as Host and TLS name
    assert seen[0].url.host == "93.184.216.34"
    assert seen[0].headers["host"] == "public.example"
    assert seen[0].extensions["sni_hostname"] == "public.example"


def test_address_classification() -> None:
    ip = ipaddress.ip_address
    assert address_problem(ip("8.8.8.8")) is None
    assert address_problem(ip("2001:4860:4860::8888")) is None
    assert address_problem(ip("127.0.0.1")) == "loopback"
    assert address_problem(ip("169.254.169.254")) == "link-local"
    assert address_problem(ip("10.0.0.1")) == "private"
    assert address_problem(ip("::")) == "unspecified"
    assert address_problem(ip("::ffff:10.0.0.1")) == "private"
    assert address_problem(ip("2002:7f00:1::")) is not None  # 6to4 wrapping 127.0.0.1
