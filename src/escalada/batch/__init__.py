"""Batch coding of large inputs into Parquet event files, locally or on a Dask cluster."""

from escalada.batch.partitions import Partition, split_input
from escalada.batch.run import BatchSummary, code_partition, run_batch

__all__ = ["BatchSummary", "Partition", "code_partition", "run_batch", "split_input"]
