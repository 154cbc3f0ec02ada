-- An assessment's scores as columns and rows beside the stored scores JSON, written in the same
-- transaction as that JSON (at submission and validation, store/assessments.cpp): the overall
-- and legal-compliance percentages on the assessment, one row per domain of its grid (in grid
-- order, the percent NULL where no criterion of the domain was scored). The dashboard's scores
-- and heat map and the comparison of two campaigns aggregate these in SQL instead of parsing
-- every assessment's JSON. Filled here from the scores already stored.
ALTER TABLE assessments ADD COLUMN overall_percent DOUBLE PRECISION,
                        ADD COLUMN legal_compliance_percent DOUBLE PRECISION;
UPDATE assessments
   SET overall_percent = (scores::jsonb ->> 'overall')::double precision,
       legal_compliance_percent = (scores::jsonb ->> 'legal_compliance')::double precision
 WHERE scores IS NOT NULL;

CREATE TABLE assessment_domain_scores (
  assessment_id BIGINT NOT NULL REFERENCES assessments (id),
  position      INTEGER NOT NULL,
  domain_code   TEXT NOT NULL,
  percent       DOUBLE PRECISION,
  PRIMARY KEY (assessment_id, position)
);
INSERT INTO assessment_domain_scores (assessment_id, position, domain_code, percent)
SELECT a.id, d.ordinality - 1, d.value ->> 'code', (d.value ->> 'percent')::double precision
  FROM assessments a
 CROSS JOIN LATERAL jsonb_array_elements(a.scores::jsonb -> 'domains') WITH ORDINALITY AS d (value, ordinality)
 WHERE a.scores IS NOT NULL;

-- The validated official assessments of a campaign, found without reading the others.
CREATE INDEX assessments_campaign_validated ON assessments (campaign_id, institution_id)
  WHERE kind = 'official' AND status = 'validated' AND archived_at IS NULL;
