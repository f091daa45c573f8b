"""The SYNTHETIC national benchmark: panel, engines and the timed comparison (make bench)."""
