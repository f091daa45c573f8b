-- grain: report_file
CREATE TABLE dim_report AS
-- report_label: the name an analyst knows a report by: type, date signed (month only when the day is
-- blank), event and subject districts, e.g. "TB-UBND 26/4/2024 · kiểm tra huyện Bình Gia". Labels that
-- would be the same get "(1)", "(2)" … in date and file order, so that each label names one report.
WITH label_parts AS (
    SELECT s.report_file, s.event_date,
           concat_ws(' · ',
                     s.doc_type || ' ' || CASE WHEN s.date_signed_precision = 'month'
                                               THEN strftime(s.date_signed, '%-m/%Y')
                                               ELSE strftime(s.date_signed, '%-d/%-m/%Y') END,
                     nullif(concat_ws(' ', nullif(regexp_replace(s.event_type, '\s*\([^)]*\)\s*$', ''), ''),
                                      coalesce((SELECT CASE WHEN count(*) > 3 THEN count(*) || ' huyện'
                                                            ELSE string_agg(lower(d.name[1]) || d.name[2:], ', '
                                                                            ORDER BY d.name COLLATE vi) END
                                                FROM stg_districts AS d
                                                WHERE list_contains(s.subject_district_codes, d.district_code)),
                                               'toàn tỉnh')), '')) AS label
    FROM stg_reports AS s
),

labels AS (
    SELECT report_file,
           CASE WHEN count(*) OVER (PARTITION BY label) = 1 THEN label
                ELSE label || ' (' || row_number() OVER (PARTITION BY label ORDER BY event_date, report_file) || ')'
           END AS report_label
    FROM label_parts
)

SELECT r.* EXCLUDE (text_sha256, subject_districts_written, subject_communes_written),
       (SELECT count(*) FROM stg_figures AS f WHERE f.report_file = r.report_file) AS n_figures,
       l.report_label
FROM stg_reports AS r
LEFT JOIN labels AS l ON l.report_file = r.report_file;

COMMENT ON TABLE dim_report IS 'Báo cáo, thông báo kết luận (sổ đăng ký data/raw/reports.csv) — the source documents';
COMMENT ON COLUMN dim_report.doc_number IS 'Số văn bản (để trống trong bản dự thảo) — document number, blank where the report leaves it blank';
COMMENT ON COLUMN dim_report.doc_type IS 'Loại văn bản: TB-UBND, BC-UBND, TB-TCT — document type';
COMMENT ON COLUMN dim_report.issuing_body IS 'Cơ quan ban hành — issuing body';
COMMENT ON COLUMN dim_report.signer IS 'Người ký (như viết trong văn bản) — signer, as written';
COMMENT ON COLUMN dim_report.signer_title IS 'Chức vụ người ký — signer''s title';
COMMENT ON COLUMN dim_report.place IS 'Địa danh ghi ở đầu văn bản — place written on the document';
COMMENT ON COLUMN dim_report.date_signed IS 'Ngày ký (ngày 1 của tháng khi văn bản để trống ngày) — date signed (first of the month when the day is blank)';
COMMENT ON COLUMN dim_report.date_signed_precision IS 'Độ chính xác ngày ký: day / month — precision of date_signed';
COMMENT ON COLUMN dim_report.date_signed_text IS 'Ngày ký như ghi trong sổ đăng ký (2024-04 khi để trống ngày) — date signed as registered';
COMMENT ON COLUMN dim_report.concluding_official IS 'Người kết luận — official whose conclusions the notice records';
COMMENT ON COLUMN dim_report.subject_district_codes IS 'Mã huyện được kiểm tra / báo cáo — subject district codes';
COMMENT ON COLUMN dim_report.subject_commune_codes IS 'Mã xã được kiểm tra — subject commune codes';
COMMENT ON COLUMN dim_report.event_type IS 'Loại sự kiện: kiểm tra, báo cáo định kỳ … — kind of event';
COMMENT ON COLUMN dim_report.event_date IS 'Ngày kiểm tra / làm việc — inspection or meeting date';
COMMENT ON COLUMN dim_report.period_text IS 'Kỳ số liệu như ghi trong văn bản — period the figures cover, as written';
COMMENT ON COLUMN dim_report.period_start IS 'Đầu kỳ số liệu — period start';
COMMENT ON COLUMN dim_report.period_end IS 'Cuối kỳ số liệu — period end';
COMMENT ON COLUMN dim_report.title IS 'Trích yếu — title';
COMMENT ON COLUMN dim_report.note IS 'Ghi chú về văn bản — notes on the document';
COMMENT ON COLUMN dim_report.n_figures IS 'Số số liệu đã chép — number of transcribed figures';
COMMENT ON COLUMN dim_report.reviewed IS 'Dòng sổ đăng ký đã duyệt (false: bản nháp của make add) — the registry row is reviewed, not a draft';
