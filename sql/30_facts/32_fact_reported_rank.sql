-- grain: report_file, figure_id
-- unique: figure_num
-- references: report_file -> dim_report, district_code -> dim_district, metric_code -> dim_metric
-- references: programme_code -> dim_programme, project_code -> dim_programme.programme_code, as_of -> dim_date.date_key
-- references: figure_num -> fact_figure
-- One row per rank a report states (thứ N/M, xếp hạng, vị trí, cao nhất, thấp nhất, nhiều nhất), or infers
-- from a superlative list: "nhiều nhất là A …; B …" gives B a 'cao nhất'-type row ranked after A
-- (rank 2, never the last), rank_source 'superlative_list', which mart_rankings files as implied.
CREATE TABLE fact_reported_rank AS
SELECT report_file, figure_id, figure_num, level, district_code, metric_code, programme_code, project_code, as_of,
       rank, rank_of,
       CASE WHEN notation_kind = 'superlative' AND len(ranked_after_codes) > 0 AND rank < rank_of THEN 'superlative_list'
            WHEN notation_kind = 'superlative' THEN 'superlative' ELSE 'stated' END AS rank_source,
       ranked_after_codes, number_text, quote
FROM fact_figure
WHERE is_rank;

COMMENT ON TABLE fact_reported_rank IS 'Thứ hạng báo cáo nêu — grain: one stated rank';
COMMENT ON COLUMN fact_reported_rank.rank IS 'Thứ hạng (1 = cao nhất) — rank, 1 is the highest value';
COMMENT ON COLUMN fact_reported_rank.rank_of IS 'Trên tổng số đơn vị được xếp hạng (11 huyện, thành phố) — number of ranked units';
COMMENT ON COLUMN fact_reported_rank.rank_source IS 'stated (thứ N/M), superlative (cao nhất / thấp nhất / nhiều nhất) hoặc superlative_list (huyện nêu sau huyện đứng đầu trong câu so sánh nhất "nhiều nhất là A …; B …": thứ hạng của B chỉ là suy ra, mart_rankings xếp vào implied) — how the rank is given; superlative_list ranks are inferred, not stated';
COMMENT ON COLUMN fact_reported_rank.ranked_after_codes IS 'Các huyện báo cáo nói đứng trên — districts the report names above this one';
