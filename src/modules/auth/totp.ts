import { generateSecret, generateURI, verify } from 'otplib';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, account: string): string {
  return generateURI({ issuer: 'Tandem', label: account, secret });
}

/**
 * Checks a 6-digit code, allowing 30 seconds of clock drift either way, and refuses a code from a
 * time step already used (replay). Returns the matched time step to store, or null.
 */
export async function checkTotp(options: {
  secret: string;
  code: string;
  lastStep: number | null;
  now?: Date;
}): Promise<number | null> {
  if (!/^\d{6}$/.test(options.code)) return null;
  try {
    const result = await verify({
      secret: options.secret,
      token: options.code,
      epochTolerance: 30,
      ...(options.now ? { epoch: Math.floor(options.now.getTime() / 1000) } : {}),
      ...(options.lastStep !== null ? { afterTimeStep: options.lastStep } : {}),
    });
    if (!result.valid) return null;
    // The TOTP strategy's result carries the matched time step.
    return (result as typeof result & { timeStep: number }).timeStep;
  } catch {
    return null;
  }
}
