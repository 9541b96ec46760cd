import type { SeedStep } from './index.js';
import { DEMO_STATIONS } from './users-and-stations.seed.js';

/** The alerts the demo office hears about: every change to a booking. */
const OFFICE_ALERTS = [
  'booking_created',
  'booking_confirmed',
  'booking_rescheduled',
  'booking_cancelled',
  'booking_expired',
];

/** A demo "Office" notification group per demo station: its admin and manager, by e-mail. */
export const demoNotificationGroupsSeed: SeedStep = {
  name: 'demo notification groups (SEED_DEMO_DATA)',
  async run(dataSource, config) {
    if (!config.seed.demoData) return;
    for (const station of DEMO_STATIONS) {
      await dataSource.query(
        `INSERT INTO notification_groups (station_id, name, alerts, channels, member_user_ids)
         SELECT s.id, 'Office', $2::text[], ARRAY['email'],
                ARRAY(SELECT m.user_id FROM station_members m
                       WHERE m.station_id = s.id AND m.role IN ('station_admin', 'manager') ORDER BY m.user_id)
           FROM stations s WHERE s.code = $1
         ON CONFLICT (station_id, lower(name)) DO NOTHING`,
        [station.code, OFFICE_ALERTS],
      );
    }
  },
};
