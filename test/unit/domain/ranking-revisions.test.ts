import { describe, expect, it } from 'vitest';
import { ConflictError, RuleViolationError } from '../../../shared/domain/errors.js';
import {
  assertPublishable,
  nextRankingRun,
  publicationOn,
  type RankingHeadState,
  type RankingPublication,
} from '../../../shared/domain/ranking-revisions.js';

const AT = '2026-10-14T03:30:00+08:00';

function head(overrides: Partial<RankingHeadState> = {}): RankingHeadState {
  return { quarter: '2026Q3', revision: 1, status: 'draft', runInFlight: null, publications: [], ...overrides };
}

function publication(revision: number, publishedOn: string): RankingPublication {
  return {
    revision,
    runId: `rkr_${revision}`,
    publishedOn,
    publishedAt: `${publishedOn}T10:00:00+08:00`,
    reason: null,
  };
}

describe('a new run of a quarter (SPEC §6.4)', () => {
  it('computes revision 1 of a quarter never ranked', () => {
    expect(nextRankingRun(null, { at: AT })).toEqual({ revision: 1, recomputesDraft: false });
  });

  it('recomputes the draft in place while the latest revision is a draft, reason or not', () => {
    expect(nextRankingRun(head({ revision: 2 }), { at: AT })).toEqual({ revision: 2, recomputesDraft: true });
  });

  it('makes the next revision of a published quarter, and only with a reason', () => {
    const published = head({ status: 'published', publications: [publication(1, '2026-10-15')] });
    expect(() => nextRankingRun(published, { at: AT })).toThrow(RuleViolationError);
    expect(() => nextRankingRun(published, { at: AT, reason: '  ' })).toThrow(RuleViolationError);
    expect(nextRankingRun(published, { at: AT, reason: '更正某项目评估分' })).toEqual({
      revision: 2,
      recomputesDraft: false,
    });
  });

  it('is refused (409) while a run of the quarter is in flight, and allowed once its hold lapsed', () => {
    const busy = head({ runInFlight: { runId: 'rkr_x', until: '2026-10-14T05:30:00+08:00' } });
    expect(() => nextRankingRun(busy, { at: AT })).toThrow(ConflictError);
    expect(() => assertPublishable(busy, '2026Q3', AT)).toThrow(ConflictError);
    expect(nextRankingRun(busy, { at: '2026-10-14T06:00:00+08:00' }).revision).toBe(1);
  });

  it('has nothing to publish before a run', () => {
    expect(() => assertPublishable(null, '2026Q3', AT)).toThrow(ConflictError);
  });
});

describe('the revision that stood on a day', () => {
  const publications = [publication(1, '2026-10-15'), publication(2, '2026-11-02')];

  it('is none before the first publication, then each from its own publication day', () => {
    expect(publicationOn(publications, '2026-10-14')).toBeNull();
    expect(publicationOn(publications, '2026-10-15')?.revision).toBe(1);
    expect(publicationOn(publications, '2026-11-01')?.revision).toBe(1);
    expect(publicationOn(publications, '2026-11-02')?.revision).toBe(2);
    expect(publicationOn([...publications].reverse(), '2027-01-01')?.revision).toBe(2);
  });
});
