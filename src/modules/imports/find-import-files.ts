import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../errors.ts';
import { entities } from './entities.ts';
import type { TEntityName } from './import-types.ts';

export type TImportFile = { filePath: string; entity: TEntityName };

const ORDER = [...entities.keys()];
const NAME = /^(.+)\.csv(\.gz)?$/i;

/**
 * The files to import, in dependency order (shared/spec/data.md, "General rules"): explicit files must have
 * a recognised name; directories are searched recursively for recognised names and the rest is ignored
 * (including `*.rejected.csv` from earlier runs).
 */
export function findImportFiles(paths: string[]): TImportFile[] {
  const found: TImportFile[] = [];
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch {
      throw new AppError('invalid_usage', `${given}: no such file or directory`);
    }
    if (!stat.isDirectory()) {
      const entity = entityOf(given);
      if (!entity) {
        throw new AppError(
          'invalid_usage',
          `${given}: not an importable file name (expected one of ${ORDER.map((e) => `${e}.csv`).join(', ')}, or .csv.gz)`,
        );
      }
      found.push({ filePath: given, entity });
      continue;
    }
    const names = (fs.readdirSync(given, { recursive: true }) as string[]).sort();
    const before = found.length;
    for (const name of names) {
      if (name.split(path.sep).some((part) => part.startsWith('.'))) continue;
      const entity = entityOf(name);
      const filePath = path.join(given, name);
      if (entity && fs.statSync(filePath).isFile()) found.push({ filePath, entity });
    }
    if (found.length === before) {
      throw new AppError(
        'invalid_usage',
        `${given}: no importable files (accounts.csv, invoices.csv, …) found`,
      );
    }
  }
  // A stable sort keeps the order of the paths as given within one entity.
  return found.sort((a, b) => ORDER.indexOf(a.entity) - ORDER.indexOf(b.entity));
}

function entityOf(filePath: string): TEntityName | undefined {
  const match = NAME.exec(path.basename(filePath));
  const name = match?.[1]?.toLowerCase() as TEntityName | undefined;
  return name && entities.has(name) ? name : undefined;
}
