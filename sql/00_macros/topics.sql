-- The topic an analyst reads a figure under on the report's front page and district profiles:
-- figure_topic('disbursement_rate', 'dtc') = 'Giải ngân'. NULL for any other figure (the profile pages
-- then group it under its programme's root).
CREATE MACRO figure_topic(metric_code, programme_code) AS
    CASE WHEN metric_code LIKE 'disburs%' OR metric_code LIKE 'capital_plan%'
              OR metric_code IN ('counterpart_funds', 'counterpart_funds_unbalanced', 'advance_outstanding',
                                 'advance_recovery_allocated')
             THEN 'Giải ngân'
         WHEN programme_code = 'nsnn' OR programme_code LIKE 'nsnn\_%' ESCAPE '\' THEN 'Thu, chi ngân sách'
         WHEN metric_code LIKE 'ntm\_%' ESCAPE '\' OR metric_code = 'model_residential_areas' THEN 'Nông thôn mới'
    END;
