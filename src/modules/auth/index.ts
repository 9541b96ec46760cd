// Public surface of the auth module: what other modules may send or ask.
export { EnsureStaffUserCommand, type EnsuredStaffUser } from './commands/ensure-staff-user.command.js';
