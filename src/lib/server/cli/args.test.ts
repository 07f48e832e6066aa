import { describe, expect, it } from 'vitest';
import { UsageError, parseCommandArgs, wantsHelp } from './args';
import type { ArgumentSpec, OptionSpecs } from './registry';

const specs = {
	yes: { type: 'boolean', short: 'y', description: 'confirme' },
	schema: { type: 'string', description: 'schéma', default: 'maillage' },
	radiusKm: { type: 'number', description: 'rayon' },
	out: { type: 'string', description: 'fichier' }
} satisfies OptionSpecs;

const file: ArgumentSpec[] = [{ name: 'FICHIER', description: 'le fichier' }];

function usage(fn: () => unknown): string {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(UsageError);
		expect((error as UsageError).exitCode).toBe(2);
		return (error as Error).message;
	}
	throw new Error('no UsageError thrown');
}

describe('parseCommandArgs(argv, specs, args)', () => {
	it('parseCommandArgs([], specs) applies defaults and sets absent booleans to false', () => {
		expect(parseCommandArgs([], specs)).toEqual({ options: { yes: false, schema: 'maillage' }, positionals: [] });
	});

	it('parseCommandArgs(argv, specs) reads --long, --long=value, -y, kebab-case and numbers with a decimal comma', () => {
		const { options } = parseCommandArgs(['-y', '--schema=autre', '--radius-km', '2,5', '--out', 'a.csv'], specs);
		expect(options).toEqual({ yes: true, schema: 'autre', radiusKm: 2.5, out: 'a.csv' });
	});

	it('parseCommandArgs(argv, specs, args) keeps positionals, and everything after -- as positionals', () => {
		expect(parseCommandArgs(['a.csv'], specs, file).positionals).toEqual(['a.csv']);
		expect(parseCommandArgs(['--', '--yes'], specs, file)).toMatchObject({ options: { yes: false }, positionals: ['--yes'] });
	});

	it('parseCommandArgs rejects an unknown option, long or short, in French', () => {
		expect(usage(() => parseCommandArgs(['--verbose'], specs))).toBe('Option inconnue : --verbose');
		expect(usage(() => parseCommandArgs(['-x'], specs))).toBe('Option inconnue : -x');
	});

	it('parseCommandArgs rejects a value given to a boolean and a missing value', () => {
		expect(usage(() => parseCommandArgs(['--yes=non'], specs))).toContain('ne prend pas de valeur');
		expect(usage(() => parseCommandArgs(['--out'], specs))).toBe("L'option --out attend une valeur.");
		expect(usage(() => parseCommandArgs(['--out', '--yes'], specs))).toContain('--out=--yes');
	});

	it('parseCommandArgs accepts "-" (stdin/stdout) as a value', () => {
		expect(parseCommandArgs(['--out', '-'], specs).options.out).toBe('-');
	});

	it('parseCommandArgs rejects a malformed number and a repeated option', () => {
		expect(usage(() => parseCommandArgs(['--radius-km', 'loin'], specs))).toContain('attend un nombre (reçu « loin »)');
		expect(usage(() => parseCommandArgs(['--out=a', '--out=b'], specs))).toContain('plusieurs fois');
	});

	it('parseCommandArgs reports a missing required option, a missing argument and extra arguments', () => {
		const required = { base: { type: 'string', description: 'x', required: true } } satisfies OptionSpecs;
		expect(usage(() => parseCommandArgs([], required))).toBe('Option obligatoire manquante : --base.');
		expect(usage(() => parseCommandArgs([], specs, file))).toBe('Argument manquant : <FICHIER>.');
		expect(usage(() => parseCommandArgs(['a', 'b'], specs, file))).toBe('Argument en trop : « b ».');
	});

	it('parseCommandArgs takes every remaining positional into a variadic last argument', () => {
		const files: ArgumentSpec[] = [{ name: 'FICHIERS', description: 'x', variadic: true }];
		expect(parseCommandArgs(['a', 'b', 'c'], {}, files).positionals).toEqual(['a', 'b', 'c']);
	});
});

describe('wantsHelp(argv)', () => {
	it('wantsHelp(argv) sees -h or --help anywhere before --, not after', () => {
		expect(wantsHelp(['--yes', '-h'])).toBe(true);
		expect(wantsHelp(['a', '--help'])).toBe(true);
		expect(wantsHelp(['--', '--help'])).toBe(false);
		expect(wantsHelp(['--yes'])).toBe(false);
	});
});
