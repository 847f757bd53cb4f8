"""One loopback port in front of two CSMSs: TLS connections go to one, plain ones to the other.

A security profile raise from 1 to 2 keeps the CSMS host and port and only switches ws:// to
wss://; this lets one test serve both. The first byte decides: 0x16 opens a TLS handshake.
"""

from __future__ import annotations

import asyncio
import contextlib

TLS_HANDSHAKE = 0x16


class SchemeMux:
    def __init__(self, plain_port: int, tls_port: int) -> None:
        self.plain_port = plain_port
        self.tls_port = tls_port
        self.kinds: list[str] = []  # "tls" or "plain", per accepted TCP connection
        self.port = 0
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    def url(self, scheme: str = "ws") -> str:
        return f"{scheme}://127.0.0.1:{self.port}/ocpp"

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            for pipe in list(self._pipes):
                pipe.cancel()
            await asyncio.gather(*self._pipes, return_exceptions=True)
            await self._server.wait_closed()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            first = await reader.readexactly(1)
        except asyncio.IncompleteReadError:
            writer.close()
            return
        tls = first[0] == TLS_HANDSHAKE
        self.kinds.append("tls" if tls else "plain")
        port = self.tls_port if tls else self.plain_port
        try:
            backend_reader, backend_writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            writer.close()
            return
        backend_writer.write(first)
        for source, target in ((reader, backend_writer), (backend_reader, writer)):
            task = asyncio.create_task(_pipe(source, target))
            self._pipes.add(task)
            task.add_done_callback(self._pipes.discard)


async def _pipe(source: asyncio.StreamReader, target: asyncio.StreamWriter) -> None:
    try:
        while data := await source.read(65536):
            target.write(data)
            await target.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        with contextlib.suppress(Exception):
            target.close()
