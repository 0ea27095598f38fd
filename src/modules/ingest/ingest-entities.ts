import { entities } from '../imports/entities.ts';
import type { TEntity, TEntityName } from '../imports/import-types.ts';

export type TIngestEntity = {
  /** The URL segment under /v1 (`invoice-lines`). */
  path: string;
  /** How a record is named in messages and the OpenAPI document (`invoice line`). */
  noun: string;
  entity: TEntity;
};

const nouns: [TEntityName, string][] = [
  ['accounts', 'account'],
  ['contacts', 'contact'],
  ['fx_rates', 'FX rate'],
  ['plans', 'plan'],
  ['subscriptions', 'subscription'],
  ['invoices', 'invoice'],
  ['invoice_lines', 'invoice line'],
  ['payments', 'payment'],
  ['events', 'event'],
  ['tickets', 'ticket'],
  ['survey_responses', 'survey response'],
  ['email_events', 'email event'],
  ['costs', 'cost'],
];

/** Every record of shared/spec/data.md as the JSON API serves it: the entity of the CSV import, by URL. */
export const ingestEntities: readonly TIngestEntity[] = nouns.map(([name, noun]) => ({
  path: name.replace(/_/g, '-'),
  noun,
  entity: entities.get(name)!,
}));
