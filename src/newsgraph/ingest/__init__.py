"""Reading raw inputs into clean articles: readers, cleaning, metadata, duplicates."""
