"""Review in a workbook: `vnreports review` writes one report's rows to .xlsx, `vnreports import` reads it back."""
