import type { Command } from 'commander';
import {
  createTask,
  type TTask,
  type TTaskPriority,
  type TTaskStatus,
} from '../../modules/tasks/create-task.ts';
import { findTasks } from '../../modules/tasks/find-tasks.ts';
import { updateTask } from '../../modules/tasks/update-task.ts';
import { resolveContext, type TContext, withStore } from '../context.ts';
import { printOutput } from '../output/print-output.ts';
import { parseDate, parsePositiveInt } from '../parse-args.ts';

type TTaskOptions = {
  title?: string;
  description?: string;
  owner?: string;
  due?: string;
  priority?: TTaskPriority;
  status?: TTaskStatus;
};

function printTasks(context: TContext, json: unknown, tasks: TTask[]): void {
  printOutput<TTask>({
    format: context.format,
    json,
    rows: tasks.map((task) => ({ ...task })),
    table: {
      rows: tasks,
      empty: 'no tasks',
      columns: [
        { header: 'Task', value: (t) => t.id, align: 'left' },
        { header: 'Due', value: (t) => t.due_on ?? '', align: 'left' },
        { header: 'Priority', value: (t) => t.priority, align: 'left' },
        { header: 'Status', value: (t) => t.status, align: 'left' },
        { header: 'Account', value: (t) => t.account_id, align: 'left' },
        { header: 'Owner', value: (t) => t.owner_email ?? '-', align: 'left' },
        { header: 'Title', value: (t) => t.title, align: 'left' },
      ],
    },
  });
}

/** `--owner none` unassigns, as `null` does in the API. */
const ownerOf = (owner: string | undefined) => (owner === 'none' ? null : owner);

export function registerTasksCommands(program: Command): void {
  const tasks = program.command('tasks').description("CSM tasks: the team's work on accounts");

  tasks
    .command('list', { isDefault: true })
    .description('tasks by due date, then priority')
    .option('--owner <email>', 'only this owner\'s tasks ("unassigned" for those without one)')
    .option('--status <list>', 'comma-separated: open, in_progress, done, cancelled')
    .option('--account <id>', "only this account's tasks")
    .option('--overdue', 'only open tasks due before today')
    .option('--limit <n>', 'at most this many (default 100)', parsePositiveInt)
    .action(
      async (
        options: {
          owner?: string;
          status?: string;
          account?: string;
          overdue?: boolean;
          limit?: number;
        },
        command: Command,
      ) => {
        const context = resolveContext(command);
        const result = await withStore(context, (store) =>
          findTasks({
            db: store.db,
            workspaceId: context.workspaceId,
            owner: options.owner,
            statuses: options.status?.split(',').map((s) => s.trim()) as TTaskStatus[] | undefined,
            accountId: options.account,
            isOverdue: options.overdue,
            limit: options.limit,
          }),
        );
        printTasks(context, result, result.tasks);
      },
    );

  tasks
    .command('create')
    .description('create a task on an account (owner: the account owner unless given)')
    .requiredOption('--account <id>', 'the account')
    .requiredOption('--title <text>', 'what to do')
    .option('--description <text>', 'details')
    .option('--due <date>', 'due date YYYY-MM-DD', parseDate)
    .option('--priority <p>', 'low, normal, high or urgent')
    .option('--owner <email>', 'who does it ("none": unassigned)')
    .action(async (options: TTaskOptions & { account: string }, command: Command) => {
      const context = resolveContext(command);
      const task = await withStore(context, (store) =>
        createTask({
          db: store.db,
          workspaceId: context.workspaceId,
          accountId: options.account,
          title: options.title!,
          description: options.description,
          dueOn: options.due,
          priority: options.priority,
          ownerEmail: ownerOf(options.owner),
        }),
      );
      printTasks(context, task, [task]);
    });

  tasks
    .command('done <id>')
    .description('mark a task done')
    .action(async (id: string, _options: unknown, command: Command) => {
      const context = resolveContext(command);
      const task = await withStore(context, (store) =>
        updateTask({ db: store.db, workspaceId: context.workspaceId, taskId: id, status: 'done' }),
      );
      printTasks(context, task, [task]);
    });

  tasks
    .command('update <id>')
    .description("change a task's status, owner, due date, priority or title")
    .option('--title <text>', 'a new title')
    .option('--description <text>', 'new details')
    .option('--status <s>', 'open, in_progress, done or cancelled')
    .option('--owner <email>', 'a new owner ("none": unassigned)')
    .option('--due <date>', 'a new due date YYYY-MM-DD', parseDate)
    .option('--priority <p>', 'low, normal, high or urgent')
    .action(async (id: string, options: TTaskOptions, command: Command) => {
      const context = resolveContext(command);
      const task = await withStore(context, (store) =>
        updateTask({
          db: store.db,
          workspaceId: context.workspaceId,
          taskId: id,
          title: options.title,
          description: options.description,
          status: options.status,
          ownerEmail: ownerOf(options.owner),
          dueOn: options.due,
          priority: options.priority,
        }),
      );
      printTasks(context, task, [task]);
    });
}
