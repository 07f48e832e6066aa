import { describe, expect, it } from 'vitest';
import { commandHelp, commandUsage, groupHelp, suggest, toolHelp } from './help';
import { defineCommand, defineGroup } from './registry';

const command = defineCommand({
	name: 'communes',
	summary: 'Importe les communes',
	description: 'Lit un fichier GeoJSON.',
	arguments: [
		{ name: 'FICHIER', description: 'GeoJSON des communes' },
		{ name: 'AUTRES', description: 'autres fichiers', required: false, variadic: true }
	],
	options: {
		dryRun: { type: 'boolean', description: 'N’écrit rien' },
		radiusKm: { type: 'number', short: 'r', description: 'Rayon', default: 5, valueName: 'KM' },
		schema: { type: 'string', description: 'Schéma', required: true }
	},
	examples: ['maillage import communes communes.geojson'],
	async run() {}
});
const group = defineGroup({ name: 'import', summary: 'Importe des données', commands: [command] });

describe('help texts', () => {
	it('commandUsage(group, command) shows required and optional arguments', () => {
		expect(commandUsage(group, command)).toBe('maillage import communes [options] <FICHIER> [AUTRES…]');
	});

	it('commandHelp(group, command) lists kebab-case options with value names, defaults and required marks', () => {
		const help = commandHelp(group, command);
		expect(help).toMatch(/^ {6}--dry-run\s+N’écrit rien$/m);
		expect(help).toMatch(/^ {2}-r, --radius-km <KM>\s+Rayon \(défaut : 5\)$/m);
		expect(help).toMatch(/--schema <VALEUR>\s+Schéma \(obligatoire\)$/m);
		expect(help).toContain('Exemples :\n  maillage import communes communes.geojson');
		expect(help).toContain('AUTRES (facultatif)');
	});

	it('groupHelp(group) and toolHelp(groups, version) list commands and groups with their summaries', () => {
		expect(groupHelp(group)).toMatch(/^ {2}communes {2}Importe les communes$/m);
		const tool = toolHelp([group], '1.2.3');
		expect(tool).toContain('maillage 1.2.3');
		expect(tool).toMatch(/^ {2}import {2}Importe des données$/m);
		expect(tool).toContain('MAILLAGE_DATA_DIR');
	});
});

describe('suggest(input, names)', () => {
	const names = ['migrate', 'seed-demo', 'reset', 'status'];
	it('suggest(input, names) proposes a close name or a unique prefix', () => {
		expect(suggest('stauts', names)).toBe('status');
		expect(suggest('migrat', names)).toBe('migrate');
		expect(suggest('seed', names)).toBe('seed-demo');
	});
	it('suggest(input, names) proposes nothing for an unrelated word', () => {
		expect(suggest('export', names)).toBeNull();
	});
});
