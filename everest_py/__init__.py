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

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    # Looked up on first use: importlib.metadata costs ~50 ms of every start-up otherwise.
    if name != "__version__":
        raise AttributeError(f"module 'everest_py' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("everest-py")
    except PackageNotFoundError:  # a source tree that was never installed
        return "0.0.0+unknown"
