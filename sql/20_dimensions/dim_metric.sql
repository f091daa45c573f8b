-- grain: metric_code
CREATE TABLE dim_metric AS
SELECT metric_code, label_vi, label_en, unit_kind, higher_is_better, proposed,
       CASE unit_kind WHEN 'money' THEN 'đồng' WHEN 'percent' THEN '%' WHEN 'criteria' THEN 'tiêu chí'
            WHEN 'criteria_avg' THEN 'tiêu chí/xã' WHEN 'rank_only' THEN 'thứ hạng' WHEN 'area' THEN 'ha'
            WHEN 'year' THEN 'năm' WHEN 'criterion_number' THEN 'tiêu chí số' WHEN 'money_usd' THEN 'USD' END AS unit_canonical
FROM stg_metrics;

COMMENT ON TABLE dim_metric IS 'Chỉ tiêu — metrics: what a figure measures, its unit and direction';
COMMENT ON COLUMN dim_metric.metric_code IS 'Mã chỉ tiêu — metric code (data/raw/metrics.csv)';
COMMENT ON COLUMN dim_metric.label_vi IS 'Tên chỉ tiêu tiếng Việt — Vietnamese label';
COMMENT ON COLUMN dim_metric.label_en IS 'Tên chỉ tiêu tiếng Anh — English label';
COMMENT ON COLUMN dim_metric.unit_kind IS 'Loại đơn vị: money, percent, count, criteria … — kind of unit';
COMMENT ON COLUMN dim_metric.higher_is_better IS 'Cao hơn là tốt hơn (NULL: không xếp hạng được) — whether a higher value ranks first';
COMMENT ON COLUMN dim_metric.unit_canonical IS 'Đơn vị chuẩn trong kho (NULL: danh từ đếm, theo từng số liệu) — canonical unit';
COMMENT ON COLUMN dim_metric.proposed IS 'Chỉ tiêu do trợ lý đề xuất cho bản nháp, chưa có trong metrics.csv — proposed by the assistant for a draft, not yet accepted';
