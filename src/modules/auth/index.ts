// Public surface of the auth module: what other modules may send or ask.
export { GetUserSummariesQuery, type UserSummary } from './queries/get-user-summaries.query.js';
export { EnsureStaffUserCommand, type EnsuredStaffUser } from './commands/ensure-staff-user.command.js';
