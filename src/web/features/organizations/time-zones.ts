let cached: string[] | null = null;

/** The IANA time zones this browser knows (UTC first), plus the one already chosen. */
export function timeZoneOptions(current?: string): string[] {
  const zones = knownTimeZones();
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

function knownTimeZones(): string[] {
  if (!cached) {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
    }
    cached = ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
  }
  return cached;
}
