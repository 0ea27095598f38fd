/**
 * The fields a segment filter can name, with their types. Each is a column of the `account_facts` CTE
 * (sql-account-facts.ts); `attributes.<name>` reads the account's custom attributes instead.
 */
export type TFieldType = 'text' | 'number' | 'date' | 'boolean';

export type TField = {
  name: string;
  type: TFieldType;
  /** The only values the field can hold; a literal outside them is an error, not an empty segment. */
  values?: readonly string[];
  description: string;
};

export const TIERS = ['vip', 'core', 'non_core', 'potential'] as const;
export type TTier = (typeof TIERS)[number];
export const HEALTH_BANDS = ['red', 'yellow', 'green'] as const;

export const FILTER_FIELDS: readonly TField[] = [
  { name: 'id', type: 'text', description: 'account id' },
  { name: 'name', type: 'text', description: 'account name' },
  { name: 'owner_email', type: 'text', description: 'the CSM who owns the account' },
  { name: 'created_at', type: 'date', description: 'when the account was created' },
  { name: 'lifecycle_stage', type: 'text', description: 'the lifecycle stage imported with the account' },
  { name: 'revenue_potential', type: 'number', description: 'what the account could be worth (MRR)' },
  { name: 'parent_id', type: 'text', description: 'parent account id' },
  { name: 'mrr', type: 'number', description: 'MRR today, reporting currency' },
  { name: 'arr', type: 'number', description: '12 × MRR' },
  { name: 'customer', type: 'boolean', description: 'MRR above 0 today' },
  { name: 'health_score', type: 'number', description: 'latest health score, 0–100' },
  { name: 'health_band', type: 'text', values: HEALTH_BANDS, description: 'latest health band' },
  { name: 'tier', type: 'text', values: TIERS, description: 'computed tier' },
  { name: 'stage', type: 'text', description: 'computed lifecycle stage' },
  { name: 'nps_latest', type: 'number', description: "the account's latest NPS answer, 0–10" },
];

export const ATTRIBUTE_PREFIX = 'attributes.';

export function findField(name: string): TField | undefined {
  return FILTER_FIELDS.find((field) => field.name === name);
}

export function knownFieldNames(): string[] {
  return [...FILTER_FIELDS.map((field) => field.name), `${ATTRIBUTE_PREFIX}<name>`];
}
