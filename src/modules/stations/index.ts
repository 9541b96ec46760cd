// Public surface of the stations module: what other modules may send or ask.
export { GetUserMembershipsQuery } from './queries/get-user-memberships.query.js';
export { GetStationQuery } from './queries/get-station.query.js';
export type { UserMembership } from './station-member.repository.js';
export type { StationSettings, ServiceArea } from './domain/station-settings.js';
export { ListStationMembersQuery } from './queries/list-station-members.query.js';
export { ListActiveChefIdsQuery } from './queries/list-active-chef-ids.query.js';
