import { loggableUrl } from './problem-details.filter.js';

describe(loggableUrl.name, () => {
  it('drops the query string and hides the token of a manage link', () => {
    expect(loggableUrl('/api/v1/bookings/manage/Zm9vYmFyYmF6cXV4cXV1eHh5enp5MTIzNDU2Nzg5MDEy/cancel?x=1')).toBe(
      '/api/v1/bookings/manage/[redacted]/cancel',
    );
    expect(loggableUrl('/api/v1/bookings/manage/abc')).toBe('/api/v1/bookings/manage/[redacted]');
    expect(loggableUrl('/api/v1/bookings?q=ada@example.com')).toBe('/api/v1/bookings');
    expect(loggableUrl('/api/v1/stations/7/availability')).toBe('/api/v1/stations/7/availability');
  });
});
