-- grain: report_file, kind, figure_id?, detail
-- Every problem in the reports themselves: findings, never build errors.
-- The report's label (dim_report.report_label) is joined once, around the branches.
CREATE VIEW source_anomalies AS
SELECT a.report_file, rp.report_label, a.kind, a.detail, a.quote, a.figure_id
FROM (
SELECT report_file, check_kind || '_mismatch' AS kind, detail, quote, figure_id
FROM mart_reconciliation WHERE NOT ok
UNION ALL
SELECT report_file, 'name_differs_from_gso',
       'Tên "' || name_written || '" viết khác danh mục GSO: ' || official_name || ' (' || reason || '); '
           || count(*) || ' lần',
       NULL, NULL
FROM fact_place_alias_use
GROUP BY report_file, name_written, official_name, reason
UNION ALL
SELECT report_file, 'ambiguous_notation',
       '"' || number_text || '" có thể đọc hai cách; đọc là ' || vi_num(value_written, 6) || ' ' || unit_written
           || ': ' || reading_note,
       quote, figure_id
FROM fact_figure WHERE ambiguous_notation AND notation_kind NOT IN ('superlative', 'range')
UNION ALL
SELECT report_file, 'conflicting_statement', 'Báo cáo nêu hai giá trị khác nhau cho cùng một chỉ tiêu giải ngân', quote,
       figure_ids[1]
FROM fact_disbursement WHERE conflicting
UNION ALL
SELECT report_file, 'conflicting_statement', 'Báo cáo nêu hai số tiêu chí khác nhau cho cùng một xã', quote, figure_ids[1]
FROM fact_ntm_progress WHERE conflicting
UNION ALL
SELECT report_file, 'rank_inconsistent',
       'Thứ ' || rank || '/' || rank_of || ' không khớp giá trị đã biết: ' || known_better || ' huyện tốt hơn, '
           || known_worse || ' huyện kém hơn',
       quote, figure_id
FROM mart_rank_checks WHERE NOT consistent
UNION ALL
SELECT r.report_file, r.kind, r.detail || coalesce(' — ' || c.detail, ''), r.quote,
       coalesce(r.figures_a[1], r.figures_b[1])
FROM fact_report_finding AS r LEFT JOIN mart_finding_checks AS c USING (report_file, source_line)
) AS a
LEFT JOIN dim_report AS rp USING (report_file);

COMMENT ON VIEW source_anomalies IS 'Vấn đề trong chính các báo cáo (không phải lỗi dựng kho) — problems in the reports themselves';
COMMENT ON COLUMN source_anomalies.kind IS 'Loại: rate_mismatch, parts_mismatch, sum_mismatch, items_mismatch, name_differs_from_gso, ambiguous_notation, conflicting_statement, conflicting_name, misleading_wording, unreliable_figure, rank_inconsistent, typo …';
COMMENT ON COLUMN source_anomalies.detail IS 'Mô tả tiếng Việt, có cả hai số — description with both numbers';
COMMENT ON COLUMN source_anomalies.figure_id IS 'Số liệu liên quan (nếu có) — the figure concerned, where there is one';
