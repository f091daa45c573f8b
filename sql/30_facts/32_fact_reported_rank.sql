-- grain: report_file, figure_id
-- unique: figure_num
-- references: report_file -> dim_report, district_code -> dim_district, metric_code -> dim_metric
-- references: programme_code -> dim_programme, project_code -> dim_programme.programme_code, as_of -> dim_date.date_key
-- references: figure_num -> fact_figure
-- One row per rank a report states (thứ N/M, xếp hạng, vị trí, cao nhất, thấp nhất).
CREATE TABLE fact_reported_rank AS
SELECT report_file, figure_id, figure_num, level, district_code, metric_code, programme_code, project_code, as_of,
       rank, rank_of,
       CASE WHEN notation_kind = 'superlative' THEN 'superlative' ELSE 'stated' END AS rank_source,
       ranked_after_codes, number_text, quote
FROM fact_figure
WHERE is_rank;

COMMENT ON TABLE fact_reported_rank IS 'Thứ hạng báo cáo nêu — grain: one stated rank';
COMMENT ON COLUMN fact_reported_rank.rank IS 'Thứ hạng (1 = cao nhất) — rank, 1 is the highest value';
COMMENT ON COLUMN fact_reported_rank.rank_of IS 'Trên tổng số đơn vị được xếp hạng (11 huyện, thành phố) — number of ranked units';
COMMENT ON COLUMN fact_reported_rank.rank_source IS 'stated (thứ N/M) hoặc superlative (cao nhất / thấp nhất)';
COMMENT ON COLUMN fact_reported_rank.ranked_after_codes IS 'Các huyện báo cáo nói đứng trên — districts the report names above this one';
