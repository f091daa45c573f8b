-- Staging: the curated Parquet tables as they are, as TEMP tables and views (not kept in the warehouse).
-- getvariable('curated') is the curated folder, set by the build.
-- The figures are a view: they are read once, by fact_figure and a few small dimensions, and at
-- national scale (ten million figures) copying them into a temporary table first costs more than
-- it saves. file_row_number is the row's position in the file, which curate sorts by
-- (report_file, figure_id): it becomes fact_figure.figure_num.
CREATE TEMP VIEW stg_figures AS
SELECT * FROM read_parquet(getvariable('curated') || '/figures.parquet', file_row_number = true);
CREATE TEMP TABLE stg_reports AS SELECT * FROM read_parquet(getvariable('curated') || '/reports.parquet');
CREATE TEMP TABLE stg_districts AS SELECT * FROM read_parquet(getvariable('curated') || '/districts.parquet');
CREATE TEMP TABLE stg_communes_2024 AS SELECT * FROM read_parquet(getvariable('curated') || '/communes_2024.parquet');
CREATE TEMP TABLE stg_communes_2025 AS SELECT * FROM read_parquet(getvariable('curated') || '/communes_2025.parquet');
CREATE TEMP TABLE stg_metrics AS SELECT * FROM read_parquet(getvariable('curated') || '/metrics.parquet');
CREATE TEMP TABLE stg_programmes AS SELECT * FROM read_parquet(getvariable('curated') || '/programmes.parquet');
CREATE TEMP TABLE stg_place_aliases_used AS SELECT * FROM read_parquet(getvariable('curated') || '/place_aliases_used.parquet');
CREATE TEMP TABLE stg_report_findings AS SELECT * FROM read_parquet(getvariable('curated') || '/report_findings.parquet');
