-- Two indexes for what the dashboard and the comparison of two campaigns read at national scale.
--
-- A domain's percent read from an index alone: the heat map of a region or the country walks
-- each validated assessment's domain rows and sums their percents by province and domain
-- (store/dashboard.cpp, heat_map_by_province).
CREATE INDEX assessment_domain_scores_covering
    ON assessment_domain_scores (assessment_id, position) INCLUDE (domain_code, percent);

-- The answers below the full score (0 or 1; about 13.5 % of them at national scale): the
-- comparison looks up, for each answer of the later assessment, the earlier one only when it
-- was below full (store/comparison.cpp, criteria_query). Without it the planner hashed all
-- 1,200,000 answers of the country (620–880 ms for the totals); with it, 135–145 ms.
CREATE INDEX answers_below_full ON answers (assessment_id, criterion_code, score) WHERE score < 2;
