"""Running a module the EVerest way: started by the manager (or standalone next to it),
configured from the manager's answer, ready when every module is. See docs/runtime.md."""

from .context import ImplementationContext, ModuleContext, QueuedPublisher
from .entry import (
    EXIT_FAILED,
    EverestModule,
    ModuleHooks,
    ModuleHooksProtocol,
    StopReason,
    run_module,
)
from .errors import ErrorCallback
from .joining import JoinError

__all__ = [
    "EXIT_FAILED",
    "ErrorCallback",
    "EverestModule",
    "ImplementationContext",
    "JoinError",
    "ModuleContext",
    "ModuleHooks",
    "ModuleHooksProtocol",
    "QueuedPublisher",
    "StopReason",
    "run_module",
]
