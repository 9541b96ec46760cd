import { execFileSync } from 'node:child_process';
import path from 'node:path';

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

const ROOT = process.cwd();

/** Runs dependency-cruiser with the project's rules over `dir`, as a separate process. */
function violationsIn(cwd: string): Violation[] {
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/.bin/depcruise'),
        'src',
        '--config',
        path.join(ROOT, '.dependency-cruiser.cjs'),
        '--output-type',
        'json',
      ],
      { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' }, maxBuffer: 64 * 1024 * 1024 },
    );
  } catch (error) {
    // depcruise exits non-zero when it finds violations; the report is still on stdout.
    output = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('architecture rules', () => {
  it('hold for the source tree', () => {
    expect(violationsIn(ROOT).map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)).toEqual([]);
  });

  it('catch each kind of violation (the rules themselves work)', () => {
    const found = violationsIn(path.join(ROOT, 'test/fixtures/architecture')).map((v) => `${v.rule.name}: ${v.from}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'module-internals: src/modules/bookings/booking.repository.ts',
        'pure-domain: src/modules/bookings/domain/pricing.ts',
        'no-circular: src/modules/bookings/domain/pricing.ts',
        'kernel-without-features: src/common/money.ts',
      ]),
    );
    expect(found.filter((v) => v.startsWith('module-internals'))).toHaveLength(1);
  });
});
