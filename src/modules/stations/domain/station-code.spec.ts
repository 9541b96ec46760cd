import { baseStationCode, stationCodeCandidates } from './station-code.js';

describe(baseStationCode.name, () => {
  it.each([
    ['San Jose', 'SJO'],
    ['Sacramento', 'SAC'],
    ['South San Francisco Bay', 'SSF'],
    ['Los Ángeles', 'LAN'],
    ['Xi', 'XIX'],
    ['  ', 'STN'],
    ['123', 'STN'],
  ])('%s -> %s', (name, code) => {
    expect(baseStationCode(name)).toBe(code);
  });
});

describe(stationCodeCandidates.name, () => {
  it('starts with the base and numbers the rest, all matching the database format', () => {
    const candidates = stationCodeCandidates('San Jose');
    expect(candidates.slice(0, 3)).toEqual(['SJO', 'SJO2', 'SJO3']);
    expect(candidates.at(-1)).toBe('SJO99');
    for (const candidate of candidates) expect(candidate).toMatch(/^[A-Z]{3}[0-9]{0,2}$/);
  });
});
