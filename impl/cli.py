"""`python -m everest_py.ocpp16` / `ocpp16-charge-point`: run the charge point, print the key table, or run
the demo."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .config_store import StateFileError
from .configuration import ConfigurationError
from .security.log import SecurityLogError
from .security.profiles import SecurityProfileError
from .security.store import SecurityStoreError
from .settings import Settings, SettingsError, build_settings, read_config_file

EXIT_USAGE = 2
LOGGER = logging.getLogger("everest_py.ocpp16")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="ocpp16-charge-point", description="An OCPP 1.6-J charge point."
    )
    commands = top.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="connect to a CSMS and serve the interface")
    run.add_argument("--csms", dest="csms_url", help="CSMS URL, e.g. ws://host:9000/ocpp")
    run.add_argument("--id", dest="charge_point_id", help="charge point id (appended to the URL)")
    run.add_argument("--config", type=Path, help="YAML or TOML config file")
    run.add_argument("--data-dir", dest="data_dir", help="where state is kept")
    run.add_argument("--connectors", type=int, help="number of connectors")
    run.add_argument("--vendor", help="BootNotification chargePointVendor")
    run.add_argument("--model", help="BootNotification chargePointModel")
    run.add_argument("--serial-number", dest="serial_number", help="chargePointSerialNumber")
    run.add_argument("--firmware-version", dest="firmware_version", help="firmwareVersion")
    run.add_argument("--mqtt", help="serve the interface over EVerest MQTT at HOST:PORT")
    run.add_argument("--module-id", dest="module_id", help="EVerest module id (with --mqtt)")
    run.add_argument("--impl-id", dest="impl_id", help="implementation id (default main)")
    run.add_argument("--log-level", dest="log_level", help="DEBUG, INFO, WARNING or ERROR")
    commands.add_parser("keys-table", help="print the configuration key table (markdown)")
    commands.add_parser("demo", help="run a demo CSMS and the charge point against it")
    return top


def load_settings(arguments: argparse.Namespace) -> Settings:
    document: dict[str, Any] = {}
    source = "command line"
    if arguments.config is not None:
        document = read_config_file(arguments.config)
        source = str(arguments.config)
    names = (
        "csms_url", "charge_point_id", "data_dir", "connectors", "vendor", "model",
        "serial_number", "firmware_version", "mqtt", "module_id", "impl_id", "log_level",
    )  # fmt: skip
    overrides = {name: getattr(arguments, name) for name in names}
    return build_settings(document, overrides, source)


async def run(settings: Settings) -> None:
    from .app import ChargePointApp

    app = ChargePointApp(settings)
    finished = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, finished.set)
    await app.start()
    LOGGER.info(
        "charge point %s running (%s); Ctrl-C to stop",
        settings.charge_point_id,
        "MQTT" if settings.mqtt else "in-process",
    )
    try:
        await finished.wait()
    finally:
        LOGGER.info("shutting down")
        await app.close()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    if arguments.command == "keys-table":
        from .keys_table import markdown_table

        sys.stdout.write(markdown_table())
        return 0
    if arguments.command == "demo":
        from .demo import main as demo_main

        return demo_main()
    try:
        settings = load_settings(arguments)
        logging.basicConfig(
            level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        asyncio.run(run(settings))
    except (SettingsError, StateFileError, ConfigurationError) as error:
        print(f"ocpp16-charge-point: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (SecurityStoreError, SecurityLogError) as error:
        # The message names the file; it is left as found for the operator to inspect.
        print(f"ocpp16-charge-point: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SecurityProfileError as error:
        print(f"ocpp16-charge-point: security profile: {error}", file=sys.stderr)
        return EXIT_USAGE
    return 0
