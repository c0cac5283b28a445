"""Scale-out: run the analyze stage on a Ray cluster while this process stays the only writer.

`ray_batch` plugs Ray into `pipeline.OrderedCommitter` (batches out, results committed in input
order, the same store as `pipeline.ingest`). Ray is the optional extra `ray`.
"""
