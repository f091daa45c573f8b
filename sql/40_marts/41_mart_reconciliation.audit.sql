-- Audits of mart_reconciliation, run on the new warehouse before it is swapped in (vnreports.build.audits).

-- audit: every_computed_from_is_recomputed
-- Every figure that states how it follows from others (computed_from) has its rate, difference or
-- sum check ('fA+fB+…': a total of figures stated elsewhere, mart_sum_checks).
SELECT f.report_file, f.figure_id, f.computed_from
FROM fact_figure AS f
WHERE f.computed_from IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM mart_reconciliation AS m
                  WHERE m.report_file = f.report_file AND m.figure_id = f.figure_id
                    AND m.check_kind IN ('rate', 'difference', 'sum'));
