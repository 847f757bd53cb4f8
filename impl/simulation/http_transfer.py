"""HTTP(S) download and upload for the simulated system: the standard library's urllib on a worker
thread (``asyncio.to_thread``), so the event loop never blocks on the network.

Only ``http://`` and ``https://`` locations are supported (EVerest's System module hands the URL
to curl, which speaks FTP too; the simulation does not). Every transfer has a socket timeout and
a size bound; a failure is a ``TransferError`` whose message names the URL and the cause.
"""

from __future__ import annotations

import asyncio
import base64
import urllib.error
import urllib.parse
import urllib.request
from typing import Final

__all__ = [
    "MAX_DOWNLOAD_BYTES",
    "SUPPORTED_SCHEMES",
    "TRANSFER_TIMEOUT",
    "TransferError",
    "UnsupportedLocation",
    "check_location",
    "download",
    "upload",
]

SUPPORTED_SCHEMES: Final = ("http", "https")
TRANSFER_TIMEOUT: Final = 20.0  # seconds per socket operation, as the System module's curl
MAX_DOWNLOAD_BYTES: Final = 16 * 1024 * 1024  # a simulated firmware image is small
_CHUNK: Final = 64 * 1024


class TransferError(Exception):
    """A download or upload failed (connection, HTTP status, size, timeout)."""


class UnsupportedLocation(TransferError):
    """The location is not an http:// or https:// URL."""


def check_location(location: str) -> str:
    """The URL if the simulation can reach it, else UnsupportedLocation naming why."""
    try:
        parts = urllib.parse.urlsplit(location)
    except ValueError as error:
        raise UnsupportedLocation(f"{_shown(location)}: not a URL ({error})") from None
    if parts.scheme.lower() in SUPPORTED_SCHEMES and not parts.hostname:
        raise UnsupportedLocation(f"{_shown(location)}: no host")
    if parts.scheme.lower() not in SUPPORTED_SCHEMES:
        raise UnsupportedLocation(
            f"{_shown(location)}: only http:// and https:// locations are supported"
        )
    return location


async def download(
    location: str, *, timeout: float = TRANSFER_TIMEOUT, limit: int = MAX_DOWNLOAD_BYTES
) -> bytes:
    """The body of a GET of ``location`` (at most ``limit`` bytes)."""
    check_location(location)
    return await asyncio.to_thread(_get, location, timeout, limit)


async def upload(
    location: str, file_name: str, data: bytes, *, timeout: float = TRANSFER_TIMEOUT
) -> str:
    """PUT ``data`` to ``location``; a location ending in ``/`` gets ``file_name`` appended (as
    curl -T does). Returns the URL it went to."""
    check_location(location)
    target = location + urllib.parse.quote(file_name) if location.endswith("/") else location
    await asyncio.to_thread(_put, target, data, timeout)
    return target


def _get(location: str, timeout: float, limit: int) -> bytes:
    try:
        with urllib.request.urlopen(_request(location), timeout=timeout) as response:
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TransferError(f"{_shown(location)}: larger than {limit} bytes")
                chunks.append(chunk)
            return b"".join(chunks)
    except TransferError:
        raise
    except Exception as error:
        raise _failed(location, error) from None


def _put(location: str, data: bytes, timeout: float) -> None:
    try:
        with urllib.request.urlopen(_request(location, data), timeout=timeout) as response:
            response.read(_CHUNK)  # the answer's body does not matter; do not read it all
    except Exception as error:
        raise _failed(location, error) from None


def _request(location: str, data: bytes | None = None) -> urllib.request.Request:
    """The request without user:password in its URL (urllib would take them for the host):
    they go in a Basic Authorization header, as curl sends a URL's credentials."""
    parts = urllib.parse.urlsplit(location)
    headers = {"Content-Type": "application/octet-stream"} if data is not None else {}
    if parts.username is not None or parts.password is not None:
        user = urllib.parse.unquote(parts.username or "")
        password = urllib.parse.unquote(parts.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    return urllib.request.Request(
        _shown(location), data=data, method="PUT" if data is not None else "GET", headers=headers
    )


def _failed(location: str, error: Exception) -> TransferError:
    """Every failure as a TransferError naming the URL without credentials. An error of
    another kind (http.client's InvalidURL, BadStatusLine, ...) is named by its type only:
    its text may quote the URL."""
    if isinstance(error, urllib.error.HTTPError):
        return TransferError(f"{_shown(location)}: HTTP {error.code} {error.reason}")
    if isinstance(error, (urllib.error.URLError, OSError)):
        return TransferError(f"{_shown(location)}: {_reason(error)}")
    return TransferError(f"{_shown(location)}: {type(error).__name__}")


def _reason(error: Exception) -> str:
    if isinstance(error, urllib.error.URLError) and not isinstance(error.reason, str):
        return str(error.reason) or type(error.reason).__name__
    return str(error) or type(error).__name__


def _shown(location: str) -> str:
    """The URL without user:password (a location may carry credentials)."""
    try:
        parts = urllib.parse.urlsplit(location)
        port = parts.port
    except ValueError:  # e.g. a port that is not a number
        return "(an unparsable URL)"
    if parts.password is None and parts.username is None:
        return location
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    netloc = f"{host}:{port}" if port else host
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
