"""The assistant for new reports: drafting transcriptions for an analyst to review."""
