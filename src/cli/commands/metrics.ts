import type { Command } from 'commander';
import { registerMetricsCohortsCommand } from './metrics-cohorts.ts';
import { registerMetricsCsCommand } from './metrics-cs.ts';
import { registerMetricsMovementsCommand } from './metrics-movements.ts';
import { registerMetricsRenewalsCommand } from './metrics-renewals.ts';
import { registerMetricsRevenueCommand } from './metrics-revenue.ts';

export function registerMetricsCommands(program: Command): void {
  const metrics = program.command('metrics').description('revenue metrics (definitions: docs/metrics.md)');
  registerMetricsRevenueCommand(metrics);
  registerMetricsMovementsCommand(metrics);
  registerMetricsCohortsCommand(metrics);
  registerMetricsRenewalsCommand(metrics);
  registerMetricsCsCommand(metrics);
}
