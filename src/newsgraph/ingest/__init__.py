"""Reading raw inputs into clean articles: readers, cleaning, metadata, duplicates."""

# The size limit of one document (a JSON line counts as one; gzip is measured expanded). Here,
# not in `readers`, so that the command line can offer it without loading the readers.
MAX_BYTES = 10_000_000
