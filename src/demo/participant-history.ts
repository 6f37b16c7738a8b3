import type { Faker } from '@faker-js/faker';
import type { EnrollmentStatus } from '../modules/participants/participants.schema.js';
import { DEFAULT_PHASES } from '../modules/programs/default-phases.js';
import type { PlannedParticipant } from './plan.js';

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The next Tuesday or Thursday (the court's docket days) at least `minDays` away. */
export function nextDocketDay(today: string, minDays: number): string {
  let date = addDays(today, minDays);
  while (![2, 4].includes(new Date(`${date}T00:00:00Z`).getUTCDay())) date = addDays(date, 1);
  return date;
}

type History = Pick<
  PlannedParticipant['enrollment'],
  | 'referredOn'
  | 'status'
  | 'statusSince'
  | 'currentPhaseIndex'
  | 'phaseStartedOn'
  | 'nextCourtDate'
  | 'statusHistory'
  | 'phaseHistory'
> & { admittedOn: string | null; exitOn: string | null };

const EXIT_REASONS: Partial<Record<EnrollmentStatus, string[]>> = {
  graduated: ['Completed all phases; graduation ceremony held'],
  neutral_discharge: ['Moved out of the county; referred to the program there', 'Medical condition requiring long-term care'],
  terminated: ['New felony charge; terminated after a hearing with counsel'],
  absconded: ['No contact with the team for three weeks; warrant requested'],
};

/**
 * A plausible course through the program ending in `status` (and, when in the program, in phase
 * `phaseIndex`), with dates working backwards from today: each completed phase lasts at least its
 * minimum length.
 */
export function planHistory(options: {
  faker: Faker;
  today: string;
  status: EnrollmentStatus;
  phaseIndex: number;
  daysInPhase?: number;
  uuid: () => string;
}): History {
  const { faker, today, status, uuid } = options;
  const days = (min: number, max: number) => faker.number.int({ min, max });
  if (status === 'referred' || status === 'screening') {
    const referredOn = addDays(today, -days(2, 20));
    const statusHistory: History['statusHistory'] = [
      { id: uuid(), from: null, to: 'referred', on: referredOn, reason: 'Referred by the court' },
    ];
    let statusSince = referredOn;
    if (status === 'screening') {
      statusSince = addDays(referredOn, days(1, 2));
      statusHistory.push({
        id: uuid(),
        from: 'referred',
        to: 'screening',
        on: statusSince,
        reason: 'Eligibility screening and risk–need triage scheduled',
      });
    }
    return {
      referredOn,
      status,
      statusSince,
      currentPhaseIndex: null,
      phaseStartedOn: null,
      nextCourtDate: nextDocketDay(today, days(1, 10)),
      statusHistory,
      phaseHistory: [],
      admittedOn: null,
      exitOn: null,
    };
  }
  const closed = status === 'graduated' || status === 'neutral_discharge' || status === 'terminated';
  const lastIndex = status === 'graduated' ? DEFAULT_PHASES.length - 1 : options.phaseIndex;
  const exitOn = closed ? addDays(today, -days(5, 240)) : null;
  const endOfLast = exitOn ?? today;
  const daysInLast =
    options.daysInPhase ??
    (closed ? DEFAULT_PHASES[lastIndex]!.minDays + days(0, 30) : days(1, DEFAULT_PHASES[lastIndex]!.minDays + 40));
  const starts: string[] = [];
  starts[lastIndex] = addDays(endOfLast, -daysInLast);
  for (let i = lastIndex - 1; i >= 0; i--) starts[i] = addDays(starts[i + 1]!, -(DEFAULT_PHASES[i]!.minDays + days(0, 45)));
  const admittedOn = starts[0]!;
  const referredOn = addDays(admittedOn, -days(7, 21));
  const statusHistory: History['statusHistory'] = [
    { id: uuid(), from: null, to: 'referred', on: referredOn, reason: 'Referred by the court' },
    { id: uuid(), from: 'referred', to: 'screening', on: addDays(referredOn, days(1, 3)), reason: 'Eligibility screening' },
    { id: uuid(), from: 'screening', to: 'active', on: admittedOn, reason: 'Admitted; agreement signed' },
  ];
  const phaseHistory: History['phaseHistory'] = starts.map((startedOn, index) => ({
    id: uuid(),
    phaseIndex: index,
    startedOn,
    endedOn: index < lastIndex ? starts[index + 1]! : exitOn,
    reason: index === 0 ? 'Admitted' : 'Advancement criteria met',
  }));
  let statusSince = admittedOn;
  if (status !== 'active') {
    const on = status === 'absconded' ? addDays(today, -days(3, 20)) : exitOn!;
    statusHistory.push({
      id: uuid(),
      from: 'active',
      to: status,
      on,
      reason: faker.helpers.arrayElement(EXIT_REASONS[status] ?? ['Status changed']),
    });
    statusSince = on;
  }
  return {
    referredOn,
    status,
    statusSince,
    currentPhaseIndex: lastIndex,
    phaseStartedOn: starts[lastIndex]!,
    nextCourtDate: status === 'active' ? nextDocketDay(today, days(1, lastIndex < 2 ? 14 : 28)) : null,
    statusHistory,
    phaseHistory,
    admittedOn,
    exitOn: closed ? exitOn : null,
  };
}
