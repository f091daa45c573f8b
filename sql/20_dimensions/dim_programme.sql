-- grain: programme_code
-- references: parent_code -> dim_programme.programme_code
-- Programmes, their projects and sub-projects, capital sources and budget lines as a tree.
CREATE TABLE dim_programme AS
WITH RECURSIVE tree AS (
    SELECT programme_code, programme_code AS root_code, 0 AS depth
    FROM stg_programmes WHERE parent_code IS NULL
    UNION ALL
    SELECT p.programme_code, t.root_code, t.depth + 1
    FROM stg_programmes AS p INNER JOIN tree AS t ON p.parent_code = t.programme_code
)
SELECT p.programme_code, p.parent_code, p.level, p.name_vi, p.name_en, t.root_code, t.depth,
       t.root_code = 'ctmtqg' AS is_national_target_programme
FROM stg_programmes AS p INNER JOIN tree AS t USING (programme_code);

COMMENT ON TABLE dim_programme IS 'Chương trình, dự án, tiểu dự án, nguồn vốn, thu chi ngân sách — programmes, projects and sub-projects, capital sources, budget lines';
COMMENT ON COLUMN dim_programme.programme_code IS 'Mã chương trình / dự án — programme or project code (data/raw/programmes.csv)';
COMMENT ON COLUMN dim_programme.parent_code IS 'Mã cấp trên — parent programme code';
COMMENT ON COLUMN dim_programme.level IS 'Cấp: group / programme / project / subproject / capital_source — level in the tree';
COMMENT ON COLUMN dim_programme.name_vi IS 'Tên tiếng Việt như trong báo cáo — Vietnamese name as in the reports';
COMMENT ON COLUMN dim_programme.name_en IS 'Tên tiếng Anh — English name';
COMMENT ON COLUMN dim_programme.root_code IS 'Mã gốc của cây (ctmtqg, dtc, nsnn …) — root of the tree';
COMMENT ON COLUMN dim_programme.depth IS 'Độ sâu trong cây (0 = gốc) — depth in the tree';
COMMENT ON COLUMN dim_programme.is_national_target_programme IS 'Thuộc các Chương trình MTQG — part of the national target programmes';
