import { z } from '@hono/zod-openapi';
import { DATE_PATTERN, INTERVALS, isCalendarDate, MONTH_PATTERN, MOVEMENT_TYPES } from './formats.ts';

/** Query parameters shared by the /v1 routes (shared/spec/cli.md: months `YYYY-MM`, dates `YYYY-MM-DD`). */
export const ZMonth = z
  .string()
  .regex(MONTH_PATTERN, 'expected a month YYYY-MM')
  .openapi({ example: '2024-03' });

export const ZDate = z
  .string()
  .regex(DATE_PATTERN, 'expected a date YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date')
  .openapi({ example: '2024-03-15' });

export const ZInterval = z.enum(INTERVALS).default('month');

export const ZMovementType = z.enum(MOVEMENT_TYPES);
