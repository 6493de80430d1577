/**
 * A pass-through TCP proxy in front of PostgreSQL that records the statements the app sends
 * (simple Query, and extended Parse/Bind with their parameters) while capture is on. The
 * benchmark points a first app server at it, makes one request per endpoint, and so learns
 * the exact SQL text each endpoint runs — whatever query builder or driver produced it —
 * to time that same SQL bare. The measured server talks to PostgreSQL directly.
 */
import net from "node:net";

export interface CapturedStatement {
  text: string;
  /** Text-format parameter values (null for SQL NULL). */
  params: (string | null)[];
  /** Parameter type OIDs the client declared (0: let the server infer). */
  types: number[];
  /** True when a parameter was sent in binary format (not replayable as text). */
  binary: boolean;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

function cstring(buf: Buffer, at: number): [string, number] {
  const end = buf.indexOf(0, at);
  return [buf.toString("utf8", at, end), end + 1];
}

export class PgCaptureProxy {
  private server: net.Server;
  private capturing = false;
  private captured: CapturedStatement[] = [];
  private sockets = new Set<net.Socket>();

  constructor(private target: { host: string; port: number }) {
    this.server = net.createServer((client) => this.onClient(client));
  }

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
  }

  start(): void {
    this.captured = [];
    this.capturing = true;
  }

  stop(): CapturedStatement[] {
    this.capturing = false;
    const out = this.captured;
    this.captured = [];
    return out;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onClient(client: net.Socket) {
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    upstream.pipe(client);

    // Prepared statements live per connection: name → text and declared types.
    const statements = new Map<string, { text: string; types: number[] }>();
    let pending: Buffer = Buffer.alloc(0);
    let startup = true;
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        if (startup) {
          if (pending.length < 8) return;
          const len = pending.readInt32BE(0);
          if (pending.length < len) return;
          const code = pending.readInt32BE(4);
          pending = pending.subarray(len);
          if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
          continue;
        }
        if (pending.length < 5) return;
        const type = String.fromCharCode(pending[0]!);
        const len = pending.readInt32BE(1);
        if (pending.length < 1 + len) return;
        const body = pending.subarray(5, 1 + len);
        pending = pending.subarray(1 + len);
        try {
          this.onMessage(type, body, statements);
        } catch {
          /* a message we could not read is still forwarded untouched */
        }
      }
    });
  }

  private onMessage(type: string, body: Buffer, statements: Map<string, { text: string; types: number[] }>) {
    if (type === "Q") {
      if (this.capturing) this.captured.push({ text: cstring(body, 0)[0], params: [], types: [], binary: false });
      return;
    }
    if (type === "P") {
      const [name, a] = cstring(body, 0);
      const [text, b] = cstring(body, a);
      const n = body.readInt16BE(b);
      const types = Array.from({ length: n }, (_, i) => body.readInt32BE(b + 2 + 4 * i));
      statements.set(name, { text, types });
      return;
    }
    if (type === "B" && this.capturing) {
      const [, a] = cstring(body, 0); // portal
      const [name, b] = cstring(body, a);
      const stmt = statements.get(name);
      if (!stmt) return;
      let at = b;
      const nFormats = body.readInt16BE(at);
      at += 2;
      const formats = Array.from({ length: nFormats }, (_, i) => body.readInt16BE(at + 2 * i));
      at += 2 * nFormats;
      const nParams = body.readInt16BE(at);
      at += 2;
      const params: (string | null)[] = [];
      let binary = false;
      for (let i = 0; i < nParams; i++) {
        const len = body.readInt32BE(at);
        at += 4;
        const format = nFormats === 0 ? 0 : nFormats === 1 ? formats[0]! : formats[i]!;
        if (format === 1) binary = true;
        if (len < 0) params.push(null);
        else {
          params.push(body.toString(format === 1 ? "hex" : "utf8", at, at + len));
          at += len;
        }
      }
      this.captured.push({ text: stmt.text, params, types: stmt.types, binary });
    }
  }
}
