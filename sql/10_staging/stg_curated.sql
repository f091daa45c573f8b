-- Staging: the curated Parquet tables as they are, as TEMP tables (not kept in the warehouse).
-- getvariable('curated') is the curated folder, set by the build.
CREATE TEMP TABLE stg_figures AS SELECT * FROM read_parquet(getvariable('curated') || '/figures.parquet');
CREATE TEMP TABLE stg_reports AS SELECT * FROM read_parquet(getvariable('curated') || '/reports.parquet');
CREATE TEMP TABLE stg_districts AS SELECT * FROM read_parquet(getvariable('curated') || '/districts.parquet');
CREATE TEMP TABLE stg_communes_2024 AS SELECT * FROM read_parquet(getvariable('curated') || '/communes_2024.parquet');
CREATE TEMP TABLE stg_communes_2025 AS SELECT * FROM read_parquet(getvariable('curated') || '/communes_2025.parquet');
CREATE TEMP TABLE stg_metrics AS SELECT * FROM read_parquet(getvariable('curated') || '/metrics.parquet');
CREATE TEMP TABLE stg_programmes AS SELECT * FROM read_parquet(getvariable('curated') || '/programmes.parquet');
CREATE TEMP TABLE stg_place_aliases_used AS SELECT * FROM read_parquet(getvariable('curated') || '/place_aliases_used.parquet');
CREATE TEMP TABLE stg_report_findings AS SELECT * FROM read_parquet(getvariable('curated') || '/report_findings.parquet');
