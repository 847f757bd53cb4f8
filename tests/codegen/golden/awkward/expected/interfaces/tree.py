"""Generated names that meet the module's own

Generated from interfaces/tree.yaml. Do not edit: regenerate.
"""

import abc
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    EverestModel,
    InterfaceSpec,
    JsonInt,
    JsonString,
    Omittable,
    PublisherTransport,
    Subscription,
    VariableSpec,
)
from pydantic import ConfigDict, TypeAdapter

from ..types import tree as _tree


class TreeHandler2(StrEnum):
    """An enum"""

    a = "a"
    b = "b"


class ClassVar2(StrEnum):
    """An enum"""

    c = "c"
    d = "d"


class TypeAdapter2(EverestModel):
    """An object"""

    model_config = ConfigDict(extra="allow")

    z: Omittable[JsonInt] = None


class TreeHandler(abc.ABC):
    """Provides tree: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_tree(self, handler: TreeHandler2, str_: str) -> list[str]:
        """Its argument handler would be the enum TreeHandler

        Args:
            handler: An enum
            str_: Named like the builtin the result's type uses

        Returns:
            Texts
        """

    @abc.abstractmethod
    async def handle_class_(self, var: ClassVar2, _tree_: int) -> _tree.Node:
        """Its argument var would be the enum ClassVar

        Args:
            var: An enum
            _tree_: Named like the module the result's type is in

        Returns:
            A node
        """

    @abc.abstractmethod
    async def handle_type(self, adapter: TypeAdapter2) -> None:
        """Its argument adapter would be the model TypeAdapter

        Args:
            adapter: An object
        """


class TreePublisher:
    """Publishes the variables of tree, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport

    def publish_forest(self, value: list[_tree.Children]) -> None:
        """Lists of nodes"""
        self._transport.publish(INTERFACE.variables["forest"], value)


class TreeClient:
    """Calls the commands of a module providing tree, subscribes to its variables.

    What each command and variable means is documented on ``TreeHandler`` and
    ``TreePublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def tree(
        self,
        handler: TreeHandler2,
        str_: str,
        *,
        timeout: float | None = None,
    ) -> list[str]:
        """Call ``tree``: see ``TreeHandler.handle_tree``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["tree"],
            {"handler": handler, "str": str_},
            timeout,
        )
        return cast(list[str], result)

    async def class_(
        self,
        var: ClassVar2,
        _tree_: int,
        *,
        timeout: float | None = None,
    ) -> _tree.Node:
        """Call ``class``: see ``TreeHandler.handle_class_``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(
            INTERFACE.commands["class"],
            {"var": var, "_tree": _tree_},
            timeout,
        )
        return cast(_tree.Node, result)

    async def type(self, adapter: TypeAdapter2, *, timeout: float | None = None) -> None:
        """Call ``type``: see ``TreeHandler.handle_type``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["type"], {"adapter": adapter}, timeout)

    def subscribe_forest(
        self,
        callback: Callable[[list[_tree.Children]], Awaitable[None] | None],
    ) -> Subscription:
        """Call ``callback`` with every value published: see ``TreePublisher.publish_forest``."""
        return self._transport.subscribe(INTERFACE.variables["forest"], callback)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="tree",
    commands={
        "tree": CommandSpec(
            name="tree",
            py_name="tree",
            arguments=(
                ArgumentSpec(name="handler", py_name="handler", adapter=TypeAdapter(TreeHandler2)),
                ArgumentSpec(
                    name="str",
                    py_name="str_",
                    adapter=TypeAdapter(JsonString, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(list[JsonString], config=_DEFERRED),
        ),
        "class": CommandSpec(
            name="class",
            py_name="class_",
            arguments=(
                ArgumentSpec(name="var", py_name="var", adapter=TypeAdapter(ClassVar2)),
                ArgumentSpec(
                    name="_tree",
                    py_name="_tree_",
                    adapter=TypeAdapter(JsonInt, config=_DEFERRED),
                ),
            ),
            result=TypeAdapter(_tree.Node),
        ),
        "type": CommandSpec(
            name="type",
            py_name="type",
            arguments=(
                ArgumentSpec(name="adapter", py_name="adapter", adapter=TypeAdapter(TypeAdapter2)),
            ),
            result=None,
        ),
    },
    variables={
        "forest": VariableSpec(
            name="forest",
            py_name="forest",
            adapter=TypeAdapter(list[_tree.Children], config=_DEFERRED),
        ),
    },
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
TreeHandler.INTERFACE = INTERFACE
TreeHandler.ERRORS = RAISABLE_ERRORS
TreePublisher.INTERFACE = INTERFACE
TreePublisher.ERRORS = RAISABLE_ERRORS
TreeClient.INTERFACE = INTERFACE
TreeClient.ERRORS = RAISABLE_ERRORS
