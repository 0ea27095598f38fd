import type { Command } from 'commander';
import { createNote } from '../../modules/notes/create-note.ts';
import { findNotes } from '../../modules/notes/find-notes.ts';
import type { TNote } from '../../modules/notes/note-shape.ts';
import { getUser } from '../../modules/users/get-user.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parsePositiveInt } from '../parse-args.ts';

function authorOf(note: TNote): string {
  if (!note.author) return '-';
  if (note.author.type === 'api_key') return `API key ${note.author.name}`;
  return note.author.name ?? note.author.email;
}

function printNotes(context: TContext, json: unknown, notes: TNote[]): void {
  printOutput<TNote>({
    format: context.format,
    json,
    rows: notes.map((note) => ({
      id: note.id,
      account_id: note.account_id,
      is_pinned: note.is_pinned,
      author_type: note.author?.type ?? null,
      author_id: note.author?.id ?? null,
      author: note.author ? authorOf(note) : null,
      created_at: note.created_at,
      updated_at: note.updated_at,
      edited_at: note.edited_at,
      body: note.body,
    })),
    table: {
      rows: notes,
      empty: 'no notes',
      columns: [
        { header: 'Note', value: (n) => n.id, align: 'left' },
        { header: 'Written', value: (n) => n.created_at.slice(0, 16).replace('T', ' '), align: 'left' },
        { header: 'Pinned', value: (n) => (n.is_pinned ? 'yes' : ''), align: 'left' },
        { header: 'Author', value: authorOf, align: 'left' },
        { header: 'Body', value: (n) => n.body, align: 'left' },
      ],
    },
  });
}

/** `--body -`: the note is what is piped in, so a multi-line summary needs no shell quoting. */
async function readBody(body: string): Promise<string> {
  if (body !== '-') return body;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export function registerNotesCommands(program: Command): void {
  const notes = program.command('notes').description('notes on an account: call summaries, context');

  notes
    .command('list', { isDefault: true })
    .description("an account's notes, pinned first, then newest first")
    .requiredOption('--account <id>', 'the account')
    .option('--limit <n>', 'at most this many (default 50, at most 200)', parsePositiveInt)
    .option('--offset <n>', 'skip this many (paging)', (value) =>
      value === '0' ? 0 : parsePositiveInt(value),
    )
    .action(async (options: { account: string; limit?: number; offset?: number }, command: Command) => {
      const context = resolveContext(command);
      const result = await withStore(context, (store) =>
        findNotes({
          db: store.db,
          workspaceId: context.workspaceId,
          accountId: options.account,
          limit: options.limit,
          offset: options.offset,
        }),
      );
      printNotes(context, result, result.notes);
    });

  notes
    .command('add')
    .description('write a note on an account')
    .requiredOption('--account <id>', 'the account')
    .requiredOption('--body <text>', 'the note, plain text ("-": read it from stdin)')
    .option('--pin', 'pin it at the top of the account page')
    .option('--author <email>', 'the user who wrote it (default: none recorded)')
    .action(
      async (
        options: { account: string; body: string; pin?: boolean; author?: string },
        command: Command,
      ) => {
        const context = resolveContext(command);
        const body = await readBody(options.body);
        const note = await withStore(context, async (store) => {
          const author = options.author
            ? await getUser({ db: store.db, workspaceId: context.workspaceId, idOrEmail: options.author })
            : undefined;
          return createNote({
            db: store.db,
            workspaceId: context.workspaceId,
            accountId: options.account,
            body,
            isPinned: options.pin,
            authorUserId: author?.id,
          });
        });
        printNotes(context, note, [note]);
      },
    );
}
