import { z } from 'zod';
import { AppError } from '../../errors.ts';

/**
 * Twelve characters and no composition rules: length is what resists guessing (NIST SP 800-63B §5.1.1.2
 * asks for at least 8 and advises against composition rules). The upper bound keeps hashing cheap to
 * refuse rather than a way to make the server hash megabytes.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export const ZLocale = z.enum(['en', 'es']);
export type TLocale = z.infer<typeof ZLocale>;

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

/** Emails compare case-insensitively: they are stored lowercased and trimmed. */
export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase();
  if (normalized.length > 254 || !EMAIL_PATTERN.test(normalized)) {
    throw new AppError('invalid_input', `"${email}" is not an email address`);
  }
  return normalized;
}

export function assertPassword(password: string): string {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new AppError(
      'invalid_input',
      `a password must have ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
  return password;
}

export function normalizeName(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (trimmed.length > 200) throw new AppError('invalid_input', 'a name must have at most 200 characters');
  return trimmed.length === 0 ? null : trimmed;
}
