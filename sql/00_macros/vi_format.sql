-- Vietnamese number formatting for labels: "." groups thousands, "," marks decimals.
-- vi_num(2522.81, 2) = '2.522,81'; trailing zeros after the comma are dropped: vi_num(41.40, 2) = '41,4'.
CREATE MACRO vi_num(x, decimals) AS
    CASE WHEN decimals = 0 THEN replace(format('{:,.0f}', x::double), ',', '.')
         ELSE regexp_replace(
                  replace(replace(replace(format('{:,.' || decimals || 'f}', x::double), ',', '_'), '.', ','), '_', '.'),
                  ',?0+$', '')
    END;
-- Money in đồng as an analyst reads it: vi_money(56895000000) = '56,9 tỷ đồng'.
CREATE MACRO vi_money(vnd) AS
    CASE WHEN abs(vnd) >= 1e9 THEN vi_num(vnd / 1e9, 1) || ' tỷ đồng'
         WHEN abs(vnd) >= 1e6 THEN vi_num(vnd / 1e6, 1) || ' triệu đồng'
         ELSE vi_num(vnd, 0) || ' đồng' END;
-- A percentage: vi_pct(41.4) = '41,4%'.
CREATE MACRO vi_pct(x) AS vi_num(x, 2) || '%';
