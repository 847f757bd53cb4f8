"""mosquitto listening on a Unix socket only: EVerest's usual broker set-up."""

from __future__ import annotations

from pathlib import Path

from tests.support.mosquitto import MosquittoBroker


class UnixSocketMosquitto(MosquittoBroker):
    def __init__(self) -> None:
        super().__init__()
        # mosquitto started as root drops to user "mosquitto": it must be able to create the socket.
        Path(self._directory).chmod(0o711)  # traversable, not listable
        socket_directory = Path(self._directory) / "socket"
        socket_directory.mkdir()
        socket_directory.chmod(0o1777)
        self.socket_path = socket_directory / "mqtt_broker.sock"
        # Port 0 + a path: mosquitto (>= 2.0) listens on that Unix socket and on no TCP port.
        self._config.write_text(
            f"listener 0 {self.socket_path}\n"
            "allow_anonymous true\n"
            "persistence false\n"
            "log_dest stderr\n"
            "log_type all\n"
        )
