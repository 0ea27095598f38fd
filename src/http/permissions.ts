import { AppError } from '../errors.ts';
import { isRoleAtLeast, type TRole } from '../modules/users/roles.ts';

/**
 * Who may do what, for the whole /v1 API, in one table. Rules match by path pattern, not by route, so
 * routes added later are covered without touching this file; the first matching rule wins, and a request
 * no rule names falls to the default: reading needs `viewer`, any change needs `csm`.
 *
 * API keys act as `admin` (a key is created by an admin and stands for an integration, not a person).
 */
type TMethods = 'read' | 'write' | 'any';
type TRule = { methods: TMethods; path: RegExp; role: TRole };

/** `/v1/<name>` itself and everything below it, but not `/v1/<name>-other`. */
const under = (...names: string[]) => new RegExp(`^/v1/(?:${names.join('|')})(?:/|$)`);

/** The records of shared/spec/data.md as the ingestion API names them (`POST /v1/<entity>`). */
const INGEST_ENTITIES = [
  'accounts',
  'contacts',
  'fx-rates',
  'plans',
  'subscriptions',
  'invoices',
  'invoice-lines',
  'payments',
  'events',
  'tickets',
  'survey-responses',
  'email-events',
  'costs',
  'imports',
].join('|');

const RULES: TRule[] = [
  // Everyone signed in manages their own session and profile.
  { methods: 'any', path: under('auth'), role: 'viewer' },
  // Access to the workspace itself: who may sign in, which integrations hold keys, where mail goes.
  {
    methods: 'any',
    path: under(
      'users',
      'api-keys',
      'webhooks',
      'smtp',
      'email-settings',
      'stripe',
      'payment-provider',
      'jobs',
    ),
    role: 'admin',
  },
  // Everyone reads the workspace (its currency and time zone format every page); changing it is admin's.
  { methods: 'write', path: under('workspace', 'settings'), role: 'admin' },
  // Deleting an FX rate recomputes every converted amount: a workspace setting, not a record's write.
  { methods: 'write', path: /^\/v1\/fx-rates\/[^/]+\/[^/]+\/?$/, role: 'admin' },
  // A dry run writes nothing: any CSM may ask what a playbook would do.
  { methods: 'write', path: /^\/v1\/playbooks\/(?:[^/]+\/)?dry-run$/, role: 'csm' },
  // What the whole team works from: scoring rules, segments, automation.
  {
    methods: 'write',
    path: under(
      'health/scorecards',
      'segments',
      'playbooks',
      'lifecycle',
      'email-templates',
      'dunning/policies',
      'churn-reasons',
    ),
    role: 'manager',
  },
  { methods: 'write', path: /^\/v1\/health\/recompute(?:\/|$)/, role: 'manager' },
  // An account's notes: any CSM writes them (the author rule is the notes module's, assert-can-change-note.ts).
  { methods: 'write', path: /^\/v1\/accounts\/[^/]+\/notes(?:\/|$)/, role: 'csm' },
  // Ingestion rewrites the data every metric is computed from: a collection, its batch endpoint, or one
  // record. Sub-resources of a record (`/v1/accounts/{id}/notes`) are a CSM's daily work: the default.
  { methods: 'write', path: new RegExp(`^/v1/(?:${INGEST_ENTITIES})(?:/[^/]+)?/?$`), role: 'manager' },
];

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The least role that may send `method` to `path` (a /v1 path as routed, without the query). */
export function requiredRole(method: string, path: string): TRole {
  const isRead = READ_METHODS.has(method.toUpperCase());
  const rule = RULES.find(
    (r) => (r.methods === 'any' || (r.methods === 'read') === isRead) && r.path.test(path),
  );
  return rule?.role ?? (isRead ? 'viewer' : 'csm');
}

/** Throws `forbidden`, naming the role needed, unless `role` may send `method` to `path`. */
export function assertPermitted({ method, path, role }: { method: string; path: string; role: TRole }): void {
  const needed = requiredRole(method, path);
  if (!isRoleAtLeast(role, needed)) {
    throw new AppError(
      'forbidden',
      `${method.toUpperCase()} ${path} needs the ${needed} role (you are ${role})`,
    );
  }
}
