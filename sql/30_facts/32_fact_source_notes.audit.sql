-- Audits of fact_place_alias_use, run on the new warehouse before it is swapped in (vnreports.build.audits).

-- audit: alias_code_in_its_dimension
-- An alias resolves to a code of its level's dimension (gso_code is a district or a commune code).
SELECT a.report_file, a.source_file, a.source_line, a.level, a.name_written, a.gso_code
FROM fact_place_alias_use AS a
WHERE NOT (a.level = 'district' AND EXISTS (SELECT 1 FROM dim_district AS d WHERE d.district_code = a.gso_code))
  AND NOT (a.level = 'commune' AND EXISTS (SELECT 1 FROM dim_commune AS c WHERE c.commune_code = a.gso_code));
