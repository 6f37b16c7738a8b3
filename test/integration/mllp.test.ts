import net from 'node:net';
import { Hl7Message } from '@medplum/core';
import { Hl7Client } from '@medplum/hl7';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAck } from '../../src/modules/labs/hl7-ack.js';
import { frame, MllpDecoder } from '../../src/modules/labs/mllp.js';
import { startLabListener } from '../../src/modules/labs/mllp-listener.js';
import { NEG, oru, POS } from '../support/hl7-messages.js';
import { collectedTest, setUpLab } from '../support/lab-setup.js';
import { type Client, createTestApp, signIn, type TestApp } from '../support/test-app.js';

/*
 * The MLLP listener, spoken to by an independent HL7 client (@medplum/hl7's) and by a raw socket that
 * sends what real networks deliver: messages split anywhere, several in one packet, bytes that are no
 * frame at all. Every frame is acknowledged in order; nothing that arrived before is lost.
 */

let t: TestApp;
let counselor: Client;
let listener: { port: number; close: () => Promise<void> };
const anthony = () => t.plan.participants.find((p) => p.firstName === 'Anthony')!;

beforeAll(async () => {
  t = await createTestApp();
  counselor = await signIn(t.app, 'counselor@riverbend.example');
  await setUpLab(t, await signIn(t.app, 'admin@riverbend.example'), {
    organizationName: 'Riverbend Recovery Services',
    facility: 'MLLPLAB',
  });
  listener = await startLabListener(t.database.db, { host: '127.0.0.1', port: 0, allow: [] }, t.app.log);
});
afterAll(async () => {
  await listener?.close();
  await t?.close();
});

const message = (controlId: string, accession: string, value = NEG) =>
  oru({
    controlId,
    facility: 'MLLPLAB',
    orders: [
      { filler: accession, observations: [{ code: '19295-5', text: 'Opiates [Presence] in Urine by Screen method', value }] },
    ],
  });

/** Opens a socket and collects the ACKs it receives, decoded. */
async function rawConnection() {
  const socket = net.connect(listener.port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const decoder = new MllpDecoder();
  const acks: { code: string; controlId: string; text: string }[] = [];
  socket.on('data', (chunk: Buffer) => {
    for (const f of decoder.push(chunk)) if (f.kind === 'message') acks.push(readAck(f.text));
  });
  const waitFor = async (n: number) => {
    for (let i = 0; i < 200 && acks.length < n; i++) await new Promise((r) => setTimeout(r, 25));
    return acks;
  };
  return { socket, acks, waitFor };
}

describe('the MLLP listener', () => {
  it('acknowledges an independent HL7 client’s message with AA and applies it', async () => {
    const testId = await collectedTest(counselor, anthony().enrollment.id, 'MLLP-1');
    const client = new Hl7Client({ host: '127.0.0.1', port: listener.port });
    try {
      const ack = await client.sendAndWait(Hl7Message.parse(message('M-1', 'MLLP-1', POS)), { timeoutMs: 10_000 });
      expect(ack.getSegment('MSA')?.getField(1)?.toString()).toBe('AA');
      expect(ack.getSegment('MSA')?.getField(2)?.toString()).toBe('M-1');
    } finally {
      await client.close();
    }
    const results = await t.database.db.execute<{ analyte: string; result: string }>(
      sql`SELECT analyte, result FROM test_results WHERE test_id = ${testId}`,
    );
    expect(results.rows).toEqual([{ analyte: 'opiates', result: 'positive' }]);
  });

  it('finds every frame however the stream is cut: several in one packet, one across many', async () => {
    await collectedTest(counselor, anthony().enrollment.id, 'MLLP-2');
    await collectedTest(counselor, anthony().enrollment.id, 'MLLP-3');
    const { socket, waitFor } = await rawConnection();
    // Two messages in one write.
    socket.write(Buffer.concat([frame(message('M-2', 'MLLP-2')), frame(message('M-3', 'MLLP-3'))]));
    // One message a few bytes at a time.
    const slow = frame(message('M-4', 'MLLP-2', NEG).replace('M-4', 'M-4'));
    for (let i = 0; i < slow.length; i += 7) {
      socket.write(slow.subarray(i, i + 7));
      await new Promise((r) => setTimeout(r, 1));
    }
    const acks = await waitFor(3);
    socket.destroy();
    expect(acks.map((a) => [a.code, a.controlId])).toEqual([
      ['AA', 'M-2'],
      ['AA', 'M-3'],
      ['AA', 'M-4'],
    ]);
  });

  it('answers garbage and a malformed frame with AR, then takes the next message as if nothing happened', async () => {
    await collectedTest(counselor, anthony().enrollment.id, 'MLLP-5');
    const { socket, waitFor } = await rawConnection();
    socket.write('GET / HTTP/1.1\r\nHost: lab\r\n\r\n');
    socket.write(frame('this is not an HL7 message'));
    socket.write(frame(message('M-ADT', 'MLLP-5').replace('ORU^R01^ORU_R01', 'ADT^A08^ADT_A01')));
    socket.write(frame(message('M-5', 'MLLP-5')));
    const acks = await waitFor(4);
    socket.destroy();
    expect(acks.map((a) => a.code)).toEqual(['AR', 'AR', 'AR', 'AA']);
    expect(acks[3]!.controlId).toBe('M-5');
    // The refused frames are kept as they came.
    const kept = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM hl7_messages WHERE transport = 'mllp' AND status = 'rejected'`,
    );
    expect(kept.rows[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('refuses connections from addresses outside its allow list', async () => {
    const guarded = await startLabListener(t.database.db, { host: '127.0.0.1', port: 0, allow: ['10.9.8.0/24'] }, t.app.log);
    try {
      const socket = net.connect(guarded.port, '127.0.0.1');
      const closed = await new Promise<boolean>((resolve) => {
        socket.on('close', () => resolve(true));
        socket.on('error', () => resolve(true));
        socket.write(frame(message('M-X', 'MLLP-5')));
        setTimeout(() => resolve(false), 3_000);
      });
      expect(closed).toBe(true);
    } finally {
      await guarded.close();
    }
  });
});
