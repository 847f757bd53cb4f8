"""A small hand-built interface ("probe") for runtime tests.

Its specs are built by hand from the runtime contract, the way generated code builds them, so
the runtime tests do not depend on the generator.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, ClassVar

from pydantic import Field, TypeAdapter

from everest_py.runtime.contract import (
    ArgumentSpec,
    CommandSpec,
    EverestModel,
    InterfaceSpec,
    VariableSpec,
)


class Reading(EverestModel):
    """A model with an alias (wire name "unit-name") and an optional field."""

    value: float
    unit_name: str = Field(alias="unit-name")
    note: str | None = None


def _argument(name: str, annotation: Any, *, required: bool = True) -> ArgumentSpec:
    return ArgumentSpec(
        name=name,
        py_name=name.replace("-", "_"),
        adapter=TypeAdapter(annotation),
        required=required,
    )


def _command(name: str, arguments: tuple[ArgumentSpec, ...], result: Any | None) -> CommandSpec:
    return CommandSpec(
        name=name,
        py_name=name,
        arguments=arguments,
        result=None if result is None else TypeAdapter(result),
    )


INTERFACE = InterfaceSpec(
    name="probe",
    commands={
        "echo": _command(
            "echo",
            (
                _argument("text", Annotated[str, Field(max_length=10)]),
                _argument("times", int, required=False),
            ),
            str,
        ),
        "store": _command("store", (_argument("reading", Reading),), Reading),
        "wait": _command("wait", (_argument("gate", str),), str),
        "fail": _command("fail", (), None),
        "bad_result": _command("bad_result", (), int),
        "nothing": _command("nothing", (), None),
    },
    variables={
        "count": VariableSpec(name="count", py_name="count", adapter=TypeAdapter(int)),
        "reading": VariableSpec(name="reading", py_name="reading", adapter=TypeAdapter(Reading)),
    },
)


class ProbeHandler:
    """Implements probe; ``wait`` blocks until the test opens the named gate."""

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE

    def __init__(self) -> None:
        self.gates: dict[str, asyncio.Event] = {}
        self.entered: dict[str, asyncio.Event] = {}
        self.cancelled: list[str] = []
        self.stored: list[Reading] = []

    def gate(self, name: str) -> asyncio.Event:
        return self.gates.setdefault(name, asyncio.Event())

    def entered_gate(self, name: str) -> asyncio.Event:
        return self.entered.setdefault(name, asyncio.Event())

    async def handle_echo(self, text: str, times: int | None) -> str:
        return text * (1 if times is None else times)

    async def handle_store(self, reading: Reading) -> Reading:
        self.stored.append(reading)
        return reading

    async def handle_wait(self, gate: str) -> str:
        self.entered_gate(gate).set()
        try:
            await self.gate(gate).wait()
        except asyncio.CancelledError:
            self.cancelled.append(gate)
            raise
        return f"opened {gate}"

    async def handle_fail(self) -> None:
        raise KeyError("no such thing")

    async def handle_bad_result(self) -> int:
        return "not a number"  # type: ignore[return-value]

    async def handle_nothing(self) -> None:
        return None


class ProbeClient:
    """What the generator would emit for probe's Client (keyword names = wire names)."""

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE

    def __init__(self, transport: Any) -> None:
        self._transport = transport

    async def call(self, command: str, timeout: float | None = None, **arguments: Any) -> Any:
        return await self._transport.call(INTERFACE.commands[command], arguments, timeout)

    def subscribe(self, variable: str, callback: Any) -> Any:
        return self._transport.subscribe(INTERFACE.variables[variable], callback)


class ProbePublisher:
    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE

    def __init__(self, transport: Any) -> None:
        self._transport = transport

    def publish(self, variable: str, value: Any) -> None:
        self._transport.publish(INTERFACE.variables[variable], value)
