import { AppError } from '../../errors.ts';

// Unique violation, deadlock and serialization failure: concurrent requests writing the same new keys
// (records, usage rollups) at once. The whole transaction is retried: the write is idempotent, and nothing
// of a failed attempt remains.
const RACE_CODES = new Set(['23505', '40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Runs a write transaction (`attempt`) again when it lost a race with a concurrent one; after the last
 * attempt, `conflict`. The other transaction has committed or rolled back by then: a new attempt sees it.
 */
export async function retryRaces<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !RACE_CODES.has(code)) throw error;
      if (n < ATTEMPTS) continue;
      throw new AppError(
        'conflict',
        'other requests kept writing the same records at the same time: send it again',
      );
    }
  }
}
