-- grain: date_key
-- Every date a figure, target or report refers to. Figures are cumulative to their date
-- ("lũy kế đến ngày"), so a date is a point, not a period.
CREATE TABLE dim_date AS
WITH dates AS (
    SELECT as_of AS d FROM stg_figures UNION SELECT deadline FROM stg_figures WHERE deadline IS NOT NULL
    UNION SELECT event_date FROM stg_reports UNION SELECT period_start FROM stg_reports
    UNION SELECT period_end FROM stg_reports UNION SELECT date_signed FROM stg_reports
)
SELECT d AS date_key, year(d) AS year, quarter(d) AS quarter, month(d) AS month, day(d) AS day,
       day(d) || '/' || month(d) || '/' || year(d) AS label_vi,
       'tháng ' || month(d) || '/' || year(d) AS month_label_vi,
       'quý ' || ['I', 'II', 'III', 'IV'][quarter(d)] || '/' || year(d) AS quarter_label_vi,
       d = last_day(d) AS is_month_end
FROM dates;

COMMENT ON TABLE dim_date IS 'Ngày số liệu, hạn, ngày báo cáo (số liệu lũy kế đến ngày) — dates; figures are cumulative to the date';
COMMENT ON COLUMN dim_date.date_key IS 'Ngày — the date';
COMMENT ON COLUMN dim_date.year IS 'Năm — year';
COMMENT ON COLUMN dim_date.quarter IS 'Quý (1-4) — quarter';
COMMENT ON COLUMN dim_date.month IS 'Tháng — month';
COMMENT ON COLUMN dim_date.day IS 'Ngày trong tháng — day of month';
COMMENT ON COLUMN dim_date.label_vi IS 'Ngày viết kiểu Việt Nam (13/9/2024) — Vietnamese date label';
COMMENT ON COLUMN dim_date.month_label_vi IS 'Nhãn tháng (tháng 9/2024) — month label';
COMMENT ON COLUMN dim_date.quarter_label_vi IS 'Nhãn quý (quý III/2024) — quarter label';
COMMENT ON COLUMN dim_date.is_month_end IS 'Là ngày cuối tháng — last day of its month';
