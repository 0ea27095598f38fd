/** The job that sends one delivery (src/jobs/registry.ts). */
export const DELIVER_JOB = 'webhooks.deliver';
/**
 * Attempts before a delivery is dead. With the job queue's backoff (30 s × 2^(n-1), at most 1 h) the eight
 * attempts span about 1 h 4 min: long enough to ride out a receiver's deploy or brief outage.
 */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** A receiver that takes longer is treated as failed (and retried): it should queue work, not do it. */
export const DELIVERY_TIMEOUT_MS = 10_000;
