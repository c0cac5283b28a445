"""Scale-out: run the analyze stage on a Ray cluster while this process stays the only writer.

`ordered` holds the backend-agnostic part (batches out, results committed in input order, the
same store as `pipeline.ingest`); `ray_batch` plugs Ray into it. Ray is the optional extra `ray`.
"""
