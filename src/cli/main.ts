import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { sql } from 'drizzle-orm';
import { DEMO_ACCOUNTS } from '../demo/demo-court.js';
import { generateLarge, seedDemo } from '../demo/seed.js';
import { createApiToken } from '../modules/auth/api-tokens.js';
import { type TokenScope, ZTokenScope } from '../modules/auth/auth.schema.js';
import { readAck } from '../modules/labs/hl7-ack.js';
import { CSV_COLUMNS, csvToOru, splitHl7Batch } from '../modules/labs/import-files.js';
import { ingestHl7 } from '../modules/labs/ingest-hl7.js';
import { createUser } from '../modules/users/manage-users.js';
import { type Role, ZRole } from '../modules/users/users.schema.js';
import { CLI_AUDIT } from '../platform/audit/record-audit.js';
import { verifyAuditChain } from '../platform/audit/verify-audit-chain.js';
import { ConfigError, loadConfig } from '../platform/config.js';
import { backupDatabase, restoreDatabase } from '../platform/db/backup.js';
import { connect, prepareDatabase } from '../platform/db/connect.js';
import { AppError } from '../platform/http/errors.js';
import { translator } from '../platform/i18n/i18n.js';
import { packageVersion } from '../platform/paths.js';
import { startTandem } from '../platform/start.js';
import { withDatabase } from './database-session.js';

const positiveInt = (value: string) => {
  const n = Number.parseInt(value, 10);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('Expected a positive whole number.');
  return n;
};

async function findOrganizationId(db: Parameters<typeof createUser>[0]['db'], reference: string): Promise<string> {
  const rows = await db.execute<{ id: string }>(
    sql`SELECT id FROM organizations WHERE id::text = ${reference} OR lower(name) = lower(${reference})`,
  );
  if (rows.rows.length !== 1) throw new ConfigError(`No single organization matches "${reference}". Use its id or exact name.`);
  return rows.rows[0]!.id;
}

function progressBar(label: string) {
  return new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total}`, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
}

/** Takes messages, a hundred at a time (each hundred written together), with a progress bar, and says what became of them. */
async function importMessages(db: Parameters<typeof ingestHl7>[0], messages: { file: string; text: string }[], kind: string) {
  const bar = progressBar('Messages');
  bar.start(messages.length, 0);
  const counts = { processed: 0, partly_processed: 0, review: 0, duplicate: 0, rejected: 0 };
  const refusals: string[] = [];
  for (let start = 0; start < messages.length; start += 100) {
    const chunk = messages.slice(start, start + 100);
    const results = await Promise.all(
      chunk.map((m) =>
        ingestHl7(db, m.text, {
          transport: 'file',
          tokenOrganizationId: null,
          audit: { ...CLI_AUDIT, label: `cli:import-${kind}` },
          receivedBy: `cli:${m.file}`,
        }),
      ),
    );
    for (const [i, result] of results.entries()) {
      counts[result.status] += 1;
      if (result.code !== 'AA') refusals.push(`${chunk[i]!.file}: ${result.code} ${readAck(result.ack).text}`);
    }
    bar.increment(chunk.length);
  }
  bar.stop();
  console.log(
    `${messages.length} messages: ${counts.processed} applied, ${counts.partly_processed} applied in part and ${counts.review} held for review (see the lab review queue), ${counts.duplicate} already received, ${counts.rejected} refused.`,
  );
  for (const line of refusals.slice(0, 50)) console.error(`  ${line}`);
  return { refused: counts.rejected };
}

export function buildCli(): Command {
  const program = new Command('tandem')
    .description('Tandem: treatment courts and treatment programs, together.')
    .version(packageVersion());

  program
    .command('start')
    .description('Start Tandem (embedded PostgreSQL unless DATABASE_URL is set)')
    .action(async () => {
      const running = await startTandem(loadConfig());
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${signal} received: stopping Tandem…`);
        const force = setTimeout(() => {
          console.error('Stopping took too long; exiting.');
          process.exit(1);
        }, 15_000);
        force.unref();
        running
          .stop()
          .then(() => {
            console.log('Tandem stopped.');
            process.exit(0);
          })
          .catch((error) => {
            console.error(error);
            process.exit(1);
          });
      };
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      const config = loadConfig();
      const connection = await connect(config, { shareRunning: true });
      try {
        const state = await prepareDatabase(connection);
        console.log(`Migrations applied: ${state.applied} of ${state.available} (latest ${state.latest}).`);
      } finally {
        await connection.release();
      }
    });

  program
    .command('seed-demo')
    .description('Load the demo court into an empty database')
    .action(async () => {
      const config = loadConfig();
      await withDatabase(async ({ db }) => {
        const result = await seedDemo(db, { password: config.demoPassword });
        console.log(`Demo court loaded: ${result.participants} participants. Password for every account: ${config.demoPassword}`);
        for (const account of DEMO_ACCOUNTS) console.log(`  ${account.email.padEnd(32)} ${account.role}`);
      });
    });

  program
    .command('generate')
    .description('Generate a large synthetic data set (deterministic) for benchmarks')
    .addOption(new Option('--courts <n>', 'number of courts').argParser(positiveInt).default(50))
    .addOption(new Option('--participants <n>', 'participants across all courts').argParser(positiveInt).default(20_000))
    .addOption(new Option('--seed <n>', 'random seed').argParser(positiveInt).default(42))
    .action(async (options: { courts: number; participants: number; seed: number }) => {
      const config = loadConfig();
      await withDatabase(async ({ db }) => {
        const bar = progressBar('Courts');
        bar.start(options.courts, 0);
        await generateLarge(db, { ...options, password: config.demoPassword, onCourt: (done) => bar.update(done) });
        bar.stop();
        console.log(
          `Generated ${options.participants} participants in ${options.courts} courts. Staff sign in as <role>@court-NNN.example.`,
        );
      });
    });

  const user = program.command('user').description('Manage users');
  user
    .command('create')
    .description('Create a user with one role in one organization')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--org <organization>', 'organization id or exact name')
    .addOption(new Option('--role <role>').choices(ZRole.options).makeOptionMandatory())
    .option('--password <password>', 'initial password (or set TANDEM_NEW_PASSWORD)')
    .option('--locale <locale>', 'en or es', 'en')
    .action(async (options: { email: string; name: string; org: string; role: Role; password?: string; locale: string }) => {
      const password = options.password ?? process.env.TANDEM_NEW_PASSWORD;
      if (!password) throw new ConfigError('Give the initial password with --password or TANDEM_NEW_PASSWORD.');
      await withDatabase(async ({ db }) => {
        const organizationId = await findOrganizationId(db, options.org);
        const created = await createUser({
          db,
          ctx: null,
          input: {
            email: options.email.toLowerCase(),
            displayName: options.name,
            locale: options.locale === 'es' ? 'es' : 'en',
            password,
            memberships: [{ organizationId, role: options.role }],
          },
        });
        console.log(`Created ${created.email} (${options.role}), id ${created.id}.`);
      });
    });

  const token = program.command('token').description('Manage API tokens for integrations');
  token
    .command('create')
    .description('Create an API token; the secret is printed once')
    .requiredOption('--name <name>')
    .requiredOption('--org <organization>', 'organization id or exact name')
    .requiredOption('--scope <scope...>', `one or more of ${ZTokenScope.options.join(', ')}`)
    .option('--expires <date>', 'expiry (ISO date)')
    .action(async (options: { name: string; org: string; scope: string[]; expires?: string }) => {
      const scopes = options.scope.map((s) => {
        const parsed = ZTokenScope.safeParse(s);
        if (!parsed.success) throw new ConfigError(`Unknown scope "${s}". Use ${ZTokenScope.options.join(', ')}.`);
        return parsed.data as TokenScope;
      });
      await withDatabase(async ({ db }) => {
        const organizationId = await findOrganizationId(db, options.org);
        const created = await createApiToken({
          db,
          ctx: null,
          name: options.name,
          organizationId,
          scopes,
          expiresAt: options.expires ? new Date(options.expires) : undefined,
        });
        console.log(`Token ${created.token.name} (${created.token.id}) created. Its secret, shown only now:\n${created.secret}`);
      });
    });

  const audit = program.command('audit').description('The audit log');
  audit
    .command('verify')
    .description('Recompute the audit hash chain; exits 1 if any entry was altered or removed')
    .action(async () => {
      await withDatabase(async ({ pool }) => {
        const bar = progressBar('Audit entries');
        let started = false;
        const report = await verifyAuditChain(pool, (done, total) => {
          if (!started) {
            bar.start(total, 0);
            started = true;
          }
          bar.update(done);
        });
        if (started) bar.stop();
        for (const lane of report.lanes)
          console.log(`lane ${lane.lane}: ${lane.rows} entries, head ${lane.headSeq} ${lane.headHash}`);
        if (report.ok) {
          console.log(`Audit chain intact: ${report.rows} entries verified.`);
        } else {
          console.error(`Audit chain BROKEN: ${report.problems.length} problem(s).`);
          for (const p of report.problems.slice(0, 50))
            console.error(`  lane ${p.lane} seq ${p.seq}${p.id ? ` (id ${p.id})` : ''}: ${p.problem}`);
          process.exitCode = 1;
        }
      });
    });

  const imports = program.command('import').description('Lab results from files');
  imports
    .command('hl7 <files...>')
    .description(
      'Import HL7 v2 ORU^R01 result messages (one or many a file, MLLP-framed or not); each is acknowledged as over MLLP',
    )
    .action(async (files: string[]) => {
      const messages: { file: string; text: string }[] = [];
      for (const file of files) {
        for (const text of splitHl7Batch(await readFile(file, 'utf8'))) messages.push({ file, text });
      }
      await withDatabase(async ({ db }) => {
        const summary = await importMessages(db, messages, 'hl7');
        process.exitCode = summary.refused > 0 ? 1 : 0;
      });
    });
  imports
    .command('csv <file>')
    .description(
      `Import a results spreadsheet from a lab set up in Tandem: columns ${[...CSV_COLUMNS.required, 'accession_id or case_number'].join(', ')} (and optionally ${CSV_COLUMNS.optional.join(', ')}), one row per result`,
    )
    .requiredOption('--lab <facility>', 'the lab’s sending facility, as set up in Tandem')
    .action(async (file: string, options: { lab: string }) => {
      const { messages, problems } = csvToOru(await readFile(file, 'utf8'), options.lab);
      for (const p of problems) console.error(`  row ${p.row}: ${p.message}`);
      await withDatabase(async ({ db }) => {
        const summary = await importMessages(
          db,
          messages.map((text) => ({ file, text })),
          'csv',
        );
        process.exitCode = summary.refused > 0 || problems.length > 0 ? 1 : 0;
      });
    });

  program
    .command('backup <file>')
    .description('Write a consistent backup of the whole database to a file')
    .action(async (file: string) => {
      await withDatabase(
        async ({ ownerUrl }) => {
          const result = await backupDatabase(ownerUrl, file, (table) => process.stdout.write(`  ${table}\n`));
          console.log(`Backup written to ${file} (${result.tables} tables).`);
        },
        { migrate: false },
      );
    });

  program
    .command('restore <file>')
    .description('Restore a backup into an empty database (stop Tandem first)')
    .action(async (file: string) => {
      const config = loadConfig();
      const connection = await connect(config);
      try {
        const result = await restoreDatabase(connection.ownerUrl, file, (table) => process.stdout.write(`  ${table}\n`));
        await prepareDatabase(connection);
        console.log(`Restored ${result.tables} tables from ${file}. Run "tandem audit verify" to check the audit log.`);
      } finally {
        await connection.release();
      }
    });

  return program;
}

/** Runs the command line; known problems print one clear message, not a stack trace. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
    } else if (error instanceof AppError) {
      console.error(translator('en')(error.messageKey, error.params));
    } else {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    process.exitCode = 1;
  }
}
