"""`python -m everest_py.ocpp16` / `ocpp16-charge-point`: run the charge point, print the key
table, or run the demo."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import sys
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any

from everest_py.runtime import stop_signals

from .settings import (
    LOG_LEVELS,
    Settings,
    SettingsError,
    build_settings,
    naming_config_file,
    read_config_file,
)

PROGRAM = "ocpp16-charge-point"
DISTRIBUTION = "everest-py"
EXIT_USAGE = 2
LOGGER = logging.getLogger("everest_py.ocpp16")
# The flags of `run` that override a setting of the config file, by setting name.
OVERRIDES = (
    "csms_url", "charge_point_id", "data_dir", "connectors", "vendor", "model",
    "serial_number", "firmware_version", "mqtt", "module_id", "impl_id", "log_level",
    "simulate",
)  # fmt: skip


def distribution_version() -> str:
    # Imported here: importlib.metadata costs tens of ms at start-up, for --version only.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # Run from a source tree that was never installed.
        return "unknown"


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line; `command`: only that command is built, with its flags (every parser
    argparse makes looks up its message translations on disk: a few milliseconds of a start
    for the commands not run). None builds them all, for the top-level --help."""
    top = argparse.ArgumentParser(prog=PROGRAM, description="An OCPP 1.6-J charge point.")
    _add_version(top)
    commands = top.add_subparsers(dest="command", required=True)
    for name, (help_text, add_flags) in COMMANDS.items():
        if command not in (None, name):
            continue
        sub = commands.add_parser(name, help=help_text)
        if add_flags is not None:
            add_flags(sub)
        _add_version(sub)
    return top


def _add_run(run: argparse.ArgumentParser) -> None:
    run.add_argument("--csms", dest="csms_url", help="CSMS URL, e.g. ws://host:9000/ocpp")
    run.add_argument("--id", dest="charge_point_id", help="charge point id (appended to the URL)")
    run.add_argument("--config", type=Path, help="YAML or TOML config file")
    run.add_argument("--data-dir", dest="data_dir", help="where state is kept")
    run.add_argument("--connectors", type=int, help="number of connectors")
    run.add_argument("--vendor", help="BootNotification chargePointVendor")
    run.add_argument("--model", help="BootNotification chargePointModel")
    run.add_argument("--serial-number", dest="serial_number", help="chargePointSerialNumber")
    run.add_argument("--firmware-version", dest="firmware_version", help="firmwareVersion")
    run.add_argument("--mqtt", help="serve the EVerest interface over MQTT at HOST:PORT")
    run.add_argument("--module-id", dest="module_id", help="EVerest module id (with --mqtt)")
    run.add_argument("--impl-id", dest="impl_id", help="implementation id (default main)")
    run.add_argument(
        "--simulate", action="store_const", const=True,
        help="charge through a simulated station (one EVSE per connector), controlled from stdin",
    )  # fmt: skip
    run.add_argument(
        "--log-level", dest="log_level", type=str.upper, choices=LOG_LEVELS, help="default INFO"
    )


def _add_fleet(fleet: argparse.ArgumentParser) -> None:
    fleet.add_argument("--csms", dest="csms_url", help="CSMS URL, e.g. ws://host:9000/ocpp")
    fleet.add_argument("--count", type=_positive, required=True, help="how many charge points")
    fleet.add_argument(
        "--id-pattern", default="CP{n:05d}", help="ids: a format with field n (default CP{n:05d})"
    )
    fleet.add_argument("--first", type=int, default=1, help="n of the first id (default 1)")
    fleet.add_argument("--config", type=Path, help="YAML or TOML config file, for every one")
    fleet.add_argument(
        "--data-dir", dest="data_dir", type=Path, help="holds one directory per id (default "
        "the config's data_dir, else ocpp16-data)",
    )  # fmt: skip
    pace = fleet.add_mutually_exclusive_group()
    pace.add_argument("--ramp", type=_seconds, default=0.0, help="seconds from first to last start")
    pace.add_argument("--rate", type=_seconds, help="starts per second (instead of --ramp)")
    fleet.add_argument(
        "--processes",
        type=_count_or_zero,
        default=1,
        help="worker processes (0: one per core; default 1)",
    )
    fleet.add_argument("--connectors", type=int, help="number of connectors of each")
    fleet.add_argument(
        "--simulate", action="store_const", const=True,
        help="each charge point charges through a simulated station of its own",
    )  # fmt: skip
    fleet.add_argument(
        "--summary-interval", type=_interval, default=5.0,
        help="seconds between summary lines (more than 0; default 5)",
    )  # fmt: skip
    fleet.add_argument(
        "--log-level", dest="log_level", type=str.upper, choices=LOG_LEVELS,
        help="default WARNING (a thousand charge points log a lot at INFO)",
    )  # fmt: skip
    # Set by the supervisor for its workers: this process runs ids START..STOP-1 only.
    fleet.add_argument("--worker", help=argparse.SUPPRESS)
    fleet.add_argument("--epoch", type=float, help=argparse.SUPPRESS)


# Each command: its help line and what adds its flags (None: it has none but --version).
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None] | None]] = {
    "run": ("connect to a CSMS and serve the interface", _add_run),
    "keys-table": ("print the configuration key table (markdown)", None),
    "demo": ("run a demo CSMS and the charge point against it", None),
    "fleet": ("run many charge points against one CSMS", _add_fleet),
    "everest": ("run as an EVerest module: settings from the manager (EV_* environment)", None),
}


def _positive(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text}: must be 1 or more")
    return number


def _count_or_zero(text: str) -> int:
    number = int(text)
    if number < 0:
        raise argparse.ArgumentTypeError(f"{text}: must be 0 or more")
    return number


def _interval(text: str) -> float:
    number = _seconds(text)
    if number == 0:
        raise argparse.ArgumentTypeError(f"{text}: must be more than 0 seconds")
    return number


def _seconds(text: str) -> float:
    number = float(text)
    if not number >= 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"{text}: must be a finite number, 0 or more")
    return number


class _PrintVersion(argparse.Action):
    """`--version`, reading the installed version only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **_: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"{PROGRAM} {distribution_version()}")
        parser.exit()


def _add_version(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action=_PrintVersion)


def load_settings(arguments: argparse.Namespace) -> Settings:
    document: dict[str, Any] = {}
    source = "command line"
    if arguments.config is not None:
        document = read_config_file(arguments.config)
        source = str(arguments.config)
    overrides = {name: getattr(arguments, name) for name in OVERRIDES}
    return build_settings(document, overrides, source)


async def run(settings: Settings) -> None:
    """Until SIGINT or SIGTERM. The signals are ours from before the charge point is built to
    the end of its close: one while it closes changes nothing (the close is not cut short)."""
    stopped = asyncio.Event()
    with stop_signals(stopped.set):
        if settings.simulation.enabled:
            await run_simulated(settings, stopped)
        else:
            await run_charge_point(settings, stopped)


async def run_charge_point(settings: Settings, stopped: asyncio.Event) -> None:
    from .app import ChargePointApp  # After the arguments: `--help` does not load it.

    app = ChargePointApp(settings)
    resume_collection()
    if not app.serves_interface:
        LOGGER.info("the EVerest interface is not served: start with --mqtt HOST:PORT to serve it")
    try:
        await app.start()
        LOGGER.info("charge point %s running; Ctrl-C to stop", settings.charge_point_id)
        await stopped.wait()
    finally:
        LOGGER.info("shutting down")
        await app.close()


async def run_simulated(settings: Settings, stopped: asyncio.Event) -> None:
    """The charge point with its simulated station; stdin controls the station (`help`)."""
    from .simulated import SimulatedChargePoint  # Loaded with --simulate only.
    from .simulation import read_commands, stdin_reader

    charge_point = SimulatedChargePoint(settings)
    resume_collection()
    control: asyncio.Task[None] | None = None
    try:
        await charge_point.start()
        LOGGER.info(
            "charge point %s running with a simulated station of %d EVSE(s); type help",
            settings.charge_point_id,
            settings.connectors,
        )
        reader = await stdin_reader()  # None without a standard input: no control (logged)
        if reader is not None:
            control = asyncio.create_task(_control(read_commands(charge_point.station, reader)))
        await stopped.wait()  # The end of stdin ends the control, not the charge point.
    finally:
        LOGGER.info("shutting down")
        if control is not None:
            control.cancel()
            await asyncio.gather(control, return_exceptions=True)
        await charge_point.close()


async def _control(commands: Coroutine[Any, Any, None]) -> None:
    await commands
    LOGGER.info("end of standard input: no more station commands; SIGINT/SIGTERM stops")


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    chosen = words[0] if words and words[0] in COMMANDS else None  # else: all, for the help
    arguments = parser(chosen).parse_args(words)
    if arguments.command != "run":
        resume_collection()  # `run` resumes it once the charge point is built.
    if arguments.command == "keys-table":
        from .configuration import markdown_table

        sys.stdout.write(markdown_table())
        return 0
    if arguments.command == "everest":
        from .everest_module import main as module_main  # Loads the MQTT stack.

        return module_main()
    if arguments.command == "fleet":
        from .fleet import run_fleet_command  # Loaded by the fleet only.

        return run_fleet_command(arguments, sys.argv[1:] if argv is None else list(argv))
    if arguments.command == "demo":
        from .demo import main as demo_main  # The demo CSMS is only loaded for the demo.

        return demo_main()
    # Loaded for `run` only; also what the charge point loads anyway.
    from .configuration import ConfigurationError, StateFileError
    from .errors import UnusableFileError
    from .security import SecurityLogError, SecurityProfileError, SecurityStoreError

    try:
        settings = load_settings(arguments)
        logging.basicConfig(
            level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        asyncio.run(run(settings))
    except (SettingsError, StateFileError) as error:
        return _usage_error(str(error))
    except ConfigurationError as error:
        return _usage_error(naming_config_file(str(error), arguments.config))
    except (SecurityStoreError, SecurityLogError, UnusableFileError) as error:
        # The message names the file; it is left as found for the operator to inspect.
        return _usage_error(str(error))
    except SecurityProfileError as error:
        return _usage_error(f"security profile: {error}")
    return 0


def resume_collection() -> None:
    """Turn the garbage collector back on if launch.main turned it off; what exists now (the
    modules, the charge point just built) lives on, so collections leave it out (gc.freeze).
    The fleet freezes its members itself, as it builds them."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _usage_error(message: str) -> int:
    for line in message.splitlines():
        print(f"{PROGRAM}: {line}", file=sys.stderr)
    return EXIT_USAGE
