/**
 * A short, human-friendly station code from its name: the initials of its words, filled up from
 * the last word to three letters ("San Jose" -> "SJO", "Sacramento" -> "SAC"). Collisions get a
 * number suffix ("SJO2").
 */
export function baseStationCode(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[^A-Za-z\s]/g, '')
    .toUpperCase()
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return 'STN';
  let code = words
    .map((word) => word[0])
    .join('')
    .slice(0, 3);
  const filler = words[words.length - 1].slice(1) + words.slice(0, -1).join('');
  for (const letter of filler) {
    if (code.length >= 3) break;
    code += letter;
  }
  return code.padEnd(3, 'X');
}

/** The candidates in the order they are tried: SJO, SJO2, SJO3, ... SJO99. */
export function stationCodeCandidates(name: string): string[] {
  const base = baseStationCode(name);
  return [base, ...Array.from({ length: 98 }, (_, index) => `${base}${index + 2}`)];
}
