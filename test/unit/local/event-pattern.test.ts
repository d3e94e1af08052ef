import { describe, expect, it } from 'vitest';
import { assertValidPattern, InvalidPatternError, matchesPattern } from '../../../infra/local/event-pattern.js';
import { outboxStream, rules } from '../../../shared/wiring.js';

/** The EC2 example of the EventBridge documentation ("Event patterns"), used by many rows below. */
const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated', 'c-count': 5, d: null, flag: true },
};

const supervisionEvent = {
  source: 'supervision',
  'detail-type': 'CaseEscalated',
  detail: { eventId: 'E1', subjectId: 'C1', data: { level: 2, districts: ['黄浦', 'Pudong'] } },
};

type Row = [description: string, pattern: Record<string, unknown>, event: unknown, expected: boolean];

const rows: Row[] = [
  // exact values
  ['exact string', { source: ['aws.ec2'] }, ec2Event, true],
  ['exact string, other value', { source: ['aws.s3'] }, ec2Event, false],
  ['any of several values', { source: ['aws.s3', 'aws.ec2'] }, ec2Event, true],
  ['strings are case-sensitive', { source: ['AWS.EC2'] }, ec2Event, false],
  ['number', { detail: { 'c-count': [5] } }, ec2Event, true],
  ['a number never equals a string', { detail: { 'c-count': ['5'] } }, ec2Event, false],
  ['boolean', { detail: { flag: [true] } }, ec2Event, true],
  ['null matches null', { detail: { d: [null] } }, ec2Event, true],
  ['null does not match a missing field', { detail: { e: [null] } }, ec2Event, false],
  ['every field of the pattern must match', { source: ['aws.ec2'], 'detail-type': ['other'] }, ec2Event, false],
  ['empty pattern matches everything', {}, ec2Event, true],
  ['the docs example: state terminated', { detail: { state: ['terminated'] } }, ec2Event, true],
  // nested objects and arrays in events
  ['nested object', { detail: { data: { level: [2] } } }, supervisionEvent, true],
  ['nested object, missing branch', { detail: { nothing: { level: [2] } } }, supervisionEvent, false],
  ['array in event: any element', { detail: { data: { districts: ['Pudong'] } } }, supervisionEvent, true],
  ['array in event: no element', { detail: { data: { districts: ['Xuhui'] } } }, supervisionEvent, false],
  ['unicode values', { detail: { data: { districts: ['黄浦'] } } }, supervisionEvent, true],
  [
    'resources array (docs)',
    { resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'] },
    ec2Event,
    true,
  ],
  ['a leaf pattern does not match an object', { detail: ['x'] }, ec2Event, false],
  // prefix / suffix
  ['prefix', { time: [{ prefix: '2017-12-22' }] }, ec2Event, true],
  ['prefix, no match', { time: [{ prefix: '2018' }] }, ec2Event, false],
  ['prefix ignoring case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, ec2Event, true],
  ['suffix', { 'detail-type': [{ suffix: 'Notification' }] }, ec2Event, true],
  ['suffix, no match', { 'detail-type': [{ suffix: '.png' }] }, ec2Event, false],
  ['suffix ignoring case', { 'detail-type': [{ suffix: { 'equals-ignore-case': 'NOTIFICATION' } }] }, ec2Event, true],
  ['prefix on a number never matches', { detail: { 'c-count': [{ prefix: '5' }] } }, ec2Event, false],
  // anything-but
  ['anything-but value', { detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2Event, true],
  ['anything-but value, excluded', { detail: { state: [{ 'anything-but': 'terminated' }] } }, ec2Event, false],
  ['anything-but list', { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, ec2Event, true],
  [
    'anything-but list, excluded',
    { detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } },
    ec2Event,
    false,
  ],
  ['anything-but number', { detail: { 'c-count': [{ 'anything-but': 6 }] } }, ec2Event, true],
  ['anything-but prefix', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, ec2Event, true],
  ['anything-but prefix, excluded', { detail: { state: [{ 'anything-but': { prefix: 'term' } }] } }, ec2Event, false],
  ['anything-but suffix', { detail: { state: [{ 'anything-but': { suffix: 'ated' } }] } }, ec2Event, false],
  [
    'anything-but ignoring case',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['TERMINATED'] } }] } },
    ec2Event,
    false,
  ],
  ['anything-but needs the field', { detail: { missing: [{ 'anything-but': 'x' }] } }, ec2Event, false],
  [
    'anything-but on an array: every element',
    { detail: { data: { districts: [{ 'anything-but': 'Pudong' }] } } },
    supervisionEvent,
    false,
  ],
  // exists
  ['exists true', { detail: { state: [{ exists: true }] } }, ec2Event, true],
  ['exists true on a missing field', { detail: { nope: [{ exists: true }] } }, ec2Event, false],
  ['exists false on a missing field', { detail: { nope: [{ exists: false }] } }, ec2Event, true],
  ['exists false on a present field', { detail: { state: [{ exists: false }] } }, ec2Event, false],
  ['exists true on null (a present leaf)', { detail: { d: [{ exists: true }] } }, ec2Event, true],
  ['exists works on leaves only (object)', { detail: [{ exists: true }] }, ec2Event, false],
  ['exists false below a missing branch', { detail: { nothing: { deeper: [{ exists: false }] } } }, ec2Event, true],
  // numeric
  ['numeric range', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, ec2Event, true],
  ['numeric range, outside', { detail: { 'c-count': [{ numeric: ['>', 5] }] } }, ec2Event, false],
  ['numeric equals', { detail: { 'c-count': [{ numeric: ['=', 5] }] } }, ec2Event, true],
  ['numeric >= and <', { detail: { data: { level: [{ numeric: ['>=', 2, '<', 3] }] } } }, supervisionEvent, true],
  ['numeric on a string never matches', { detail: { state: [{ numeric: ['>', 0] }] } }, ec2Event, false],
  // equals-ignore-case
  [
    'equals-ignore-case',
    { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
    ec2Event,
    true,
  ],
  ['equals-ignore-case, other', { 'detail-type': [{ 'equals-ignore-case': 'ec2' }] }, ec2Event, false],
  // wildcard
  ['wildcard', { resources: [{ wildcard: 'arn:aws:ec2:*:instance/*' }] }, ec2Event, true],
  ['wildcard, no match', { resources: [{ wildcard: 'arn:aws:s3:::*' }] }, ec2Event, false],
  ['wildcard escaped star', { detail: { k: [{ wildcard: 'a\\*b' }] } }, { detail: { k: 'a*b' } }, true],
  ['wildcard escaped star is literal', { detail: { k: [{ wildcard: 'a\\*b' }] } }, { detail: { k: 'axxb' } }, false],
  [
    'wildcard with regex characters',
    { detail: { k: [{ wildcard: 'v1.(x)*' }] } },
    { detail: { k: 'v1.(x)-beta' } },
    true,
  ],
  // $or
  ['$or, first branch', { $or: [{ source: ['aws.ec2'] }, { source: ['aws.s3'] }] }, ec2Event, true],
  ['$or, none', { $or: [{ source: ['aws.rds'] }, { detail: { state: ['running'] } }] }, ec2Event, false],
  [
    '$or nested with other keys',
    { source: ['aws.ec2'], detail: { $or: [{ state: ['x'] }, { 'c-count': [{ numeric: ['<', 10] }] }] } },
    ec2Event,
    true,
  ],
  [
    '$or with other key failing',
    { source: ['aws.s3'], $or: [{ detail: { state: ['terminated'] } }, { id: ['x'] }] },
    ec2Event,
    false,
  ],
  // mixed alternatives in one leaf
  ['value or prefix', { source: ['aws.s3', { prefix: 'aws.e' }] }, ec2Event, true],
  // the wiring table's own patterns
  ['journal rule: supervision event', rules[0]?.pattern ?? {}, supervisionEvent, true],
  ['journal rule: S3 event', rules[0]?.pattern ?? {}, { source: 'aws.s3', 'detail-type': 'Object Created' }, false],
  [
    'outbox filter: a new outbox item',
    outboxStream.filter,
    { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'OUTBOX#01J' }, sk: { S: 'OUTBOX' } } } },
    true,
  ],
  [
    'outbox filter: a modified outbox item',
    outboxStream.filter,
    { eventName: 'MODIFY', dynamodb: { Keys: { pk: { S: 'OUTBOX#01J' }, sk: { S: 'OUTBOX' } } } },
    false,
  ],
  [
    'outbox filter: another item',
    outboxStream.filter,
    { eventName: 'INSERT', dynamodb: { Keys: { pk: { S: 'PROJECT#01J' }, sk: { S: 'PROJECT' } } } },
    false,
  ],
];

describe('matchesPattern', () => {
  it.each(rows)('%s', (_description, pattern, event, expected) => {
    expect(matchesPattern(pattern, event)).toBe(expected);
  });
});

const invalid: Array<[string, Record<string, unknown>]> = [
  ['a leaf that is not an array', { source: 'aws.ec2' }],
  ['an empty array', { source: [] }],
  ['an unknown operator', { source: [{ regex: '.*' }] }],
  ['two operators in one object', { source: [{ prefix: 'a', suffix: 'b' }] }],
  ['numeric with an odd list', { detail: { n: [{ numeric: ['>'] }] } }],
  ['numeric with a bad operator', { detail: { n: [{ numeric: ['!=', 1] }] } }],
  ['exists with a string', { detail: { n: [{ exists: 'yes' }] } }],
  ['$or with one branch', { $or: [{ source: ['a'] }] }],
  ['consecutive wildcards', { source: [{ wildcard: 'a**' }] }],
];

describe('assertValidPattern', () => {
  it.each(invalid)('refuses %s', (_description, pattern) => {
    expect(() => assertValidPattern(pattern)).toThrow(InvalidPatternError);
  });

  it('accepts every pattern of the wiring table', () => {
    for (const rule of rules) expect(() => assertValidPattern(rule.pattern)).not.toThrow();
    expect(() => assertValidPattern(outboxStream.filter)).not.toThrow();
  });
});
