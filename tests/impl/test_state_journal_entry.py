"""The state file's journal is created after the snapshot's directory sync: its directory entry
is synced too, since later changes sync only the journal file itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from everest_py.ocpp16.configuration import store


def test_a_new_journal_syncs_its_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[tuple[Path, bool]] = []
    journal = tmp_path / store.JOURNAL_NAME

    def record(directory: Path) -> None:
        synced.append((directory, journal.exists()))

    monkeypatch.setattr(store, "fsync_directory", record, raising=False)
    state = store.StateFile(tmp_path)
    state.load()
    state.configuration["HeartbeatInterval"] = "60"
    state.save()
    state.close()
    assert (tmp_path, True) in synced  # after the journal existed
