/**
 * The scenario change model: validation of submitted changes, their application to a copy of
 * the structures, and the editor's helpers keeping the list minimal.
 */
import { describe, expect, it } from 'vitest';
import type { CoverageStructure } from '../../src/lib/analysis';
import {
	addSites,
	addStructure,
	applyChanges,
	changeIssueText,
	closeStructure,
	describeChange,
	moveStructure,
	parseScenarioChanges,
	reopenStructure,
	setStructureType,
	setStructureZone,
	type ScenarioChange
} from '../../src/lib/planning';

const structures: CoverageStructure[] = [
	{ id: 1, type: 'EVS', lon: 0.1, lat: 46.1, communeCode: '86001', zoneCommunes: null, agrementStart: '2022-01-01', agrementEnd: '2026-12-31' },
	{ id: 2, type: 'CS', lon: 0.2, lat: 46.2, communeCode: '86002', zoneCommunes: ['86002', '86003'], agrementStart: '2022-01-01', agrementEnd: '2026-12-31', supplyWeight: 2.5 }
];

describe('parseScenarioChanges(value)', () => {
	it('parseScenarioChanges(valid list) keeps every change, sorted zones and trimmed names', () => {
		const { changes, issues } = parseScenarioChanges([
			{ kind: 'add', key: 'n1', type: 'EVS', name: '  EVS de la Vallée ', lon: 0.3, lat: 46.3, communeCode: '86004', zoneCommunes: ['86005', '86004', '86005'] },
			{ kind: 'move', structureId: 1, lon: 0.15, lat: 46.15, communeCode: null },
			{ kind: 'close', structureId: '2' },
			{ kind: 'retype', structureId: 'n1', type: 'CS' },
			{ kind: 'zone', structureId: 1, zoneCommunes: [] }
		]);
		expect(issues).toEqual([]);
		expect(changes).toEqual([
			{ kind: 'add', key: 'n1', type: 'EVS', name: 'EVS de la Vallée', lon: 0.3, lat: 46.3, communeCode: '86004', zoneCommunes: ['86004', '86005'] },
			{ kind: 'move', structureId: '1', lon: 0.15, lat: 46.15, communeCode: null },
			{ kind: 'close', structureId: '2' },
			{ kind: 'retype', structureId: 'n1', type: 'CS' },
			{ kind: 'zone', structureId: '1', zoneCommunes: [] }
		]);
	});

	it('parseScenarioChanges(invalid entries) reports each with its index and drops it', () => {
		const { changes, issues } = parseScenarioChanges([
			{ kind: 'add', key: 'n1', type: 'MJC', name: 'x', lon: 0, lat: 0, communeCode: null },
			{ kind: 'add', key: 'n1', type: 'EVS', name: 'x', lon: 200, lat: 0, communeCode: null },
			{ kind: 'add', key: 'x1', type: 'EVS', name: 'x', lon: 0, lat: 0, communeCode: null },
			{ kind: 'add', key: 'n2', type: 'EVS', name: 'ok', lon: 0, lat: 0, communeCode: null },
			{ kind: 'add', key: 'n2', type: 'EVS', name: 'doublon', lon: 0, lat: 0, communeCode: null },
			{ kind: 'explode', structureId: 1 },
			{ kind: 'close' },
			'close',
			{ kind: 'zone', structureId: 1, zoneCommunes: 'tout' }
		]);
		expect(changes.map((c) => c.kind)).toEqual(['add']);
		expect(issues.map((i) => [i.index, i.code])).toEqual([
			[0, 'invalid_type'],
			[1, 'invalid_point'],
			[2, 'invalid_key'],
			[4, 'duplicate_key'],
			[5, 'unknown_kind'],
			[6, 'invalid_structure_id'],
			[7, 'not_an_object'],
			[8, 'invalid_zone']
		]);
		expect(changeIssueText(issues[0])).toBe('Modification n° 1 : type de structure inconnu « MJC » : CS ou EVS attendu.');
	});

	it('parseScenarioChanges(not a list) refuses the whole value', () => {
		expect(parseScenarioChanges({ kind: 'close' }).issues).toEqual([{ index: null, code: 'not_a_list', params: {} }]);
		expect(parseScenarioChanges(new Array(501).fill({ kind: 'close', structureId: 1 })).issues[0].code).toBe('too_many');
	});
});

describe('applyChanges(structures, changes, date)', () => {
	it('applyChanges(structures, changes) never modifies its input and passes unchanged structures through', () => {
		const frozen = structuredClone(structures);
		const changes: ScenarioChange[] = [
			{ kind: 'move', structureId: '1', lon: 0.5, lat: 46.5, communeCode: '86009' },
			{ kind: 'retype', structureId: '2', type: 'EVS' }
		];
		const applied = applyChanges(structures, changes, '2025-06-01');
		expect(structures).toEqual(frozen);
		expect(applied.structures[0]).toMatchObject({ id: 1, lon: 0.5, lat: 46.5, communeCode: '86009', type: 'EVS' });
		// A retyped structure takes the supply of its new type.
		expect(applied.structures[1]).toMatchObject({ id: 2, type: 'EVS', supplyWeight: null, zoneCommunes: ['86002', '86003'] });
		expect([...applied.touched].sort()).toEqual(['1', '2']);
		const untouched = applyChanges(structures, [{ kind: 'close', structureId: '1' }], null);
		expect(untouched.structures).toEqual([structures[1]]);
		expect(untouched.structures[0]).toBe(structures[1]);
	});

	it('applyChanges(structures, [add]) gives the added structure an agrément in force on the date', () => {
		const add: ScenarioChange = { kind: 'add', key: 'n1', type: 'CS', name: 'Nouveau', lon: 0.3, lat: 46.3, communeCode: null, zoneCommunes: ['86001'] };
		expect(applyChanges(structures, [add], '2025-06-01').structures[2]).toEqual({
			id: 'n1',
			type: 'CS',
			lon: 0.3,
			lat: 46.3,
			communeCode: null,
			zoneCommunes: ['86001'],
			agrementStart: '2025-06-01',
			agrementEnd: '2025-06-01',
			supplyWeight: null
		});
		expect(applyChanges(structures, [add], null).structures[2]).toMatchObject({ agrementStart: '0001-01-01', agrementEnd: '9999-12-31' });
	});

	it('applyChanges(structures, changes on missing or closed structures) ignores them and says why', () => {
		const applied = applyChanges(
			structures,
			[
				{ kind: 'close', structureId: '1' },
				{ kind: 'move', structureId: '1', lon: 0, lat: 46, communeCode: null },
				{ kind: 'retype', structureId: '99', type: 'CS' },
				{ kind: 'zone', structureId: '2', zoneCommunes: [] }
			],
			null
		);
		expect(applied.outcomes).toEqual([
			{ index: 0, applied: true },
			{ index: 1, applied: false, reason: 'closed_structure', target: '1' },
			{ index: 2, applied: false, reason: 'unknown_structure', target: '99' },
			{ index: 3, applied: true }
		]);
		expect(applied.structures).toHaveLength(1);
		expect(applied.structures[0].zoneCommunes).toBeNull();
		expect([...applied.closed]).toEqual(['1']);
	});
});

describe('editing helpers', () => {
	it('addStructure(changes, values) numbers keys n1, n2… and names the structure after its commune', () => {
		let { changes, key } = addStructure([], { type: 'EVS', lon: 0, lat: 46, communeCode: '86001', communeName: 'Brissac' });
		expect(key).toBe('n1');
		({ changes, key } = addStructure(changes, { type: 'CS', lon: 1, lat: 46, communeCode: null }));
		expect(key).toBe('n2');
		expect(changes.map((c) => (c.kind === 'add' ? c.name : ''))).toEqual(['EVS envisagé n° 1 — Brissac', 'Centre social envisagé n° 2']);
	});

	it('moveStructure(changes, id, point, current) edits an added structure in place and keeps one move per existing one', () => {
		let changes = addStructure([], { type: 'EVS', lon: 0, lat: 46, communeCode: null }).changes;
		changes = moveStructure(changes, 'n1', { lon: 0.2, lat: 46.2, communeCode: '86002' });
		expect(changes).toHaveLength(1);
		expect(changes[0]).toMatchObject({ kind: 'add', lon: 0.2, lat: 46.2, communeCode: '86002' });
		changes = moveStructure(changes, '1', { lon: 0.3, lat: 46.3, communeCode: null }, { lon: 0.1, lat: 46.1 });
		changes = moveStructure(changes, '1', { lon: 0.4, lat: 46.4, communeCode: null }, { lon: 0.1, lat: 46.1 });
		expect(changes.filter((c) => c.kind === 'move')).toEqual([{ kind: 'move', structureId: '1', lon: 0.4, lat: 46.4, communeCode: null }]);
		changes = moveStructure(changes, '1', { lon: 0.1, lat: 46.1, communeCode: null }, { lon: 0.1, lat: 46.1 });
		expect(changes.filter((c) => c.kind === 'move')).toEqual([]);
	});

	it('closeStructure(changes, id) removes an added structure and replaces the other changes of an existing one', () => {
		let changes = addStructure([], { type: 'EVS', lon: 0, lat: 46, communeCode: null }).changes;
		changes = setStructureType(changes, '2', 'EVS', 'CS');
		changes = closeStructure(changes, 'n1');
		expect(changes).toEqual([{ kind: 'retype', structureId: '2', type: 'EVS' }]);
		changes = closeStructure(changes, '2');
		expect(changes).toEqual([{ kind: 'close', structureId: '2' }]);
		expect(reopenStructure(changes, '2')).toEqual([]);
	});

	it('setStructureType / setStructureZone(changes, …) drop the change when the value returns to the current one', () => {
		let changes = setStructureType([], '1', 'CS', 'EVS');
		expect(changes).toEqual([{ kind: 'retype', structureId: '1', type: 'CS' }]);
		changes = setStructureType(changes, '1', 'EVS', 'EVS');
		expect(changes).toEqual([]);
		changes = setStructureZone([], '2', ['86003', '86002', '86004'], ['86002', '86003']);
		expect(changes).toEqual([{ kind: 'zone', structureId: '2', zoneCommunes: ['86002', '86003', '86004'] }]);
		expect(setStructureZone(changes, '2', ['86003', '86002'], ['86002', '86003'])).toEqual([]);
	});

	it('addSites(changes, type, sites) appends one add change per proposed site, valid for parseScenarioChanges', () => {
		const changes = addSites([{ kind: 'close', structureId: '1' }], 'EVS', [
			{ name: 'Brissac', lon: 0.1, lat: 46, communeCode: '86001' },
			{ name: 'Lussac', lon: 0.2, lat: 46, communeCode: '86002' }
		]);
		expect(changes.map((c) => c.kind)).toEqual(['close', 'add', 'add']);
		expect(changes[2]).toMatchObject({ key: 'n2', name: 'EVS proposé n° 2 — Lussac', communeCode: '86002' });
		expect(parseScenarioChanges(JSON.parse(JSON.stringify(changes)))).toEqual({ changes, issues: [] });
	});

	it('describeChange(change, names) says what the change does in French', () => {
		const names = (id: string) => (id === '2' ? 'Centre social des Tilleuls' : null);
		const communes = (code: string) => (code === '86001' ? 'Brissac' : null);
		expect(describeChange({ kind: 'close', structureId: '2' }, names)).toBe('Fermeture de Centre social des Tilleuls');
		expect(describeChange({ kind: 'retype', structureId: '7', type: 'CS' }, names)).toBe('structure n° 7 devient un centre social');
		expect(
			describeChange({ kind: 'add', key: 'n1', type: 'EVS', name: 'EVS envisagé n° 1', lon: 0, lat: 0, communeCode: '86001', zoneCommunes: ['86001', '86002'] }, names, communes)
		).toBe('Ajout : EVS envisagé n° 1 (Brissac), zone de 2 communes');
	});
});
