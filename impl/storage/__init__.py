"""Durable writes off the event loop: a writer thread per store (or a few shared by many stores), group commit (one sync per
batch of writes), futures resolved only once the batch is on disk."""

from .committer import (
    CommitterClosed,
    GroupCommitter,
    Sink,
    WriterPool,
    WriterThread,
    shared_writers,
    written,
)
from .deferred import DeferredSaves, deferred_saves, saves_deferred

__all__ = [
    "CommitterClosed",
    "DeferredSaves",
    "GroupCommitter",
    "Sink",
    "WriterPool",
    "WriterThread",
    "deferred_saves",
    "saves_deferred",
    "shared_writers",
    "written",
]
