-- Câu hỏi: các báo cáo tự mâu thuẫn ở đâu (tỷ lệ sai, tổng khác các phần, tên sai, số mơ hồ …)?
-- Question: the reports' own inconsistencies.
SELECT report_label, report_file, kind, detail, figure_id, quote
FROM source_anomalies
ORDER BY report_file, kind, figure_id;
