"""Fetch one URL safely: http(s) only, bounded in time and size, guarded against SSRF.

Safety rules, applied to the first request and to every redirect hop alike:

* only ``http`` and ``https`` URLs; at most :data:`MAX_REDIRECTS` redirects;
* the host name is resolved with :func:`socket.getaddrinfo` *before* any connection, and the
  fetch is refused (:class:`~escalada.errors.BlockedAddressError`) when **any** resolved
  address is loopback, private, link-local, multicast, reserved, unspecified or otherwise not
  globally routable (IPv4-mapped, 6to4 and Teredo IPv6 addresses are unwrapped first) —
  unless ``Settings.allow_private_addresses`` is set;
* DNS rebinding: the request is then sent **to the checked IP address itself** (the URL's host
  is replaced by the IP; the ``Host`` header and TLS SNI/certificate check keep the original
  name via httpx's ``sni_hostname`` extension), so a second, different DNS answer cannot
  redirect the connection. Environment proxies are ignored (``trust_env=False``) because a
  proxy would make the address check meaningless;
* timeouts per connect/read (``Settings.fetch_timeout_seconds``) plus an overall deadline of
  four times that; the body is streamed and abandoned as soon as it exceeds
  ``Settings.max_document_bytes`` (decoded size, so compression bombs are caught too).

Name resolution itself has no timeout of its own (``getaddrinfo`` blocks); that is accepted.
Every failure is a :class:`~escalada.errors.FetchError` (or subclass) naming the URL.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import time
from dataclasses import dataclass, field

import httpx

from escalada.errors import BlockedAddressError, FetchError, TooLargeError
from escalada.settings import Settings

__all__ = [
    "MAX_REDIRECTS",
    "FetchedResource",
    "address_problem",
    "fetch_url",
    "resolve_checked",
]

MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_TOTAL_TIME_FACTOR = 4
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.3"
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(slots=True)
class FetchedResource:
    """A fetched response body with the facts needed to interpret it."""

    url: str
    """The URL asked for."""
    final_url: str
    """The URL that answered, after redirects (host name form, not the IP)."""
    content_type: str
    """Media type, lower-case, without parameters (``""`` when the server sent none)."""
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    status_code: int = 200
    fetched_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of the Content-Type header, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


def address_problem(address: IPAddress) -> str | None:
    """Why ``address`` must not be fetched from (``"loopback"``, ...), or ``None`` if public."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address_problem(address.ipv4_mapped)
        if address.sixtofour is not None:
            inner = address_problem(address.sixtofour)
            if inner:
                return f"6to4-wrapped {inner}"
        if address.teredo is not None:
            inner = address_problem(address.teredo[1])
            if inner:
                return f"Teredo-wrapped {inner}"
    checks = (
        ("loopback", address.is_loopback),
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("non-public", not address.is_global),
    )
    for name, hit in checks:
        if hit:
            return name
    return None


def _check_url(url: httpx.URL | str, source: str) -> httpx.URL:
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL ({exc})", source=source) from exc
    if parsed.scheme not in ("http", "https"):
        raise FetchError(
            f"only http and https URLs can be fetched, not {parsed.scheme or 'no scheme'!r}",
            source=source,
        )
    if not parsed.host:
        raise FetchError("URL has no host", source=source)
    return parsed


def resolve_checked(url: httpx.URL, *, allow_private: bool, source: str) -> list[str]:
    """Resolve the URL's host and return its addresses, refusing non-public ones.

    Raises :class:`BlockedAddressError` if *any* address is non-public (unless
    ``allow_private``) and :class:`FetchError` if the name does not resolve.
    """
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(f"cannot resolve host {host!r} ({exc})", source=source) from exc
    addresses: list[str] = []
    for _family, _type, _proto, _canon, sockaddr in infos:
        text = str(sockaddr[0])
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise FetchError(f"host {host!r} has no addresses", source=source)
    if not allow_private:
        for text in addresses:
            problem = address_problem(ipaddress.ip_address(text.split("%", 1)[0]))
            if problem:
                raise BlockedAddressError(
                    f"refusing to fetch from {host} ({text} is a {problem} address); "
                    "pass --allow-private (allow_private_addresses) to allow it",
                    source=source,
                )
    return addresses


def _media_type(headers: httpx.Headers) -> str:
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _read_limited(
    response: httpx.Response, limit: int, deadline: float, source: str, timeout: float
) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLargeError(
            f"server announces {int(declared):,} bytes, over the limit of {limit:,}",
            source=source,
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise TooLargeError(f"body exceeds the limit of {limit:,} bytes", source=source)
        if time.monotonic() > deadline:
            raise FetchError(
                f"download took longer than {timeout * _TOTAL_TIME_FACTOR:g}s", source=source
            )
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_url(
    url: str,
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
) -> FetchedResource:
    """GET ``url`` under the safety rules of this module and return the response body.

    ``transport`` is for tests (an :class:`httpx.MockTransport`); the SSRF check runs before
    the transport is used either way. Raises :class:`FetchError` (timeouts, refused
    connections, HTTP 4xx/5xx, too many redirects), :class:`BlockedAddressError` or
    :class:`TooLargeError`, all naming ``url``.
    """
    timeout = float(settings.fetch_timeout_seconds)
    deadline = time.monotonic() + timeout * _TOTAL_TIME_FACTOR
    current = _check_url(url, url)
    client = httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=False,
        trust_env=False,
        transport=transport,
        headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT},
    )
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            addresses = resolve_checked(
                current, allow_private=settings.allow_private_addresses, source=url
            )
            host_header = current.netloc.decode("ascii")
            last_error: Exception | None = None
            for address in addresses:
                target = current.copy_with(host=address)
                extensions = {"sni_hostname": current.raw_host.decode("ascii")}
                try:
                    with client.stream(
                        "GET", target, headers={"Host": host_header}, extensions=extensions
                    ) as response:
                        status = response.status_code
                        if status in _REDIRECTS:
                            location = response.headers.get("location", "").strip()
                            if not location:
                                raise FetchError(f"HTTP {status} without a Location", source=url)
                            next_url = _check_url(current.join(location), url)
                            break
                        if status >= 400:
                            raise FetchError(
                                f"HTTP {status} {response.reason_phrase}".rstrip(), source=url
                            )
                        body = _read_limited(
                            response, settings.max_document_bytes, deadline, url, timeout
                        )
                        return FetchedResource(
                            url=url,
                            final_url=str(current),
                            content_type=_media_type(response.headers),
                            body=body,
                            headers={k.lower(): v for k, v in response.headers.items()},
                            status_code=status,
                        )
                except httpx.ConnectError as exc:  # try the host's next address
                    last_error = exc
                    continue
            else:
                raise FetchError(f"could not connect ({last_error})", source=url)
            current = next_url
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", source=url)
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {timeout:g}s", source=url) from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}", source=url) from exc
    finally:
        client.close()
