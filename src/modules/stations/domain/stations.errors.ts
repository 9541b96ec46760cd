import { DomainError } from '../../../common/errors/domain-error.js';

export class LastStationAdminError extends DomainError {
  constructor() {
    super('conflict', 'A station needs at least one active station admin; appoint another one first.');
  }
}
