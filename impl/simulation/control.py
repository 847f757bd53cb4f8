"""A text control for a simulated station: one command per line (stdin, or any text stream).

    plug 1 | unplug 1 | tag ABC123 [1] | pause 1 | resume 1 | fault 1 [code] | clear 1
    status | help

Bad input is answered with one ``error:`` line naming what was wrong; reading goes on.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import stat
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from io import BufferedIOBase

from .errors import DEFAULT_FAULT, UnknownFault, resolve_fault
from .evse import EvseSnapshot
from .station import SimulatedStation

__all__ = [
    "HELP",
    "ControlCommand",
    "ControlError",
    "apply_command",
    "parse_command",
    "read_commands",
    "stdin_reader",
]

HELP = """commands (N = EVSE number):
  plug N            a car plugs in at EVSE N
  unplug N          the car at EVSE N unplugs
  tag ID [N]        RFID card ID at the station's reader (or at EVSE N's)
  pause N           the car at EVSE N stops drawing power (SuspendedEV)
  resume N          the car at EVSE N draws power again
  fault N [CODE]    EVSE N raises error CODE (default MREC2GroundFailure) and stops charging
  clear N           EVSE N clears its faults
  status            one line per EVSE
  help              this text"""

LOGGER = logging.getLogger(__name__)
MAX_LINE = 200  # characters: longer lines are refused, not parsed
_CHUNK = 2**16  # bytes the stdin thread reads at a time
MAX_ID_TAG = 36  # IdToken.value in types/authorization.yaml

# command -> (what follows it, required argument count, optional argument count)
_SYNTAX: dict[str, tuple[str, int, int]] = {
    "plug": ("N", 1, 0),
    "unplug": ("N", 1, 0),
    "pause": ("N", 1, 0),
    "resume": ("N", 1, 0),
    "clear": ("N", 1, 0),
    "fault": ("N [CODE]", 1, 1),
    "tag": ("ID [N]", 1, 1),
    "status": ("", 0, 0),
    "help": ("", 0, 0),
}


class ControlError(ValueError):
    """A control line that cannot be applied; the message says what and where."""


@dataclass(frozen=True)
class ControlCommand:
    action: str
    evse_id: int | None = None
    argument: str | None = None  # the tag of ``tag``, the error type of ``fault``


def parse_command(line: str, connectors: int) -> ControlCommand | None:
    """The command on ``line`` (None for a blank line or a ``#`` comment)."""
    if len(line) > MAX_LINE:
        raise ControlError(f"line too long ({len(line)} characters, at most {MAX_LINE})")
    words = line.split()
    if not words or words[0].startswith("#"):
        return None
    action, arguments = words[0].lower(), words[1:]
    if action not in _SYNTAX:
        raise ControlError(f"unknown command {words[0]!r} (try 'help')")
    usage, required, optional = _SYNTAX[action]
    if not required <= len(arguments) <= required + optional:
        raise ControlError(
            f"'{action}' takes {usage or 'no arguments'}, got {len(arguments)} "
            f"argument{'' if len(arguments) == 1 else 's'}"
        )
    if action in ("status", "help"):
        return ControlCommand(action)
    if action == "tag":
        return _tag(arguments, connectors)
    evse_id = _evse_number(arguments[0], connectors, action)
    if action == "fault":
        fault = arguments[1] if len(arguments) > 1 else DEFAULT_FAULT
        try:
            return ControlCommand(action, evse_id, resolve_fault(fault))
        except UnknownFault as error:
            raise ControlError(f"'fault': {error}") from None
    return ControlCommand(action, evse_id)


def _tag(arguments: list[str], connectors: int) -> ControlCommand:
    id_tag = arguments[0]
    if len(id_tag) > MAX_ID_TAG:
        raise ControlError(
            f"'tag': id {id_tag[:40]!r} is {len(id_tag)} characters, at most " f"{MAX_ID_TAG}"
        )
    evse_id = _evse_number(arguments[1], connectors, "tag") if len(arguments) > 1 else None
    return ControlCommand("tag", evse_id, id_tag)


def _evse_number(text: str, connectors: int, action: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise ControlError(f"'{action}': EVSE number expected, got {text[:40]!r}") from None
    if not 1 <= number <= connectors:
        raise ControlError(f"'{action}': no EVSE {number}, the station has EVSEs 1..{connectors}")
    return number


async def apply_command(station: SimulatedStation, command: ControlCommand) -> str:
    """Do ``command``; the reply line(s)."""
    if command.action == "help":
        return HELP
    if command.action == "status":
        return "\n".join(describe(snapshot) for snapshot in station.state)
    if command.action == "tag":
        assert command.argument is not None
        result = await station.present_tag(command.argument, command.evse_id)
        return f"tag {command.argument}: {result.value}"
    assert command.evse_id is not None
    evse = station.evse(command.evse_id)
    if command.action == "plug":
        await evse.plug_in()
    elif command.action == "unplug":
        await evse.unplug()
    elif command.action == "pause":
        await evse.pause_ev()
    elif command.action == "resume":
        await evse.resume_ev()
    elif command.action == "fault":
        assert command.argument is not None
        await evse.inject_fault(command.argument)
    elif command.action == "clear":
        await evse.clear_fault()
    return describe(evse.state)


def describe(snapshot: EvseSnapshot) -> str:
    car = "car plugged" if snapshot.car_plugged else "no car"
    if snapshot.car_plugged and snapshot.ev_paused:
        car += " (paused)"
    parts = [f"EVSE {snapshot.evse_id}: {snapshot.state}", car]
    if snapshot.id_tag is not None:
        parts.append(f"tag {snapshot.id_tag}")
    parts.append(f"{snapshot.energy_wh:.1f} Wh")
    parts.append(f"{snapshot.power_w:.0f} W")
    if snapshot.faults:
        parts.append("faults " + ",".join(snapshot.faults))
    if not snapshot.enabled:
        parts.append("disabled")
    return ", ".join(parts)


async def read_commands(
    station: SimulatedStation,
    reader: asyncio.StreamReader,
    write: Callable[[str], None] = print,
) -> None:
    """Apply each line of ``reader`` to ``station`` until end of input; replies go to ``write``.

    Lines are applied in order: a ``tag`` is answered (and the next line read) once validated,
    which may wait for the CSMS. A line longer than the reader's limit is answered with one
    ``error:`` line and skipped up to its newline: no part of it is parsed.
    """
    skipping = False  # in the rest of an over-long line
    while True:
        try:
            raw = await reader.readuntil(b"\n")
        except asyncio.IncompleteReadError as end:  # end of input: a last line without "\n"
            if end.partial and not skipping:
                await _apply_line(station, end.partial, write)
            return
        except asyncio.LimitOverrunError as overrun:
            # Left in the buffer: drop what was looked at (up to the newline, if it came).
            await reader.readexactly(overrun.consumed)
            if not skipping:
                write(f"error: line too long (at most {MAX_LINE} characters)")
                skipping = True
            continue
        if skipping:  # the tail of the over-long line, up to and with its newline
            skipping = False
            continue
        await _apply_line(station, raw, write)


async def _apply_line(station: SimulatedStation, raw: bytes, write: Callable[[str], None]) -> None:
    line = raw.decode("utf-8", errors="replace").strip()
    try:
        command = parse_command(line, station.connectors)
        if command is not None:
            write(await apply_command(station, command))
    except ControlError as error:
        write(f"error: {error}")


async def stdin_reader(limit: int = 4 * MAX_LINE) -> asyncio.StreamReader | None:
    """A StreamReader on this process's standard input (for ``read_commands``): a terminal, a
    pipe or a socket directly, anything else (a redirected file, /dev/null) through a reading
    thread. None, logged once at INFO, when the process has no standard input (closed)."""
    loop = asyncio.get_running_loop()
    stdin = sys.stdin
    try:
        descriptor = stdin.fileno() if stdin is not None else -1
        mode = os.fstat(descriptor).st_mode if descriptor >= 0 else None
    except (AttributeError, OSError, ValueError):  # closed, detached, or no descriptor at all
        mode = None
    if stdin is None or mode is None:
        LOGGER.info("no standard input: the simulated station takes no text commands")
        return None
    reader = asyncio.StreamReader(limit=limit)
    # The event loop watches pipes, sockets and terminals; epoll refuses regular files and
    # other character devices (/dev/null), which a thread reads instead.
    pollable = stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or os.isatty(descriptor)
    if pollable:
        try:
            await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), stdin)
            return reader
        except (ValueError, OSError):
            pass
    threading.Thread(
        target=_feed_from_thread, args=(loop, reader, stdin.buffer), name="stdin", daemon=True
    ).start()
    return reader


def _feed_from_thread(
    loop: asyncio.AbstractEventLoop, reader: asyncio.StreamReader, source: BufferedIOBase
) -> None:
    try:
        while chunk := source.read1(_CHUNK):
            loop.call_soon_threadsafe(reader.feed_data, chunk)
    except (OSError, ValueError) as error:  # a read error ends the input like its end
        LOGGER.info("standard input cannot be read: %s", error)
    finally:
        with contextlib.suppress(RuntimeError):  # the loop closed first
            loop.call_soon_threadsafe(reader.feed_eof)
