import { AppError } from '../errors.ts';

/** Everything piped into stdin, less one final line break: `echo "$PW" | tenure users create …`. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** One line typed at the terminal with nothing echoed (raw mode), so the password never shows on screen. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: AppError) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') {
          return finish(new AppError('invalid_usage', 'cancelled: no password given'));
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/**
 * A new password for the CLI: never a flag value (flags end up in shell history and `ps`). From stdin when
 * asked to or when stdin is not a terminal; otherwise prompted twice without echo.
 */
export async function readPassword({ isFromStdin }: { isFromStdin: boolean }): Promise<string> {
  if (isFromStdin || !process.stdin.isTTY) return readStdin();
  const password = await promptHidden('Password: ');
  if ((await promptHidden('Password again: ')) !== password) {
    throw new AppError('invalid_input', 'the two passwords differ');
  }
  return password;
}
