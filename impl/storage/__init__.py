"""Durable writes off the event loop: one writer thread per store, group commit (one sync per
batch of writes), futures resolved only once the batch is on disk."""

from .committer import CommitterClosed, GroupCommitter, Sink, written
from .deferred import DeferredSaves, deferred_saves, saves_deferred

__all__ = [
    "CommitterClosed",
    "DeferredSaves",
    "GroupCommitter",
    "Sink",
    "deferred_saves",
    "saves_deferred",
    "written",
]
