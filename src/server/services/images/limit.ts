import { AppError } from "~/server/errors";

/**
 * Bounds the image work of this app server: at most `running` jobs decode/encode at once and
 * at most `waiting` wait for a slot; past that an upload is refused (TOO_MANY_REQUESTS, the
 * phone keeps the post and retries) instead of piling up memory and CPU until the server
 * stops answering everyone else.
 */
export function createLimiter(running: number, waiting: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = () => {
    active--;
    const next = queue.shift();
    if (next) {
      active++;
      next();
    }
  };
  return {
    async run<T>(job: () => Promise<T>): Promise<T> {
      if (active >= running) {
        if (queue.length >= waiting) throw new AppError("TOO_MANY_REQUESTS", "posts.errors.busy");
        await new Promise<void>((resolve) => queue.push(resolve));
      } else active++;
      try {
        return await job();
      } finally {
        release();
      }
    },
    get stats() {
      return { active, waiting: queue.length };
    },
  };
}
