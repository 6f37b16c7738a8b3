import net from 'node:net';

/*
 * MLLP, the framing HL7 v2 uses over TCP: each message is <VT> message <FS><CR>. Tandem reads the
 * stream itself rather than with @medplum/hl7's or node-hl7-server's listeners: both take a TCP chunk
 * that ends in <FS><CR> as exactly one message, so two messages arriving together become one (the
 * second lost), and after a frame that fails to parse they keep its bytes and fail every message that
 * follows on the connection (measured; see ARCHITECTURE.md). Here every frame is found wherever the
 * chunks break, bytes outside a frame are reported (and answered with AR), and one bad frame never
 * touches the next.
 */

const VT = 0x0b;
const FS = 0x1c;
const CR = 0x0d;

export type MllpFrame = { kind: 'message'; text: string } | { kind: 'garbage'; bytes: number };

/** Finds frames in a byte stream, however it arrives. */
export class MllpDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrameBytes = 4 * 1024 * 1024) {}

  push(chunk: Buffer): MllpFrame[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const frames: MllpFrame[] = [];
    for (;;) {
      const start = this.buffer.indexOf(VT);
      if (start < 0) {
        // Nothing but bytes outside a frame (whitespace between frames is harmless).
        if (this.buffer.some((b) => b !== CR && b !== 0x0a && b !== 0x20))
          frames.push({ kind: 'garbage', bytes: this.buffer.length });
        this.buffer = Buffer.alloc(0);
        return frames;
      }
      const before = this.buffer.subarray(0, start);
      if (before.some((b) => b !== CR && b !== 0x0a && b !== 0x20)) frames.push({ kind: 'garbage', bytes: before.length });
      this.buffer = this.buffer.subarray(start);
      const end = this.buffer.indexOf(FS, 1);
      const restart = this.buffer.indexOf(VT, 1);
      if (restart >= 0 && (end < 0 || restart < end)) {
        // A frame that never ended before the next began.
        frames.push({ kind: 'garbage', bytes: restart });
        this.buffer = this.buffer.subarray(restart);
        continue;
      }
      if (end < 0) {
        if (this.buffer.length > this.maxFrameBytes) {
          frames.push({ kind: 'garbage', bytes: this.buffer.length });
          this.buffer = Buffer.alloc(0);
        }
        return frames;
      }
      if (end + 1 >= this.buffer.length) return frames; // wait for the CR after FS
      frames.push({ kind: 'message', text: this.buffer.subarray(1, end).toString('utf8') });
      this.buffer = this.buffer.subarray(this.buffer[end + 1] === CR ? end + 2 : end + 1);
    }
  }
}

export function frame(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(body.length + 3);
  out[0] = VT;
  body.copy(out, 1);
  out[body.length + 1] = FS;
  out[body.length + 2] = CR;
  return out;
}

export type MllpHandler = {
  /** The ACK to send for a message (never throws: a failure is answered with AE or AR). */
  message: (text: string, peer: string) => Promise<string>;
  /** The ACK to send for bytes that are not a message. */
  garbage: (bytes: number, peer: string) => string;
};

export type MllpOptions = {
  host: string;
  port: number;
  /** Addresses or CIDR ranges allowed to connect; empty allows any that reach the port. */
  allow: string[];
  maxConnections?: number;
  idleTimeoutMs?: number;
  log?: { info: (o: object, msg: string) => void; warn: (o: object, msg: string) => void };
};

function allowList(entries: string[]): net.BlockList | null {
  if (entries.length === 0) return null;
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const family = net.isIPv6(address) ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

/** An MLLP listener: each connection's messages are handled one after another and acknowledged in order. */
export async function startMllpServer(
  options: MllpOptions,
  handler: MllpHandler,
): Promise<{ port: number; close: () => Promise<void> }> {
  const allowed = allowList(options.allow);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const remote = socket.remoteAddress ?? '';
    const plain = remote.startsWith('::ffff:') ? remote.slice(7) : remote;
    if (allowed && !allowed.check(plain, net.isIPv6(plain) ? 'ipv6' : 'ipv4')) {
      options.log?.warn({ peer: remote }, 'MLLP connection refused: address not allowed');
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs ?? 10 * 60_000, () => socket.end());
    const decoder = new MllpDecoder();
    let queue = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      for (const f of decoder.push(chunk)) {
        queue = queue.then(async () => {
          const ack = f.kind === 'message' ? await handler.message(f.text, plain) : handler.garbage(f.bytes, plain);
          if (!socket.destroyed) socket.write(frame(ack));
        });
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  server.maxConnections = options.maxConnections ?? 32;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: options.host, port: options.port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as net.AddressInfo;
  options.log?.info({ host: options.host, port: address.port }, 'MLLP listener for HL7 lab results');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.end();
        server.close(() => resolve());
        setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, 2_000).unref();
      }),
  };
}
