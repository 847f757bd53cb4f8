"""A widget that draws shapes

Generated from interfaces/widget.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Annotated, ClassVar, cast

from pydantic import ConfigDict, Field, TypeAdapter

from .._support import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    EverestModel,
    InterfaceSpec,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from ..errors import widget as _errors_widget
from ..types import shapes as _shapes


class PaintBrush(EverestModel):
    """An inline object"""

    model_config = ConfigDict(extra="allow")

    size: int | None = None
    """Brush size"""


class PaintFinish(StrEnum):
    """An inline enum"""

    matte = "matte"
    glossy = "glossy"


RAISABLE_ERRORS: tuple[str, ...] = (
    _errors_widget.WidgetError.Jammed,
    _errors_widget.WidgetError.Overheated,
)
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

INTERFACE = InterfaceSpec(
    name="widget",
    description="A widget that draws shapes",
    commands={
        "draw": CommandSpec(
            name="draw",
            py_name="draw",
            description="Draws a shape",
            arguments=(
                ArgumentSpec(
                    name="shape",
                    py_name="shape",
                    description="What to draw",
                    adapter=TypeAdapter(_shapes.Shape),
                ),
                ArgumentSpec(
                    name="scale",
                    py_name="scale",
                    description="Scale factor",
                    adapter=TypeAdapter(Annotated[float, Field(ge=0, le=10)]),
                ),
            ),
            result=TypeAdapter(_shapes.Shape),
            result_description="The shape as drawn",
            handler_method="handle_draw",
        ),
        "reset": CommandSpec(
            name="reset",
            py_name="reset",
            description="Resets the widget; no arguments, no result",
            arguments=(),
            result=None,
            result_description="",
            handler_method="handle_reset",
        ),
        "count": CommandSpec(
            name="count",
            py_name="count",
            description="Counts the shapes drawn",
            arguments=(),
            result=TypeAdapter(int),
            result_description="Number of shapes",
            handler_method="handle_count",
        ),
        "paint": CommandSpec(
            name="paint",
            py_name="paint",
            description="Arguments whose names need care, and inline schemas",
            arguments=(
                ArgumentSpec(
                    name="class",
                    py_name="class_",
                    description="A Python keyword as argument name",
                    adapter=TypeAdapter(str),
                ),
                ArgumentSpec(
                    name="timeout",
                    py_name="timeout_",
                    description="Collides with the client's own timeout keyword",
                    adapter=TypeAdapter(float),
                ),
                ArgumentSpec(
                    name="brush",
                    py_name="brush",
                    description="An inline object",
                    adapter=TypeAdapter(PaintBrush),
                ),
                ArgumentSpec(
                    name="finish",
                    py_name="finish",
                    description="An inline enum",
                    adapter=TypeAdapter(PaintFinish),
                ),
            ),
            result=TypeAdapter(list[_shapes.Color]),
            result_description="Colours used",
            handler_method="handle_paint",
        ),
    },
    variables={
        "ready": VariableSpec(
            name="ready",
            py_name="ready",
            description="Published once when the widget is ready",
            adapter=TypeAdapter(None),
        ),
        "shape": VariableSpec(
            name="shape",
            py_name="shape",
            description="The last shape drawn",
            adapter=TypeAdapter(_shapes.Shape),
        ),
        "count": VariableSpec(
            name="count",
            py_name="count",
            description="Same name as a command",
            adapter=TypeAdapter(int),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""


class WidgetHandler(abc.ABC):
    """Provides widget: implement every ``handle_*`` method.

    A widget that draws shapes
    """

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE
    ERRORS: ClassVar[tuple[str, ...]] = RAISABLE_ERRORS

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
        self, class_: str, timeout_: float, brush: PaintBrush, finish: PaintFinish
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
    """Publishes the variables of widget.

    For the module that provides the interface.
    """

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE
    ERRORS: ClassVar[tuple[str, ...]] = RAISABLE_ERRORS

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
    """Uses a module that provides widget.

    Calls its commands and subscribes to its variables.
    """

    INTERFACE: ClassVar[InterfaceSpec] = INTERFACE
    ERRORS: ClassVar[tuple[str, ...]] = RAISABLE_ERRORS

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def draw(
        self, shape: _shapes.Shape, scale: float, *, timeout: float | None = None
    ) -> _shapes.Shape:
        """Draws a shape

        Args:
            shape: What to draw
            scale: Scale factor
            timeout: Seconds to wait for the result; None uses the module's default.

        Returns:
            The shape as drawn
        """
        result = await self._transport.call(
            INTERFACE.commands["draw"],
            {
                "shape": shape,
                "scale": scale,
            },
            timeout,
        )
        return cast(_shapes.Shape, result)

    async def reset(self, *, timeout: float | None = None) -> None:
        """Resets the widget; no arguments, no result

        Args:
            timeout: Seconds to wait for the result; None uses the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["reset"],
            {},
            timeout,
        )

    async def count(self, *, timeout: float | None = None) -> int:
        """Counts the shapes drawn

        Args:
            timeout: Seconds to wait for the result; None uses the module's default.

        Returns:
            Number of shapes
        """
        result = await self._transport.call(
            INTERFACE.commands["count"],
            {},
            timeout,
        )
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
        """Arguments whose names need care, and inline schemas

        Args:
            class_: A Python keyword as argument name
            timeout_: Collides with the client's own timeout keyword
            brush: An inline object
            finish: An inline enum
            timeout: Seconds to wait for the result; None uses the module's default.

        Returns:
            Colours used
        """
        result = await self._transport.call(
            INTERFACE.commands["paint"],
            {
                "class": class_,
                "timeout": timeout_,
                "brush": brush,
                "finish": finish,
            },
            timeout,
        )
        return cast(list[_shapes.Color], result)

    def subscribe_ready(self, callback: Callable[[None], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every published value of ready.

        Published once when the widget is ready
        """
        return self._transport.subscribe(INTERFACE.variables["ready"], callback)

    def subscribe_shape(
        self, callback: Callable[[_shapes.Shape], Awaitable[None] | None]
    ) -> Subscription:
        """Call ``callback`` with every published value of shape.

        The last shape drawn
        """
        return self._transport.subscribe(INTERFACE.variables["shape"], callback)

    def subscribe_count(self, callback: Callable[[int], Awaitable[None] | None]) -> Subscription:
        """Call ``callback`` with every published value of count.

        Same name as a command
        """
        return self._transport.subscribe(INTERFACE.variables["count"], callback)
