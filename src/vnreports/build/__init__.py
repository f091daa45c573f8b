"""Building: the curated Parquet layer, the DuckDB warehouse, and the one-writer lock."""
