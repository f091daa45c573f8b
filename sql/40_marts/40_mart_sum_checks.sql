-- grain: report_file, figure_id
-- references: report_file -> dim_report
-- One row per stated total whose computed_from is a sum 'fA+fB+…'.
-- A total stated in one place and made of figures stated elsewhere in the same report — across
-- capital sources, communes, projects — recomputed from them. Unlike part_of (a breakdown given
-- with its total, "trong đó …"), the terms stay their own cell's figures (each capital source
-- keeps its plan and its disbursement) and one figure may be a term of several totals.
-- Chi Lăng (003): "173 công trình, dự án … 146 … 27" of footnote ¹ are the sums of the counts per
-- capital source in the main text (7 + 46 + 21 + 30 + 8 + 34 = 146, 2 + 1 + 13 + 5 + 6 = 27).
-- mart_reconciliation takes these rows as check_kind 'sum'; a mismatch is a source anomaly.
CREATE TABLE mart_sum_checks AS
WITH totals AS (  -- the few totals first: at national scale fact_figure has ten million rows
    SELECT report_file, figure_id, metric_code, value_canonical, value_written, decimals_written, quote,
           string_split(computed_from, '+') AS term_list
    FROM fact_figure WHERE contains(computed_from, '+')
),
terms AS (
    SELECT t.* EXCLUDE (term_list), r.i AS position, t.term_list[r.i] AS term_id
    FROM totals AS t, range(1, len(t.term_list) + 1) AS r (i)
)
SELECT x.report_file, 'sum' AS check_kind, x.figure_id, x.metric_code, x.value_canonical AS stated,
       sum(p.value_canonical)::DECIMAL(38, 6) AS computed,
       (0.5 * pow(10, -x.decimals_written) * x.value_canonical / nullif(x.value_written, 0))::DECIMAL(38, 6)
           AS tolerance,
       string_agg(p.number_text || ' [' || p.programme_code || coalesce('/' || p.project_code, '') || ']', ' + '
                  ORDER BY x.position) AS basis,
       list(p.figure_id ORDER BY x.position) AS term_ids,
       list(DISTINCT p.programme_code ORDER BY p.programme_code) AS term_programme_codes,
       x.quote
FROM terms AS x
INNER JOIN fact_figure AS p ON p.report_file = x.report_file AND p.figure_id = x.term_id
GROUP BY x.report_file, x.figure_id, x.metric_code, x.value_canonical, x.value_written, x.decimals_written, x.quote;

COMMENT ON TABLE mart_sum_checks IS 'Tổng nêu ở một chỗ, cộng lại từ các số nêu ở chỗ khác (theo nguồn vốn, xã, dự án) — grain: report_file, figure_id: a total recomputed from figures stated elsewhere in the report (computed_from fA+fB+…)';
COMMENT ON COLUMN mart_sum_checks.check_kind IS 'Luôn là sum — always sum (as in mart_reconciliation)';
COMMENT ON COLUMN mart_sum_checks.stated IS 'Tổng báo cáo nêu (đơn vị chuẩn) — stated total, canonical unit';
COMMENT ON COLUMN mart_sum_checks.computed IS 'Tổng cộng lại từ các số hạng — sum of the terms';
COMMENT ON COLUMN mart_sum_checks.tolerance IS 'Sai số cho phép do làm tròn tổng nêu — rounding tolerance of the stated total';
COMMENT ON COLUMN mart_sum_checks.basis IS 'Các số hạng như viết, kèm [nguồn vốn/chương trình] — the terms as written, with [programme/project]';
COMMENT ON COLUMN mart_sum_checks.term_ids IS 'figure_id của các số hạng, theo thứ tự trong computed_from — figure_ids of the terms, in order';
COMMENT ON COLUMN mart_sum_checks.term_programme_codes IS 'Các nguồn vốn / chương trình của các số hạng — programmes or capital sources the terms come from';
