// The web app's types and form bounds are generated from the API's OpenAPI document
// (openapi.json, which tests/cli checks is what `riaya openapi` prints): this fails when
// src/lib/api-types.ts was not regenerated after the document changed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentPath, generate, outputPath } from '../scripts/api-types.mjs';
import { RESOURCES } from '../src/lib/resources';

describe('the types generated from the API', () => {
  it('are what openapi.json gives (else run `npm run api-types`)', async () => {
    const wanted = await generate(JSON.parse(readFileSync(documentPath, 'utf8')));
    expect(readFileSync(outputPath, 'utf8') === wanted, 'src/lib/api-types.ts is stale: run `npm run api-types`').toBe(
      true,
    );
  });

  it("give the forms the server's required fields, allowed values, lengths and bounds", () => {
    const field = (resource: keyof typeof RESOURCES, name: string) =>
      RESOURCES[resource].fields.find((f) => f.name === name)!;
    expect(field('territories', 'level')).toMatchObject({
      required: true,
      values: ['country', 'region', 'province', 'commune'],
    });
    expect(field('territories', 'code')).toMatchObject({ required: true, maxlength: 20 });
    expect(field('institutions', 'capacity')).toMatchObject({ min: 0, max: 100000 });
    expect(field('institutions', 'name_fr')).toMatchObject({ required: false, maxlength: 300 });
    expect(field('equipment_needs', 'quantity')).toMatchObject({
      required: true,
      min: 0,
      max: 1_000_000,
      aboveMin: true,
    });
    expect(field('trainings', 'hours')).toMatchObject({ min: 0, max: 500, aboveMin: true });
    // What the form asks beyond the schema stays: a date once the action is done, a subset of sources.
    expect(field('actions', 'completed_on').required).toBe(true);
    expect(field('shortcomings', 'source').values).toEqual(['meeting', 'inspection', 'manual']);
  });
});
