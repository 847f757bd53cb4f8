"""everest-py: typed Python for EVerest.

One import root for the project's parts:

- ``everest_py.codegen``: the binding generator (EVerest YAML → Pydantic models, Handlers,
  Publishers, Clients); extra ``[codegen]``.
- ``everest_py.runtime``: runs generated bindings in-process or over EVerest's MQTT protocol;
  the base install (``[mqtt]`` for the broker transport).
- ``everest_py.generated``: the bindings generated from this project's ``interfaces/`` and
  ``types/``.
- ``everest_py.ocpp16``: the OCPP 1.6-J charge point; extra ``[ocpp]``.

Not to be confused with EVerest's own ``everestpy`` (the C++ framework's Python binding): this
package is pure Python and speaks EVerest's MQTT protocol itself.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("everest-py")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
