import type { Command } from 'commander';
import { createWebhookEndpoint } from '../../modules/webhooks/create-webhook-endpoint.ts';
import { deleteWebhookEndpoint } from '../../modules/webhooks/delete-webhook-endpoint.ts';
import type { TWebhookEndpoint } from '../../modules/webhooks/endpoint-shape.ts';
import {
  findWebhookDeliveries,
  type TWebhookDelivery,
} from '../../modules/webhooks/find-webhook-deliveries.ts';
import { findWebhookEndpoints } from '../../modules/webhooks/find-webhook-endpoints.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { NULL_MARK } from '../output/format-values.ts';
import { printOutput } from '../output/print-output.ts';
import { parsePositiveInt } from '../parse-args.ts';

const minute = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : NULL_MARK);

function printEndpoints(context: TContext, json: unknown, endpoints: TWebhookEndpoint[]): void {
  printOutput<TWebhookEndpoint>({
    format: context.format,
    json,
    rows: endpoints.map((e) => ({ ...e, event_types: e.event_types.join(' ') })),
    table: {
      rows: endpoints,
      empty: 'no webhooks (add one with `tenure webhooks create --url URL`)',
      columns: [
        { header: 'ID', value: (e) => e.id, align: 'left' },
        { header: 'URL', value: (e) => e.url, align: 'left' },
        {
          header: 'Events',
          value: (e) => (e.event_types.length ? e.event_types.join(', ') : 'all'),
          align: 'left',
        },
        { header: 'Enabled', value: (e) => (e.is_enabled ? 'yes' : 'no'), align: 'left' },
      ],
    },
  });
}

/** `tenure webhooks`: outgoing webhook endpoints and their delivery log (docs/webhooks.md). */
export function registerWebhooksCommands(program: Command): void {
  const webhooks = program
    .command('webhooks')
    .description('endpoints that receive Tenure events (signed POSTs)');

  webhooks
    .command('list', { isDefault: true })
    .description('every endpoint (never the secrets)')
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findWebhookEndpoints({ db: store.db, workspaceId: context.workspaceId }),
      );
      printEndpoints(context, result, result.webhooks);
    });

  webhooks
    .command('create')
    .description('add an endpoint; its signing secret is printed once')
    .requiredOption('--url <url>', 'where to POST events (https://…)')
    .option('--events <types>', 'comma-separated event types (default: every type)')
    .option('--description <text>', 'what the endpoint is for')
    .action(async (options: { url: string; events?: string; description?: string }, command: Command) => {
      const context = resolveContext(command);
      const created = await withStore(context, (store) =>
        createWebhookEndpoint({
          db: store.db,
          workspaceId: context.workspaceId,
          url: options.url,
          description: options.description,
          eventTypes: options.events
            ?.split(',')
            .map((t) => t.trim())
            .filter(Boolean),
        }),
      );
      printEndpoints(context, created, [created]);
      if (context.format === 'table') {
        process.stdout.write(
          `\nSigning secret (shown once; verify the Tenure-Signature header with it):\n\n  ${created.secret}\n`,
        );
      }
    });

  webhooks
    .command('delete <id>')
    .description('delete an endpoint and its delivery log')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        deleteWebhookEndpoint({ db: store.db, workspaceId: context.workspaceId, endpointId: id }),
      );
      const rows = [{ id: result.id }];
      printOutput<{ id: string }>({
        format: context.format,
        json: result,
        rows,
        table: { rows, columns: [{ header: 'Deleted webhook', value: (r) => r.id, align: 'left' }] },
      });
    });

  webhooks
    .command('deliveries <id>')
    .description("an endpoint's deliveries, newest first, with their attempts")
    .option('--limit <n>', 'at most this many (default 50)', parsePositiveInt)
    .action(async (id: string, options: { limit?: number }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findWebhookDeliveries({
          db: store.db,
          workspaceId: context.workspaceId,
          endpointId: id,
          limit: options.limit,
        }),
      );
      printOutput<TWebhookDelivery>({
        format: context.format,
        json: result,
        rows: result.deliveries.map(({ payload: _, attempts: __, ...d }) => d),
        table: {
          rows: result.deliveries,
          empty: 'no deliveries yet',
          columns: [
            { header: 'Delivery', value: (d) => d.id, align: 'left' },
            { header: 'Event', value: (d) => d.event_type, align: 'left' },
            { header: 'Status', value: (d) => d.status, align: 'left' },
            { header: 'Attempts', value: (d) => String(d.attempt_count) },
            {
              header: 'Last',
              value: (d) => d.last_error ?? String(d.last_status_code ?? NULL_MARK),
              align: 'left',
            },
            { header: 'Created', value: (d) => minute(d.created_at), align: 'left' },
          ],
        },
      });
    });
}
