"""The raw layer: loading and checking the registry, transcriptions, skips and findings."""
