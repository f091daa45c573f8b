-- Câu hỏi: mọi con số của một báo cáo, kèm nguyên văn trích dẫn.
-- Question: every figure of one report with its quote.
-- Biến: report (tên báo cáo, ví dụ "TB-UBND 9/2024 · kiểm tra huyện Lộc Bình") hoặc report_file (tên tệp);
-- mặc định báo cáo Lộc Bình 9/2024.
SELECT figure_id, district_name, commune_name, programme_code, metric_code, figure_type,
       number_text, value, unit, rank_of, as_of, deadline, quote
FROM figures
WHERE coalesce(report_label = getvariable('report'), report_file = getvariable('report_file'),
               report_file = '002_4e207c460703e976.txt')
ORDER BY figure_id;
