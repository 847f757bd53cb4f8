"""Waiting for an asyncio.Event with an upper bound: one helper for the whole package."""

from __future__ import annotations

import asyncio


async def wait_event(event: asyncio.Event, timeout: float) -> bool:
    """Wait until ``event`` is set or ``timeout`` seconds pass; True when it was set.

    Not ``asyncio.wait_for``: on Python 3.11 it loses a cancellation that arrives as the event
    is set (the waiter's result wins), and a loop around it then never ends; ``asyncio.timeout``
    keeps the cancellation.
    """
    try:
        async with asyncio.timeout(timeout):
            await event.wait()
    except TimeoutError:
        return False
    return True
