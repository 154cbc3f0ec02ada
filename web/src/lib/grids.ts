// Assessment grids (docs/API.md "Diagnostic campaigns"): their JSON shape, the tags of a
// criterion, and the editor's logic — an editable copy of a grid's content and back, the
// checks the server's parse_grid makes (so that most mistakes are shown before sending), the
// element id of every edited value (so that an API error such as
// "content.domains[2].criteria[0].text_ar" lands on its field), and what two versions differ in.
import { t } from './i18n';
import type { Record } from './types';

export type LegalStatus = 'yes' | 'probable' | 'no';
/** In the order the editor offers them: good practice, probably legal, legal obligation. */
export const LEGAL_STATUSES = ['no', 'probable', 'yes'] as const;

export interface GridCriterion {
  code: string;
  text_ar: string;
  text_fr?: string | null;
  weight?: number;
  legal?: LegalStatus;
  legal_reference?: string | null;
  critical?: boolean;
  guidance_ar?: string | null;
  guidance_fr?: string | null;
  remedy_ar?: string | null;
  remedy_fr?: string | null;
}

export interface GridDomain {
  code: string;
  name_ar: string;
  name_fr?: string | null;
  weight?: number;
  criteria: GridCriterion[];
}

export interface GridContent {
  code: string;
  version: number;
  name_ar: string;
  name_fr?: string | null;
  scale: unknown[];
  not_applicable: unknown;
  domains: GridDomain[];
}

/** A grid as GET /api/grids lists it; GET /api/grids/{id} adds `content`. */
export interface GridRecord extends Record {
  code: string;
  grid_version: number;
  name_ar: string;
  name_fr: string | null;
  frozen: boolean;
  campaigns: number;
  /** On a single grid's read: whether the caller may change it (its scope, not only its role). */
  editable?: boolean;
  domains?: number;
  criteria?: number;
  content?: GridContent;
}

/** Whether `record` (a conflict's current record, say) is a grid: its code, version and names. */
export function isGridRecord(record: Record | undefined): record is GridRecord {
  return (
    !!record &&
    typeof record.code === 'string' &&
    typeof record.grid_version === 'number' &&
    typeof record.name_ar === 'string' &&
    typeof record.frozen === 'boolean'
  );
}

/** One problem of an XLSForm file, as POST /api/grids/import reports it. */
export interface ImportIssue {
  sheet: string;
  row: number;
  column: string;
  value: string;
  blocking: boolean;
  message: string;
}

/** L: a legal obligation; L?: probably legal, to confirm; C: critical (GRID.md). */
export type Tag = 'L' | 'L?' | 'C';

export function criterionTags(c: Pick<GridCriterion, 'legal' | 'critical'>): Tag[] {
  const tags: Tag[] = [];
  if (c.legal === 'yes') tags.push('L');
  if (c.legal === 'probable') tags.push('L?');
  if (c.critical) tags.push('C');
  return tags;
}

/**
 * A law reference as the grid holds it ("Loi 65.15", "Loi 09-08, art. 3"), in the interface's
 * language ("القانون 65.15"); a reference of another shape is shown as it was typed.
 */
/**
 * Whether a grid's Arabic text still waits for its translation: an imported form without Arabic
 * labels (a Kobo or ODK form) takes the text of another language until someone translates it.
 */
export function awaitsTranslation(arabic: string): boolean {
  return !/[\u0600-\u06FF]/.test(arabic);
}

/** How many domains and criteria of a grid still wait for their Arabic text. */
export function untranslatedCount(content: {
  domains: { name_ar: string; criteria: { text_ar: string }[] }[];
}): number {
  let count = 0;
  for (const d of content.domains) {
    if (awaitsTranslation(d.name_ar)) count += 1;
    for (const c of d.criteria) if (awaitsTranslation(c.text_ar)) count += 1;
  }
  return count;
}

export function legalReferenceText(reference: string): string {
  const law = /^\s*(?:loi|law|القانون)\s+(?:n°\s*|رقم\s*)?(\d+[.-]\d+)(.*)$/iu.exec(reference);
  return law ? t('grids.law', { number: law[1] }) + law[2] : reference;
}

// The editor's copy: every value as its input holds it (weights as typed text), and a `key`
// that stays with a domain or criterion while others are added or removed around it.
export interface EditCriterion {
  key: number;
  code: string;
  text_ar: string;
  text_fr: string;
  weight: string;
  legal: LegalStatus;
  legal_reference: string;
  critical: boolean;
  guidance_ar: string;
  guidance_fr: string;
  remedy_ar: string;
  remedy_fr: string;
}

export interface EditDomain {
  key: number;
  code: string;
  name_ar: string;
  name_fr: string;
  weight: string;
  criteria: EditCriterion[];
}

export interface EditGrid {
  name_ar: string;
  name_fr: string;
  domains: EditDomain[];
}

let nextKey = 1;
const str = (v: string | null | undefined) => v ?? '';
const weightText = (w: number | undefined) => String(w ?? 1);

export function newCriterion(code: string): EditCriterion {
  return {
    key: nextKey++,
    code,
    text_ar: '',
    text_fr: '',
    weight: '1',
    legal: 'no',
    legal_reference: '',
    critical: false,
    guidance_ar: '',
    guidance_fr: '',
    remedy_ar: '',
    remedy_fr: '',
  };
}

export function newDomain(code: string): EditDomain {
  return { key: nextKey++, code, name_ar: '', name_fr: '', weight: '1', criteria: [newCriterion(`${code}.1`)] };
}

/** The editable copy of a grid's content. */
export function toEditable(content: GridContent): EditGrid {
  return {
    name_ar: content.name_ar,
    name_fr: str(content.name_fr),
    domains: content.domains.map((d) => ({
      key: nextKey++,
      code: d.code,
      name_ar: d.name_ar,
      name_fr: str(d.name_fr),
      weight: weightText(d.weight),
      criteria: d.criteria.map((c) => ({
        key: nextKey++,
        code: c.code,
        text_ar: c.text_ar,
        text_fr: str(c.text_fr),
        weight: weightText(c.weight),
        legal: c.legal ?? 'no',
        legal_reference: str(c.legal_reference),
        critical: !!c.critical,
        guidance_ar: str(c.guidance_ar),
        guidance_fr: str(c.guidance_fr),
        remedy_ar: str(c.remedy_ar),
        remedy_fr: str(c.remedy_fr),
      })),
    })),
  };
}

/** A typed weight as a number ("1,5" reads as 1.5); NaN when it is not one. */
export function parseWeight(text: string): number {
  const t = text.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/** The content to PUT: `base` (code, version, scale…) with the edited names and domains. */
export function toContent(base: GridContent, edit: EditGrid): GridContent {
  return {
    ...base,
    name_ar: edit.name_ar.trim(),
    name_fr: edit.name_fr.trim(),
    domains: edit.domains.map((d) => ({
      code: d.code.trim(),
      name_ar: d.name_ar.trim(),
      name_fr: d.name_fr.trim(),
      weight: parseWeight(d.weight),
      criteria: d.criteria.map((c) => ({
        code: c.code.trim(),
        text_ar: c.text_ar.trim(),
        text_fr: c.text_fr.trim(),
        weight: parseWeight(c.weight),
        legal: c.legal,
        legal_reference: c.legal_reference.trim() || null,
        critical: c.critical,
        guidance_ar: c.guidance_ar.trim(),
        guidance_fr: c.guidance_fr.trim(),
        remedy_ar: c.remedy_ar.trim(),
        remedy_fr: c.remedy_fr.trim(),
      })),
    })),
  };
}

export interface Problem {
  key: string;
  params?: { [name: string]: string | number };
}

/**
 * What the server's parse_grid would refuse, by path ("domains[0].criteria[2].text_ar",
 * "domains[1].criteria" for a domain left without criteria, "domains" for no domain at all).
 */
export function checkGrid(edit: EditGrid): { [path: string]: Problem } {
  const problems: { [path: string]: Problem } = {};
  const required = (path: string, value: string) => {
    if (!value.trim()) problems[path] = { key: 'errors.required' };
  };
  const weight = (path: string, value: string) => {
    const w = parseWeight(value);
    if (Number.isNaN(w)) problems[path] = { key: 'errors.number' };
    else if (w <= 0) problems[path] = { key: 'grids.weight_positive' };
  };
  required('name_ar', edit.name_ar);
  if (!edit.domains.length) problems.domains = { key: 'grids.no_domain' };
  const domainCodes = new Set<string>();
  const criterionCodes = new Set<string>();
  edit.domains.forEach((d, i) => {
    const at = `domains[${i}]`;
    required(`${at}.code`, d.code);
    if (d.code.trim() && domainCodes.has(d.code.trim())) problems[`${at}.code`] = { key: 'errors.duplicate' };
    domainCodes.add(d.code.trim());
    required(`${at}.name_ar`, d.name_ar);
    weight(`${at}.weight`, d.weight);
    if (!d.criteria.length) problems[`${at}.criteria`] = { key: 'grids.no_criterion' };
    d.criteria.forEach((c, j) => {
      const cat = `${at}.criteria[${j}]`;
      required(`${cat}.code`, c.code);
      if (c.code.trim() && criterionCodes.has(c.code.trim())) problems[`${cat}.code`] = { key: 'errors.duplicate' };
      criterionCodes.add(c.code.trim());
      required(`${cat}.text_ar`, c.text_ar);
      weight(`${cat}.weight`, c.weight);
      if (c.legal === 'yes') required(`${cat}.legal_reference`, c.legal_reference);
    });
  });
  return problems;
}

/** The element id of the value at `path` ("domains[2].criteria[0].text_ar" → "grid-domains-2-criteria-0-text_ar"). */
export function pathId(path: string): string {
  return `grid-${path.replace(/\[(\d+)\]/g, '-$1').replace(/\./g, '-')}`;
}

/** The path inside the content that an API error's field names ("content.domains[0].code"), or null. */
export function contentPath(field: string | undefined): string | null {
  return field && field.startsWith('content.') ? field.slice('content.'.length) : null;
}

/** Where a path lies: its domain's and criterion's index (criterion -1 for a domain's own value). */
export function pathPlace(path: string): { domain: number; criterion: number } | null {
  const m = /^domains\[(\d+)\](?:\.criteria\[(\d+)\])?/.exec(path);
  return m ? { domain: Number(m[1]), criterion: m[2] === undefined ? -1 : Number(m[2]) } : null;
}

/**
 * The next free code `prefix` + number: one more than the highest number already used after
 * that prefix ("D" after D1…D9 → "D10"; "D3." after D3.1…D3.5 → "D3.6"; "D1." alone → "D1.1").
 */
export function nextCode(prefix: string, taken: string[]): string {
  let n = 0;
  for (const code of taken) {
    if (!code.startsWith(prefix)) continue;
    const rest = code.slice(prefix.length);
    if (/^\d+$/.test(rest)) n = Math.max(n, Number(rest));
  }
  return `${prefix}${n + 1}`;
}

function sameCriterion(a: GridCriterion, b: GridCriterion): boolean {
  const norm = (c: GridCriterion) => [
    c.text_ar,
    c.text_fr ?? '',
    c.weight ?? 1,
    c.legal ?? 'no',
    c.legal_reference ?? null,
    !!c.critical,
    c.guidance_ar ?? '',
    c.guidance_fr ?? '',
    c.remedy_ar ?? '',
    c.remedy_fr ?? '',
  ];
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/**
 * What two versions of a grid's content differ in: whether the names do, and the codes of the
 * domains and criteria that were changed, added or removed (in the order of `mine`, then theirs).
 */
export function gridDifferences(mine: GridContent, theirs: GridContent): { names: boolean; codes: string[] } {
  const names = mine.name_ar !== theirs.name_ar || (mine.name_fr ?? '') !== (theirs.name_fr ?? '');
  const codes: string[] = [];
  const add = (code: string) => {
    if (!codes.includes(code)) codes.push(code);
  };
  const theirDomains = new Map(theirs.domains.map((d) => [d.code, d]));
  const theirCriteria = new Map(theirs.domains.flatMap((d) => d.criteria.map((c) => [c.code, c] as const)));
  const myCriteria = new Set(mine.domains.flatMap((d) => d.criteria.map((c) => c.code)));
  for (const d of mine.domains) {
    const other = theirDomains.get(d.code);
    if (
      !other ||
      other.name_ar !== d.name_ar ||
      (other.name_fr ?? '') !== (d.name_fr ?? '') ||
      (other.weight ?? 1) !== (d.weight ?? 1)
    )
      add(d.code);
    for (const c of d.criteria) {
      const them = theirCriteria.get(c.code);
      if (!them || !sameCriterion(c, them)) add(c.code);
    }
  }
  const myDomains = new Set(mine.domains.map((d) => d.code));
  for (const d of theirs.domains) {
    if (!myDomains.has(d.code)) add(d.code);
    for (const c of d.criteria) if (!myCriteria.has(c.code)) add(c.code);
  }
  return { names, codes };
}
