/** Every table of Tandem, for Drizzle's typed queries and for drizzle-kit's migration generator. */

export * from '../../modules/agreements/agreements.tables.js';
export * from '../../modules/attendance/attendance.tables.js';
export * from '../../modules/auth/auth.tables.js';
export * from '../../modules/consent/consent.tables.js';
export * from '../../modules/goals/goals.tables.js';
export * from '../../modules/instruments/instruments.tables.js';
export * from '../../modules/labs/labs.tables.js';
export * from '../../modules/medications/medications.tables.js';
export * from '../../modules/notes/notes.tables.js';
export * from '../../modules/organizations/organizations.tables.js';
export * from '../../modules/participants/participants.tables.js';
export * from '../../modules/programs/programs.tables.js';
export * from '../../modules/records/records.tables.js';
export * from '../../modules/testing/testing.tables.js';
export * from '../../modules/users/users.tables.js';
export * from '../audit/audit.tables.js';
