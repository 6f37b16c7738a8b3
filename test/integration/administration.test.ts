import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const org = (name: string) => t.plan.organizations.find((o) => o.name === name)!;

describe('organizations', () => {
  it('creates a court with partners; treatment providers are Part 2 programs by default', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const provider = (
      await admin.post('/api/v1/organizations', { name: 'Hillside Recovery', kind: 'treatment_provider' })
    ).json();
    expect(provider).toMatchObject({ kind: 'treatment_provider', part2Program: true, timeZone: 'America/New_York' });
    const court = await admin.post('/api/v1/organizations', {
      name: 'Hillside Family Treatment Court',
      kind: 'court',
      timeZone: 'America/Denver',
      partnerIds: [provider.id],
    });
    expect(court.statusCode).toBe(201);
    expect(court.json().partnerIds).toEqual([provider.id]);
    const list = (await admin.get('/api/v1/organizations')).json().items;
    expect(list.map((o: { name: string }) => o.name)).toContain('Hillside Family Treatment Court');
  });

  it('refuses a court as another court’s partner, partners on a non-court, and an unknown time zone', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const lakeside = org('Lakeside County Veterans Treatment Court');
    const courtPartner = await admin.patch(`/api/v1/organizations/${org('Riverbend County Treatment Court').id}`, {
      partnerIds: [lakeside.id],
    });
    expect(courtPartner.statusCode).toBe(400);
    const providerPartners = await admin.patch(`/api/v1/organizations/${org('Riverbend Recovery Services').id}`, {
      partnerIds: [org('Riverbend County Probation').id],
    });
    expect(providerPartners.statusCode).toBe(400);
    const zone = await admin.post('/api/v1/organizations', { name: 'Nowhere Court', kind: 'court', timeZone: 'Mars/Olympus' });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.fields[0].path).toBe('timeZone');
  });
});

describe('users', () => {
  it('creates a user with several memberships, who then signs in with those roles', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const created = await admin.post('/api/v1/users', {
      email: 'Rae.Both@Riverbend.example',
      displayName: 'Rae Both',
      locale: 'es',
      password: 'lantern-orchard-velvet-9',
      memberships: [
        { organizationId: org('Riverbend Recovery Services').id, role: 'treatment_provider' },
        { organizationId: org('Riverbend County Treatment Court').id, role: 'case_manager' },
      ],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'rae.both@riverbend.example', locale: 'es', mfaEnabled: false });
    const rae = await signIn(t.app, 'rae.both@riverbend.example', 'lantern-orchard-velvet-9');
    const me = (await rae.get('/api/v1/me')).json();
    expect(me.roles.sort()).toEqual(['case_manager', 'treatment_provider']);
    expect(me.capabilities.courtActions['participant.edit']).toEqual([org('Riverbend County Treatment Court').id]);
    // Court staff too: emergency access to treatment records is never offered to the court side.
    expect(me.capabilities.breakGlass).toBe(false);
    const counselor = (await (await signIn(t.app, 'counselor@riverbend.example')).get('/api/v1/me')).json();
    expect(counselor.capabilities).toMatchObject({ breakGlass: true, reviewsBreakGlass: false });
    const privacy = (await (await signIn(t.app, 'privacy@riverbend.example')).get('/api/v1/me')).json();
    expect(privacy.capabilities).toMatchObject({ breakGlass: false, reviewsBreakGlass: true, seesParticipants: false });
    // As court staff, Rae sees the whole court.
    expect((await rae.get('/api/v1/participants')).json().total).toBe(34);
  });

  it('refuses a duplicate email, a weak password and an unknown organization', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const base = {
      displayName: 'X',
      memberships: [{ organizationId: org('Riverbend County Probation').id, role: 'probation_officer' }],
    };
    const duplicate = await admin.post('/api/v1/users', {
      ...base,
      email: 'judge@riverbend.example',
      password: 'lantern-orchard-velvet-9',
    });
    expect(duplicate.statusCode).toBe(409);
    const weak = await admin.post('/api/v1/users', { ...base, email: 'weak@riverbend.example', password: 'password1234' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields[0]).toMatchObject({ path: 'password' });
    const unknownOrg = await admin.post('/api/v1/users', {
      ...base,
      email: 'lost@riverbend.example',
      password: 'lantern-orchard-velvet-9',
      memberships: [{ organizationId: '00000000-0000-4000-8000-000000000000', role: 'judge' }],
    });
    expect(unknownOrg.statusCode).toBe(400);
  });

  it('keeps an admin from disabling themself or dropping their own admin role', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const me = (await admin.get('/api/v1/me')).json();
    expect((await admin.patch(`/api/v1/users/${me.user.id}`, { status: 'disabled' })).statusCode).toBe(409);
    const dropRole = await admin.patch(`/api/v1/users/${me.user.id}`, {
      memberships: [{ organizationId: org('Riverbend County Treatment Court').id, role: 'judge' }],
    });
    expect(dropRole.statusCode).toBe(409);
  });

  it('makes another administrator grant an administrator a role that sees participants', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const me = (await admin.get('/api/v1/me')).json();
    const lakeside = org('Lakeside County Veterans Treatment Court');
    const selfGrant = await admin.patch(`/api/v1/users/${me.user.id}`, {
      memberships: [
        ...me.memberships.map((m: { organizationId: string; role: string }) => ({
          organizationId: m.organizationId,
          role: m.role,
        })),
        { organizationId: lakeside.id, role: 'coordinator' },
      ],
    });
    expect(selfGrant.statusCode).toBe(409);
    expect(selfGrant.json().error.message).toBe('Another administrator must give you a new role.');
  });

  it('lists and filters users for admins only', async () => {
    const admin = await signIn(t.app, 'admin@riverbend.example');
    const judges = (await admin.get('/api/v1/users?role=judge')).json().items;
    expect(judges.map((u: { email: string }) => u.email).sort()).toEqual(['judge@lakeside.example', 'judge@riverbend.example']);
    expect((await (await signIn(t.app, 'coordinator@riverbend.example')).get('/api/v1/users')).statusCode).toBe(403);
  });
});

describe('programs and phases', () => {
  it('creates a program with the standards’ five default phases (coordinator of the court)', async () => {
    const coordinator = await signIn(t.app, 'coordinator@riverbend.example');
    const created = await coordinator.post('/api/v1/programs', {
      courtId: org('Riverbend County Treatment Court').id,
      name: 'Reentry Court',
      track: 'reentry',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().phases.map((p: { name: string }) => p.name)).toEqual([
      'Orientation and stabilization',
      'Clinical stabilization',
      'Pro-social habilitation',
      'Adaptive habilitation',
      'Continuing care',
    ]);
    const lakeside = await signIn(t.app, 'coordinator@lakeside.example');
    expect((await lakeside.get(`/api/v1/programs/${created.json().id}`)).statusCode).toBe(404);
  });

  it('reorders, renames and adds phases; refuses to remove a phase someone is in', async () => {
    const coordinator = await signIn(t.app, 'coordinator@riverbend.example');
    const program = t.plan.programs.find((p) => p.name === 'Adult Drug Court')!;
    const current = (await coordinator.get(`/api/v1/programs/${program.id}`)).json();
    const withoutSecond = current.phases.filter((_: unknown, i: number) => i !== 1);
    const removal = await coordinator.patch(`/api/v1/programs/${program.id}`, { phases: withoutSecond });
    expect(removal.statusCode).toBe(409);
    const reordered = [...current.phases];
    reordered.push({ name: 'Alumni mentoring', minDays: 0, advancementCriteria: 'Optional' });
    reordered[0] = { ...reordered[0], name: 'Orientation' };
    const updated = await coordinator.patch(`/api/v1/programs/${program.id}`, { phases: reordered });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().phases.map((p: { name: string; position: number }) => `${p.position}:${p.name}`)).toEqual([
      '1:Orientation',
      '2:Clinical stabilization',
      '3:Pro-social habilitation',
      '4:Adaptive habilitation',
      '5:Continuing care',
      '6:Alumni mentoring',
    ]);
    // Phase history still names the renamed phase by its id.
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const anthony = t.plan.participants.find((p) => p.firstName === 'Anthony')!;
    const history = (await judge.get(`/api/v1/participants/${anthony.id}`)).json().enrollments[0].phaseHistory;
    expect(history.at(-1).phaseName).toBe('Orientation');
  });

  it('does not let a judge manage programs', async () => {
    const judge = await signIn(t.app, 'judge@riverbend.example');
    const program = t.plan.programs.find((p) => p.name === 'Adult Drug Court')!;
    expect((await judge.patch(`/api/v1/programs/${program.id}`, { name: 'Renamed' })).statusCode).toBe(403);
    const court = t.plan.organizations.find((o) => o.name === 'Riverbend County Treatment Court')!;
    expect((await judge.post('/api/v1/programs', { courtId: court.id, name: 'Judge program', track: 'other' })).statusCode).toBe(
      403,
    );
  });
});
