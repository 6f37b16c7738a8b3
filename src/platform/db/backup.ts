import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { readMigrationState, runMigrations } from './migrate.js';

/*
 * A backup is one gzip file: a header line, then for each table a line naming it and its columns,
 * the table's rows in PostgreSQL's COPY text format, and the `\.` end-of-data line (which no COPY
 * row can be). Tables come in foreign-key order, so a restore loads them as they come.
 */

const MAGIC = 'tandem-backup 1';

type Header = { createdAt: string; migrations: number; tables: string[]; sequences: Record<string, [string, boolean]> };

/** Application tables in an order where every table comes after the tables it references. */
async function tablesInDependencyOrder(client: pg.ClientBase): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
    )
  ).rows.map((r) => r.name);
  const edges = (
    await client.query<{ child: string; parent: string }>(
      `SELECT cl.relname AS child, pcl.relname AS parent FROM pg_constraint co
       JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_class pcl ON pcl.oid = co.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
       WHERE co.contype = 'f' AND n.nspname = 'public' AND cl.relname <> pcl.relname`,
    )
  ).rows;
  const ordered: string[] = [];
  const remaining = new Set(tables);
  while (remaining.size > 0) {
    const ready = [...remaining].filter((t) => !edges.some((e) => e.child === t && remaining.has(e.parent)));
    if (ready.length === 0) throw new Error('Foreign keys form a cycle; cannot order tables for backup');
    for (const t of ready.sort()) {
      ordered.push(t);
      remaining.delete(t);
    }
  }
  return ordered;
}

async function columnsOf(client: pg.ClientBase, table: string): Promise<string[]> {
  const result = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [`public.${table}`],
  );
  return result.rows.map((r) => r.name);
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Writes a consistent snapshot of every table (one REPEATABLE READ transaction) to a gzip file. */
export async function backupDatabase(url: string, file: string, onTable?: (table: string) => void): Promise<{ tables: number }> {
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-backup' });
  await client.connect();
  const gzip = createGzip();
  // A backup holds everything: readable by its owner only, and never written over an existing file.
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name.`);
  const out = fs.createWriteStream(`${file}.partial`, { mode: 0o600, flags: 'wx' });
  const done = pipeline(gzip, out);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesInDependencyOrder(client);
    const { applied } = await readMigrationState(client);
    const sequences: Header['sequences'] = {};
    const names = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'S'`,
    );
    for (const { name } of names.rows) {
      const state = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text, is_called FROM ${quote(name)}`,
      );
      sequences[name] = [state.rows[0]!.last_value, state.rows[0]!.is_called];
    }
    const header: Header = { createdAt: new Date().toISOString(), migrations: applied, tables, sequences };
    gzip.write(`${MAGIC} ${JSON.stringify(header)}\n`);
    for (const table of tables) {
      onTable?.(table);
      const columns = await columnsOf(client, table);
      gzip.write(`${JSON.stringify({ table, columns })}\n`);
      const stream = client.query(copyTo(`COPY (SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}) TO STDOUT`));
      for await (const chunk of stream) {
        if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once('drain', resolve));
      }
      gzip.write('\\.\n');
    }
    await client.query('COMMIT');
    gzip.end();
    await done;
    fs.renameSync(`${file}.partial`, file);
    return { tables: tables.length };
  } catch (error) {
    gzip.destroy();
    await done.catch(() => undefined);
    fs.rmSync(`${file}.partial`, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Restores a backup into a database that holds no Tandem data yet (new, or only migrated). The
 * whole restore is one transaction: it lands completely or not at all. Triggers are off while rows
 * load, so the audit log keeps its original hashes (verify afterwards with `tandem audit verify`).
 */
export async function restoreDatabase(url: string, file: string, onTable?: (table: string) => void): Promise<{ tables: number }> {
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || !first.value.startsWith(`${MAGIC} `)) throw new Error(`${file} is not a Tandem backup.`);
  const header = JSON.parse(first.value.slice(MAGIC.length + 1)) as Header;

  const state = await runMigrations(url);
  if (header.migrations > state.available) {
    throw new Error(
      `The backup was made by a newer Tandem (${header.migrations} migrations; this one has ${state.available}). Upgrade first.`,
    );
  }
  const client = new pg.Client({ connectionString: url, application_name: 'tandem-restore' });
  await client.connect();
  try {
    const busy = await client.query(`SELECT EXISTS (SELECT 1 FROM organizations) OR EXISTS (SELECT 1 FROM users) AS busy`);
    if (busy.rows[0]?.busy) throw new Error('The target database already holds data. Restore into a new, empty database.');
    await client.query('BEGIN');
    const tables = await tablesInDependencyOrder(client);
    for (const table of tables) await client.query(`ALTER TABLE ${quote(table)} DISABLE TRIGGER USER`);
    // Migrations seed a few rows (settings, audit chain heads); the backup has its own.
    for (const table of [...tables].reverse()) await client.query(`DELETE FROM ${quote(table)}`);
    let count = 0;
    while (true) {
      const next = await iterator.next();
      if (next.done) break;
      if (next.value === '') continue;
      const { table, columns } = JSON.parse(next.value) as { table: string; columns: string[] };
      if (!tables.includes(table)) throw new Error(`The backup has a table this Tandem does not know: ${table}`);
      onTable?.(table);
      const sink = client.query(copyFrom(`COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM STDIN`));
      const finished = new Promise<void>((resolve, reject) => {
        sink.on('finish', resolve);
        sink.on('error', reject);
      });
      while (true) {
        const row = await iterator.next();
        if (row.done) throw new Error(`The backup ends in the middle of table ${table}.`);
        if (row.value === '\\.') break;
        if (!sink.write(`${row.value}\n`)) await new Promise((resolve) => sink.once('drain', resolve));
      }
      sink.end();
      await finished;
      count++;
    }
    for (const table of tables) await client.query(`ALTER TABLE ${quote(table)} ENABLE TRIGGER USER`);
    // Sequences continue exactly where they were.
    for (const [name, [lastValue, isCalled]] of Object.entries(header.sequences)) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [`public.${quote(name)}`, lastValue, isCalled]);
    }
    await client.query('COMMIT');
    return { tables: count };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
    lines.close();
  }
}
