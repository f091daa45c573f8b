-- Câu hỏi: các huyện xếp hạng thế nào theo một chỉ tiêu, tại một ngày?
-- Question: a metric's district ranking at a date (reported, computed and implied ranks).
-- Biến (variables): metric (mặc định disbursement_rate), programme (mặc định ctmtqg), project (mặc định: không có
-- dự án, chuỗi của cả chương trình; ví dụ ctmtqg_keo_dai), as_of (mặc định 2024-09-13).
-- make query FILE=sql/queries/district_ranking.sql VARS="metric=disbursement_rate programme=dtts as_of=2024-09-13"
SELECT district_name, label, source, rank, rank_min, rank_max, value_min, value_max, report_label, report_file, quote
FROM rankings
WHERE metric_code = coalesce(getvariable('metric'), 'disbursement_rate')
  AND programme_code = coalesce(getvariable('programme'), 'ctmtqg')
  AND project_code IS NOT DISTINCT FROM getvariable('project')  -- one series: the programme's own, or one project's
  AND as_of = coalesce(getvariable('as_of'), '2024-09-13')::DATE
ORDER BY coalesce(rank, rank_min), source, district_name COLLATE vi;
