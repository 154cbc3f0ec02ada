// The rules of offline answers (lib/sync.ts): what a sync sends, what its reply does to each
// waiting change, what the user's choice in the conflict view does.
import { describe, expect, it } from 'vitest';
import { applyReply, edited, overlaid, resolved, syncBodies, type Change, type SyncReply } from '../src/lib/sync';

const start = { user_id: 7, assessment_id: 3, base_status: 'draft' as const };
const change = (code: string, base_version: number, score: number | null, extra: Partial<Change> = {}): Change => ({
  ...edited(undefined, { ...start, criterion_code: code, base_version }, { score, comment: null }),
  ...extra,
});

describe('offline changes', () => {
  it('keeps the first base when an answer is changed again offline', () => {
    const first = change('D1.1', 2, 0);
    const again = edited(first, { ...start, criterion_code: 'D1.1', base_version: 5 }, { score: 2, comment: 'ok' });
    expect(again).toMatchObject({ key: '3:D1.1', base_version: 2, score: 2, comment: 'ok' });
  });

  it('sends only the waiting changes, grouped by the status they started from', () => {
    const bodies = syncBodies([
      change('D1.1', 0, 1),
      change('D1.2', 1, null),
      change('D1.3', 1, 2, { base_status: 'returned' }),
      change('D1.4', 1, 2, { refused: { message: 'gone' } }),
    ]);
    expect(bodies).toEqual([
      {
        base_status: 'draft',
        answers: [
          { criterion_code: 'D1.1', score: 1, comment: null, base_version: 0 },
          { criterion_code: 'D1.2', score: null, comment: null, base_version: 1 },
        ],
      },
      { base_status: 'returned', answers: [{ criterion_code: 'D1.3', score: 2, comment: null, base_version: 1 }] },
    ]);
  });

  it('drops what was saved and keeps every conflict and refusal with what the server said', () => {
    const sent = [change('D1.1', 0, 1), change('D1.2', 1, 0), change('D1.3', 1, 2), change('D1.4', 1, 2)];
    const reply: SyncReply = {
      assessment: { id: 3, status: 'returned', version: 9 },
      results: [
        { criterion_code: 'D1.1', outcome: 'saved', version: 1 },
        {
          criterion_code: 'D1.2',
          outcome: 'conflict',
          code: 'conflict',
          message: 'changed',
          editable: true,
          current: { criterion_code: 'D1.2', score: 2, comment: 'theirs', version: 2, updated_by_name: 'co' },
        },
        { criterion_code: 'D1.3', outcome: 'refused', code: 'assessment_unavailable', message: 'gone' },
      ],
    };
    const { done, kept, saved } = applyReply(sent, reply);
    expect(done.map((c) => c.criterion_code)).toEqual(['D1.1']);
    expect(saved).toEqual([{ criterion_code: 'D1.1', score: 1, comment: null, version: 1 }]);
    expect(kept.map((c) => c.criterion_code)).toEqual(['D1.2', 'D1.3', 'D1.4']);
    expect(kept[0].conflict).toMatchObject({ code: 'conflict', editable: true, status: 'returned' });
    expect(kept[0].conflict?.current?.score).toBe(2);
    expect(kept[1].refused).toEqual({ message: 'gone' });
    expect(kept[2].conflict ?? kept[2].refused).toBeUndefined(); // not answered: sent again
  });

  it('resolves a conflict: mine is sent again from the version and status shown, theirs drops mine', () => {
    const conflicted = change('D2.1', 1, 2, {
      conflict: {
        code: 'status_changed',
        message: '',
        editable: true,
        status: 'returned',
        current: { criterion_code: 'D2.1', score: 0, comment: null, version: 4 },
      },
    });
    expect(resolved(conflicted, 'mine')).toMatchObject({ base_version: 4, base_status: 'returned', score: 2 });
    expect(resolved(conflicted, 'mine')?.conflict).toBeUndefined();
    expect(resolved(conflicted, 'theirs')).toBeNull();
    // A criterion the other side has no answer for any more starts from "not answered".
    expect(
      resolved({ ...conflicted, conflict: { ...conflicted.conflict!, current: null } }, 'mine')?.base_version,
    ).toBe(0);
  });

  it('shows the waiting changes over the stored answers', () => {
    const shown = overlaid(
      [
        { criterion_code: 'D1.1', score: 0, comment: 'old', version: 3 },
        { criterion_code: 'D1.2', score: 1, comment: null, version: 1 },
      ],
      [change('D1.1', 3, 2)],
    );
    expect(shown.find((a) => a.criterion_code === 'D1.1')).toMatchObject({ score: 2, comment: null });
    expect(shown.find((a) => a.criterion_code === 'D1.2')).toMatchObject({ score: 1 });
  });
});
