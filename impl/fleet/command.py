"""`fleet`: the command line's flags (parsed in impl/cli.py) to a running fleet."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from ..settings import SettingsError, read_config_file
from .ids import IdPatternError, IdRange
from .member import MemberSpec, member_settings
from .process import FleetOptions, default_processes, run_here, supervise

PROGRAM = "ocpp16-charge-point fleet"
EXIT_USAGE = 2
DEFAULT_DATA_ROOT = Path("ocpp16-data")
# The flags of `fleet` that override the config file for every member, by setting name.
OVERRIDES = ("csms_url", "connectors", "log_level", "simulate")


def run_fleet_command(arguments: argparse.Namespace, argv: list[str]) -> int:
    """Run the fleet the flags describe; `argv` (this program's arguments) is what the
    supervisor hands its workers."""
    try:
        options = fleet_options(arguments)
    except (SettingsError, IdPatternError) as error:
        for line in str(error).splitlines():
            print(f"{PROGRAM}: {line}", file=sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(
        level=arguments.log_level or "WARNING",
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if arguments.worker is not None:
        start, _, stop = arguments.worker.partition(":")
        return run_here(options, range(int(start), int(stop)), arguments.epoch, as_worker=True)
    if options.processes > 1:
        return supervise(options, [sys.executable, "-m", "everest_py.ocpp16", *argv])
    return run_here(options, range(options.ids.count), None, as_worker=False)


def fleet_options(arguments: argparse.Namespace) -> FleetOptions:
    """The options of the fleet; SettingsError/IdPatternError when the flags or the config
    file cannot make one (checked on the first id before anything starts)."""
    document: dict[str, Any] = {}
    source = "command line"
    if arguments.config is not None:
        document = read_config_file(arguments.config)
        source = str(arguments.config)
    data_root = arguments.data_dir or Path(document.get("data_dir") or DEFAULT_DATA_ROOT)
    overrides = {name: getattr(arguments, name) for name in OVERRIDES}
    spec = MemberSpec(document, overrides, Path(data_root), source)
    ids = IdRange(arguments.id_pattern, arguments.first, arguments.count)
    member_settings(spec, ids.id_at(0))  # Every member shares these settings but its id.
    ids.id_at(ids.count - 1)
    ramp = arguments.ramp if arguments.rate is None else _ramp_of(arguments.rate, ids.count)
    processes = arguments.processes or default_processes()
    return FleetOptions(spec, ids, ramp, arguments.summary_interval, processes)


def _ramp_of(rate: float, count: int) -> float:
    if rate <= 0:
        raise SettingsError("--rate: must be more than 0 starts per second")
    return (count - 1) / rate
