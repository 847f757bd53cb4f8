"""The transaction message store on its own, and meter readings in OCPP terms."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from everest_py.generated.types.powermeter import Powermeter
from everest_py.generated.types.units import Current, Energy, Power, Voltage
from everest_py.ocpp16.charging.delivery import TransactionMessages
from everest_py.ocpp16.charging.metering import sampled_values
from everest_py.ocpp16.charging.store import TransactionMessageStore, TransactionStoreError

START = {"connectorId": 1, "idTag": "T", "meterStart": 10, "timestamp": "2026-01-01T00:00:00Z"}


def test_messages_survive_reopening_in_order_with_their_transaction_ids(tmp_path: Path) -> None:
    path = tmp_path / "tx.sqlite"
    store = TransactionMessageStore(path)
    start = store.new_transaction(START)
    meter = store.enqueue("MeterValues", start.local_ref, {"connectorId": 1, "meterValue": []})
    store.enqueue("StopTransaction", start.local_ref, {"meterStop": 20}, None)
    store.close()
    store = TransactionMessageStore(path)
    assert [store.oldest() == start, len(store), store.meter_values] == [True, 3, 1]
    assert store.open_transactions() == []  # its StopTransaction is queued
    store.answered(start, csms_id=77)
    assert store.oldest() == meter
    assert store.transaction(start.local_ref).csms_id == 77
    assert store.record_attempt(meter) == 1
    store.dropped(meter)
    assert len(store) == 1 and store.meter_values == 0
    store.close()


def test_an_unstopped_transaction_is_open_with_its_last_reading(tmp_path: Path) -> None:
    store = TransactionMessageStore(tmp_path / "tx.sqlite")
    start = store.new_transaction(START)
    store.enqueue("MeterValues", start.local_ref, {}, (42, "2026-01-01T00:01:00Z"))
    [opened] = store.open_transactions()
    assert (opened.connector, opened.meter_wh, opened.meter_time) == (
        1,
        42,
        "2026-01-01T00:01:00Z",
    )
    store.dropped(start)  # a given-up StartTransaction abandons the transaction
    assert store.open_transactions() == []
    assert store.transaction(start.local_ref).abandoned
    store.close()


def test_a_foreign_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE mine (x)")
    with pytest.raises(TransactionStoreError, match="not a transaction message store"):
        TransactionMessageStore(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("mine",)]


def test_sampled_values_per_phase_in_ocpp_units() -> None:
    meter = Powermeter(
        timestamp=datetime.now(UTC),
        energy_Wh_import=Energy(total=1234.5),
        power_W=Power(total=-300.0),
        voltage_V=Voltage(L1=230.0, L2=231.5),
        current_A=Current(L1=16.0),
    )
    measurands = [
        "Energy.Active.Import.Register",
        "Power.Active.Export",
        "Voltage",
        "Current.Import",
        "SoC",
    ]
    values = sampled_values(meter, measurands, "Sample.Periodic")
    found = [(v["measurand"], v.get("phase"), v["value"], v["unit"]) for v in values]
    assert found == [
        ("Energy.Active.Import.Register", None, "1234.5", "Wh"),
        ("Power.Active.Export", None, "300", "W"),
        ("Voltage", "L1-N", "230", "V"),
        ("Voltage", "L2-N", "231.5", "V"),
        ("Current.Import", "L1", "16", "A"),
    ]  # SoC: the meter does not offer it, so it is left out


def _messages(tmp_path: Path) -> TransactionMessages:
    """A transaction message queue in `tmp_path` that nobody answers (nothing is sent)."""

    async def no_answer(*_: object) -> None:
        return None

    return TransactionMessages(
        tmp_path / "transactions.sqlite",
        lambda: None,
        attempts=lambda: 3,
        retry_interval=lambda: 1.0,
        on_answer=no_answer,
    )


async def test_a_write_whose_caller_is_cancelled_keeps_its_place(tmp_path: Path) -> None:
    # The sampler is cancelled (TransactionFinished) while its MeterValues is being written:
    # the StopTransaction queued next must not reach the disk before it.
    import asyncio
    import threading

    messages = _messages(tmp_path)
    local_ref = await messages.start_transaction(
        {"connectorId": 1, "idTag": "T", "meterStart": 0, "timestamp": "2026-12-01T00:00:00Z"}
    )
    entered, release, order = threading.Event(), threading.Event(), []
    real = messages.store.enqueue

    def slow(action: str, *args: object) -> object:
        if action == "MeterValues":
            entered.set()
            release.wait(10)
        order.append(action)
        return real(action, *args)  # type: ignore[arg-type]

    messages.store.enqueue = slow  # type: ignore[method-assign]
    sample = {"connectorId": 1, "meterValue": []}
    sampler = asyncio.create_task(messages.enqueue("MeterValues", local_ref, sample))
    assert await asyncio.to_thread(entered.wait, 10)
    sampler.cancel()
    await asyncio.sleep(0)  # a yield (no time passes): the cancellation reaches the sampler
    assert messages._write_lock.locked()  # held until its write is done
    stop = {"meterStop": 1, "timestamp": "2026-12-01T00:00:01Z", "reason": "Local"}
    stopping = asyncio.create_task(messages.enqueue("StopTransaction", local_ref, stop))
    release.set()
    await stopping
    with pytest.raises(asyncio.CancelledError):
        await sampler
    assert order == ["MeterValues", "StopTransaction"]
    await messages.close()


def test_a_store_is_unwritten_until_its_first_write_or_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "tx.sqlite"
    store = TransactionMessageStore(path)
    assert store.unwritten and not path.exists()
    store.new_transaction(START)
    assert not store.unwritten
    store.close()
    assert not TransactionMessageStore(path).unwritten  # the file is there at the start


async def test_an_unwritten_store_is_read_without_a_worker_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fleet starts and registers a thousand charge points at once: for a store without a
    # file, nothing is read on a worker thread. Once written, reads go to the thread again.
    import asyncio

    from everest_py.ocpp16.charging import delivery

    read_on_threads: list[str] = []
    to_thread = asyncio.to_thread

    async def counting(function: object, *args: object) -> object:
        read_on_threads.append(getattr(function, "__name__", "?"))
        return await to_thread(function, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(delivery.asyncio, "to_thread", counting)
    messages = _messages(tmp_path)
    messages._online = True
    assert await messages.stop_open_transactions() == 0
    assert await messages._oldest() is None
    assert read_on_threads == []
    await messages.start_transaction(START)
    assert await messages._oldest() is not None
    assert read_on_threads == ["new_transaction", "oldest"]
    await messages.close()
