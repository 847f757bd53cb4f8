"""Fleet mode: many charge points in one process, or in several worker processes.

`python -m everest_py.ocpp16 fleet --csms URL --count N` (impl/cli.py parses the flags). Every
member comes from `member.create_member`; `runner.Fleet` runs them in one event loop;
`process.supervise` splits the ids between worker processes; `stats` counts and reports.
"""

from .command import run_fleet_command
from .ids import IdPatternError, IdRange, split
from .member import FleetMember, MemberSpec, create_member, member_settings
from .process import FleetOptions, default_processes, run_here, supervise
from .runner import Fleet, FleetPlan
from .stats import FrameCounter, Snapshot, final_report, summary_line

__all__ = [
    "Fleet",
    "FleetMember",
    "FleetOptions",
    "FleetPlan",
    "FrameCounter",
    "IdPatternError",
    "IdRange",
    "MemberSpec",
    "Snapshot",
    "create_member",
    "default_processes",
    "final_report",
    "member_settings",
    "run_fleet_command",
    "run_here",
    "split",
    "summary_line",
    "supervise",
]
