import type { EnrollmentStatus, TeamRole } from '../modules/participants/participants.schema.js';
import { DEFAULT_PHASES } from '../modules/programs/default-phases.js';
import type { Role } from '../modules/users/users.schema.js';
import { type ConsentVariant, planConsents, standardTemplates } from './consent-plan.js';
import { planGoals } from './goals-plan.js';
import { planMonitoring } from './monitoring-plan.js';
import { planHistory } from './participant-history.js';
import { makeFakers, plannedIdentity } from './people.js';
import type { Plan } from './plan.js';

const STAFF: { key: string; role: Role; org: 'court' | 'provider' | 'probation' | 'defense' | 'prosecution' }[] = [
  { key: 'judge', role: 'judge', org: 'court' },
  { key: 'coordinator', role: 'coordinator', org: 'court' },
  { key: 'casemanager', role: 'case_manager', org: 'court' },
  { key: 'counselor1', role: 'treatment_provider', org: 'provider' },
  { key: 'counselor2', role: 'treatment_provider', org: 'provider' },
  { key: 'counselor3', role: 'treatment_provider', org: 'provider' },
  { key: 'probation1', role: 'probation_officer', org: 'probation' },
  { key: 'probation2', role: 'probation_officer', org: 'probation' },
  { key: 'defense', role: 'defense_attorney', org: 'defense' },
  { key: 'prosecutor', role: 'prosecutor', org: 'prosecution' },
];

/** Status mix of a court's caseload, as weights. */
const STATUS_WEIGHTS: { weight: number; value: EnrollmentStatus }[] = [
  { weight: 70, value: 'active' },
  { weight: 3, value: 'referred' },
  { weight: 3, value: 'screening' },
  { weight: 12, value: 'graduated' },
  { weight: 4, value: 'neutral_discharge' },
  { weight: 5, value: 'terminated' },
  { weight: 3, value: 'absconded' },
];

/**
 * One court's slice of a large synthetic deployment (for benchmarks): the court, its four partner
 * organizations, ten staff, one program with the default phases, and its participants. Users are
 * `<role>@court-NNN.example`.
 */
export function largeCourtPlan(options: { courtNumber: number; participants: number; today: string; seed: number }): Plan {
  const fakers = makeFakers(options.seed + options.courtNumber * 7919);
  const { english: faker } = fakers;
  const uuid = () => faker.string.uuid();
  const n = String(options.courtNumber).padStart(3, '0');
  const domain = `court-${n}.example`;
  const orgs = { court: uuid(), provider: uuid(), probation: uuid(), defense: uuid(), prosecution: uuid() };
  const county = `${faker.location.county().replace(/ County$/, '')} ${n}`;
  const plan: Plan = {
    organizations: [
      {
        id: orgs.court,
        name: `${county} County Treatment Court`,
        kind: 'court',
        timeZone: 'America/Chicago',
        part2Program: false,
      },
      {
        id: orgs.provider,
        name: `${county} Recovery Services`,
        kind: 'treatment_provider',
        timeZone: 'America/Chicago',
        part2Program: true,
        partnerOf: orgs.court,
      },
      {
        id: orgs.probation,
        name: `${county} County Probation`,
        kind: 'probation',
        timeZone: 'America/Chicago',
        part2Program: false,
        partnerOf: orgs.court,
      },
      {
        id: orgs.defense,
        name: `${county} Public Defender`,
        kind: 'defense',
        timeZone: 'America/Chicago',
        part2Program: false,
        partnerOf: orgs.court,
      },
      {
        id: orgs.prosecution,
        name: `${county} County Prosecutor`,
        kind: 'prosecution',
        timeZone: 'America/Chicago',
        part2Program: false,
        partnerOf: orgs.court,
      },
    ],
    users: STAFF.map((s) => ({
      id: uuid(),
      email: `${s.key}@${domain}`,
      displayName: fakers.english.person.fullName(),
      locale: 'en' as const,
      memberships: [{ organizationId: orgs[s.org], role: s.role }],
    })),
    programs: [
      {
        id: uuid(),
        courtId: orgs.court,
        name: 'Adult Drug Court',
        track: 'adult_drug',
        description: 'Adult treatment court.',
        phaseIds: DEFAULT_PHASES.map(() => uuid()),
      },
    ],
    participants: [],
  };
  const staff = new Map(STAFF.map((s, i) => [s.key, plan.users[i]!]));
  const program = plan.programs[0]!;
  plan.consentTemplates = standardTemplates(uuid, program.id, orgs.provider);
  const [justiceTemplate, defenseTemplate] = plan.consentTemplates.map((t) => t.id);
  for (let i = 0; i < options.participants; i++) {
    const drawnStatus = faker.helpers.weightedArrayElement(STATUS_WEIGHTS);
    const drawnPhase = faker.number.int({ min: 1, max: DEFAULT_PHASES.length });
    // The court's first participant has been in the program more than two years (in the last phase for
    // 450 days): the benchmark reads the timeline of a long history.
    const long = i === 0;
    const status = long ? 'active' : drawnStatus;
    const phase = long ? DEFAULT_PHASES.length : drawnPhase;
    const history = planHistory({
      faker,
      today: options.today,
      status,
      phaseIndex: phase - 1,
      uuid,
      ...(long ? { daysInPhase: 450 } : {}),
    });
    const identity = plannedIdentity(fakers, {
      today: options.today,
      spanishSpeaking: faker.number.int({ min: 1, max: 4 }) === 1,
    });
    const team: { key: string; role: TeamRole }[] = [
      { key: 'judge', role: 'judge' },
      { key: 'coordinator', role: 'coordinator' },
      { key: `counselor${(i % 3) + 1}`, role: 'treatment_provider' },
      { key: `probation${(i % 2) + 1}`, role: 'probation_officer' },
      { key: 'defense', role: 'defense_attorney' },
      { key: 'prosecutor', role: 'prosecutor' },
    ];
    const planned = {
      id: uuid(),
      ...identity,
      enrollment: {
        id: uuid(),
        programId: program.id,
        courtId: orgs.court,
        caseNumber: `C${n}-${String(i + 1).padStart(6, '0')}`,
        referralSource: 'Judge at arraignment',
        ...history,
        team: team.map((member) => {
          const u = staff.get(member.key)!;
          return {
            id: uuid(),
            userId: u.id,
            organizationId: u.memberships[0]!.organizationId,
            role: member.role,
            assignedOn: history.admittedOn ?? history.referredOn,
            endedOn: history.exitOn,
          };
        }),
      },
    };
    const variant: ConsentVariant = faker.helpers.weightedArrayElement([
      { weight: 85, value: 'standard' as const },
      { weight: 5, value: 'expired' as const },
      { weight: 5, value: 'partly_revoked' as const },
      { weight: 5, value: 'refused' as const },
    ]);
    const { consents, notes } = planConsents({
      faker,
      uuid,
      today: options.today,
      participant: planned,
      providerId: orgs.provider,
      counselorId: staff.get(`counselor${(i % 3) + 1}`)!.id,
      templates: { justice: justiceTemplate!, defense: defenseTemplate! },
      variant,
      withNotes: true,
      expiredEarlier: variant === 'refused' ? 0 : faker.number.int({ min: 0, max: 2 }),
    });
    plan.participants.push({ ...planned, consents, notes });
  }
  // Monitoring: four weeks of testing and attendance for everyone, two years for the first participant
  // (about 200 tests and 600 attendance events).
  plan.labs = [{ id: uuid(), name: `${county} Toxicology`, sendingFacility: `TOX${n}`, organizationId: orgs.provider }];
  planMonitoring(plan, {
    today: options.today,
    seed: options.seed + options.courtNumber * 7919 + 1,
    historyDays: 28,
    accessionPrefix: `A${n}-`,
    longHistory: { ids: new Set([plan.participants[0]!.id]), days: 730 },
  });
  planGoals(plan, { today: options.today, seed: options.seed + options.courtNumber * 7919 + 2 });
  return plan;
}
