"""SIGINT and SIGTERM for an asyncio program, never lost.

`loop.add_signal_handler` hears of a signal through a byte the interpreter's C-level handler
writes to the loop's self-pipe. Every `call_soon_threadsafe` writes a byte there too, and a few
hundred one-byte writes fill a Unix socket's buffer: threads that post many callbacks while the
loop is busy (a fleet's storage writers, an MQTT client thread) fill the pipe, the signal's byte
is dropped ("Exception ignored when trying to write to the signal wakeup fd") and the loop never
runs the handler. A fleet worker told to stop lived on until its supervisor killed it.

A Python-level handler runs in the main thread whatever the pipe holds. It posts the callback
with `call_soon_threadsafe`: its byte wakes the loop, and when the pipe is full, the pipe is
readable already and the loop wakes all the same.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable, Iterator
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def stop_signals(callback: Callable[[], object]) -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM call `callback` on the running loop (the main
    thread's); the handlers from before are back afterwards, so a signal after the loop has
    closed does not reach it."""
    loop = asyncio.get_running_loop()

    def handle(number: int, frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(callback)

    before = {number: signal.signal(number, handle) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in before.items():
            # None: a handler not set from Python (an embedding program's), which cannot be
            # set again from here; the default then, rather than ours with its loop gone.
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
