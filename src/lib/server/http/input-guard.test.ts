import { describe, expect, it } from 'vitest';
import { formProblem, jsonProblem, queryProblem, readForm, readJsonObject, routeParamsProblem } from './input-guard';

const q = (s: string) => queryProblem(new URLSearchParams(s));

describe('queryProblem(params)', () => {
	it('accepts ordinary filters, empty values and numbers in range', () => {
		expect(q('epci=200069854&q=Saint-Jean%20d%E2%80%99Ang%C3%A9ly&page=2&annee=&offset=0&limit=500&ids=1,2,3')).toBeNull();
	});
	it.each([
		['a NUL byte in a text filter', 'epci=%00', 'Paramètre « epci » invalide : sa valeur contient un caractère de contrôle (octet nul ou autre), refusé.'],
		['a NUL byte in a name', 'a%00b=1', 'Paramètre au nom invalide : il contient un caractère de contrôle.'],
		['a line feed', 'auteur=a%0Ab', 'Paramètre « auteur » invalide : sa valeur contient un caractère de contrôle (octet nul ou autre), refusé.'],
		['a huge offset', 'offset=99999999999999999999', 'Paramètre « offset » invalide : « 99999999999999999999 » n’est pas un nombre entier entre 0 et 1\u202f000\u202f000\u202f000.'],
		['a negative offset', 'offset=-1', 'Paramètre « offset » invalide : « -1 » n’est pas un nombre entier entre 0 et 1\u202f000\u202f000\u202f000.'],
		['a huge id in a list', 'ids=1,99999999999', 'Paramètre « ids » invalide : « 99999999999 » n’est pas un nombre entier entre 1 et 2\u202f147\u202f483\u202f647.'],
		['a decimal page', 'page=1.5', 'Paramètre « page » invalide : « 1.5 » n’est pas un nombre entier entre 1 et 1\u202f000\u202f000.']
	])('refuses %s in French', (_, query, message) => {
		expect(q(query)).toBe(message);
	});
	it('lets the sign-in page clean `redirectTo` itself (it falls back to /)', () => {
		expect(q('redirectTo=/%09/evil.example/phish')).toBeNull();
		expect(q('redirectTo=/%0a/x')).toBeNull();
		expect(q(`redirectTo=/${'a'.repeat(2_001)}`)).toMatch(/trop long/);
	});

	it('bounds lengths and counts', () => {
		expect(q(`q=${'a'.repeat(2_001)}`)).toBe('Paramètre « q » trop long : 2\u202f001 caractères pour 2\u202f000 au plus.');
		expect(q(Array.from({ length: 101 }, (_, i) => `p${i}=1`).join('&'))).toBe('Adresse refusée : plus de 100 paramètres.');
		expect(q(`ids=${Array.from({ length: 21 }, (_, i) => i + 1).join(',')}`)).toBe('Paramètre « ids » : 20 valeurs au plus.');
	});
});

describe('routeParamsProblem(params)', () => {
	it('refuses a control character in a route parameter', () => {
		expect(routeParamsProblem({ code: '86194' })).toBeNull();
		expect(routeParamsProblem({ code: '86\u0000194' })).toMatch(/^Élément d’adresse « code » invalide/);
	});
});

describe('formProblem(form) and readForm(request)', () => {
	it('keeps line breaks in texts, refuses NUL bytes and control characters in file names', () => {
		const form = new FormData();
		form.set('decision', 'Première ligne\r\nseconde\tligne');
		expect(formProblem(form)).toBeNull();
		form.set('email', 'admin@demo.invalid\u0000');
		expect(formProblem(form)).toMatch(/^Champ « email » invalide/);
		const upload = new FormData();
		upload.set('fichier', new File(['a;b'], 'a\u0000b.csv'));
		expect(formProblem(upload)).toMatch(/^Nom de fichier du champ « fichier » invalide/);
	});

	it.each([
		['an unterminated file name', 'Content-Disposition: form-data; name="fichier"; filename="abc'],
		['a badly encoded file name', "Content-Disposition: form-data; name=\"fichier\"; filename*=UTF-8''%ZZ.csv"],
		['a part without a name', 'Content-Disposition: form-data; filename="a.csv"'],
		['a NUL byte in a file name', 'Content-Disposition: form-data; name="fichier"; filename="a\u0000b.csv"']
	])('answers 400 in French to %s (a 500 before)', async (_, disposition) => {
		const body = `--x\r\n${disposition}\r\nContent-Type: text/csv\r\n\r\na;b\r\n--x--\r\n`;
		const request = new Request('http://app.test/financements/import', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, body });
		await expect(readForm(request)).rejects.toMatchObject({ status: 400, body: { message: expect.stringMatching(/^(Formulaire illisible|Nom de fichier du champ)/) } });
	});
});

describe('jsonProblem(value) and readJsonObject(request)', () => {
	it('checks every string at any depth', () => {
		expect(jsonProblem({ name: 'a', changes: [{ label: 'x' }] })).toBeNull();
		expect(jsonProblem({ name: 'a', changes: [{ label: 'x\u0000' }] })).toMatch(/« corps\.changes\[0\]\.label »/);
	});
	it.each(['null', '[1]', '"texte"', '{"name":', '{"name":"a\\u0000"}'])('answers 400 to %s', async (body) => {
		const request = new Request('http://app.test/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		await expect(readJsonObject(request)).rejects.toMatchObject({ status: 400 });
	});
});
