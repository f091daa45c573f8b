-- grain: report_file, district_code, budget_line, as_of
-- references: report_file -> dim_report, district_code -> dim_district, budget_line -> dim_programme.programme_code
-- references: as_of -> dim_date.date_key
-- One row per report × district × budget line (nsnn_thu revenue / nsnn_chi expenditure) × as_of.
CREATE TABLE fact_budget AS
SELECT
    report_file, district_code, programme_code AS budget_line, as_of,
    max(value_canonical) FILTER (metric_code IN ('budget_revenue', 'budget_expenditure'))::BIGINT AS amount_vnd,
    max(value_canonical) FILTER (metric_code LIKE '%_pct_province_estimate')::DECIMAL(18, 4) AS pct_province_estimate,
    max(value_canonical) FILTER (metric_code LIKE '%_pct_district_estimate')::DECIMAL(18, 4) AS pct_district_estimate,
    max(value_canonical) FILTER (metric_code LIKE '%_pct_same_period')::DECIMAL(18, 4) AS pct_same_period,
    list(figure_id ORDER BY figure_id) AS figure_ids,
    min(quote) AS quote
FROM fact_figure
WHERE figure_type = 'actual' AND programme_code IN ('nsnn_thu', 'nsnn_chi') AND level = 'district'
  AND (metric_code IN ('budget_revenue', 'budget_expenditure') OR metric_code LIKE 'budget_%_pct_%')
GROUP BY ALL;

ALTER TABLE fact_budget ADD COLUMN implied_province_estimate_vnd BIGINT;
ALTER TABLE fact_budget ADD COLUMN implied_district_estimate_vnd BIGINT;
UPDATE fact_budget SET
    implied_province_estimate_vnd = round(amount_vnd * 100 / pct_province_estimate),
    implied_district_estimate_vnd = round(amount_vnd * 100 / pct_district_estimate);

COMMENT ON TABLE fact_budget IS 'Thu, chi ngân sách so với dự toán tỉnh giao, huyện giao, cùng kỳ — grain: report × district × budget line × date';
COMMENT ON COLUMN fact_budget.budget_line IS 'nsnn_thu (thu) hoặc nsnn_chi (chi) — revenue or expenditure';
COMMENT ON COLUMN fact_budget.amount_vnd IS 'Số thu / chi, đồng — amount collected or spent, đồng';
COMMENT ON COLUMN fact_budget.pct_province_estimate IS '% dự toán tỉnh giao — % of the province''s estimate';
COMMENT ON COLUMN fact_budget.pct_district_estimate IS '% dự toán huyện giao / điều hành — % of the district''s estimate';
COMMENT ON COLUMN fact_budget.pct_same_period IS '% so với cùng kỳ năm trước — % of the same period last year';
COMMENT ON COLUMN fact_budget.figure_ids IS 'Các figure_id tạo nên dòng này — figures behind this row';
COMMENT ON COLUMN fact_budget.quote IS 'Một trích dẫn của dòng — one of the quotes behind the row';
COMMENT ON COLUMN fact_budget.implied_province_estimate_vnd IS 'Dự toán tỉnh giao suy ra = số tiền / % × 100 (không có trong báo cáo) — implied provincial estimate';
COMMENT ON COLUMN fact_budget.implied_district_estimate_vnd IS 'Dự toán huyện suy ra = số tiền / % × 100 — implied district estimate';
