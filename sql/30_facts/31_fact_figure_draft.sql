-- grain: report_file, figure_id
-- references: report_file -> dim_report, district_code -> dim_district, commune_code -> dim_commune
-- references: programme_code -> dim_programme, project_code -> dim_programme.programme_code, metric_code -> dim_metric
-- One row per drafted figure (made by `make add`, not yet reviewed by an analyst).
-- Kept apart from fact_figure: no fact, mart or page rests on it; the figures view shows it with
-- reviewed = false, and mart_review_progress counts it.
CREATE TABLE fact_figure_draft AS
SELECT report_file, figure_id, source_line, level, district_code, commune_code, programme_code, project_code,
       metric_code, figure_type, number_text, value_canonical, unit_canonical, rank_of, as_of, deadline,
       reading_note, quote, confidence
FROM stg_figures
WHERE NOT reviewed;

COMMENT ON TABLE fact_figure_draft IS 'Số liệu nháp chờ duyệt (make add) — drafted figures awaiting review; nothing else rests on them';
COMMENT ON COLUMN fact_figure_draft.source_line IS 'Dòng trong tệp nháp data/raw/drafts/*.figures.csv — line in the draft CSV';
COMMENT ON COLUMN fact_figure_draft.level IS 'Cấp: province / district / commune — level of the place';
COMMENT ON COLUMN fact_figure_draft.figure_type IS 'Loại: actual / target / forecast (máy đoán) — figure type as drafted';
COMMENT ON COLUMN fact_figure_draft.number_text IS 'Con số đúng như viết trong báo cáo — the number exactly as written';
COMMENT ON COLUMN fact_figure_draft.value_canonical IS 'Giá trị theo đơn vị chuẩn (máy đọc) — value in the canonical unit, as drafted';
COMMENT ON COLUMN fact_figure_draft.unit_canonical IS 'Đơn vị chuẩn — canonical unit';
COMMENT ON COLUMN fact_figure_draft.rank_of IS 'Với thứ hạng: trên tổng số bao nhiêu — for ranks, out of how many';
COMMENT ON COLUMN fact_figure_draft.deadline IS 'Hạn hoàn thành (chỉ tiêu) — deadline of a target';
COMMENT ON COLUMN fact_figure_draft.reading_note IS 'Cách máy đọc số mơ hồ, cần kiểm tra — how the assistant read an ambiguous number';
COMMENT ON COLUMN fact_figure_draft.confidence IS 'Độ tin cậy của bản nháp (0–1) — the assistant''s confidence in the row';
