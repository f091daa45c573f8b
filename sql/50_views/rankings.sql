CREATE VIEW rankings AS
SELECT r.district_code, d.district_name, r.metric_code, r.programme_code, r.project_code, r.as_of,
       r.rank, r.rank_of, r.rank_min, r.rank_max, r.value_min::DOUBLE AS value_min, r.value_max::DOUBLE AS value_max,
       r.source, r.label, r.report_file, r.figure_id, r.quote
FROM mart_rankings r JOIN dim_district d USING (district_code);

COMMENT ON VIEW rankings IS 'Xếp hạng (view ổn định): báo cáo nêu, tính lại, suy ra — rankings: reported, computed or implied';
COMMENT ON COLUMN rankings.district_name IS 'Tên huyện chính thức — official district name';
COMMENT ON COLUMN rankings.rank IS 'Thứ hạng (NULL khi chỉ biết khoảng) — rank, NULL when only a range is implied';
COMMENT ON COLUMN rankings.rank_of IS 'Trên tổng số — out of how many';
COMMENT ON COLUMN rankings.rank_min IS 'Thứ hạng tốt nhất có thể — best possible rank';
COMMENT ON COLUMN rankings.rank_max IS 'Thứ hạng kém nhất có thể — worst possible rank';
COMMENT ON COLUMN rankings.value_min IS 'Cận dưới của giá trị — lower bound on the value';
COMMENT ON COLUMN rankings.value_max IS 'Cận trên của giá trị — upper bound on the value';
COMMENT ON COLUMN rankings.source IS 'reported / computed / implied';
COMMENT ON COLUMN rankings.label IS 'Nhãn tiếng Việt, ví dụ "thứ 4/11 huyện, thành phố" — Vietnamese label';
