/** The two translations infra makes from the wiring table's notation to CDK's. */
import { describe, expect, it } from 'vitest';
import { parseCron } from '../../infra/constructs/schedules.js';
import { toEventPattern } from '../../infra/constructs/supervision-events.js';

describe('parseCron', () => {
  it('splits a Scheduler cron into its six fields, leaving out `?`', () => {
    expect(parseCron('cron(30 2 1 * ? *)')).toEqual({
      minute: '30',
      hour: '2',
      day: '1',
      month: '*',
      weekDay: undefined,
      year: '*',
    });
    expect(parseCron('cron(0 9 ? * FRI *)')).toMatchObject({ day: undefined, weekDay: 'FRI' });
  });

  it('refuses what is not a six-field cron', () => {
    expect(() => parseCron('rate(1 day)')).toThrow(/not an EventBridge Scheduler cron/);
    expect(() => parseCron('cron(30 2 1 * ?)')).toThrow(/not an EventBridge Scheduler cron/);
  });
});

describe('toEventPattern', () => {
  it('maps EventBridge JSON keys to CDK fields and keeps values as they are', () => {
    expect(
      toEventPattern({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { object: { key: [{ prefix: 'cases/' }] } },
      }),
    ).toEqual({
      source: ['aws.s3'],
      detailType: ['Object Created'],
      detail: { object: { key: [{ prefix: 'cases/' }] } },
    });
  });

  it('refuses an unknown top-level key rather than dropping it', () => {
    expect(() => toEventPattern({ detailType: ['x'] })).toThrow(/detailType/);
  });
});
