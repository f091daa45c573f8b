-- grain: commune_code
-- references: district_code -> dim_district
-- One row per commune, ward or town of the 2024 scheme, with its 2025 successor(s) from GSO's
-- official conversion table. A partly merged commune went to several successors.
CREATE TABLE dim_commune AS
SELECT
    commune_code,
    any_value(name) AS commune_name,
    regexp_replace(any_value(name), '^(Xã|Phường|Thị trấn) ', '') AS short_name,
    any_value(division_type) AS division_type,
    any_value(district_code) AS district_code,
    list(new_commune_code_2025 ORDER BY new_commune_code_2025) AS successor_codes_2025,
    list(new_commune_name_2025 ORDER BY new_commune_code_2025) AS successor_names_2025,
    bool_or(partly_merged) OR count(*) > 1 AS partly_merged
FROM stg_communes_2024
GROUP BY commune_code;

COMMENT ON TABLE dim_commune IS 'Xã, phường, thị trấn (mã GSO 2024) và đơn vị kế thừa năm 2025 — communes before the 2025 reform and their successors';
COMMENT ON COLUMN dim_commune.commune_code IS 'Mã xã GSO theo danh mục 2024 — GSO commune code, 2024 scheme (2025 codes overlap: use with the scheme)';
COMMENT ON COLUMN dim_commune.commune_name IS 'Tên chính thức, có tiền tố — official name with prefix (Xã Hoa Thám)';
COMMENT ON COLUMN dim_commune.short_name IS 'Tên không tiền tố — name without prefix';
COMMENT ON COLUMN dim_commune.division_type IS 'Loại: xã / phường / thị trấn — commune, ward or town';
COMMENT ON COLUMN dim_commune.district_code IS 'Mã huyện GSO — district code (dim_district)';
COMMENT ON COLUMN dim_commune.successor_codes_2025 IS 'Mã xã, phường mới từ 1/7/2025 (danh mục 2025) — successor commune codes, 2025 scheme';
COMMENT ON COLUMN dim_commune.successor_names_2025 IS 'Tên xã, phường mới từ 1/7/2025 — successor commune names';
COMMENT ON COLUMN dim_commune.partly_merged IS 'Bị chia cho nhiều xã mới — split between several 2025 communes';
