import type { EnrollmentStatus, TeamRole } from '../modules/participants/participants.schema.js';
import { DEFAULT_PHASES } from '../modules/programs/default-phases.js';
import type { Role } from '../modules/users/users.schema.js';
import { type ConsentVariant, planConsents, standardTemplates } from './consent-plan.js';
import { planGoals } from './goals-plan.js';
import { planMonitoring } from './monitoring-plan.js';
import { planHistory } from './participant-history.js';
import { emailFor, makeFakers, plannedIdentity } from './people.js';
import type { Plan, PlannedParticipant } from './plan.js';

/** The demo sign-in accounts, one per role, printed at start and listed in the README. */
export const DEMO_ACCOUNTS: { email: string; role: Role; org: string; name: string }[] = [
  { email: 'admin@riverbend.example', role: 'admin', org: 'court', name: 'Alex Admin' },
  { email: 'judge@riverbend.example', role: 'judge', org: 'court', name: 'Judge Maria Delgado' },
  { email: 'coordinator@riverbend.example', role: 'coordinator', org: 'court', name: 'Chris Coordinator' },
  { email: 'counselor@riverbend.example', role: 'treatment_provider', org: 'provider', name: 'Dana Counselor' },
  { email: 'counselor2@riverbend.example', role: 'treatment_provider', org: 'provider', name: 'Sam Okafor' },
  { email: 'probation@riverbend.example', role: 'probation_officer', org: 'probation', name: 'Pat Probation' },
  { email: 'casemanager@riverbend.example', role: 'case_manager', org: 'court', name: 'Casey Manager' },
  { email: 'peer@riverbend.example', role: 'peer_specialist', org: 'partner', name: 'Jordan Peer' },
  { email: 'defense@riverbend.example', role: 'defense_attorney', org: 'defense', name: 'Devon Defense' },
  { email: 'prosecutor@riverbend.example', role: 'prosecutor', org: 'prosecution', name: 'Morgan Prosecutor' },
  { email: 'evaluator@riverbend.example', role: 'evaluator', org: 'court', name: 'Evan Evaluator' },
  { email: 'privacy@riverbend.example', role: 'privacy_officer', org: 'provider', name: 'Priya Privacy Officer' },
  { email: 'coordinator@lakeside.example', role: 'coordinator', org: 'lakeside', name: 'Lee Lakeside' },
  { email: 'judge@lakeside.example', role: 'judge', org: 'lakeside', name: 'Judge Ray Whitfield' },
];

/** The Riverbend participants: status, phase (1-based) and how many. */
const RIVERBEND_MIX: { status: EnrollmentStatus; phase: number; count: number }[] = [
  { status: 'referred', phase: 0, count: 2 },
  { status: 'screening', phase: 0, count: 2 },
  { status: 'active', phase: 1, count: 6 },
  { status: 'active', phase: 2, count: 6 },
  { status: 'active', phase: 3, count: 6 },
  { status: 'active', phase: 4, count: 3 },
  { status: 'active', phase: 5, count: 3 },
  { status: 'absconded', phase: 2, count: 1 },
  { status: 'graduated', phase: 5, count: 2 },
  { status: 'neutral_discharge', phase: 2, count: 1 },
  { status: 'terminated', phase: 3, count: 1 },
];

/**
 * The demo deployment: Riverbend County Treatment Court with its treatment provider, probation,
 * defense, prosecution and a harm-reduction partner; a smaller second court (Lakeside) shows that
 * courts are isolated. About 40 synthetic participants, Anthony among them.
 */
export function demoPlan(today: string, seed = 2026): Plan {
  const fakers = makeFakers(seed);
  const { english: faker } = fakers;
  const uuid = () => faker.string.uuid();
  const org = {
    court: uuid(),
    provider: uuid(),
    probation: uuid(),
    defense: uuid(),
    prosecution: uuid(),
    partner: uuid(),
    lakeside: uuid(),
    lakesideProvider: uuid(),
  };
  const plan: Plan = {
    organizations: [
      {
        id: org.court,
        name: 'Riverbend County Treatment Court',
        kind: 'court',
        timeZone: 'America/Chicago',
        part2Program: false,
      },
      {
        id: org.provider,
        name: 'Riverbend Recovery Services',
        kind: 'treatment_provider',
        timeZone: 'America/Chicago',
        part2Program: true,
        partnerOf: org.court,
      },
      {
        id: org.probation,
        name: 'Riverbend County Probation',
        kind: 'probation',
        timeZone: 'America/Chicago',
        part2Program: false,
        partnerOf: org.court,
      },
      {
        id: org.defense,
        name: 'Riverbend Public Defender',
        kind: 'defense',
        timeZone: 'America/Chicago',
        part2Program: false,
        partnerOf: org.court,
      },
      {
        id: org.prosecution,
        name: 'Riverbend County Prosecutor',
        kind: 'prosecution',
        timeZone: 'America/Chicago',
        part2Program: false,
        partnerOf: org.court,
      },
      {
        id: org.partner,
        name: 'Harbor Harm Reduction Collective',
        kind: 'community_partner',
        timeZone: 'America/Chicago',
        part2Program: false,
        partnerOf: org.court,
      },
      {
        id: org.lakeside,
        name: 'Lakeside County Veterans Treatment Court',
        kind: 'court',
        timeZone: 'America/New_York',
        part2Program: false,
      },
      {
        id: org.lakesideProvider,
        name: 'Lakeside Behavioral Health',
        kind: 'treatment_provider',
        timeZone: 'America/New_York',
        part2Program: true,
        partnerOf: org.lakeside,
      },
    ],
    users: DEMO_ACCOUNTS.map((account) => ({
      id: uuid(),
      email: account.email,
      displayName: account.name,
      locale: 'en' as const,
      memberships: [{ organizationId: org[account.org as keyof typeof org], role: account.role }],
    })),
    programs: [
      {
        id: uuid(),
        courtId: org.court,
        name: 'Adult Drug Court',
        track: 'adult_drug',
        description: 'Post-plea adult treatment court for high-risk, high-need participants.',
        phaseIds: DEFAULT_PHASES.map(() => uuid()),
      },
      {
        id: uuid(),
        courtId: org.court,
        name: 'DWI Court',
        track: 'dwi',
        description: 'Repeat impaired-driving cases; continuous alcohol monitoring in the first phase.',
        phaseIds: DEFAULT_PHASES.map(() => uuid()),
      },
      {
        id: uuid(),
        courtId: org.lakeside,
        name: 'Veterans Treatment Court',
        track: 'veterans',
        description: 'Veterans with substance use or mental health needs; VA mentors on the team.',
        phaseIds: DEFAULT_PHASES.map(() => uuid()),
      },
    ],
    participants: [],
  };
  const user = (email: string) => plan.users.find((u) => u.email === email)!;
  const [adultDrug, dwi, veterans] = plan.programs as [Plan['programs'][0], Plan['programs'][0], Plan['programs'][0]];
  plan.consentTemplates = [
    ...standardTemplates(uuid, adultDrug.id, org.provider),
    ...standardTemplates(uuid, dwi.id, org.provider),
    ...standardTemplates(uuid, veterans.id, org.lakesideProvider),
  ];

  const riverbendTeam = (index: number): { email: string; role: TeamRole }[] => [
    { email: 'judge@riverbend.example', role: 'judge' },
    { email: 'coordinator@riverbend.example', role: 'coordinator' },
    { email: index % 2 === 0 ? 'counselor@riverbend.example' : 'counselor2@riverbend.example', role: 'treatment_provider' },
    { email: 'probation@riverbend.example', role: 'probation_officer' },
    { email: 'defense@riverbend.example', role: 'defense_attorney' },
    { email: 'prosecutor@riverbend.example', role: 'prosecutor' },
    ...(index % 3 === 0 ? [{ email: 'peer@riverbend.example', role: 'peer_specialist' as const }] : []),
    ...(index % 4 === 0 ? [{ email: 'casemanager@riverbend.example', role: 'case_manager' as const }] : []),
  ];

  const add = (options: {
    courtId: string;
    program: Plan['programs'][0];
    casePrefix: string;
    caseIndex: number;
    status: EnrollmentStatus;
    phase: number;
    team: { email: string; role: TeamRole }[];
    identity?: Partial<Omit<PlannedParticipant, 'id' | 'enrollment'>>;
    daysInPhase?: number;
    spanishSpeaking?: boolean;
    consents: { variant: ConsentVariant; providerId: string; attester: string; withNotes: boolean };
  }) => {
    const spanishSpeaking = options.spanishSpeaking ?? faker.number.int({ min: 1, max: 4 }) === 1;
    const identity = { ...plannedIdentity(fakers, { today, spanishSpeaking }), ...options.identity };
    if (options.identity?.firstName && identity.email) identity.email = emailFor(identity.firstName, identity.lastName);
    const history = planHistory({
      faker,
      today,
      status: options.status,
      phaseIndex: Math.max(0, options.phase - 1),
      daysInPhase: options.daysInPhase,
      uuid,
    });
    const teamStart = history.admittedOn ?? history.referredOn;
    const planned: Omit<PlannedParticipant, 'consents' | 'notes'> = {
      id: uuid(),
      ...identity,
      enrollment: {
        id: uuid(),
        programId: options.program.id,
        courtId: options.courtId,
        caseNumber: `${options.casePrefix}-${String(options.caseIndex).padStart(4, '0')}`,
        referralSource: faker.helpers.arrayElement([
          'Judge at arraignment',
          'Defense counsel',
          'Prosecutor',
          'Probation officer',
          'Pretrial services',
        ]),
        ...history,
        team: options.team.map((member) => {
          const u = user(member.email);
          return {
            id: uuid(),
            userId: u.id,
            organizationId: u.memberships[0]!.organizationId,
            role: member.role,
            assignedOn: teamStart,
            endedOn: history.exitOn,
          };
        }),
      },
    };
    const counselor = options.team.find((m) => m.role === 'treatment_provider');
    const templates = plan.consentTemplates!.filter((t) => t.programId === options.program.id);
    const { consents, notes } = planConsents({
      faker,
      uuid,
      today,
      participant: planned,
      providerId: options.consents.providerId,
      counselorId: user(counselor?.email ?? options.consents.attester).id,
      templates: templates.length === 2 ? { justice: templates[0]!.id, defense: templates[1]!.id } : null,
      variant: options.consents.variant,
      withNotes: options.consents.withNotes,
    });
    plan.participants.push({ ...planned, consents, notes });
  };
  const riverbendConsents = (variant: ConsentVariant) => ({
    variant,
    providerId: org.provider,
    attester: 'counselor@riverbend.example',
    withNotes: true,
  });
  /** Which Riverbend cases differ from the standard consent. */
  const RIVERBEND_VARIANTS: Record<number, ConsentVariant> = {
    9: 'refused',
    13: 'expired',
    19: 'expired',
    27: 'expired',
    21: 'partly_revoked',
    24: 'partly_revoked',
  };

  // Anthony, from the scenario every release must handle.
  add({
    courtId: org.court,
    program: adultDrug,
    casePrefix: 'RB-2026',
    caseIndex: 1,
    status: 'active',
    phase: 2,
    daysInPhase: 41,
    team: [...riverbendTeam(0), { email: 'peer@riverbend.example', role: 'peer_specialist' as const }].filter(
      (member, index, all) => all.findIndex((m) => m.email === member.email && m.role === member.role) === index,
    ),
    spanishSpeaking: false,
    consents: riverbendConsents('anthony'),
    identity: {
      firstName: 'Anthony',
      lastName: 'Marsh',
      preferredName: null,
      pronouns: 'he/him',
      gender: 'Man',
      language: 'en',
      raceEthnicity: ['White'],
    },
  });
  let caseIndex = 2;
  for (const group of RIVERBEND_MIX) {
    for (let i = 0; i < group.count; i++) {
      const program = caseIndex % 5 === 0 ? dwi : adultDrug;
      add({
        courtId: org.court,
        program,
        casePrefix: 'RB-2026',
        caseIndex,
        status: group.status,
        phase: group.phase,
        team: riverbendTeam(caseIndex),
        consents: riverbendConsents(
          group.status === 'referred' || group.status === 'screening' ? 'refused' : (RIVERBEND_VARIANTS[caseIndex] ?? 'standard'),
        ),
      });
      caseIndex++;
    }
  }
  const lakesideTeam: { email: string; role: TeamRole }[] = [
    { email: 'judge@lakeside.example', role: 'judge' },
    { email: 'coordinator@lakeside.example', role: 'coordinator' },
  ];
  for (const [index, group] of [
    { status: 'active', phase: 1 },
    { status: 'active', phase: 2 },
    { status: 'active', phase: 2 },
    { status: 'active', phase: 3 },
    { status: 'referred', phase: 0 },
    { status: 'graduated', phase: 5 },
  ].entries()) {
    add({
      courtId: org.lakeside,
      program: veterans,
      casePrefix: 'LK-VTC',
      caseIndex: index + 1,
      status: group.status as EnrollmentStatus,
      phase: group.phase,
      team: lakesideTeam,
      consents: {
        variant: group.status === 'referred' ? 'refused' : 'standard',
        providerId: org.lakesideProvider,
        attester: 'coordinator@lakeside.example',
        withNotes: false,
      },
    });
  }
  // Monitoring: the lab the program uses, testing plans and draws, tests and results, attendance, MOUD.
  plan.labs = [{ id: uuid(), name: 'Riverbend Regional Toxicology', sendingFacility: 'RIVERTOX', organizationId: org.provider }];
  const riverbendActive = plan.participants.filter(
    (p) => p.enrollment.courtId === org.court && p.enrollment.status === 'active' && p.firstName !== 'Anthony',
  );
  planMonitoring(plan, {
    today,
    seed: seed + 1,
    historyDays: 120,
    stories: {
      anthony: plan.participants.find((p) => p.firstName === 'Anthony')!.id,
      disputed: riverbendActive[2]!.id,
      carryOver: riverbendActive[7]!.id,
    },
  });
  // Goals, plans and instruments; Anthony's as the source tells it, and one participant on MOUD whose
  // first draft of the agreement tried to make them taper it (refused by the condition validator).
  const onMoud = riverbendActive.find((p) =>
    p.monitoring?.prescriptions.some((r) => r.medication === 'methadone' || r.medication.startsWith('buprenorphine')),
  );
  planGoals(plan, {
    today,
    seed: seed + 2,
    stories: { anthony: plan.participants.find((p) => p.firstName === 'Anthony')!.id, moudTaper: onMoud?.id },
  });
  return plan;
}
