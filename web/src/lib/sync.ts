// The rules of offline answers (issue 17), apart from where they are kept (lib/offline.ts):
// what a sync sends, what its answer does to each waiting change, and what a choice in the
// conflict view does. The server's side: POST /api/assessments/{id}/answers/sync (docs/API.md).

export type AssessmentStatus = 'draft' | 'submitted' | 'returned' | 'validated';

/** An answer as the assessment holds it (`version`: the answer's own, 0 when not answered). */
export interface SavedAnswer {
  criterion_code: string;
  score: number | null;
  comment: string | null;
  version?: number;
  updated_by_name?: string | null;
}

/** An answer changed offline and not yet saved, with what it started from. */
export interface Change {
  /** `${assessment_id}:${criterion_code}`: one waiting change per criterion. */
  key: string;
  user_id: number;
  assessment_id: number;
  criterion_code: string;
  score: number | null;
  comment: string | null;
  /** The answer's version when it was first changed (0: not answered then). */
  base_version: number;
  /** The assessment's status then. */
  base_status: AssessmentStatus;
  /** The server found it changed by someone else, or the assessment changed state: the user chooses. */
  conflict?: {
    code: string;
    message: string;
    editable: boolean;
    current: SavedAnswer | null;
    /** The assessment's status when the conflict was found. */
    status: AssessmentStatus;
  };
  /** The server refused it (assessment deleted or no longer the user's): kept until discarded. */
  refused?: { message: string };
}

/** One answer of the server's reply to a sync. */
export interface SyncResult {
  criterion_code: string;
  outcome: 'saved' | 'conflict' | 'refused';
  version?: number;
  code?: string;
  message?: string;
  editable?: boolean;
  current?: SavedAnswer | null;
}

export interface SyncReply {
  assessment: { id: number; status: AssessmentStatus; version: number } | null;
  results: SyncResult[];
}

export const changeKey = (assessmentId: number, code: string) => `${assessmentId}:${code}`;

/** Whether a change is still to be sent (not waiting for the user's choice or a discard). */
export const isWaiting = (change: Change) => !change.conflict && !change.refused;

/**
 * The change after the user changes the answer again: the new value, the same base (what it
 * started from has not changed); a conflict shown stays until it is resolved.
 */
export function edited(
  previous: Change | undefined,
  start: {
    user_id: number;
    assessment_id: number;
    criterion_code: string;
    base_version: number;
    base_status: AssessmentStatus;
  },
  value: { score: number | null; comment: string | null },
): Change {
  if (previous) return { ...previous, score: value.score, comment: value.comment };
  return { key: changeKey(start.assessment_id, start.criterion_code), ...start, ...value };
}

/** The sync requests of an assessment's waiting changes: one per base status (usually one). */
export function syncBodies(changes: Change[]): {
  base_status: AssessmentStatus;
  answers: { criterion_code: string; score: number | null; comment: string | null; base_version: number }[];
}[] {
  const by = new Map<AssessmentStatus, Change[]>();
  for (const change of changes.filter(isWaiting)) {
    const list = by.get(change.base_status) ?? [];
    list.push(change);
    by.set(change.base_status, list);
  }
  return [...by.entries()].map(([base_status, list]) => ({
    base_status,
    answers: list.map((c) => ({
      criterion_code: c.criterion_code,
      score: c.score,
      comment: c.comment,
      base_version: c.base_version,
    })),
  }));
}

/**
 * What a sync's reply does to the changes sent: the saved ones are done (their answers, at
 * their new versions, go into the stored copy); a conflict or a refusal is kept with what the
 * server said, for the user to choose. Nothing is dropped without the user's choice.
 */
export function applyReply(sent: Change[], reply: SyncReply): { done: Change[]; kept: Change[]; saved: SavedAnswer[] } {
  const done: Change[] = [];
  const kept: Change[] = [];
  const saved: SavedAnswer[] = [];
  const status = reply.assessment?.status;
  for (const change of sent) {
    const result = reply.results.find((r) => r.criterion_code === change.criterion_code);
    if (!result) {
      kept.push(change); // not answered: sent again next time
    } else if (result.outcome === 'saved') {
      done.push(change);
      saved.push({
        criterion_code: change.criterion_code,
        score: change.score,
        comment: change.comment,
        version: result.version ?? change.base_version + 1,
      });
    } else if (result.outcome === 'conflict') {
      kept.push({
        ...change,
        conflict: {
          code: result.code ?? 'conflict',
          message: result.message ?? '',
          editable: result.editable ?? false,
          current: result.current ?? null,
          status: status ?? change.base_status,
        },
      });
    } else {
      kept.push({ ...change, refused: { message: result.message ?? '' } });
    }
  }
  return { done, kept, saved };
}

/**
 * The user's choice in the conflict view. 'mine': sent again, from the answer and status the
 * server showed (saved unless someone changes it once more); 'theirs': the change is dropped
 * (null), the saved answer stays.
 */
export function resolved(change: Change, choice: 'mine' | 'theirs'): Change | null {
  if (choice === 'theirs' || !change.conflict) return null;
  const { conflict, ...rest } = change;
  return { ...rest, base_version: conflict.current?.version ?? 0, base_status: conflict.status };
}

/** The answers an assessor sees: the stored copy's, with the waiting changes over them. */
export function overlaid(answers: SavedAnswer[], changes: Change[]): SavedAnswer[] {
  const by = new Map(answers.map((a) => [a.criterion_code, a]));
  for (const change of changes)
    by.set(change.criterion_code, {
      criterion_code: change.criterion_code,
      score: change.score,
      comment: change.comment,
      version: change.base_version,
    });
  return [...by.values()];
}
