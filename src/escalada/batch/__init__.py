"""Batch coding of large inputs into Parquet event files, and batch fusion and escalation of
those files (blocks by dyad and time window), locally or on a Dask cluster."""

from escalada.batch.fuse import BatchFuseSummary, run_batch_fuse
from escalada.batch.partitions import Partition, split_input
from escalada.batch.run import BatchSummary, code_partition, run_batch

__all__ = ["BatchFuseSummary", "BatchSummary", "Partition", "code_partition", "run_batch",
           "run_batch_fuse", "split_input"]
