"""Serving one implementation: validated arguments in, handler call, validated result out."""

import asyncio
import inspect
import logging
from collections.abc import Coroutine, Mapping
from typing import Any, TypeVar

from .contract import CommandSpec, InterfaceSpec
from .errors import CommandError, HandlerException
from .validation import decode_arguments, validate_result

__all__ = ["Provider"]

_log = logging.getLogger(__name__)
_T = TypeVar("_T")


class Provider:
    """A handler instance serving the interface in its ``INTERFACE`` as ``module_id``/``impl_id``.

    Every call runs as its own task, so a slow handler does not hold up other
    calls; ``stop`` cancels the calls still running.
    """

    def __init__(self, module_id: str, impl_id: str, handler: Any) -> None:
        interface = getattr(handler, "INTERFACE", None)
        if not isinstance(interface, InterfaceSpec):
            raise TypeError(
                f"{type(handler).__name__} has no INTERFACE: pass an instance of a generated "
                "Handler subclass"
            )
        self.module_id = module_id
        self.impl_id = impl_id
        self.interface: InterfaceSpec = interface
        self.identifier = f"{module_id}:{impl_id}"
        self._methods: dict[str, Any] = {}
        for command in interface.commands.values():
            method = getattr(handler, command.handler_method, None)
            if method is None or not inspect.iscoroutinefunction(method):
                raise TypeError(
                    f"{type(handler).__name__}.{command.handler_method} must be an async method "
                    f"(command '{command.name}' of {interface.name})"
                )
            if getattr(method, "__isabstractmethod__", False):
                raise TypeError(
                    f"{type(handler).__name__} does not implement {command.handler_method}"
                )
            self._methods[command.name] = method
        self._tasks: set[asyncio.Task[Any]] = set()

    async def invoke(self, command: CommandSpec, wire_arguments: Mapping[str, Any]) -> Any:
        """Run one call; return the validated result or raise a CommandError."""
        keyword_arguments = decode_arguments(command, wire_arguments, target=self.identifier)
        try:
            result = await self._methods[command.name](**keyword_arguments)
        except CommandError as error:
            if error.EVENT is None:
                raise HandlerException(command.name, str(error), target=self.identifier) from error
            # The handler's own nested call failed: forward its event, as EVerest does.
            raise type(error)(command.name, str(error), target=self.identifier) from error
        except Exception as error:
            _log.exception("handler of %s->%s raised", self.identifier, command.name)
            raise HandlerException(
                command.name, f"{type(error).__name__}: {error}", target=self.identifier
            ) from error
        return validate_result(command, result, target=self.identifier)

    def spawn(self, call: Coroutine[Any, Any, _T]) -> asyncio.Task[_T]:
        """Run ``call`` as a task that ``stop`` will cancel if it is still running."""
        task = asyncio.get_running_loop().create_task(call)
        self._tasks.add(task)
        task.add_done_callback(self._forget)
        return task

    def _forget(self, task: "asyncio.Task[Any]") -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            # Retrieved here so a result nobody waited for (caller timed out) is not reported.
            task.exception()

    @property
    def calls_in_flight(self) -> int:
        return len(self._tasks)

    async def stop(self) -> None:
        """Cancel the calls still running and wait until they have ended."""
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
