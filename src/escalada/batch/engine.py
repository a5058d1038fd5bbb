"""Where batch tasks run: in this process, or on a Dask cluster (local or remote)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import Any

__all__ = ["TaskRunner"]


class TaskRunner:
    """Maps a function over task arguments with the chosen engine.

    ``local`` runs tasks one after another in this process (streaming, nothing to start);
    ``dask`` keeps one client for every stage of a run, on a local cluster of ``workers``
    processes or on the scheduler at ``scheduler``.
    """

    def __init__(self, engine: str = "local", *, workers: int = 2,
                 scheduler: str | None = None) -> None:
        if engine not in {"local", "dask"}:
            raise ValueError(f"unknown engine {engine!r} (local or dask)")
        self.engine = engine
        self.workers = workers
        self.scheduler = scheduler
        self._client: Any = None
        self._cluster: Any = None

    def __enter__(self) -> TaskRunner:
        if self.engine == "dask":
            from dask.distributed import Client, LocalCluster

            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None,
                                             host="127.0.0.1")
                self._client = Client(self._cluster)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._client is not None:
            self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    @property
    def parallelism(self) -> int:
        """How many tasks run at once (1 for ``local``)."""
        return 1 if self.engine == "local" else max(1, self.workers)

    def map(self, function: Callable[..., Any], items: Sequence[Any], **kwargs: Any
            ) -> list[Any]:
        """``function(item, **kwargs)`` for every item, results in item order."""
        if self._client is None:
            return [function(item, **kwargs) for item in items]
        futures = self._client.map(function, list(items), pure=False, **kwargs)
        return self._client.gather(futures)
