"""`fleet`: the command line's flags (parsed in impl/cli.py) to a running fleet."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..configuration import ConfigurationError, StateFile, StateFileError
from ..errors import UnusableFileError
from ..security import SecurityLogError, SecurityProfileError, SecurityStoreError
from ..settings import (
    Settings,
    SettingsError,
    build_settings,
    naming_config_file,
    read_config_file,
)
from .ids import IdPatternError, IdRange
from .member import MemberSpec, create_member, member_settings
from .process import FleetOptions, default_processes, run_here, supervise

PROGRAM = "ocpp16-charge-point fleet"
EXIT_USAGE = 2
DEFAULT_DATA_ROOT = Path("ocpp16-data")
# The flags of `fleet` that override the config file for every member, by setting name.
OVERRIDES = ("csms_url", "connectors", "log_level", "simulate")


def run_fleet_command(arguments: argparse.Namespace, argv: list[str]) -> int:
    """Run the fleet the flags describe; `argv` (this program's arguments) is what the
    supervisor hands its workers."""
    as_worker = arguments.worker is not None
    try:
        # A worker's flags are its supervisor's, checked there already.
        options = fleet_options(arguments, check_first_member=not as_worker)
    except (
        SettingsError, IdPatternError, StateFileError, SecurityStoreError, SecurityLogError,
        UnusableFileError,
    ) as error:  # fmt: skip
        return _usage_error(str(error))
    except ConfigurationError as error:
        return _usage_error(naming_config_file(str(error), arguments.config))
    except SecurityProfileError as error:
        return _usage_error(f"security profile: {error}")
    logging.basicConfig(
        level=options.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if as_worker:
        start, _, stop = arguments.worker.partition(":")
        return run_here(options, range(int(start), int(stop)), arguments.epoch, as_worker=True)
    if options.processes > 1:
        return supervise(options, [sys.executable, "-m", "everest_py.ocpp16", *argv])
    return run_here(options, range(options.ids.count), None, as_worker=False)


def _usage_error(message: str) -> int:
    for line in message.splitlines():
        print(f"{PROGRAM}: {line}", file=sys.stderr)
    return EXIT_USAGE


def fleet_options(arguments: argparse.Namespace, check_first_member: bool = False) -> FleetOptions:
    """The options of the fleet; SettingsError/IdPatternError when the flags or the config
    file cannot make one (checked on the first id before anything starts). Every id is made
    and checked (valid, each its own). `check_first_member`: also build the first member as
    `run` would (configuration keys, security profile; in a temporary directory) and create
    its data directory, raising what `run` raises (StateFileError, ConfigurationError, ...)."""
    document: dict[str, Any] = {}
    source = "command line"
    if arguments.config is not None:
        document = read_config_file(arguments.config)
        source = str(arguments.config)
    overrides = {name: getattr(arguments, name) for name in OVERRIDES}
    ids = IdRange(arguments.id_pattern, arguments.first, arguments.count)
    first_id = ids.id_at(0)
    if arguments.data_dir is not None:
        data_root = Path(arguments.data_dir)
    elif document.get("data_dir") is not None:  # checked as `run` checks it
        data_root = build_settings(document, {**overrides, "charge_point_id": first_id},
                                   source).data_dir  # fmt: skip
    else:
        data_root = DEFAULT_DATA_ROOT
    spec = MemberSpec(document, overrides, data_root, source)
    settings = member_settings(spec, first_id)  # Every member shares these but its id.
    if check_first_member:
        _check_member(spec, first_id, settings)
    ramp = arguments.ramp if arguments.rate is None else _ramp_of(arguments.rate, ids.count)
    processes = arguments.processes or default_processes()
    # --log-level, else the config file's log_level, else WARNING (not `run`'s INFO).
    log_level = arguments.log_level or (
        settings.log_level if document.get("log_level") is not None else "WARNING"
    )
    return FleetOptions(spec, ids, ramp, arguments.summary_interval, processes, log_level)


def _check_member(spec: MemberSpec, charge_point_id: str, settings: Settings) -> None:
    """Build (not start) member `charge_point_id` in a scratch directory, and create its real
    data directory: what the config file and flags make fails here, as it would in `run`."""
    with tempfile.TemporaryDirectory(prefix="ocpp16-fleet-check-") as scratch:
        trial = MemberSpec(spec.document, spec.overrides, Path(scratch), spec.source)
        member = create_member(trial, charge_point_id)
        asyncio.run(member.close())
    StateFile(settings.data_dir).create_directory()


def _ramp_of(rate: float, count: int) -> float:
    if rate <= 0:
        raise SettingsError("--rate: must be more than 0 starts per second")
    return (count - 1) / rate
