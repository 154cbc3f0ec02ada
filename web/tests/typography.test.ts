// French typography in the French messages: a space (no-break, usually narrow) before « : », « ; »,
// « ? » and « ! », as French writes them ("Périmètre : …", not "Périmètre: …").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Message } from '../src/lib/i18n';
import { fr } from '../src/lib/locales/fr';

// What is not French prose: a tag that is a code ("L?"); the rule also passes the time "14:05",
// a URL's "://" and XLSForm's "label::Arabic".
const EXEMPT_KEYS = new Set(['enum.legal.probable']);
const texts = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));

/** The places in `text` where a high punctuation mark follows something other than a space. */
export function unspaced(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/[:;?!]/g)) {
    const at = match.index ?? 0;
    const before = text[at - 1] ?? ' ';
    const after = text.slice(at + 1, at + 3);
    if (/[\s\u00a0\u202f]/.test(before)) continue;
    if (match[0] === ':' && (/^\/\//.test(after) || (/\d/.test(before) && /^\d/.test(after)))) continue;
    // An XLSForm column name ("label::Arabic") is a code.
    if (match[0] === ':' && (before === ':' || after.startsWith(':'))) continue;
    found.push(text.slice(Math.max(0, at - 12), at + 4));
  }
  return found;
}

describe('French messages', () => {
  it('put a space before : ; ? and !', () => {
    const wrong = Object.entries(fr)
      .filter(([key]) => !EXEMPT_KEYS.has(key))
      .flatMap(([key, message]) => texts(message).flatMap((text) => unspaced(text).map((at) => `${key}: «${at}»`)));
    expect(wrong).toEqual([]);
  });

  it('put it before a colon the pages add after a label ("Périmètre : …")', () => {
    expect(fr['common.colon']).toBe('\u202f:');
    const pages = readdirSync(join(__dirname, '..', 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.svelte'))
      .map((f) => readFileSync(join(__dirname, '..', 'src', f), 'utf8'));
    // A label followed by a colon typed in the page, not the language's own.
    const typed = pages.flatMap((text) =>
      [...text.matchAll(/\bt\((?:'[^']*'|`[^`]*`)[^()]*\)\}:[ <]/g)].map((m) => m[0]),
    );
    expect(typed).toEqual([]);
  });

  it('are checked by a rule that catches the slip', () => {
    expect(unspaced('Périmètre: province')).toEqual(['Périmètre: pr']);
    expect(unspaced('Périmètre\u202f: province ; à 14:05, voir https://x')).toEqual([]);
  });
});
