import { describe, expect, it } from 'vitest';
import { countByInstitution, domainChanges, latestScores, scoreHistory } from '../src/lib/institution_file';

// Validated official assessments as GET /api/assessments lists them: latest campaign first.
const assessed = [
  { id: 30, campaign_id: 3, institution_id: 1, campaign_name_ar: 'تتبع 2019', overall: 72.5, visit_date: '2019-09-12' },
  { id: 20, campaign_id: 2, institution_id: 1, campaign_name_ar: 'دراسة 2018', overall: 61, visit_date: null },
  { id: 10, campaign_id: 1, institution_id: 1, campaign_name_ar: 'قديمة', overall: null },
];

describe('the scores of an institution campaign by campaign', () => {
  it('gives each campaign its change since the one before, none for the first or a missing score', () => {
    const rows = scoreHistory(assessed);
    expect(rows.map((r) => [r.campaign_id, r.overall, r.change])).toEqual([
      [3, 72.5, 11.5],
      [2, 61, null],
      [1, null, null],
    ]);
    expect(rows[0]).toMatchObject({ assessment_id: 30, campaign_name_fr: null, visit_date: '2019-09-12' });
    expect(scoreHistory([])).toEqual([]);
  });

  it('compares the latest two per domain, the latest grid first, a domain missing on one side unchanged', () => {
    const after = {
      domains: [
        { code: 'D1', percent: 80 },
        { code: 'D2', percent: 40 },
        { code: 'D3', percent: null },
      ],
    };
    const before = {
      domains: [
        { code: 'D1', percent: 50 },
        { code: 'D2', percent: 55 },
        { code: 'D9', percent: 10 },
      ],
    };
    expect(domainChanges(after, before)).toEqual([
      { code: 'D1', before: 50, after: 80, change: 30 },
      { code: 'D2', before: 55, after: 40, change: -15 },
      { code: 'D3', before: null, after: null, change: null },
      { code: 'D9', before: 10, after: null, change: null },
    ]);
    // A first campaign: the scores, no change.
    expect(domainChanges(after, null)[0]).toEqual({ code: 'D1', before: null, after: 80, change: null });
  });
});

describe("an association's institutions", () => {
  it('takes each institution its latest score and the change since its previous campaign', () => {
    const others = [
      { id: 31, campaign_id: 3, institution_id: 2, overall: 40 },
      { id: 21, campaign_id: 2, institution_id: 2, overall: 45 },
    ];
    const latest = latestScores([assessed[0], others[0], assessed[1], others[1], assessed[2]]);
    expect(latest.get(1)).toMatchObject({ overall: 72.5, change: 11.5 });
    expect(latest.get(2)).toMatchObject({ overall: 40, change: -5 });
    expect(latestScores([others[1]]).get(2)).toMatchObject({ overall: 45, change: null });
    expect(latest.has(3)).toBe(false);
  });

  it('counts rows per institution', () => {
    const counts = countByInstitution([{ institution_id: 1 }, { institution_id: 2 }, { institution_id: 1 }]);
    expect([...counts]).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });
});
