// Public surface of the notifications module: what other modules may send or ask.
export { SendNotificationsCommand } from './commands/send-notifications.command.js';
export { SendStaffAlertCommand } from './commands/send-staff-alert.command.js';
export { RescheduleNotificationsCommand } from './commands/reschedule-notifications.command.js';
export { CancelNotificationsCommand } from './commands/cancel-notifications.command.js';
export { formatEventTime } from './domain/render-notification.js';
export type { NotificationRecipient, NotificationRequest } from './notification-writer.js';
export type { BookingMessageData, StaffAlert, StaffAlertData } from './domain/notification-types.js';
