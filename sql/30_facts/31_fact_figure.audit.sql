-- Audits of fact_figure, run on the new warehouse before it is swapped in (vnreports.build.audits).

-- audit: ranked_after_codes_are_districts
-- The districts a rank is stated after ("sau huyện Đình Lập") are districts of dim_district.
SELECT f.report_file, f.figure_id, a.code AS ranked_after_code
FROM fact_figure AS f CROSS JOIN unnest(f.ranked_after_codes) AS a (code)
WHERE NOT EXISTS (SELECT 1 FROM dim_district AS d WHERE d.district_code = a.code);
