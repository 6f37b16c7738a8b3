import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localeFromHeader, translator, zodIssueMessage } from './i18n.js';
import { en } from './messages.en.js';
import { es } from './messages.es.js';

describe('server messages', () => {
  it('has a Spanish message for every English one', () => {
    expect(Object.keys(es.errors).sort()).toEqual(Object.keys(en.errors).sort());
    for (const [key, value] of Object.entries(es.errors)) expect(value, key).not.toBe('');
  });

  it('has a message for every error key the server code names', () => {
    const root = join(import.meta.dirname, '../..');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('web'),
    );
    const named = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(join(root, file), 'utf8').matchAll(/'errors\.([a-z_]+)'/g)) named.add(match[1]!);
    }
    expect(named.size).toBeGreaterThan(50);
    expect([...named].filter((key) => !(key in en.errors)).sort()).toEqual([]);
  });

  it('interpolates parameters', () => {
    expect(translator('es')('errors.locked', { minutes: 15 })).toContain('15 minutos');
  });

  it.each([
    [undefined, 'en'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,es;q=0.5', 'es'],
    ['de,en;q=0.1,es;q=0.5', 'es'],
    ['zz', 'en'],
  ])('Accept-Language %s → %s', (header, locale) => {
    expect(localeFromHeader(header)).toBe(locale);
  });

  it('translates Zod’s own messages and the schema’s custom ones', () => {
    const result = z
      .object({ name: z.string().min(3), pw: z.string().min(12, 'Use at least 12 characters.') })
      .safeParse({ name: 'a', pw: 'b' });
    const [nameIssue, pwIssue] = result.error!.issues;
    expect(zodIssueMessage(nameIssue as never, 'es')).toMatch(/Demasiado pequeño/);
    expect(zodIssueMessage(nameIssue as never, 'en')).toMatch(/Too small/);
    expect(zodIssueMessage(pwIssue as never, 'es')).toBe('Use al menos 12 caracteres.');
  });
});
