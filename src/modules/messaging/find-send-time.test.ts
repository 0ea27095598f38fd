import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, engineName, openTestStore } from '../../../test/helpers/store.ts';
import type { TStore } from '../../db/connect.ts';
import { findSendTime } from './find-send-time.ts';

describe(`email sending window (${engineName})`, () => {
  let store: TStore;
  beforeAll(async () => {
    store = await openTestStore();
    await createTestWorkspace(store);
  });
  afterAll(() => store.close());

  const weekdays = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
  const at = (now: string, timezone: string, window: typeof weekdays | null = weekdays) =>
    findSendTime({ db: store.db, now: new Date(now), timezone, window }).then((d) => d.toISOString());

  it('sends at once inside the window, in the workspace time zone', async () => {
    // Wednesday 10:00 in New York (UTC−5 in January).
    expect(await at('2025-01-15T15:00:00Z', 'America/New_York')).toBe('2025-01-15T15:00:00.000Z');
  });

  it('waits for the next window start after hours and over the weekend', async () => {
    // Wednesday 18:00 in New York → Thursday 09:00 local.
    expect(await at('2025-01-15T23:00:00Z', 'America/New_York')).toBe('2025-01-16T14:00:00.000Z');
    // Friday 17:00 local is closed → Monday 09:00.
    expect(await at('2025-01-17T22:00:00Z', 'America/New_York')).toBe('2025-01-20T14:00:00.000Z');
    // Saturday morning in Madrid (UTC+1) → Monday 09:00 Madrid.
    expect(await at('2025-01-18T08:00:00Z', 'Europe/Madrid')).toBe('2025-01-20T08:00:00.000Z');
  });

  it('follows daylight saving time: 09:00 local is 13:00 UTC after the change in New York', async () => {
    // Sunday 2025-03-09 is the change; Monday 09:00 EDT = 13:00 UTC.
    expect(await at('2025-03-08T12:00:00Z', 'America/New_York')).toBe('2025-03-10T13:00:00.000Z');
  });

  it('handles a window across midnight and no window at all', async () => {
    const night = { start: '22:00', end: '06:00', days: [1, 2, 3, 4, 5, 6, 7] };
    expect(await at('2025-01-15T03:00:00Z', 'UTC', night)).toBe('2025-01-15T03:00:00.000Z');
    expect(await at('2025-01-15T12:00:00Z', 'UTC', night)).toBe('2025-01-15T22:00:00.000Z');
    expect(await at('2025-01-18T12:00:00Z', 'UTC', null)).toBe('2025-01-18T12:00:00.000Z');
  });
});
