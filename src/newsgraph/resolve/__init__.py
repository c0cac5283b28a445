"""Corpus-level conclusions: entities across articles (and, later, events and stories)."""
