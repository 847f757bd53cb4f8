"""A CSMS that stops reading its socket while its TCP connection stays up: the charge point's
writes wait, and the WebSocket ping (whose send waits too) must still end the connection
within the pong timeout, so the charge point reconnects instead of hanging for good."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path

from websockets.asyncio.server import ServerConnection, serve

from everest_py.ocpp16 import ChargePointCore
from tests.impl.conftest import settings_for

WAIT = 30.0
BOOT_ACCEPTED = {"status": "Accepted", "currentTime": "2030-01-01T00:00:00Z", "interval": 3600}


async def test_a_csms_that_stops_reading_is_left_and_connected_again(tmp_path: Path) -> None:
    reconnected = asyncio.Event()
    connections = 0

    async def handler(websocket: ServerConnection) -> None:
        nonlocal connections
        connections += 1
        boot = json.loads(await websocket.recv())
        await websocket.send(json.dumps([3, boot[1], BOOT_ACCEPTED]))
        if connections > 1:
            reconnected.set()
            await websocket.wait_closed()
            return
        # Stalled: nothing is read any more, while the charge point has much to answer.
        sock = websocket.transport.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        websocket.transport.pause_reading()
        for number in range(3000):
            await websocket.send(json.dumps([2, f"g{number}", "GetConfiguration", {}]))
        await websocket.wait_closed()

    async with serve(handler, "127.0.0.1", 0, subprotocols=["ocpp1.6"], ping_interval=None) as server:  # type: ignore[list-item]
        port = server.sockets[0].getsockname()[1]
        settings = settings_for(
            f"ws://127.0.0.1:{port}/ocpp", tmp_path, configuration={"WebSocketPingInterval": "1"}
        )
        core = ChargePointCore(settings)
        core.session.options = core.session.options._replace(pong_timeout=1.0)
        await core.start()
        try:
            await asyncio.wait_for(reconnected.wait(), WAIT)
        finally:
            await asyncio.wait_for(core.close(), WAIT)
