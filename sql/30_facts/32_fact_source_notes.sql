-- Two small facts about the reports themselves (data-quality findings, not build errors).

-- One row per use of a spelling alias (a name written differently from GSO's).
-- grain: report_file, source_file, source_line, level, name_written
-- references: report_file -> dim_report
CREATE TABLE fact_place_alias_use AS SELECT * FROM stg_place_aliases_used;
COMMENT ON TABLE fact_place_alias_use IS 'Tên địa danh viết khác danh mục GSO, mỗi lần dùng — grain: one use of a place-name alias';
COMMENT ON COLUMN fact_place_alias_use.source_file IS 'Tệp có tên đó (reports.csv hoặc tệp chép số liệu) — file where the name was used';
COMMENT ON COLUMN fact_place_alias_use.source_line IS 'Dòng trong tệp đó — line in that file';
COMMENT ON COLUMN fact_place_alias_use.name_written IS 'Tên như viết trong báo cáo — name as written';
COMMENT ON COLUMN fact_place_alias_use.gso_code IS 'Mã GSO được gán — GSO code it resolves to';
COMMENT ON COLUMN fact_place_alias_use.official_name IS 'Tên chính thức GSO — official GSO name';
COMMENT ON COLUMN fact_place_alias_use.reason IS 'Lý do (viết sai, đã sáp nhập …) — why the alias exists';

-- One row per problem an analyst found in a report that no recomputation can find.
-- grain: report_file, source_line
-- references: report_file -> dim_report
CREATE TABLE fact_report_finding AS SELECT * FROM stg_report_findings;
COMMENT ON TABLE fact_report_finding IS 'Vấn đề trong báo cáo do người đọc phát hiện (data/raw/report_findings.csv) — grain: one finding';
COMMENT ON COLUMN fact_report_finding.kind IS 'Loại: name_spelling, conflicting_statement (số mâu thuẫn), conflicting_name (tên mâu thuẫn), misleading_wording (câu dễ hiểu nhầm, các tổng giải thích nó), unreliable_figure (báo cáo tự nói số chưa đúng), broken_text, typo';
COMMENT ON COLUMN fact_report_finding.figures_a IS 'Các figure_id một bên (cộng lại), xem mart_finding_checks — figures on one side of the claim, summed';
COMMENT ON COLUMN fact_report_finding.figures_b IS 'Các figure_id bên kia (cộng lại) — figures on the other side, summed';
COMMENT ON COLUMN fact_report_finding.detail IS 'Mô tả (tiếng Việt, kèm tiếng Anh) — description';
COMMENT ON COLUMN fact_report_finding.source_line IS 'Dòng trong data/raw/report_findings.csv — line in the findings file';
