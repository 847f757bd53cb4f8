"""This interface defines a simple key-value-store interface

Generated from interfaces/kvs.yaml. Do not edit: regenerate.
"""

import abc
import re
from typing import Annotated, ClassVar, cast

from everest_py.runtime.contract import (
    ArgumentSpec,
    ClientTransport,
    CommandSpec,
    InterfaceSpec,
    JsonBool,
    JsonString,
    PublisherTransport,
)
from pydantic import ConfigDict, Field, JsonValue, TypeAdapter


class KvsHandler(abc.ABC):
    """Provides kvs: implement every ``handle_*`` method."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    @abc.abstractmethod
    async def handle_store(self, key: str, value: JsonValue) -> None:
        """This command stores a value under a given key

        Args:
            key: Key to store the value for
            value: Value to store
        """

    @abc.abstractmethod
    async def handle_load(self, key: str) -> JsonValue:
        """This command loads the previously stored value for a given key (it will return null if
        the key does not exist)

        Args:
            key: Key to load the value for

        Returns:
            The previously stored value
        """

    @abc.abstractmethod
    async def handle_delete(self, key: str) -> None:
        """This command removes the value stored under a given key

        Args:
            key: Key to delete the value for
        """

    @abc.abstractmethod
    async def handle_exists(self, key: str) -> bool:
        """This command checks if something is stored under a given key

        Args:
            key: Key to check the existence for

        Returns:
            Returns 'True' if something was stored for this key
        """


class KvsPublisher:
    """Publishes the variables of kvs, for the module that provides it."""

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: PublisherTransport) -> None:
        self._transport = transport


class KvsClient:
    """Calls the commands of a module providing kvs, subscribes to its variables.

    What each command and variable means is documented on ``KvsHandler`` and ``KvsPublisher``.
    """

    INTERFACE: ClassVar[InterfaceSpec]
    ERRORS: ClassVar[tuple[str, ...]]

    def __init__(self, transport: ClientTransport) -> None:
        self._transport = transport

    async def store(self, key: str, value: JsonValue, *, timeout: float | None = None) -> None:
        """Call ``store``: see ``KvsHandler.handle_store``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(
            INTERFACE.commands["store"],
            {"key": key, "value": value},
            timeout,
        )

    async def load(self, key: str, *, timeout: float | None = None) -> JsonValue:
        """Call ``load``: see ``KvsHandler.handle_load``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["load"], {"key": key}, timeout)
        return cast(JsonValue, result)

    async def delete(self, key: str, *, timeout: float | None = None) -> None:
        """Call ``delete``: see ``KvsHandler.handle_delete``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        await self._transport.call(INTERFACE.commands["delete"], {"key": key}, timeout)

    async def exists(self, key: str, *, timeout: float | None = None) -> bool:
        """Call ``exists``: see ``KvsHandler.handle_exists``.

        ``timeout`` is in seconds; None waits as long as the module's default.
        """
        result = await self._transport.call(INTERFACE.commands["exists"], {"key": key}, timeout)
        return cast(bool, result)


RAISABLE_ERRORS: tuple[str, ...] = ()
"""Error types (``<error file>/<Name>``) a module providing this interface may raise."""

# Adapters of other types than models build their validators on first use, as models do.
_DEFERRED = ConfigDict(defer_build=True)

INTERFACE = InterfaceSpec(
    name="kvs",
    commands={
        "store": CommandSpec(
            name="store",
            py_name="store",
            arguments=(
                ArgumentSpec(
                    name="key",
                    py_name="key",
                    adapter=TypeAdapter(
                        Annotated[JsonString, Field(pattern=re.compile("^[A-Za-z0-9_.]*\\Z"))],
                        config=_DEFERRED,
                    ),
                ),
                ArgumentSpec(
                    name="value",
                    py_name="value",
                    adapter=TypeAdapter(JsonValue, config=_DEFERRED),
                ),
            ),
            result=None,
        ),
        "load": CommandSpec(
            name="load",
            py_name="load",
            arguments=(
                ArgumentSpec(
                    name="key",
                    py_name="key",
                    adapter=TypeAdapter(
                        Annotated[JsonString, Field(pattern=re.compile("^[A-Za-z0-9_.]+\\Z"))],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(JsonValue, config=_DEFERRED),
        ),
        "delete": CommandSpec(
            name="delete",
            py_name="delete",
            arguments=(
                ArgumentSpec(
                    name="key",
                    py_name="key",
                    adapter=TypeAdapter(
                        Annotated[JsonString, Field(pattern=re.compile("^[A-Za-z0-9_.]+\\Z"))],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=None,
        ),
        "exists": CommandSpec(
            name="exists",
            py_name="exists",
            arguments=(
                ArgumentSpec(
                    name="key",
                    py_name="key",
                    adapter=TypeAdapter(
                        Annotated[JsonString, Field(pattern=re.compile("^[A-Za-z0-9_.]+\\Z"))],
                        config=_DEFERRED,
                    ),
                ),
            ),
            result=TypeAdapter(JsonBool, config=_DEFERRED),
        ),
    },
    variables={},
    errors=RAISABLE_ERRORS,
)
"""Machine-readable description of this interface, used by the runtime to dispatch calls."""

# The spec comes last so the classes read first; they get it here.
KvsHandler.INTERFACE = INTERFACE
KvsHandler.ERRORS = RAISABLE_ERRORS
KvsPublisher.INTERFACE = INTERFACE
KvsPublisher.ERRORS = RAISABLE_ERRORS
KvsClient.INTERFACE = INTERFACE
KvsClient.ERRORS = RAISABLE_ERRORS
