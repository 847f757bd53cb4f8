"""The state file's snapshot + journal: what is durable when, and what a restart reads."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from everest_py.ocpp16.configuration import store as state_store
from everest_py.ocpp16.configuration.store import (
    FILE_NAME,
    JOURNAL_NAME,
    StateFile,
    StateFileError,
)
from everest_py.ocpp16.storage import deferred_saves

WAIT = 10.0


def reloaded(directory: Path) -> StateFile:
    state = StateFile(directory)
    state.load()
    return state


async def test_many_commits_made_durable_by_few_syncs(tmp_path: Path) -> None:
    state = StateFile(tmp_path)
    state.configuration["HeartbeatInterval"] = "1"
    await state.commit()  # the first write of a process writes the snapshot
    commits = []
    for n in range(100):
        state.configuration["HeartbeatInterval"] = str(n)
        state.availability["1"] = "Operative" if n % 2 else "Inoperative"
        commits.append(asyncio.ensure_future(state.commit()))
    await asyncio.gather(*commits)
    assert state.syncs < 101  # group commit: changes queued during a sync share the next one
    again = reloaded(tmp_path)
    assert again.configuration == {"HeartbeatInterval": "99"}
    assert again.availability == {"1": "Operative"}
    state.close()


async def test_commit_leaves_the_loop_free_and_resolves_only_after_the_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = StateFile(tmp_path)
    await state.commit()
    entered, release = threading.Event(), threading.Event()
    real_sync = state._sync

    def held_sync() -> None:
        entered.set()
        assert release.wait(WAIT)
        real_sync()

    monkeypatch.setattr(state, "_sync", held_sync)
    state.configuration["HeartbeatInterval"] = "42"
    commit = asyncio.ensure_future(state.commit())
    # The loop runs on (a sync on the loop would never let this wait end) ...
    assert await asyncio.get_running_loop().run_in_executor(None, entered.wait, WAIT)
    assert not commit.done()  # ... and the commit waits for the disk.
    release.set()
    await asyncio.wait_for(commit, WAIT)
    assert reloaded(tmp_path).configuration == {"HeartbeatInterval": "42"}
    state.close()


async def test_save_in_a_deferred_scope_queues_and_the_scope_waits(tmp_path: Path) -> None:
    state = StateFile(tmp_path)
    with deferred_saves() as saves:
        state.configuration["A"] = "1"
        state.save()
        state.availability["0"] = "Inoperative"
        state.save()
    await saves.commit()
    again = reloaded(tmp_path)
    assert (again.configuration, again.availability) == ({"A": "1"}, {"0": "Inoperative"})
    state.close()


def test_synchronous_save_is_durable_on_return(tmp_path: Path) -> None:
    state = StateFile(tmp_path)
    for value in ("1", "2", "3"):
        state.configuration["A"] = value
        state.save()
        assert reloaded(tmp_path).configuration == {"A": value}
    state.close()


def test_a_torn_last_journal_line_is_dropped(tmp_path: Path) -> None:
    state = StateFile(tmp_path)
    state.configuration["A"] = "1"
    state.save()
    state.configuration["A"] = "2"
    state.save()
    state.close()
    with (tmp_path / JOURNAL_NAME).open("ab") as journal:
        journal.write(b'{"configuration":{"A":"3"')  # a crash during the append
    assert reloaded(tmp_path).configuration == {"A": "2"}


def test_a_journal_older_than_the_snapshot_is_ignored(tmp_path: Path) -> None:
    state = StateFile(tmp_path)
    state.configuration["A"] = "old"
    state.save()
    state.configuration["A"] = "journaled"
    state.save()
    state.close()
    stale = (tmp_path / JOURNAL_NAME).read_bytes()
    # A new process rewrites the snapshot (next generation); a crash before its journal is
    # reset leaves the old journal behind, which must not undo the snapshot.
    second = reloaded(tmp_path)
    second.configuration["A"] = "new"
    second.save()
    second.close()
    (tmp_path / JOURNAL_NAME).write_bytes(stale)
    assert reloaded(tmp_path).configuration == {"A": "new"}


def test_the_journal_is_folded_into_the_snapshot_when_long(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state_store, "COMPACT_AFTER", 3)
    state = StateFile(tmp_path)
    for n in range(10):
        state.configuration["A"] = str(n)
        state.save()
    state.close()
    lines = (tmp_path / JOURNAL_NAME).read_text().splitlines()
    assert len(lines) <= 4  # header + at most COMPACT_AFTER changes
    assert reloaded(tmp_path).configuration == {"A": "9"}


@pytest.mark.parametrize(
    "content, reason",
    [
        (b'{"journal":1,"generation":1}\n[1, 2]\n', "line 2: expected a JSON object"),
        (b'{"journal":1,"generation":1}\n{"configuration":{"A":1}}\n', "must be a string"),
        (b'{"journal":1,"generation":1}\nnot json\n', "line 2: not valid JSON"),
        (b"\xff\xfe\n", "not UTF-8"),
        (b'{"nope":1}\n', "not a journal header"),
    ],
)
def test_a_damaged_journal_is_reported_naming_it(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    state = StateFile(tmp_path)
    state.save()  # snapshot of generation 1
    state.close()
    (tmp_path / JOURNAL_NAME).write_bytes(content)
    with pytest.raises(StateFileError, match=str(tmp_path / JOURNAL_NAME)) as error:
        reloaded(tmp_path)
    assert reason in str(error.value)
    assert (tmp_path / JOURNAL_NAME).read_bytes() == content  # left for the operator
    assert (tmp_path / FILE_NAME).exists()


def test_after_a_failed_write_the_next_one_starts_a_fresh_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = StateFile(tmp_path)
    state.configuration["A"] = "1"
    state.save()
    real_write = state_store._write_all
    calls: list[int] = []

    def torn_write(descriptor: int, data: bytes) -> None:
        if not calls:  # the first append: half a line, then the disk fails
            calls.append(1)
            real_write(descriptor, data[: len(data) // 2])
            raise OSError(28, "No space left on device")
        real_write(descriptor, data)

    monkeypatch.setattr(state_store, "_write_all", torn_write)
    state.configuration["A"] = "2"
    with pytest.raises(StateFileError, match="No space left"):
        state.save()
    state.configuration["A"] = "3"
    state.save()
    state.close()
    assert reloaded(tmp_path).configuration == {"A": "3"}
