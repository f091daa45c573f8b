-- grain: report_file, check_kind, figure_id
-- references: report_file -> dim_report, metric_code -> dim_metric
-- Is the report's own arithmetic right? Every stated rate with its numerator and denominator,
-- every total with its parts, every total with the figures stated elsewhere that add up to it
-- (mart_sum_checks: across capital sources, communes, projects), every count with its listed
-- items, every NTM count with its criteria, recomputed. Differences beyond the rounding of the
-- stated number are not ok.
CREATE TABLE mart_reconciliation AS
WITH rates AS (
    SELECT s.report_file, s.figure_id, s.metric_code, s.quote, s.number_text, s.value_canonical AS stated,
           s.decimals_written, regexp_extract(s.computed_from, '([/-])', 1) AS op,
           a.value_canonical AS a_value, a.denominator_canonical AS a_den, a.number_text AS a_text,
           b.value_canonical AS b_value, b.number_text AS b_text
    FROM fact_figure AS s
    INNER JOIN fact_figure AS a ON a.report_file = s.report_file AND a.figure_id = regexp_extract(s.computed_from, '^(f[0-9]+)', 1)
    LEFT JOIN fact_figure AS b ON b.report_file = s.report_file AND b.figure_id = regexp_extract(s.computed_from, '[/-](f[0-9]+)$', 1)
    WHERE s.computed_from IS NOT NULL AND NOT contains(s.computed_from, '+')  -- 'fA+fB+…' is a sum: mart_sum_checks
),
rate_checks AS (
    SELECT report_file, CASE op WHEN '-' THEN 'difference' ELSE 'rate' END AS check_kind, figure_id, metric_code,
           stated,
           CASE op WHEN '' THEN 100 * a_value / a_den WHEN '/' THEN 100 * a_value / b_value
                   ELSE a_value - b_value END::DECIMAL(38, 6) AS computed,
           (0.5 * pow(10, -decimals_written))::DECIMAL(38, 6) AS tolerance,
           CASE op WHEN '' THEN a_text WHEN '/' THEN a_text || ' / ' || b_text ELSE a_text || ' − ' || b_text END AS basis,
           quote
    FROM rates
),
part_checks AS (
    SELECT t.report_file, 'parts' AS check_kind, t.figure_id, t.metric_code, t.value_canonical AS stated,
           sum(p.value_canonical)::DECIMAL(38, 6) AS computed,
           (0.5 * pow(10, -t.decimals_written) * t.value_canonical / nullif(t.value_written, 0))::DECIMAL(38, 6)
               AS tolerance,
           string_agg(p.number_text, ' + ' ORDER BY p.figure_id) AS basis, t.quote
    FROM fact_figure AS t INNER JOIN fact_figure AS p ON p.report_file = t.report_file AND p.part_of = t.figure_id
    GROUP BY t.report_file, t.figure_id, t.metric_code, t.value_canonical, t.decimals_written, t.value_written, t.quote
),
item_checks AS (
    SELECT report_file, 'items' AS check_kind, figure_id, metric_code, value_canonical AS stated,
           len(listed_items)::DECIMAL(38, 6) AS computed, 0::DECIMAL(38, 6) AS tolerance,
           array_to_string(listed_items, '; ') AS basis, quote
    FROM fact_figure WHERE listed_items IS NOT NULL
),
ntm_checks AS (
    SELECT report_file, 'ntm_criteria' AS check_kind, figure_ids[1] AS figure_id, 'ntm_criteria_met' AS metric_code,
           criteria_total::DECIMAL(38, 6) AS stated, (criteria_met + criteria_unmet_stated)::DECIMAL(38, 6) AS computed,
           0::DECIMAL(38, 6) AS tolerance,
           criteria_met || ' đạt + ' || criteria_unmet_stated || ' chưa đạt' AS basis, quote
    FROM fact_ntm_progress WHERE criteria_met IS NOT NULL AND criteria_unmet_stated IS NOT NULL
    UNION ALL
    SELECT report_file, 'ntm_unmet_list', figure_ids[1], 'ntm_criteria_unmet',
           coalesce(criteria_unmet_stated, criteria_total - criteria_met)::DECIMAL(38, 6),
           len(unmet_criteria_listed)::DECIMAL(38, 6), 0::DECIMAL(38, 6),
           'tiêu chí số ' || array_to_string(unmet_criteria_listed, ', '), quote
    FROM fact_ntm_progress WHERE len(unmet_criteria_listed) > 0
)
SELECT *, (computed - stated)::DECIMAL(38, 6) AS difference, abs(computed - stated) <= tolerance AS ok,
       CASE check_kind
           WHEN 'rate' THEN 'Tỷ lệ nêu ' || vi_pct(stated) || ', tính lại ' || basis || ' = ' || vi_pct(round(computed, 2))
           WHEN 'difference' THEN 'Hiệu nêu ' || vi_num(stated, 2) || ', tính lại ' || basis || ' = ' || vi_num(computed, 2)
           WHEN 'parts' THEN 'Tổng nêu ' || vi_num(stated, 3) || ', cộng các phần ' || basis || ' = ' || vi_num(computed, 3)
           WHEN 'sum' THEN 'Tổng nêu ' || vi_num(stated, 3) || ', cộng các số nêu ở chỗ khác ' || basis || ' = '
                           || vi_num(computed, 3)
           WHEN 'items' THEN 'Số nêu ' || vi_num(stated, 0) || ', số mục liệt kê ' || vi_num(computed, 0) || ' (' || basis || ')'
           WHEN 'ntm_criteria' THEN 'Tổng tiêu chí ' || vi_num(stated, 0) || ', ' || basis || ' = ' || vi_num(computed, 0)
           ELSE 'Số tiêu chí chưa đạt ' || vi_num(stated, 0) || ', liệt kê ' || vi_num(computed, 0) || ' (' || basis || ')'
       END AS detail
FROM (SELECT * FROM rate_checks UNION ALL BY NAME SELECT * FROM part_checks UNION ALL BY NAME SELECT * FROM item_checks
      UNION ALL BY NAME SELECT * FROM ntm_checks
      UNION ALL BY NAME SELECT * EXCLUDE (term_ids, term_programme_codes) FROM mart_sum_checks);

COMMENT ON TABLE mart_reconciliation IS 'Đối chiếu số học của báo cáo: tỷ lệ, tổng và các phần, số đếm và danh sách, tiêu chí NTM — the report''s own arithmetic, recomputed';
COMMENT ON COLUMN mart_reconciliation.check_kind IS 'Loại đối chiếu: rate, difference, parts, sum (số nêu ở chỗ khác, mart_sum_checks), items, ntm_criteria, ntm_unmet_list';
COMMENT ON COLUMN mart_reconciliation.stated IS 'Giá trị báo cáo nêu (đơn vị chuẩn) — stated value';
COMMENT ON COLUMN mart_reconciliation.computed IS 'Giá trị tính lại từ các số liệu khác — recomputed value';
COMMENT ON COLUMN mart_reconciliation.tolerance IS 'Sai số cho phép do làm tròn số nêu — rounding tolerance of the stated number';
COMMENT ON COLUMN mart_reconciliation.basis IS 'Các số dùng để tính lại, như viết — the figures used, as written';
COMMENT ON COLUMN mart_reconciliation.difference IS 'Chênh lệch = tính lại − nêu — computed minus stated';
COMMENT ON COLUMN mart_reconciliation.ok IS 'Khớp trong phạm vi làm tròn — agrees within rounding';
COMMENT ON COLUMN mart_reconciliation.detail IS 'Giải thích tiếng Việt với cả hai số — explanation with both numbers';
