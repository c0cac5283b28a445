"""Following news feeds and sitemaps: a polite fetcher (`fetch`), what a source lists
(`sources`), and the rounds that fetch new pages and ingest them (`run`)."""
