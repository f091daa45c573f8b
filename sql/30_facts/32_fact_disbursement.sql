-- grain: report_file, district_code?, programme_code, project_code?, as_of
-- references: report_file -> dim_report, district_code -> dim_district
-- references: programme_code -> dim_programme, project_code -> dim_programme.programme_code, as_of -> dim_date.date_key
-- One row per report × place × programme/project × as_of, actual figures only.
-- plan: the denominator of the disbursed fraction where written, else the one stated plan.
-- "One value" / "two different values" are min = max / min <> max: the same as counting distinct
-- values, and several times cheaper at national scale (docs/performance.md).
CREATE TABLE fact_disbursement AS
WITH f AS (
    SELECT * FROM fact_figure
    WHERE figure_type = 'actual' AND NOT is_rank AND part_of IS NULL
      AND metric_code IN ('capital_plan', 'disbursed', 'disbursement_rate', 'disbursement_rate_tabmis',
                          'disbursement_rate_allocated', 'capital_plan_tabmis')
)
SELECT
    report_file, level, district_code, programme_code, project_code, as_of,
    coalesce(max(denominator_canonical) FILTER (metric_code = 'disbursed'),
             CASE WHEN min(value_canonical) FILTER (metric_code = 'capital_plan')
                       = max(value_canonical) FILTER (metric_code = 'capital_plan')
                  THEN max(value_canonical) FILTER (metric_code = 'capital_plan') END)::BIGINT AS plan_vnd,
    max(value_canonical) FILTER (metric_code = 'disbursed')::BIGINT AS disbursed_vnd,
    max(value_canonical) FILTER (metric_code = 'disbursement_rate')::DECIMAL(18, 4) AS stated_rate_pct,
    max(value_canonical) FILTER (metric_code = 'disbursement_rate_allocated')::DECIMAL(18, 4) AS stated_rate_allocated_pct,
    max(value_canonical) FILTER (metric_code = 'capital_plan_tabmis')::BIGINT AS plan_tabmis_vnd,
    max(value_canonical) FILTER (metric_code = 'disbursement_rate_tabmis')::DECIMAL(18, 4) AS stated_rate_tabmis_pct,
    coalesce(min(value_canonical) FILTER (metric_code = 'disbursement_rate')
             <> max(value_canonical) FILTER (metric_code = 'disbursement_rate'), FALSE)
        OR coalesce(min(value_canonical) FILTER (metric_code = 'disbursed')
                    <> max(value_canonical) FILTER (metric_code = 'disbursed'), FALSE) AS conflicting,
    list(figure_id ORDER BY figure_id) AS figure_ids,
    min(quote) AS quote
FROM f
GROUP BY ALL;

ALTER TABLE fact_disbursement ADD COLUMN computed_rate_pct DECIMAL(18, 4);
UPDATE fact_disbursement SET computed_rate_pct = round(100 * disbursed_vnd / plan_vnd, 4)
WHERE plan_vnd > 0 AND disbursed_vnd IS NOT NULL;

COMMENT ON TABLE fact_disbursement IS 'Giải ngân: kế hoạch vốn, đã giải ngân, tỷ lệ nêu và tỷ lệ tính lại — grain: report × place × programme/project × date';
COMMENT ON COLUMN fact_disbursement.plan_vnd IS 'Kế hoạch vốn, đồng — capital plan in đồng';
COMMENT ON COLUMN fact_disbursement.disbursed_vnd IS 'Đã giải ngân, đồng — amount disbursed in đồng';
COMMENT ON COLUMN fact_disbursement.stated_rate_pct IS 'Tỷ lệ giải ngân báo cáo nêu (% kế hoạch vốn giao) — stated disbursement rate';
COMMENT ON COLUMN fact_disbursement.stated_rate_allocated_pct IS 'Tỷ lệ giải ngân so với kế hoạch vốn phân bổ — stated rate against the allocated plan';
COMMENT ON COLUMN fact_disbursement.plan_tabmis_vnd IS 'Kế hoạch vốn đã nhập TABMIS, đồng — plan entered in the treasury system';
COMMENT ON COLUMN fact_disbursement.stated_rate_tabmis_pct IS 'Tỷ lệ giải ngân so với số nhập TABMIS — stated rate against TABMIS';
COMMENT ON COLUMN fact_disbursement.conflicting IS 'Báo cáo nêu hai giá trị khác nhau cho cùng một ô — the report states two different values for this grain';
COMMENT ON COLUMN fact_disbursement.figure_ids IS 'Các figure_id tạo nên dòng này — figures behind this row';
COMMENT ON COLUMN fact_disbursement.quote IS 'Một trích dẫn của dòng (xem figure_ids cho tất cả) — one of the quotes behind the row';
COMMENT ON COLUMN fact_disbursement.computed_rate_pct IS 'Tỷ lệ tính lại = đã giải ngân / kế hoạch × 100 — recomputed rate';
