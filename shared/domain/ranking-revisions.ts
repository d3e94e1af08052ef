/**
 * The life of a quarter's ranking (SPEC §6.4): a run computes it; while its latest revision is a draft another run
 * recomputes that draft; publishing it makes it immutable; once published, a run needs a reason and makes the next
 * revision (a correction, shown with its reason); one run of a quarter at a time. And which published revision
 * stood on a given day (a correction replaces the earlier revision from the day it is published, never before).
 *
 * Pure: the quarter's head and the instants come in as arguments.
 */
import { ConflictError, RuleViolationError } from './errors.js';

export type RankingStatus = 'draft' | 'published';

/** A publication of a revision: what the public saw from `publishedOn`. */
export interface RankingPublication {
  revision: number;
  runId: string;
  publishedOn: string;
  publishedAt: string;
  reason: string | null;
}

/** A quarter's ranking as its head item holds it. */
export interface RankingHeadState {
  quarter: string;
  /** the latest revision (the draft, or the last one published) */
  revision: number;
  status: RankingStatus;
  /** the run computing the quarter now, until when it may hold the quarter (a run that died lets go then) */
  runInFlight: { runId: string; until: string } | null;
  publications: RankingPublication[];
}

/** What a new run of the quarter computes: which revision, and whether it recomputes a draft. */
export interface RankingRunTarget {
  revision: number;
  recomputesDraft: boolean;
}

/**
 * The revision a new run computes (SPEC §6.4), or why it may not start: 409 while a run of the quarter is in flight
 * (until its hold lapses, `at` being the request's instant); 422 when the latest revision is published and no reason
 * is given (a correction is explained).
 */
export function nextRankingRun(head: RankingHeadState | null, request: { reason?: string | null; at: string }) {
  if (!head) return { revision: 1, recomputesDraft: false } satisfies RankingRunTarget;
  if (head.runInFlight && Date.parse(head.runInFlight.until) > Date.parse(request.at)) {
    throw new ConflictError({
      zh: `${head.quarter} 的排名正在计算（${head.runInFlight.runId}），请待其完成后再试`,
      en: `a ranking run of ${head.quarter} is in flight (${head.runInFlight.runId}); try again when it has finished`,
    });
  }
  if (head.status === 'draft') return { revision: head.revision, recomputesDraft: true } satisfies RankingRunTarget;
  if (!request.reason?.trim()) {
    throw new RuleViolationError(
      {
        zh: `${head.quarter} 的排名第${head.revision}版已公布：重新计算将形成第${head.revision + 1}版更正，须说明理由`,
        en: `revision ${head.revision} of ${head.quarter} is published: a new run makes revision ${head.revision + 1}, a correction, and needs a reason`,
      },
      [{ field: 'reason', message: { zh: '请填写更正理由', en: 'give the reason for the correction' } }],
    );
  }
  return { revision: head.revision + 1, recomputesDraft: false } satisfies RankingRunTarget;
}

/** Refuses to publish a quarter with nothing to publish, or while a run is computing it (409). */
export function assertPublishable(head: RankingHeadState | null, quarter: string, at: string): RankingHeadState {
  if (!head) {
    throw new ConflictError({
      zh: `${quarter} 尚无排名，请先计算排名`,
      en: `${quarter} has no ranking yet: run it first`,
    });
  }
  if (head.runInFlight && Date.parse(head.runInFlight.until) > Date.parse(at)) {
    throw new ConflictError({
      zh: `${quarter} 的排名正在重新计算（${head.runInFlight.runId}），请待其完成后再公布`,
      en: `a ranking run of ${quarter} is in flight (${head.runInFlight.runId}): publish when it has finished`,
    });
  }
  return head;
}

/**
 * The publication that stood on `date` ('YYYY-MM-DD'): of those published on or before it, the latest revision —
 * a correction replaces its predecessor from the day it is published. Null before the first publication.
 */
export function publicationOn(publications: readonly RankingPublication[], date: string): RankingPublication | null {
  let standing: RankingPublication | null = null;
  for (const publication of publications) {
    if (publication.publishedOn > date) continue;
    if (!standing || publication.revision > standing.revision) standing = publication;
  }
  return standing;
}
