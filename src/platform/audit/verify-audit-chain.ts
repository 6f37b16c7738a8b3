import { createHash } from 'node:crypto';
import pg from 'pg';

export type ChainProblem = {
  lane: number;
  seq: number;
  id: number | null;
  problem: 'altered' | 'missing' | 'broken_link' | 'head_mismatch' | 'unknown_lane';
};

export type ChainReport = {
  ok: boolean;
  rows: number;
  lanes: { lane: number; rows: number; headSeq: number; headHash: string }[];
  problems: ChainProblem[];
};

const ZERO_HASH: Buffer = Buffer.alloc(32);
const BATCH = 5_000;

/**
 * Recomputes every lane of the audit chain in one consistent snapshot (entries keep arriving while
 * it runs). An altered row no longer matches its hash; a removed row leaves a gap in its lane's
 * sequence or a broken link; rows removed from a lane's end no longer reach the head recorded in
 * audit_chain; a row in a lane without a head, or any row not reached through a lane, is reported
 * too. Report the head hashes elsewhere (a printout, a ticket) and a rewrite of the whole chain is
 * detectable as well.
 */
export async function verifyAuditChain(
  database: pg.Pool | pg.ClientBase,
  onProgress?: (done: number, total: number) => void,
): Promise<ChainReport> {
  const pooled = database instanceof pg.Pool;
  const client = pooled ? await database.connect() : database;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return await verifyInSnapshot(client, onProgress);
    } finally {
      await client.query('ROLLBACK');
    }
  } finally {
    if (pooled) (client as pg.PoolClient).release();
  }
}

async function verifyInSnapshot(client: pg.ClientBase, onProgress?: (done: number, total: number) => void): Promise<ChainReport> {
  const heads = await client.query<{ lane: number; seq: string; hash: Buffer }>(
    'SELECT lane, seq, hash FROM audit_chain ORDER BY lane',
  );
  const total = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]?.n ?? 0);
  const problems: ChainProblem[] = [];
  const lanes: ChainReport['lanes'] = [];
  const knownLanes = heads.rows.map((h) => h.lane);
  const strays = await client.query<{ id: string; lane: number; seq: string }>(
    'SELECT id, lane, seq FROM audit_log WHERE NOT (lane = ANY($1::smallint[])) ORDER BY id LIMIT 100',
    [knownLanes],
  );
  for (const row of strays.rows)
    problems.push({ lane: row.lane, seq: Number(row.seq), id: Number(row.id), problem: 'unknown_lane' });
  let done = 0;
  for (const head of heads.rows) {
    const headSeq = Number(head.seq);
    let expectedSeq = 1;
    let previous: Buffer = ZERO_HASH;
    let rows = 0;
    while (true) {
      const batch = await client.query<{
        id: string;
        seq: string;
        prev_hash: Buffer | null;
        hash: Buffer | null;
        canonical: string;
      }>(
        `SELECT id, seq, prev_hash, hash, audit_log_canonical(a) AS canonical
         FROM audit_log a WHERE lane = $1 AND seq >= $2 ORDER BY seq LIMIT ${BATCH}`,
        [head.lane, expectedSeq],
      );
      for (const row of batch.rows) {
        const seq = Number(row.seq);
        while (expectedSeq < seq) {
          problems.push({ lane: head.lane, seq: expectedSeq, id: null, problem: 'missing' });
          expectedSeq++;
        }
        if (!row.prev_hash?.equals(previous)) {
          problems.push({ lane: head.lane, seq, id: Number(row.id), problem: 'broken_link' });
        }
        const computed = createHash('sha256')
          .update(row.prev_hash ?? ZERO_HASH)
          .update(row.canonical, 'utf8')
          .digest();
        if (!row.hash || !computed.equals(row.hash))
          problems.push({ lane: head.lane, seq, id: Number(row.id), problem: 'altered' });
        previous = row.hash ?? computed;
        expectedSeq = seq + 1;
        rows++;
      }
      done += batch.rows.length;
      onProgress?.(done, total);
      if (batch.rows.length < BATCH) break;
    }
    if (expectedSeq - 1 !== headSeq || !previous.equals(head.hash)) {
      problems.push({ lane: head.lane, seq: headSeq, id: null, problem: 'head_mismatch' });
    }
    lanes.push({ lane: head.lane, rows, headSeq, headHash: head.hash.toString('hex') });
  }
  if (done + strays.rows.length < total && strays.rows.length < 100) {
    // Rows beyond a lane's head (or with a duplicated sequence number) were not reached.
    problems.push({ lane: -1, seq: 0, id: null, problem: 'head_mismatch' });
  }
  return { ok: problems.length === 0, rows: done, lanes, problems };
}
