export type TRepeatingPass = {
  /** Stops the loop; resolves once a pass in progress has finished. */
  stop(): Promise<void>;
};

/**
 * Runs `pass` now and then `intervalMs` after the previous pass ended, so passes never overlap (a slow pass
 * delays the next instead of stacking). A failed pass goes to `onError` and the loop goes on. `pass` gets
 * `isStopping` to cut long work short. The health refresher and the job worker both run on this.
 */
export function repeatPass({
  pass,
  intervalMs,
  onError,
}: {
  pass: (isStopping: () => boolean) => Promise<void>;
  intervalMs: number;
  onError: (error: unknown) => void;
}): TRepeatingPass {
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const loop = () => {
    timer = undefined;
    if (isStopped) return;
    running = pass(() => isStopped)
      .catch(onError)
      .finally(() => {
        running = undefined;
        if (!isStopped) {
          timer = setTimeout(loop, intervalMs);
          timer.unref();
        }
      });
  };
  loop();

  return {
    async stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
