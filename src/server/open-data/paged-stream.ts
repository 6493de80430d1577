/**
 * A response body that reads its rows page by page (keyset pagination) as the client
 * consumes it: a 10,000-olla export never sits whole in memory, and a slow client slows
 * the reads instead of filling a buffer.
 */
export function pagedStream<R extends { id: string }>(opts: {
  fetchPage: (afterId: string | null) => Promise<R[]>;
  pageSize: number;
  head: string;
  encode: (row: R, index: number) => string;
  tail: string;
}): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let after: string | null = null;
  let n = 0;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        if (opts.head) controller.enqueue(enc.encode(opts.head));
      },
      async pull(controller) {
        const rows = await opts.fetchPage(after);
        if (rows.length > 0) controller.enqueue(enc.encode(rows.map((r) => opts.encode(r, n++)).join("")));
        if (rows.length < opts.pageSize) {
          if (opts.tail) controller.enqueue(enc.encode(opts.tail));
          controller.close();
        } else {
          after = rows[rows.length - 1]!.id;
        }
      },
    },
    { highWaterMark: 1 },
  );
}
