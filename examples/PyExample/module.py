#!/usr/bin/env python3
"""PyExample: an EVerest module in Python, started by the manager like a C++ one.

The manager runs ``<modules_dir>/PyExample/module.py`` with the folder's ``.venv/bin/python3``
(``make everest-install`` links it to everest-py's) and the ``EV_*`` environment.
"""

from __future__ import annotations

import logging
import sys

from everest_py.generated.errors.example import ExampleError
from everest_py.generated.interfaces.example import (
    ExampleClient,
    ExampleHandler,
    ExamplePublisher,
)
from everest_py.generated.interfaces.example_error_framework import (
    ExampleErrorFrameworkHandler,
)
from everest_py.generated.interfaces.kvs import KvsClient
from everest_py.runtime import ModuleContext, ModuleHooks, run_module
from everest_py.runtime.hosting import ImplementationContext

log = logging.getLogger("PyExample")


class Example(ExampleHandler):
    """``uses_something(key)``: does the kvs (C++ Store) hold ``key``? Keys ``raise_*`` and
    ``clear_*`` also raise and clear ExampleErrorA, so a caller can trigger an error."""

    def __init__(self, kvs: KvsClient, errors: ImplementationContext, greeting: str) -> None:
        self.kvs = kvs
        self.errors = errors
        self.greeting = greeting

    async def handle_uses_something(self, key: str) -> bool:
        if key.startswith("raise_"):
            await self.errors.raise_error(ExampleError.ExampleErrorA, message=key)
        elif key.startswith("clear_"):
            await self.errors.clear_error(ExampleError.ExampleErrorA)
        found = await self.kvs.exists(key=key)
        log.info("%s: uses_something(%s) -> %s", self.greeting, key, found)
        return found


class Errors(ExampleErrorFrameworkHandler):
    """No commands: the implementation exists to raise example errors on."""


class PyExample(ModuleHooks):
    async def setup(self, ctx: ModuleContext) -> None:
        self.kvs = ctx.require(KvsClient, "kvs")
        self.example = ctx.require(ExampleClient, "example")
        errors = ctx.provide("errors", Errors())
        greeting = str(ctx.module_values.get("greeting", "hello"))
        main = ctx.provide("main", Example(self.kvs, errors, greeting))
        # Held until GlobalReady (peers subscribe during their start-up), then published.
        main.publisher(ExamplePublisher).publish_max_current(16.0)

    async def ready(self) -> None:
        await self.kvs.store(key="py_example", value={"ready": True})
        stored = await self.kvs.load(key="py_example")
        log.info("PyExample: Store load -> %s", stored)
        answer = await self.example.uses_something(key="py_example")
        log.info("PyExample: Example uses_something -> %s", answer)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(name)s %(message)s")
    raise SystemExit(run_module(PyExample()))
