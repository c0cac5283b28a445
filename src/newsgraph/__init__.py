"""newsgraph: raw news articles in, a source-attributed knowledge graph out."""

__version__ = "0.1.0"
