"""runtime.stop_signals: a SIGTERM reaches the loop even when threads have filled its self-pipe
(the way a fleet worker told to stop once lived on until it was killed). Each case runs in a
fresh interpreter: the signal goes to that process, never to the test runner."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from everest_py.runtime import stop_signals

ROOT = Path(__file__).resolve().parents[2]

# The loop is busy in one callback while a thread posts 5,000 callbacks (a byte each on the
# self-pipe, far more than its buffer takes); then SIGTERM arrives, still in that callback.
# The script prints whether the stop callback ran.
SCRIPT = """
import asyncio, os, signal, sys, threading
from everest_py.runtime import stop_signals

async def main(mode: str) -> None:
    loop = asyncio.get_running_loop()
    stopped = asyncio.Event()

    def post_many() -> None:
        for _ in range(5000):
            loop.call_soon_threadsafe(lambda: None)

    def busy() -> None:
        poster = threading.Thread(target=post_many)
        poster.start()
        poster.join()
        os.kill(os.getpid(), signal.SIGTERM)

    async def wait_for_the_stop() -> str:
        loop.call_soon(busy)
        try:
            async with asyncio.timeout(5):
                await stopped.wait()
        except TimeoutError:
            return "lost"
        return "stopped"

    if mode == "asyncio":
        loop.add_signal_handler(signal.SIGTERM, stopped.set)
        print(await wait_for_the_stop())
    else:
        with stop_signals(stopped.set):
            print(await wait_for_the_stop())

asyncio.run(main(sys.argv[1]))
"""


def _outcome(mode: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.strip()


def test_a_stop_signal_reaches_the_loop_when_its_self_pipe_is_full() -> None:
    assert _outcome("stop_signals") == "stopped"


def test_the_full_pipe_loses_a_signal_added_with_add_signal_handler() -> None:
    # Why stop_signals exists: the same scenario with asyncio's own handler drops the signal
    # (and shows the scenario does fill the pipe).
    assert _outcome("asyncio") == "lost"


def test_the_handlers_from_before_are_back_after_the_block() -> None:
    async def inside() -> object:
        with stop_signals(lambda: None):
            return signal.getsignal(signal.SIGTERM)

    before = signal.getsignal(signal.SIGTERM)
    within = asyncio.run(inside())
    assert callable(within) and within is not before
    assert signal.getsignal(signal.SIGTERM) is before


def test_outside_a_running_loop_it_refuses() -> None:
    with pytest.raises(RuntimeError), stop_signals(lambda: None):
        pass
