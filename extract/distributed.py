"""Running the per-document function on a Dask cluster (optional extra: pip install 'district-ledger[dask]')."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_on_dask(function: Callable[[T], R], tasks: Iterable[T], scheduler: str | None = None,
                batch: int = 64) -> Iterator[R]:
    """``function`` over ``tasks`` on the cluster at ``scheduler`` (a LocalCluster when None), in input order."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("the dask engine needs the optional extra: pip install 'district-ledger[dask]'") from exc
    tasks = list(tasks)
    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        for i in range(0, len(tasks), batch):
            # Submit a batch at a time so results stream back without holding the whole corpus at once.
            futures = client.map(function, tasks[i:i + batch], pure=False)
            for future in futures:
                yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
