import type { TPaymentMethodInput } from '../dunning/upsert-payment-method.ts';

/** A record of shared/spec/data.md as the ingest module takes it (JSON, snake_case). */
export type TRecord = Record<string, string | number | boolean | null>;

/** What one Stripe event becomes in Tenure, written in this order (references first). */
export type TStripeRecords = {
  /** Accounts known from this event (customer events): written as given. */
  accounts: TRecord[];
  /** Customer ids the event refers to: their accounts are created with a placeholder name when missing. */
  customerIds: string[];
  contacts: TRecord[];
  plans: TRecord[];
  subscriptions: TRecord[];
  invoices: TRecord[];
  /**
   * Invoices the event's payments refer to, written only when missing (a charge may arrive before its
   * invoice): the invoice's own event fills them in.
   */
  placeholderInvoices: TRecord[];
  invoiceLines: TRecord[];
  payments: TRecord[];
  paymentMethods: TPaymentMethodInput[];
  /** Why parts of the event were not written (e.g. a credit line: negative amounts are not records). */
  notes: string[];
};

export function emptyRecords(): TStripeRecords {
  return {
    accounts: [],
    customerIds: [],
    contacts: [],
    plans: [],
    subscriptions: [],
    invoices: [],
    placeholderInvoices: [],
    invoiceLines: [],
    payments: [],
    paymentMethods: [],
    notes: [],
  };
}
