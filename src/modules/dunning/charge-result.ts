/**
 * What a provider said about one retry. `pending`: accepted, the result comes later through the callback
 * (POST /v1/integrations/payments/callback).
 */
export type TChargeResult = {
  outcome: 'succeeded' | 'failed' | 'pending';
  failure_code: string | null;
  provider_reference: string | null;
};
