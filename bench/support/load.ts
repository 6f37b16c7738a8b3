import autocannon from 'autocannon';

export type LoadResult = {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Drives a URL with `connections` concurrent clients for `seconds`, recording each latency. */
export async function load(options: {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: options.url, connections: options.connections, duration: options.seconds, headers: options.headers },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.total / options.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/**
 * Two targets side by side: a 3-second warm-up each, then `rounds` rounds that alternate which goes
 * first; any error or non-2xx answer stops the benchmark. Returns each target's results.
 */
export async function alternateRounds<T extends string>(options: {
  targets: readonly [T, T];
  rounds: number;
  seconds: number;
  run: (target: T, seconds: number) => Promise<LoadResult>;
  log: (line: string) => void;
  label?: string;
}): Promise<Record<T, LoadResult[]>> {
  const [first, second] = options.targets;
  await options.run(first, 3);
  await options.run(second, 3);
  const results = { [first]: [], [second]: [] } as unknown as Record<T, LoadResult[]>;
  const width = Math.max(first.length, second.length);
  for (let round = 0; round < options.rounds; round++) {
    for (const target of round % 2 === 0 ? [first, second] : [second, first]) {
      const result = await options.run(target, options.seconds);
      if (result.non2xx > 0 || result.errors > 0)
        throw new Error(`${options.label ?? ''}${target}: ${result.non2xx} non-2xx, ${result.errors} errors`);
      results[target].push(result);
      options.log(
        `  ${options.label ?? ''}round ${round + 1} ${target.padEnd(width)} ${result.requestsPerSecond.toFixed(0)} req/s  p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms`,
      );
    }
  }
  return results;
}

/** The mean of one figure over several results. */
export function meanOf(list: readonly LoadResult[], key: keyof LoadResult): number {
  return list.reduce((sum, r) => sum + r[key], 0) / list.length;
}
