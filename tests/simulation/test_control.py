"""The text control: every command, every kind of bad input, and the stream reader."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from everest_py.ocpp16.simulation import ControlCommand, ControlError, parse_command
from everest_py.ocpp16.simulation.control import read_commands

from .support import Event, bench

WAIT = 10.0  # upper bound for awaited conditions


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("plug 1", ControlCommand("plug", 1)),
        ("  UNPLUG   2 ", ControlCommand("unplug", 2)),
        ("tag ABC123", ControlCommand("tag", None, "ABC123")),
        ("tag ABC123 2", ControlCommand("tag", 2, "ABC123")),
        ("pause 1", ControlCommand("pause", 1)),
        ("resume 1", ControlCommand("resume", 1)),
        ("fault 1", ControlCommand("fault", 1, "evse_board_support/MREC2GroundFailure")),
        (
            "fault 2 MREC14PilotFault",
            ControlCommand("fault", 2, "evse_board_support/MREC14PilotFault"),
        ),
        (
            "fault 1 evse_manager/MREC4OverCurrentFailure",
            ControlCommand("fault", 1, "evse_manager/MREC4OverCurrentFailure"),
        ),
        ("clear 2", ControlCommand("clear", 2)),
        ("status", ControlCommand("status")),
        ("help", ControlCommand("help")),
        ("", None),
        ("   ", None),
        ("# a comment", None),
    ],
)
def test_every_command_parses(line: str, expected: ControlCommand | None) -> None:
    assert parse_command(line, connectors=2) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("charge 1", "unknown command 'charge' (try 'help')"),
        ("plug", "'plug' takes N, got 0 arguments"),
        ("plug 1 2", "'plug' takes N, got 2 arguments"),
        ("status now", "'status' takes no arguments, got 1 argument"),
        ("tag", "'tag' takes ID [N], got 0 arguments"),
        ("fault 1 A B", "'fault' takes N [CODE], got 3 arguments"),
        ("unplug one", "'unplug': EVSE number expected, got 'one'"),
        ("pause 3", "'pause': no EVSE 3, the station has EVSEs 1..2"),
        ("resume 0", "'resume': no EVSE 0, the station has EVSEs 1..2"),
        ("tag ABC 5", "'tag': no EVSE 5, the station has EVSEs 1..2"),
        (
            "tag " + "X" * 37,
            "'tag': id 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' is 37 characters, at most 36",
        ),
        ("fault 1 Melted", "'fault': unknown fault 'Melted'"),
        ("plug " + "1" * 300, "line too long (305 characters, at most 200)"),
    ],
)
def test_bad_input_names_what_is_wrong(line: str, message: str) -> None:
    with pytest.raises(ControlError) as caught:
        parse_command(line, connectors=2)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


async def test_the_reader_applies_lines_and_keeps_going_after_errors() -> None:
    async with bench(connectors=2) as b:
        reader = asyncio.StreamReader()
        replies: list[str] = []
        for line in (
            "plug 1",
            "bogus",
            "tag GOOD 1",
            "pause 1",
            "resume 1",
            "fault 2",
            "clear 2",
            "status",
            "help",
            "unplug 1",
        ):
            reader.feed_data(f"{line}\n".encode())
        reader.feed_eof()
        await read_commands(b.station, reader, replies.append)
        assert replies[0].startswith("EVSE 1: WaitingForAuthentication, car plugged")
        assert replies[1] == "error: unknown command 'bogus' (try 'help')"
        assert replies[2] == "tag GOOD: UsedToStartTransaction"
        assert replies[3].startswith("EVSE 1: ChargingPausedEV, car plugged (paused), tag GOOD")
        assert replies[4].startswith("EVSE 1: Charging, car plugged, tag GOOD")
        assert replies[5].endswith("faults evse_board_support/MREC2GroundFailure")
        assert "faults" not in replies[6]
        assert replies[7].splitlines()[1].startswith("EVSE 2: Idle, no car")
        assert replies[8].startswith("commands (N = EVSE number):")
        assert replies[9].startswith("EVSE 1: Idle, no car")
        await b.watch(1).wait_event(Event.SessionFinished)


async def test_the_reader_refuses_an_overlong_line_and_reads_on() -> None:
    async with bench() as b:
        reader = asyncio.StreamReader(limit=64)
        replies: list[str] = []
        reader.feed_data(b"x" * 200 + b"\nplug 1\n")
        reader.feed_eof()
        await read_commands(b.station, reader, replies.append)
        assert replies[0].startswith("error: line too long")
        assert replies[-1].startswith("EVSE 1: WaitingForAuthentication")


async def test_the_rest_of_an_overlong_line_is_skipped_not_run() -> None:
    """However the over-long line arrives (here: more of it after the error), nothing of it
    is parsed, and it gets one error line."""
    async with bench() as b:
        reader = asyncio.StreamReader(limit=64)
        replies: list[str] = []
        replied = asyncio.Event()

        def write(text: str) -> None:
            replies.append(text)
            replied.set()

        reading = asyncio.create_task(read_commands(b.station, reader, write))
        reader.feed_data(b"#" * 200)
        async with asyncio.timeout(WAIT):
            await replied.wait()
        reader.feed_data(b"y" * 200)  # still the same line
        reader.feed_data(b"plug 1\nstatus\n")  # its tail, then a command
        reader.feed_eof()
        async with asyncio.timeout(WAIT):
            await reading
        assert replies[0].startswith("error: line too long")
        assert replies[1:] == ["EVSE 1: Idle, no car, 0.0 Wh, 0 W"]


SCRIPT = """
import asyncio
from everest_py.ocpp16.simulation import SimulatedStation, SimulationOptions
from everest_py.ocpp16.simulation.control import read_commands, stdin_reader
from everest_py.runtime import InProcessBus

async def main() -> None:
    station = SimulatedStation(InProcessBus(), options=SimulationOptions(unplug_after_stop=None))
    await station.start()
    reader = await stdin_reader()
    if reader is not None:  # None: no standard input at all
        await read_commands(station, reader)
    await station.stop()

asyncio.run(main())
"""


@pytest.mark.parametrize("source", ["file", "pipe"])
def test_stdin_from_a_file_or_a_pipe(source: str, tmp_path: Path) -> None:
    commands = b"plug 1\nunplug 9\n"
    if source == "file":
        (tmp_path / "in.txt").write_bytes(commands)
        with (tmp_path / "in.txt").open("rb") as stdin:
            done = subprocess.run(
                [sys.executable, "-c", SCRIPT], stdin=stdin, capture_output=True, timeout=60
            )
    else:
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT], input=commands, capture_output=True, timeout=60
        )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines() == [
        "EVSE 1: WaitingForAuthentication, car plugged, 0.0 Wh, 0 W",
        "error: 'unplug': no EVSE 9, the station has EVSEs 1..1",
    ]


@pytest.mark.parametrize("source", ["devnull", "closed"])
def test_no_stdin_or_dev_null_is_no_control_and_no_error(source: str) -> None:
    """/dev/null (systemd, docker without -i) is an immediate end of input; a closed stdin is
    no control at all: neither raises nor logs an error."""
    if source == "devnull":
        done = subprocess.run([sys.executable, "-c", SCRIPT], stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=60)  # fmt: skip
    else:
        done = subprocess.run([sys.executable, "-c", SCRIPT], preexec_fn=lambda: os.close(0),
                              capture_output=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    assert done.stderr == b""
