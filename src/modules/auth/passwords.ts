import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

// OWASP's argon2id baseline (m=19 MiB, t=2, p=1). Algorithm 2 = argon2id.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing anyone knows, verified when the email is unknown so timing does not tell. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(`decoy-${Math.random()}`);
  return decoyHash;
}

let strength: ZxcvbnFactory | undefined;

/**
 * Rejects common and guessable passwords (zxcvbn's dictionaries of common passwords, names and
 * keyboard patterns), as NIST SP 800-63B asks, instead of composition rules or forced rotation.
 */
export function isStrongPassword(password: string, userInputs: string[] = []): boolean {
  strength ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
  });
  if (password.length < 12) return false;
  // A password built on the person's own name or email is among the first an attacker tries.
  const lowered = password.toLowerCase();
  const personal = userInputs.flatMap((input) => input.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((word) => word.length >= 4);
  if (personal.some((word) => lowered.includes(word))) return false;
  return strength.check(password.slice(0, 100), userInputs).score >= 3;
}
