import type { TStripeRecords } from './stripe-records.ts';
import { fromUnixSeconds, type TStripeObject } from './stripe-values.ts';

/** customer.created / customer.updated: the account, and its billing contact when the customer has an email. */
export function mapStripeCustomer(customer: TStripeObject, records: TStripeRecords): void {
  const email = typeof customer.email === 'string' && customer.email !== '' ? customer.email : null;
  records.accounts.push({
    id: customer.id,
    name: customer.name || email || customer.id,
    created_at: fromUnixSeconds(customer.created),
  });
  if (email) {
    records.contacts.push({
      // One billing contact per customer: a changed email updates it instead of adding another.
      id: `${customer.id}:billing`,
      account_id: customer.id,
      email,
      name: customer.name ?? null,
      is_billing_contact: true,
    });
  }
}
