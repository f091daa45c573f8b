-- grain: report_file, district_code?, programme_code, project_code?, as_of
-- One row per report × place × programme/project × as_of, as fact_disbursement, with names and the report's label.
-- Stable analyst-facing view (make export writes it as a sheet and as Parquet).
CREATE VIEW disbursement AS
SELECT f.report_file, r.report_label, f.level, f.district_code, d.district_name,
       f.programme_code, p.name_vi AS programme_name, f.project_code, pr.name_vi AS project_name, f.as_of,
       f.plan_vnd, f.disbursed_vnd, f.stated_rate_pct::DOUBLE AS stated_rate_pct,
       f.computed_rate_pct::DOUBLE AS computed_rate_pct, f.stated_rate_allocated_pct::DOUBLE AS stated_rate_allocated_pct,
       f.plan_tabmis_vnd, f.stated_rate_tabmis_pct::DOUBLE AS stated_rate_tabmis_pct, f.conflicting, f.quote
FROM fact_disbursement AS f
LEFT JOIN dim_district AS d USING (district_code)
LEFT JOIN dim_programme AS p ON p.programme_code = f.programme_code
LEFT JOIN dim_programme AS pr ON pr.programme_code = f.project_code
LEFT JOIN dim_report AS r ON r.report_file = f.report_file;

COMMENT ON VIEW disbursement IS 'Giải ngân (view ổn định): kế hoạch vốn, đã giải ngân, tỷ lệ nêu và tính lại theo báo cáo, nơi, nguồn vốn, ngày — disbursement by report, place, programme/project and date';
COMMENT ON COLUMN disbursement.district_name IS 'Tên huyện chính thức (NULL: toàn tỉnh) — official district name, NULL for the province';
COMMENT ON COLUMN disbursement.programme_name IS 'Tên chương trình / nguồn vốn — programme or capital source';
COMMENT ON COLUMN disbursement.project_name IS 'Tên dự án / tiểu dự án — project or sub-project';
COMMENT ON COLUMN disbursement.plan_vnd IS 'Kế hoạch vốn, đồng — capital plan in đồng';
COMMENT ON COLUMN disbursement.disbursed_vnd IS 'Đã giải ngân, đồng — amount disbursed in đồng';
COMMENT ON COLUMN disbursement.stated_rate_pct IS 'Tỷ lệ giải ngân báo cáo nêu, % kế hoạch vốn giao — stated disbursement rate, %';
COMMENT ON COLUMN disbursement.computed_rate_pct IS 'Tỷ lệ tính lại = đã giải ngân / kế hoạch × 100, % — recomputed rate, %';
COMMENT ON COLUMN disbursement.stated_rate_allocated_pct IS 'Tỷ lệ giải ngân so với kế hoạch vốn phân bổ, % — stated rate against the allocated plan';
COMMENT ON COLUMN disbursement.plan_tabmis_vnd IS 'Kế hoạch vốn đã nhập TABMIS, đồng — plan entered in the treasury system';
COMMENT ON COLUMN disbursement.stated_rate_tabmis_pct IS 'Tỷ lệ giải ngân so với số nhập TABMIS, % — stated rate against TABMIS';
COMMENT ON COLUMN disbursement.conflicting IS 'Báo cáo nêu hai giá trị khác nhau cho cùng một dòng — the report states two different values for this row';
COMMENT ON COLUMN disbursement.quote IS 'Một trích dẫn của dòng — one of the quotes behind the row';
