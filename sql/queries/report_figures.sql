-- Câu hỏi: mọi con số của một báo cáo, kèm nguyên văn trích dẫn.
-- Question: every figure of one report with its quote.
-- Biến: report_file (mặc định 002_4e207c460703e976.txt, Lộc Bình 9/2024).
SELECT figure_id, district_name, commune_name, programme_code, metric_code, figure_type,
       number_text, value, unit, rank_of, as_of, deadline, quote
FROM figures
WHERE report_file = coalesce(getvariable('report_file'), '002_4e207c460703e976.txt')
ORDER BY figure_id;
