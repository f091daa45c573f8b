-- grain: report_file, figure_id
-- One row per target or forecast a report states, as fact_target, with names, the report's label and the
-- latest actual figure of the same place and series in the deadline's year, on or before the deadline.
-- Stable analyst-facing view (make export writes it as a sheet and as Parquet).
CREATE VIEW targets AS
WITH actual AS (
    SELECT t.report_file, t.figure_id,
           max(struct_pack(as_of := a.as_of, value := a.value_canonical::DOUBLE, report_file := a.report_file))
               AS latest
    FROM fact_target AS t
    INNER JOIN fact_figure AS a
        ON a.figure_type = 'actual' AND NOT a.is_rank AND a.metric_code = t.metric_code
       AND a.programme_code = t.programme_code AND a.project_code IS NOT DISTINCT FROM t.project_code
       AND a.district_code IS NOT DISTINCT FROM t.district_code AND a.commune_code IS NOT DISTINCT FROM t.commune_code
       AND a.as_of <= t.deadline AND year(a.as_of) = year(t.deadline)
    GROUP BY t.report_file, t.figure_id
)

SELECT t.report_file, r.report_label, t.figure_id, t.level, t.district_code, d.district_name, t.commune_code,
       c.commune_name, t.programme_code, p.name_vi AS programme_name, t.project_code, pr.name_vi AS project_name,
       t.metric_code,
       m.label_vi AS metric_label, t.figure_type, t.qualifier, t.target_value::DOUBLE AS target_value,
       t.unit_canonical AS unit, t.stated_on, t.deadline, t.deadline_text, t.number_text, t.quote,
       a.latest.as_of AS actual_as_of, a.latest.value AS actual_value, ar.report_label AS actual_report_label
FROM fact_target AS t
LEFT JOIN actual AS a ON a.report_file = t.report_file AND a.figure_id = t.figure_id
LEFT JOIN dim_district AS d ON d.district_code = t.district_code
LEFT JOIN dim_commune AS c ON c.commune_code = t.commune_code
LEFT JOIN dim_programme AS p ON p.programme_code = t.programme_code
LEFT JOIN dim_programme AS pr ON pr.programme_code = t.project_code
LEFT JOIN dim_metric AS m ON m.metric_code = t.metric_code
LEFT JOIN dim_report AS r ON r.report_file = t.report_file
LEFT JOIN dim_report AS ar ON ar.report_file = a.latest.report_file;

COMMENT ON VIEW targets IS 'Chỉ tiêu và thời hạn (view ổn định): mỗi chỉ tiêu, yêu cầu, dự báo kèm số thực hiện gần nhất trước hạn — targets and deadlines with the latest actual by the deadline';
COMMENT ON COLUMN targets.district_name IS 'Tên huyện chính thức (NULL: toàn tỉnh) — official district name, NULL for the province';
COMMENT ON COLUMN targets.commune_name IS 'Tên xã chính thức — official commune name';
COMMENT ON COLUMN targets.programme_name IS 'Tên chương trình / nguồn vốn — programme or capital source';
COMMENT ON COLUMN targets.project_name IS 'Tên dự án / tiểu dự án — project or sub-project';
COMMENT ON COLUMN targets.metric_label IS 'Tên chỉ tiêu — metric';
COMMENT ON COLUMN targets.target_value IS 'Mức chỉ tiêu theo đơn vị chuẩn (DOUBLE; năm với hạn theo năm) — target value in the canonical unit';
COMMENT ON COLUMN targets.unit IS 'Đơn vị chuẩn: %, đồng, năm, danh từ đếm — canonical unit';
COMMENT ON COLUMN targets.stated_on IS 'Ngày chỉ tiêu được nêu — date the target was set';
COMMENT ON COLUMN targets.actual_as_of IS 'Ngày của số thực hiện gần nhất (cùng nơi, chỉ tiêu, chương trình; trong năm của hạn, không sau hạn) — date of the latest actual figure';
COMMENT ON COLUMN targets.actual_value IS 'Số thực hiện gần nhất, cùng đơn vị với chỉ tiêu — latest actual value, same unit';
COMMENT ON COLUMN targets.actual_report_label IS 'Báo cáo nêu số thực hiện đó — the report that gives that actual';
