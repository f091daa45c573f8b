-- grain: report_file, figure_id
-- Stable analyst-facing view: one row per transcribed figure. Other tools rely on its columns.
-- Drafted figures (make add) are here too, with reviewed = false; every other view and mart rests
-- on reviewed figures only.
CREATE VIEW figures AS
WITH f AS (
    SELECT report_file, figure_id, district_code, commune_code, programme_code, project_code, metric_code,
           figure_type, value_canonical, unit_canonical, rank_of, as_of, deadline, number_text, quote,
           true AS reviewed
    FROM fact_figure
    UNION ALL
    SELECT report_file, figure_id, district_code, commune_code, programme_code, project_code, metric_code,
           figure_type, value_canonical, unit_canonical, rank_of, as_of, deadline, number_text, quote,
           false AS reviewed
    FROM fact_figure_draft
)
SELECT f.report_file, r.report_label, f.figure_id, f.district_code, d.district_name, f.commune_code, c.commune_name,
       f.programme_code, f.project_code, f.metric_code, f.figure_type,
       f.value_canonical::DOUBLE AS value, f.unit_canonical AS unit, f.rank_of, f.as_of, f.deadline,
       f.number_text, f.quote, f.reviewed
FROM f
LEFT JOIN dim_district AS d USING (district_code)
LEFT JOIN dim_commune AS c USING (commune_code)
LEFT JOIN dim_report AS r USING (report_file);

COMMENT ON VIEW figures IS 'Số liệu (view ổn định cho người phân tích): mỗi dòng một con số kèm trích dẫn — one row per transcribed figure';
COMMENT ON COLUMN figures.district_name IS 'Tên huyện chính thức — official district name (NULL: cấp tỉnh / province level)';
COMMENT ON COLUMN figures.commune_name IS 'Tên xã chính thức — official commune name';
COMMENT ON COLUMN figures.value IS 'Giá trị (DOUBLE): đồng với tiền, điểm % với tỷ lệ, số đếm, ha, kg; thứ hạng với rank — value for analysis';
COMMENT ON COLUMN figures.unit IS 'Đơn vị: đồng, %, tiêu chí, thứ hạng, ha, kg hoặc danh từ đếm — unit';
COMMENT ON COLUMN figures.rank_of IS 'Với thứ hạng: trên tổng số bao nhiêu đơn vị — for ranks, out of how many';
COMMENT ON COLUMN figures.reviewed IS 'Đã duyệt: true — người phân tích đã kiểm tra; false — bản nháp của máy (make add), chưa duyệt — reviewed by an analyst, or a machine draft';
