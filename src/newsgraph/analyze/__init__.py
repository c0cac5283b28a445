"""Per-article analysis: a pure function of (clean article, config, model); no database here."""
