-- grain: report_file
-- references: report_file -> dim_report
-- One row per report: how much of its transcription an analyst has reviewed.
CREATE TABLE mart_review_progress AS
WITH counts AS (
    SELECT report_file, count(*) AS figures_reviewed, 0 AS figures_drafted FROM fact_figure GROUP BY report_file
    UNION ALL
    SELECT report_file, 0, count(*) FROM fact_figure_draft GROUP BY report_file
)
SELECT r.report_file, r.reviewed AS registry_reviewed,
       coalesce(sum(c.figures_reviewed), 0)::INTEGER AS figures_reviewed,
       coalesce(sum(c.figures_drafted), 0)::INTEGER AS figures_drafted,
       (coalesce(sum(c.figures_reviewed), 0) + coalesce(sum(c.figures_drafted), 0))::INTEGER AS figures_total,
       'đã duyệt ' || coalesce(sum(c.figures_reviewed), 0) || '/'
       || (coalesce(sum(c.figures_reviewed), 0) + coalesce(sum(c.figures_drafted), 0)) || ' số liệu' AS label
FROM dim_report AS r
LEFT JOIN counts AS c USING (report_file)
GROUP BY r.report_file, r.reviewed;

COMMENT ON TABLE mart_review_progress IS 'Tiến độ duyệt số liệu theo báo cáo — review progress per report';
COMMENT ON COLUMN mart_review_progress.registry_reviewed IS 'Dòng sổ đăng ký đã duyệt — the registry row is reviewed (not a draft)';
COMMENT ON COLUMN mart_review_progress.figures_reviewed IS 'Số liệu đã duyệt — reviewed figures';
COMMENT ON COLUMN mart_review_progress.figures_drafted IS 'Số liệu nháp chưa duyệt — drafted figures not yet reviewed';
COMMENT ON COLUMN mart_review_progress.figures_total IS 'Tổng số liệu của báo cáo — all figures of the report';
COMMENT ON COLUMN mart_review_progress.label IS 'Nhãn, ví dụ "đã duyệt 42/58 số liệu" — Vietnamese label';
