"""A widget that draws shapes

Generated from interfaces/widget.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    EverestModel,
    InterfaceSpec,
    JsonInt,
    JsonNumber,
    JsonString,
    Omittable,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, Field, TypeAdapter

from ..errors import widget as _errors_widget
from ..types import shapes as _shapes


class PaintBrush(EverestModel):
    """An inline object"""

    model_config = ConfigDict(extra="allow")

    size: Omittable[JsonInt] = Field(default=None, description="Brush size")


class PaintFinish(StrEnum):
    """An inline enum"""

    matte = "matte"
    glossy = "glossy"


class WidgetHandler(abc.ABC):
    """Provides widget: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_draw(self, shape: _shapes.Shape, scale: float) -> _shapes.Shape:
        """Draws a shape

        Args:
            shape: What to draw
            scale: Scale factor

        Returns:
            The shape as drawn
        """

    @abc.abstractmethod
    async def handle_reset(self) -> None:
        """Resets the widget; no arguments, no result"""

    @abc.abstractmethod
    async def handle_count(self) -> int:
        """Counts the shapes drawn

        Returns:
            Number of shapes
        """

    @abc.abstractmethod
    async def handle_paint(
        self,
        class_: str,
        timeout_: float,
        brush: PaintBrush,
        finish: PaintFinish,
    ) -> list[_shapes.Color]:
        """Arguments whose names need care, and inline schemas

        Args:
            class_: A Python keyword as argument name
            timeout_: Collides with the client's own timeout keyword
            brush: An inline object
            finish: An inline enum

        Returns:
            Colours used
        """


class WidgetPublisher:
    """Publishes the variables of widget, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_ready(self, value: None = None) -> None:
        """Published once when the widget is ready"""
        self._transport.publish(INTERFACE.variables["ready"], value)

    def publish_shape(self, value: _shapes.Shape) -> None:
        """The last shape drawn"""
        self._transport.publish(INTERFACE.variables["shape"], value)

    def publish_count(self, value: int) -> None:
        """Same name as a command"""
        self._transport.publish(INTERFACE.variables["count"], value)


class WidgetClient:
    """Calls the commands of a module providing widget, subscribes to its variables.

    What each command and variable means is documented on ``WidgetHandler`` and
    ``WidgetPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def draw(
        self,
        shape: _shapes.Shape,
        scale: float,
        *,
        timeout: float | None = None,
    ) -> _shapes.Shape:
        """Call ``draw``: see ``WidgetHandler.handle_draw``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["draw"],
            {"shape": shape, "scale": scale},
            timeout,
        )
        return cast(_shapes.Shape, result)

    async def reset(self, *, timeout: float | None = None) -> None:
        """Call ``reset``: see ``WidgetHandler.handle_reset``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["reset"], {}, timeout)

    async def count(self, *, timeout: float | None = None) -> int:
        """Call ``count``: see ``WidgetHandler.handle_count``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["count"], {}, timeout)
        return cast(int, result)

    async def paint(
        self,
        class_: str,
        timeout_: float,
        brush: PaintBrush,
        finish: PaintFinish,
        *,
        timeout: float | None = None,
    ) -> list[_shapes.Color]:
        """Call ``paint``: see ``WidgetHandler.handle_paint``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["paint"],
            {"class": class_, "timeout": timeout_, "brush": brush, "finish": finish},
            timeout,
        )
        return cast(list[_shapes.Color], result)

    def subscribe_ready(self, callback: Callable[[None], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every value published: see ``WidgetPublisher.publish_ready``."""
        return self._transport.subscribe(INTERFACE.variables["ready"], callback)

    def subscribe_shape(
        self,
        callback: Callable[[_shapes.Shape], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see ``WidgetPublisher.publish_shape``."""
        return self._transport.subscribe(INTERFACE.variables["shape"], callback)

    def subscribe_count(self, callback: Callable[[int], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every value published: see ``WidgetPublisher.publish_count``."""
        return self._transport.subscribe(INTERFACE.variables["count"], callback)


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_widget.WidgetError.Jammed,
    _errors_widget.WidgetError.Overheated,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="widget",
    commands={
        "draw": CommandSpec(
            name="draw",
            py_name="draw",
            arguments=(
                ArgumentSpec(name="shape", py_name="shape", adapter=TypeAdapter(_shapes.Shape)),
                ArgumentSpec(
                    name="scale",
                    py_name="scale",
                    adapter=TypeAdapter(
                        Annotated[JsonNumber, Field(ge=0, le=10)],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(_shapes.Shape),
        ),
        "reset": CommandSpec(
            name="reset",
            py_name="reset",
            arguments=(),
            result=None,
        ),
        "count": CommandSpec(
            name="count",
            py_name="count",
            arguments=(),
            result=TypeAdapter(JsonInt, config=_DEFERRED),
        ),
        "paint": CommandSpec(
            name="paint",
            py_name="paint",
            arguments=(
                ArgumentSpec(
                    name="class",
                    py_name="class_",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
                ArgumentSpec(
                    name="timeout",
                    py_name="timeout_",
                    adapter=TypeAdapter(JsonNumber, config=_DEFERRED),
                ),
                ArgumentSpec(name="brush", py_name="brush", adapter=TypeAdapter(PaintBrush)),
                ArgumentSpec(name="finish", py_name="finish", adapter=TypeAdapter(PaintFinish)),
            ),
            result=TypeAdapter(list[_shapes.Color], config=_DEFERRED),
        ),
    },
    variables={
        "ready": VariableSpec(
            name="ready",
            py_name="ready",
            adapter=TypeAdapter(None, config=_DEFERRED),
        ),
        "shape": VariableSpec(name="shape", py_name="shape", adapter=TypeAdapter(_shapes.Shape)),
        "count": VariableSpec(
            name="count",
            py_name="count",
            adapter=TypeAdapter(JsonInt, config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
WidgetHandler.INTERFACE = INTERFACE
WidgetHandler.ERRORS = RAISABLE_ERRORS
WidgetPublisher.INTERFACE = INTERFACE
WidgetPublisher.ERRORS = RAISABLE_ERRORS
WidgetClient.INTERFACE = INTERFACE
WidgetClient.ERRORS = RAISABLE_ERRORS
