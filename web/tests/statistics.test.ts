import { describe, expect, it } from 'vitest';
import { schoolYearOptions } from '../src/lib/statistics';

describe('schoolYearOptions', () => {
  it('starts a school year in September and lists the newest first, isolated left to right', () => {
    const august = schoolYearOptions(new Date(2020, 7, 31));
    expect(august[0]).toEqual({ value: '2019-2020', label: '\u20662019–2020\u2069' });
    expect(august.at(-1)?.value).toBe('2015-2016');
    expect(schoolYearOptions(new Date(2020, 8, 1))[0].value).toBe('2020-2021');
  });
});
