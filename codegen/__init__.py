"""Generator of typed Python bindings for EVerest interface, type and error files."""
