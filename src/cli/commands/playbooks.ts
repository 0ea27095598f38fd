import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../errors.ts';
import { createPlaybook } from '../../modules/playbooks/create-playbook.ts';
import { createPlaybookFromTemplate } from '../../modules/playbooks/create-playbook-from-template.ts';
import { dryRunPlaybook } from '../../modules/playbooks/dry-run-playbook.ts';
import { findEnrollments } from '../../modules/playbooks/find-enrollments.ts';
import { findPlaybookTemplates } from '../../modules/playbooks/find-playbook-templates.ts';
import { findPlaybooks } from '../../modules/playbooks/find-playbooks.ts';
import { getPlaybook } from '../../modules/playbooks/get-playbook.ts';
import { slugOf, type TPlaybook } from '../../modules/playbooks/playbook-shape.ts';
import { updatePlaybook } from '../../modules/playbooks/update-playbook.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';

function printPlaybooks(context: TContext, json: unknown, playbooks: TPlaybook[]): void {
  printOutput<TPlaybook>({
    format: context.format,
    json,
    rows: playbooks.map(({ definition, ...rest }) => ({ ...rest, trigger: definition.trigger.kind })),
    table: {
      rows: playbooks,
      empty: 'no playbooks (start from one: `tenure playbooks templates`)',
      columns: [
        { header: 'Playbook', value: (p) => p.id, align: 'left' },
        { header: 'Name', value: (p) => p.name, align: 'left' },
        { header: 'Trigger', value: (p) => p.definition.trigger.kind, align: 'left' },
        { header: 'Steps', value: (p) => String(p.definition.steps.length) },
        { header: 'Enabled', value: (p) => (p.is_enabled ? 'yes' : 'no') },
        { header: 'Version', value: (p) => String(p.version) },
      ],
    },
  });
}

function readJsonFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('invalid_usage', `cannot read ${file}`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new AppError('invalid_input', `${file} is not valid JSON`);
  }
}

/** Prints JSON, or a readable table for the table format. */
function printJson(context: TContext, json: unknown, rows: Record<string, unknown>[], header: string): void {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  printOutput<Record<string, unknown>>({
    format: context.format,
    json,
    rows,
    table: {
      rows,
      empty: `no ${header}`,
      columns: keys.map((key) => ({
        header: key,
        value: (r) =>
          typeof r[key] === 'object' && r[key] !== null ? JSON.stringify(r[key]) : String(r[key] ?? ''),
        align: 'left' as const,
      })),
    },
  });
}

export function registerPlaybooksCommands(program: Command): void {
  const playbooks = program.command('playbooks').description('automation playbooks (README "Playbooks")');

  playbooks
    .command('list', { isDefault: true })
    .description('every playbook')
    .action(async (_options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findPlaybooks({ db: store.db, workspaceId: context.workspaceId }),
      );
      printPlaybooks(context, result, result.playbooks);
    });

  playbooks
    .command('show <id>')
    .description('one playbook with its definition')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const playbook = await withStore(context, (store) =>
        getPlaybook({ db: store.db, workspaceId: context.workspaceId, playbookId: id }),
      );
      if (context.format === 'table') process.stdout.write(`${JSON.stringify(playbook, null, 2)}\n`);
      else printPlaybooks(context, playbook, [playbook]);
    });

  playbooks
    .command('apply <file>')
    .description('create or replace a playbook from a JSON definition (`id` and `is_enabled` optional)')
    .action(async (file: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const { id, is_enabled, ...definition } = readJsonFile(file);
      const playbook = await withStore(context, async (store) => {
        const base = { db: store.db, workspaceId: context.workspaceId };
        const playbookId =
          typeof id === 'string' ? id : slugOf(typeof definition.name === 'string' ? definition.name : '');
        const exists = await store.db
          .selectFrom('playbooks')
          .select('id')
          .where('workspace_id', '=', context.workspaceId)
          .where('id', '=', playbookId)
          .executeTakeFirst();
        return exists
          ? updatePlaybook({ ...base, playbookId, definition })
          : createPlaybook({ ...base, id: playbookId, definition, isEnabled: is_enabled === true });
      });
      printPlaybooks(context, playbook, [playbook]);
    });

  playbooks
    .command('dry-run <idOrFile>')
    .description(
      'who would enter a playbook (saved id, or a JSON file) now and what would happen; writes nothing',
    )
    .action(async (idOrFile: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, async (store) => {
        const base = { db: store.db, workspaceId: context.workspaceId, now: new Date() };
        if (fs.existsSync(idOrFile)) {
          const { id: _id, is_enabled: _enabled, ...definition } = readJsonFile(idOrFile);
          return dryRunPlaybook({ ...base, definition });
        }
        const playbook = await getPlaybook({ ...base, playbookId: idOrFile });
        return dryRunPlaybook({ ...base, definition: playbook.definition, playbookId: playbook.id });
      });
      const rows = result.entering.flatMap((e) =>
        e.steps.map(({ step_id, type, at, ...rest }) => ({
          account_id: e.account_id,
          step_id,
          type,
          at,
          detail: rest,
        })),
      );
      printJson(context, result, rows, 'account would enter');
    });

  playbooks
    .command('enrollments <id>')
    .description("a playbook's enrollments, newest first")
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findEnrollments({ db: store.db, workspaceId: context.workspaceId, playbookId: id }),
      );
      const rows = result.enrollments.map(({ log, context: _c, ...rest }) => ({
        ...rest,
        steps_logged: log.length,
      }));
      printJson(context, result, rows, 'enrollments');
    });

  playbooks
    .command('templates')
    .description('the built-in playbook templates')
    .option('--language <language>', 'en or es', 'en')
    .action(async (options: { language: string }, command: Command) => {
      const context = resolveContext(command);
      if (options.language !== 'en' && options.language !== 'es') {
        throw new AppError('invalid_usage', '--language must be en or es');
      }
      const result = findPlaybookTemplates({ language: options.language });
      const rows = result.templates.map((t) => ({
        id: t.id,
        name: t.name,
        trigger: t.definition.trigger.kind,
      }));
      printJson(context, result, rows, 'templates');
    });

  playbooks
    .command('from-template <templateId>')
    .description('create a playbook (disabled) from a template')
    .option('--id <id>', 'the playbook id (default: from the template)')
    .option('--name <name>', 'the playbook name (default: the template name)')
    .option('--enable', 'enable it at once')
    .action(
      async (
        templateId: string,
        options: { id?: string; name?: string; enable?: boolean },
        command: Command,
      ) => {
        const context = resolveContext(command);
        const playbook = await withStore(context, (store) =>
          createPlaybookFromTemplate({
            db: store.db,
            workspaceId: context.workspaceId,
            templateId,
            id: options.id,
            name: options.name,
            isEnabled: options.enable === true,
          }),
        );
        printPlaybooks(context, playbook, [playbook]);
      },
    );
}
