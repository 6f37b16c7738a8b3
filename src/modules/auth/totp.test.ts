import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { isStrongPassword } from './passwords.js';
import { checkTotp, newTotpSecret, totpUri } from './totp.js';

describe('TOTP', () => {
  it('accepts the current code once and refuses it a second time', async () => {
    const secret = newTotpSecret();
    const code = await generate({ secret });
    const step = await checkTotp({ secret, code, lastStep: null });
    expect(step).toBeTypeOf('number');
    expect(await checkTotp({ secret, code, lastStep: step })).toBeNull();
  });

  it('accepts one step of clock drift, not two', async () => {
    const secret = newTotpSecret();
    const now = new Date();
    const early = await generate({ secret, epoch: Math.floor(now.getTime() / 1000) - 30 });
    const tooEarly = await generate({ secret, epoch: Math.floor(now.getTime() / 1000) - 95 });
    expect(await checkTotp({ secret, code: early, lastStep: null, now })).not.toBeNull();
    expect(await checkTotp({ secret, code: tooEarly, lastStep: null, now })).toBeNull();
  });

  it('refuses malformed codes and names Tandem in the enrolment URI', async () => {
    const secret = newTotpSecret();
    expect(await checkTotp({ secret, code: 'abcdef', lastStep: null })).toBeNull();
    expect(totpUri(secret, 'judge@example.org')).toMatch(/^otpauth:\/\/totp\/Tandem:judge%40example\.org\?.*issuer=Tandem/);
  });
});

describe('password strength', () => {
  it.each([
    ['password1234', false],
    ['qwertyuiop12', false],
    ['short', false],
    ['river-lantern-copper-76', true],
    ['correct horse battery staple', true],
  ])('%s strong: %s', (password, strong) => {
    expect(isStrongPassword(password)).toBe(strong);
  });

  it('refuses a password built from the person’s own email', () => {
    expect(isStrongPassword('dana.counselor2026', ['dana.counselor@riverbend.example', 'Dana Counselor'])).toBe(false);
  });
});
