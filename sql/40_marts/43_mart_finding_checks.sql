-- grain: report_file, source_line
-- references: report_file -> dim_report
-- One row per finding of data/raw/report_findings.csv that names figures.
-- A finding that claims numbers conflict (conflicting_statement) names the figures on both sides
-- (figures_a, figures_b, each side summed); one that calls the wording misleading
-- (misleading_wording) names the figures that resolve it. Both sides are recomputed here from the
-- transcription: a conflict must differ, a resolution must agree (the build already refuses a
-- finding that does not; this table shows the numbers, and source_anomalies quotes them).
CREATE TABLE mart_finding_checks AS
WITH terms AS (
    SELECT r.report_file, r.source_line, r.kind, 'a' AS side, t.i AS position, r.figures_a[t.i] AS figure_id
    FROM fact_report_finding AS r, range(1, len(r.figures_a) + 1) AS t (i)
    WHERE r.figures_a IS NOT NULL
    UNION ALL
    SELECT r.report_file, r.source_line, r.kind, 'b', t.i, r.figures_b[t.i]
    FROM fact_report_finding AS r, range(1, len(r.figures_b) + 1) AS t (i)
    WHERE r.figures_b IS NOT NULL
),
sides AS (
    SELECT x.report_file, x.source_line, x.kind, x.side, sum(f.value_canonical) AS total,
           max(0.5 * pow(10, -f.decimals_written) * f.value_canonical / nullif(f.value_written, 0)) AS tolerance,
           string_agg(f.number_text, ' + ' ORDER BY x.position) AS basis, list(f.figure_id ORDER BY x.position) AS ids
    FROM terms AS x INNER JOIN fact_figure AS f ON f.report_file = x.report_file AND f.figure_id = x.figure_id
    GROUP BY ALL
),
side_a AS (SELECT * FROM sides WHERE side = 'a'),
side_b AS (SELECT * FROM sides WHERE side = 'b'),
paired AS (
    SELECT coalesce(a.report_file, b.report_file) AS report_file, coalesce(a.source_line, b.source_line) AS source_line,
           coalesce(a.kind, b.kind) AS kind, a.ids AS figures_a, b.ids AS figures_b,
           a.total::DECIMAL(38, 6) AS sum_a, b.total::DECIMAL(38, 6) AS sum_b,
           greatest(coalesce(a.tolerance, 0), coalesce(b.tolerance, 0))::DECIMAL(38, 6) AS tolerance,
           a.basis AS basis_a, b.basis AS basis_b
    FROM side_a AS a
    FULL JOIN side_b AS b USING (report_file, source_line)
)
SELECT *,
       CASE kind WHEN 'conflicting_statement' THEN 'differ' WHEN 'misleading_wording' THEN 'agree' END AS claim,
       CASE kind WHEN 'conflicting_statement' THEN abs(sum_a - sum_b) > tolerance
                 WHEN 'misleading_wording' THEN abs(sum_a - sum_b) <= tolerance END AS holds,
       CASE WHEN kind IN ('conflicting_statement', 'misleading_wording')
            THEN 'tính lại (recomputed) A: ' || basis_a || ' = ' || vi_num(sum_a, 3)
                 || CASE kind WHEN 'conflicting_statement' THEN ' ≠ ' ELSE ' = ' END
                 || 'B: ' || basis_b || ' = ' || vi_num(sum_b, 3)
            ELSE 'số liệu (figures): ' || concat_ws('; ', basis_a, basis_b) END AS detail
FROM paired;

COMMENT ON TABLE mart_finding_checks IS 'Các số hai bên của một phát hiện trong report_findings.csv, tính lại — grain: report_file, source_line: the figures on both sides of a finding, recomputed';
COMMENT ON COLUMN mart_finding_checks.source_line IS 'Dòng trong data/raw/report_findings.csv — line in the findings file';
COMMENT ON COLUMN mart_finding_checks.kind IS 'Loại phát hiện (conflicting_statement, misleading_wording …) — kind of finding';
COMMENT ON COLUMN mart_finding_checks.figures_a IS 'figure_id bên A — figures of side A';
COMMENT ON COLUMN mart_finding_checks.figures_b IS 'figure_id bên B — figures of side B';
COMMENT ON COLUMN mart_finding_checks.sum_a IS 'Tổng bên A (đơn vị chuẩn) — sum of side A, canonical unit';
COMMENT ON COLUMN mart_finding_checks.sum_b IS 'Tổng bên B (đơn vị chuẩn) — sum of side B, canonical unit';
COMMENT ON COLUMN mart_finding_checks.tolerance IS 'Sai số làm tròn lớn nhất của các số — the largest rounding tolerance of the figures';
COMMENT ON COLUMN mart_finding_checks.basis_a IS 'Các số bên A như viết — side A as written';
COMMENT ON COLUMN mart_finding_checks.basis_b IS 'Các số bên B như viết — side B as written';
COMMENT ON COLUMN mart_finding_checks.claim IS 'Điều phát hiện khẳng định: differ (mâu thuẫn) / agree (các tổng giải thích câu chữ) / NULL — what the finding claims about the two sums';
COMMENT ON COLUMN mart_finding_checks.holds IS 'Điều khẳng định đúng với các số đã chép — the claim holds on the transcribed figures';
COMMENT ON COLUMN mart_finding_checks.detail IS 'Hai bên với các số — both sides with their numbers';
