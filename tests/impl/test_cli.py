"""The command line: config files, flag overrides, errors with exit code 2, clean shutdown on
SIGTERM/SIGINT, the key table and the demo."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from everest_py.ocpp16 import ChargePointApp, SettingsError, build_settings
from everest_py.ocpp16.cli import load_settings as settings_from_arguments
from everest_py.ocpp16.cli import main, parser
from everest_py.ocpp16.configuration.store import FILE_NAME
from tests.impl.csms import WAIT, Csms

ROOT = Path(__file__).resolve().parents[2]

YAML = """\
csms_url: ws://127.0.0.1:9/ocpp
charge_point_id: CP-YAML
connectors: 3
identity: {vendor: V, model: M, serial_number: S-1, firmware_version: "1.2"}
configuration: {HeartbeatInterval: 60, LocalPreAuthorize: true, MeterValuesSampledData: [Voltage, SoC]}
reconnect: {initial_delay: 0.5, max_delay: 10, jitter: 0.2}
data_transfer: {com.example: {ping: pong}}
"""
TOML = """\
csms_url = "ws://127.0.0.1:9/ocpp"
charge_point_id = "CP-TOML"
[identity]
vendor = "V"
model = "M"
[configuration]
HeartbeatInterval = 60
"""


def settings(tmp_path: Path, text: str, suffix: str, *flags: str):  # type: ignore[no-untyped-def]
    path = tmp_path / f"cp{suffix}"
    path.write_text(text)
    return settings_from_arguments(parser().parse_args(["run", "--config", str(path), *flags]))


def test_yaml_and_toml_config_files_and_flag_overrides(tmp_path: Path) -> None:
    loaded = settings(tmp_path, YAML, ".yaml", "--id", "CP-FLAG", "--connectors", "1")
    assert (loaded.charge_point_id, loaded.connectors) == ("CP-FLAG", 1)
    assert (loaded.identity.vendor, loaded.identity.firmware_version) == ("V", "1.2")
    assert loaded.configuration == {
        "HeartbeatInterval": "60",
        "LocalPreAuthorize": "true",
        "MeterValuesSampledData": "Voltage,SoC",
    }
    assert (loaded.reconnect.initial_delay, loaded.reconnect.max_delay) == (0.5, 10)
    assert loaded.data_transfer == {"com.example": {"ping": "pong"}}
    assert loaded.data_dir == Path("ocpp16-data/CP-FLAG")
    toml = settings(tmp_path, TOML, ".toml", "--mqtt", "127.0.0.1:1883", "--module-id", "cp")
    assert toml.charge_point_id == "CP-TOML"
    assert toml.mqtt is not None and (toml.mqtt.port, toml.mqtt.impl_id) == (1883, "main")


@pytest.mark.parametrize(
    ("text", "suffix", "flags", "message"),
    [
        ("csms_url: [", ".yaml", (), "not valid YAML"),
        ("csms_url = ", ".toml", (), "not valid TOML"),
        ("{}", ".json", (), "use a .yaml, .yml or .toml file"),
        ("charge_point_id: X\n", ".yaml", (), "csms_url (--csms) is required"),
        ("csms_url: ws://h/x\ncharge_point_id: X\ncolour: red\n", ".yaml", (), "colour"),
        ("csms_url: ws://h/x\ncharge_point_id: X\nconnectors: 0\n", ".yaml", (), "connectors"),
        (
            "csms_url: ws://h/x\ncharge_point_id: X\nidentity: {vendr: V}\n",
            ".yaml",
            (),
            "identity.vendr",
        ),
        (
            "csms_url: ws://h/x\ncharge_point_id: X\nreconnect: {initial_delay: 5, max_delay: 1}\n",
            ".yaml",
            (),
            "initial_delay",
        ),
        ("csms_url: ws://h/x\ncharge_point_id: X\n", ".yaml", ("--mqtt", "nohost"), "HOST:PORT"),
        (
            "csms_url: ws://h/x\ncharge_point_id: X\nsmart_charging: {supply_voltage: 0}\n",
            ".yaml",
            (),
            "smart_charging.supply_voltage",
        ),
        (
            "csms_url: ws://h/x\ncharge_point_id: X\nsmart_charging: {phases: 4}\n",
            ".yaml",
            (),
            "smart_charging.phases",
        ),
        ("csms_url: ws://h/x\ncharge_point_id: X\n", ".yaml", ("--mqtt", "h:1"), "module id"),
    ],
)
def test_bad_settings_name_what_is_wrong(
    tmp_path: Path, text: str, suffix: str, flags: tuple[str, ...], message: str
) -> None:
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        settings(tmp_path, text, suffix, *flags)


def test_main_exits_2_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "cp.yaml"
    bad.write_text("csms_url: ws://127.0.0.1:9/x\ncharge_point_id: X\nconfiguration: {Nope: 1}\n")
    assert main(["run", "--config", str(bad), "--data-dir", str(tmp_path / "d")]) == 2
    # The file is named, as for every other setting.
    assert f"{bad}: configuration: unknown key 'Nope'" in capsys.readouterr().err
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / FILE_NAME).write_text("{broken")
    assert (
        main(
            ["run", "--csms", "ws://127.0.0.1:9/x", "--id", "X", "--data-dir", str(tmp_path / "d")]
        )
        == 2
    )
    assert FILE_NAME in capsys.readouterr().err
    assert (tmp_path / "d" / FILE_NAME).read_text() == "{broken"


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
async def test_the_process_runs_against_a_csms_and_stops_cleanly(
    csms: Csms, tmp_path: Path, stop_signal: signal.Signals
) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "run", "--csms", csms.url, "--id", "CP-PROC",
        "--data-dir", str(tmp_path / "data"), "--log-level", "WARNING",
        cwd=ROOT, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await csms.wait_action("StatusNotification", 2, timeout=30)
        assert csms.paths == ["/ocpp/CP-PROC"]
        process.send_signal(stop_signal)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)  # bound for a loaded CI
        assert process.returncode == 0, stderr.decode()
        assert b"Traceback" not in stderr
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


# `run` whose close sends the process a second signal of the same kind before it closes.
SIGNALLED_AGAIN_WHILE_CLOSING = """
import asyncio, os, signal, sys
from everest_py.ocpp16.app import ChargePointApp
from everest_py.ocpp16.launch import main

close = ChargePointApp.close
again = int(sys.argv[3])

async def close_after_a_second_signal(self: ChargePointApp) -> None:
    os.kill(os.getpid(), again)
    await asyncio.sleep(0)  # the signal is handled before the close goes on
    await close(self)
    print("closed", flush=True)

ChargePointApp.close = close_after_a_second_signal
sys.argv = ["ocpp16-charge-point", "run", "--csms", sys.argv[1], "--id", "CP-TWICE",
            "--data-dir", sys.argv[2], "--log-level", "WARNING"]
sys.exit(main())
"""


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
async def test_a_second_signal_while_closing_does_not_cut_the_close_short(
    csms: Csms, tmp_path: Path, stop_signal: signal.Signals
) -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", SIGNALLED_AGAIN_WHILE_CLOSING, csms.url, str(tmp_path / "data"),
        str(int(stop_signal)), cwd=ROOT, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await csms.wait_action("StatusNotification", 1, timeout=30)
        process.send_signal(stop_signal)
        stdout, stderr = await asyncio.wait_for(process.communicate(), 30)
        assert process.returncode == 0, stderr.decode()
        assert stdout.decode().split() == ["closed"]
        assert b"Traceback" not in stderr
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_keys_table_and_demo_run_as_commands() -> None:
    table = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "everest_py.ocpp16",
        "keys-table",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await asyncio.wait_for(table.communicate(), WAIT)
    assert table.returncode == 0 and b"| `HeartbeatInterval` |" in out
    demo = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "demo", cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    out, _ = await asyncio.wait_for(demo.communicate(), 100)
    text = out.decode()
    assert demo.returncode == 0, text
    for expected in (
        "BootNotification",
        "restart() again",
        "configuration_key published",
        "== done",
    ):
        assert expected in text
    # The charging session, in the order the issue asks for.
    session = ['"Authorize"', '"Preparing"', '"StartTransaction"', '"Charging"', '"MeterValues"',
               '"SetChargingProfile"', "follows the limit: MeterValues Power.Active.Import 5520.0 W",
               '"RemoteStopTransaction"', '"StopTransaction"', '"Finishing"', '"Available"']  # fmt: skip
    positions = [text.find(marker, text.find('"RemoteStartTransaction"')) for marker in session]
    assert -1 not in positions and positions == sorted(positions), positions


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("reconnect: {initial_delay: .nan}\n", "reconnect.initial_delay: must be a finite number"),
        ("reconnect: {jitter: .inf}\n", "reconnect.jitter: must be a finite number"),
        ("response_timeout: -.inf\n", "response_timeout: must be a finite number"),
        ("connect_timeout: .nan\n", "connect_timeout: must be a finite number"),
        ("identity: {vendor: ''}\n", "identity.vendor (--vendor)"),
        ("compression: yes please\n", "compression"),
    ],
)
def test_setting_errors_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    base = "csms_url: ws://h/x\ncharge_point_id: X\n"
    with pytest.raises(SettingsError) as raised:
        settings(tmp_path, base + text, ".yaml")
    assert str(raised.value).startswith(f"{tmp_path / 'cp.yaml'}: ")
    assert message in str(raised.value)


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"csms_url: ws://h/x\ncharge_point_id: \xff\xfe\n", "not UTF-8"),
        (b"a: [\n", "not valid YAML"),
    ],
)
def test_an_unreadable_config_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, what: str
) -> None:
    path = tmp_path / "cp.yaml"
    path.write_bytes(content)
    assert main(["run", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith(f"ocpp16-charge-point: {path}: {what}")


@pytest.mark.parametrize("command", [[], ["run"], ["keys-table"], ["demo"]])
def test_every_command_prints_the_distribution_version(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"ocpp16-charge-point {version('everest-py')}"


def test_log_level_takes_only_known_levels(capsys: pytest.CaptureFixture[str]) -> None:
    assert parser().parse_args(["run", "--log-level", "debug"]).log_level == "DEBUG"
    with pytest.raises(SystemExit) as exited:
        parser().parse_args(["run", "--log-level", "LOUD"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "usage: ocpp16-charge-point run" in err and "invalid choice: 'LOUD'" in err


def test_without_mqtt_the_interface_is_not_served(tmp_path: Path) -> None:
    app = ChargePointApp(build_settings({"csms_url": "ws://h/x", "charge_point_id": "X",
                                         "data_dir": str(tmp_path)}, {}, "test"))  # fmt: skip
    assert not app.serves_interface and app.module is None


@pytest.mark.parametrize("stdin", ["closed", "devnull"])
async def test_simulate_without_a_usable_stdin_runs_and_stops_cleanly(
    csms: Csms, tmp_path: Path, stdin: str
) -> None:
    """systemd, docker without -i (/dev/null) or `<&-` (closed): the station runs without
    text control, and SIGTERM stops it cleanly (no traceback, no ERROR)."""
    devnull = stdin == "devnull"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "everest_py.ocpp16", "run", "--simulate", "--csms", csms.url,
        "--id", "CP-SIM", "--data-dir", str(tmp_path / "data"),
        cwd=ROOT, stderr=asyncio.subprocess.PIPE,
        stdin=asyncio.subprocess.DEVNULL if devnull else None,
        preexec_fn=None if devnull else lambda: os.close(0),
    )  # fmt: skip
    assert process.stderr is not None
    try:
        expected = "end of standard input" if devnull else "no standard input"
        log: list[str] = []
        async with asyncio.timeout(3 * WAIT):
            while not any(expected in line for line in log):
                line = (await process.stderr.readline()).decode()
                assert line, "".join(log)
                log.append(line)
        await csms.wait_action("StatusNotification", 2, timeout=30)
        process.send_signal(signal.SIGTERM)
        _, rest = await asyncio.wait_for(process.communicate(), 30)
        stderr = "".join(log) + rest.decode()
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr and " ERROR " not in stderr, stderr
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
