import { describe, expect, it } from 'vitest';
import { classifyDecline } from './classify-decline.ts';

describe('classifyDecline', () => {
  it('never retries a card that is gone, wrong or refused for good', () => {
    for (const code of [
      'stolen_card',
      'lost_card',
      'pickup_card',
      'incorrect_number',
      'invalid_account',
      'revocation_of_all_authorizations',
      'fraudulent',
      'do_not_try_again',
      'restricted_card',
      'security_violation',
      'stop_payment_order',
      'transaction_not_allowed',
      'card_not_supported',
      'currency_not_supported',
      'expired_card',
    ]) {
      expect(classifyDecline(code), code).toBe('hard');
    }
  });

  it('retries temporary refusals, do_not_honor included', () => {
    for (const code of [
      'insufficient_funds',
      'processing_error',
      'try_again_later',
      'issuer_not_available',
      'reenter_transaction',
      'approve_with_id',
      'generic_decline',
      'do_not_honor',
      'card_velocity_exceeded',
      'withdrawal_count_limit_exceeded',
    ]) {
      expect(classifyDecline(code), code).toBe('soft');
    }
  });

  it('retries an unknown code or none at all, and reads codes case-insensitively', () => {
    expect(classifyDecline(null)).toBe('soft');
    expect(classifyDecline('something_new')).toBe('soft');
    expect(classifyDecline('Stolen_Card')).toBe('hard');
  });
});
