/**
 * The one clock every handler reads. In AWS it is the system clock. The local twin can set it
 * (`PUT /_local/clock`) to walk a case through months in minutes; nothing else may.
 */
let pinned: number | null = null;
let offsetMs = 0;

export const clock = {
  /** The current instant. */
  now(): Date {
    return new Date(pinned ?? Date.now() + offsetMs);
  },
};

/**
 * Local twin only: `mode: 'fixed'` stops the clock at `at`; `mode: 'running'` lets it run on from `at`;
 * `at: null` returns to the system clock.
 */
export function setClock(at: Date | null, mode: 'fixed' | 'running' = 'fixed'): void {
  if (at === null) {
    pinned = null;
    offsetMs = 0;
  } else if (mode === 'fixed') {
    pinned = at.getTime();
    offsetMs = 0;
  } else {
    pinned = null;
    offsetMs = at.getTime() - Date.now();
  }
}

export function clockMode(): 'system' | 'fixed' | 'running' {
  if (pinned !== null) return 'fixed';
  return offsetMs === 0 ? 'system' : 'running';
}

/** The clock's setting as data, so the local twin can give its function threads the same clock. */
export interface ClockSetting {
  pinned: number | null;
  offsetMs: number;
}

/** Local twin only: the current setting, to hand to another thread. */
export function clockSetting(): ClockSetting {
  return { pinned, offsetMs };
}

/** Local twin only: adopt a setting read with {@link clockSetting} in another thread. */
export function adoptClockSetting(setting: ClockSetting): void {
  pinned = setting.pinned;
  offsetMs = setting.offsetMs;
}
