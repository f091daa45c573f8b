-- grain: district_code
-- unique: district_key
-- One row per district-level unit of Lạng Sơn (GSO 2024 scheme), with the 2025 communes its
-- communes became.
CREATE TABLE dim_district AS
SELECT
    d.district_code,
    (row_number() OVER (ORDER BY d.district_code))::SMALLINT AS district_key,
    d.name AS district_name,
    regexp_replace(d.name, '^(Huyện|Thành phố) ', '') AS short_name,
    d.division_type,
    d.province_code,
    (SELECT count(DISTINCT c.commune_code) FROM stg_communes_2024 AS c WHERE c.district_code = d.district_code)
        AS n_communes_2024,
    (SELECT list(DISTINCT c.new_commune_name_2025 ORDER BY c.new_commune_name_2025 COLLATE vi)
     FROM stg_communes_2024 AS c WHERE c.district_code = d.district_code) AS successor_communes_2025
FROM stg_districts AS d;

COMMENT ON TABLE dim_district IS 'Huyện, thành phố (11 đơn vị cấp huyện, mã GSO 2024) — district-level units of Lạng Sơn before the 2025 reform';
COMMENT ON COLUMN dim_district.district_code IS 'Mã huyện GSO — GSO district code (2024 scheme)';
COMMENT ON COLUMN dim_district.district_key IS 'Khóa số của huyện (1, 2, … theo thứ tự mã) — integer key of the district (mart_rankings)';
COMMENT ON COLUMN dim_district.district_name IS 'Tên chính thức, có tiền tố — official name with prefix (Huyện Bình Gia)';
COMMENT ON COLUMN dim_district.short_name IS 'Tên không tiền tố — name without prefix (Bình Gia)';
COMMENT ON COLUMN dim_district.division_type IS 'Loại đơn vị: huyện / thành phố — district or city';
COMMENT ON COLUMN dim_district.province_code IS 'Mã tỉnh GSO (20 = Lạng Sơn) — GSO province code';
COMMENT ON COLUMN dim_district.n_communes_2024 IS 'Số xã, phường, thị trấn năm 2024 — communes in the district before the reform';
COMMENT ON COLUMN dim_district.successor_communes_2025 IS 'Các xã, phường mới (từ 1/7/2025) nhận địa bàn của huyện — 2025 communes that took over its communes';
