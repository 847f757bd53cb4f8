"""Old/new EVerest folders for the compatibility report tests, and helpers to build them."""
