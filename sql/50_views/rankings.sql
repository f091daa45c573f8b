-- grain: district_code, metric_code, programme_code, project_code?, as_of, source, report_file, figure_id
-- Stable analyst-facing view of mart_rankings, with names, codes, the Vietnamese label and the
-- figure the row comes from. rank and rank_of are within the province; computed rows also carry
-- rank_national / rank_of_national (all districts of the country with a value).
CREATE VIEW rankings AS
SELECT d.district_code, d.district_name, s.metric_code, s.programme_code, s.project_code, r.as_of,
       r.rank, r.rank_of, r.rank_min, r.rank_max, r.value_min::DOUBLE AS value_min, r.value_max::DOUBLE AS value_max,
       r.source::VARCHAR AS source,
       CASE r.source
           WHEN 'reported' THEN 'thứ ' || r.rank || '/' || r.rank_of || ' huyện, thành phố'
           WHEN 'computed' THEN 'thứ ' || r.rank || '/' || r.rank_of || ' (trong các huyện có số liệu)'
           ELSE CASE WHEN r.rank IS NOT NULL THEN 'thứ ' || r.rank || '/' || r.rank_of || ' huyện, thành phố (suy ra)'
                     ELSE 'thứ ' || r.rank_min || '–' || r.rank_max || '/' || r.rank_of || ' (suy ra)' END
       END AS label,
       f.report_file, rp.report_label, f.figure_id, f.quote,
       d.province_code, r.rank_national, r.rank_of_national
FROM mart_rankings AS r
INNER JOIN dim_district AS d USING (district_key)
INNER JOIN dim_series AS s USING (series_key)
INNER JOIN fact_figure AS f USING (figure_num)
LEFT JOIN dim_report AS rp ON rp.report_file = f.report_file;

COMMENT ON VIEW rankings IS 'Xếp hạng (view ổn định): báo cáo nêu, tính lại, suy ra; trong tỉnh và cả nước — rankings: reported, computed or implied; within the province and nationally';
COMMENT ON COLUMN rankings.district_name IS 'Tên huyện chính thức — official district name';
COMMENT ON COLUMN rankings.rank IS 'Thứ hạng trong tỉnh (NULL khi chỉ biết khoảng) — rank within the province, NULL when only a range is implied';
COMMENT ON COLUMN rankings.rank_of IS 'Trên tổng số (trong tỉnh) — out of how many (in the province)';
COMMENT ON COLUMN rankings.rank_min IS 'Thứ hạng tốt nhất có thể — best possible rank';
COMMENT ON COLUMN rankings.rank_max IS 'Thứ hạng kém nhất có thể — worst possible rank';
COMMENT ON COLUMN rankings.value_min IS 'Cận dưới của giá trị — lower bound on the value';
COMMENT ON COLUMN rankings.value_max IS 'Cận trên của giá trị — upper bound on the value';
COMMENT ON COLUMN rankings.source IS 'reported / computed / implied';
COMMENT ON COLUMN rankings.label IS 'Nhãn tiếng Việt, ví dụ "thứ 4/11 huyện, thành phố" — Vietnamese label';
