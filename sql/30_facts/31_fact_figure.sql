-- grain: report_file, figure_id
-- unique: figure_key
-- unique: figure_num
-- references: report_file -> dim_report, district_code -> dim_district, commune_code -> dim_commune
-- references: programme_code -> dim_programme, project_code -> dim_programme.programme_code, metric_code -> dim_metric
-- references: as_of -> dim_date.date_key, deadline -> dim_date.date_key
-- One row per reviewed figure (a number as written in a report, with its quote).
-- Every other fact and mart is built from this one, so nothing an analyst reads rests on a draft:
-- drafted figures (data/raw/drafts/, reviewed = false) are in fact_figure_draft until reviewed.
CREATE TABLE fact_figure AS
SELECT report_file || '#' || figure_id AS figure_key, (file_row_number + 1)::INTEGER AS figure_num,
       * EXCLUDE (value, denominator, unit, file_row_number, reviewed, confidence),
       value AS value_written, denominator AS denominator_written, unit AS unit_written,
       notation_kind IN ('rank', 'superlative') AS is_rank
FROM stg_figures
WHERE reviewed;

COMMENT ON TABLE fact_figure IS 'Số liệu: mỗi dòng một con số trong báo cáo, kèm trích dẫn — grain: one transcribed figure';
COMMENT ON COLUMN fact_figure.figure_key IS 'Khóa số liệu: tên báo cáo#figure_id — figure key';
COMMENT ON COLUMN fact_figure.source_line IS 'Dòng trong tệp chép số liệu data/raw/figures/*.csv — line in the transcription CSV';
COMMENT ON COLUMN fact_figure.level IS 'Cấp: province / district / commune — level of the place';
COMMENT ON COLUMN fact_figure.district_written IS 'Tên huyện như viết trong báo cáo — district name as written';
COMMENT ON COLUMN fact_figure.commune_written IS 'Tên xã như viết trong báo cáo — commune name as written';
COMMENT ON COLUMN fact_figure.figure_type IS 'Loại: actual (thực hiện) / target (chỉ tiêu, yêu cầu) / forecast (ước, dự kiến)';
COMMENT ON COLUMN fact_figure.number_text IS 'Con số đúng như viết trong báo cáo — the number exactly as written';
COMMENT ON COLUMN fact_figure.value_written IS 'Giá trị theo đơn vị viết (9142 với triệu đồng) — reading in the written unit';
COMMENT ON COLUMN fact_figure.denominator_written IS 'Mẫu số của N/M theo đơn vị viết — the M of an N/M notation, written unit';
COMMENT ON COLUMN fact_figure.unit_written IS 'Đơn vị như viết (triệu đồng, %, tiêu chí, danh từ đếm) — unit as written';
COMMENT ON COLUMN fact_figure.value_canonical IS 'Giá trị theo đơn vị chuẩn (đồng, %, ha …), số thập phân chính xác — exact value in the canonical unit';
COMMENT ON COLUMN fact_figure.denominator_canonical IS 'Mẫu số theo đơn vị chuẩn — denominator in the canonical unit';
COMMENT ON COLUMN fact_figure.unit_canonical IS 'Đơn vị chuẩn (đồng cho tiền) — canonical unit';
COMMENT ON COLUMN fact_figure.amount_vnd IS 'Số tiền, đồng (số nguyên) — money amount in integer đồng';
COMMENT ON COLUMN fact_figure.qualifier IS 'Từ định lượng: at_least (tối thiểu), more_than (hơn), about (khoảng) — qualifier before the number';
COMMENT ON COLUMN fact_figure.notation_kind IS 'Dạng ký hiệu: amount, percent, ratio, rank, superlative, range, count …';
COMMENT ON COLUMN fact_figure.ambiguous_notation IS 'Ký hiệu mơ hồ (dấu phẩy + 3 chữ số, khoảng, so sánh nhất) — the notation alone cannot decide the value';
COMMENT ON COLUMN fact_figure.as_of_text IS 'Lời văn cho ngày số liệu — the words that give as_of';
COMMENT ON COLUMN fact_figure.deadline IS 'Hạn hoàn thành (chỉ tiêu) — deadline of a target';
COMMENT ON COLUMN fact_figure.deadline_text IS 'Lời văn cho hạn — the words that give the deadline';
COMMENT ON COLUMN fact_figure.part_of IS 'figure_id của tổng mà số này là một phần — the total this figure is a part of';
COMMENT ON COLUMN fact_figure.computed_from IS 'Tỷ lệ / hiệu tính từ số liệu nào (fA, fA/fB, fA-fB) — what a stated rate should follow from';
COMMENT ON COLUMN fact_figure.listed_items IS 'Các mục được liệt kê sau con số đếm — items listed after a count';
COMMENT ON COLUMN fact_figure.ranked_after_codes IS 'Mã các huyện đứng trên (“sau huyện …”) — districts the report ranks above this one';
COMMENT ON COLUMN fact_figure.decimals_written IS 'Số chữ số thập phân như viết — decimals as written (rounding precision)';
COMMENT ON COLUMN fact_figure.reading_note IS 'Giải thích cách đọc số mơ hồ — why the ambiguous notation was read this way';
COMMENT ON COLUMN fact_figure.note IS 'Ghi chú của người chép — transcriber''s note';
COMMENT ON COLUMN fact_figure.reviewed_by IS 'Người duyệt (trống: chép và kiểm tay từ đầu) — who reviewed the row (empty: typed and checked by hand)';
COMMENT ON COLUMN fact_figure.reviewed_at IS 'Ngày duyệt — date of the review';
COMMENT ON COLUMN fact_figure.is_rank IS 'Là số thứ hạng — the figure is a rank';
