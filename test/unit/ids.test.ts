import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { derivedId, newId } from '../../shared/ids.js';
import { recordId } from '../../shared/schemas/common.js';

describe('ids', () => {
  it('new ids are well-formed, unique and sortable by creation', () => {
    const ids = Array.from({ length: 1000 }, () => newId('cas'));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids.slice(0, 10)) expect(recordId('cas').safeParse(id).success).toBe(true);
  });

  it('a derived id is the same for the same time and name, and another for another', () => {
    const at = new Date('2026-11-01T02:30:00+08:00');
    const id = derivedId('run', at, 'monthly-evaluation 2026-10');
    expect(recordId('run').safeParse(id).success).toBe(true);
    expect(derivedId('run', at, 'monthly-evaluation 2026-10')).toBe(id);
    expect(decodeTime(id.slice(4))).toBe(at.getTime());
    expect(derivedId('run', at, 'monthly-evaluation 2026-09')).not.toBe(id);
    expect(derivedId('run', new Date(at.getTime() + 1), 'monthly-evaluation 2026-10')).not.toBe(id);
    const tails = new Set(Array.from({ length: 200 }, (_, n) => derivedId('run', at, `name ${n}`).slice(-16)));
    expect(tails.size).toBe(200);
  });
});
