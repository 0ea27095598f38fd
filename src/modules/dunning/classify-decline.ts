/** Whether a decline may be retried. */
export type TDeclineKind = 'hard' | 'soft';

/**
 * Declines that no retry of the same payment method can fix (Stripe's decline code table: "the customer
 * needs to use another card" or "do not retry"): the card is gone, wrong, blocked or refused for good.
 * `expired_card` is here too: it stays hard until the account's payment method changes.
 */
const HARD = new Set([
  'stolen_card',
  'lost_card',
  'pickup_card',
  'incorrect_number',
  'invalid_number',
  'invalid_account',
  'invalid_expiry_month',
  'invalid_expiry_year',
  'invalid_cvc',
  'incorrect_cvc',
  'incorrect_zip',
  'revocation_of_authorization',
  'revocation_of_all_authorizations',
  'fraudulent',
  'merchant_blacklist',
  'do_not_try_again',
  'restricted_card',
  'security_violation',
  'stop_payment_order',
  'transaction_not_allowed',
  'card_not_supported',
  'currency_not_supported',
  'expired_card',
  'new_account_information_available',
  'no_action_taken',
  'not_permitted',
  'service_not_allowed',
  'testmode_decline',
]);

/**
 * Hard or soft. Every other code, an unknown one and none at all are soft: a temporary refusal
 * (insufficient_funds, processing_error, try_again_later, issuer_not_available, reenter_transaction,
 * approve_with_id, generic_decline, card_velocity_exceeded, withdrawal_count_limit_exceeded, …) and
 * `do_not_honor`, which Stripe's guidance treats as retryable since issuers send it for many passing reasons.
 * Retrying a soft decline costs little; refusing to retry a code we do not know would lose the payment.
 */
export function classifyDecline(failureCode: string | null): TDeclineKind {
  if (failureCode === null) return 'soft';
  return HARD.has(failureCode.trim().toLowerCase()) ? 'hard' : 'soft';
}
