/**
 * The console checks a case's hash chain in the browser (WebCrypto); the server writes it with node:crypto
 * (shared/domain/timeline.ts). Both must agree on every entry, or the console would cry wolf — or miss an edit.
 */
import { describe, expect, it } from 'vitest';
import { creditCodeMessage } from '../../console/src/lib/credit-code.js';
import { verifyChain } from '../../console/src/lib/timeline-chain.js';
import { creditCodeCheckCharacter } from '../../shared/domain/credit-code.js';
import { chainEntry, type TimelineEntry } from '../../shared/domain/timeline.js';

function chain(): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const contents = [
    {
      at: '2026-09-10T10:00:00+08:00',
      actor: 'user:王五',
      action: 'proposed',
      detail: { conditionsMet: ['C1'], zeta: 1, alpha: { b: 2, a: [1, 'é'] } },
      evidence: ['haz_1'],
    },
    {
      at: '2026-09-11T09:00:00+08:00',
      actor: 'user:officer',
      action: 'included',
      detail: { note: '确认纳入', absent: undefined },
      evidence: [],
    },
    {
      at: '2026-09-11T09:00:01+08:00',
      actor: 'system:cases',
      action: 'notice_issued',
      detail: { number: '通住建差监告〔2026〕1号', sha: null },
      evidence: ['ntc_1'],
    },
  ];
  for (const content of contents) entries.push(chainEntry(entries.at(-1) ?? null, content));
  return entries;
}

describe("the console's hash-chain check", () => {
  it('accepts a chain written by the server', async () => {
    // the API sends JSON: undefined fields are gone, as they are for the browser
    const sent = JSON.parse(JSON.stringify(chain())) as TimelineEntry[];
    expect(await verifyChain(sent)).toEqual({ intact: true, entries: 3 });
  });

  it('finds an edited entry, a removed entry and a broken link', async () => {
    const edited = JSON.parse(JSON.stringify(chain())) as TimelineEntry[];
    (edited[1] as TimelineEntry).detail = { note: '已改动' };
    expect(await verifyChain(edited)).toMatchObject({ intact: false, brokenAt: 2 });

    const removed = (JSON.parse(JSON.stringify(chain())) as TimelineEntry[]).filter((entry) => entry.seq !== 2);
    expect(await verifyChain(removed)).toMatchObject({ intact: false, brokenAt: 3 });

    const relinked = JSON.parse(JSON.stringify(chain())) as TimelineEntry[];
    (relinked[2] as TimelineEntry).previousHash = '0'.repeat(64);
    expect(await verifyChain(relinked)).toMatchObject({ intact: false, brokenAt: 3 });
  });
});

describe("the console's credit-code check", () => {
  it('names the right check character for a typo in the last one', () => {
    const body = '91110112MA01ABCD0';
    const right = creditCodeCheckCharacter(body) as string;
    expect(creditCodeMessage(body + right)).toBeNull();
    const wrong = right === '0' ? '1' : '0';
    expect(creditCodeMessage(body + wrong)).toContain(`第 18 位应为 ${right}`);
    expect(creditCodeMessage('9111')).toContain('18 位');
    expect(creditCodeMessage('91110112MA01ABCDO4')).toContain('不含 I、O、S、V、Z');
  });
});
